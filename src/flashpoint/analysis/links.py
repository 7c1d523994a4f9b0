"""Single-link grouping: the connected components of a pairwise "same thing" relation.

Stories, event clusters and quote variants are all found this way: the relation is checked
on every pair and groups are its transitive closure, so A ~ B and B ~ C put A and C together
even when A and C alone would not match (outlet B bridges two differently worded versions).
"""
from __future__ import annotations

from collections.abc import Callable


def connected_groups(count: int, linked: Callable[[int, int], bool]) -> list[list[int]]:
    """Groups of the indices ``0..count-1``, each in order, ordered by their first index."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if root(i) != root(j) and linked(i, j):
                parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
