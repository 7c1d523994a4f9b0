"""Story grouping: four outlets on one story, unrelated articles apart, the seeds together."""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from flashpoint.analysis import stories as stories_module
from flashpoint.analysis.links import connected_groups
from flashpoint.analysis.stories import (
    MAX_DAYS,
    THRESHOLD,
    Member,
    group_stories,
    keys_of,
    link_stories,
    similarity,
    story_id,
)
from flashpoint.analysis.words import words
from flashpoint.ingest import Article, read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "outlets.jsonl"
FINLAND = {"north-1", "baltic-7", "euro-3", "wire-9"}


@pytest.fixture(scope="module")
def outlets() -> list[Article]:
    """Four outlets on one (invented) story, two unrelated articles and a follow-up weeks later."""
    return list(read_inputs([str(FIXTURES)]))


def test_words_fold_apostrophes_and_case() -> None:
    assert words("I\u2019m waiting — DON'T") == ["i'm", "waiting", "don't"]


def test_four_outlets_form_one_story_and_unrelated_articles_stay_apart(outlets) -> None:
    stories = {frozenset(s.doc_ids) for s in group_stories(outlets)}
    assert stories == {frozenset(FINLAND), frozenset({"markets-1"}), frozenset({"senate-4"}),
                       frozenset({"north-2"})}


def test_same_wording_weeks_later_is_another_story(outlets) -> None:
    follow_up = next(a for a in outlets if a.doc_id == "north-2")
    first = next(a for a in outlets if a.doc_id == "north-1")
    assert len(group_stories([first, follow_up])) == 2
    assert len(group_stories([first, follow_up], max_days=60)) == 1


def test_story_ids_do_not_depend_on_input_order(outlets) -> None:
    forward = {s.id for s in group_stories(outlets)}
    backward = {s.id for s in group_stories(list(reversed(outlets)))}
    assert forward == backward
    assert story_id(sorted(FINLAND)) in forward


def test_single_link_joins_through_a_middle_article() -> None:
    a = Article("a", "Ruritania closed the Zenda border crossing on Monday after protests.")
    b = Article("b", "Ruritania closed the Zenda border crossing; the Strelsau government blamed smugglers.")
    c = Article("c", "The Strelsau government blamed smugglers and farmers for the unrest.")
    assert len(group_stories([a, c])) == 2
    assert [s.doc_ids for s in group_stories([a, b, c])] == [("a", "b", "c")]


def test_different_countries_lower_the_score_and_shared_ones_never_raise_it() -> None:
    vector = {"petro": 1.0}
    assert similarity(vector, vector, set(), {"COL"}) == pytest.approx(1.0)
    assert similarity(vector, vector, {"COL"}, {"FIN"}) == pytest.approx(0.75)
    assert similarity(vector, {"trump": 1.0}, {"USA"}, {"USA"}) == 0.0


def test_undated_articles_are_linked_on_text_alone() -> None:
    dated = Article("a", "Ruritania closed the Zenda border crossing.", published=date(2026, 1, 1))
    undated = Article("b", "Ruritania closed the Zenda border crossing again.")
    assert len(group_stories([dated, undated])) == 1


def test_the_two_seed_versions_are_one_story_among_other_articles(seed_paths, outlets) -> None:
    seeds = list(read_inputs([str(p) for p in seed_paths]))
    stories = {frozenset(s.doc_ids) for s in group_stories(seeds + outlets)}
    assert frozenset(a.doc_id for a in seeds) in stories
    assert frozenset(FINLAND) in stories


def _one_at_a_time(articles: list[Article]) -> set[frozenset[str]]:
    """Stories built as the store builds them: each article attached to the stories before it."""
    members: list[Member] = []
    stories: dict[str, set[str]] = {}
    for article in articles:
        new = Member.of(article)
        for doc_ids, absorbed in link_stories([new], members):
            joined = set(doc_ids).union(*(stories.pop(s) for s in absorbed))
            for member in [*members, new]:
                if member.doc_id in joined:
                    member.story = story_id(joined)
            stories[story_id(joined)] = joined
        members.append(new)
    return {frozenset(ids) for ids in stories.values()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_articles_attached_one_at_a_time_in_any_order_make_the_batch_stories(outlets, seed: int) -> None:
    shuffled = random.Random(seed).sample(outlets, len(outlets))
    assert _one_at_a_time(shuffled) == {frozenset(s.doc_ids) for s in group_stories(outlets)}


def _generated(days: int, per_day: int) -> list[Article]:
    """Articles on ``days`` days, each day's in pairs (two outlets) on one invented event: the
    same invented names in another order, in the same template as every other event."""
    rng = random.Random(5)
    syllables = ["ka", "lo", "mi", "ren", "to", "vas", "zu", "pel", "dor", "quin", "sa", "bre", "ny", "gor", "wex"]
    found = []
    for day in range(days):
        for pair in range(per_day // 2):
            names = ["".join(rng.sample(syllables, 4)).title() for _ in range(30)]
            for outlet in ("a", "b"):
                shuffled = rng.sample(names, len(names))
                text = (f"Officials said envoys of {', '.join(shuffled[:15])} met near the river. "
                        f"Talks with {', '.join(shuffled[15:])} were called a fragile start.")
                found.append(Article(f"{day}-{pair}-{outlet}", text, published=date(2026, 1, 1) + timedelta(days=day)))
    return found


def test_blocking_compares_few_pairs_and_finds_every_linked_pair_that_shares_a_key(monkeypatch) -> None:
    articles = _generated(days=30, per_day=10)
    compared: list[int] = []
    real = stories_module.similarity

    def counted(*args):  # type: ignore[no-untyped-def]
        compared.append(1)
        return real(*args)

    monkeypatch.setattr(stories_module, "similarity", counted)
    found = {frozenset(s.doc_ids) for s in group_stories(articles)}
    pairs = len(articles) * (len(articles) - 1) // 2
    assert len(compared) < pairs / 5

    members = [Member.of(a) for a in articles]
    keys = [set(keys_of(m.vector)) for m in members]

    def linked(i: int, j: int) -> bool:  # every pair, without the index
        a, b = articles[i], articles[j]
        assert a.published and b.published
        return (abs((a.published - b.published).days) <= MAX_DAYS and bool(keys[i] & keys[j])
                and real(members[i].vector, members[j].vector, set(), set()) >= THRESHOLD)

    brute = {frozenset(articles[i].doc_id for i in group) for group in connected_groups(len(articles), linked)}
    assert found == brute and len(found) == len(articles) // 2
