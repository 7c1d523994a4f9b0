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
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language

from flashpoint.errors import ExtractionError
from flashpoint.extract import extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.records import EventRecord, Extraction, QuoteRecord

#: (set name, gold file, input file or None for the seed articles, mode)
SETS = (
    ("seeds", "seeds.events.gold.jsonl", None, "events"),
    ("seeds", "seeds.quotes.gold.jsonl", None, "quotes"),
    ("plover/gsr", "plover/gsr.gold.jsonl", "plover/gsr.input.jsonl", "sentences"),
    ("cameo_class/train", "cameo_class/train.gold.jsonl", "cameo_class/train.input.jsonl", "penta"),
    ("polnear/dev", "polnear/dev.gold.jsonl", "polnear/dev.input.jsonl", "polnear"),
    ("news", "news/gold.events.jsonl", "news/input.jsonl", "events"),
    ("news", "news/gold.quotes.jsonl", "news/input.jsonl", "quotes"),
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


def run_evaluation(shared_dir: Path, nlp: Language | None = None) -> list[dict[str, Any]]:
    """Rows {set, mode, metric, value} for every gold set of ``shared_dir/eval``."""
    if nlp is None:
        from flashpoint.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    scorer = load_scorer(shared_dir)
    eval_dir = shared_dir / "eval"
    rows: list[dict[str, Any]] = []
    processed: dict[str, list[Extraction]] = {}
    with tempfile.TemporaryDirectory(prefix="flashpoint-eval-") as tmp:
        for set_name, gold_file, input_file, mode in SETS:
            if not (eval_dir / gold_file).exists():
                continue
            if set_name not in processed:
                source = shared_dir / "seeds" if input_file is None else eval_dir / input_file
                processed[set_name] = extract_set(nlp, source)
            out = Path(tmp) / f"{set_name.replace('/', '_')}.{mode}.jsonl"
            with out.open("w", encoding="utf-8") as fh:
                for extraction in processed[set_name]:
                    for row in system_rows(extraction, mode):
                        fh.write(json.dumps(row, default=str) + "\n")
            result = scorer.SCORERS[mode](scorer.load(eval_dir / gold_file), scorer.load(out))
            rows.extend({"set": set_name, "mode": mode, "metric": key, "value": value}
                        for key, value in result.items() if isinstance(value, (int, float)))
    return rows
