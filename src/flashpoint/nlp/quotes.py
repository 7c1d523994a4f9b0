"""flashpoint_quotes: direct and indirect quotes with speakers (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("flashpoint_quotes")
def make_quotes(nlp: Language, name: str) -> "QuoteFinder":
    return QuoteFinder()


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
