"""flashpoint_events: who did what to whom (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("flashpoint_events")
def make_events(nlp: Language, name: str) -> "EventCoder":
    return EventCoder()


class EventCoder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
