"""make bench: a backfill at scale — articles/s and peak RSS per process, 1 and 2 workers, Dask.

N articles are generated from examples/ (the project's own example articles), each varied so
no two texts are the same: the people and countries named are permuted, dates and weekdays
moved, and the sentences after the lead shuffled. They are written as JSON Lines files of 50
articles (the Dask run partitions files) and extracted three ways, each in its own process so
that peak memory is measured per process:

- ``1``: one process, the pipeline in-process (what ``flashpoint extract`` does);
- ``2``: ``--workers 2``, a pool of two spawned processes (``flashpoint.scale.pool``);
- ``dask``: a ``LocalCluster`` of two worker processes writing the Parquet dataset
  (``flashpoint extract --dask local --workers 2``).

Times are wall-clock from the files being read to the last record (``art/s``, what a user's
backfill pays, start-up included) and, separately, the start-up (loading the pipelines; for
Dask, starting the cluster too) and the rate after it (``steady art/s``, where the speed-up of
more workers shows: a real backfill runs for hours, so its start-up is amortised), closing the
cluster (``shut-down``, Dask only) and each mode's whole process (``process s``, imports and
exit included). All modes read the same files and give the same records; only ``dask`` also
writes them (Parquet, ~0.1 ms per article). ``CPU ms/art`` is the CPU time all processes
spent per article (start-up included; for Dask, the scheduler and nannies in the client
process too): equal CPU per article in every mode means the workers add no overhead, so on
idle cores the speed-up is the number of workers. Other work inflates it less than wall
time, but it does (a busy machine's caches are shared: ±10% seen). The machine has two cores
shared with other work: compare figures across runs, not to a decimal.

Usage: ``python bench/bench_backfill.py [--n 1000] [--modes 1,2,dask]``; ``--n 1000,10000`` for
the larger run, which ends with each mode's peak memory per worker at both sizes. 100k articles (hours on two cores) is outside CI: run it on a real cluster with
``flashpoint extract --dask tcp://scheduler:8786 -o OUT``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_FILE = 50
PEOPLE = ("Gustavo Petro", "Donald Trump", "Nicolás Maduro", "Claudia Sheinbaum", "Marco Rubio")
COUNTRIES = ("Colombia", "Venezuela", "Mexico", "Cuba", "Russia", "China")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_DATE = re.compile(rf"\b({'|'.join(MONTHS)}) (\d{{1,2}}), (\d{{4}})\b")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")


def _swap(text: str, names: tuple[str, ...], rng: random.Random) -> str:
    """Replace each of ``names`` by another of them (a random permutation), in one pass."""
    mapping = dict(zip(names, rng.sample(names, len(names)), strict=True))
    return re.sub(rf"\b(?:{'|'.join(map(re.escape, names))})\b", lambda m: mapping[m.group(0)], text)


def vary(text: str, rng: random.Random, day: date) -> str:
    """One variant of an example: names permuted, dates moved to ``day``, body shuffled."""
    text = _swap(_swap(text, PEOPLE, rng), COUNTRIES, rng)
    text = _DATE.sub(f"{MONTHS[day.month - 1]} {day.day}, {day.year}", text)
    text = re.sub(rf"\b(?:{'|'.join(WEEKDAYS)})\b", lambda m: rng.choice(WEEKDAYS), text)
    lead, *body = [s for p in text.split("\n") if p.strip() for s in _SENTENCE_END.split(p.strip())]
    rng.shuffle(body)
    return "\n\n".join([lead, *(" ".join(body[i:i + 3]) for i in range(0, len(body), 3))])


def generate(n: int, folder: Path, seed: int = 7) -> None:
    """Write ``n`` varied articles as JSON Lines files of PER_FILE articles into ``folder``."""
    from flashpoint.ingest import Article, read_inputs

    bases = [a for a in read_inputs([str(ROOT / "examples")]) if isinstance(a, Article)]
    rng = random.Random(seed)
    for start in range(0, n, PER_FILE):
        lines = []
        for i in range(start, min(n, start + PER_FILE)):
            base = bases[i % len(bases)]
            day = date(2025, 1, 1) + timedelta(days=rng.randrange(730))
            lines.append(json.dumps({"id": f"backfill-{i:06d}", "title": base.title, "date": day.isoformat(),
                                     "outlet": f"{base.outlet or 'Example'} {i % 7}",
                                     "text": vary(base.text, rng, day)}, ensure_ascii=False))
        (folder / f"batch-{start // PER_FILE:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _mb(kilobytes: int) -> int:
    return round(kilobytes / 1024)


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_mode(mode: str, folder: Path) -> dict:
    """Extract every article of ``folder`` one way (in this process); timings and peak RSS.

    Every mode starts its clock before reading the files and stops it when the last record is
    in hand (``1``, ``2``) or written to the dataset (``dask``). ``startup`` is until every
    process has its pipeline: loading it here (``1``); until the pool's first chunk comes
    back (``2``: that chunk's articles are counted as done by then); starting the cluster and
    loading the pipeline on each worker (``dask``). ``steady`` is articles/s after it.
    ``shutdown`` is closing the cluster (``dask``), not in ``seconds``; the parent's
    ``process`` time has every mode's whole process, imports and exit included.
    """
    from flashpoint.ingest import Article, read_inputs
    from flashpoint.settings import Settings

    settings = Settings()

    def articles() -> Iterator[Article]:
        return (a for a in read_inputs([str(folder)], settings) if isinstance(a, Article))

    start = time.perf_counter()
    workers_mb: list[int] = []
    workers_cpu, shutdown = 0.0, None
    if mode == "1":
        from flashpoint.extract import extract
        from flashpoint.nlp.pipeline import load_pipeline

        nlp = load_pipeline(settings)
        ready, after = time.perf_counter(), 0
        counts = [len(x.events) for x in extract(articles(), nlp, settings)]
        n, events = len(counts), sum(counts)
    elif mode == "2":
        from flashpoint.scale import extract_parallel

        n, events, ready, after = 0, 0, 0.0, 0
        for extraction in extract_parallel(articles(), settings, workers=2):
            n, events = n + 1, events + len(extraction.events)
            if not ready:
                ready, after = time.perf_counter(), settings.batch_size
        workers_mb = [_mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)]  # the largest worker
        workers_cpu = _cpu_seconds(resource.RUSAGE_CHILDREN)
    else:
        from dask.distributed import Client

        from flashpoint.scale.cluster import extract_to_dataset, local_cluster
        from flashpoint.scale.worker import warm_up

        with tempfile.TemporaryDirectory() as out:
            with local_cluster(2) as cluster, Client(cluster) as client:
                client.run(warm_up, settings)
                ready, after = time.perf_counter(), 0
                results = extract_to_dataset([str(folder)], Path(out) / "dataset", client, settings)
                done = time.perf_counter()
                n, events = sum(r.articles for r in results), sum(r.events for r in results)
                workers_mb = sorted(_mb(kb) for kb in client.run(
                    lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values())
                workers_cpu = sum(client.run(_cpu_seconds).values())
                closing = time.perf_counter()
            shutdown = round(time.perf_counter() - closing, 1)
    end = done if mode == "dask" else time.perf_counter()
    return {"mode": mode, "articles": n, "events": events, "seconds": round(end - start, 1),
            "startup": round(ready - start, 1), "shutdown": shutdown,
            "articles_per_second": round(n / (end - start), 1),
            "steady_per_second": round((n - min(after, n)) / (end - ready), 1),
            "cpu_ms_per_article": round(1000 * (_cpu_seconds() + workers_cpu) / n, 1),
            "main_peak_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            "worker_peak_mb": workers_mb}


def run_in_process(mode: str, folder: Path) -> dict:
    """``run_mode`` in a process of its own (so peak memory is that mode's), timed whole."""
    began = time.perf_counter()
    result: dict = json.loads(subprocess.run([sys.executable, __file__, "--mode", mode, "--folder", str(folder)],
                                             check=True, capture_output=True, text=True).stdout)
    return result | {"process": round(time.perf_counter() - began, 1)}


def report(n: int, results: list[dict]) -> None:
    base = next((r for r in results if r["mode"] == "1"), None)
    print(f"\nbackfill of {n} generated articles (2 shared cores: noisy, compare runs)")
    print(f"{'mode':<6}{'events':>8}{'seconds':>9}{'start-up':>10}{'art/s':>8}{'steady art/s':>14}"
          f"{'speed-up':>10}{'CPU ms/art':>12}{'shut-down':>11}{'process s':>11}{'main MB':>9}  worker peak MB")
    for r in results:
        speedup = f"{r['steady_per_second'] / base['steady_per_second']:.2f}x" if base else "-"
        print(f"{r['mode']:<6}{r['events']:>8}{r['seconds']:>9}{r['startup']:>10}{r['articles_per_second']:>8}"
              f"{r['steady_per_second']:>14}{speedup:>10}{r['cpu_ms_per_article']:>12}{r['shutdown'] or '-':>11}"
              f"{r['process']:>11}{r['main_peak_mb']:>9}  {r['worker_peak_mb'] or '-'}")
    if len({r["events"] for r in results}) > 1:
        print("WARNING: the modes extracted different numbers of events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", default="1000",
                        help="articles to generate, or several sizes: 1000,10000 (peak memory per size at the end)")
    parser.add_argument("--modes", default="1,2,dask")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.folder)))
        return
    peaks: dict[str, list[str]] = {}
    for n in map(int, args.n.split(",")):
        with tempfile.TemporaryDirectory(prefix="flashpoint-backfill-") as tmp:
            generate(n, Path(tmp))
            results = [run_in_process(mode, Path(tmp)) for mode in args.modes.split(",")]
        report(n, results)
        for r in results:
            peaks.setdefault(r["mode"], []).append(f"{n}: {max(r['worker_peak_mb'] or [r['main_peak_mb']])}")
    print("\npeak RSS per worker process (MB; mode 1: the process), by articles: "
          + "; ".join(f"{mode} {', '.join(sizes)}" for mode, sizes in peaks.items()))


if __name__ == "__main__":
    main()
