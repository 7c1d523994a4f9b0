"""The flashpoint_quotes component: kinds, cues, speakers, records, and a floor on the seeds."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _quotes(nlp: Any, text: str) -> list[dict[str, Any]]:
    return nlp(text)._.quotes


def _only(nlp: Any, text: str, kind: str | None = None) -> dict[str, Any]:
    quotes = [q for q in _quotes(nlp, text) if kind is None or q["kind"] == kind]
    assert len(quotes) == 1, quotes
    return quotes[0]


def _speaker(quote: dict[str, Any]) -> str | None:
    return (quote["speaker"] or {}).get("name")


def test_record_shape_and_offsets(nlp: Any) -> None:
    text = '"We will not back down," Maria Lopez said on Monday.'
    quote = _only(nlp, text)
    assert quote["quote_id"] == "q1" and quote["direct"] and quote["kind"] == "direct"
    assert text[quote["start"]:quote["end"]] == quote["text"] == "We will not back down,"
    assert quote["cue"]["text"] == "said" and text[quote["cue"]["start"]:quote["cue"]["end"]] == "said"
    speaker = quote["speaker"]
    assert speaker["name"].endswith("Lopez") and text[speaker["start"]:speaker["end"]].endswith("Lopez")


@pytest.mark.parametrize("text, quoted, speaker", [
    ('Maria Lopez told reporters: "It sounds good to me."', "It sounds good to me.", "Lopez"),
    ("The minister, John Carter, said “we will not pay those debts again” on Friday.",
     "we will not pay those debts again", "Carter"),
    ('Senator Ann Miller, stating: "I do not accept this and I never will."',
     "I do not accept this and I never will.", "Miller"),
    ("“Don’t threaten me, I’ll wait for you right here,” said John Carter.",
     "Don’t threaten me, I’ll wait for you right here,", "Carter"),
])
def test_speaker_before_or_after(nlp: Any, text: str, quoted: str, speaker: str) -> None:
    quote = _only(nlp, text)
    assert quote["text"] == quoted and quote["direct"]
    assert _speaker(quote).endswith(speaker)


def test_split_quote_is_one_quote(nlp: Any) -> None:
    text = '"This is a disgrace," said Ann Miller, "and the voters will remember it."'
    quote = _only(nlp, text)
    assert quote["text"].startswith("This is a disgrace") and quote["text"].endswith("remember it.")
    assert _speaker(quote).endswith("Miller")


@pytest.mark.parametrize("text", [
    "“You said you ‘accept the result,’” Ann Miller said. “That is not what happened at all.”",
    "''We will win this vote,'' said Tomas Ferreira, the mayor. ''The count is on our side.''",
])
def test_split_quote_around_nested_or_doubled_marks_is_one_quote(nlp: Any, text: str) -> None:
    quote = _only(nlp, text)
    assert quote["text"].endswith(("at all.", "our side.")) and _speaker(quote) in ("Ann Miller", "Tomas Ferreira")


def test_partial_and_scare_quotes(nlp: Any) -> None:
    partial = _only(nlp, 'John Carter described the plan as "very sick" on Sunday.')
    assert partial["kind"] == "partial" and "very sick" in partial["text"]
    assert _speaker(partial).endswith("Carter")
    scare = _only(nlp, 'The policy is part of the "war on drugs" that began decades ago.')
    assert scare["kind"] == "scare" and scare["speaker"] is None and scare["text"] == "war on drugs"


def test_partial_quote_inside_reported_clause(nlp: Any) -> None:
    text = "John Carter warned that the leader “should be careful” about his next move."
    quote = _only(nlp, text)
    assert quote["kind"] == "partial" and quote["direct"]
    assert quote["text"].startswith("the leader") and "should be careful" in quote["text"]


def test_indirect_speech(nlp: Any) -> None:
    text = "Maria Lopez said that the talks had failed because of the border dispute."
    quote = _only(nlp, text)
    assert quote["kind"] == "indirect" and not quote["direct"]
    assert quote["text"] == "the talks had failed because of the border dispute"
    assert quote["cue"]["text"] == "said" and _speaker(quote).endswith("Lopez")


def test_according_to_and_parenthetical_cue(nlp: Any) -> None:
    according = _only(nlp, "According to officials, the talks collapsed on Friday.")
    assert according["text"] == "the talks collapsed on Friday"
    assert according["cue"]["text"] == "According to" and _speaker(according) == "officials"
    text = "The convoy changed course to avoid the checkpoint, a source said."
    parenthetical = next(q for q in _quotes(nlp, text) if q["cue"]["text"] == "said")
    assert parenthetical["text"].startswith("The convoy") and _speaker(parenthetical) == "a source"


def test_pronoun_speaker_keeps_its_offsets(nlp: Any) -> None:
    text = "John Carter spoke in Lagos on Monday. He insisted that the country would defend its borders."
    quote = _only(nlp, text)
    speaker = quote["speaker"]
    assert speaker["name"].endswith("Carter")
    assert text[speaker["start"]:speaker["end"]] == "He"


def test_quote_paragraph_without_cue_continues_the_speaker(nlp: Any) -> None:
    text = ('"We have to act now," Maria Lopez said on Monday.\n'
            '"The country cannot wait any longer for a decision from the courts."\n')
    _, second = _quotes(nlp, text)
    assert second["cue"] is None and _speaker(second).endswith("Lopez")


def test_quote_running_over_paragraphs_takes_the_later_cue(nlp: Any) -> None:
    text = ('The senator spoke for an hour.\n"We have to act now. The country cannot wait.\n'
            '"Every day we lose is a day lost for our children," Ann Miller added.\n')
    first, second = _quotes(nlp, text)
    assert _speaker(first) == _speaker(second) and _speaker(first).endswith("Miller")


def test_unbalanced_marks_degrade_one_quote(nlp: Any) -> None:
    text = ('Maria Lopez said "we are ready and then left the room.\n'
            'John Carter said he would not comment. "Nothing to add," he said.\n')
    quotes = _quotes(nlp, text)
    nothing = next(q for q in quotes if q["text"] == "Nothing to add,")
    assert _speaker(nothing).endswith("Carter")
    assert all("\n" not in q["text"] for q in quotes)


def test_embedded_post_quote(nlp: Any) -> None:
    text = ("Maria Lopez appears to taunt John Carter, saying, “Come get me, coward! I’m waiting.” "
            "pic.twitter.com/Qk3Mf\n— Geo View (@theGeoView) January 5, 2026\nThe row went on.\n")
    quote = _only(nlp, text, "embedded")
    assert quote["text"] == "Come get me, coward! I’m waiting."
    assert _speaker(quote).endswith("Lopez")


def test_bare_post_is_its_authors(nlp: Any) -> None:
    text = ("Officials reacted online.\nWe will never give up our sovereignty to anyone.\n"
            "— Maria Lopez (@mlopez) January 5, 2026\n")
    quote = _only(nlp, text, "embedded")
    assert quote["text"] == "We will never give up our sovereignty to anyone."
    assert _speaker(quote) == "Maria Lopez"


def test_quote_signed_with_a_dash(nlp: Any) -> None:
    text = "Readers wrote in.\n“The debate showed who he really is.” ― Martha Aguilar, Houston\n"
    quote = _only(nlp, text)
    assert quote["cue"]["text"] == "―" and _speaker(quote) == "Martha Aguilar"
    assert text[quote["speaker"]["start"]:quote["speaker"]["end"]] == "Martha Aguilar"


def test_transcript_line_is_its_labels(nlp: Any) -> None:
    text = "MODERATOR: Good evening.\nMILLER: We will cut taxes for every family in the state.\n"
    quote = next(q for q in _quotes(nlp, text) if q["text"].startswith("We will"))
    assert quote["text"] == "We will cut taxes for every family in the state."
    assert _speaker(quote).lower() == "miller"
    assert text[quote["speaker"]["start"]:quote["speaker"]["end"]] == "MILLER"


def test_reported_clause_is_not_a_parenthetical(nlp: Any) -> None:
    text = "His lawyer said he would not answer questions about the deal."
    (quote,) = _quotes(nlp, text)
    assert quote["cue"]["text"] == "said" and quote["text"].startswith("he would not answer")


@pytest.mark.parametrize("text", [
    "The three countries joined an “Alliance of Coastal States” last year.",
    "The corridor was renamed the “Northern Route for Trade and Peace.” on Monday.",
    "‘FINAL ROUND’\nThe talks resumed on Monday.\n",
])
def test_names_and_headings_in_quote_marks_are_no_quotes(nlp: Any, text: str) -> None:
    assert [q for q in _quotes(nlp, text) if q["direct"]] == []


def test_imperative_in_capitals_is_still_a_quote(nlp: Any) -> None:
    quote = _only(nlp, 'Outside the court, the crowd shouted: "Free Ana Duarte."')
    assert quote["text"] == "Free Ana Duarte." and quote["kind"] == "direct"


def test_noun_phrase_object_is_no_indirect_quote(nlp: Any) -> None:
    text = ("The minister criticized Washington on Tuesday. Officials rejected unilateral moves. "
            "Analysts described the rocket's flight path in detail.")
    assert _quotes(nlp, text) == []


def test_cited_as_saying_is_one_quote_of_the_cited(nlp: Any) -> None:
    text = "State television cited the interior ministry as saying that twelve people had been arrested."
    quote = _only(nlp, text)
    assert quote["text"] == "twelve people had been arrested" and _speaker(quote) == "the interior ministry"


def _load_scorer(shared_dir: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_quotes_floor(nlp: Any, shared_dir: Path, seed_paths: list[Path]) -> None:
    system = [{**q, "doc_id": path.name}
              for path in seed_paths for q in nlp(path.read_text("utf-8"))._.quotes]
    gold_path = shared_dir / "eval" / "seeds.quotes.gold.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    result = _load_scorer(shared_dir).score_quotes(gold, system)
    assert result["quote_recall"] >= 0.9, result
    assert result["attribution_accuracy"] >= 0.85, result


#: News-like pieces with every kind of quote mark, for the component's property test.
PIECES = ["Maria Lopez", "the minister", "he", "she", "it", "they", "said", "told reporters",
          "according to", "officials", "warned that", "the talks", "failed", "will resume", ",",
          ".", ":", "—", "\n", "\n\n", "“", "”", '"', "'", "‘", "’", "«", "»", "„", "PENCE:",
          "(AP)", "WASHINGTON", "— Geo View (@geo) January 5, 2026", "''", "Gen", "NEB", "(NEB)"]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_records_index_the_text_on_any_input(nlp: Any, text: str) -> None:
    for quote in _quotes(nlp, text):
        assert 0 <= quote["start"] <= quote["end"] <= len(text)
        assert text[quote["start"]:quote["end"]] == quote["text"]
        speaker = quote["speaker"]
        if speaker is not None:
            assert text[speaker["start"]:speaker["end"]] == speaker["text"]
