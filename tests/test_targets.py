"""The accuracy targets of the coder and the quote extractor, measured with the shared scorer.

One run of ``run_evaluation`` over every gold set in ../shared/eval (each set in the setting
``flashpoint.evaluate.SETS`` names). Each issue target is asserted as it stands (the floor is
the target); the table keeps both columns so a target not met yet can be asserted at the figure
reached, with the target written beside it (see the README, "How good is it").
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.evaluate import extract_set, run_evaluation

#: (set, mode, metric) -> (floor asserted, issue target)
TARGETS = {
    ("news", "events", "precision"): (0.60, 0.60),
    ("news", "events", "recall"): (0.55, 0.55),
    ("news", "quotes", "quote_recall"): (0.90, 0.90),
    ("news", "quotes", "attribution_accuracy"): (0.80, 0.80),
    ("seeds", "events", "f1"): (0.85, 0.85),
    ("seeds", "quotes", "quote_recall"): (0.90, 0.90),
    ("seeds", "quotes", "attribution_accuracy"): (0.85, 0.85),
    ("plover/gsr", "sentences", "type_f1"): (0.75, 0.75),
    ("plover/gsr", "sentences", "f1"): (0.55, 0.55),
    ("cameo_class/train", "penta", "macro_f1"): (0.70, 0.70),
    ("polnear/dev", "polnear", "f1"): (0.60, 0.60),
    ("polnear/dev", "polnear", "direct_recall"): (0.85, 0.85),
    ("polnear/dev", "polnear", "speaker_accuracy"): (0.85, 0.85),
}


@pytest.fixture(scope="module")
def scores(shared_dir) -> dict[tuple[str, str, str], float]:
    return {(r["set"], r["mode"], r["metric"]): r["value"] for r in run_evaluation(shared_dir)}


@pytest.mark.parametrize("key", list(TARGETS), ids=["/".join(k) for k in TARGETS])
def test_target_is_met(scores, key) -> None:
    floor, target = TARGETS[key]
    assert scores[key] >= floor, f"{'/'.join(key)} = {scores[key]}, floor {floor} (issue target {target})"


@pytest.fixture(scope="module")
def news_events(nlp, shared_dir: Path) -> list[dict]:
    rows = [e for x in extract_set(nlp, shared_dir / "eval" / "news" / "input.jsonl") for e in x.events]
    return json.loads(json.dumps(rows, default=str))


def test_no_event_has_one_mention_on_both_sides(news_events) -> None:
    for event in news_events:
        source, target = event["source"] or {}, event["target"] or {}
        if source.get("start") is not None:
            assert (source["start"], source["end"]) != (target.get("start"), target.get("end"))


def test_same_country_events_are_no_more_common_than_in_the_gold(news_events, shared_dir: Path) -> None:
    gold = [json.loads(line) for line in (shared_dir / "eval" / "news" / "gold.events.jsonl").open()]
    required = [g for g in gold if g["required"]]
    gold_share = sum(g["source"] in g["target"] for g in required) / len(required)
    domestic = [e for e in news_events if (e["source"] or {}).get("country")
                and (e["source"] or {}).get("country") == (e["target"] or {}).get("country")]
    assert len(domestic) / len(news_events) <= gold_share
