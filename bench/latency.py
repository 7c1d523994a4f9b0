"""How the benchmarks time requests: one client after the other, or many clients at once
against a real server, reported as p50/p95 (shared by ``bench_dashboard`` and ``bench_api``).

A single client runs in-process (``fastapi.testclient``) and measures what a request costs;
concurrent clients go through a real ``flashpoint serve`` (uvicorn) in a subprocess, threads
with one HTTP connection each (the standard library's: the cheapest client, since the
clients share the server's cores), each sending its next request as soon as the last is
answered.
"""
from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

import httpx


class Client(Protocol):
    """What the timings need of a client: httpx's and the test client's ``get``."""

    def get(self, url: str) -> Any: ...


def percentiles(samples: Sequence[float]) -> dict[str, float]:
    """p50 and p95 of latencies in milliseconds, and how many there were."""
    cuts = statistics.quantiles(samples, n=20)
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(cuts[18], 1), "n": len(samples)}


def one_client(client: Client, urls: Sequence[str]) -> dict[str, float]:
    """``urls`` requested one after the other (each must answer 2xx): latency percentiles."""
    samples = []
    for url in urls:
        start = time.perf_counter()
        client.get(url).raise_for_status()
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def many_clients(base: str, make_url: Callable[[], str], clients: int, requests: int) -> dict[str, float]:
    """``requests`` URLs from ``make_url`` spread over ``clients`` threads at once, against the
    server at ``base`` (each must answer 2xx): latency percentiles over all of them.

    The clients share the server's cores, so they are made as cheap as a client can be, and
    only requests are timed: each thread has a standard-library connection, opened before
    any request is sent (an ``httpx.Client`` costs 22 ms of CPU to make, its SSL context,
    and 4-5 ms a request, as much as the server's work: twenty made as the first requests
    went out slowed those by hundreds of milliseconds), and all start together."""
    samples: list[float] = []
    lock = threading.Lock()
    urls = [quote(make_url(), safe=":/?&=%,") for _ in range(requests)]
    address = urlsplit(base)
    connections = [http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=120)
                   for _ in range(clients)]
    start_together = threading.Barrier(clients, timeout=60)

    def client(connection: http.client.HTTPConnection, mine: list[str]) -> None:
        try:
            connection.connect()
            start_together.wait()
            for path in mine:
                start = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if not 200 <= response.status < 300:
                    raise RuntimeError(f"GET {path}: {response.status} {response.reason}")
                with lock:
                    samples.append((time.perf_counter() - start) * 1000)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(connection, urls[k::clients]))
               for k, connection in enumerate(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if len(samples) < requests:
        raise RuntimeError(f"{requests - len(samples)} of {requests} requests failed (see above)")
    return percentiles(samples)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """``flashpoint serve`` on ``db`` in a subprocess, until the block ends: its base URL."""
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
        yield base
    finally:
        server.terminate()
        server.wait()
