"""Actor mentions: the one shape every component uses to talk about who is in a text.

The actor component finds named actors, the coreference component adds pronouns and
descriptions pointing back at them; events and quotes only ever read this list, so
improving either finder improves every downstream record at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ActorMention:
    """One mention of an actor, with token and character offsets into its Doc."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    name: str | None = None
    country: str | None = None
    code: str | None = None
    sector: str | None = None
    kind: str = "state"
    resolved_from: int | None = None

    def as_actor(self) -> dict[str, Any]:
        """The record form of this actor (see schemas/event.schema.json)."""
        return {
            "name": self.name,
            "text": self.text,
            "start": self.start_char,
            "end": self.end_char,
            "country": self.country,
            "code": self.code,
            "sector": self.sector,
        }
