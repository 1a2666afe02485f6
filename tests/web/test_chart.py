"""The timeline chart (web/static/chart.js) in Debian's Chromium against the demo database:
it draws the weekly counts from /api/control/summary beside the map and marks the date
the page shows, following the slider and the counting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from frontlines.api.server import ServerHandle, start_background
from frontlines.demo import build_demo

pytestmark = pytest.mark.browser

KEYS = ("government", "taliban", "resistance", "contested", "unknown")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    path = tmp_path_factory.mktemp("chart") / "demo.db"
    build_demo(path, workers=1)
    with start_background(str(path)) as handle:
        yield handle


def open_page(browser: Any, server: ServerHandle, fragment: str = "") -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1366, "height": 900}, reduced_motion="reduce")
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    def outside(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.hostname != server.host:
            problems.append("outside request " + request.url)

    page.on("request", outside)
    page.goto(f"{server.url}/{fragment}")
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    page.wait_for_selector("#timeline-chart svg polygon.area", timeout=20000)
    return page, problems


def marked(page: Any) -> str:
    return str(page.get_attribute("#timeline-chart", "data-date"))


def test_the_chart_draws_five_layers_and_opens_on_the_story(
    browser: Any, server: ServerHandle
) -> None:
    page, problems = open_page(browser, server)
    keys = page.eval_on_selector_all(
        "#timeline-chart polygon.area", "els => els.map(e => e.dataset.key)"
    )
    assert keys == list(KEYS)
    # The page opens on the day after Kabul fell, and the chart marks it.
    page.wait_for_function(
        "() => document.getElementById('timeline-chart').dataset.date === '2021-08-16'"
    )
    # The legend gives the counts of the week in force (from 14 August), as the API does.
    assert page.get_attribute("#timeline-chart", "data-week") == "2021-08-14"
    legend = page.inner_text("#timeline-chart .timeline-legend")
    week = next(
        r
        for r in page.evaluate(
            "() => fetch('/api/control/summary?counting=all').then(r => r.json())"
        )
        if r["week"] == "2021-08-14"
    )
    for key in KEYS:
        assert f"{key.title()} {week[key]}" in legend, (key, legend)
    label = str(page.get_attribute("#timeline-chart svg", "aria-label"))
    assert "week of 2021-08-14" in label and "Unknown" in label
    x = float(page.get_attribute("#timeline-marker", "x1") or "nan")
    page.screenshot(path=str(Path("test-artifacts") / "chart.png")) if Path(
        "test-artifacts"
    ).is_dir() else None
    assert 30 < x < 320
    assert problems == []
    page.close()


def test_the_marker_follows_the_date_and_the_counting(browser: Any, server: ServerHandle) -> None:
    page, problems = open_page(browser, server, "#date=2021-06-01&counting=all")
    page.wait_for_function(
        "() => document.getElementById('timeline-chart').dataset.date === '2021-06-01'"
    )
    early = float(page.get_attribute("#timeline-marker", "x1") or "nan")
    early_text = page.inner_text("#timeline-chart .timeline-legend")
    assert "Unknown 3" in early_text  # most districts have no evidence yet in June
    # The page tells the chart of a new date with the frontlines:date event.
    page.evaluate(
        "() => window.dispatchEvent(new CustomEvent('frontlines:date', "
        "{detail: {date: '2021-08-20', counting: 'confirmed'}}))"
    )
    page.wait_for_function(
        "() => document.getElementById('timeline-chart').dataset.date === '2021-08-20'"
    )
    late = float(page.get_attribute("#timeline-marker", "x1") or "nan")
    assert late > early
    assert page.get_attribute("#timeline-chart", "data-week") == "2021-08-14"
    assert problems == []
    page.close()
