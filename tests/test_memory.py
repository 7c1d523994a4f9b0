"""memory.release_freed: what a run freed goes back to the system."""
from __future__ import annotations

import ctypes
import platform

import psutil
import pytest

from flashpoint.memory import _malloc_trim, release_freed


class _NoTrimLibrary:
    """A C library without ``malloc_trim`` (macOS, musl)."""

    def __init__(self, name: object) -> None:
        pass


def _no_symbol_table(name: object) -> object:
    raise TypeError("no process-wide symbols")  # what ctypes.CDLL(None) does on Windows


@pytest.mark.parametrize("library", [_NoTrimLibrary, _no_symbol_table])
def test_where_there_is_no_malloc_trim_nothing_is_done(monkeypatch: pytest.MonkeyPatch, library: object) -> None:
    monkeypatch.setattr(ctypes, "CDLL", library)
    _malloc_trim.cache_clear()
    try:
        assert _malloc_trim() is None
        release_freed()  # and no error
    finally:
        _malloc_trim.cache_clear()


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_freed_memory_leaves_the_process() -> None:
    """200 MB in 1 KB blocks (past Python's small-object allocator, so from malloc), then all
    but one block in a hundred freed: glibc keeps the freed pages, release_freed hands them back."""
    assert _malloc_trim() is not None
    me = psutil.Process()
    blocks = [bytes(1024) for _ in range(200_000)]
    kept = blocks[::100]
    del blocks
    before = me.memory_info().rss
    release_freed()
    after = me.memory_info().rss
    assert len(kept) == 2_000
    assert before - after > 100 * 2**20
