"""flashpoint_actors: find actor mentions (placeholder until the KB-driven version lands)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("flashpoint_actors")
def make_actors(nlp: Language, name: str) -> "ActorFinder":
    return ActorFinder()


class ActorFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_mentions = []
        return doc
