"""The dashboard in a real browser: headless Chromium clicks through it as an analyst would
(overview -> escalating dyad -> a chart bar -> that day's events -> an event -> its article ->
its story), filters the events list, and checks every page for console errors, for
horizontal scrolling at phone width (390 px) and for a dark mode; an article's <script> never
runs. Pages are served under the server's strict Content-Security-Policy (no inline script).

Screenshots of every page, at desktop and phone width and in dark mode, are written to
``build/screenshots/`` (or $FLASHPOINT_SCREENSHOTS), for people to look at.

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
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from flashpoint import service
from flashpoint.api import create_app
from flashpoint.store import Store

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(os.environ.get("FLASHPOINT_SCREENSHOTS")
                   or Path(__file__).resolve().parents[2] / "build" / "screenshots")
DESKTOP = {"width": 1300, "height": 900}
PHONE = {"width": 390, "height": 844}


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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
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


class Visit:
    """A browser page that records every failed request, console error, page error or dialog."""

    def __init__(self, browser, viewport: dict[str, int] = DESKTOP, color_scheme: str = "light") -> None:
        self.page = browser.new_page(viewport=viewport, color_scheme=color_scheme)
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
                     if r.status >= 400 else None)
        self.page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, url: str):
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.page.close()


def _settled(page) -> None:
    page.wait_for_load_state("networkidle")
    if page.locator("script.chart-spec").count():
        page.wait_for_selector(".chart .main-svg", timeout=15000)


def test_from_the_overview_to_the_evidence(browser, server: str) -> None:
    assert "script-src 'self';" in httpx.get(f"{server}/").headers["content-security-policy"]  # no inline script
    visit = Visit(browser)
    page = visit.open(f"{server}/")
    visit.shot("overview")
    top = page.locator("table.changes tbody tr").first.locator("a").first
    assert top.inner_text() == "USA → COL"                     # the escalation of the synthetic history
    top.click()
    _settled(page)
    assert urlsplit(page.url).path == "/dyads/USA/COL"
    visit.shot("dyad")
    bars = page.locator("#chart-USA-COL g.trace.bars").last.locator("g.point")
    box = bars.last.bounding_box()                              # the last day's bar, at the top of its stack
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 2)
    page.wait_for_url("**/events?**")
    _settled(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"dyad": ["USA-COL"], "start": ["2026-02-14"], "end": ["2026-02-14"]}
    rows = page.locator("table.events tbody tr")
    assert page.locator(".result-count .count").inner_text() == str(rows.count()) == "3"
    visit.shot("events-of-a-day")
    rows.filter(has_text="attacked").locator("td[data-label=Event] a").click()
    page.wait_for_url("**/events/E*")
    visit.shot("event")
    page.get_by_role("link", name="Read it in the article").click()
    page.wait_for_url("**/articles/**")
    target = urlsplit(page.url).fragment
    assert target.startswith("event-")
    assert page.locator(f"[id='{target}'] + mark.trigger, [id='{target}'] + span mark.trigger").first.inner_text() \
        == "attacked"
    listed = page.locator("section.article table.events tbody tr").count()
    assert page.locator(".coded mark.trigger").count() == listed == 7 and page.locator(".coded [id^=quote-]").count() == 1
    visit.shot("article")
    page.get_by_role("link", name="its story").click()
    page.wait_for_url("**/stories/s1")
    assert "2 outlets" in page.locator("h1").inner_text()
    visit.shot("story")
    assert visit.problems == []
    visit.close()


def test_filtering_events_by_country_and_dates(browser, server: str) -> None:
    visit = Visit(browser)
    page = visit.open(f"{server}/events")
    page.fill("input[name=country]", "VEN")
    page.fill("input[name=start]", "2026-02-01")
    page.fill("input[name=end]", "2026-02-10")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?**country=VEN**")
    expected = httpx.get(f"{server}/api/events", params={"country": "VEN", "start": "2026-02-01",
                                                         "end": "2026-02-10"}).json()["total"]
    assert expected == 10                                       # Washington accused Caracas, once a day
    assert page.locator(".result-count .count").inner_text() == "10"
    assert page.locator("table.events tbody tr").count() == 10
    visit.shot("events-filtered")
    assert visit.problems == []
    visit.close()


PAGES = {"overview": "/", "events": "/events", "events-page-2": "/events?limit=20&offset=20",
         "dyads": "/dyads", "dyad-week": "/dyads/COL/USA?freq=week", "network": "/network",
         "stories": "/stories", "story-s1": "/stories/s1", "article": "/articles/demo-2026-02-14",
         "actor": "/actors/Colombia", "not-found": "/events/nope"}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_at_phone_width_in_both_schemes(browser, server: str, name: str) -> None:
    shots = {}
    for scheme in ("light", "dark"):
        visit = Visit(browser, PHONE, scheme)
        page = visit.open(server + PAGES[name])
        _settled(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 390px ({scheme})"
        shots[scheme] = visit.shot(f"{name}-phone-{scheme}").read_bytes()
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        shots[f"{scheme}-background"] = background.encode()
        if name == "not-found":                    # the page is a 404, and the browser says so
            assert visit.problems and all("404" in p for p in visit.problems)
        else:
            assert visit.problems == []
        visit.close()
    assert shots["light"] != shots["dark"] and shots["light-background"] != shots["dark-background"]


def test_the_charts_draw_with_date_axes_and_whole_counts(browser, server: str) -> None:
    visit = Visit(browser)
    page = visit.open(f"{server}/dyads/USA/COL")
    _settled(page)
    texts = "els => els.map(e => e.textContent)"
    ticks = page.eval_on_selector_all("#chart-USA-COL .xtick text", texts)
    assert ticks and all(":" not in t for t in ticks) and any("2026" in t for t in ticks)
    counts = page.eval_on_selector_all("#chart-USA-COL .ytick text", texts)
    assert counts and all(c.isdigit() for c in counts)
    assert page.locator("mark", has_text="attacked").count() >= 1
    page.locator("#chart-USA-COL").screenshot(path=str(SCREENSHOTS / "dyad-chart.png"))
    network = visit.open(f"{server}/network")
    _settled(network)
    visit.shot("network")
    nodes = network.locator("#chart-network g.trace.scatter").last.locator("path.point")
    box = nodes.first.bounding_box()
    network.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    network.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    network.wait_for_url("**/actors/**")
    visit.shot("actor")
    assert visit.problems == []
    visit.close()


def test_keyboard_reaches_the_content_and_the_filters(browser, server: str) -> None:
    visit = Visit(browser)
    page = visit.open(f"{server}/events")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "actor"
    visit.close()


def test_api_docs_render_offline(browser, server: str) -> None:
    visit = Visit(browser)
    page = visit.open(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert "flashpoint" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 8
    visit.shot("api-docs")
    assert visit.problems == []
    visit.close()


def test_report_opens_offline_with_its_charts_filters_and_drill_down(browser, db: Path, tmp_path: Path) -> None:
    with Store(db, access="read") as store:  # as flashpoint report --db does, beside the server
        report = service.report(store, tmp_path / "report.html")
    visit = Visit(browser)
    page = visit.open(report.as_uri())
    page.wait_for_selector("#chart-USA-COL .main-svg", timeout=15000)
    assert page.locator("#chart-network g.trace.scatter").count() >= 1
    visit.shot("report")
    page.fill("#event-filters input[name=country]", "VEN")
    page.fill("#event-filters input[name=start]", "2026-02-01")
    page.fill("#event-filters input[name=end]", "2026-02-10")
    page.click("#event-filters button[type=submit]")
    page.wait_for_function("document.querySelector('#events .count').textContent === '10'")
    assert page.locator("#events table.events tbody tr:not([hidden])").count() == 10
    page.locator("table.episodes a", has_text="events of the period").first.click()
    page.wait_for_function("location.hash.startsWith('#events?dyad=')")
    shown = page.locator("#events table.events tbody tr:not([hidden])").count()
    assert shown > 0 and page.locator("#events .count").inner_text() == str(shown)
    assert visit.problems == []
    visit.close()
