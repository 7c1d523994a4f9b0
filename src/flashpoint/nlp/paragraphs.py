"""flashpoint_paragraphs: a line break ends a sentence.

News text puts headings, datelines, captions and embedded posts on lines of their own, with no
closing full stop; the parser then runs a heading into the next sentence, and an event's
evidence sentence swallows the heading. Marking the token after a line break as a sentence
start (the parser keeps preset boundaries) fixes that for every later component.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("flashpoint_paragraphs")
def mark_line_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after any whitespace token holding a newline."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
    return doc
