"""The dashboard at scale: p50/p95 of the overview page, /api/alerts, a dyad's series and a
filtered events page over the realistic store of a million events (``store.py``, the store
the API benchmark uses), one client through the full HTTP stack in-process, and every page of
that store rendered once (each must answer 200).

Targets (issue 9): overview p95 < 300 ms, /api/alerts p95 < 100 ms, series and filtered
events p95 < 100 ms. The store's alerts are computed once when it is built, as the ingest
path computes them (``service.refresh_alerts``).

``FLASHPOINT_BENCH_STORE=path`` keeps the built store at ``path`` and reuses it next time;
``FLASHPOINT_BENCH_EVENTS`` sets its size (default a million).
"""
from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from latency import one_client
from store import COUNTRY_CODES, N_EVENTS, bench_store, pages

REQUESTS = 60
TARGETS_MS = {"overview": 300.0, "alerts": 100.0, "series": 100.0, "filtered_events": 100.0}


def run(folder: Path, requests: int = REQUESTS, seed: int = 1) -> dict:
    from fastapi.testclient import TestClient

    from flashpoint.api import create_app

    rng = random.Random(seed)
    db, build_seconds = bench_store(folder)

    def dyad() -> str:
        return "/".join(rng.sample(COUNTRY_CODES, 2))

    def filtered() -> str:
        month = rng.randint(1, 12)
        return (f"/api/events?dyad={dyad().replace('/', '-')}&cameo={rng.randint(1, 20):02d}"
                f"&start=2024-{month:02d}-01&end=2025-{month:02d}-28&limit=50")

    with TestClient(create_app(db)) as client:
        first = time.perf_counter()
        client.get("/").raise_for_status()                      # builds the cached daily aggregate
        cold_ms = (time.perf_counter() - first) * 1000
        results = {
            "overview": one_client(client, ["/"] * requests),
            "alerts": one_client(client, [rng.choice(["/api/alerts", "/api/alerts?freq=week",
                                                      f"/api/alerts?dyad={dyad().replace('/', '-')}"])
                                          for _ in range(requests)]),
            "series": one_client(client, [f"/api/dyads/{dyad()}/series?freq={rng.choice(['day', 'week'])}"
                                          for _ in range(requests)]),
            "filtered_events": one_client(client, [filtered() for _ in range(requests)]),
        }
        rendered = pages(client)
    return {"events": N_EVENTS, "build_seconds": build_seconds, "first_overview_ms": round(cold_ms),
            "requests": requests, **results, "pages": rendered,
            "targets_met": all(results[k]["p95_ms"] < TARGETS_MS[k] for k in TARGETS_MS)
            and all(status == 200 for status in rendered.values())}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="flashpoint-bench-") as tmp:
        r = run(Path(tmp))
    built = f"built in {r['build_seconds']} s" if r["build_seconds"] is not None else "reused"
    print(f"dashboard over {r['events']:,} events (store {built}, first overview {r['first_overview_ms']} ms), "
          f"{r['requests']} requests each:")
    for name, target in TARGETS_MS.items():
        print(f"  {name:<16} p50 {r[name]['p50_ms']:>7.1f} ms   p95 {r[name]['p95_ms']:>7.1f} ms   "
              f"(target p95 < {target:g} ms)")
    failed = {url: status for url, status in r["pages"].items() if status != 200}
    print(f"  every page renders: {'yes' if not failed else failed} ({len(r['pages'])} pages)")
    print(f"  targets: {'met' if r['targets_met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
