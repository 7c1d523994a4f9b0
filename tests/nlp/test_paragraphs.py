"""A line break ends a sentence, so headings never run into the next sentence."""
from __future__ import annotations


def test_heading_is_its_own_sentence(nlp) -> None:
    doc = nlp("Oil, Sanctions and Signals\nBrazil imposed sanctions on Paraguay on Monday.")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Oil, Sanctions and Signals", "Brazil imposed sanctions on Paraguay on Monday."]


def test_text_without_line_breaks_is_left_to_the_parser(nlp) -> None:
    doc = nlp("Brazil protested. Paraguay apologised.")
    assert [s.text for s in doc.sents] == ["Brazil protested.", "Paraguay apologised."]
