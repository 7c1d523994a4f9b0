"""Reporting cues: what a cue reports (a proposition, not a noun phrase) and who speaks."""
from __future__ import annotations

from typing import Any

import pytest

from flashpoint.nlp.speech_cues import content_tokens, cue_kind, cue_words, speaker_token


def _cue(nlp: Any, text: str, word: str) -> Any:
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def _content(nlp: Any, text: str, word: str) -> Any:
    cue = _cue(nlp, text, word)
    return content_tokens(cue, cue_kind(cue, cue_words()), cue.sent, cue_words())


@pytest.mark.parametrize("text, cue", [
    ("The minister criticized Washington on Tuesday.", "criticized"),
    ("Officials rejected unilateral moves by the neighbours.", "rejected"),
    ("Analysts described the rocket's flight path in detail.", "described"),
    ("The envoys discussed the border during the visit.", "discussed"),
])
def test_noun_phrase_object_is_no_proposition(nlp: Any, text: str, cue: str) -> None:
    content = _content(nlp, text, cue)
    assert content is None or not content.clause


@pytest.mark.parametrize("text, cue", [
    ("The minister criticized Washington for blocking the aid convoy.", "criticized"),
    ("She called the proposal a trap.", "called"),
    ("The bishops called for a ceasefire in the north.", "called"),
    ("Analysts described the plan as reckless.", "described"),
    ("The mayor urged residents to stay indoors.", "urged"),
    ("The army said that the road had reopened.", "said"),
])
def test_propositions_are_reported_content(nlp: Any, text: str, cue: str) -> None:
    content = _content(nlp, text, cue)
    assert content is not None and content.clause


def _speaker(nlp: Any, text: str, word: str) -> str | None:
    cue = _cue(nlp, text, word)
    who = speaker_token(cue, cue_kind(cue, cue_words()), lambda t: t.pos_ in ("PROPN", "PRON") or t.lower_ == "farmers")
    return who.text if who is not None else None


@pytest.mark.parametrize("text, cue, speaker", [
    ("State television cited the ministry as saying that twelve people were held.", "saying", "ministry"),
    ("The statement, read out by Colonel Musa Dabo, said the bloc had failed.", "said", "Dabo"),
    ("Hundreds of farmers marched on the ministry, chanting: \"no land, no vote.\"", "chanting", "Hundreds"),
    ("The rebels took the town, and the government said the advance was illegal.", "said", "government"),
    ("Lopez, who said the vote was rigged, left early.", "said", "Lopez"),
])
def test_speaker_token(nlp: Any, text: str, cue: str, speaker: str) -> None:
    assert _speaker(nlp, text, cue) == speaker
