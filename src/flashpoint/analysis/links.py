"""Single-link grouping: the connected components of a pairwise "same thing" relation.

Stories, event clusters and quote variants are all found this way: the relation is checked
on every pair and groups are its transitive closure, so A ~ B and B ~ C put A and C together
even when A and C alone would not match (outlet B bridges two differently worded versions).

Checking every pair is quadratic, and a story that keeps growing is reconciled again each
time it gains an article, so a caller that knows necessary conditions of its relation gives
them as blocking ``keys``: only pairs that share a key are checked. When every linked pair
shares a key the groups are exactly those of checking every pair, only found sooner.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator


def connected_groups(count: int, linked: Callable[[int, int], bool],
                     keys: Callable[[int], Iterable[Hashable] | None] | None = None) -> list[list[int]]:
    """Groups of the indices ``0..count-1``, each in order, ordered by their first index.

    ``keys`` (optional) blocks the comparisons: ``i`` and ``j`` are checked only when
    ``keys(i)`` and ``keys(j)`` have a key in common, so it must give one to every pair that
    ``linked`` would accept. An index with no key is linked to nothing; one whose keys are
    None (it may be linked to anything) is checked against every other.
    """
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _all_pairs(range(count), count) if keys is None else _blocked_pairs(count, keys):
        if root(i) != root(j) and linked(i, j):
            parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _all_pairs(first: Iterable[int], count: int) -> Iterator[tuple[int, int]]:
    """Each pair of an index of ``first`` with every greater index below ``count``."""
    return ((i, j) for i in first for j in range(i + 1, count))


def _blocked_pairs(count: int, keys: Callable[[int], Iterable[Hashable] | None]) -> Iterator[tuple[int, int]]:
    """Each pair ``i < j`` sharing a key, or with an index that has None for keys, once."""
    of = [keys(i) for i in range(count)]
    anything = [i for i, found in enumerate(of) if found is None]
    blocks: dict[Hashable, list[int]] = {}
    for i, found in enumerate(of):
        for key in found or ():
            blocks.setdefault(key, []).append(i)
    for i, found in enumerate(of):
        if found is None:
            continue
        seen = set(anything)  # their pairs come below
        for key in found:
            for j in blocks[key]:
                if j > i and j not in seen:
                    seen.add(j)
                    yield i, j
    yield from ((min(i, j), max(i, j)) for i in anything for j in range(count)
                if j != i and (of[j] is not None or j > i))
