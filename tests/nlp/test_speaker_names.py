"""Speaker names as the article gives them: titles, short forms, acronyms."""
from __future__ import annotations

import pytest

from flashpoint.kb import load_kb
from flashpoint.nlp.speaker_names import NameBook, clean_name, plain, proper_name, title_words


@pytest.mark.parametrize("text, person, expected", [
    ("Gen Abdel Karim al-Mansour", True, ("Abdel Karim al-Mansour", None)),
    ("Mrs Maria Lopez", True, ("Maria Lopez", "f")),
    ("Mr. Carter’s", True, ("Carter", "m")),
    ("Foreign Minister Ruth Wanjiru", True, ("Ruth Wanjiru", None)),
    ("the Unity for Change party", False, ("Unity for Change", None)),
    ("General Motors", False, ("General Motors", None)),
    ("The Liberation Front", False, ("Liberation Front", None)),
])
def test_proper_name(text: str, person: bool, expected: tuple[str, str | None]) -> None:
    assert proper_name(text, title_words(load_kb()) if person else frozenset()) == expected


def test_clean_name_and_plain() -> None:
    assert clean_name("“Lopez’s") == "Lopez"
    assert plain("Vučić") == plain("Vucic") == "vucic"


def test_short_person_name_is_completed_from_an_earlier_full_name() -> None:
    book = NameBook("")
    book.add_person(0, "Abdel Karim al-Mansour")
    book.add_person(50, "Ruth Ama Wanjiru")
    assert book.full_person_name("Mansour", 100) == "Abdel Karim al-Mansour"
    assert book.full_person_name("Wanjiru", 100) == "Ruth Ama Wanjiru"
    assert book.full_person_name("Ama", 100) == "Ruth Ama Wanjiru"
    assert book.full_person_name("Wanjiru", 40) == "Wanjiru"  # only names given before
    assert book.full_person_name("Tomas", 100) == "Tomas"


@pytest.mark.parametrize("text, acronym, expansion", [
    ("the National Electoral Board (NEB) said", "NEB", "National Electoral Board"),
    ("the Economic Union of Southern States (EUSS)", "EUSS", "Economic Union of Southern States"),
    ("the Union of Coastal Fishermen (UCF)", "UCF", "Union of Coastal Fishermen"),
    ("the Zambezi River Authority’s (ZRA) dam", "ZRA", "Zambezi River Authority"),
])
def test_acronym_defined_in_brackets(text: str, acronym: str, expansion: str) -> None:
    assert NameBook(text).acronym(acronym) == expansion


def test_bracketed_word_that_spells_nothing_is_no_acronym() -> None:
    assert NameBook("talks in Lagos (AFP) resumed").acronym("AFP") is None
