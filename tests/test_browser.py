"""The dashboard in a real browser: headless Chromium (Debian's package), driven by
Playwright, against `eventwire serve`'s app on loopback, over a database built here.
Each page is opened, a filter clicked, a link followed, and a screenshot saved under
build/screenshots/ for a person to look at."""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _need(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it")
        pytest.skip(reason, allow_module_level=True)


playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
_need(CHROMIUM is not None, "no chromium on this machine (Debian packages chromium and chromium-driver)")

import uvicorn  # noqa: E402

from eventwire.web import create_app  # noqa: E402

from .web_corpus import build_db  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("browser"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        outside: list[str] = []
        tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "about:")) else None)
        tab.base = server
        yield tab
        browser.close()
        assert not outside, f"pages asked for outside resources: {outside}"


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_home_shows_counts_and_timeline(page):
    page.goto(page.base + "/")
    assert page.locator("h1").inner_text() == "Event database"
    assert page.locator("svg.timeline rect").count() >= 1
    shot(page, "home")


def test_event_explorer_filter_and_link_to_the_sentence(page):
    page.goto(page.base + "/events")
    everything = page.locator("table.events tbody tr").count()
    page.select_option("select[name=event]", "SANCTION")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*event=SANCTION*")
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2 < everything
    shot(page, "events-filtered")
    rows.first.locator("a", has_text="article").click()
    page.wait_for_url("**/articles/sanctions-*#s-*")
    assert page.locator("article.text .trigger").count() >= 1
    assert page.locator("article.text .actor").count() >= 2
    shot(page, "article")


def test_article_view_escapes_markup_and_links_actors(page):
    page.goto(page.base + "/articles/script-1")
    assert "<script>alert('x')</script>" in page.locator("article.text").inner_text()
    page.locator("article.text a.actor", has_text="Germany").first.click()
    page.wait_for_url("**/actors/DEU")
    assert "as actor" in page.locator("main").inner_text().lower()
    shot(page, "actor")


def test_network_and_map_are_drawn_here(page):
    page.goto(page.base + "/network")
    assert page.locator("svg.network circle").count() >= 2
    assert page.locator("svg.network path[stroke]").count() >= 1
    shot(page, "network")
    page.goto(page.base + "/map")
    assert page.locator("svg.map circle").count() >= 1
    shot(page, "map")


def test_paste_box_codes_an_article(page):
    page.goto(page.base + "/code")
    page.fill("textarea[name=text]", "Japan and South Korea held talks in Tokyo on Monday.")
    page.fill("input[name=title]", "Talks in Tokyo")
    page.click("form.code button[type=submit]")
    page.wait_for_selector("article.text .trigger")
    assert "CONSULT" in page.locator("aside").inner_text()
    shot(page, "pasted")
