"""A varied benchmark corpus, generated from the example articles (and, at bench time only,
../shared/seeds when present; nothing of it is written into the repository).

Repeating the same few texts flatters a benchmark (spaCy's caches, identical sentences), so
each generated article is a source article with its countries, capitals, demonyms and
leaders swapped for another set (the same swap throughout the article), its sentences
shuffled after the dateline, and its own date.
The facts in ``COUNTRIES`` (capitals, demonyms, heads of government) are public knowledge.

Articles come in stories, as news does: a story is one source text with one swap of
countries, told by one to all of ``OUTLETS`` within ``STORY_DAYS`` days. There are only a
few source texts, and a text retold with other countries keeps all its other words, so any
grouping by shared wording (``analysis.stories``) reads two retellings close in time as one
story, which two real stories about different countries are not. Placing articles on random
days (as this corpus once did) chained every retelling into one story: 10,000 articles were
a handful of stories, nothing like news. So every country the texts name is swapped (the
United States too), no sentence of another text is mixed in (one was enough to join two
stories), and the stories of one text come ``STORY_GAP`` days apart, more than a story lasts
plus the grouping's window; 10,000 articles cover about twelve years. The source texts all
tell one event, so the stories of one week still join now and then: 1,000 and 10,000
articles alike make stories of 1 to about 25 articles (most 1 to 8), whatever ``n``.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import count
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
    ("United States", "American", "Washington", "Donald Trump"),
)
OUTLETS = ("Andes Wire", "Capital Desk", "Bogota Wire", "Harbour Post", "Evening Ledger", "Atlas News")
#: Days over which a story's articles are published (its first day and the next two).
STORY_DAYS = 3
#: Days between two stories made from one source text: a story's days plus the grouping's
#: window (``analysis.stories.MAX_DAYS``, 3 days) and one, so that they never link.
STORY_GAP = STORY_DAYS + 3 + 1
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
    mapping["US"] = mapping["U.S."] = mapping["United States"]
    mapping["Bogota"] = mapping["Bogotá"]
    mapping["BOGOTÁ"] = mapping["Bogotá"].upper()
    return mapping


def articles(n: int, seed: int = 13, first_day: date = date(2024, 1, 1)) -> Iterator[dict[str, str]]:
    """``n`` distinct articles as JSON Lines records (id, date, outlet, title, text), story by
    story. Every text differs from every other, so that ``ingest``, which skips a text it has
    seen, does the same work as ``extract``: an outlet whose shuffle of a short text (one to
    three sentences) comes out as another's is left out of the story."""
    rng = random.Random(seed)
    texts = source_texts()
    paragraphs = [[_SENTENCE.split(p.strip()) for p in t.split("\n") if p.strip()] for t in texts]
    seen: set[str] = set()
    for turn in count():
        for source in rng.sample(range(len(paragraphs)), len(paragraphs)):  # a story of each text per turn
            mapping = _mapping(rng)
            start = first_day + timedelta(days=turn * STORY_GAP)
            for outlet in rng.sample(OUTLETS, rng.randint(1, len(OUTLETS))):
                day = start + timedelta(days=rng.randrange(STORY_DAYS))
                version = _retold(paragraphs[source], day, mapping, rng)
                if version["text"] in seen:
                    continue
                seen.add(version["text"])
                yield {"id": f"bench-{len(seen) - 1:06d}", "date": day.isoformat(), "outlet": outlet, **version}
                if len(seen) == n:
                    return


def _retold(paragraphs: list[list[str]], day: date, mapping: dict[str, str], rng: random.Random) -> dict[str, str]:
    """One outlet's version of a source text: its sentences shuffled after the dateline (dated
    ``day``), the countries swapped by ``mapping``."""
    doc = [list(p) for p in paragraphs]
    head, body = doc[0][:1], [s for p in doc for s in p][1:]
    rng.shuffle(body)
    first = _DATELINE.sub(f"\\g<1>, {day:%B} {day.day}, {day.year}", head[0])
    text = _swap("\n\n".join([first, *[" ".join(body[k:k + 3]) for k in range(0, len(body), 3)]]), mapping)
    return {"title": text.split(".")[0][:80], "text": text}


def write_jsonl(path: Path, n: int, seed: int = 13) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
