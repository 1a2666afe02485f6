"""The map page in Debian's Chromium, driven by Playwright, against a real loopback server.

The database holds short articles written for these tests (Kunduz city falls on
2021-08-08; an article whose title and text carry script and markup) and, when
../shared exists, the reference article about Imam Sahib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from frontlines.api.server import ServerHandle, start_background
from frontlines.ingest import read_text
from frontlines.store import ingest_articles, open_db

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "samples" / "imam-sahib-2021-06-21.txt"
SHOTS = REPO / "test-artifacts" / "screenshots"
#: The page's own scripts, all served from /static.
PAGE_SCRIPTS = 6
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
ARTICLES = [
    (
        "kunduz-city-falls",
        "2021-08-09",
        "Taliban take Kunduz city",
        "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
        "after days of fighting, provincial council member Amruddin Wali said.",
    ),
    (
        "hostile-article",
        "2021-08-01",
        f"{SCRIPT} {IMG}",
        "Taliban fighters captured Khan Abad district of Kunduz province on Saturday, a police "
        f"spokesman said. Readers saw {SCRIPT} and {IMG} in the page.",
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    articles = list(ARTICLES)
    if SAMPLE.is_file():
        text = SAMPLE.read_text(encoding="utf-8")
        articles.append(("imam-sahib-2021-06-21", "2021-06-21", "Reference article", text))
    path = tmp_path_factory.mktemp("web") / "web.db"
    db = open_db(path)
    items = [
        read_text(text, article_id=aid, published=dt.date.fromisoformat(pub), title=title)
        for aid, pub, title, text in articles
    ]
    ingest_articles(items, db=db, workers=1)
    db.conn.close()
    with start_background(str(path)) as handle:
        yield handle


class Watch:
    """Everything a page did that it should not: failed or outside requests, console
    errors, uncaught exceptions, dialogs (an alert() would be a script running)."""

    def __init__(self, page: Any, host: str) -> None:
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        page.on(
            "response",
            lambda r: self.failed.append(f"{r.url} {r.status}") if r.status >= 400 else None,
        )
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        self.host = host

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.hostname != self.host:
            self.outside.append(request.url)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_page(browser: Any, server: ServerHandle, fragment: str = "", **viewport: int) -> Any:
    # Reduced motion: colours change at once, so a computed fill is never caught mid-fade.
    page = browser.new_page(
        viewport=viewport or {"width": 1366, "height": 768}, reduced_motion="reduce"
    )
    watch = Watch(page, server.host)
    page.goto(f"{server.url}/{fragment}")
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    page.wait_for_selector("body[data-shown]")
    return page, watch


def fill_of(page: Any, key: str) -> str:
    return str(
        page.eval_on_selector(f'path.district[data-key="{key}"]', "el => getComputedStyle(el).fill")
    )


def set_slider(page: Any, iso: str) -> None:
    index = (dt.date.fromisoformat(iso) - dt.date(2021, 5, 1)).days
    page.eval_on_selector(
        "#date",
        "(el, v) => { el.value = String(v); "
        "el.dispatchEvent(new Event('input', {bubbles: true})) }",
        index,
    )
    page.wait_for_function(
        "iso => new URLSearchParams(location.hash.slice(1)).get('date') === iso", arg=iso
    )
    page.wait_for_function("iso => (document.body.dataset.shown || '').startsWith(iso)", arg=iso)


def test_page_loads_clean_and_stays_on_loopback(browser: Any, server: ServerHandle) -> None:
    page, watch = open_page(browser, server)
    page.wait_for_load_state("networkidle")
    assert page.locator("path.district").count() == 398
    assert page.locator("circle.capital").count() >= 30
    assert page.locator("rect.crossing").count() >= 1
    assert page.locator("path.road").count() > 10
    assert page.locator("#counts li").count() == 6
    assert watch.requests and not watch.outside, watch.outside
    assert not watch.failed, watch.failed
    assert not watch.errors, watch.errors
    page.close()


def test_slider_changes_kunduz_colour(browser: Any, server: ServerHandle) -> None:
    page, watch = open_page(browser, server, "#date=2021-06-01&counting=all")
    page.wait_for_load_state("networkidle")
    june = fill_of(page, "Kunduz/Kunduz")
    assert "district government" in str(
        page.get_attribute('path[data-key="Kunduz/Kunduz"]', "class")
    )
    set_slider(page, "2021-08-16")
    august = fill_of(page, "Kunduz/Kunduz")
    assert june != august
    assert "taliban" in str(page.get_attribute('path[data-key="Kunduz/Kunduz"]', "class"))
    assert page.text_content("#date-label") == "16 Aug 2021"
    # Back again: the colour follows the slider both ways.
    set_slider(page, "2021-06-01")
    assert fill_of(page, "Kunduz/Kunduz") == june
    assert not watch.errors and not watch.failed
    page.close()


def test_play_replays_day_by_day(browser: Any, server: ServerHandle) -> None:
    page, watch = open_page(browser, server, "#date=2021-08-01&counting=all")
    page.click("#play")
    page.wait_for_function(
        "() => new URLSearchParams(location.hash.slice(1)).get('date') >= '2021-08-03'",
        timeout=10000,
    )
    page.click("#play")  # pause
    stopped = page.evaluate("() => location.hash")
    page.wait_for_timeout(800)
    assert page.evaluate("() => location.hash") == stopped
    assert not watch.errors
    page.close()


def test_clicking_imam_sahib_shows_evidence_and_both_sources(
    browser: Any, server: ServerHandle
) -> None:
    if not SAMPLE.is_file():
        pytest.skip(f"reference article not found at {SAMPLE} (../shared is absent)")
    import httpx

    history = httpx.get(
        f"{server.url}/api/control/Imam%20Sahib/history",
        params={"admin1": "Kunduz", "counting": "all"},
    ).json()
    taken = next(s for s in history["states"] if s["controller"] == "Taliban")
    reports = [r for e in taken["events"] for r in e["reports"]]
    sources = {s["name"] for r in reports for s in r["sources"]}
    # Both sides' spokesmen: the police spokesman and the Taliban's.
    assert {"Inamuddin Rahmani", "Zabihullah Mujahed"} <= sources

    page, watch = open_page(browser, server, "#date=2021-06-22&counting=all")
    page.wait_for_load_state("networkidle")
    district = page.locator('path.district[data-key="Kunduz/Imam Sahib"]')
    district.dispatch_event("click")
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    panel = page.locator("#panel")
    assert panel.locator("h3").first.text_content() == "Imam Sahib"
    shown = panel.locator(".state.current").inner_text()
    for r in reports:
        assert r["evidence"] in shown.replace("\n", " ") or r["evidence"] in shown
    for name in sources:
        assert name in shown
    assert "CONFIRMED" in shown.upper()
    page.wait_for_function("() => location.hash.includes('district=Kunduz/Imam%20Sahib')")
    # Read the article in the panel: the evidence sentence is marked in its text.
    panel.locator(".state.current .article-link").first.click()
    page.wait_for_selector("#panel article.article")
    marked = panel.locator("mark").all_inner_texts()
    assert any(r["evidence"] in m for r in reports for m in marked)
    assert not watch.errors and not watch.failed and not watch.outside
    page.close()


def test_shared_url_restores_date_counting_and_district(browser: Any, server: ServerHandle) -> None:
    page, _ = open_page(
        browser, server, "#date=2021-08-16&counting=reported&district=Kunduz/Kunduz"
    )
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    assert page.text_content("#date-label") == "16 Aug 2021"
    assert page.input_value("#counting") == "reported"
    assert page.locator("#panel h3").first.text_content() == "Kunduz"
    assert "selected" in str(page.get_attribute('path[data-key="Kunduz/Kunduz"]', "class"))
    page.close()


def test_event_list_follows_date_and_highlights_place(browser: Any, server: ServerHandle) -> None:
    page, watch = open_page(browser, server, "#date=2021-08-02&counting=all")
    page.wait_for_load_state("networkidle")
    early = page.locator("#events .ev").count()
    set_slider(page, "2021-08-16")
    items = page.locator("#events .ev")
    assert items.count() == early + 1  # the fall of Kunduz city on 2021-08-08
    assert "Kunduz" in items.first.inner_text()  # newest first
    items.first.click()
    page.wait_for_selector("#event-pin")
    assert "flash" in str(page.get_attribute('path[data-key="Kunduz/Kunduz"]', "class"))
    page.wait_for_function("() => location.hash.includes('event=')")
    assert not watch.errors
    page.close()


def test_hostile_article_is_shown_as_text_and_runs_nothing(
    browser: Any, server: ServerHandle
) -> None:
    page, watch = open_page(
        browser, server, "#date=2021-08-16&counting=all&district=Kunduz/Khanabad"
    )
    page.wait_for_selector("#panel:not([hidden]) .article-link")
    page.locator("#panel .article-link").first.click()
    page.wait_for_selector("#panel article.article")
    title = page.locator("#panel .article-title").text_content()
    assert title == f"{SCRIPT} {IMG}"
    body = page.locator("#panel article.article").inner_text()
    assert SCRIPT in body and IMG in body
    page.wait_for_timeout(300)
    assert watch.dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    # Only the page's own scripts from /static: none from article text.
    scripts = page.evaluate("() => [...document.scripts].map(s => new URL(s.src).pathname)")
    assert len(scripts) == PAGE_SCRIPTS and all(p.startswith("/static/") for p in scripts)
    assert page.evaluate("() => window.__pwned === undefined")
    assert not watch.errors, watch.errors
    page.close()


@pytest.mark.parametrize(
    ("width", "height", "name"), [(1366, 768, "map-1366x768"), (390, 844, "map-390x844")]
)
def test_screenshots_at_desktop_and_phone_sizes(
    browser: Any, server: ServerHandle, width: int, height: int, name: str
) -> None:
    page, watch = open_page(
        browser,
        server,
        "#date=2021-08-16&counting=all&district=Kunduz/Kunduz",
        width=width,
        height=height,
    )
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    page.wait_for_load_state("networkidle")
    # Nothing sticks out sideways: the panels stack below the map on a phone.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    map_box = page.locator("#mapwrap").bounding_box()
    side_box = page.locator("aside.side").bounding_box()
    assert map_box and side_box
    if width < 600:
        assert side_box["y"] >= map_box["y"] + map_box["height"]
    else:
        assert side_box["x"] >= map_box["x"] + map_box["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    if width < 600:
        page.screenshot(path=str(SHOTS / f"{name}-full.png"), full_page=True)
    assert not watch.errors and not watch.failed
    page.close()


def test_a_district_can_be_found_and_opened_from_the_keyboard(
    browser: Any, server: ServerHandle
) -> None:
    page, watch = open_page(browser, server, "#date=2021-08-16&counting=all")
    page.wait_for_load_state("networkidle")
    names = page.locator("#district-list option").evaluate_all("(os) => os.map((o) => o.value)")
    assert "Imam Sahib (Kunduz)" in names and len(names) > 300
    search = page.locator("#district-search")
    search.focus()
    page.keyboard.type("Imam Sahib (Kunduz)")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    assert page.locator("#panel h3").first.text_content() == "Imam Sahib"
    page.wait_for_function("() => location.hash.includes('district=Kunduz/Imam%20Sahib')")
    # A name that matches nothing says so instead of guessing.
    search.fill("Atlantis")
    page.keyboard.press("Enter")
    assert search.get_attribute("aria-invalid") == "true"
    assert "No single district" in (page.locator("#finder-status").text_content() or "")
    assert not watch.errors and not watch.failed and not watch.outside
    page.close()


def test_wheel_zooms_and_drag_pans_without_selecting(browser: Any, server: ServerHandle) -> None:
    """Leaflet moves the map: the wheel zooms in, a drag pans (the view goes into the
    URL) and is not a click on the district under the pointer."""
    page, watch = open_page(browser, server, "#date=2021-08-16&counting=all")
    page.wait_for_load_state("networkidle")
    box = page.locator("#map").bounding_box()
    assert box
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = float(page.get_attribute("#map", "data-zoom") or 0)
    page.mouse.move(x, y)
    page.mouse.wheel(0, -400)
    page.wait_for_function(
        f"() => Number(document.getElementById('map').dataset.zoom) > {before + 0.2}"
    )
    page.wait_for_function("() => location.hash.includes('view=')")
    view = page.evaluate("() => new URLSearchParams(location.hash.slice(1)).get('view')")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 40, steps=8)
    page.mouse.move(x + 120, y + 80, steps=8)
    page.mouse.up()
    page.wait_for_function(
        "v => new URLSearchParams(location.hash.slice(1)).get('view') !== v", arg=view
    )
    page.wait_for_timeout(300)
    assert page.locator("#panel").is_hidden()
    assert "district=" not in page.evaluate("() => location.hash")
    assert not watch.errors and not watch.failed
    page.close()
