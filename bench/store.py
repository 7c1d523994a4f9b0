"""A realistic store of a million events for the API and dashboard benchmarks, written by the
store's writer.

Every event and quote is a full, schema-valid record built with the constructors of
``flashpoint.records`` (actors with names, countries and codes, CAMEO codes from the codebook
with their scores, evidence sentences from the varied corpus with the trigger inside them,
event dates, modality, quotes with speakers linked to events), and articles hold the text the
offsets point into, so every page renders on it. Articles come in publication order, as a
monitor that ingests the news every day stores them; it is written through
``Store.save_articles`` like any ingest, so the word index and sort keys are the real ones,
and its alerts are then computed once, as the ingest path computes them
(``service.refresh_alerts``). Stories are not grouped (the story step has its own benchmark,
``bench_stories``).
"""
from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from corpus import COUNTRIES, articles

from flashpoint.codebook import codebook
from flashpoint.ingest import Article
from flashpoint.records import (
    Actor,
    EventRecord,
    Extraction,
    QuoteRecord,
    actor,
    article_ref,
    event_record,
    quote_record,
)
from flashpoint.store import Store

#: ISO alpha-3 codes of the corpus's countries, and the United States, the usual other party.
ISO = {"Colombia": "COL", "Venezuela": "VEN", "Mexico": "MEX", "Brazil": "BRA", "Argentina": "ARG",
       "Peru": "PER", "Chile": "CHL", "Ecuador": "ECU", "Cuba": "CUB", "Russia": "RUS", "China": "CHN",
       "Ukraine": "UKR", "Turkey": "TUR", "Iran": "IRN", "India": "IND", "Japan": "JPN", "United States": "USA"}
#: The country codes the store's events have.
COUNTRY_CODES = sorted(ISO.values())
EVENTS_PER_ARTICLE = 20
#: Events of the benchmarks' store (``FLASHPOINT_BENCH_EVENTS``, default a million).
N_EVENTS = int(os.environ.get("FLASHPOINT_BENCH_EVENTS", "1000000"))
_WORD = re.compile(r"[A-Za-z]{4,}")


def _parties() -> list[Actor]:
    """States and their leaders, as resolved actors."""
    found: list[Actor] = []
    for country, _, _, leader in COUNTRIES:
        code = ISO[country]
        found.append(actor(country, country, country=code, code=f"{code}GOV", sector="GOV"))
        found.append(actor(leader, leader, country=code, code=f"{code}GOVHOS", sector="GOV"))
    return found


def _placed(party: Actor, start: int) -> Actor:
    return {**party, "start": start, "end": start + len(party["text"] or "")}


