"""Single-link grouping with blocking keys: the same groups as checking every pair (Hypothesis)."""
from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.analysis.compare import event_keys, same_event
from flashpoint.analysis.links import connected_groups
from flashpoint.analysis.quote_variants import same_speaker, speaker_keys
from flashpoint.codebook import quad_class

ACTORS = [None, {"text": "he"}, {"name": "Finland", "country": "FIN"}, {"name": "Aino Korhonen", "country": "FIN"},
          {"name": "Korhonen"}, {"name": "Russia", "country": "RUS"}, {"text": "troops", "code": "MIL"},
          {"name": "Donald Trump"}, {"name": "Trump", "country": "USA"}]
CODES = ["010", "111", "112", "120", "130", "140", "150", "173"]
DAYS = [None, "2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-06", "2026-03-09", "2026-03-12"]
NAMES = ["", "Gustavo Petro", "Petro", "Gustavo Petro Urrego", "Donald Trump", "Donald Tusk", "Trump", "—"]

events = st.lists(st.builds(
    lambda source, target, code, day: {"source": source, "target": target, "cameo": code, "cameo_root": code[:2],
                                       "quad_class": quad_class(code[:2]), "date": {"value": day}},
    st.sampled_from(ACTORS), st.sampled_from(ACTORS), st.sampled_from(CODES), st.sampled_from(DAYS)), max_size=40)


def _share(keys_a: list[Any] | None, keys_b: list[Any] | None) -> bool:
    return keys_a is None or keys_b is None or bool(set(keys_a) & set(keys_b))


@settings(max_examples=200)
@given(st.lists(st.one_of(st.none(), st.integers(0, 12)), max_size=30))
def test_blocked_groups_are_those_of_every_pair(values: list[int | None]) -> None:
    def linked(i: int, j: int) -> bool:  # neighbours (None: anyone), every third pair refused
        a, b = values[i], values[j]
        return (i + j) % 3 != 0 and (a is None or b is None or abs(a - b) <= 1)

    def keys(i: int) -> list[int] | None:  # values at most 1 apart share a period pair
        value = values[i]
        return None if value is None else [value // 2 - 1, value // 2]

    assert connected_groups(len(values), linked, keys) == connected_groups(len(values), linked)


@settings(max_examples=200)
@given(events)
def test_events_that_are_one_event_share_a_blocking_key(found: list[dict[str, Any]]) -> None:
    for a in found:
        for b in found:
            assert not same_event(a, b) or _share(event_keys(a), event_keys(b))

    def linked(i: int, j: int) -> bool:
        return same_event(found[i], found[j])

    assert connected_groups(len(found), linked, lambda i: event_keys(found[i])) == connected_groups(len(found), linked)


def test_speakers_that_may_be_one_person_share_a_word_of_their_names() -> None:
    for a in NAMES:
        for b in NAMES:
            assert not same_speaker(a, b) or _share(speaker_keys(a), speaker_keys(b))
