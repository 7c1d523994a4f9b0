"""Schema-valid records for tests that must not depend on the coder's output.

Built with the same builders as the synthetic monitor history (``tests.synthetic``), then
given the named actors and scores a test needs.
"""
from __future__ import annotations

from datetime import date

from flashpoint.ingest import Article
from flashpoint.records import Actor, EventRecord, QuoteRecord, actor
from tests.synthetic import synthetic_event, synthetic_quote

SENTENCE = "Peru protested to Chile."


def named_actor(name: str, country: str | None, code: str | None, start: int = 0) -> Actor:
    return actor(name, name, start, start + len(name), country, code)


def make_event(doc_id: str, cameo: str = "111", goldstein: float = -2.0, quad_class: int = 3,
               source: tuple[str, str | None] = ("Peru", "PER"),
               target: tuple[str, str | None] = ("Chile", "CHL"),
               day: str = "2024-03-03") -> EventRecord:
    """An event record that validates against event.schema.json."""
    art = Article(doc_id=doc_id, text=SENTENCE, outlet="Wire", published=date.fromisoformat(day))
    record = synthetic_event(art, source[1], target[1], cameo, SENTENCE, "protested")
    record.update(source=named_actor(source[0], source[1], source[1]),
                  target=named_actor(target[0], target[1], target[1], 18),
                  goldstein=goldstein, quad_class=quad_class, confidence=0.8)
    return record


def make_quote(doc_id: str, text: str = "We protest", speaker: str = "Dina Boluarte") -> QuoteRecord:
    """A quote record that validates against quote.schema.json."""
    art = Article(doc_id=doc_id, text=f'"{text}," said {speaker}.')
    record = synthetic_quote(art, text, "PER")
    record["speaker"] = named_actor(speaker, "PER", "PERGOV", art.text.index(speaker))
    return record