def extractions(n_events: int, seed: int = 1, first_day: date = date(2024, 1, 1),
                days: int = 730) -> Iterator[Extraction]:
    """Articles of ``EVENTS_PER_ARTICLE`` events each, in publication order, with their records."""
    rng = random.Random(seed)
    pool = [s for a in articles(2_000, seed) for s in re.split(r"(?<=[.!?\"”])\s+", a["text"]) if len(s) > 40]
    parties, codes = _parties(), [c for c in codebook() if len(c) >= 3]
    n_articles = n_events // EVENTS_PER_ARTICLE
    for i in range(n_articles):
        published = first_day + timedelta(days=i * days // n_articles)
        sentences = rng.sample(pool, EVENTS_PER_ARTICLE)
        text = " ".join(sentences)
        art = Article(doc_id=f"bench-{i:07d}", text=text, title=sentences[0][:80], outlet=f"Outlet {i % 7}",
                      url=f"https://example.org/{i}", published=published)
        ref, at = article_ref(art), 0
        events: list[EventRecord] = []
        quotes: list[QuoteRecord] = []
        for n, sentence in enumerate(sentences):
            words = list(_WORD.finditer(sentence)) or [re.match(r".", sentence)]
            trigger = rng.choice(words)
            source, target = rng.sample(parties, 2)
            quote: QuoteRecord | None = None
            if n % 5 == 0:
                quote = quote_record(quote_id=f"Q{i:07d}{n:02d}", doc_id=art.doc_id, start=at, end=at + len(sentence),
                                     text=sentence, kind="indirect", cue=None, speaker=_placed(source, at))
                quotes.append(quote)
            day = published - timedelta(days=rng.choice((0, 0, 0, 1, 2)))
            dated = rng.random() < 0.8
            events.append(event_record(
                event_id=f"E{i:07d}{n:02d}", doc_id=art.doc_id, article=ref,
                sentence={"start": at, "end": at + len(sentence), "text": sentence},
                trigger={"start": at + trigger.start(), "end": at + trigger.end(), "text": trigger.group(0)},
                source=_placed(source, at), target=_placed(target, at), cameo=rng.choice(codes),
                date={"value": day.isoformat(), "precision": "day", "text": day.strftime("%B %d") if dated else None},
                modality={"negated": rng.random() < 0.03, "hypothetical": rng.random() < 0.05,
                          "future": rng.random() < 0.05, "reported_by": None},
                confidence=round(rng.uniform(0.5, 0.95), 2), quote_id=quote["quote_id"] if quote else None))
            at += len(sentence) + 1
        yield Extraction(art, events, quotes)


def build(path: Path, n_events: int, batch: int = 500) -> None:
    """Write the store at ``path`` (``batch`` articles a transaction), then its alerts."""
    from flashpoint import service

    chunk: list[Extraction] = []
    with Store(path) as store:
        for extraction in extractions(n_events):
            chunk.append(extraction)
            if len(chunk) == batch:
                store.save_articles(chunk)
                chunk = []
        store.save_articles(chunk)
        service.refresh_alerts(store)
        store.con.execute("CHECKPOINT")


def bench_store(folder: Path) -> tuple[Path, float | None]:
    """The benchmarks' store of ``N_EVENTS`` events: ``FLASHPOINT_BENCH_STORE`` when set, else
    in ``folder``; built unless it exists. Its path, and the seconds it took to build (None
    when an existing store was reused: its size is then whatever it was built with)."""
    path = Path(os.environ.get("FLASHPOINT_BENCH_STORE") or folder / "million.duckdb")
    if path.exists():
        return path, None
    start = time.perf_counter()
    build(path, N_EVENTS)
    return path, round(time.perf_counter() - start, 1)


def into_page_cache(path: Path) -> float:
    """Read the store file through once, so that the system keeps it in its page cache as it
    does for a server that has run a while: what the API figures measure is then the server,
    not the disk. Seconds taken (about 10 s for 1.1 GB from this machine's cold disk, where a
    server's first requests read scattered blocks instead: see the README).

    Without it the figures depend on what ran before: the same server had a p95 of 6.4 s
    for ``q`` and 7.3 s for all filters under 20 clients once the page cache was dropped,
    201 ms once the file was read through."""
    start = time.perf_counter()
    with path.open("rb") as store_file:
        while store_file.read(1 << 24):
            pass
    return round(time.perf_counter() - start, 1)


def pages(client: Any) -> dict[str, int]:
    """Every dashboard page of the bench store, and a few API lists, once: URL -> status
    (each must be 200). ``client`` is an httpx or test client."""
    event = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    dyad = client.get("/api/dyads", params={"limit": 1}).json()["dyads"][0]
    a, b = dyad["source"], dyad["target"]
    urls = ["/", "/events", f"/events?dyad={a}-{b}&quad_class=4&start=2025-01-01&end=2025-03-31",
            f"/events/{event['event_id']}", f"/articles/{event['doc_id']}", f"/actors/{event['source']['name']}",
            "/dyads",
            f"/dyads/{a}/{b}", f"/dyads/{a}/{b}?freq=week", "/network", "/stories", "/api",
            "/api/dyads", "/api/alerts/episodes", "/api/quotes", "/api/stories"]
    return {url: client.get(url).status_code for url in urls}

