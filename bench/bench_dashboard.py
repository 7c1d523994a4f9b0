"""The dashboard at scale: p50/p95 of the overview page, /api/alerts, a dyad's series and a
filtered events page over one million synthetic events, through the full HTTP stack
in-process, and every page of that store rendered once (each must answer 200).

Targets (issue 9): overview p95 < 300 ms, /api/alerts p95 < 100 ms, series and filtered
events p95 < 100 ms. The store is loaded in bulk, then its alerts are computed once, as the
ingest path computes them (``service.refresh_alerts``); that step is timed too.
"""
from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

N_EVENTS = 1_000_000
REQUESTS = 60
TARGETS_MS = {"overview": 300.0, "alerts": 100.0, "series": 100.0, "filtered_events": 100.0}


def _p(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(statistics.quantiles(samples, n=20)[18], 1)}


def _time(client, urls: list[str]) -> dict[str, float]:
    samples = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return _p(samples)


def _pages(client, countries: list[str]) -> dict[str, int]:
    """Every page of the store once: its status."""
    event = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    a, b = countries[:2]
    urls = ["/", "/events", f"/events?dyad={a}-{b}&quad_class=4&start=2025-01-01&end=2025-03-31",
            f"/events/{event['event_id']}", f"/articles/{event['doc_id']}", f"/actors/{a}", "/dyads",
            f"/dyads/{a}/{b}", f"/dyads/{a}/{b}?freq=week", "/network", "/stories", "/api",
            "/api/dyads", "/api/alerts/episodes", "/api/quotes", "/api/stories"]
    return {url: client.get(url).status_code for url in urls}


def run(n_events: int = N_EVENTS, requests: int = REQUESTS, seed: int = 1) -> dict:
    from fastapi.testclient import TestClient
    from synthetic import COUNTRIES, bulk_events

    from flashpoint import service
    from flashpoint.api import create_app
    from flashpoint.store import Store

    rng = random.Random(seed)
    countries = list(COUNTRIES)
    with tempfile.TemporaryDirectory(prefix="flashpoint-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        with Store(db) as store:
            with store.cursor() as con:
                bulk_events(con, n_events)
            loaded = time.perf_counter()
            service.refresh_alerts(store)
        alerts_seconds = time.perf_counter() - loaded

        def dyad() -> str:
            return f"{rng.choice(countries)}/{rng.choice(countries)}"

        def filtered() -> str:
            month = rng.randint(1, 12)
            return (f"/api/events?dyad={dyad().replace('/', '-')}&cameo={rng.randint(1, 20):02d}"
                    f"&start=2024-{month:02d}-01&end=2025-{month:02d}-28&limit=50")

        with TestClient(create_app(db)) as client:
            first = time.perf_counter()
            client.get("/").raise_for_status()                      # builds the cached daily aggregate
            cold_ms = (time.perf_counter() - first) * 1000
            results = {
                "overview": _time(client, ["/"] * requests),
                "alerts": _time(client, [rng.choice(["/api/alerts", "/api/alerts?freq=week",
                                                     f"/api/alerts?dyad={dyad().replace('/', '-')}"])
                                         for _ in range(requests)]),
                "series": _time(client, [f"/api/dyads/{dyad()}/series?freq={rng.choice(['day', 'week'])}"
                                         for _ in range(requests)]),
                "filtered_events": _time(client, [filtered() for _ in range(requests)]),
            }
            pages = _pages(client, countries)
    return {"events": n_events, "load_seconds": round(loaded - start, 1), "alerts_seconds": round(alerts_seconds, 1),
            "first_overview_ms": round(cold_ms), "requests": requests, **results, "pages": pages,
            "targets_met": all(results[k]["p95_ms"] < TARGETS_MS[k] for k in TARGETS_MS)
            and all(status == 200 for status in pages.values())}


def main() -> None:
    r = run()
    print(f"dashboard over {r['events']:,} events (loaded in {r['load_seconds']} s, alerts computed "
          f"in {r['alerts_seconds']} s, first overview {r['first_overview_ms']} ms), {r['requests']} requests each:")
    for name, target in TARGETS_MS.items():
        print(f"  {name:<16} p50 {r[name]['p50_ms']:>7.1f} ms   p95 {r[name]['p95_ms']:>7.1f} ms   "
              f"(target p95 < {target:g} ms)")
    failed = {url: status for url, status in r["pages"].items() if status != 200}
    print(f"  every page renders: {'yes' if not failed else failed} ({len(r['pages'])} pages)")
    print(f"  targets: {'met' if r['targets_met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
