"""Score the full coder against the gold sets of ``../shared/eval`` with the shared scorer.

The scorer is imported from its own file (never copied), the pipeline is the one users run
(``load_pipeline``), and each input record is fed exactly as an article would be: text plus
publication date. So the numbers printed by ``flashpoint evaluate`` are the numbers of the
shipped system, not of a test double.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc

_DATELINE = re.compile(r"^[^\n]{0,80}?\b((?:January|February|March|April|May|June|July|August|"
                       r"September|October|November|December) \d{1,2}, \d{4})\s*[—–-]")

#: (set name, gold file, input file or None for the seed articles, mode)
SETS = (
    ("seeds", "seeds.events.gold.jsonl", None, "events"),
    ("seeds", "seeds.quotes.gold.jsonl", None, "quotes"),
    ("plover/gsr", "plover/gsr.gold.jsonl", "plover/gsr.input.jsonl", "sentences"),
    ("cameo_class/train", "cameo_class/train.gold.jsonl", "cameo_class/train.input.jsonl", "penta"),
    ("polnear/dev", "polnear/dev.gold.jsonl", "polnear/dev.input.jsonl", "polnear"),
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


def dateline_date(text: str) -> dt.date | None:
    """The date of a "Place, Month D, YYYY —" dateline at the top of an article, else None."""
    match = _DATELINE.match(text)
    if not match:
        return None
    return dt.datetime.strptime(match.group(1), "%B %d, %Y").date()


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def run_documents(nlp: Language, records: Iterable[dict[str, Any]]) -> Iterable[tuple[str, Doc]]:
    """(doc_id, processed Doc) for input records {id, text, date}."""
    items = list(records)
    docs = []
    for record in items:
        doc = nlp.make_doc(record["text"])
        doc._.published = record.get("published") or _iso_date(record.get("date"))
        docs.append(doc)
    for record, doc in zip(items, nlp.pipe(docs, batch_size=32)):
        yield record["id"], doc


def system_rows(doc_id: str, doc: Doc, mode: str) -> list[dict[str, Any]]:
    """The system records a scorer mode reads: events, or quotes."""
    rows = doc._.quotes if mode in ("quotes", "polnear") else doc._.events
    return [{**row, "doc_id": doc_id} for row in rows or []]


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _seed_records(shared_dir: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        records.append({"id": path.name, "text": text, "published": dateline_date(text)})
    return records


def run_evaluation(shared_dir: Path, nlp: Language | None = None) -> list[dict[str, Any]]:
    """Rows {set, mode, metric, value} for every gold set of ``shared_dir/eval``."""
    if nlp is None:
        from flashpoint.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
    scorer = load_scorer(shared_dir)
    eval_dir = shared_dir / "eval"
    rows: list[dict[str, Any]] = []
    processed: dict[str, list[tuple[str, Doc]]] = {}
    with tempfile.TemporaryDirectory(prefix="flashpoint-eval-") as tmp:
        for set_name, gold_file, input_file, mode in SETS:
            if not (eval_dir / gold_file).exists():
                continue
            if set_name not in processed:
                records = _seed_records(shared_dir) if input_file is None \
                    else _read(eval_dir / input_file)
                processed[set_name] = list(run_documents(nlp, records))
            out = Path(tmp) / f"{set_name.replace('/', '_')}.{mode}.jsonl"
            with out.open("w", encoding="utf-8") as fh:
                for doc_id, doc in processed[set_name]:
                    for row in system_rows(doc_id, doc, mode):
                        fh.write(json.dumps(row, default=str) + "\n")
            result = scorer.SCORERS[mode](scorer.load(eval_dir / gold_file), scorer.load(out))
            rows.extend({"set": set_name, "mode": mode, "metric": key, "value": value}
                        for key, value in result.items() if isinstance(value, (int, float)))
    return rows
