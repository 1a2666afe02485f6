"""Hostile text in every field the page shows: titles, outlets, source names, place
names and evidence carry script and markup, and the page renders them as text
(issue 12).  Debian's Chromium through Playwright, against a real loopback server.

The reports come from a stand-in extractor, so that fields the real extractor would
take only from the gazetteer (a place's name) can carry a payload too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines import taxonomy
from frontlines.api.server import ServerHandle, start_background
from frontlines.ingest import read_text
from frontlines.records import Article, Report, Source
from frontlines.store import ingest_articles, open_db

pytestmark = pytest.mark.browser

STATIC = Path(taxonomy.__file__).parent / "web" / "static"

PAYLOADS = {
    "title": "<script>window.__pwned=1</script>Title",
    "outlet": '"><img src=x onerror="window.__pwned=2">Outlet',
    "source": "<svg onload=window.__pwned=3>Spokesman",
    "place": "Kunduz<img src=y onerror=window.__pwned=4>",
    "evidence": "<iframe src=javascript:window.__pwned=5></iframe>",
}


def hostile_extract(article: Article) -> list[Report]:
    """One capture of Kunduz city whose every shown field carries a payload."""
    return [
        Report(
            event_id="FL-hostile-1",
            article_id=article.article_id,
            event_type=taxonomy.event_type_of(taxonomy.NSA_OVERTAKES),
            sub_event_type=taxonomy.NSA_OVERTAKES,
            evidence=article.text.split("\n")[0],
            event_date="2021-08-08",
            time_precision=1,
            actor1="Taliban",
            actor2="Military Forces of Afghanistan (2004-2021)",
            country="Afghanistan",
            admin1="Kunduz",
            admin2="Kunduz",
            location=PAYLOADS["place"],
            latitude=36.73,
            longitude=68.86,
            geo_precision=1,
            sources=(Source(name=PAYLOADS["source"], role="spokesman"),),
            claim_status="confirmed",
            outlet=article.outlet,
            published=article.published.isoformat() if article.published else None,
            extractor_version="hostile",
        )
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    path = tmp_path_factory.mktemp("hostile") / "h.db"
    db = open_db(path)
    text = (
        f"Taliban fighters captured Kunduz city on Sunday {PAYLOADS['evidence']}.\n"
        "Officials said the city fell after days of fighting."
    )
    article = read_text(
        text,
        article_id="hostile-fields",
        published=dt.date(2021, 8, 9),
        title=PAYLOADS["title"],
        outlet=PAYLOADS["outlet"],
    )
    ingest_articles([article], db=db, workers=1, extractor=hostile_extract)
    db.conn.close()
    with start_background(str(path)) as handle:
        yield handle


def test_payloads_in_every_field_render_as_text(browser: Any, server: ServerHandle) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 768}, reduced_motion="reduce")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server.url}/#date=2021-08-16&counting=all&district=Kunduz/Kunduz")
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    page.wait_for_selector("#panel:not([hidden]) .state.current")
    shown = page.locator("#panel").inner_text()
    assert "Spokesman" in shown  # the source name, as text
    events = page.locator("#events").inner_text()
    page.locator("#panel .article-link").first.click()
    page.wait_for_selector("#panel article.article")
    article = page.locator("#panel").inner_text()
    everything = " ".join([shown, events, article])
    for field in ("title", "outlet", "source", "place"):
        assert PAYLOADS[field] in everything, field  # shown whole, as text
    assert "<iframe src=javascript" in everything
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator('img[src="x"], img[src="y"], iframe, #panel svg[onload]').count() == 0
    # Only the page's own scripts, all from /static: none came from the article's fields.
    scripts = page.evaluate("() => [...document.scripts].map(s => new URL(s.src).pathname)")
    assert scripts and all(p.startswith("/static/") for p in scripts), scripts
    assert {p.rsplit("/", 1)[-1] for p in scripts} <= {p.name for p in STATIC.glob("*.js")}
    page.close()
