"""Long articles in chunks: bounded work per Doc, records mapped back to the article's text.

The pipeline's cost per character grows with the length of a Doc (some steps look across the
whole Doc), spaCy refuses a Doc over ``nlp.max_length`` (1,000,000 characters, error E088),
and memory grows with it. So an article longer than ``Settings.chunk_chars`` is processed as
several windows, cut at paragraph boundaries (a blank line, else a line break, else a
sentence end, else a space; a hard cut only in text with no space at all):

- each window *owns* a run of the text, and around it reads up to ``chunk_context``
  characters of the neighbouring paragraphs as context (antecedents of pronouns, a quote's
  speaker in the next paragraph, a quote running across the seam);
- a window keeps an event only when its sentence starts in the owned run, and a quote only
  when it starts there: what two windows both see is kept once, by its owner, and nothing in
  an owned run is lost (``merge``);
- offsets found in a window are moved by the window's start, so every record indexes the
  article's text exactly, as if the article had been one Doc.

An article shorter than ``chunk_chars`` is one window with no context: its records are
exactly those of a whole-Doc run.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

#: Where a window may end, best first: after a blank line, a line break, a sentence end, a space.
_SEAMS = (re.compile(r"\n[ \t\r]*\n\s*"), re.compile(r"\n\s*"),
          re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))

Found = dict[str, Any]


@dataclass(frozen=True)
class Window:
    """``text[start:end]`` goes through the pipeline; records starting in ``own_start:own_end`` are kept."""

    start: int
    end: int
    own_start: int
    own_end: int

    def owns(self, offset: int) -> bool:
        return self.own_start <= offset < self.own_end


def _last_seam(text: str, low: int, high: int) -> int | None:
    """The best place to cut ``text`` between ``low`` and ``high``: the end of the last match
    of the best kind of seam found there."""
    for seam in _SEAMS:
        last = max((match.end() for match in seam.finditer(text, low, high)), default=None)
        if last is not None and last > low:
            return last
    return None


def _cuts(text: str, size: int) -> list[int]:
    """Offsets where owned runs begin after the first: no run longer than ``size``, each cut
    at the best seam in the second half of the run."""
    cuts, start = [], 0
    while len(text) - start > size:
        start = _last_seam(text, start + size // 2, start + size) or start + size
        cuts.append(start)
    return cuts


def _context_start(text: str, own_start: int, context: int) -> int:
    """Where a window's leading context begins: the first paragraph start (else line start,
    sentence start, word start) within ``context`` characters before its owned run. Starting
    mid-sentence or mid-quotation would make the window pair quotation marks differently."""
    low = max(0, own_start - context)
    if low == 0:
        return 0
    for seam in _SEAMS:
        found = seam.search(text, low, own_start)
        if found:
            return found.end()
    return own_start


def _context_end(text: str, own_end: int, context: int) -> int:
    """Where a window's trailing context ends: the last line break (else space) within
    ``context`` characters after its owned run."""
    high = min(len(text), own_end + context)
    if high == len(text):
        return high
    return _last_seam(text, own_end, high) or own_end


def windows(text: str, size: int, context: int) -> list[Window]:
    """The windows of ``text``: one when it is at most ``size`` characters long."""
    bounds = [0, *_cuts(text, size), len(text)]
    if len(bounds) == 2:
        return [Window(0, len(text), 0, len(text))]
    return [Window(_context_start(text, own_start, context), _context_end(text, own_end, context),
                   own_start, own_end)
            for own_start, own_end in pairwise(bounds)]


def _moved(block: Mapping[str, Any] | None, by: int) -> dict[str, Any] | None:
    """A span or actor block with its ``start`` and ``end`` moved by ``by`` (None stays None)."""
    if block is None:
        return None
    return {**block, **{key: block[key] + by for key in ("start", "end") if block.get(key) is not None}}


def _moved_event(event: Mapping[str, Any], by: int) -> Found:
    """An event of the events component with every offset moved: its sentence and trigger
    spans, its source and target, and the speaker that reports it."""
    modality = dict(event.get("modality") or {})
    if "reported_by" in modality:
        modality["reported_by"] = _moved(modality["reported_by"], by)
    return {**event, "sentence": _moved(event["sentence"], by), "trigger": _moved(event["trigger"], by),
            "source": _moved(event.get("source"), by), "target": _moved(event.get("target"), by),
            "modality": modality}


def _moved_quote(quote: Mapping[str, Any], by: int) -> Found:
    """A quote of the quotes component with every offset moved: itself, its cue, its speaker."""
    return {**quote, "start": quote["start"] + by, "end": quote["end"] + by,
            "cue": _moved(quote.get("cue"), by), "speaker": _moved(quote.get("speaker"), by)}


def merge(parts: Iterable[tuple[Window, list[Found], list[Found]]]) -> tuple[list[Found], list[Found]]:
    """The events and quotes of an article from those of its windows, in article offsets.

    Each record is kept by the window that owns its start. A quote's id becomes its span in the
    article ("start:end"), and an event's ``quote_id`` the span of the quote it was read from,
    so an event kept by one window still points at the quote its neighbour kept.
    """
    events: list[Found] = []
    quotes: list[Found] = []
    for window, window_events, window_quotes in parts:
        span_of: dict[str, str] = {}
        for quote in window_quotes:
            moved = _moved_quote(quote, window.start)
            moved["quote_id"] = span_of[quote["quote_id"]] = f"{moved['start']}:{moved['end']}"
            if window.owns(moved["start"]):
                quotes.append(moved)
        for event in window_events:
            moved = _moved_event(event, window.start)
            if window.owns(moved["sentence"]["start"]):
                moved["quote_id"] = span_of.get(event.get("quote_id") or "")
                events.append(moved)
    return events, quotes
