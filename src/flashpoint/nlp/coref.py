"""flashpoint_coref: resolve pronouns and descriptions to actors (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("flashpoint_coref")
def make_coref(nlp: Language, name: str) -> "Coreference":
    return Coreference()


class Coreference:
    def __call__(self, doc: Doc) -> Doc:
        return doc
