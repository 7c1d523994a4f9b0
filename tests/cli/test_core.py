"""The main-job commands through Typer's in-process runner."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.records import schema
from flashpoint.store import Store

runner = CliRunner(env={"COLUMNS": "250"})
ARTICLE = ("Lima, June 2, 2025 — Peru's president accused Chile of violating the border treaty "
           "on Sunday. \"We will not accept this,\" she said.")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_writes_schema_valid_records(tmp_path: Path) -> None:
    article = _write(tmp_path, "peru.txt", ARTICLE)
    events, quotes = tmp_path / "events.jsonl", tmp_path / "quotes.jsonl"
    result = runner.invoke(app, ["extract", str(article), "-o", str(events), "--quotes-out", str(quotes)])
    assert result.exit_code == 0, result.output
    for path, kind in ((events, "event"), (quotes, "quote")):
        for line in path.read_text(encoding="utf-8").splitlines():
            jsonschema.validate(json.loads(line), schema(kind))


def test_ingest_twice_changes_nothing_and_bad_input_fails_the_run(tmp_path: Path) -> None:
    good = _write(tmp_path, "peru.txt", ARTICLE)
    empty = _write(tmp_path, "empty.txt", "")
    db = tmp_path / "f.duckdb"
    first = runner.invoke(app, ["ingest", str(good), str(empty), "--db", str(db)])
    assert first.exit_code == 1
    assert "E001" in first.output and "empty.txt" in first.output
    with Store(db) as store:
        before = store.counts()
    second = runner.invoke(app, ["ingest", str(good), "--db", str(db)])
    assert second.exit_code == 0
    with Store(db) as store:
        assert store.counts() == before and before["articles"] == 1


def test_export_formats(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    runner.invoke(app, ["ingest", str(_write(tmp_path, "peru.txt", ARTICLE)), "--db", str(db)])
    for fmt in ("jsonl", "csv", "parquet", "gdelt", "icews"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.exists()
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert bad.exit_code != 0 and "xml" in bad.output
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code != 0 and "no such database" in missing.output


def test_every_command_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    commands = [line.split()[1] for line in result.output.splitlines()
                if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1].isalpha()]
    assert {"ingest", "extract", "analyze", "export"} <= set(commands)
    for command in commands:
        assert runner.invoke(app, [command, "--help"]).exit_code == 0


def test_stdin_json_lines(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    feed = json.dumps({"id": "s1", "text": ARTICLE}) + "\n" + "{oops\n"
    result = runner.invoke(app, ["extract", "-", "-o", str(out)], input=feed)
    assert result.exit_code == 1
    assert "E005 <stdin>:2" in result.output
    assert all(json.loads(line)["doc_id"] == "s1" for line in out.read_text(encoding="utf-8").splitlines())


def test_analyze_reports_each_article_again_on_a_second_run(tmp_path: Path) -> None:
    article = _write(tmp_path, "peru.txt", ARTICLE)
    db = tmp_path / "f.duckdb"
    first = runner.invoke(app, ["analyze", str(article), "--db", str(db)])
    second = runner.invoke(app, ["analyze", str(article), "--db", str(db)])
    assert first.exit_code == second.exit_code == 0
    for result in (first, second):
        assert "peru.txt" in result.output and "Directed dyads" in result.output
        assert "PER" in result.output and "CHL" in result.output
    assert "0 new article(s), 1 already present" in second.output


def test_a_database_that_cannot_be_opened_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    """The top-level handler: any FlashpointError is one line on stderr, exit code 2."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    flashpoint = Path(sys.executable).with_name("flashpoint")
    result = subprocess.run([str(flashpoint), "ingest", "--db", str(tmp_path / "no" / "such" / "x.duckdb"),
                             str(examples)], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("error E020 ") and "x.duckdb" in line
