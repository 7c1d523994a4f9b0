"""Giving memory a long run has freed back to the system.

glibc's ``malloc`` keeps much of what a process frees for its own later use instead of
returning it to the system. A run that allocates and frees a lot at intervals, as a
grouping of stored articles into stories does a chunk at a time, so holds a little more
after every round: regrouping the bench's 10,000 stored articles in chunks of
1,000 went from 268 to 345 MB resident (peak 354 MB); with ``malloc_trim`` after each chunk
it stayed at 213-244 MB (peak 282 MB). Dask gives the same advice for its workers ("Memory
not released back to the OS").

Elsewhere than on glibc (macOS, musl, Windows) there is no such call and nothing is done.
"""
from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (looked up among the symbols the process has loaded), or None
    where the C library has none."""
    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):  # Windows: no process-wide symbol table to look in
        return None
    return trim


def release_freed() -> None:
    """Hand the memory this process has freed back to the system (glibc), so that it does
    not stay resident until the process ends; a few milliseconds."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
