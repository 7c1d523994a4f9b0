"""``flashpoint compare`` end to end: the fixture outlets and the seeds, text and JSON."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import jsonschema
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.records import schema

FIXTURES = Path(__file__).parents[1] / "analysis" / "fixtures" / "outlets.jsonl"
runner = CliRunner()


def test_json_groups_outlets_and_stores_stories(tmp_path) -> None:
    db = tmp_path / "fp.duckdb"
    result = runner.invoke(app, ["compare", str(FIXTURES), "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, schema("compare"))
    stories = sorted(sorted(s["articles"]) for s in report["stories"])
    assert stories == [["baltic-7", "euro-3", "north-1", "wire-9"], ["markets-1"], ["north-2"], ["senate-4"]]
    (korhonen,) = report["quote_variants"]  # one quotation, cut differently by four outlets
    assert len({v["doc_id"] for v in korhonen["variants"]}) == 4
    assert [(o["outlet"], o["words"]) for o in korhonen["only_in"]] == [("Baltic Times Online", ["dangerous"])]
    hedges = {h["text"].casefold() for h in report["hedges"]}
    assert {"allegedly", "offered no evidence", "is said to", "unfounded"} <= hedges
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == 7
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 7
        mentions = con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    assert mentions == sum(len(e["mentions"]) for e in report["events"])


def test_text_report_names_outlets_and_the_word_only_one_has(tmp_path, seed_paths) -> None:
    result = runner.invoke(app, ["compare", *map(str, seed_paths), "--db", str(tmp_path / "fp.duckdb")])
    assert result.exit_code == 0, result.output
    assert "2 article(s) · 2 outlet(s)" in result.stdout
    assert "only 001_ae3af58714aa0960 has: coward" in result.stdout
    assert "without presenting evidence" in result.stdout


def test_unknown_format_is_refused(tmp_path) -> None:
    result = runner.invoke(app, ["compare", str(FIXTURES), "--format", "xml", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2


def test_unwritable_database_is_reported_as_a_bad_option(tmp_path) -> None:
    result = runner.invoke(app, ["compare", str(FIXTURES), "--db", str(tmp_path)])
    assert result.exit_code == 2 and "E020" in result.output
