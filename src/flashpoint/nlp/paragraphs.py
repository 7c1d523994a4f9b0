"""flashpoint_paragraphs: a line break ends a sentence.

News text puts headings, datelines, captions and embedded posts on lines of their own, with no
closing full stop; the parser then runs a heading into the next sentence, and an event's
evidence sentence swallows the heading. Marking the line-break token as a sentence start (the
parser keeps preset boundaries) fixes that for every later component. (Marking the word after
the break instead makes the small English parser split that word off on its own.)

A dateline ("PORT-AU-PRINCE, Haiti (AP) — Another 200 police officers ...") is split off its
first sentence the same way: otherwise the parser makes the place the sentence's subject, and a
place would be coded as the actor of the story's lead event.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

#: A dateline at the start of a line: a place (often in capitals, several joined by "/"),
#: optionally a country, a date and a news agency, then a dash or colon, sometimes the place
#: again: "PORT-AU-PRINCE, Haiti (AP) —", "TBILISI (Reuters) -", "Bogotá, January 6, 2026 —",
#: "New Delhi, Aug 05: New Delhi:".
_DATELINE = re.compile(
    r"(?m)^(?P<line>[A-Z][\w.’'/-]*(?:[ ,/]+[\w.’'-]+){0,6}?\s*(?:\([A-Za-z. ]{1,30}\))?)"
    r"\s*[—–:-]\s*(?:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,2}:\s*)?(?=\S)")
#: What makes the text before the dash a dateline rather than a clause with a dash in it.
_DATELINE_MARK = re.compile(r"\([A-Za-z. ]{1,30}\)|\b(?:19|20)\d\d\b|^[A-Z][A-Z.’'/-]{2,}\b"
                            r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")


@Language.component("flashpoint_paragraphs", assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    """Start a sentence at every whitespace token holding a newline (the tokenizer makes
    line breaks tokens of their own; only plain spaces become trailing whitespace)."""
    for token in doc[1:]:
        if token.is_space and "\n" in token.text:
            token.is_sent_start = True
    for match in _DATELINE.finditer(doc.text):
        if not _DATELINE_MARK.search(match.group("line")):
            continue
        after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            after[0].is_sent_start = True  # the dateline is not part of the first sentence
    return doc
