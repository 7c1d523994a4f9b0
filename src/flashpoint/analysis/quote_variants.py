"""The same quotation as several outlets print it, and the words only one of them has.

Outlets cut, merge and retouch quotes: one prints "Come get me" and, separately, "I'm waiting
for you here. Don't threaten me ...", another "Come get me, coward! I'm waiting for you here."
Two quotes from different articles of a story are aligned when their speakers agree (the
words of one name are all in the other: "Petro" / "Gustavo Petro" / "Gustavo Petro Urrego";
a quote without a resolved speaker may join a speaker's group) and their normalised
words (``analysis.words``: case and curly/straight apostrophes folded) either

- share a run of at least ``MIN_RUN`` words (or the whole shorter quote, when it has fewer
  but at least two words: containment), and shared runs of two or more words cover at
  least ``MIN_COVER`` of the shorter quote, so a stock phrase ("to the United States") in
  two different quotes of one speaker does not align them, or
- are near-identical as a whole (rapidfuzz ratio >= ``MIN_RATIO``; catches "I am" / "I'm").

Either way the shared runs must hold at least ``MIN_CONTENT`` content words (the similarity
floor): "we will not" in two different statements is grammar, not the same quotation.

Aligned quotes form groups by single link, so both pieces of the first outlet join the one
quote of the second. The difference is word-level: for each article, the content words of
its variants that no other article's variants contain ("coward"; function words such as
"if", "to", "it" are grammar, not a difference worth reporting).

Only words an outlet prints inside quote marks are compared: indirect speech and scare
quotes are paraphrase, not the speaker's words, and a partial quote's record may carry the
reporting clause around its marks ("called the jamming “a deliberate provocation”"), of
which only the marked words are the quotation.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz

from flashpoint.analysis.links import connected_groups
from flashpoint.analysis.words import WORD, content_words, names_agree, words

MIN_RUN = 4
MIN_COVER = 0.5
MIN_RATIO = 85.0
#: The similarity floor: words shared in runs must include a content word, so that two quotes
#: sharing only grammar ("we will not", "and it is") are not shown as one quotation.
MIN_CONTENT = 1
#: Kinds of quote whose words are the speaker's own.
QUOTED_KINDS = {"direct", "partial", "embedded"}
_MARKED = re.compile(r"[“\"«„]([^“”\"«»„]+)[”\"»“]")


def quoted_text(quote: Mapping[str, Any]) -> str:
    """The words within quote marks of a quote record (all of it when it has no marks)."""
    marked = _MARKED.findall(quote["text"])
    return " ".join(marked) if marked else quote["text"]


@dataclass(frozen=True)
class QuoteVariants:
    """One quotation across articles: its variants and, per article, the words only it has."""

    speaker: Mapping[str, Any] | None
    variants: tuple[Mapping[str, Any], ...]
    only_in: tuple[tuple[str, tuple[str, ...]], ...]


def _name(quote: Mapping[str, Any]) -> str:
    return (quote.get("speaker") or {}).get("name") or ""


def same_speaker(a: str, b: str) -> bool:
    """Whether two speakers may be one person (an unknown speaker may be anyone)."""
    return not a or not b or names_agree(a, b)


def speaker_keys(name: str) -> list[str] | None:
    """Blocking keys of ``same_speaker`` (see ``links.connected_groups``): names that agree
    share a word; an unknown speaker may be anyone (None: compared with every quote)."""
    return words(name) if name else None


def same_words(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two quotes' word lists are the same quotation (see the module docstring)."""
    shorter = min(len(a), len(b))
    if shorter < 2:
        return False
    if _share_two_words(a, b):  # a shared run is at least two words long: without one, only the ratio can align
        blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        runs = [block.size for block in blocks]
        shared = [w for block in blocks if block.size >= 2 for w in a[block.a:block.a + block.size]]
        if (max(runs) >= min(MIN_RUN, shorter) and len(shared) >= MIN_COVER * shorter
                and len(content_words(shared)) >= MIN_CONTENT):
            return True
    return (fuzz.ratio(" ".join(a), " ".join(b)) >= MIN_RATIO
            and len(content_words(a if len(a) <= len(b) else b)) >= MIN_CONTENT)


def _share_two_words(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two word lists have two consecutive words in common (much cheaper than aligning them)."""
    return not set(pairwise(a)).isdisjoint(pairwise(b))


def _only_in(variants: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per article (in order), the words of its variants that no other article has."""
    by_doc: dict[str, list[str]] = {}
    for variant in variants:
        by_doc.setdefault(variant["doc_id"], [])
    for variant in sorted(variants, key=lambda v: v["start"]):
        by_doc[variant["doc_id"]].extend(words(quoted_text(variant)))
    result = []
    for doc_id, doc_words in by_doc.items():
        others = {w for other, ws in by_doc.items() if other != doc_id for w in ws}
        unique = tuple(dict.fromkeys(w for w in content_words(doc_words) if w not in others))
        if unique:
            result.append((doc_id, unique))
    return tuple(result)


def marked_parts(text: str, unique: Iterable[str]) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each True when it is a word in ``unique`` (normalised words).

    Every view of a variant (terminal, dashboard, report) highlights the words only its
    outlet has from these pieces, so they agree; joined, the pieces give back ``text``.
    """
    wanted = set(unique)
    parts: list[tuple[str, bool]] = []
    last = 0
    for match in WORD.finditer(text):
        if wanted.intersection(words(match.group())):
            parts += [(text[last:match.start()], False)] if match.start() > last else []
            parts.append((match.group(), True))
            last = match.end()
    return parts + ([(text[last:], False)] if last < len(text) else [])


def align_quotes(quotes: Sequence[Mapping[str, Any]]) -> list[QuoteVariants]:
    """Groups of the same quotation in at least two of the articles of ``quotes``.

    Call it with the quotes of one story; groups come in the order of their first quote.
    """
    quotes = [q for q in quotes if q.get("kind", "direct") in QUOTED_KINDS]
    tokens = [words(quoted_text(q)) for q in quotes]
    names = [_name(q) for q in quotes]

    def linked(i: int, j: int) -> bool:
        return (quotes[i]["doc_id"] != quotes[j]["doc_id"] and same_speaker(names[i], names[j])
                and same_words(tokens[i], tokens[j]))

    result = []
    for group in connected_groups(len(quotes), linked, lambda i: speaker_keys(names[i])):
        members = [quotes[i] for i in group]
        if len({q["doc_id"] for q in members}) < 2:
            continue
        speaker = next((q["speaker"] for q in members if q.get("speaker")), None)
        variants = tuple({"quote_id": q["quote_id"], "doc_id": q["doc_id"], "start": q["start"],
                          "end": q["end"], "text": q["text"]} for q in members)
        result.append(QuoteVariants(speaker, variants, _only_in(variants)))
    return result
