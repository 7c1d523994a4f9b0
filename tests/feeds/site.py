"""A real HTTP server on 127.0.0.1 for the feed tests (started by the fixtures in conftest): feeds, article pages and bad pages.

``/rss.xml`` lists 50 items; most are ordinary article pages, and a few are the failures a
monitor meets in the wild (see ``FAILING``). ``/atom.xml`` is an Atom feed of five more pages;
``/flaky.xml`` adds ``/flaky``, a page that fails a set number of times before it works, and
``/mixed.xml`` adds fifteen pages and two that fail whatever the limits (for the CLI).
Feeds carry an ETag and a Last-Modified date and answer a matching conditional request with
304. Every request is counted by path, with its User-Agent, so tests can assert what was
(and was not) fetched.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ITEMS = 50
#: Item number -> the page path that fails, and how.
FAILING = {7: "/error", 13: "/slow", 21: "/huge", 33: "/escape", 45: "/report.pdf"}
#: An item that redirects (same server) to an ordinary page: followed, not a failure.
REDIRECTED = 40
#: What ``/mixed.xml`` adds to the Atom feed's five pages: 15 more, a 500 and a PDF.
MIXED = ("/error", *(f"/articles/{n}" for n in range(201, 216)), "/report.pdf")
SLOW_SECONDS = 1.5
HUGE_BYTES = 3_000_000
CITIES = ("Lima", "Quito", "Bogotá", "Caracas", "La Paz", "Santiago", "Brasília", "Asunción")
COUNTRIES = ("Peru", "Ecuador", "Colombia", "Venezuela", "Bolivia", "Chile", "Brazil", "Paraguay")


def article_html(number: int) -> str:
    """A distinct article page (its text differs by number, so the store keeps each)."""
    city, country = CITIES[number % len(CITIES)], COUNTRIES[(number * 3 + 1) % len(COUNTRIES)]
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Talks in {city}, report {number}</title>
<meta property="og:site_name" content="Local Wire">
<meta property="article:published_time" content="2026-02-{number % 28 + 1:02d}">
</head><body><nav><a href="/">Home</a></nav><article><h1>Talks in {city}, report {number}</h1>
<p>Officials in {city} said on Monday that talks with {country} would resume after {number + 2}
days of tension along the border, according to report number {number} of this wire.</p>
<p>The foreign minister of {country} welcomed the meeting and called for calm, while
opposition leaders in {city} criticized the government for waiting {number} days.</p>
</article></body></html>"""


def rss(base: str) -> str:
    items = []
    for number in range(1, ITEMS + 1):
        path = FAILING.get(number) or ("/moved" if number == REDIRECTED else f"/articles/{number}")
        items.append(f"<item><title>{escape(f'Report {number}')}</title><link>{base}{path}</link>"
                     f"<pubDate>{formatdate(1767225600 + number * 86400, usegmt=True)}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local Wire</title>'
            f'<link>{base}/</link><description>test feed</description>{"".join(items)}</channel></rss>')


def atom(base: str, extra: tuple[str, ...] = ()) -> str:
    """Five article pages with relative links, then the ``extra`` paths."""
    links = [f"/articles/{n}" for n in range(101, 106)] + list(extra)
    entries = "".join(
        f'<entry><title>Atom report {i}</title><link rel="alternate" href="{link}"/>'
        f"<id>urn:report:{i}</id><updated>2026-03-0{i}T08:00:00Z</updated></entry>"
        for i, link in enumerate(links, start=1))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Atom Desk</title><id>urn:atom-desk</id><updated>2026-03-05T08:00:00Z</updated>'
            f'<link href="{base}/atom.xml" rel="self"/>{entries}</feed>')


class FeedSite:
    """The server's routes and request log; ``url(path)`` is an absolute URL on it."""

    ETAG = '"feed-v1"'
    LAST_MODIFIED = "Sun, 01 Mar 2026 08:00:00 GMT"

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        #: Set by the fixture: another loopback server, the target /escape redirects to.
        self.other: FeedSite | None = None
        self.flaky_failures = 0

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.hits[self.path] += 1
                site.user_agents.append(self.headers.get("User-Agent", ""))
                try:
                    site.respond(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose (size cap, timeout)

        return Handler

    def respond(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        routes: dict[str, Callable[[], None]] = {
            "/rss.xml": lambda: self._feed(request, rss(self.base), "application/rss+xml"),
            "/atom.xml": lambda: self._feed(request, atom(self.base), "application/atom+xml"),
            "/flaky.xml": lambda: self._feed(request, atom(self.base, ("/flaky",)), "application/atom+xml"),
            "/mixed.xml": lambda: self._feed(request, atom(self.base, MIXED), "application/atom+xml"),
            "/error": lambda: self._send(request, 500, "text/plain", b"boom"),
            "/slow": lambda: (time.sleep(SLOW_SECONDS), self._page(request, 13)),
            "/trickle": lambda: self._trickle(request),
            "/huge": lambda: self._huge(request),
            "/escape": lambda: self._redirect(request, f"{self.other.base if self.other else ''}/articles/1"),
            "/moved": lambda: self._redirect(request, f"/articles/{REDIRECTED}"),
            "/loop": lambda: self._redirect(request, "/loop"),
            "/report.pdf": lambda: self._send(request, 200, "application/pdf", b"%PDF-1.4 not html"),
            "/not-a-feed": lambda: self._send(request, 200, "text/html", b"<html><body>hi</body></html>"),
            "/flaky": lambda: self._flaky(request),
        }
        if path in routes:
            routes[path]()
        elif path.startswith("/articles/") and path.rsplit("/", 1)[1].isdigit():
            self._page(request, int(path.rsplit("/", 1)[1]))
        else:
            self._send(request, 404, "text/plain", b"not found")

    def _send(self, request: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(body)

    def _page(self, request: BaseHTTPRequestHandler, number: int) -> None:
        self._send(request, 200, "text/html; charset=utf-8", article_html(number).encode("utf-8"))

    def _feed(self, request: BaseHTTPRequestHandler, xml: str, content_type: str) -> None:
        if request.headers.get("If-None-Match") == self.ETAG:
            request.send_response(304)
            request.send_header("ETag", self.ETAG)
            request.end_headers()
            return
        self._send(request, 200, content_type, xml.encode("utf-8"),
                   {"ETag": self.ETAG, "Last-Modified": self.LAST_MODIFIED})

    def _redirect(self, request: BaseHTTPRequestHandler, location: str) -> None:
        self._send(request, 302, "text/plain", b"", {"Location": location})

    def _huge(self, request: BaseHTTPRequestHandler) -> None:
        """A page that never says how long it is and goes on for megabytes."""
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        chunk = b"<p>" + b"filler " * 1400 + b"</p>\n"
        sent = 0
        while sent < HUGE_BYTES:
            request.wfile.write(chunk)
            sent += len(chunk)

    def _trickle(self, request: BaseHTTPRequestHandler) -> None:
        """Bytes arrive in time for every read, but the whole page takes too long."""
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(20):
            request.wfile.write(b"<p>slowly</p>")
            request.wfile.flush()
            time.sleep(0.1)

    def _flaky(self, request: BaseHTTPRequestHandler) -> None:
        """Fails the first ``flaky_failures`` times, then serves an article."""
        if self.hits["/flaky"] <= self.flaky_failures:
            self._send(request, 503, "text/plain", b"try later")
        else:
            self._page(request, 77)

    def reset(self) -> None:
        self.hits.clear()
        self.user_agents.clear()
        self.flaky_failures = 0

    def start(self) -> None:
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
