"""Size-balanced contiguous partitions: examples and properties."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.scale.partition import partition_by_size


def test_examples() -> None:
    assert partition_by_size([], 4) == []
    assert partition_by_size([10, 10, 10, 10], 2) == [[0, 1], [2, 3]]
    assert partition_by_size([100, 1, 1, 1, 1], 2) == [[0], [1, 2, 3, 4]]
    assert partition_by_size([5, 5], 8) == [[0], [1]]


@given(st.lists(st.integers(0, 10**7), max_size=60), st.integers(1, 20))
def test_contiguous_complete_non_empty_and_at_most_parts(sizes: list[int], parts: int) -> None:
    groups = partition_by_size(sizes, parts)
    assert [i for group in groups for i in group] == list(range(len(sizes)))
    assert all(groups) and len(groups) <= parts


@given(st.integers(1, 20), st.integers(1, 10), st.integers(1, 1000))
def test_equal_sizes_split_evenly(per_part: int, parts: int, size: int) -> None:
    groups = partition_by_size([size] * (per_part * parts), parts)
    assert [len(g) for g in groups] == [per_part] * parts
