"""flashpoint_paragraphs: a line break ends a sentence.

News text puts headings, datelines, captions and embedded posts on lines of their own, with no
closing full stop; the parser then runs a heading into the next sentence, and an event's
evidence sentence swallows the heading. Marking the line-break token as a sentence start (the
parser keeps preset boundaries) fixes that for every later component. (Marking the word after
the break instead makes the small English parser split that word off on its own.)
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("flashpoint_paragraphs")
def mark_line_starts(doc: Doc) -> Doc:
    """Start a sentence at every whitespace token holding a newline (the tokenizer makes
    line breaks tokens of their own; only plain spaces become trailing whitespace)."""
    for token in doc[1:]:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = True
    return doc
