"""DocIndex: the sentence and line lookups quote finding makes, by binary search."""
from __future__ import annotations

from typing import Any

import pytest

from flashpoint.nlp.doc_index import DocIndex


def _index(nlp: Any, text: str) -> DocIndex:
    return DocIndex(nlp(text), text)


def test_lines_and_line_breaks(nlp: Any) -> None:
    text = "First line here.\n  Second line.\n\nThird."
    index = _index(nlp, text)
    second = text.index("Second")
    assert index.line_start(second) == text.index("  Second")
    assert index.line_end(second) == text.index(".\n\n") + 1
    assert index.text_start(second) == second
    assert index.crosses_line(0, second) and not index.crosses_line(second, second + 5)


def test_sentences_and_tokens(nlp: Any) -> None:
    text = "The talks failed. Officials left the room."
    index = _index(nlp, text)
    officials = index.token_at(text.index("Officials") + 3)
    assert officials.text == "Officials"
    assert index.sentence(officials).text == "Officials left the room."
    assert index.sentence_root(officials).text == "left"
    assert index.sentence_number(officials.i) == 1


@pytest.mark.parametrize("line, dateline", [
    ("TBILISI (Reuters) - The leader spoke.", "TBILISI (Reuters) - "),
    ("NAIROBI, March 3 — Police said the roads were shut.", "NAIROBI, March 3 — "),
    ("ABOARD THE PRESIDENTIAL JET — Officials said talks went on.", "ABOARD THE PRESIDENTIAL JET — "),
    ("US - China talks resumed on Monday.", ""),
    ("The minister — who spoke first — left.", ""),
])
def test_datelines(nlp: Any, line: str, dateline: str) -> None:
    index = _index(nlp, line)
    assert [i for i in range(len(line)) if index.in_dateline(i)] == list(range(len(dateline)))


def test_headings(nlp: Any) -> None:
    text = "Talks resume in Geneva\nThe two delegations met on Monday and agreed to meet again.\n"
    index = _index(nlp, text)
    assert index.heading(0) and not index.heading(text.index("The two"))
