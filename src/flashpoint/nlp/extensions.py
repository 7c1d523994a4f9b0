"""The Doc attributes flashpoint's components read and write.

Declared when ``flashpoint.nlp`` is first imported, so a component added to a user's own
pipeline (``nlp.add_pipe("flashpoint_actors")``) finds them without any other set-up.
"""
from __future__ import annotations

from spacy.tokens import Doc

#: name -> what it holds (all default to None until a component fills them)
DOC_EXTENSIONS = {
    "published": "article date (datetime.date), set before the pipeline runs",
    "doc_id": "the article's id, set before the pipeline runs",
    "actor_mentions": "list[ActorMention], from flashpoint_actors and flashpoint_coref",
    "quotes": "list[records.QuoteRecord], from flashpoint_quotes",
    "events": "list[records.CodedEvent], from flashpoint_events",
}


def register_extensions() -> None:
    """Declare every attribute of DOC_EXTENSIONS on Doc (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
