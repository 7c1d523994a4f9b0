"""The Article: what ingestion hands to the NLP pipeline, with its provenance."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Identity of an article: a hash of its normalised text.

    Normalising (NFC, case-folded, whitespace collapsed) means the same story saved twice,
    re-encoded or re-wrapped, is recognised as one article and stored once.
    """
    normal = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def doc_id_for(text: str, given: object = None, path: str | None = None) -> str:
    """The one doc-id scheme: the id the input gives (a JSON record's ``id``, the API's
    ``doc_id``), else the file name when the article is a whole file, else ``doc-`` and the
    content hash (stdin, JSON records without an id, API posts), so the same text gets the
    same id whichever way it comes in."""
    if given:
        return str(given)
    if path:
        return Path(path).name
    return "doc-" + content_hash(text)[:16]


@dataclass
class Article:
    """One news article; ``text`` is exactly what every character offset indexes into."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    published_text: str | None = None
    source_path: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def content_hash(self) -> str:
        """Hashed once: the store asks for it before and while saving."""
        return content_hash(self.text)
