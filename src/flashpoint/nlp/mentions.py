"""Actor mentions: the one shape every component uses to talk about who is in a text.

The actor component finds named actors, the coreference component adds pronouns and
descriptions pointing back at them; events and quotes only ever read this list, so
improving either finder improves every downstream record at once.
"""
from __future__ import annotations

from dataclasses import dataclass

from flashpoint.records import Actor, actor

#: The dependency labels of a clause's subject, active and passive: the mention a pronoun most
#: likely points back to (``coref``), and the one a speech verb's speaker is (``attribution``).
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


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
    #: the country is the story's home country, given for want of one in the text
    #: (``coref._localise``), so a named scene may say better where the actor is from
    localised: bool = False

    def as_actor(self) -> Actor:
        """The record form of this actor (see schemas/event.schema.json)."""
        return actor(self.name, self.text, self.start_char, self.end_char, self.country, self.code,
                     self.sector)
