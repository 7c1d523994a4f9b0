"""Processes sharing one store, as users run them: real `flashpoint` commands in subprocesses.

- While `flashpoint serve` runs, `export` and `report --db` work, `ingest` of stored articles
  goes through, and `ingest` of a new one prints one line and exits with code 3.
- A second writer waits (bounded) and gives up with that line and code.
- An ingest killed with SIGKILL mid-way leaves every stored article whole and no extraction
  process behind, and running it again ends with exactly what one uninterrupted run stores
  (extracted in this process: the same records as the CLI's extraction process gives).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from flashpoint import service
from flashpoint.cli.batch import usable_cores
from flashpoint.settings import DEFAULT_STORE_BATCH
from flashpoint.store import Store

FLASHPOINT = str(Path(sys.executable).with_name("flashpoint"))
#: Articles of the ingest that is killed: enough that it is killed mid-way (articles are
#: committed a store batch at a time, so more than two batches).
ARTICLES = 2 * DEFAULT_STORE_BATCH + 10
NEW = "Peru protested to Chile about fishing rights in the Pacific on Friday."


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FLASHPOINT, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "400"}, check=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def served(db: Path) -> Iterator[str]:
    """`flashpoint serve` on the store, in its own process, until the test ends."""
    port = _free_port()
    server = subprocess.Popen([FLASHPOINT, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/stories", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("flashpoint serve did not start") from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_while_serve_runs_export_works_and_ingest_goes_through_or_exits_3(db: Path, served: str,
                                                                           tmp_path: Path) -> None:
    with urllib.request.urlopen(f"{served}/api/events?limit=1", timeout=10) as answer:
        total = json.load(answer)["total"]
    exported = _run("export", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == total > 0

    report = _run("report", "--db", str(db), "-o", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr and (tmp_path / "report.html").stat().st_size > 0

    new = tmp_path / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    refused = _run("ingest", str(new), "--db", str(db), "--wait", "0.5")
    assert refused.returncode == 3
    (line,) = refused.stderr.strip().splitlines()
    assert line.startswith(f"error E024 {db}: is in use by another process (PID ") and "serve" in line

    with urllib.request.urlopen(f"{served}/api/events?limit=1", timeout=10) as answer:
        assert json.load(answer)["total"] == total  # the server still serves, nothing changed


def test_ingesting_or_analysing_stored_articles_needs_no_writer(db: Path, served: str, tmp_path: Path) -> None:
    with Store(db, access="read") as store, store.cursor() as con:
        row = con.execute("SELECT text FROM articles LIMIT 1").fetchone()
    assert row is not None
    again = tmp_path / "again.txt"
    again.write_text(row[0], encoding="utf-8")
    result = _run("ingest", str(again), "--db", str(db), "--wait", "0.5")
    assert result.returncode == 0, result.stderr
    assert "stored 0 new article(s), 1 already present" in result.stderr
    analysed = _run("analyze", str(again), "--db", str(db), "--wait", "0.5")
    assert analysed.returncode == 0, analysed.stderr
    assert "Directed dyads" in analysed.stdout


def test_a_second_writer_waits_then_exits_3(db: Path, tmp_path: Path) -> None:
    hold = "import sys, time\nfrom flashpoint.store import Store\nstore = Store(sys.argv[1])\nprint('held', flush=True)\ntime.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        new = tmp_path / "new.txt"
        new.write_text(NEW, encoding="utf-8")
        started = time.monotonic()
        refused = _run("ingest", str(new), "--db", str(db), "--wait", "1")
        assert refused.returncode == 3 and time.monotonic() - started >= 1
        (line,) = refused.stderr.strip().splitlines()
        assert line.startswith("error E024") and f"PID {holder.pid}" in line
        exported = _run("export", "--db", str(db), "--wait", "0.5")
        assert exported.returncode == 3 and exported.stderr.startswith("error E024")
    finally:
        holder.kill()
        holder.wait()


def _articles(count: int) -> list[dict[str, str]]:
    countries = ["Colombia", "Venezuela", "Peru", "Chile", "Brazil", "Mexico", "Cuba", "Ecuador"]
    acts = ["accused {b} of violating the border", "threatened {b} with sanctions",
            "praised {b} for its cooperation", "expelled diplomats of {b}"]
    return [{"id": f"a{i:03d}", "date": "2026-01-05",
             "text": f"{countries[i % 8]} {acts[i % 4].format(b=countries[(i + 3) % 8])} on Monday. "
                     f"Officials in {countries[(i + 5) % 8]} said talks would resume in week {i}."}
            for i in range(count)]


def _per_article(store: Store) -> dict[str, list[str]]:
    """Each stored article's event records, as JSON, in order."""
    records: dict[str, list[str]] = {}
    for record in store.event_records():
        records.setdefault(record["doc_id"], []).append(json.dumps(record, sort_keys=True))
    with store.cursor() as con:
        for (doc_id,) in con.execute("SELECT doc_id FROM articles").fetchall():
            records.setdefault(doc_id, [])
    return records


def test_an_ingest_killed_midway_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path, nlp) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(a) + "\n" for a in _articles(ARTICLES)), encoding="utf-8")
    clean_db = tmp_path / "clean.duckdb"
    with Store(clean_db) as clean:
        service.ingest(clean, service.read_articles([str(feed)]).articles, service.pipeline_extractor())
        expected = _per_article(clean)
    assert len(expected) == ARTICLES

    db = tmp_path / "killed.duckdb"
    ingest = subprocess.Popen([FLASHPOINT, "ingest", str(feed), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size > 30_000) and ingest.poll() is None:
        assert time.monotonic() < deadline, "the ingest stored nothing in two minutes"
        time.sleep(0.05)
    helpers = psutil.Process(ingest.pid).children(recursive=True)
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    _, alive = psutil.wait_procs(helpers, timeout=30)
    assert not alive, "the extraction process outlived the ingest that started it"
    if usable_cores() > 1:
        assert helpers, "with a second core, ingest extracts in a process of its own"

    with Store(db, access="read") as store:
        partial = _per_article(store)
    assert 0 < len(partial) < ARTICLES, "killed before the first or after the last article"
    assert all(partial[doc_id] == expected[doc_id] for doc_id in partial)  # no article half stored

    rerun = _run("ingest", str(feed), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    with Store(db, access="read") as store:
        assert _per_article(store) == expected
