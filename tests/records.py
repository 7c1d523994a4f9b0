"""Schema-valid records for tests that must not depend on the coder's output.

Built with the same builders the synthetic monitor history uses (``flashpoint.api.synthetic``),
then given the named actors and scores a test needs.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from flashpoint.api.synthetic import event_record, quote_record
from flashpoint.ingest import Article

SENTENCE = "Peru protested to Chile."


def actor(name: str, country: str | None, code: str | None, start: int = 0) -> dict[str, Any]:
    return {"name": name, "text": name, "start": start, "end": start + len(name),
            "country": country, "code": code, "sector": None}


def make_event(doc_id: str, cameo: str = "111", goldstein: float = -2.0, quad_class: int = 3,
               source: tuple[str, str | None] = ("Peru", "PER"),
               target: tuple[str, str | None] = ("Chile", "CHL"),
               day: str = "2024-03-03", **extra: Any) -> dict[str, Any]:
    """An event record that validates against event.schema.json."""
    art = Article(doc_id=doc_id, text=SENTENCE, outlet="Wire", published=date.fromisoformat(day))
    record = event_record(art, source[1], target[1], cameo, SENTENCE, "protested")
    record.update(source=actor(source[0], source[1], source[1]),
                  target=actor(target[0], target[1], target[1], 18),
                  goldstein=goldstein, quad_class=quad_class, confidence=0.8, **extra)
    return record


def make_quote(doc_id: str, text: str = "We protest", speaker: str = "Dina Boluarte") -> dict[str, Any]:
    """A quote record that validates against quote.schema.json."""
    art = Article(doc_id=doc_id, text=f'"{text}," said {speaker}.')
    record = quote_record(art, text, "PER")
    record["speaker"] = actor(speaker, "PER", "PERGOV", art.text.index(speaker))
    return record
