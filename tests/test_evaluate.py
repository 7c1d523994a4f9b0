"""The evaluation runner: the shared scorer import, reading a set as extract does, system rows."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from flashpoint.evaluate import SETS, extract_set, load_scorer, system_rows


def test_every_mode_is_a_shared_scorer_mode(shared_dir: Path):
    scorer = load_scorer(shared_dir)
    assert {mode for _, _, _, mode, _ in SETS} <= set(scorer.SCORERS)


def test_system_rows_carry_the_record_id(nlp, tmp_path: Path):
    source = tmp_path / "set.input.jsonl"
    source.write_text('{"id": "r1", "text": "Iran launched an attack on Iraq.", "date": "2025-03-04"}\n',
                      encoding="utf-8")
    [extraction] = extract_set(nlp, source)
    assert extraction.article.published == dt.date(2025, 3, 4)
    rows = system_rows(extraction, "events")
    assert rows and all(r["doc_id"] == "r1" for r in rows)
    assert system_rows(extraction, "quotes") == extraction.quotes


def test_sentence_sets_read_one_event_a_sentence_at_any_confidence() -> None:
    settings = {name: setting for name, _, _, _, setting in SETS}
    assert settings["plover/gsr"].one_per_sentence and settings["plover/gsr"].min_confidence == 0
    # the articles take the pipeline config's own threshold and event data
    assert settings["news"].one_per_sentence is None and settings["news"].min_confidence is None
