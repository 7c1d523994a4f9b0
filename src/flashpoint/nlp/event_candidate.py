"""The event a trigger gives before its actors are fanned out into records.

Shared by the event coder (which builds and recodes candidates) and :mod:`event_select` (which
scores them), so neither has to import the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from flashpoint.nlp.lexicon import LexEntry
from flashpoint.nlp.mentions import ActorMention


@dataclass
class Candidate:
    """An event found in a sentence before its actors are fanned out into records."""

    trigger: list[Token]
    code: str
    entry: LexEntry | None
    sources: list[ActorMention | None]
    targets: list[ActorMention | None]
    anchor: Token
    nominal: bool = False
    negation_used: bool = False
    speaker: ActorMention | None = None
    depth: int = 0
    consumed: set[int] = field(default_factory=set)
    #: "accused each other": the sources act on one another
    reciprocal: bool = False
    #: "Both blamed each other", "the two sides clashed": the sources are the article's pair
    reciprocal_subject: bool = False
    #: the object is an earlier event ("condemned the strikes"): the root family it refers to
    refers: frozenset[str] | None = None
    #: the cause is an earlier event with no author named ("killed in an air strike"): the
    #: root family whose latest author is the source
    source_refers: frozenset[str] | None = None
    #: the object is a thing with no author named ("denounced the declaration")
    thing_object: bool = False
    #: the force was a bomb or blast nobody is named for ("a roadside bomb killed two soldiers")
    unclaimed_device: bool = False
