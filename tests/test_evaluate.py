"""The evaluation runner: datelines, the shared scorer import, system rows."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from flashpoint.evaluate import SETS, dateline_date, load_scorer, run_documents, system_rows


def test_dateline_date():
    assert dateline_date("Nairobi, March 3, 2025 — Police said ...") == dt.date(2025, 3, 3)
    assert dateline_date("Police said on March 3, 2025 that ...") is None


def test_every_mode_is_a_shared_scorer_mode(shared_dir: Path):
    scorer = load_scorer(shared_dir)
    assert {mode for *_, mode in SETS} <= set(scorer.SCORERS)


def test_system_rows_carry_the_doc_id(nlp):
    records = [{"id": "r1", "text": "Iran launched an attack on Iraq.", "date": "2025-03-04"}]
    [(doc_id, doc)] = list(run_documents(nlp, records))
    assert doc._.published == dt.date(2025, 3, 4)
    rows = system_rows(doc_id, doc, "events")
    assert rows and all(r["doc_id"] == "r1" for r in rows)
    assert all("doc_id" in r for r in system_rows(doc_id, doc, "quotes"))
