"""``flashpoint watch --once`` into a real store, against the local feed server."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.store import Store
from tests.feeds.site import MIXED, FeedSite

runner = CliRunner(env={"COLUMNS": "250"})
GOOD_PAGES = 5 + len(MIXED) - 2


def _feeds(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "FEEDS.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _article_hits(site: FeedSite) -> int:
    return sum(n for path, n in site.hits.items() if path.startswith("/articles/"))


def test_watch_once_ingests_then_skips_and_reports_failures(site: FeedSite, tmp_path: Path) -> None:
    feeds = _feeds(tmp_path, "# local test feeds", site.url("/mixed.xml") + "  # Atom, 22 entries")
    db = tmp_path / "monitor.duckdb"
    args = ["watch", str(feeds), "--db", str(db), "--once", "--allow-private", "--host-interval", "0"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    assert f"{GOOD_PAGES} article(s) ingested" in first.output and "2 failed" in first.output
    assert "E066" in first.output and "E068" in first.output
    with Store(db) as store:
        counts = store.counts()
    assert counts["articles"] == GOOD_PAGES

    fetched_pages = _article_hits(site)
    second = runner.invoke(app, args)
    assert f"0 article(s) ingested, {GOOD_PAGES} seen before" in second.output
    assert _article_hits(site) == fetched_pages
    with Store(db) as store:
        assert store.counts() == counts


def test_private_addresses_are_refused_without_the_flag(site: FeedSite, tmp_path: Path) -> None:
    feeds = _feeds(tmp_path, site.url("/mixed.xml"))
    result = runner.invoke(app, ["watch", str(feeds), "--db", str(tmp_path / "m.duckdb"), "--once"])
    assert result.exit_code == 1 and "E061" in result.output and sum(site.hits.values()) == 0


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    feeds = _feeds(tmp_path, "https://ok.example/rss", "file:///etc/passwd")
    bad_line = runner.invoke(app, ["watch", str(feeds), "--db", str(tmp_path / "m.duckdb"), "--once"])
    assert bad_line.exit_code == 2 and "E060" in bad_line.output and "FEEDS.txt:2" in bad_line.output
    bad_every = runner.invoke(app, ["watch", str(feeds), "--every", "soon"])
    assert bad_every.exit_code == 2 and "soon" in bad_every.output
