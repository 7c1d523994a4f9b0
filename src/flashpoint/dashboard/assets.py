"""Static files, all served from installed packages so nothing is fetched from a CDN.

plotly.js comes from the ``plotly`` package's data, Swagger UI (for /docs) from the
``fastapi_offline`` package's data, and our own stylesheet and script from ``static/``.
Only the names listed here are served, so a request cannot reach any other file. Pages link
them as ``url(name)``, with a hash of the content in the query: a browser may then keep a
file for a year (``CACHE_CONTROL``), since a changed file gets a new URL.
"""
from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

_FILES = {
    "plotly.min.js": ("plotly", "package_data/plotly.min.js"),
    "swagger-ui-bundle.js": ("fastapi_offline", "static/swagger-ui-bundle.js"),
    "swagger-ui.css": ("fastapi_offline", "static/swagger-ui.css"),
    "favicon.png": ("fastapi_offline", "static/favicon.png"),
    "style.css": ("flashpoint.dashboard", "static/style.css"),
    "dashboard.js": ("flashpoint.dashboard", "static/dashboard.js"),
}
#: How long a browser may keep a static file: its URL changes with its content.
CACHE_CONTROL = "public, max-age=31536000, immutable"


def static_file(name: str) -> Path | None:
    """The file served as /static/``name``, or None when the name is not ours to serve."""
    if name not in _FILES:
        return None
    package, path = _FILES[name]
    return Path(str(resources.files(package).joinpath(path)))


@cache
def digest(name: str) -> str:
    """A hash of a static file's content: its version in URLs, and its ETag."""
    path = static_file(name)
    if path is None:
        raise KeyError(name)
    return hashlib.sha1(path.read_bytes()).hexdigest()[:10]


def url(name: str) -> str:
    """The URL of a static file, versioned by its content."""
    return f"/static/{name}?v={digest(name)}"


def read(name: str) -> str:
    """A static text file's content, for inlining into the one-file report."""
    path = static_file(name)
    if path is None:
        raise KeyError(name)
    return path.read_text("utf-8")
