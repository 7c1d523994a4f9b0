"""A varied benchmark corpus, generated from the example articles (and, at bench time only,
../shared/seeds when present; nothing of it is written into the repository).

Repeating the same few texts flatters a benchmark (spaCy's caches, identical sentences), so
each generated article is a source article with its countries, capitals, demonyms and
leaders swapped for another set (the same swap throughout the article), its sentences
shuffled after the dateline, a sentence from another article mixed in, and its own date.
The facts in ``COUNTRIES`` (capitals, demonyms, heads of government) are public knowledge.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

#: (country, demonym, capital, leader): the names a generated article may take.
COUNTRIES = (
    ("Colombia", "Colombian", "Bogotá", "Gustavo Petro"),
    ("Venezuela", "Venezuelan", "Caracas", "Nicolás Maduro"),
    ("Mexico", "Mexican", "Mexico City", "Claudia Sheinbaum"),
    ("Brazil", "Brazilian", "Brasília", "Luiz Inácio Lula da Silva"),
    ("Argentina", "Argentine", "Buenos Aires", "Javier Milei"),
    ("Peru", "Peruvian", "Lima", "Dina Boluarte"),
    ("Chile", "Chilean", "Santiago", "Gabriel Boric"),
    ("Ecuador", "Ecuadorian", "Quito", "Daniel Noboa"),
    ("Cuba", "Cuban", "Havana", "Miguel Díaz-Canel"),
    ("Russia", "Russian", "Moscow", "Vladimir Putin"),
    ("China", "Chinese", "Beijing", "Xi Jinping"),
    ("Ukraine", "Ukrainian", "Kyiv", "Volodymyr Zelensky"),
    ("Turkey", "Turkish", "Ankara", "Recep Tayyip Erdogan"),
    ("Iran", "Iranian", "Tehran", "Masoud Pezeshkian"),
    ("India", "Indian", "New Delhi", "Narendra Modi"),
    ("Japan", "Japanese", "Tokyo", "Shigeru Ishiba"),
)
OUTLETS = ("Andes Wire", "Capital Desk", "Bogota Wire", "Harbour Post", "Evening Ledger", "Atlas News")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")
_DATELINE = re.compile(r"^([A-ZÁÉÍÓÚ][\w .,'-]*), ([A-Z][a-z]+ \d{1,2}, \d{4})")


def source_texts() -> list[str]:
    """The texts generated articles are made from: examples/, and ../shared/seeds if present."""
    from flashpoint.ingest import Article, read_inputs

    inputs = [str(ROOT / "examples")] + ([str(SHARED_SEEDS)] if SHARED_SEEDS.is_dir() else [])
    return [a.text for a in read_inputs(inputs) if isinstance(a, Article)]


def _swap(text: str, mapping: dict[str, str]) -> str:
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def _mapping(rng: random.Random) -> dict[str, str]:
    """A consistent swap of every country's names for another country's."""
    order = list(COUNTRIES)
    rng.shuffle(order)
    mapping: dict[str, str] = {}
    for old, new in zip(COUNTRIES, order, strict=True):
        for old_name, new_name in zip(old, new, strict=True):
            mapping[old_name] = new_name
        mapping[old[3].split()[-1]] = new[3].split()[-1]  # "Petro said" -> "Milei said"
    mapping["Bogota"] = mapping["Bogotá"]
    mapping["BOGOTÁ"] = mapping["Bogotá"].upper()
    return mapping


def articles(n: int, seed: int = 13, first_day: date = date(2024, 1, 1), days: int = 730) -> Iterator[dict[str, str]]:
    """``n`` varied articles as JSON Lines records (id, date, outlet, title, text)."""
    rng = random.Random(seed)
    texts = source_texts()
    paragraphs = [[_SENTENCE.split(p.strip()) for p in t.split("\n") if p.strip()] for t in texts]
    every_sentence = [s for doc in paragraphs for p in doc for s in p]
    for i in range(n):
        doc = [list(p) for p in rng.choice(paragraphs)]
        head, body = doc[0][:1], [s for p in doc for s in p][1:]
        rng.shuffle(body)
        body.insert(rng.randrange(len(body) + 1), rng.choice(every_sentence))
        day = first_day + timedelta(days=rng.randrange(days))
        first = _DATELINE.sub(f"\\g<1>, {day:%B} {day.day}, {day.year}", head[0])
        text = _swap("\n\n".join([first, *[" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]]),
                     _mapping(rng))
        yield {"id": f"bench-{i:06d}", "date": day.isoformat(), "outlet": rng.choice(OUTLETS),
               "title": text.split(".")[0][:80], "text": text}


def write_jsonl(path: Path, n: int, seed: int = 13) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
