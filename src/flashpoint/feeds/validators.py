"""Conditional requests: the ETag and Last-Modified a server gave for a URL, sent back next time.

A feed polled every 15 minutes mostly has not changed; with these the server answers
``304 Not Modified`` without a body, which is cheaper for both sides.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Validators:
    """What identifies the version of a resource the monitor already has."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> Validators | None:
        """The response's validators, or None when it gave neither."""
        etag, modified = headers.get("etag"), headers.get("last-modified")
        return cls(etag, modified) if etag or modified else None

    def request_headers(self) -> dict[str, str]:
        """Headers that make the next request conditional on a change."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class ValidatorCache(Protocol):
    """Where validators are remembered per URL (memory, or a DuckDB file across runs)."""

    def get(self, url: str) -> Validators | None: ...

    def put(self, url: str, validators: Validators) -> None: ...


class MemoryValidators:
    """Validators for the life of the process."""

    def __init__(self) -> None:
        self._by_url: dict[str, Validators] = {}

    def get(self, url: str) -> Validators | None:
        return self._by_url.get(url)

    def put(self, url: str, validators: Validators) -> None:
        self._by_url[url] = validators


class ValidatorRows(Protocol):
    """Where validators are kept as plain values (the store's ``FeedState``)."""

    def validators(self, url: str) -> tuple[str | None, str | None] | None: ...

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


class KeptValidators:
    """A ``ValidatorCache`` over rows kept elsewhere (the store), so they outlive the process."""

    def __init__(self, rows: ValidatorRows) -> None:
        self._rows = rows

    def get(self, url: str) -> Validators | None:
        found = self._rows.validators(url)
        return Validators(*found) if found else None

    def put(self, url: str, validators: Validators) -> None:
        self._rows.save_validators(url, validators.etag, validators.last_modified)
