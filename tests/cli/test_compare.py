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
        variants = con.execute("SELECT outlet, only_words FROM quote_variants ORDER BY outlet").fetchall()
        hedges = con.execute("SELECT doc_id, start_char, text, qualifies FROM hedges").fetchall()
    assert mentions == sum(len(e["mentions"]) for e in report["events"])
    assert variants == [("Baltic Times Online", ["dangerous"]), ("Euro Daily", []), ("Global Wire", []),
                        ("Northern Wire", [])]
    assert sorted(hedges, key=str) == sorted(((h["doc_id"], h["start"], h["text"], h["qualifies"])
                                              for h in report["hedges"]), key=str)


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


TABLES = ("articles", "stories", "event_mentions", "quote_variants", "hedges")


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_comparing_again_stores_nothing_twice_and_keeps_other_stories(tmp_path, seed_paths) -> None:
    db = tmp_path / "fp.duckdb"
    assert runner.invoke(app, ["compare", str(FIXTURES), "--db", str(db)]).exit_code == 0
    fixtures = _counts(db)
    assert fixtures["quote_variants"] and fixtures["hedges"]
    assert runner.invoke(app, ["compare", str(FIXTURES), "--db", str(db)]).exit_code == 0
    assert _counts(db) == fixtures
    assert runner.invoke(app, ["compare", *map(str, seed_paths), "--db", str(db)]).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        coward = con.execute("SELECT doc_id, text FROM quote_variants "
                             "WHERE list_contains(only_words, 'coward')").fetchall()
        kept = con.execute("SELECT count(*) FROM quote_variants WHERE list_contains(only_words, 'dangerous')")
        assert kept.fetchone()[0] == 1
        evidence = con.execute("SELECT count(*) FROM hedges WHERE text = 'without presenting evidence' "
                               "AND qualifies_kind = 'event'").fetchone()[0]
    assert [doc for doc, _ in coward] == [seed_paths[1].name] and "coward" in coward[0][1]
    assert evidence >= 1
    assert _counts(db)["hedges"] > fixtures["hedges"]
