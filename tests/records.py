"""Schema-valid records built by hand, for tests that must not depend on the coder's output."""
from __future__ import annotations

from typing import Any


def actor(name: str, country: str | None, code: str | None, start: int = 0) -> dict[str, Any]:
    return {"name": name, "text": name, "start": start, "end": start + len(name),
            "country": country, "code": code, "sector": None}


def make_event(doc_id: str, cameo: str = "111", goldstein: float = -2.0, quad_class: int = 3,
               source: tuple[str, str] = ("Peru", "PER"), target: tuple[str, str] = ("Chile", "CHL"),
               day: str = "2024-03-03", **extra: Any) -> dict[str, Any]:
    """An event record that validates against event.schema.json."""
    record = {
        "event_id": f"E-{doc_id}-{cameo}-{source[1]}-{target[1]}", "doc_id": doc_id,
        "article": {"title": None, "url": None, "outlet": "Wire", "published": day},
        "sentence": {"start": 0, "end": 24, "text": "Peru protested to Chile."},
        "trigger": {"start": 5, "end": 14, "text": "protested"},
        "source": actor(source[0], source[1], source[1]),
        "target": actor(target[0], target[1], target[1], 18),
        "cameo": cameo, "cameo_root": cameo[:2], "cameo_name": "Criticize or denounce",
        "goldstein": goldstein, "quad_class": quad_class,
        "plover": {"event_type": "ACCUSE", "mode": "disapprove"},
        "date": {"value": day, "precision": "day", "text": None},
        "location": None,
        "modality": {"negated": False, "hypothetical": False, "future": False, "reported_by": None},
        "quote_id": None, "confidence": 0.8,
    }
    record.update(extra)
    return record


def make_quote(doc_id: str, text: str = "We protest", speaker: str = "Dina Boluarte") -> dict[str, Any]:
    """A quote record that validates against quote.schema.json."""
    return {"quote_id": f"Q-{doc_id}-{len(text)}", "doc_id": doc_id, "start": 1, "end": 1 + len(text),
            "text": text, "direct": True, "kind": "direct",
            "cue": {"start": 20, "end": 24, "text": "said"},
            "speaker": actor(speaker, "PER", "PERGOV", 26)}
