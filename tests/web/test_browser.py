"""The dashboard in a real browser: headless Chromium loads the pages, the charts draw, no
console errors, and an article's <script> never runs. Screenshots go to pytest's tmp dir.

Needs Debian's chromium (/usr/bin/chromium) and Playwright for Python; skips with the reason
where either is missing, except when FLASHPOINT_REQUIRE_BROWSER=1 (set by .ci/run), where a
missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashpoint import service
from flashpoint.api import create_app
from flashpoint.store import Store

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing(reason: str) -> None:
    if os.environ.get("FLASHPOINT_REQUIRE_BROWSER"):
        pytest.fail(f"{reason} (FLASHPOINT_REQUIRE_BROWSER is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        _missing("no Chromium found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def db(story_db: Path) -> Path:
    return story_db


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """The real server (uvicorn) on a free local port, in a thread."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                             log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def _visit(browser, url: str, shot: Path) -> tuple[object, list[str]]:
    """Open ``url``; returns the page and every failed request, console error, page error or dialog."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shot), full_page=True)
    return page, problems


def test_dyad_page_draws_its_chart(browser, server: str, tmp_path: Path) -> None:
    page, problems = _visit(browser, f"{server}/dyads/USA/COL", tmp_path / "dyad.png")
    page.wait_for_selector("#chart-USA-COL .main-svg", timeout=15000)
    assert page.locator("#chart-USA-COL g.trace.bars").count() >= 1
    assert page.locator("#chart-USA-COL g.trace.scatter").count() >= 1
    assert page.locator("mark", has_text="attacked").count() >= 1
    page.locator("#chart-USA-COL").screenshot(path=str(tmp_path / "dyad-chart.png"))
    assert problems == []
    assert (tmp_path / "dyad-chart.png").stat().st_size > 10_000


def test_overview_and_network_render_without_errors(browser, server: str, tmp_path: Path) -> None:
    page, problems = _visit(browser, f"{server}/", tmp_path / "overview.png")
    assert page.locator("text=Most hostile dyads").count() == 1
    assert page.get_by_text("<script>alert('x')</script>", exact=False).count() >= 1
    network, more = _visit(browser, f"{server}/network", tmp_path / "network.png")
    network.wait_for_selector("#chart-network .main-svg", timeout=15000)
    assert problems + more == []


def test_story_page_shows_cross_outlet_differences(browser, server: str, tmp_path: Path) -> None:
    stories, problems = _visit(browser, f"{server}/stories", tmp_path / "stories.png")
    stories.click("main table a")
    stories.wait_for_selector("text=Cross-outlet differences")
    stories.screenshot(path=str(tmp_path / "story.png"), full_page=True)
    assert stories.locator("text=(disagree)").count() == 0
    assert stories.locator("td", has_text="Wire B").count() >= 2
    assert problems == []


def test_story_page_shows_quote_variants_side_by_side(browser, server: str, tmp_path: Path) -> None:
    page, problems = _visit(browser, f"{server}/stories/s1", tmp_path / "story-variants.png")
    variants = page.locator("figure.variant")
    assert variants.count() == 2
    first, second = (variants.nth(i).bounding_box() for i in range(2))
    assert first["y"] == second["y"] and first["x"] < second["x"]          # side by side
    assert page.locator("figure.variant mark.only").all_inner_texts() == ["cowards"]
    assert "</script>" in variants.filter(has_text="Wire B").inner_text()  # shown as text, never run
    assert page.locator("table.hedges mark", has_text="allegedly").count() == 2
    assert problems == []


def test_api_docs_render_offline(browser, server: str, tmp_path: Path) -> None:
    page, problems = _visit(browser, f"{server}/docs", tmp_path / "docs.png")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert "flashpoint" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 8
    assert problems == []


def test_report_opens_offline_with_its_charts(browser, db: Path, tmp_path: Path) -> None:
    with Store(db, access="read") as store:  # as flashpoint report --db does, beside the server
        report = service.report(store, tmp_path / "report.html")
    page, problems = _visit(browser, report.as_uri(), tmp_path / "report.png")
    page.wait_for_selector("#chart-USA-COL .main-svg", timeout=15000)
    assert page.locator("#chart-network g.trace.scatter").count() >= 1
    assert problems == []
