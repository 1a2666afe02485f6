"""The analyst's map on the demo corpus, in Debian's Chromium: event markers and
clusters with fatalities, labels at country and district zoom, replay at two speeds
with the list in step, a URL that restores a district, a date and a filter, and the
why-panel.  Screenshots at 2021-06-21 and 2021-08-16 go to benchmarks/out/ (ignored
by git)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.api.server import ServerHandle, start_background
from frontlines.demo import build_demo, corpus_files

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "benchmarks" / "out"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    if not corpus_files():
        pytest.skip("the demo corpus is not bundled")
    path = tmp_path_factory.mktemp("analyst") / "demo.db"
    build_demo(str(path), workers=1)
    with start_background(str(path)) as handle:
        yield handle


def open_page(browser: Any, server: ServerHandle, fragment: str = "") -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1440, "height": 900}, reduced_motion="reduce")
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" else None,
    )
    page.on(
        "response",
        lambda r: problems.append(f"{r.url} {r.status}") if r.status >= 400 else None,
    )
    page.on(
        "request",
        lambda r: (
            problems.append("outside: " + r.url)
            if server.host not in r.url and not r.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{server.url}/{fragment}")
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    page.wait_for_selector("body[data-shown]")
    page.wait_for_load_state("networkidle")
    return page, [p for p in problems if "chart.js" not in p]


def hash_param(page: Any, name: str) -> str | None:
    value = page.evaluate(f"() => new URLSearchParams(location.hash.slice(1)).get('{name}')")
    return None if value is None else str(value)


# Dates and views (lon, lat, zoom) over demo districts with events standing alone: Baghlan
# early in May, Bazarak in September (both with deaths), Kunduz and Kabul (several without).
VIEWS_WITH_EVENTS = (
    ("2021-05-03", "68.7,36.3,8"),
    ("2021-09-02", "69.5,35.3,8"),
    ("2021-09-10", "68.9,36.7,8"),
    ("2021-09-10", "69.2,34.5,8"),
)


def test_events_are_drawn_clustered_and_sized_with_fatalities(
    browser: Any, server: ServerHandle
) -> None:
    page, problems = open_page(browser, server, "#date=2021-08-16&counting=all")
    listed = page.locator("#events .ev").count()
    singles = page.locator("g.evm").count()
    clusters = page.locator("g.evc")
    assert clusters.count() >= 1, "at country zoom, nearby events are clustered"
    in_clusters = sum(int(c) for c in clusters.evaluate_all("gs => gs.map(g => g.dataset.count)"))
    assert singles + in_clusters >= 0.8 * listed  # every placed event is on the map
    # Shapes follow the event type: more than one shape is on the map.
    shapes = set(page.locator("g.evm").evaluate_all("gs => gs.map(g => g.classList[1])"))
    shapes |= {"cluster"}
    assert len(shapes) >= 3, shapes
    # A click on a cluster zooms in and splits it.
    counts = [int(c) for c in clusters.evaluate_all("gs => gs.map(g => g.dataset.count)")]
    biggest = max(counts)
    before_zoom = float(page.get_attribute("#map", "data-zoom") or 0)
    page.locator(f"g.evc[data-count='{biggest}']").first.click(force=True)
    page.wait_for_function(
        f"() => Number(document.getElementById('map').dataset.zoom) > {before_zoom}"
    )
    page.wait_for_timeout(100)
    after = [
        int(c) for c in page.locator("g.evc").evaluate_all("gs => gs.map(g => g.dataset.count)")
    ]
    assert not after or max(after) < biggest
    page.close()
    # Markers are sized by fatalities: a single marker with deaths is larger than one
    # without. Which events stand alone depends on the corpus, so look in several places
    # at one zoom (marker sizes are in screen pixels) until both kinds have been seen.
    sizes: list[tuple[str, float]] = []
    fatal_view = None
    for day, view in VIEWS_WITH_EVENTS:
        page, problems = open_page(browser, server, f"#date={day}&counting=all&view={view}")
        found = page.locator("g.evm").evaluate_all(
            "gs => gs.map(g => [g.dataset.fatalities, "
            "g.querySelector('.evm-shape').getBBox().width])"
        )
        sizes += [(f, w) for f, w in found]
        if fatal_view is None and any(f not in ("", "0") for f, _ in found):
            fatal_view = f"#date={day}&counting=all&view={view}"
        page.close()
    with_deaths = [w for f, w in sizes if f not in ("", "0")]
    without = [w for f, w in sizes if f in ("", "0")]
    assert with_deaths and without and max(with_deaths) > max(without), sizes
    # The tooltip of a marker with deaths says how many were killed.
    assert fatal_view is not None
    page, problems = open_page(browser, server, fatal_view)
    marker = page.locator("g.evm:not([data-fatalities='']):not([data-fatalities='0'])").first
    n = marker.get_attribute("data-fatalities")
    marker.hover(force=True)
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    assert f"{n} killed" in tip.inner_text()
    # The list shows fatalities too.
    counts = page.locator("#events .ev .ev-counts").all_inner_texts()
    assert any(re.search(r"\d+ killed", c) for c in counts)
    assert re.search(r"\d+ killed", page.text_content("#events-count") or "")
    # A click on a marker opens its evidence.
    marker.click(force=True)
    page.wait_for_selector("#panel:not([hidden]) blockquote.evidence")
    assert "Killed: " + str(n) in page.inner_text("#panel")
    assert not problems, problems
    page.close()


def test_filters_apply_to_the_markers(browser: Any, server: ServerHandle) -> None:
    page, _ = open_page(browser, server, "#date=2021-08-16&counting=all&view=69.2,34.5,8")
    before = page.locator("g.evm, g.evc").count()
    page.select_option("#filter-type", "Arrests")
    page.wait_for_function("() => location.hash.includes('type=Arrests')")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)
    shown = page.locator("#events .ev").count()
    total = page.locator("g.evm").count() + sum(
        int(c) for c in page.locator("g.evc").evaluate_all("gs => gs.map(g => g.dataset.count)")
    )
    assert total <= shown and page.locator("g.evm, g.evc").count() < before
    page.close()


def test_labels_at_country_and_district_zoom(browser: Any, server: ServerHandle) -> None:
    page, _ = open_page(browser, server, "#date=2021-08-16&counting=all")
    names = set(texts(page, ".maplabel"))
    assert {"Kabul", "Pakistan", "Iran"} <= names
    assert len(texts(page, ".maplabel.province-name")) >= 20
    assert page.locator(".maplabel.district-name").count() == 0  # not at country zoom
    assert_no_overlap(page)
    page.close()
    page, _ = open_page(browser, server, "#date=2021-08-16&counting=all&district=Kunduz/Imam Sahib")
    districts = set(texts(page, ".maplabel.district-name"))
    assert "Imam Sahib" in districts and len(districts) >= 5
    assert page.locator(".maplabel.capital-name").count() >= 1
    assert_no_overlap(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map-district-zoom-imam-sahib.png"))
    page.close()


def texts(page: Any, selector: str) -> list[str]:
    """Text of the matched elements (textContent: innerText is undefined for SVG ones)."""
    return list(page.locator(selector).evaluate_all("ts => ts.map(t => t.textContent)"))


def assert_no_overlap(page: Any) -> None:
    boxes = page.locator(".maplabel").evaluate_all(
        "ts => ts.map(t => { const r = t.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })"
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 1 or overlap_y <= 1, (a, b)


def test_replay_at_two_speeds_keeps_the_list_in_step(browser: Any, server: ServerHandle) -> None:
    """Each day shown during replay has its list and heading for that same day, and the
    next day waits for the speed's interval (a lower bound that holds however busy the
    machine is; how fast a day renders is for benchmarks, not tests)."""
    page, problems = open_page(browser, server, "#date=2021-08-01&counting=all")
    # Record every day the page finishes showing, with what the heading and list say then.
    page.evaluate(
        """() => { window.__steps = [];
        new MutationObserver(() => window.__steps.push({
          t: performance.now(), shown: document.body.dataset.shown,
          heading: document.getElementById('events-date').textContent,
          label: document.getElementById('date-label').textContent,
          n: document.querySelectorAll('#events .ev').length,
          speed: document.getElementById('speed').value }))
        .observe(document.body, {attributes: true, attributeFilter: ['data-shown']});
        window.__starts = [];
        new MutationObserver(() => window.__starts.push(performance.now()))
        .observe(document.getElementById('date-label'), {childList: true, characterData: true,
          subtree: true}); }"""
    )
    counts: dict[str, int] = {}
    for speed, interval in (("0.5", 640), ("2", 160)):
        page.evaluate("() => { location.hash = '#date=2021-08-01&counting=all'; }")
        page.wait_for_function("() => (document.body.dataset.shown || '').startsWith('2021-08-01')")
        page.select_option("#speed", speed)
        page.evaluate("() => { window.__steps = []; window.__starts = []; }")
        page.click("#play")
        page.wait_for_function("() => window.__steps.length >= 4", timeout=30000)
        page.click("#play")  # pause
        page.wait_for_function(
            "() => (document.body.dataset.shown || '').startsWith("
            "new URLSearchParams(location.hash.slice(1)).get('date'))"
        )
        steps = page.evaluate("() => window.__steps")
        days = [s["shown"].split("|")[0] for s in steps]
        assert days == sorted(days) and len(set(days)) == len(days), days
        for step in steps:
            day = dt.date.fromisoformat(step["shown"].split("|")[0])
            assert step["heading"] == step["label"] == f"{day.day} {day:%b %Y}", step
        # A day starts no sooner than the speed's interval after the one before.
        starts = page.evaluate("() => window.__starts")
        gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
        # (observer callbacks may run a little late, so allow 15 %; 1× would give 320 ms)
        assert gaps and min(gaps) >= 0.85 * interval, (speed, gaps)
        counts[speed] = len(steps)
        # After the pause the list holds exactly the counted events up to the date shown.
        shown_date = (page.evaluate("() => document.body.dataset.shown") or "").split("|")[0]
        expected = page.evaluate(
            "d => Promise.all([fetch('/api/meta').then(r => r.json()), "
            "fetch('/api/events?limit=1000&until=' + d).then(r => r.json())])"
            ".then(([m, p]) => p.items.filter(e => "
            "m.counting_statuses.all.includes(e.claim_status)).length)",
            shown_date,
        )
        assert page.locator("#events .ev").count() == min(expected, 400)
        assert page.text_content("#events-date") == page.text_content("#date-label")
    assert hash_param(page, "speed") == "2"
    assert not problems, problems
    page.close()


def test_days_events_are_marked_as_their_day_passes(browser: Any, server: ServerHandle) -> None:
    page, _ = open_page(browser, server, "#date=2021-08-14&counting=all")
    page.click("#next-day")
    page.wait_for_function("() => (document.body.dataset.shown || '').startsWith('2021-08-15')")
    page.wait_for_load_state("networkidle")
    fresh = page.locator("#events .ev.fresh")
    assert fresh.count() >= 1
    assert all("15 Aug 2021" in t for t in fresh.all_inner_texts())
    assert page.locator("g.evm.fresh, g.evc.fresh").count() >= 1
    page.close()


def test_a_url_restores_district_date_filter_and_zoom(browser: Any, server: ServerHandle) -> None:
    fragment = "#date=2021-08-16&counting=reported&district=Kabul/Kabul&type=Armed%20clash"
    page, problems = open_page(browser, server, fragment)
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    assert page.text_content("#date-label") == "16 Aug 2021"
    assert page.input_value("#filter-type") == "Armed clash"
    assert page.locator("#panel h3").first.text_content() == "Kabul"
    # Outlined and zoomed to.
    assert page.locator("#selection-outline").count() == 1
    assert float(page.get_attribute("#map", "data-zoom") or 0) > 3
    types = [t.strip() for t in page.locator("#events .ev-type").all_inner_texts()]
    assert types and all(t == "Armed clash" for t in types), types
    # The view itself travels in the URL and comes back.
    page.click("#zoom-in")
    page.wait_for_function("() => location.hash.includes('view=')")
    page.wait_for_timeout(100)
    url = page.url
    zoom = float(page.get_attribute("#map", "data-zoom") or 0)
    page.close()
    again, _ = open_page(browser, server, "#" + url.split("#", 1)[1])
    assert abs(float(again.get_attribute("#map", "data-zoom") or 0) - zoom) < 0.05
    assert again.input_value("#filter-type") == "Armed clash"
    # Choosing another district on the map empties the finder instead of keeping a name.
    again.fill("#district-search", "Kabul (Kabul)")
    again.locator('path.district[data-key="Kabul/Paghman"]').dispatch_event("click")
    again.wait_for_function("() => location.hash.includes('Paghman')")
    assert again.input_value("#district-search") == ""
    assert not problems, problems
    again.close()


def test_the_why_panel_explains_place_date_and_claim_status(
    browser: Any, server: ServerHandle
) -> None:
    page, _ = open_page(browser, server, "#date=2021-06-22&counting=all&district=Kunduz/Imam Sahib")
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    page.locator("#events .ev", has_text="Imam Sahib").first.click()
    page.wait_for_selector("#panel .why")
    panel = page.locator("#panel")
    why = panel.locator(".why").inner_text()
    assert why.startswith("WHY CONFIRMED") or "Why" in why
    assert "independent" in why and "Claim status: confirmed." in why
    place = panel.locator(".why-place").first.inner_text()
    assert "Imam Sahib" in place and "because" in place and "district" in place
    date = panel.locator(".why-date").first.inner_text()
    assert "because" in date
    statuses = panel.locator(".why-status").all_inner_texts()
    assert statuses and all(s.startswith("Reported:") for s in statuses)
    assert panel.locator(".why-actor").count() >= 1
    page.close()


@pytest.mark.parametrize("day", ["2021-06-21", "2021-08-16"])
def test_screenshots(browser: Any, server: ServerHandle, day: str) -> None:
    page, problems = open_page(browser, server, f"#date={day}&counting=all")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"map-{day}.png"))
    assert page.locator("g.evm, g.evc").count() > 0
    assert not problems, problems
    page.close()


def test_capital_looks_follow_their_district_and_the_key_explains_and_folds(
    browser: Any, server: ServerHandle
) -> None:
    page, problems = open_page(browser, server, "#date=2021-08-05&counting=all")
    lashkar = page.locator('circle.capital[data-key="Helmand/Lashkar Gah"]')
    # Lashkar Gah was fought over on this day: contested, not drawn as fallen.
    assert page.get_attribute('path.district[data-key="Helmand/Lashkar Gah"]', "class") == (
        "district contested"
    )
    assert lashkar.get_attribute("data-look") == "contested"
    kabul = page.locator('circle.capital[data-key="Kabul/Kabul"]')
    assert kabul.get_attribute("data-look") == "held"
    key = page.locator("#legend")
    text = key.inner_text()
    for item in ("Capital, government-held", "Capital, government lost it", "Capital, contested",
                 "Border crossing", "Road cut", "Selected district", "Battle",
                 "Violence against civilians", "Size: killed", "Cluster of events"):  # fmt: skip
        assert item in text, item
    # Every look a capital can take on the map has its line in the key.
    looks = set(page.locator("circle.capital").evaluate_all("cs => cs.map(c => c.dataset.look)"))
    assert looks <= {"held", "fallen", "contested", "uncertain"}
    # The key sits beside the map, never over it, and folds away.
    map_box = page.locator("#mapwrap").bounding_box()
    key_box = key.bounding_box()
    assert map_box and key_box and key_box["x"] >= map_box["x"] + map_box["width"]
    page.click("#legend summary")
    assert not page.locator("#legend .legend-body").is_visible()
    assert not problems, problems
    page.close()
