"""The tokenizer guard: long whitespace-free runs are cut, text and offsets are the input's."""
from __future__ import annotations

from typing import Any

from flashpoint.nlp.tokenizer import MAX_RUN


def test_ordinary_text_is_tokenized_as_spacy_does(nlp: Any) -> None:
    text = "Officials said on Monday that the talks would resume. See https://example.org/x."
    guarded = [(t.text, t.whitespace_) for t in nlp.make_doc(text)]
    plain = [(t.text, t.whitespace_) for t in nlp.tokenizer.tokenizer(text)]
    assert guarded == plain


def test_long_runs_are_cut_and_the_text_kept(nlp: Any) -> None:
    text = "Before " + "“”\"‘’'«»„" * 40 + "  after,\n" + "," * 500 + "\nend " + "x" * (MAX_RUN + 1)
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(len(t.text) <= MAX_RUN for t in doc)
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    assert [t.text for t in doc[:1]] == ["Before"] and doc[-1].text == "x"
