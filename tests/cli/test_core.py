"""The main-job commands through Typer's in-process runner."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.cli.batch import usable_cores
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


_WITHOUT_SPACY = """
import sys
from typer.testing import CliRunner
from flashpoint.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
assert result.exit_code == 0, result.output
if sys.argv[1] == "export":
    from fastapi.testclient import TestClient
    from flashpoint.api import create_app
    with TestClient(create_app(sys.argv[3])) as client:
        for url in ("/api/events?q=protested", "/api/dyads", "/", "/api/quotes"):
            assert client.get(url).status_code == 200, url
assert "spacy" not in sys.modules, "spaCy was imported"
"""


def test_commands_that_extract_nothing_do_not_load_spacy(tmp_path: Path) -> None:
    """--help, export, the server's reads, and analyze or compare of stored articles."""
    from flashpoint import service
    from flashpoint.records import Extraction
    from tests.records import make_event

    article = _write(tmp_path, "peru.txt", ARTICLE)
    db = tmp_path / "f.duckdb"
    with Store(db) as store:
        service.ingest(store, service.read_articles([str(article)]).articles,
                       lambda articles: (Extraction(a, [make_event(a.doc_id)], []) for a in articles))
    root = Path(__file__).resolve().parents[2]
    for args in (["--help"], ["export", "--db", str(db), "-o", str(tmp_path / "out.csv"), "--format", "csv"],
                 ["analyze", str(article), "--db", str(db)], ["compare", str(article), "--db", str(db)]):
        run = subprocess.run([sys.executable, "-c", _WITHOUT_SPACY, *args], cwd=root, capture_output=True,
                             text=True, check=False)
        assert run.returncode == 0, (args, run.stderr[-2000:])


def test_an_ingest_with_a_second_core_stores_without_importing_spacy(tmp_path: Path) -> None:
    """The pipeline runs in the extraction process; the process that stores has no use for it."""
    if usable_cores() < 2:
        pytest.skip("one core: ingest extracts in the process that stores")
    article = _write(tmp_path, "peru.txt", ARTICLE)
    db = tmp_path / "f.duckdb"
    run = subprocess.run([sys.executable, "-c", _WITHOUT_SPACY, "ingest", str(article), "--db", str(db)],
                         cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    with Store(db, access="read") as store:
        assert store.counts()["events"] > 0
