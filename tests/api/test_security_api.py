"""Hostile requests against a real server: each gets a 4xx JSON answer, never a 500,
and a POST body is never read past the size limit."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.api import _data
from frontlines.api.app import _MAX_BODY_BYTES, create_app
from frontlines.api.server import start_background
from frontlines.errors import InvalidParameter
from frontlines.ingest import read_text
from frontlines.store import ingest_articles, open_db

TOKEN = "security-token-9a2e"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
TEXT = (
    "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
    "after days of fighting, provincial council member Amruddin Wali said."
)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("security") / "s.db"
    db = open_db(path)
    article = read_text(TEXT, article_id="kunduz", published=dt.date(2021, 8, 9))
    ingest_articles([article], db=db, workers=1)
    db.conn.close()
    return str(path)


@pytest.fixture(scope="module")
def client(db_path: str) -> Iterator[httpx.Client]:
    with (
        start_background(db_path, token=TOKEN) as handle,
        httpx.Client(base_url=handle.url, timeout=30) as c,
    ):
        yield c


def test_a_chunked_body_is_not_read_past_the_limit(db_path: str) -> None:
    """No Content-Length (a chunked body): the app stops reading at the limit."""
    app = create_app(db_path, token=TOKEN)
    block = b"a" * (1 << 20)
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += len(block)
        return {"type": "http.request", "body": block, "more_body": pulled < 1 << 30}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/articles",
        "raw_path": b"/api/articles",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"test"),
            (b"authorization", f"Bearer {TOKEN}".encode()),
            (b"transfer-encoding", b"chunked"),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert b"InputTooLarge" in b"".join(m.get("body", b"") for m in sent[1:])
    assert pulled <= _MAX_BODY_BYTES + 2 * len(block)


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,  # nesting deeper than the JSON parser's recursion limit
        b'{"text": ' + b"[" * 100_000,
        b'{"text": "\xff\xfe"}',  # not UTF-8
    ],
)
def test_unparsable_bodies_get_a_400(client: httpx.Client, raw: bytes) -> None:
    r = client.post("/api/articles", content=raw, headers=AUTH)
    assert r.status_code == 400, r.text
    assert "JSON" in r.json()["error"]


def test_a_lone_surrogate_in_the_text_is_stored_replaced(client: httpx.Client) -> None:
    raw = ('{"text": "\\ud800 ' + TEXT.replace("Sunday", "Monday") + '"}').encode()
    r = client.post("/api/articles", content=raw, headers=AUTH)
    assert r.status_code == 201, r.text
    article = client.get(r.json()["link"]).json()
    assert article["text"].startswith("\ufffd")


@pytest.mark.parametrize("field", ["url", "outlet"])
def test_a_lone_surrogate_in_metadata_gets_a_400(client: httpx.Client, field: str) -> None:
    value = "https://x/\\ud800" if field == "url" else "\\ud800"
    raw = ('{"text": "' + TEXT + '", "' + field + '": "' + value + '"}').encode()
    r = client.post("/api/articles", content=raw, headers=AUTH)
    assert r.status_code == 400, r.text
    assert field in r.json()["error"]


def test_parse_new_article_refuses_surrogates_in_metadata() -> None:
    with pytest.raises(InvalidParameter, match="outlet"):
        _data.parse_new_article({"text": TEXT, "outlet": "\udc80"})


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e",
        "/static/..%5Capp.js",
        "/static/%2e%2e%2fapi%2fapp.py",
        "/static/.%2Fapp.js",
    ],
)
def test_static_files_cannot_be_left(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404, r.text
    assert r.json()["error"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.sampled_from(
        [
            ("/api/events", "admin2"),
            ("/api/events", "sub_event_type"),
            ("/api/events", "claim_status"),
            ("/api/control", "geometry"),
            ("/api/routes", "hub"),
            ("/api/control/Kunduz/history", "admin1"),
        ]
    ),
    value=st.text(min_size=1, max_size=300),
)
def test_hostile_values_of_other_parameters_get_no_500(
    client: httpx.Client, query: tuple[str, str], value: str
) -> None:
    path, name = query
    r = client.get(path, params={name: value})
    assert r.status_code < 500, (name, value, r.text)
    if r.status_code >= 400:
        assert r.json()["error"]
