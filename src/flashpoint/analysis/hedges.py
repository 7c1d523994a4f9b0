"""Hedges: where a reporter marks a claim as unproven ("without presenting evidence", "allegedly").

A hedge changes what an event or quote is worth: "Trump accused Petro, without presenting
evidence, of ..." is an accusation, not a finding. The patterns are data
(``data/lexicon/hedges.tsv``). A hedge qualifies every event whose sentence contains it and
every quote whose sentence contains it; a quote's sentence runs from the sentence where the
quote (or its cue, if earlier) starts to the one where it ends, since quoted words may hold
full stops of their own. Hedges next to nothing that was extracted are kept, unattached,
because the claim they mark is still worth a reader's look.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flashpoint.datafiles import tsv_rows

# A full stop, ! or ? (maybe closing a quotation) then space and a capital, unless the stop
# ends an initial or a common title ("U.S. President", "Mr. Petro"); or a line break.
_BOUNDARY = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bSen)(?<!\bRep)"
    r"([.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n")


@dataclass(frozen=True)
class Hedge:
    doc_id: str
    start: int
    end: int
    text: str
    kind: str
    sentence: str
    qualifies: str | None
    qualifies_kind: str | None
    claim: str | None


@lru_cache(maxsize=1)
def hedge_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The compiled patterns of hedges.tsv with their kind."""
    return tuple((re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE), row["kind"])
                 for row in tsv_rows("lexicon/hedges.tsv", ("pattern", "kind")))


@lru_cache(maxsize=4)
def _boundary_ends(text: str) -> list[int]:
    """Where each sentence boundary of ``text`` ends, computed once per article (every quote
    and hedge of it asks)."""
    return [m.end() for m in _BOUNDARY.finditer(text)]


def sentence_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentences of ``text`` that hold ``[start, end)``."""
    ends = _boundary_ends(text)
    index = bisect_right(ends, start)
    left = ends[index - 1] if index else 0
    after = _BOUNDARY.search(text, max(start, end - 1))
    return left, (after.end(1) if after.group(1) else after.start()) if after else len(text)


def _quote_extent(text: str, quote: Mapping[str, Any]) -> tuple[int, int]:
    cue = quote.get("cue") or {}
    start = min(quote["start"], cue.get("start", quote["start"]))
    end = max(quote["end"], cue.get("end", quote["end"]))
    return sentence_extent(text, start, end)


def _event_claim(event: Mapping[str, Any]) -> str:
    """How an event is named beside its hedge: the CAMEO name and the trigger word."""
    trigger = (event.get("trigger") or {}).get("text")
    name = event.get("cameo_name") or event.get("cameo", "")
    return f"{name} ({trigger})" if trigger else name


def find_hedges(doc_id: str, text: str, events: Iterable[Mapping[str, Any]],
                quotes: Iterable[Mapping[str, Any]]) -> list[Hedge]:
    """Every hedge of one article, once per event or quote it qualifies (or once, unattached)."""
    if not any(pattern.search(text) for pattern, _ in hedge_patterns()):
        return []  # most articles: no sentence extents to compute
    spans = [(e["sentence"]["start"], e["sentence"]["end"], (e["event_id"], "event", _event_claim(e)))
             for e in events if e.get("doc_id") == doc_id and e.get("sentence")]
    spans += [(*_quote_extent(text, q), (q["quote_id"], "quote", q["text"]))
              for q in quotes if q.get("doc_id") == doc_id]
    found: list[Hedge] = []
    taken: set[tuple[int, int]] = set()
    for pattern, kind in hedge_patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.add((start, end))
            owners: list[tuple[str | None, str | None, str | None]] = [
                owner for s, e, owner in spans if s <= start and end <= e]
            left, right = sentence_extent(text, start, end)
            found += [Hedge(doc_id, start, end, match.group(), kind, text[left:right].strip(), *owner)
                      for owner in owners or [(None, None, None)]]
    return sorted(found, key=lambda h: (h.start, h.qualifies or ""))
