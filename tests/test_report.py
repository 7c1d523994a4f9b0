"""The shareable report: one self-contained HTML file with every view, escaped, offline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint import service
from flashpoint.cli import app
from flashpoint.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def db(story_db: Path) -> Path:
    return story_db


@pytest.fixture(scope="module")
def html(db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    with Store(db) as store:
        return service.report(store, tmp_path_factory.mktemp("out") / "report.html").read_text("utf-8")


def test_report_is_self_contained(html: str) -> None:
    assert not re.search(r"<script[^>]+src=", html) and "<link rel=\"stylesheet\"" not in html
    assert "plotly.js v" in html and "Plotly.newPlot" in html         # the library and our script inline
    assert html.count('class="chart-spec" data-target') == 1 + 3                 # the network and three dyads
    assert 'id="event-filters"' in html and "What changed" in html


def test_report_has_every_view_with_working_anchors(html: str) -> None:
    for section in ("overview", "events", "dyads", "articles", "network", "stories", "dyad-USA-COL", "dyad-COL-USA",
                    "story-s1"):
        assert f'id="{section}"' in html
    for anchor in set(re.findall(r'href="#([^"?]+)', html)):               # "#events?dyad=..." filters #events
        assert f'id="{anchor}"' in html, anchor


def test_report_shows_the_cross_outlet_differences(html: str) -> None:
    story = html[html.index('id="story-s1"'):]
    assert "Cross-outlet differences" in story and "Wire B" in story


def test_report_shows_quote_variants_and_hedges(html: str) -> None:
    story = html[html.index('id="story-s1"'):]
    assert '<figure class="variant"><figcaption>Wire B</figcaption>' in story
    assert 'we will respond, <mark class="only">cowards</mark>' in story and "only Wire B has: cowards" in story
    assert "Officials <mark>allegedly</mark> said" in story


def test_report_escapes_article_text(html: str) -> None:
    assert "<script>alert('x')</script>" not in html and "<script>alert('v')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;v&#39;)&lt;/script&gt;" in html


def test_cli_report_from_a_database(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "USA → COL" in out.read_text("utf-8")


def test_cli_report_needs_articles_or_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    missing = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and not (tmp_path / "none.duckdb").exists()


def test_cli_report_ingests_articles_first(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(EXAMPLES / "bogota-wire.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 articles" in out.read_text("utf-8")


def test_cli_report_compares_the_outlets_it_ingests(tmp_path: Path) -> None:
    out, db = tmp_path / "r.html", tmp_path / "fp.duckdb"
    fixtures = Path(__file__).parent / "analysis" / "fixtures" / "outlets.jsonl"
    result = CliRunner().invoke(app, ["report", str(fixtures), "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert '<mark class="only">dangerous</mark>' in html and "<mark>offered no evidence</mark>" in html
    again = CliRunner().invoke(app, ["report", str(fixtures), "--db", str(db), "-o", str(out)])
    assert again.exit_code == 0 and out.read_text("utf-8").count('<figure class="variant">') == 4
