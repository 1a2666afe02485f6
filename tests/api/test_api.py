"""The REST API against a real uvicorn server on loopback, with databases built from
short articles written for these tests (and the reference article when ../shared exists)."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.api import _data
from frontlines.api.server import ServerHandle, start_background
from frontlines.ingest import read_text
from frontlines.store import ingest_articles, open_db

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "samples" / "imam-sahib-2021-06-21.txt"
TOKEN = "test-token-5f1c"
HOSTILE_TITLE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'

ARTICLES = [
    (
        "kunduz-falls",
        "2021-08-09",
        "Taliban take Kunduz city",
        "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
        "after days of fighting, provincial council member Amruddin Wali said.",
    ),
    (
        "lashkar-gah-fighting",
        "2021-08-03",
        "Fighting in Lashkar Gah",
        "Heavy fighting between Taliban fighters and Afghan security forces continued in "
        "Lashkar Gah, the capital of Helmand province, on Tuesday, a provincial official said.",
    ),
    (
        "hostile",
        "2021-08-01",
        HOSTILE_TITLE,
        "Taliban fighters captured Khan Abad district of Kunduz province on Saturday, a police "
        'spokesman said. <script>alert(1)</script> and "><img src=x onerror=alert(1)> '
        "were found in the page.",
    ),
]
NEW_ARTICLE = (
    "Taliban fighters captured Pul-e Khumri, the capital of Baghlan province, on Tuesday, "
    "a provincial council member said."
)


def build_db(path: Path, articles: list[tuple[str, str, str, str]]) -> str:
    db = open_db(path)
    items = [
        read_text(text, article_id=aid, published=dt.date.fromisoformat(pub), title=title)
        for aid, pub, title, text in articles
    ]
    ingest_articles(items, db=db, workers=1)
    db.conn.close()
    return str(path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    path = build_db(tmp_path_factory.mktemp("api") / "api.db", ARTICLES)
    with start_background(path, token=TOKEN) as handle:
        yield handle


@pytest.fixture(scope="module")
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as c:
        yield c


@pytest.fixture(scope="module")
def read_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = build_db(tmp_path_factory.mktemp("ro") / "ro.db", ARTICLES[:1])
    with (
        start_background(path) as handle,
        httpx.Client(base_url=handle.url, timeout=10) as c,
    ):
        yield c


def _control(client: httpx.Client, date: str, **params: str) -> dict[tuple[str, str], Any]:
    r = client.get("/api/control", params={"date": date, **params})
    assert r.status_code == 200, r.text
    return {(f["properties"]["admin1"], f["properties"]["admin2"]): f for f in r.json()["features"]}


# --- reads ------------------------------------------------------------------------------


def test_meta_gives_the_period_and_read_only_flag(client: httpx.Client) -> None:
    meta = client.get("/api/meta").json()
    assert meta["period"] == {"start": "2021-05-01", "end": "2021-09-10"}
    assert meta["countings"] == ["confirmed", "reported", "all"]
    assert meta["read_only"] is False


def test_events_are_paginated_and_filtered(client: httpx.Client) -> None:
    page = client.get("/api/events").json()
    assert page["total"] >= 3 and len(page["items"]) == page["total"]
    dates = [e["event_date"] for e in page["items"]]
    assert dates == sorted(dates)
    one = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert one["limit"] == 1 and one["offset"] == 1 and len(one["items"]) == 1
    assert one["items"][0]["event_id"] == page["items"][1]["event_id"]
    desc = client.get("/api/events", params={"order": "desc", "limit": 2}).json()
    assert [e["event_id"] for e in desc["items"]] == [
        e["event_id"] for e in reversed(page["items"][-2:])
    ]
    kunduz = client.get("/api/events", params={"admin1": "Kunduz"}).json()
    assert kunduz["total"] >= 2 and all(e["admin1"] == "Kunduz" for e in kunduz["items"])
    taken = client.get(
        "/api/events", params={"sub_event_type": "Non-state actor overtakes territory"}
    ).json()
    assert {e["admin2"] for e in taken["items"]} >= {"Kunduz", "Khanabad"}
    clash = client.get("/api/events", params={"sub_event_type": "Armed clash"}).json()
    assert {e["admin1"] for e in clash["items"]} == {"Helmand"}
    window = client.get("/api/events", params={"since": "2021-08-05", "until": "2021-08-31"})
    assert {e["admin2"] for e in window.json()["items"]} == {"Kunduz"}
    reported = client.get("/api/events", params={"claim_status": "reported"}).json()
    assert all(e["claim_status"] == "reported" for e in reported["items"])


def test_bbox_keeps_only_events_inside(client: httpx.Client) -> None:
    north = client.get("/api/events", params={"bbox": "68.0,36.0,70.5,37.5"}).json()
    assert north["total"] >= 2 and {e["admin1"] for e in north["items"]} == {"Kunduz"}
    south = client.get("/api/events", params={"bbox": "63.0,30.5,65.5,32.5"}).json()
    assert {e["admin1"] for e in south["items"]} == {"Helmand"}
    empty = client.get("/api/events", params={"bbox": "10,10,11,11"}).json()
    assert empty == {"total": 0, "limit": 100, "offset": 0, "order": "asc", "items": []}


def test_event_has_reports_evidence_sources_and_article_link(client: httpx.Client) -> None:
    [ev] = client.get("/api/events", params={"admin2": "Kunduz"}).json()["items"]
    full = client.get(f"/api/events/{ev['event_id']}").json()
    [report] = full["reports"]
    assert "captured Kunduz city" in report["evidence"]
    assert report["sources"][0]["name"] == "Amruddin Wali"
    assert report["article_link"] == "/api/articles/kunduz-falls"
    article = client.get(report["article_link"]).json()
    assert article["title"] == "Taliban take Kunduz city"
    assert article["reports"][0]["event_id"] == ev["event_id"]


def test_control_is_district_geojson_that_changes_with_the_date(client: httpx.Client) -> None:
    before = _control(client, "2021-06-01")
    after = _control(client, "2021-08-16")
    assert len(after) == 398
    kunduz = after[("Kunduz", "Kunduz")]
    assert kunduz["geometry"]["type"] in ("Polygon", "MultiPolygon")
    props = kunduz["properties"]
    assert props["controller"] == "Taliban" and props["display"] == "taliban"
    assert props["since"] == "2021-08-08" and props["event_ids"]
    assert props["capital"] is True
    assert before[("Kunduz", "Kunduz")]["properties"]["display"] == "government"
    body = client.get("/api/control", params={"date": "2021-08-16"}).json()
    assert body["type"] == "FeatureCollection" and body["date"] == "2021-08-16"
    assert sum(body["counts"].values()) == 398
    bare = client.get("/api/control", params={"date": "2021-08-16", "geometry": "false"}).json()
    assert all(f["geometry"] is None for f in bare["features"])


def test_control_counting_confirmed_leaves_reported_falls_out(client: httpx.Client) -> None:
    confirmed = _control(client, "2021-08-16", counting="confirmed")
    assert confirmed[("Kunduz", "Kunduz")]["properties"]["display"] == "government"


def test_history_has_each_state_with_its_evidence(client: httpx.Client) -> None:
    h = client.get("/api/control/Kunduz/history", params={"admin1": "Kunduz"}).json()
    assert (h["admin1"], h["admin2"]) == ("Kunduz", "Kunduz")
    assert [s["controller"] for s in h["states"]][-1] == "Taliban"
    last = h["states"][-1]
    assert "captured Kunduz city" in last["events"][0]["reports"][0]["evidence"]
    # Alias spelling and no province: the gazetteer resolves it.
    alias = client.get("/api/control/Khan%20Abad/history").json()
    assert alias["admin2"] == "Khanabad"


def test_routes_has_analysis_and_map_layers(client: httpx.Client) -> None:
    body = client.get("/api/routes", params={"date": "2021-08-16", "counting": "all"}).json()
    assert body["analysis"]["date"] == "2021-08-16"
    assert body["roads"]["type"] == "FeatureCollection" and body["roads"]["features"]
    kinds = {f["properties"]["kind"] for f in body["points"]["features"]}
    assert kinds == {"capital", "crossing"}


def test_article_keeps_hostile_title_as_data(client: httpx.Client) -> None:
    article = client.get("/api/articles/hostile").json()
    assert article["title"] == HOSTILE_TITLE
    assert "<script>alert(1)</script>" in article["text"]


def test_page_docs_and_openapi_are_offline_and_locked_down(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "<script>" not in page.text  # no inline script: the CSP would block it anyway
    for name in ("app.js", "style.css", "docs.js", "icon.svg"):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200, name
        # No third-party resource anywhere: nothing to fetch from the network.
        assert "https://" not in asset.text and "http://" not in asset.text.replace(
            "http://www.w3.org/2000/svg", ""
        )
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/control", "/api/routes", "/api/articles"} <= set(spec["paths"])
    assert client.get("/static/nothing.js").status_code == 404


# --- errors -----------------------------------------------------------------------------

BAD_REQUESTS = [
    ("/api/control?date=2021-02-30", 400, "2021-02-30"),
    ("/api/control?date=yesterday", 400, "YYYY-MM-DD"),
    ("/api/control?counting=some", 400, "confirmed"),
    ("/api/control?geometry=maybe", 400, "geometry"),
    ("/api/routes?date=2021-13-01", 400, "2021-13-01"),
    ("/api/routes?counting=x", 400, "counting"),
    ("/api/events?bbox=1,2,3", 400, "minlon"),
    ("/api/events?bbox=70,40,60,30", 400, "bbox"),
    ("/api/events?bbox=a,b,c,d", 400, "bbox"),
    ("/api/events?bbox=nan,0,1,1", 400, "bbox"),
    ("/api/events?limit=5000", 400, "1000"),
    ("/api/events?limit=0", 400, "limit"),
    ("/api/events?limit=-1", 400, "limit"),
    ("/api/events?offset=-5", 400, "offset"),
    ("/api/events?since=2021-09-01&until=2021-05-01", 400, "since"),
    ("/api/events?sub_event_type=Skirmish", 400, "sub-event"),
    ("/api/events?claim_status=rumoured", 400, "claim_status"),
    ("/api/events?order=sideways", 400, "order"),
    ("/api/events/EV-nope", 404, "EV-nope"),
    ("/api/articles/nope", 404, "nope"),
    ("/api/control/Atlantis/history", 404, "Atlantis"),
    ("/api/control/Kunduz/history?counting=x", 400, "counting"),
    ("/api/nothing", 404, "/docs"),
]


@pytest.mark.parametrize(("url", "status", "mentions"), BAD_REQUESTS)
def test_bad_parameters_get_a_clear_4xx(
    client: httpx.Client, url: str, status: int, mentions: str
) -> None:
    r = client.get(url)
    assert r.status_code == status, r.text
    body = r.json()
    assert mentions.lower() in body["error"].lower() and body["type"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(
        ["date", "counting", "since", "until", "bbox", "limit", "offset", "admin1", "order"]
    ),
    value=st.text(min_size=1, max_size=40),
    path=st.sampled_from(["/api/events", "/api/control", "/api/routes"]),
)
def test_hostile_parameters_never_cause_a_server_error(
    client: httpx.Client, name: str, value: str, path: str
) -> None:
    r = client.get(path, params={name: value})
    assert r.status_code < 500, (name, value, r.text)
    if r.status_code >= 400:
        assert r.json()["error"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=-179, max_value=179, allow_nan=False), min_size=4, max_size=4))
def test_bbox_parse_round_trips(values: list[float]) -> None:
    lo_lon, hi_lon = sorted(values[:2])
    lo_lat, hi_lat = sorted(v / 2 for v in values[2:])
    text = ",".join(repr(v) for v in (lo_lon, lo_lat, hi_lon, hi_lat))
    assert _data.parse_bbox(text) == (lo_lon, lo_lat, hi_lon, hi_lat)


# --- writes -----------------------------------------------------------------------------


def test_post_is_forbidden_without_a_configured_token(read_only: httpx.Client) -> None:
    r = read_only.post("/api/articles", json={"text": NEW_ARTICLE})
    assert r.status_code == 403
    assert "read-only" in r.json()["error"]
    assert read_only.get("/api/meta").json()["read_only"] is True


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic " + TOKEN, TOKEN])
def test_post_needs_the_right_bearer_token(client: httpx.Client, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    r = client.post("/api/articles", json={"text": NEW_ARTICLE}, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"title": "no text"}, "text"),
        ({"text": "   "}, "text"),
        ({"text": NEW_ARTICLE, "published": "2021-02-30"}, "2021-02-30"),
        ({"text": NEW_ARTICLE, "colour": "red"}, "colour"),
        ({"text": NEW_ARTICLE, "url": "javascript:alert(1)"}, "url"),
        ({"text": 5}, "text"),
        (["not", "an", "object"], "object"),
    ],
)
def test_post_rejects_bad_bodies(client: httpx.Client, body: Any, mentions: str) -> None:
    r = client.post(
        "/api/articles", content=json.dumps(body), headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert r.status_code == 400, r.text
    assert mentions in r.json()["error"]


def test_post_refuses_binary_text(writable: httpx.Client) -> None:
    r = writable.post(
        "/api/articles",
        json={"text": "\x00\x01\x02" * 50},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 422 and "control characters" in r.json()["error"]


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[httpx.Client]:
    """A server of its own, so that what a test writes is not seen by the others."""
    path = build_db(tmp_path / "w.db", ARTICLES)
    with (
        start_background(path, token=TOKEN) as handle,
        httpx.Client(base_url=handle.url, timeout=10) as c,
    ):
        yield c


def test_post_updates_the_map_within_a_second(writable: httpx.Client) -> None:
    client = writable
    before = _control(client, "2021-08-16")[("Baghlan", "Pul-e Khumri")]["properties"]
    assert before["display"] == "government"
    started = time.perf_counter()
    r = client.post(
        "/api/articles",
        json={"id": "pul-e-khumri", "text": NEW_ARTICLE, "published": "2021-08-10"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 201, r.text
    after = _control(client, "2021-08-16")[("Baghlan", "Pul-e Khumri")]["properties"]
    elapsed = time.perf_counter() - started
    assert after["display"] == "taliban" and after["since"] == "2021-08-10"
    assert elapsed < 1.0
    body = r.json()
    assert body["article_id"] == "pul-e-khumri" and body["duplicate"] is False
    assert {"admin1": "Baghlan", "admin2": "Pul-e Khumri"} in body["districts"]
    assert set(after["event_ids"]) <= set(body["events"])
    again = client.post(
        "/api/articles", json={"text": NEW_ARTICLE}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert again.status_code == 201 and again.json()["duplicate"] is True


# --- the reference article --------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    if not SAMPLE.is_file():
        pytest.skip(f"reference article not found at {SAMPLE} (../shared is absent)")
    text = SAMPLE.read_text(encoding="utf-8")
    path = build_db(
        tmp_path_factory.mktemp("ref") / "ref.db",
        [("imam-sahib-2021-06-21", "2021-06-21", "Reference article", text)],
    )
    with start_background(path) as handle, httpx.Client(base_url=handle.url, timeout=10) as c:
        yield c


def test_reference_article_imam_sahib_history(reference: httpx.Client) -> None:
    h = reference.get("/api/control/Imam Sahib/history", params={"admin1": "Kunduz"}).json()
    taken = [s for s in h["states"] if s["controller"] == "Taliban"]
    assert taken and taken[0]["since"] == "2021-06-21"
    reports = [r for e in taken[0]["events"] for r in e["reports"]]
    assert any("Imam Sahib" in r["evidence"] for r in reports)
    names = {s["name"] for r in reports for s in r["sources"]}
    assert "Zabihullah Mujahed" in names and len(names) >= 2
    control = _control(reference, "2021-06-22")
    assert control[("Kunduz", "Imam Sahib")]["properties"]["controller"] == "Taliban"
    # The dateline is Kabul: the capture must not be placed there.
    assert control[("Kabul", "Kabul")]["properties"]["display"] == "government"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.text(min_size=1, max_size=300),
    template=st.sampled_from(
        ["/api/events/{}", "/api/articles/{}", "/api/control/{}/history", "/static/{}"]
    ),
)
def test_hostile_path_segments_never_cause_a_server_error(
    client: httpx.Client, value: str, template: str
) -> None:
    from urllib.parse import quote

    r = client.get(template.format(quote(value, safe="")))
    assert r.status_code < 500, (template, value, r.text)
