"""Which article URLs the monitor has already ingested, so it never fetches them again."""
from __future__ import annotations

from typing import Protocol


class Seen(Protocol):
    """The memory of ingested URLs; the watch loop needs nothing else from it."""

    def has(self, url: str) -> bool: ...

    def add(self, url: str) -> None: ...


class MemorySeen:
    """For one process (tests, ``--once`` runs that start from an empty store)."""

    def __init__(self) -> None:
        self._urls: set[str] = set()

    def has(self, url: str) -> bool:
        return url in self._urls

    def add(self, url: str) -> None:
        self._urls.add(url)

    def __len__(self) -> int:
        return len(self._urls)
