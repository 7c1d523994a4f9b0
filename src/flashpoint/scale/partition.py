"""Split input files into contiguous partitions of about equal size for the cluster.

By bytes rather than by count: one JSON Lines file of a thousand articles and a thousand small
text files should not land in partitions of the same weight. Contiguous, so the order of the
dataset follows the order of the inputs.
"""
from __future__ import annotations

from collections.abc import Sequence


def partition_by_size(sizes: Sequence[int], parts: int) -> list[list[int]]:
    """Indices of ``sizes`` in at most ``parts`` non-empty, contiguous, size-balanced groups."""
    if not sizes:
        return []
    parts = max(1, min(parts, len(sizes)))
    total = sum(max(size, 1) for size in sizes)
    groups: list[list[int]] = [[]]
    done = 0
    for index, size in enumerate(sizes):
        boundary = total * len(groups) / parts
        remaining_groups = parts - len(groups)
        if groups[-1] and remaining_groups and (done >= boundary or len(sizes) - index <= remaining_groups):
            groups.append([])
        groups[-1].append(index)
        done += max(size, 1)
    return groups
