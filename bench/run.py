"""make bench: extraction against plain spaCy, extract vs ingest, memory, big input, start-up,
the API under load and the dashboard at scale, in one run with one table of results at the
end; then the long-input benchmarks, which print their own.

Sections (``FLASHPOINT_BENCH_SECTIONS``, comma-separated; default all):

``throughput``  flashpoint's words/s against plain spaCy's on the same varied texts (each in
                its own process, best of ``REPEATS``; target: at least 80% of spaCy).
``pipeline``    ``flashpoint extract`` and ``flashpoint ingest`` of the same generated corpus,
                alternating, articles/s and peak RSS at 1k articles (and 10k with
                ``FLASHPOINT_BENCH_10K=1``); a 50 MB JSON Lines file; ``flashpoint --help``.
``api``         a realistic store of a million events (``FLASHPOINT_BENCH_EVENTS``), the
                single-client series and filtered-events latencies, then every list endpoint
                and the overview page under 20 concurrent clients of a real uvicorn server.
``dashboard``   on the same store, one client: the overview, alerts, a dyad's series and a
                filtered events page (``bench_dashboard``), and every page rendered once.
``quotes``      quote finding on quote-heavy text (``bench_quotes``).
``scaling``     extraction time per character from 10 KB to 1 MB (``bench_scaling``).

The machine is shared and noisy: runs are repeated and reported as ranges, never one number.
Results also go to ``bench/out/results.json``.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[1]
TARGET_WORDS = 100_000
TARGET_SHARE = 0.80
#: Each throughput mode runs this many times and keeps its best time (noise only slows runs down).
REPEATS = 3
SECTIONS = os.environ.get("FLASHPOINT_BENCH_SECTIONS",
                          "throughput,pipeline,api,dashboard,quotes,scaling").split(",")


def corpus_texts() -> list[str]:
    """Varied generated texts totalling about TARGET_WORDS words."""
    from corpus import articles

    texts: list[str] = []
    words = 0
    for record in articles(10_000, seed=7):
        texts.append(record["text"])
        words += len(record["text"].split())
        if words >= TARGET_WORDS:
            break
    return texts


def measure(mode: str) -> dict:
    """Run one throughput mode in this process: words per second and peak memory."""
    from flashpoint.extract import extract
    from flashpoint.ingest import Article
    from flashpoint.nlp.pipeline import load_pipeline
    from flashpoint.settings import DEFAULT_BATCH_SIZE

    texts = corpus_texts()
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    articles = [Article(doc_id=f"bench-{i}", text=t) for i, t in enumerate(texts)]
    mine = [name for name in nlp.pipe_names if name.startswith("flashpoint_")]
    timings, events = [], 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        if mode == "spacy":
            with nlp.select_pipes(disable=mine):
                for _ in nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE):
                    pass
        else:
            events = sum(len(x.events) for x in extract(articles, nlp))
        timings.append(time.perf_counter() - start)
    elapsed = min(timings)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "words": words, "seconds": round(elapsed, 2), "runs": len(timings),
            "words_per_second": round(words / elapsed), "peak_rss_mb": round(peak_mb), "events": events}


def throughput() -> dict:
    results = {}
    for mode in ("spacy", "flashpoint"):
        out = subprocess.run([sys.executable, __file__, "--mode", mode], check=True,
                             capture_output=True, text=True).stdout
        results[mode] = json.loads(out)
    results["share_of_spacy"] = round(results["flashpoint"]["words_per_second"]
                                      / results["spacy"]["words_per_second"], 3)
    return results


def pipeline(folder: Path) -> dict:
    import bench_pipeline

    sizes = [(1_000, 2)] + ([(10_000, 1)] if os.environ.get("FLASHPOINT_BENCH_10K") == "1" else [])
    runs = [bench_pipeline.extract_and_ingest(folder, n, repeats) for n, repeats in sizes]
    return {"runs": runs, "big_jsonl": bench_pipeline.big_jsonl(folder, runs[0]["db"]),
            "help_seconds": bench_pipeline.help_seconds()}


def api(folder: Path) -> dict:
    import bench_api

    return bench_api.run(folder)


def dashboard(folder: Path) -> dict:
    import bench_dashboard

    return bench_dashboard.run(folder)


def _span(values: list[float], unit: str = "") -> str:
    low, high = min(values), max(values)
    return f"{low:g}{unit}" if low == high else f"{low:g}–{high:g}{unit}"


def table(results: dict) -> list[tuple[str, str, str]]:
    """(measure, value, target) rows of everything measured."""
    rows: list[tuple[str, str, str]] = []
    if "throughput" in results:
        t = results["throughput"]
        rows += [("words/s plain spaCy", str(t["spacy"]["words_per_second"]), ""),
                 ("words/s flashpoint", str(t["flashpoint"]["words_per_second"]), ""),
                 ("flashpoint / spaCy", f"{t['share_of_spacy']:.0%}", f"≥ {TARGET_SHARE:.0%}")]
    if "pipeline" in results:
        p = results["pipeline"]
        for run in p["runs"]:
            n = run["articles"]
            # each ingest against the extract run just before it: the shared machine's speed
            # drifts between runs (two identical extract runs: 89.7 and 108.6 CPU ms an article),
            # and a ratio across pairs would measure that drift
            ratio = [i / e for i, e in zip(run["ingest"]["articles_per_s"], run["extract"]["articles_per_s"],
                                           strict=True)]
            rows += [(f"extract articles/s ({n})", _span(run["extract"]["articles_per_s"]), ""),
                     (f"ingest articles/s ({n})", _span(run["ingest"]["articles_per_s"]), ""),
                     (f"ingest / extract ({n}), paired runs", _span([round(r, 2) for r in ratio]), "≥ 0.8"),
                     (f"CPU ms/article extract ({n})", _span(run["extract"]["cpu_ms_per_article"]), ""),
                     (f"CPU ms/article ingest ({n})", _span(run["ingest"]["cpu_ms_per_article"]), ""),
                     (f"peak RSS extract ({n})", _span(run["extract"]["peak_mb"], " MB"), ""),
                     (f"peak RSS ingest ({n})", _span(run["ingest"]["peak_mb"], " MB"), "")]
        if len(p["runs"]) > 1:
            small, large = p["runs"][0], p["runs"][-1]
            for mode in ("extract", "ingest"):
                growth = max(large[mode]["peak_mb"]) / min(small[mode]["peak_mb"]) - 1
                rows.append((f"peak RSS {mode} growth {small['articles']}→{large['articles']}",
                             f"{growth:+.0%}", "within 10%"))
        big = p["big_jsonl"]
        rows += [(f"{big['mb']} MB JSON Lines ({big['records']} records)",
                  f"{'processed' if big['processed'] else 'FAILED'} in {big['seconds']} s, {big['peak_mb']} MB",
                  "processed"),
                 ("flashpoint --help", f"{p['help_seconds']['wall']} s (CPU {p['help_seconds']['cpu']} s)",
                  "< 0.3 s")]
    if "api" in results:
        a = results["api"]
        built = f"{a['build_seconds']} s" if a["build_seconds"] is not None else "reused"
        rows.append((f"store of {a['events']:,} events built", built, ""))
        rows.append(("store file read into the page cache", f"{a['page_cache_seconds']} s", ""))
        for name in ("series", "filtered_events"):
            rows.append((f"1 client {name} p95", f"{a['single'][name]['p95_ms']} ms", ""))
        for name, found in a["concurrent"].items():
            target = "< 250 ms" if name.startswith(("/api/events", "/api/dyads ")) else ""
            rows.append((f"20 clients {name} p95", f"{found['p95_ms']} ms (p50 {found['p50_ms']})", target))
    if "dashboard" in results:
        from bench_dashboard import TARGETS_MS

        d = results["dashboard"]
        rows.append(("1 client first overview", f"{d['first_overview_ms']} ms", ""))
        for name, target_ms in TARGETS_MS.items():
            rows.append((f"1 client {name} p95", f"{d[name]['p95_ms']} ms (p50 {d[name]['p50_ms']})",
                         f"< {target_ms:g} ms"))
        failed = [url for url, status in d["pages"].items() if status != 200]
        rows.append((f"dashboard pages render ({len(d['pages'])})", "all" if not failed else f"NOT {failed}", "all"))
    return rows


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--mode":
        print(json.dumps(measure(sys.argv[2])))
        return
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="flashpoint-bench-") as tmp:
        for section, run in (("throughput", lambda: throughput()), ("pipeline", lambda: pipeline(Path(tmp))),
                             ("api", lambda: api(Path(tmp))), ("dashboard", lambda: dashboard(Path(tmp)))):
            if section in SECTIONS:
                print(f"running {section} ...", file=sys.stderr, flush=True)
                results[section] = run()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    rows = table(results)
    if rows:
        width = max(len(r[0]) for r in rows)
        print(f"{'measure':<{width}}  {'value':<32}  target")
        for measure_name, value, target in rows:
            print(f"{measure_name:<{width}}  {value:<32}  {target}")
    if "quotes" in SECTIONS:
        import bench_quotes

        bench_quotes.main()
    if "scaling" in SECTIONS:
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_scaling.py")], check=True)


if __name__ == "__main__":
    main()
