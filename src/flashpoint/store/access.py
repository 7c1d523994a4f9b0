"""How processes share a store file: one writer at a time, readers beside each other.

DuckDB lets one process open a database file for writing, and only when no other process has
it open at all; any number of processes may open it read-only together. flashpoint keeps to
that, and adds two things:

- **bounded waits**: opening a file another process holds is retried until ``wait`` seconds
  have passed, then refused with one line naming the holder (StoreError E024, which the CLI
  exits with code 3);
- **the writer lock** ``<database>.lock``: a process holds it (``flock``) for as long as it
  has the file open for writing, and while it switches between reading and writing. A
  server that reads between its writes (``Store(access="shared")``) closes its read-only
  connection and opens a writing one for each write; without the lock another flashpoint
  writer could take the file in that instant and lock the server out of its own store.
"""
from __future__ import annotations

import fcntl
import os
import re
import time
from pathlib import Path
from typing import IO

import duckdb

from flashpoint.errors import StoreError

#: DuckDB's words for a file another process has open.
_HOLDER = re.compile(r"Conflicting lock is held in .*? \(PID (?P<pid>\d+)\)")
#: Longest pause between two attempts.
_MAX_PAUSE = 0.25


def describe(pid: int) -> str:
    """"PID 1234: flashpoint serve --db x.duckdb" where the command line can be read, else the PID."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
    except OSError:
        return f"PID {pid}"
    command = " ".join([Path(words[0]).name, *words[1:]]).strip()
    return f"PID {pid}: {command[:80]}" if command else f"PID {pid}"


def _pause(attempt: int, deadline: float) -> None:
    time.sleep(max(0.0, min(0.01 * 2 ** attempt, _MAX_PAUSE, deadline - time.monotonic())))


def connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, waiting up to ``wait`` seconds while another process holds it."""
    deadline = time.monotonic() + wait
    attempt = 0
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as err:
            holder = _HOLDER.search(str(err))
            if holder is None:
                raise StoreError("E020", path, reason=err) from err
            if time.monotonic() >= deadline:
                raise StoreError("E024", path, holder=describe(int(holder["pid"])), waited=wait) from err
        _pause(attempt, deadline)
        attempt += 1


class WriterLock:
    """The exclusive ``flock`` on ``<database>.lock`` a writer holds; the file names its holder."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.path = Path(f"{database}.lock")
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self, wait: float) -> None:
        """Take the lock, waiting up to ``wait`` seconds; E024 naming the holder after that."""
        if self._file is not None:
            return
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as err:
            raise StoreError("E020", self.database, reason=f"cannot create {self.path}: {err.strerror}") from err
        deadline = time.monotonic() + wait
        attempt = 0
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another flashpoint process"
                    handle.close()
                    raise StoreError("E024", self.database, holder=holder, waited=wait) from None
            _pause(attempt, deadline)
            attempt += 1
        handle.seek(0)
        handle.truncate()
        handle.write(describe(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is None:
            return
        self._file.seek(0)
        self._file.truncate()
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()
        self._file = None
