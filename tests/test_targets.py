"""The accuracy targets of the coder and the quote extractor, measured with the shared scorer.

One run of ``run_evaluation`` over every gold set in ../shared/eval; each target the issues
set is asserted as it stands, so a change that loses accuracy fails here.
"""
from __future__ import annotations

import pytest

from flashpoint.evaluate import run_evaluation

TARGETS = {
    ("seeds", "events", "f1"): 0.80,
    ("seeds", "events", "recall"): 0.80,
    ("seeds", "quotes", "quote_recall"): 0.90,
    ("seeds", "quotes", "attribution_accuracy"): 0.85,
    ("plover/gsr", "sentences", "type_f1"): 0.70,
    ("plover/gsr", "sentences", "f1"): 0.55,
    ("cameo_class/train", "penta", "macro_f1"): 0.65,
    ("polnear/dev", "polnear", "f1"): 0.55,
    ("polnear/dev", "polnear", "direct_recall"): 0.85,
    ("polnear/dev", "polnear", "speaker_accuracy"): 0.80,
}


@pytest.fixture(scope="module")
def scores(shared_dir) -> dict[tuple[str, str, str], float]:
    return {(r["set"], r["mode"], r["metric"]): r["value"] for r in run_evaluation(shared_dir)}


@pytest.mark.parametrize("key", list(TARGETS), ids=["/".join(k) for k in TARGETS])
def test_target_is_met(scores, key) -> None:
    assert scores[key] >= TARGETS[key], f"{'/'.join(key)} = {scores[key]}, target {TARGETS[key]}"
