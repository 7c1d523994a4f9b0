"""Extraction, ingest and big-input runs of the real CLI, each in its own process.

``extract`` and ``ingest`` read the same generated corpus (JSON Lines) in the same run, so
their articles per second compare directly; so does their CPU time per article, which other
load on the shared machine inflates much less than wall time, and which counts the
extraction process ingest starts beside it (``wait4`` adds reaped descendants). Peak memory
is that of the whole process tree: the sum of the processes' RSS, sampled every 50 ms (and
never below the largest process's own peak, which ``wait4`` reports exactly).
Sizes are 1,000 articles, and 10,000 when ``FLASHPOINT_BENCH_10K=1`` (about half an hour on
two cores): the target is that peak memory does not grow with the input.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
from corpus import articles, write_jsonl

FLASHPOINT = str(Path(sys.executable).with_name("flashpoint"))
BIG_JSONL_MB = 50


def _tree_rss(root: psutil.Process) -> int:
    """Bytes resident in ``root`` and its descendants now (those that exit meanwhile count 0)."""
    total = 0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


def _sample_tree_peak(pid: int, done: threading.Event, peak: list[int]) -> None:
    """Until ``done``: the largest ``_tree_rss`` of ``pid``'s tree, in ``peak[0]``."""
    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        while not done.wait(0.05):
            with contextlib.suppress(psutil.Error):
                peak[0] = max(peak[0], _tree_rss(root))


def run_cli(args: list[str]) -> dict[str, float]:
    """Run ``flashpoint *args``: wall seconds, CPU seconds, peak RSS of the process tree (MB)
    and exit code."""
    start = time.perf_counter()
    child = subprocess.Popen([FLASHPOINT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done, peak = threading.Event(), [0]
    sampler = threading.Thread(target=_sample_tree_peak, args=(child.pid, done, peak))
    sampler.start()
    assert child.stderr is not None
    errors = child.stderr.read().decode("utf-8", "replace")
    done.set()
    sampler.join()
    _, status, usage = os.wait4(child.pid, 0)
    return {"seconds": time.perf_counter() - start, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_mb": max(usage.ru_maxrss * 1024, peak[0]) / 2**20,
            "exit": os.waitstatus_to_exitcode(status), "stderr": errors}


def extract_and_ingest(folder: Path, n: int, repeats: int) -> dict[str, object]:
    """``repeats`` alternating runs of extract and ingest (into a new store) of ``n`` articles."""
    corpus = write_jsonl(folder / f"corpus-{n}.jsonl", n)
    runs: dict[str, list[dict[str, float]]] = {"extract": [], "ingest": []}
    for k in range(repeats):
        runs["extract"].append(run_cli(["extract", str(corpus), "-o", os.devnull]))
        db = folder / f"ingest-{n}-{k}.duckdb"
        runs["ingest"].append(run_cli(["ingest", str(corpus), "--db", str(db)]))
        if k < repeats - 1:
            db.unlink()
    for mode, found in runs.items():
        for run in found:
            assert run["exit"] == 0, f"{mode} failed: {run['stderr'][-500:]}"
    return {"articles": n, "db": str(folder / f"ingest-{n}-{repeats - 1}.duckdb"), "corpus": str(corpus),
            **{mode: {"articles_per_s": [round(n / r["seconds"], 2) for r in found],
                      "cpu_ms_per_article": [round(1000 * r["cpu_seconds"] / n, 1) for r in found],
                      "peak_mb": [round(r["peak_mb"]) for r in found]} for mode, found in runs.items()}}


def big_jsonl(folder: Path, db: str, max_bytes: int = 5_000_000) -> dict[str, object]:
    """A JSON Lines file of ``BIG_JSONL_MB`` MB of small records, one oversized record among
    them, ingested into a store that already holds their texts (so nothing is extracted: this
    measures reading, the duplicate check and memory, not the coder)."""
    path = folder / "big.jsonl"
    sample = list(articles(1_000))
    written = 0
    with path.open("w", encoding="utf-8") as out:
        copy = 0
        while written < BIG_JSONL_MB * 1_000_000:
            for record in sample:
                line = json.dumps({**record, "id": f"{record['id']}-copy{copy}"}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode())
            if copy == 0:
                huge = json.dumps({"id": "huge", "text": "word " * (max_bytes // 4)}) + "\n"
                out.write(huge)
                written += len(huge)
            copy += 1
    run = run_cli(["ingest", str(path), "--db", db])
    one_error = run["stderr"].count("E003") == 1 and "big.jsonl:1001" in run["stderr"]
    return {"mb": round(path.stat().st_size / 1e6, 1), "records": sum(1 for _ in path.open("rb")),
            "seconds": round(run["seconds"], 1), "peak_mb": round(run["peak_mb"]), "exit": run["exit"],
            "oversized_record_one_error": one_error, "processed": run["exit"] == 1 and one_error}


def help_seconds(repeats: int = 5) -> dict[str, float]:
    """The fastest of ``repeats`` runs of ``flashpoint --help`` (start-up is what it measures):
    wall time, and CPU time, which other load on the machine inflates much less."""
    runs = [run_cli(["--help"]) for _ in range(repeats)]
    return {"wall": round(min(r["seconds"] for r in runs), 3), "cpu": round(min(r["cpu_seconds"] for r in runs), 3)}
