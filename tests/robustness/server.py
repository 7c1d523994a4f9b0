"""A real uvicorn server in a thread, and raw HTTP over a socket: what the tests of the
server's guards need (a TestClient always sends the whole body, and cannot hang up)."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI


@contextmanager
def serving(app: FastAPI) -> Iterator[tuple[str, int]]:
    """``app`` served on a free local port until the block ends: (host, port)."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def send(address: tuple[str, int], head: str, body: bytes = b"", timeout: float = 10) -> socket.socket:
    """Open a connection and send a request head (and part of a body, if any)."""
    conn = socket.create_connection(address, timeout=timeout)
    conn.sendall(head.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body)
    return conn


def response(conn: socket.socket) -> tuple[int, str]:
    """The status and the whole response text (the server closes or the body is complete)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(head.split(b" ")[1]), (head + b"\r\n\r\n" + body).decode("utf-8", "replace")
