"""Speakers resolved as a reader would: pronouns, role nouns, short names, acronyms, and
words that cannot speak. Each case is one class of error seen on real news."""
from __future__ import annotations

from typing import Any

import pytest

from flashpoint.kb import load_kb
from flashpoint.nlp.attribution import Speakers
from flashpoint.nlp.doc_index import DocIndex


def _speakers(nlp: Any, text: str, quoted: str) -> list[dict[str, Any]]:
    """The speakers of the records whose text contains ``quoted``."""
    return [q["speaker"] for q in nlp(text)._.quotes if quoted in q["text"]]


def _name(nlp: Any, text: str, quoted: str) -> str | None:
    (speaker,) = _speakers(nlp, text, quoted)
    return speaker["name"] if speaker else None


@pytest.mark.parametrize("text, quoted, name", [
    # he/she: the nearest person of that gender (titles show it)
    ("Mrs Maria Lopez met Mr John Carter in Geneva on Friday. “We made real progress today,” she said.",
     "progress", "Maria Lopez"),
    ("Mrs Maria Lopez met Mr John Carter in Geneva on Friday. “We made real progress today,” he said.",
     "progress", "John Carter"),
    # it: an organisation, not a person or a place inside what it says
    (("The Interior Ministry said on Monday that the curfew would end. “Order has been restored "
      "across the country,” it said."), "Order", "Interior Ministry"),
    (("The Defence Ministry issued a statement on Sunday. Kenya \"regrets the incident deeply and "
      "will investigate,\" it said."), "regrets", "Defence Ministry"),
    # they: a plural (here a coordination)
    (("Rebel leaders and army commanders met in Juba on Sunday. “The ceasefire will hold this time,” "
      "they said."), "ceasefire", "Rebel leaders and army commanders"),
    # the last speaker of a quote sequence
    (("“The vote was fair and the count was clean,” Ann Miller said. Officials counted ballots "
      "overnight. “We expect no surprises at all,” she said."), "surprises", "Ann Miller"),
])
def test_pronoun_speakers(nlp: Any, text: str, quoted: str, name: str) -> None:
    assert _name(nlp, text, quoted) == name


def test_pronoun_keeps_its_own_offsets(nlp: Any) -> None:
    text = "Mrs Maria Lopez met Mr John Carter in Geneva. “We made real progress today,” she said."
    (speaker,) = _speakers(nlp, text, "progress")
    assert text[speaker["start"]:speaker["end"]] == speaker["text"] == "she"


@pytest.mark.parametrize("text, quoted, name", [
    (("Gen Abdel Karim al-Mansour addressed the troops on Monday. Later, Gen Mansour vowed to "
      "fight “until the last village is free”."), "village", "Abdel Karim al-Mansour"),
    (("The National Electoral Board (NEB) delayed the count. “The results will be published on "
      "Friday,” the NEB said."), "results", "National Electoral Board"),
    ("Kenya's Foreign Minister, Ruth Wanjiru, said “the talks are over” after the meeting.",
     "talks are over", "Ruth Wanjiru"),
    (("Foreign Minister Ruth Wanjiru arrived in Addis Ababa on Monday.\nIn a post on X, the "
      "minister said the talks had produced “a framework for lasting peace.”"), "framework",
     "Ruth Wanjiru"),
    (("The opposition Unity for Change party held a rally on Monday.\nThe party said the vote had "
      "been “stolen in broad daylight”."), "stolen", "Unity for Change"),
    (("The Liberation Front said the offer was “an insult”. The group added that it would “never "
      "disarm”."), "disarm", "Liberation Front"),
    ("Both Iran and the US characterized the meeting as “constructive”.", "constructive",
     "Iran and the US"),
    ("The leaders of the four coastal nations issued a statement saying the bloc was “finished”.",
     "finished", "The leaders of the four coastal nations"),
])
def test_names_as_the_article_gives_them(nlp: Any, text: str, quoted: str, name: str) -> None:
    assert _name(nlp, text, quoted) == name


@pytest.mark.parametrize("text, quoted, name", [
    (("“We are leaving the bloc with immediate effect,” said the statement read out by Colonel "
      "Musa Dabo."), "leaving", "Musa Dabo"),
    (("State television cited the interior ministry as saying that twelve people had been "
      "arrested."), "twelve", "the interior ministry"),
    ("“We will respond to any attack,” Brig. Gen. Tomas Ferreira said on Monday.", "respond",
     "Tomas Ferreira"),
    ("Hundreds of farmers marched on the ministry, chanting: \"no land, no vote.\"", "no land",
     "Hundreds of farmers"),
    (("“Civilians must be protected at all times,” according to a statement from the Health "
      "Ministry."), "Civilians", "Health Ministry"),
])
def test_speaker_behind_the_cue(nlp: Any, text: str, quoted: str, name: str) -> None:
    assert _name(nlp, text, quoted) == name


def test_cueless_quote_continues_the_speaker_it_is_about(nlp: Any) -> None:
    text = ("Foreign Minister Ana Duarte said the talks would continue next week.\nShe thanked the "
            "mediators for a meeting held \"in a spirit of real openness and mutual respect between "
            "our two nations.\"")
    assert _name(nlp, text, "openness") == "Ana Duarte"


def test_scare_quote_in_a_clause_about_someone_else_gets_no_speaker(nlp: Any) -> None:
    text = ("“We will not give up,” Ann Miller said on Monday. Police fired what witnesses called "
            "“warning shots” later. The army then sealed off the \"red zone\" for the night.")
    assert _name(nlp, text, "red zone") is None


@pytest.mark.parametrize("text, word", [
    ("ABOARD THE PRESIDENTIAL JET — Officials expect the talks to resume.", "JET"),
    ("This combination of pictures shows the two leaders at the summit.", "combination"),
    ("The remarks came as the talks resumed in Geneva.", "remarks"),
    ("Read more about the talks in Geneva.", "Read"),
])
def test_words_that_cannot_speak(nlp: Any, text: str, word: str) -> None:
    doc = nlp(text)
    speakers = Speakers(doc, text, DocIndex(doc, text), lambda char: False, load_kb())
    token = next(t for t in doc if t.text == word)
    assert speakers.from_token(token) is None


def test_caption_and_page_words_give_no_quote(nlp: Any) -> None:
    assert nlp("This combination of pictures shows the two leaders at the summit.")._.quotes == []
    assert nlp("Read: Talks to resume in Geneva\nWatch: The summit in pictures\n")._.quotes == []


def test_pronoun_prefers_the_main_clause_subject(nlp: Any) -> None:
    text = ("Mr Tomas Ferreira said hours after Mr Ivan Petrov resigned that a decision would come "
            "soon. He rejected calls for an early vote, saying the country needed “calm, not "
            "another campaign”.")
    assert _name(nlp, text, "calm") == "Tomas Ferreira"


def test_expletive_it_is_no_speaker(nlp: Any) -> None:
    text = "The polls closed at six. However, it is crucial to note that the vote is not binding."
    assert all(q["speaker"] is None or q["speaker"]["text"] != "it" for q in nlp(text)._.quotes)
