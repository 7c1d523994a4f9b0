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

    def _sentence_number(self, token_i: int) -> int:
        return max(bisect_right(self._sentence_starts, token_i) - 1, 0)

    def token_at(self, char: int) -> Token:
        """The token holding ``char`` (the one before it when ``char`` is whitespace)."""
        return self.doc[max(bisect_right(self._token_starts, char) - 1, 0)]

    def sentence(self, token: Token) -> Span:
        """The sentence ``token`` is in."""
        return self._sentences[self._sentence_number(token.i)]

    def sentence_root(self, token: Token) -> Token:
        """The root of the sentence ``token`` is in (computed once per sentence)."""
        number = self._sentence_number(token.i)
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
            self._text_starts[start] = _BLANK.match(self.text, start).end()
        return self._text_starts[start]

    def heading(self, char: int) -> bool:
        """Whether ``char`` sits on a short line without final punctuation (a section heading),
        decided once per line."""
        start = self.line_start(char)
        if start not in self._headings:
            line = self.text[start:self.line_end(char)].rstrip()
            self._headings[start] = len(line.split()) < _HEADING_WORDS and line[-1:] not in _SENTENCE_END
        return self._headings[start]

    def crosses_line(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a line break."""
        k = bisect_left(self._newlines, start)
        return k < len(self._newlines) and self._newlines[k] < end
