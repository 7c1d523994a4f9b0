"""API latency over one million synthetic events: p50/p95 of the series and filtered-events
endpoints, through the full HTTP stack in-process (target: p95 < 100 ms).

The events are generated inside DuckDB in one INSERT ... SELECT (seconds, not hours), spread
over 8 countries (64 directed dyads), all 20 CAMEO roots and two years.
"""
from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

N_EVENTS = 1_000_000
REQUESTS = 60
TARGET_P95_MS = 100.0


def _percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=20)
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(cuts[18], 1)}


def _time(client, urls: list[str]) -> dict[str, float]:
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return _percentiles(samples)


def run(n_events: int = N_EVENTS, requests: int = REQUESTS, seed: int = 1) -> dict:
    """Load ``n_events`` synthetic events, then time ``requests`` calls of each endpoint."""
    from fastapi.testclient import TestClient
    from synthetic import COUNTRIES, bulk_events

    from flashpoint.api import create_app
    from flashpoint.store import Store

    rng = random.Random(seed)
    countries = list(COUNTRIES)
    with tempfile.TemporaryDirectory(prefix="flashpoint-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        with Store(db) as store, store.cursor() as con:
            bulk_events(con, n_events)
        load_seconds = time.perf_counter() - start

        def dyad() -> str:
            return f"{rng.choice(countries)}/{rng.choice(countries)}"

        def filtered() -> str:
            month = rng.randint(1, 12)
            return (f"/api/events?dyad={dyad().replace('/', '-')}&cameo={rng.randint(1, 20):02d}"
                    f"&start=2024-{month:02d}-01&end=2025-{month:02d}-28&limit=50")

        with TestClient(create_app(db)) as client:
            start = time.perf_counter()       # the first series call builds the daily aggregate
            client.get(f"/api/dyads/{dyad()}/series").raise_for_status()
            cold_ms = (time.perf_counter() - start) * 1000
            client.get(filtered())
            series = _time(client, [f"/api/dyads/{dyad()}/series?freq={rng.choice(['day', 'week'])}"
                                    for _ in range(requests)])
            events = _time(client, [filtered() for _ in range(requests)])
    return {"events": n_events, "load_seconds": round(load_seconds, 1), "requests": requests,
            "series_first_call_ms": round(cold_ms, 1), "series": series, "filtered_events": events,
            "target_p95_ms": TARGET_P95_MS,
            "target_met": max(series["p95_ms"], events["p95_ms"]) < TARGET_P95_MS}


def main() -> None:
    results = run()
    print(f"API over {results['events']:,} events (loaded in {results['load_seconds']} s), "
          f"{results['requests']} requests each:")
    for name in ("series", "filtered_events"):
        r = results[name]
        print(f"  {name:<16} p50 {r['p50_ms']:>7.1f} ms   p95 {r['p95_ms']:>7.1f} ms")
    print(f"  (the first series call, which builds the daily aggregate: {results['series_first_call_ms']:.0f} ms)")
    print(f"  target p95 < {TARGET_P95_MS:g} ms: {'met' if results['target_met'] else 'NOT met'}")
    if "--json" in sys.argv:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
