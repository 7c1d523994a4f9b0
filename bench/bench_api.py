"""The API over a realistic store of a million events (``store.py``).

First the single-client figures kept from the first benchmark (p50/p95 of the series and of
filtered events, in-process), then a real ``flashpoint serve`` (uvicorn) in a subprocess under
20 concurrent clients (threads, one HTTP connection each, each sending its next request as
soon as the last is answered) for every list endpoint, each ``/api/events`` filter, deep
offsets, cursor pages and the overview page. Before the load, every dashboard page is fetched
once and must render (200).

``FLASHPOINT_BENCH_STORE=path`` keeps the built store at ``path`` and reuses it next time.
"""
from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from store import ISO, build

N_EVENTS = int(os.environ.get("FLASHPOINT_BENCH_EVENTS", "1000000"))
CLIENTS = 20
REQUESTS = 200  # per endpoint, spread over the clients
SINGLE_REQUESTS = 60
COUNTRIES = sorted(ISO.values())
WORDS = ("troops", "sanctions", "border", "military operation", "sovereignty", "dialogue", "oil")
NAMES = ("Petro", "putin", "Sheinbaum", "Xi Jin", "Trump")
PLOVER = ("ASSAULT", "ACCUSE", "CONSULT", "THREATEN", "SANCTION", "COOPERATE")


def _percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=20)
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(cuts[18], 1), "n": len(samples)}


def endpoints(rng: random.Random, cursors: list[int]) -> dict[str, Callable[[], str]]:
    """Name -> a function giving the next URL of that kind (random parameters)."""
    def dyad() -> tuple[str, str]:
        source, target = rng.sample(COUNTRIES, 2)
        return source, target

    def month() -> str:
        year, number = rng.choice((2024, 2025)), rng.randint(1, 12)
        return f"start={year}-{number:02d}-01&end={year}-{number:02d}-28"

    return {
        "/api/events": lambda: "/api/events?limit=50",
        "/api/events?actor=name": lambda: f"/api/events?actor={rng.choice(NAMES)}",
        "/api/events?actor=code": lambda: f"/api/events?actor={rng.choice(COUNTRIES)}GOV",
        "/api/events?country": lambda: f"/api/events?country={rng.choice(COUNTRIES)}",
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

    def timed(client: TestClient, urls: list[str]) -> dict[str, float]:
        samples = []
        for url in urls:
            start = time.perf_counter()
            client.get(url).raise_for_status()
            samples.append((time.perf_counter() - start) * 1000)
        return _percentiles(samples)

    urls = endpoints(rng, [0])
    with TestClient(create_app(db)) as client:
        client.get(urls["/api/dyads/{s}/{t}/series"]()).raise_for_status()  # builds the daily aggregate
        return {"series": timed(client, [urls["/api/dyads/{s}/{t}/series"]() for _ in range(SINGLE_REQUESTS)]),
                "filtered_events": timed(client, [urls["/api/events?all filters"]() for _ in range(SINGLE_REQUESTS)])}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _load(base: str, url: Callable[[], str]) -> dict[str, float]:
    """REQUESTS requests from CLIENTS threads at once; latency percentiles."""
    samples: list[float] = []
    lock = threading.Lock()
    urls = [url() for _ in range(REQUESTS)]

    def client(mine: list[str]) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            for path in mine:
                start = time.perf_counter()
                http.get(path).raise_for_status()
                with lock:
                    samples.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=client, args=(urls[k::CLIENTS],)) for k in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _percentiles(samples)


def concurrent(db: Path, rng: random.Random) -> dict[str, dict[str, float]]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        cursors = [key for (key,) in con.execute("SELECT event_key FROM events USING SAMPLE 200").fetchall()]
        event_id = con.execute("SELECT event_id FROM events LIMIT 1").fetchone()[0]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).with_name("flashpoint")), "serve", "--db", str(db),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                httpx.get(f"{base}/api/stories", timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        source, target = COUNTRIES[0], COUNTRIES[1]
        for page in ("/", f"/dyads/{source}/{target}", f"/events/{event_id}", "/network", "/stories"):
            assert httpx.get(base + page, timeout=300).status_code == 200, f"{page} does not render"
        urls = endpoints(rng, cursors)
        for make in urls.values():  # warm: the first call of an aggregate builds it
            httpx.get(base + make(), timeout=300).raise_for_status()
        return {name: _load(base, make) for name, make in urls.items()}
    finally:
        server.terminate()
        server.wait()


def run(folder: Path, seed: int = 1) -> dict:
    rng = random.Random(seed)
    db = Path(os.environ.get("FLASHPOINT_BENCH_STORE") or folder / "million.duckdb")
    build_seconds = None  # a kept store (FLASHPOINT_BENCH_STORE) is reused, not built
    if not db.exists():
        start = time.perf_counter()
        build(db, N_EVENTS)
        build_seconds = round(time.perf_counter() - start, 1)
    return {"events": N_EVENTS, "build_seconds": build_seconds, "clients": CLIENTS,
            "single": single_client(db, rng), "concurrent": concurrent(db, rng)}
