"""Story grouping: four outlets on one story, unrelated articles apart, the seeds together."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.analysis.stories import group_stories, similarity, story_id
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
