"""When did an event happen: date expressions of its sentence, resolved against the article date.

News reports events relative to the day of publication ("on Sunday", "yesterday", "last
October"), so a date is only meaningful once anchored; an unanchorable expression (no article
date) keeps its absolute parts only. Past tense is assumed: "on Sunday" in a Tuesday article is
the Sunday before, "in October" in a January article is last year's October. When the sentence
names no date, the event is dated by the article itself (``text`` null).

Only the event's own clause counts: a relative clause, apposition or parenthesis that does not
hold the trigger describes an actor, not the event ("Ortega, who led the rebels in the 1980s,
accused ..." is not an event of the 1980s), so ``event_clause`` blanks those out first.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.records import EventDate

#: Dependencies of clauses that describe a participant rather than tell when the event was.
_DESCRIPTIVE_DEPS = frozenset({"relcl", "appos", "prn", "acl"})

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(
    ("January February March April May June July August September October November December").split())}  # noqa: SIM905
for _name, _i in list(_MONTHS.items()):
    _MONTHS[_name[:3]] = _i
_MONTHS["sept"] = 9
_DAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday"))}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[89]|20)\d\d)"

#: (pattern, handler name) in order of preference: the most precise expression wins.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_MONTH_RE}\s+{_DAY_RE}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+{_YEAR_RE})?\b", re.IGNORECASE), "month_day"),
    (re.compile(rf"\b{_DAY_RE}\s+{_MONTH_RE}(?:,?\s+{_YEAR_RE})?\b", re.IGNORECASE), "month_day"),
    (re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight)\b", re.IGNORECASE), "relative_day"),
    (re.compile(r"\b(?:(?P<rel>last|this|next|on|early|late)\s+)?(?P<weekday>monday|tuesday|wednesday|"
                r"thursday|friday|saturday|sunday)\b", re.IGNORECASE), "weekday"),
    (re.compile(r"\b(?P<rel>over the|this|last|past|the)\s+weekend\b", re.IGNORECASE), "weekend"),
    (re.compile(r"\b(?P<rel>last|this|next|past)\s+week\b", re.IGNORECASE), "week"),
    (re.compile(rf"\b(?:(?P<rel>last|this|next)\s+)?{_MONTH_RE}(?:\s+(?:of\s+)?{_YEAR_RE}"
                rf"|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?\b", re.IGNORECASE), "month"),
    (re.compile(r"\b(?P<rel>last|this|next)\s+month\b", re.IGNORECASE), "rel_month"),
    (re.compile(r"\b(?P<rel>last|this|next)\s+year\b", re.IGNORECASE), "rel_year"),
    (re.compile(r"\b(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)s\b", re.IGNORECASE), "decade"),
    (re.compile(rf"\b(?:in|since|during|by|of)\s+{_YEAR_RE}\b", re.IGNORECASE), "year"),
]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _past_month(month: int, year: int | None, pub: dt.date | None, rel: str | None,
                year_rel: str | None = None) -> dt.date | None:
    if year:
        return dt.date(year, month, 1)
    if not pub:
        return None
    if year_rel:  # "June last year", "March of this year"
        return dt.date(pub.year + {"last": -1, "next": 1}.get(year_rel, 0), month, 1)
    if rel == "next":
        return dt.date(pub.year + (month <= pub.month), month, 1)
    back = month > pub.month or (rel == "last" and month == pub.month)
    return dt.date(pub.year - back, month, 1)


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None, future: bool = False
             ) -> tuple[dt.date | None, str]:
    g = m.groupdict()
    # a bare weekday or month of an announced event is the next one ("talks will resume in March")
    rel = (g.get("rel") or "").lower() or None
    if future and kind in ("weekday", "month") and rel in (None, "on"):
        rel = "next"
    if kind == "month_day":
        month, day = _MONTHS[g["month"].lower()], int(g["day"])
        year = int(g["year"]) if g.get("year") else None
        if year is None and pub:
            candidates = [(abs((dt.date(y, month, min(day, 28)) - pub).days), y)
                          for y in (pub.year - 1, pub.year, pub.year + 1)]
            year = min(candidates)[1]
        try:
            return (dt.date(year, month, day) if year else None), "day"
        except ValueError:
            return None, "day"
    if pub is None:
        return None, {"decade": "decade", "year": "year"}.get(kind, "day")
    if kind == "relative_day":
        offset = {"yesterday": -1, "tomorrow": 1}.get(g["word"].lower(), 0)
        return pub + dt.timedelta(days=offset), "day"
    if kind == "weekday":
        back = (pub.weekday() - _DAYS[g["weekday"].lower()]) % 7
        if rel == "next":
            return pub + dt.timedelta(days=(7 - back) % 7 or 7), "day"
        return pub - dt.timedelta(days=back or (7 if rel == "last" else 0)), "day"
    if kind == "weekend":
        return pub - dt.timedelta(days=(pub.weekday() - 5) % 7), "week"
    if kind == "week":
        monday = pub - dt.timedelta(days=pub.weekday())
        shift = {"last": -7, "past": -7, "next": 7}.get(rel or "", 0)
        return monday + dt.timedelta(days=shift), "week"
    if kind == "month":
        month = _MONTHS[g["month"].lower()]
        if rel == "next" and future and month == pub.month:
            rel = "this"  # "will meet in February", written in February
        return _past_month(month, int(g["year"]) if g.get("year") else None, pub, rel,
                           (g.get("yrel") or "").lower() or None), "month"
    if kind == "rel_month":
        shift = {"last": -1, "next": 1}.get(rel or "", 0)
        index = pub.year * 12 + pub.month - 1 + shift
        return dt.date(index // 12, index % 12 + 1, 1), "month"
    if kind == "rel_year":
        return dt.date(pub.year + {"last": -1, "next": 1}.get(rel or "", 0), 1, 1), "year"
    if kind == "decade":
        return dt.date(int(g["decade"]), 1, 1), "decade"
    return dt.date(int(g["year"]), 1, 1), "year"


@lru_cache(maxsize=1024)
def resolve_date(text: str, published: dt.date | None, future: bool = False) -> EventDate:
    """The event date record {value, precision, text} for a sentence ``text``; ``future``: the
    event is announced, not past, so a bare month or weekday is the coming one.

    Cached: every event of a sentence asks about the same clause. Callers copy the result."""
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "month" and (not m.group("month")[0].isupper() or (
                    m.group("month").lower() in ("may", "mar") and not m.group("year"))):
                continue  # "may", "march" in lower case are words, not months
            value, precision = _resolve(kind, m, published, future)
            if value is None and kind not in ("decade", "year", "month_day", "month"):
                continue
            return EventDate(value=_iso(value), precision=precision if value else None, text=m.group(0).strip())
    return EventDate(value=_iso(published), precision="day" if published else None, text=None)


def event_clause(sent: Span, trigger: Token) -> str:
    """``sent``'s text with its descriptive clauses that do not hold ``trigger`` blanked out
    (same length, so nothing else shifts)."""
    chars = list(sent.text)
    for token in sent:
        if token.dep_ not in _DESCRIPTIVE_DEPS:
            continue
        subtree = list(token.subtree)
        if subtree[0].i <= trigger.i <= subtree[-1].i:
            continue
        start = subtree[0].idx - sent.start_char
        end = subtree[-1].idx + len(subtree[-1].text) - sent.start_char
        chars[start:end] = " " * (end - start)
    return "".join(chars)
