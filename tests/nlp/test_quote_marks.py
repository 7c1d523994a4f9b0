"""Quote-mark scanning: every quoting style, local damage from a stray mark, embedded posts,
and properties that hold on any string (Hypothesis)."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.nlp.quote_marks import find_posts, find_quote_spans

MARKS = "\"“”‘’'«»„‹›"


def _quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "hello there" and left.', ["hello there"]),
    ("She said “we will win” today.", ["we will win"]),
    ("Petro’s words: ‘I’m waiting, don’t threaten me’ were clear.",
     ["I’m waiting, don’t threaten me"]),
    ("The players’ union said nothing about Petro’s plan.", []),
    ("Il a dit «non» hier.", ["non"]),
    ("Er schrieb „Komm her“ gestern.", ["Komm her"]),
    ("'90s music is back, Petro's aide said.", []),
    ('“He said ‘no’ to me,” she said.', ["He said ‘no’ to me,"]),
    ("He called it ''a completely different show,'' later.", ["a completely different show,"]),
])
def test_quote_styles(text: str, expected: list[str]) -> None:
    assert _quoted(text) == expected


def test_unbalanced_mark_costs_one_paragraph_only() -> None:
    text = 'Petro said "we are ready and left.\nTrump said "nothing to add" later.'
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["we are ready and left.", "nothing to add"]
    assert not spans[0].closed and spans[1].closed


def test_quote_going_on_in_the_next_paragraph() -> None:
    text = "“First part goes on.\n“Second part ends,” she said."
    first, second = find_quote_spans(text)
    assert not first.closed and second.continues


def test_hard_wrapped_quote_stays_one_quote() -> None:
    text = 'The senator said "we will\nwin this fight" on Monday.'
    assert _quoted(text) == ["we will\nwin this fight"]


def test_embedded_post_signature() -> None:
    text = ("Petro taunts Trump: “Come get me!” pic.twitter.com/x\n"
            "— Geo View (@theGeoView) January 5, 2026\n")
    (post,) = find_posts(text)
    assert post.author == "Geo View"
    assert text[post.author_start:post.author_end] == "Geo View"
    assert text[post.start:post.end].startswith("Petro taunts")


#: Strings of quote marks, letters, spaces and line breaks: what the scanner must survive.
texts = st.lists(st.sampled_from(list(MARKS) + list("ab .,\n") + ["''", "word "]), max_size=150).map("".join)


@settings(max_examples=400)
@given(texts)
def test_spans_are_ordered_disjoint_and_index_the_text(text: str) -> None:
    spans = find_quote_spans(text)
    for span in spans:
        assert 0 < span.start < span.end <= len(text)
        assert text[span.start - 1] in MARKS  # the opening mark sits right before the content
        assert text[span.start:span.end].strip()
        assert not span.closed or text[span.end] in MARKS
    for before, after in itertools.pairwise(spans):
        assert before.end < after.start
