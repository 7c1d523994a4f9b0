"""Each hostile or careless input of issue 11 as a regression test, at the readers.

Every one gives one error naming the input (and its line or field), or is read safely; none
raises, hangs, or stops the rest of the batch.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from flashpoint import service
from flashpoint.errors import InputError
from flashpoint.extract import extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.ingest.decode import REPLACEMENT
from flashpoint.settings import Settings
from flashpoint.store import Store
from tests.robustness.conftest import ARTICLE


def _read(path: Path) -> list[Article | InputError]:
    return list(read_inputs([str(path)]))


def _only_error(path: Path) -> InputError:
    (result,) = _read(path)
    assert isinstance(result, InputError), result
    assert "\n" not in str(result) and str(path) in str(result)
    return result


def test_a_lone_surrogate_in_any_field_is_replaced_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    record = '{"id": "s1", "text": "Petro \\ud800 spoke.", "title": "T\\udfff", "lang\\ud800": ["x\\udc00"]}'
    path.write_text(record + "\n" + json.dumps({"id": "s2", "text": ARTICLE}) + "\n", encoding="utf-8")
    first, second = _read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == f"Petro {REPLACEMENT} spoke." and first.title == f"T{REPLACEMENT}"
    assert first.metadata == {f"lang{REPLACEMENT}": [f"x{REPLACEMENT}"]}
    json.dumps(first.metadata, ensure_ascii=False).encode("utf-8")  # storable, printable


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_deeply_nested_json_is_one_error_not_a_recursion_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("[" * 100_000, encoding="utf-8")
    error = _only_error(path)
    assert error.code == "E005" and "nested deeper than" in str(error)


def test_nan_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{{"text": "{ARTICLE}", "score": NaN}}\n', encoding="utf-8")
    error = _only_error(path)
    assert error.code == "E005" and "NaN" in str(error) and "feed.jsonl:1" in str(error)


@pytest.mark.parametrize(("field", "value", "found"), [
    ("title", ["a"], "an array"), ("outlet", {"a": 1}, "an object"), ("published", 0, "a number"),
    ("date", 1767225600, "a number"), ("id", True, "a boolean"), ("text", 5, "a number"),
    ("url", 3.5, "a number"), ("author", False, "a boolean")])
def test_a_field_of_the_wrong_type_names_the_field(tmp_path: Path, field: str, value: object, found: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, field: value}) + "\n", encoding="utf-8")
    error = _only_error(path)
    assert error.code == "E050" and f"field '{field}'" in str(error) and found in str(error)


def test_an_integer_id_is_an_id(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": 42, "text": ARTICLE}) + "\n", encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, Article) and article.doc_id == "42"


@pytest.mark.parametrize(("name", "data"), [("blank.txt", " \n\t \r\n"), ("blank.jsonl", '{"text": " \\n "}\n')])
def test_whitespace_only_text_is_refused(tmp_path: Path, name: str, data: str) -> None:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    assert _only_error(path).code in ("E001", "E009")


def test_one_bad_byte_in_utf8_is_an_error_naming_byte_and_line(tmp_path: Path) -> None:
    text = "Nicolás Maduro met Gustavo Petro in Cúcuta.\nThey discussed the border.\n"
    data = bytearray(text.encode("utf-8"))
    bad = text.encode("utf-8").index(b"They") + 2
    data[bad] ^= 0x80  # one flipped bit: not UTF-8 any more, and no code page either
    path = tmp_path / "flip.txt"
    path.write_bytes(bytes(data))
    error = _only_error(path)
    assert error.code == "E004" and f"byte {bad}" in str(error) and "line 2" in str(error)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_friends_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Nicolás Maduro met Gustavo Petro in Cúcuta on “Monday”."
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = _read(path)
    assert isinstance(article, Article) and article.text == text


def test_a_legacy_code_page_is_still_read_when_the_whole_text_fits_it(tmp_path: Path) -> None:
    text = "Le président a déclaré que la réunion était terminée. Señor García habló."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    (article,) = _read(path)
    assert isinstance(article, Article) and article.text == text


def test_control_characters_in_text_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "ansi.txt"
    path.write_text(f"\x1b[31m{ARTICLE}\x07\x0c", encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, Article)
    assert article.text == f"{REPLACEMENT}[31m{ARTICLE}{REPLACEMENT}\n"


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    results: list = []
    reader = threading.Thread(target=lambda: results.extend(_read(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO hung"
    (error,) = results
    assert isinstance(error, InputError) and error.code == "E007" and "FIFO" in str(error)


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    error = _only_error(loop)
    assert error.code == "E007" and "symbolic links" in str(error)


def test_a_directory_link_loop_ends_and_the_articles_are_read(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news")
    assert [a.doc_id for a in _read(tmp_path / "news")] == ["a.txt"]


def test_nested_div_html_with_200_words_is_an_article(tmp_path: Path) -> None:
    words = ("The minister said the government would answer the protests next week . " * 17).split()[:200]
    html = "<html><body>" + "".join(f"<div>{w} " for w in words) + "</div>" * len(words) + "</body></html>"
    path = tmp_path / "nested.html"
    path.write_text(html, encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, Article) and len(article.text.split()) == 200


def test_text_over_a_million_characters_is_processed_and_the_batch_stored(tmp_path: Path, blank_nlp) -> None:
    """spaCy refuses a Doc over 1,000,000 characters (E088); the batch used to stop there."""
    huge = ("Petro spoke in Bogotá. " * 5 + "\n\n") * 10_000  # 1.2 million characters
    assert 1_000_000 < len(huge) < Settings().max_bytes
    articles = [Article(doc_id=f"a{i}", text=f"{ARTICLE} ({i})") for i in range(3)]
    articles.insert(1, Article(doc_id="huge", text=huge))
    with Store(tmp_path / "db.duckdb") as store:
        result = service.ingest(store, articles, lambda batch: extract(batch, blank_nlp))
        assert not result.errors and len(result.new) == 4
        assert store.counts()["articles"] == 4
