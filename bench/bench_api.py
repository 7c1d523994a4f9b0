"""The API over a realistic store of a million events (``store.py``).

First the single-client figures kept from the first benchmark (p50/p95 of the series and of
filtered events, in-process), then a real ``flashpoint serve`` (uvicorn) under 20 concurrent
clients (``latency.many_clients``) for every list endpoint, each ``/api/events`` filter, deep
offsets, cursor pages and the overview page. Before the load, every dashboard page is fetched
once and must render (200). The store file is read into the system's page cache first
(``store.into_page_cache``): the figures are the server's steady state, not the disk's.

``FLASHPOINT_BENCH_STORE=path`` keeps the built store at ``path`` and reuses it next time;
``FLASHPOINT_BENCH_EVENTS`` sets its size (default a million).
"""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import httpx
from latency import many_clients, one_client, serving
from store import COUNTRY_CODES, N_EVENTS, bench_store, into_page_cache, pages

CLIENTS = 20
REQUESTS = 200  # per endpoint, spread over the clients
SINGLE_REQUESTS = 60

WORDS = ("troops", "sanctions", "border", "military operation", "sovereignty", "dialogue", "oil")
NAMES = ("Petro", "putin", "Sheinbaum", "Xi Jin", "Trump")
PLOVER = ("ASSAULT", "ACCUSE", "CONSULT", "THREATEN", "SANCTION", "COOPERATE")


def endpoints(rng: random.Random, cursors: list[int]) -> dict[str, Callable[[], str]]:
    """Name -> a function giving the next URL of that kind (random parameters)."""
    def dyad() -> tuple[str, str]:
        source, target = rng.sample(COUNTRY_CODES, 2)
        return source, target

    def month() -> str:
        year, number = rng.choice((2024, 2025)), rng.randint(1, 12)
        return f"start={year}-{number:02d}-01&end={year}-{number:02d}-28"

    return {
        "/api/events": lambda: "/api/events?limit=50",
        "/api/events?actor=name": lambda: f"/api/events?actor={rng.choice(NAMES)}",
        "/api/events?actor=code": lambda: f"/api/events?actor={rng.choice(COUNTRY_CODES)}GOV",
        "/api/events?country": lambda: f"/api/events?country={rng.choice(COUNTRY_CODES)}",
        "/api/events?dyad": lambda: "/api/events?dyad={}-{}".format(*dyad()),
        "/api/events?cameo": lambda: f"/api/events?cameo={rng.randint(1, 20):02d}",
        "/api/events?plover": lambda: f"/api/events?plover={rng.choice(PLOVER)}",
        "/api/events?start&end": lambda: f"/api/events?{month()}",
        "/api/events?q": lambda: f"/api/events?q={rng.choice(WORDS)}",
        "/api/events?all filters": lambda: "/api/events?dyad={}-{}&cameo={:02d}&{}".format(
            *dyad(), rng.randint(1, 20), month()),
        "/api/events?offset (5k-20k)": lambda: f"/api/events?offset={rng.randint(5_000, 20_000)}",
        "/api/events?after (cursor)": lambda: f"/api/events?after={rng.choice(cursors)}",
        "/api/dyads ": lambda: f"/api/dyads?order={rng.choice(('hostile', 'events', 'recent'))}",
        "/api/dyads/{s}/{t}/series": lambda: "/api/dyads/{}/{}/series?freq=week".format(*dyad()),
        "/api/alerts": lambda: "/api/alerts",
        "/api/quotes": lambda: "/api/quotes",
        "/api/quotes?speaker": lambda: f"/api/quotes?speaker={rng.choice(NAMES)}",
        "/api/quotes?q": lambda: f"/api/quotes?q={rng.choice(WORDS)}",
        "/api/stories": lambda: "/api/stories",
        "/ (overview page)": lambda: "/",
    }


def single_client(db: Path, rng: random.Random) -> dict[str, dict[str, float]]:
    """The first benchmark's figures: series and filtered events, one client, in-process."""
    from fastapi.testclient import TestClient

    from flashpoint.api import create_app

    urls = endpoints(rng, [0])
    with TestClient(create_app(db)) as client:
        client.get(urls["/api/dyads/{s}/{t}/series"]()).raise_for_status()  # builds the daily aggregate
        return {"series": one_client(client, [urls["/api/dyads/{s}/{t}/series"]() for _ in range(SINGLE_REQUESTS)]),
                "filtered_events": one_client(client, [urls["/api/events?all filters"]()
                                                       for _ in range(SINGLE_REQUESTS)])}


def concurrent(db: Path, rng: random.Random) -> dict[str, dict[str, float]]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        cursors = [key for (key,) in con.execute("SELECT event_key FROM events USING SAMPLE 200").fetchall()]
    with serving(db) as base, httpx.Client(base_url=base, timeout=300) as http:
        failed = {url: status for url, status in pages(http).items() if status != 200}
        assert not failed, f"pages that do not render: {failed}"
        urls = endpoints(rng, cursors)
        for make in urls.values():  # warm: the first call of an aggregate builds it
            http.get(make()).raise_for_status()
        return {name: many_clients(base, make, CLIENTS, REQUESTS) for name, make in urls.items()}


def run(folder: Path, seed: int = 1) -> dict:
    rng = random.Random(seed)
    db, build_seconds = bench_store(folder)
    return {"events": N_EVENTS, "build_seconds": build_seconds, "clients": CLIENTS,
            "page_cache_seconds": into_page_cache(db),
            "single": single_client(db, rng), "concurrent": concurrent(db, rng)}
