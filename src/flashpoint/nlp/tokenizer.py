"""A guard around spaCy's tokenizer: no whitespace-free run is tokenized longer than a word.

spaCy's tokenizer strips prefixes and suffixes off each whitespace-free chunk one at a time and
copies the rest of the chunk at every step, so its time grows with the square of the chunk's
length: 18,000 commas take 39 s, 63 KB of run-together quote marks minutes (a denial of service
through one article). No word, and hardly a link, is longer than ``MAX_RUN`` characters, so a
longer run is cut into pieces of that length, each tokenized on its own, and the pieces are
joined without whitespace: the Doc's text and every offset stay the input's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

from spacy.tokens import Doc

#: Longer than any word and most links; short enough that tokenizing a piece stays cheap.
MAX_RUN = 64
#: A long run and the whitespace after it, which belongs to the run's last token.
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}\s*")


class BoundedTokenizer:
    """Callable like spaCy's tokenizer (``text -> Doc``), linear in the text's length."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in _pieces(text)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def _pieces(text: str) -> Iterator[str]:
    """``text`` in order, with every run longer than MAX_RUN cut into MAX_RUN-long pieces (the
    last one keeping the whitespace after the run)."""
    done = 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > done:
            yield text[done:match.start()]
        run_end = match.start() + len(match.group().rstrip())
        cuts = list(range(match.start(), run_end, MAX_RUN)) + [match.end()]
        for start, end in pairwise(cuts):
            yield text[start:end]
        done = match.end()
    if done < len(text):
        yield text[done:]
