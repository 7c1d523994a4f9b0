"""Positions in one Doc that quote finding asks about again and again, indexed in one pass.

Quote finding asks, once per quote or per cue, which sentence a token is in, where a line
starts or ends and whether a stretch of text crosses a line break. Answered by scanning (spaCy's
``Token.sent`` walks back to the sentence start, ``text.rfind`` back to the line start), those
questions made quote finding quadratic on long sentences and lines; here each is a binary
search over positions collected once.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

_BLANK = re.compile(r"[^\S\n]*")
#: A line shorter than this with no final punctuation is a heading, not prose.
_HEADING_WORDS = 15
_SENTENCE_END = frozenset('.!?:"”’')
#: Place in capitals, then a date and/or a news agency in brackets, then a dash.
_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z.’'/ -]{1,60}?)[ \xa0]*"
                       r"(?P<date>,[^—–\n()]{1,30}?)?[ \xa0]*"
                       r"(?P<agency>\([^()\n]{1,30}\))?[ \xa0]*(?:—|–|(?<=[ \xa0)])--?)[ \xa0]*")


class DocIndex:
    """Sentence and line lookups for one Doc in O(log n)."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self._sentences: list[Span] = list(doc.sents) if len(doc) else []
        self._sentence_starts = [s.start for s in self._sentences]
        self._roots: dict[int, Token] = {}
        self._token_starts = [t.idx for t in doc]
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._text_starts: dict[int, int] = {}
        self._headings: dict[int, bool] = {}
        self._datelines: dict[int, int] = {}

    def sentence_number(self, token_i: int) -> int:
        """Which sentence (counting from 0) token ``token_i`` is in."""
        return max(bisect_right(self._sentence_starts, token_i) - 1, 0)

    def token_at(self, char: int) -> Token:
        """The token holding ``char`` (the one before it when ``char`` is whitespace)."""
        return self.doc[max(bisect_right(self._token_starts, char) - 1, 0)]

    def sentence(self, token: Token) -> Span:
        """The sentence ``token`` is in."""
        return self._sentences[self.sentence_number(token.i)]

    def sentence_root(self, token: Token) -> Token:
        """The root of the sentence ``token`` is in (computed once per sentence)."""
        number = self.sentence_number(token.i)
        if number not in self._roots:
            self._roots[number] = self._sentences[number].root
        return self._roots[number]

    def line_start(self, char: int) -> int:
        """Offset of the first character of the line holding ``char``."""
        k = bisect_left(self._newlines, char)
        return self._newlines[k - 1] + 1 if k else 0

    def line_end(self, char: int) -> int:
        """Offset of the line break ending the line holding ``char`` (or the text's end)."""
        k = bisect_left(self._newlines, char)
        return self._newlines[k] if k < len(self._newlines) else len(self.text)

    def text_start(self, char: int) -> int:
        """Offset of the first non-blank character of the line holding ``char`` (computed once
        per line)."""
        start = self.line_start(char)
        if start not in self._text_starts:
            blank = _BLANK.match(self.text, start)  # always matches, maybe nothing
            self._text_starts[start] = blank.end() if blank else start
        return self._text_starts[start]

    def heading(self, char: int) -> bool:
        """Whether ``char`` sits on a short line without final punctuation (a section heading),
        decided once per line."""
        start = self.line_start(char)
        if start not in self._headings:
            line = self.text[start:self.line_end(char)].rstrip()
            short = len(line.split()) < _HEADING_WORDS
            self._headings[start] = short and line[-1:] not in _SENTENCE_END
        return self._headings[start]

    def in_dateline(self, char: int) -> bool:
        """Whether ``char`` is in the dateline opening its line ("TBILISI (Reuters) -",
        "WASHINGTON, Jan. 5 —", "ABOARD AIR FORCE ONE —"), decided once per line."""
        start = self.text_start(char)
        if start not in self._datelines:
            match = _DATELINE.match(self.text, start, self.line_end(char))
            self._datelines[start] = match.end() if match and _is_dateline(match) else start
        return char < self._datelines[start]

    def crosses_line(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a line break."""
        k = bisect_left(self._newlines, start)
        return k < len(self._newlines) and self._newlines[k] < end


def _is_dateline(match: re.Match[str]) -> bool:
    """A date, an agency or a place name of some length: not "US - China talks"."""
    return bool(match.group("date") or match.group("agency")) or sum(
        ch.isalpha() for ch in match.group("place")) >= 5
