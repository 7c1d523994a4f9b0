"""The same quotation as several outlets print it, and the words only one of them has.

Outlets cut, merge and retouch quotes: one prints "Come get me" and, separately, "I'm waiting
for you here. Don't threaten me ...", another "Come get me, coward! I'm waiting for you here."
Two quotes from different articles of a story are aligned when their speakers agree (same
surname; a quote without a speaker may join a speaker's group) and their normalised words
(``analysis.words``: case and curly/straight apostrophes folded) either

- share a run of at least ``MIN_RUN`` words, or the whole of the shorter quote when it is
  shorter than that but still at least two words long (containment), or
- are near-identical as a whole (rapidfuzz ratio >= ``MIN_RATIO``; catches "I am" / "I'm").

Aligned quotes form groups by single link, so both pieces of the first outlet join the one
quote of the second. The difference is word-level: for each article, the words of its
variants that no other article's variants contain ("coward").
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from flashpoint.analysis.words import words

MIN_RUN = 4
MIN_RATIO = 85.0


@dataclass(frozen=True)
class QuoteVariants:
    """One quotation across articles: its variants and, per article, the words only it has."""

    speaker: Mapping[str, Any] | None
    variants: tuple[Mapping[str, Any], ...]
    only_in: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(v["doc_id"] for v in self.variants))


def _surname(quote: Mapping[str, Any]) -> str | None:
    speaker = quote.get("speaker") or {}
    name = speaker.get("name") or speaker.get("text")
    return words(name)[-1] if name and words(name) else None


def same_words(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two quotes' word lists are the same quotation (see the module docstring)."""
    shorter = min(len(a), len(b))
    if shorter < 2:
        return False
    run = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    return run >= min(MIN_RUN, shorter) or fuzz.ratio(" ".join(a), " ".join(b)) >= MIN_RATIO


def _only_in(variants: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per article (in order), the words of its variants that no other article has."""
    by_doc: dict[str, list[str]] = {}
    for variant in variants:
        by_doc.setdefault(variant["doc_id"], [])
    for variant in sorted(variants, key=lambda v: v["start"]):
        by_doc[variant["doc_id"]].extend(words(variant["text"]))
    result = []
    for doc_id, doc_words in by_doc.items():
        others = {w for other, ws in by_doc.items() if other != doc_id for w in ws}
        unique = tuple(dict.fromkeys(w for w in doc_words if w not in others))
        if unique:
            result.append((doc_id, unique))
    return tuple(result)


def align_quotes(quotes: Sequence[Mapping[str, Any]]) -> list[QuoteVariants]:
    """Groups of the same quotation in at least two of the articles of ``quotes``.

    Call it with the quotes of one story; groups come in the order of their first quote.
    """
    tokens = [words(q["text"]) for q in quotes]
    names = [_surname(q) for q in quotes]
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(quotes)):
        for j in range(i + 1, len(quotes)):
            if (quotes[i]["doc_id"] != quotes[j]["doc_id"]
                    and (names[i] == names[j] or None in (names[i], names[j]))
                    and same_words(tokens[i], tokens[j])):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[Mapping[str, Any]]] = {}
    for i, quote in enumerate(quotes):
        groups.setdefault(root(i), []).append(quote)
    result = []
    for members in groups.values():
        if len({q["doc_id"] for q in members}) < 2:
            continue
        speaker = next((q["speaker"] for q in members if q.get("speaker")), None)
        variants = tuple({"quote_id": q["quote_id"], "doc_id": q["doc_id"], "start": q["start"],
                          "end": q["end"], "text": q["text"]} for q in members)
        result.append(QuoteVariants(speaker, variants, _only_in(variants)))
    return result
