"""Ingestion: every input kind, and every bad input refused with a one-line, named error."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from flashpoint.errors import InputError
from flashpoint.ingest import Article, content_hash, read_inputs
from flashpoint.ingest.dateline import find_dateline, parse_date
from flashpoint.settings import Settings

TEXT = "Quito, March 3, 2024 — Ecuador's president met his Peruvian counterpart on Sunday."


def _results(*paths: Path, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_text_file_gets_dateline_date_and_file_name_id(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = _results(path)
    assert article.doc_id == "story.txt"
    assert article.published == date(2024, 3, 3)
    assert article.text == TEXT


def test_date_override_wins(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    (article,) = _results(path, date_override=date(2020, 1, 1))
    assert article.published == date(2020, 1, 1)


def test_jsonl_keeps_unknown_fields_and_reports_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"id": "x1", "text": TEXT, "date": "2024-03-04", "outlet": "Wire", "lang": "en"}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x2"}) + "\n", encoding="utf-8")
    article, bad_json, no_text = _results(path)
    assert (article.doc_id, article.outlet, article.published) == ("x1", "Wire", date(2024, 3, 4))
    assert article.metadata == {"lang": "en"}
    assert isinstance(bad_json, InputError) and "feed.jsonl:2" in str(bad_json) and str(bad_json).startswith("E005")
    assert isinstance(no_text, InputError) and "feed.jsonl:3" in str(no_text)


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT + " More."}]), encoding="utf-8")
    assert [a.doc_id for a in _results(path)] == ["a", "b"]


def test_pretty_printed_json_object_and_a_broken_one(tmp_path: Path) -> None:
    good = tmp_path / "one.json"
    good.write_text(json.dumps({"id": "solo", "text": TEXT}, indent=2), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "id": "x",\n  "text": "unterminated\n', encoding="utf-8")
    article, error = _results(good, broken)
    assert article.doc_id == "solo"
    assert isinstance(error, InputError) and str(error).startswith(f"E005 {broken}")


def test_malformed_html_still_yields_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>Bolivia and Brazil agreed to reopen the border crossing near "
                    "Corumbá on Friday, officials said<p>Trade resumed<b>at once", encoding="utf-8")
    (article,) = _results(path)
    assert "Bolivia and Brazil agreed" in article.text


def test_html_page_metadata(tmp_path: Path) -> None:
    body = "<p>" + "Chile and Argentina signed a border agreement in Santiago on Friday after long talks. " * 3 + "</p>"
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Border deal</title><meta property='article:published_time' "
                    f"content='2023-05-06'></head><body><article>{body}</article></body></html>", encoding="utf-8")
    (article,) = _results(path)
    assert article.title == "Border deal"
    assert article.published == date(2023, 5, 6)
    assert "border agreement" in article.text


def test_bad_inputs_each_get_a_named_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 2)
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 300, encoding="utf-8")
    no_text = tmp_path / "nav.html"
    no_text.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    results = list(read_inputs([str(p) for p in (empty, binary, huge, no_text, missing)],
                               Settings(max_bytes=1000)))
    codes = [str(r).split()[0] for r in results]
    assert all(isinstance(r, InputError) for r in results)
    assert codes == ["E001", "E002", "E003", "E006", "E007"]
    for result, path in zip(results, (empty, binary, huge, no_text, missing), strict=True):
        assert str(path) in str(result) and "\n" not in str(result)


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    sentence = "El presidente de Colombia habló en Bogotá sobre la situación con Venezuela y la región."
    path.write_bytes(sentence.encode("cp1252"))
    (article,) = _results(path)
    assert "Bogotá" in article.text and "situación" in article.text


def test_directory_walk_skips_non_articles(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    assert [a.doc_id for a in _results(tmp_path)] == ["a.txt"]


def test_content_hash_ignores_whitespace_and_case() -> None:
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_dateline_only_at_the_head() -> None:
    assert find_dateline("Lima, 12 May 2025 — Peru ...")[0] == date(2025, 5, 12)
    assert find_dateline("Peru said on Monday that " + "x " * 100 + "January 3, 2020") is None
    assert parse_date("2026-01-05T10:00:00Z") == date(2026, 1, 5)
    assert parse_date("yesterday") is None


def test_json_lines_limits_each_record_not_the_file(tmp_path: Path) -> None:
    """A file far over the size limit is read record by record; an oversized record is one
    error naming its line, and the records after it are read."""
    limit = 2_000
    lines = [json.dumps({"id": f"r{i}", "text": f"Peru protested to Chile, report {i}."}) for i in range(300)]
    lines.insert(5, json.dumps({"id": "huge", "text": "word " * 1_000}))
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert feed.stat().st_size > 5 * limit
    results = list(read_inputs([str(feed)], Settings(max_bytes=limit)))
    errors = [r for r in results if isinstance(r, InputError)]
    assert [e.code for e in errors] == ["E003"] and f"{feed}:6" in str(errors[0])
    assert [r.doc_id for r in results if isinstance(r, Article)] == [f"r{i}" for i in range(300)]


def test_json_lines_in_utf16_or_as_one_array_are_read_whole(tmp_path: Path) -> None:
    """Lines are cut at newline bytes only where that is right: a UTF-16 file (two bytes a
    newline) and a file holding one JSON array are read whole, like any other file."""
    records = [{"id": f"r{i}", "text": f"Perú protestó ante Chile, informe {i}."} for i in range(3)]
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-16"))
    array = tmp_path / "array.jsonl"
    array.write_text(json.dumps(records, indent=2), encoding="utf-8")
    for path in (wide, array):
        results = list(read_inputs([str(path)]))
        assert [r.doc_id for r in results if isinstance(r, Article)] == ["r0", "r1", "r2"], path
        assert results[0].text == records[0]["text"]
