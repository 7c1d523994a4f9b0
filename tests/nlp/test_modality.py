"""Negation, hypotheticals, future and obligation read from the parse."""
from __future__ import annotations

import pytest

from flashpoint.nlp.modality import is_future, is_hypothetical, is_negated, is_obligation, is_ultimatum


def verb(nlp, text: str, lemma: str):
    return next(t for t in nlp(text) if t.lemma_ == lemma)


@pytest.mark.parametrize("text,lemma,expected", [
    ("The army did not attack the village.", "attack", True),
    ("The army will never attack the village.", "attack", True),
    ("The army attacked the village.", "attack", False),
])
def test_negation(nlp, text, lemma, expected):
    assert is_negated(verb(nlp, text, lemma)) is expected


def test_hypothetical_conditional_and_modal(nlp):
    assert is_hypothetical(verb(nlp, "If they bomb the port, we will respond.", "bomb"))
    assert is_hypothetical(verb(nlp, "The rebels might attack the port.", "attack"))
    assert not is_hypothetical(verb(nlp, "The rebels attacked the port.", "attack"))


def test_future_auxiliaries_and_intent_heads(nlp):
    assert is_future(verb(nlp, "Japan will send aid to Haiti.", "send"))
    assert is_future(verb(nlp, "Japan pledged to send aid to Haiti.", "send"))
    assert is_future(verb(nlp, "Japan is ready to send aid to Haiti.", "send"))
    assert not is_future(verb(nlp, "Japan sent aid to Haiti.", "send"))


def test_obligation_and_ultimatum(nlp):
    assert is_obligation(verb(nlp, "Iraq must allow the inspectors in.", "allow"))
    assert is_ultimatum(verb(nlp, "Chad will expel the envoys unless the raids stop.", "expel"))
    assert not is_ultimatum(verb(nlp, "Chad will expel the envoys.", "expel"))
