"""Score the full coder against the gold sets of ``../shared/eval`` with the shared scorer.

The scorer is imported from its own file (never copied), the pipeline is the one users run
(``load_pipeline``), and each input record is fed exactly as an article would be: text plus
publication date. So the numbers printed by ``flashpoint evaluate`` are the numbers of the
shipped system, not of a test double.
"""
from __future__ import annotations

import importlib.util
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language

from flashpoint.errors import ExtractionError
from flashpoint.extract import extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.records import EventRecord, Extraction, QuoteRecord
from flashpoint.settings import Settings

#: How the coder runs for a set: articles get the default event data (every event above the
#: default confidence threshold); the sentence-classification sets (one gold event or class a
#: sentence) get each sentence's best reading, whatever its confidence (``Settings``:
#: ``min_confidence=0, one_per_sentence=True``, what `flashpoint extract --one-per-sentence
#: --min-confidence 0` gives a user who classifies sentences).
ARTICLES = Settings()
SENTENCES = Settings(min_confidence=0.0, one_per_sentence=True)
SETTING_NAMES = {ARTICLES: "articles", SENTENCES: "sentences"}

#: (set name, gold file, input file or None for the seed articles, mode, setting)
SETS = (
    ("seeds", "seeds.events.gold.jsonl", None, "events", ARTICLES),
    ("seeds", "seeds.quotes.gold.jsonl", None, "quotes", ARTICLES),
    ("plover/gsr", "plover/gsr.gold.jsonl", "plover/gsr.input.jsonl", "sentences", SENTENCES),
    ("cameo_class/train", "cameo_class/train.gold.jsonl", "cameo_class/train.input.jsonl", "penta",
     SENTENCES),
    ("polnear/dev", "polnear/dev.gold.jsonl", "polnear/dev.input.jsonl", "polnear", ARTICLES),
    ("news", "news/gold.events.jsonl", "news/input.jsonl", "events", ARTICLES),
    ("news", "news/gold.quotes.jsonl", "news/input.jsonl", "quotes", ARTICLES),
)


def load_scorer(shared_dir: Path) -> ModuleType:
    """The shared ``eval/score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("flashpoint_shared_score",
                                                  shared_dir / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def system_rows(extraction: Extraction, mode: str) -> list[EventRecord] | list[QuoteRecord]:
    """The records a scorer mode reads: the quotes for quote modes, else the events."""
    return extraction.quotes if mode in ("quotes", "polnear") else extraction.events


def extract_set(nlp: Language, source: Path) -> list[Extraction]:
    """Every record of ``source`` (a folder of articles or a JSON Lines file of {id, text,
    date}) read and extracted exactly as ``flashpoint extract`` does; an article whose
    extraction was stopped (time budget) stops the evaluation: its score would be wrong."""
    articles = [a for a in read_inputs([str(source)]) if isinstance(a, Article)]
    extractions = []
    for found in extract(articles, nlp):
        if isinstance(found, ExtractionError):
            raise found
        extractions.append(found)
    return extractions


def run_evaluation(shared_dir: Path, pipelines: Callable[[Settings], Language] | None = None
                   ) -> list[dict[str, Any]]:
    """Rows {set, mode, setting, metric, value} for every gold set of ``shared_dir/eval``;
    ``pipelines`` gives the pipeline of a setting (default: the shipped ``load_pipeline``)."""
    if pipelines is None:
        from flashpoint.nlp.pipeline import load_pipeline

        pipelines = load_pipeline
    scorer = load_scorer(shared_dir)
    eval_dir = shared_dir / "eval"
    rows: list[dict[str, Any]] = []
    processed: dict[tuple[str, Settings], list[Extraction]] = {}
    with tempfile.TemporaryDirectory(prefix="flashpoint-eval-") as tmp:
        for set_name, gold_file, input_file, mode, setting in SETS:
            if not (eval_dir / gold_file).exists():
                continue
            if (set_name, setting) not in processed:
                source = shared_dir / "seeds" if input_file is None else eval_dir / input_file
                processed[set_name, setting] = extract_set(pipelines(setting), source)
            out = Path(tmp) / f"{set_name.replace('/', '_')}.{mode}.jsonl"
            with out.open("w", encoding="utf-8") as fh:
                for extraction in processed[set_name, setting]:
                    for row in system_rows(extraction, mode):
                        fh.write(json.dumps(row, default=str) + "\n")
            result = scorer.SCORERS[mode](scorer.load(eval_dir / gold_file), scorer.load(out))
            rows.extend({"set": set_name, "mode": mode, "setting": SETTING_NAMES[setting],
                         "metric": key, "value": value}
                        for key, value in result.items() if isinstance(value, (int, float)))
    return rows


#: Thresholds at which ``confidence_bands`` scores the article event sets.
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def confidence_bands(shared_dir: Path, pipelines: Callable[[Settings], Language] | None = None
                     ) -> list[dict[str, Any]]:
    """What the confidence means, measured: for each article event set, precision and recall
    of the events at or above each threshold (every candidate extracted once, with
    ``min_confidence=0``, then scored by the shared scorer at each cut)."""
    if pipelines is None:
        from flashpoint.nlp.pipeline import load_pipeline

        pipelines = load_pipeline
    scorer = load_scorer(shared_dir)
    eval_dir = shared_dir / "eval"
    everything = Settings(min_confidence=0.0)
    rows: list[dict[str, Any]] = []
    for set_name, gold_file, input_file, mode, setting in SETS:
        if mode != "events" or setting is not ARTICLES or not (eval_dir / gold_file).exists():
            continue
        source = shared_dir / "seeds" if input_file is None else eval_dir / input_file
        events = [json.loads(json.dumps(e, default=str)) for x in extract_set(pipelines(everything), source)
                  for e in x.events]
        gold = scorer.load(eval_dir / gold_file)
        for threshold in THRESHOLDS:
            kept = [e for e in events if e["confidence"] >= threshold]
            result = scorer.score_events(gold, kept)
            rows.append({"set": set_name, "threshold": threshold, "events": len(kept),
                         "precision": result["precision"], "recall": result["recall"]})
    return rows
