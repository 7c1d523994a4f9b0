"""Ingestion: files, HTML, JSON Lines and stdin into Articles with metadata."""
from __future__ import annotations

from flashpoint.ingest.article import Article, content_hash
from flashpoint.ingest.readers import read_inputs

__all__ = ["Article", "content_hash", "read_inputs"]
