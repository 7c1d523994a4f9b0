"""What reaches the terminal: a name or path is printed on one line, escaped, whatever it holds
(Rich markup, ANSI escapes, newlines); ``-o -`` means standard output."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.cli.terminal import markup_safe, plain
from tests.robustness.conftest import ARTICLE

runner = CliRunner(env={"COLUMNS": "400"})
NAMES = ["bad[/x].txt", "ansi\x1b[31mred.txt", "two\nlines.txt", "bidi\u202eevil.txt"]


def test_plain_and_markup_safe_escape_what_could_act_on_the_terminal() -> None:
    assert plain("a\nb\x1b[0m\u202e\udcff") == "a\\nb\\x1b[0m\\u202e\\udcff"
    assert markup_safe("[/x] [bold]") == "\\[/x] \\[bold]"


def test_bad_names_are_reported_one_line_each_and_the_batch_goes_on(tmp_path: Path, nlp) -> None:
    for name in NAMES:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", *(str(tmp_path / n) for n in NAMES), str(good)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == len(NAMES) and all("E001" in line for line in errors)
    assert "bad[/x].txt" in errors[0] and "ansi\\x1b[31mred.txt" in errors[1]
    assert "two\\nlines.txt" in errors[2] and "bidi\\u202eevil.txt" in errors[3]
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["good.txt"]


def test_a_database_path_with_markup_and_a_newline_is_printed_escaped(tmp_path: Path, nlp) -> None:
    db = tmp_path / "odd[/x]\nname.duckdb"
    db.parent.mkdir()
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(good), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    (summary,) = [line for line in result.stderr.splitlines() if line.startswith("stored")]
    assert "odd[/x]\\nname.duckdb now holds 1 articles" in summary


@pytest.mark.parametrize("command", ["export", "extract"])
def test_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(good), "--db", "f.duckdb"]).exit_code == 0
    args = ["export", "--db", "f.duckdb"] if command == "export" else ["extract", str(good)]
    result = runner.invoke(app, [*args, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "-").exists()
    assert json.loads(result.stdout.splitlines()[0])["doc_id"] == "good.txt"
