"""Hypothesis over the readers: any bytes, any JSON, any single bit flipped.

Whatever comes in, a reader gives an Article whose every string can be encoded, stored and
printed, or an InputError; never another exception, never silent mojibake.
"""
from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flashpoint.errors import InputError
from flashpoint.ingest import Article
from flashpoint.ingest.decode import decode_bytes
from flashpoint.ingest.json_input import JSONProblem, load_json
from flashpoint.ingest.readers import read_bytes, read_record
from flashpoint.settings import Settings

LIMIT = 1_000_000
UNSAFE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Text a person could write: no controls, no surrogates, not opening with a byte-order mark.
written = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=300).filter(
    lambda text: text.strip() and not text.startswith("\ufeff"))
#: Every JSON value, strings with any code point (lone surrogates included).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


def _safe_strings(value: Any) -> None:
    """Every string inside ``value`` can be encoded and holds no control character."""
    if isinstance(value, str):
        value.encode("utf-8")
        assert not UNSAFE.search(value), repr(value)
    elif isinstance(value, list):
        for item in value:
            _safe_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _safe_strings(key)
            _safe_strings(item)


def _safe_article(article: Article) -> None:
    for value in (article.doc_id, article.text, article.title, article.url, article.outlet, article.author,
                  article.published_text, article.metadata):
        _safe_strings(value)
    json.dumps(article.metadata, ensure_ascii=False, allow_nan=False).encode("utf-8")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000), st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.html", "a", "a.pdf"]))
def test_any_bytes_give_articles_or_input_errors(data: bytes, name: str) -> None:
    for result in read_bytes(data, name, None, Settings()):
        if isinstance(result, Article):
            _safe_article(result)
        else:
            assert isinstance(result, InputError) and "\n" not in str(result)


@given(written)
def test_utf8_text_reads_back_as_written(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "t", LIMIT) == text


@given(written, st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
def test_marked_unicode_reads_back_as_written(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "t", LIMIT) == text


@given(st.text(st.characters(min_codepoint=32, max_codepoint=0xFF, blacklist_categories=("Cc",)),
               min_size=1, max_size=300),
       st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_without_a_mark_reads_back_as_written(text: str, encoding: str) -> None:
    """Latin text (what a UTF-16 news file without a mark holds) is recognised by its zeros."""
    assume(text.strip())
    assert decode_bytes(text.encode(encoding), "t", LIMIT) == text


ORIGINAL = ("Nicolás Maduro met Gustavo Petro in Cúcuta on “Monday” — the first meeting since 2024.\n"
            "They agreed to reopen the border, officials said.\n").encode()


@settings(max_examples=500)
@given(st.integers(0, len(ORIGINAL) - 1), st.integers(0, 7))
def test_one_flipped_bit_is_an_error_or_one_changed_character(position: int, bit: int) -> None:
    """Never mojibake: a damaged UTF-8 file reads with the one damaged character changed (or
    replaced), or is refused; the rest of its text is never re-read in another code page."""
    data = bytearray(ORIGINAL)
    data[position] ^= 1 << bit
    original = ORIGINAL.decode("utf-8")
    try:
        text = decode_bytes(bytes(data), "flip.txt", LIMIT)
    except InputError as err:
        assert err.code in ("E002", "E004")
        return
    changed = [i for i, (a, b) in enumerate(zip(text, original, strict=False)) if a != b]
    assert len(text) == len(original) and len(changed) <= 1, (text, changed)


@settings(max_examples=300)
@given(json_values)
def test_any_json_record_is_an_article_or_a_named_error(value: Any) -> None:
    record = value if isinstance(value, dict) else {"text": "Peru protested to Chile.", "x": value}
    try:
        article = read_record(record, "record 1")
    except InputError as err:
        assert err.code in ("E005", "E009", "E050") and str(err).startswith(f"{err.code} record 1:")
        return
    _safe_article(article)


@given(st.text(alphabet="[]{}\"\\,:0 a", max_size=500))
def test_json_text_parses_or_is_refused(text: str) -> None:
    try:
        load_json(text)
    except JSONProblem:
        pass
