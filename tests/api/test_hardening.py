"""API hardening (issue 12), each against a real server on loopback: the Host header
check (DNS rebinding), HEAD wherever GET is, the write rate limit, the bound on
expensive reads, the response cache (invalidated by writes from any process, gzip
done once), and the protections that already held (tokens compared in constant
time, SQL and path payloads, oversized bodies) kept under test."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from frontlines import settings
from frontlines.api import app as app_module
from frontlines.api.guard import allowed_hosts, host_name
from frontlines.api.server import ServerHandle, start_background
from frontlines.ingest import read_text
from frontlines.store import ingest_articles, open_db

TOKEN = "hardening-token-7d01"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
KUNDUZ = (
    "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
    "after days of fighting, provincial council member Amruddin Wali said."
)
KHANABAD = (
    "Taliban fighters captured Khan Abad district of Kunduz province on Saturday, a police "
    "spokesman said."
)


def _db(path: Path) -> str:
    db = open_db(path)
    article = read_text(KUNDUZ, article_id="kunduz", published=dt.date(2021, 8, 9))
    ingest_articles([article], db=db, workers=1)
    db.conn.close()
    return str(path)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    path = _db(tmp_path_factory.mktemp("hardening") / "h.db")
    with start_background(path, token=TOKEN) as handle:
        yield handle


@pytest.fixture(scope="module")
def client(served: ServerHandle) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=30) as c:
        yield c


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.2", "[::2]:1"])
def test_a_foreign_host_header_is_refused(client: httpx.Client, host: str) -> None:
    for path in ("/", "/api/meta", "/api/control"):
        r = client.get(path, headers={"Host": host})
        assert r.status_code == 421, (path, r.status_code)
        assert r.json()["type"] == "MisdirectedRequest"
        assert "DNS rebinding" in r.json()["error"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_loopback_names_are_answered(client: httpx.Client, served: ServerHandle, host: str) -> None:
    r = client.get("/api/meta", headers={"Host": f"{host}:{served.port}"})
    assert r.status_code == 200


def test_allowed_hosts_follow_the_bind_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.API_ALLOWED_HOSTS_ENV_VAR, raising=False)
    assert allowed_hosts("0.0.0.0") is None  # all interfaces: its names are unknown
    assert allowed_hosts("frontlines.example") == frozenset({"frontlines.example"})
    assert "localhost" in (allowed_hosts("127.0.0.1") or ())
    monkeypatch.setenv(settings.API_ALLOWED_HOSTS_ENV_VAR, "map.example, other.example")
    assert allowed_hosts("0.0.0.0") == frozenset({"map.example", "other.example"})
    monkeypatch.setenv(settings.API_ALLOWED_HOSTS_ENV_VAR, "*")
    assert allowed_hosts("127.0.0.1") is None
    assert host_name("[::1]:8000") == "::1" and host_name("Example.org:80") == "example.org"


@pytest.mark.parametrize(
    "path", ["/", "/docs", "/static/app.js", "/api/meta", "/api/control?date=2021-08-16"]
)
def test_head_is_answered_where_get_is(client: httpx.Client, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]


def test_head_is_refused_where_get_is_not(client: httpx.Client) -> None:
    assert client.head("/api/articles").status_code == 405


def test_writes_are_rate_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "API_WRITE_BURST", 3)
    monkeypatch.setattr(settings, "API_WRITES_PER_SECOND", 0.2)
    path = _db(tmp_path / "rate.db")
    with (
        start_background(path, token=TOKEN) as handle,
        httpx.Client(base_url=handle.url, timeout=60) as c,
    ):
        codes = [
            c.post("/api/articles", json={"text": f"{KHANABAD} Copy {i}."}, headers=AUTH)
            for i in range(5)
        ]
        assert [r.status_code for r in codes[:3]] == [201, 201, 201]
        limited = codes[3]
        assert limited.status_code == 429
        assert limited.json()["type"] == "TooManyRequests"
        assert int(limited.headers["retry-after"]) >= 1
        # A wrong token is refused before it can spend anyone's allowance.
        assert c.post("/api/articles", json={"text": "x"}).status_code == 401
        assert c.get("/api/meta").status_code == 200  # reads are not limited


def test_expensive_reads_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "API_MAX_EXPENSIVE_READS", 1)
    monkeypatch.setattr(settings, "API_BUSY_WAIT_SECONDS", 0.02)
    path = _db(tmp_path / "bound.db")
    with start_background(path) as handle:

        async def crowd() -> list[httpx.Response]:
            async with httpx.AsyncClient(base_url=handle.url, timeout=60) as c:
                days = [f"2021-07-{d:02d}" for d in range(1, 31)]
                return await asyncio.gather(
                    *(c.get(f"/api/routes?date={d}&counting=all") for d in days)
                )

        answers = asyncio.run(crowd())
    codes = {r.status_code for r in answers}
    assert codes <= {200, 503}, codes
    busy = [r for r in answers if r.status_code == 503]
    assert busy, "thirty different routes at once never queued past the bound"
    assert busy[0].json()["type"] == "ServerBusy" and busy[0].headers["retry-after"]
    assert any(r.status_code == 200 for r in answers)


def test_reads_follow_writes_from_another_process(tmp_path: Path) -> None:
    path = _db(tmp_path / "fresh.db")
    with (
        start_background(path) as handle,
        httpx.Client(base_url=handle.url, timeout=30) as c,
    ):
        url = "/api/control?date=2021-08-16&counting=all&geometry=false"
        before = {f["id"]: f["properties"]["display"] for f in c.get(url).json()["features"]}
        assert before["Kunduz/Khanabad"] != "taliban"
        assert c.get(url).json() == c.get(url).json()  # served again from the cache
        # Another connection writes, as an ingest in another process would.
        db = open_db(path)
        article = read_text(KHANABAD, article_id="khanabad", published=dt.date(2021, 8, 1))
        ingest_articles([article], db=db, workers=1)
        db.conn.close()
        after = {f["id"]: f["properties"]["display"] for f in c.get(url).json()["features"]}
        assert after["Kunduz/Khanabad"] == "taliban"


def test_large_bodies_are_gzipped_and_equal_the_plain_ones(client: httpx.Client) -> None:
    url = "/api/control?date=2021-08-16&counting=all"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert plain.headers.get("content-encoding") is None
    for _ in range(2):  # computed once, then from the cache: both compressed the same
        with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as r:
            assert r.headers["content-encoding"] == "gzip"
            raw = b"".join(r.iter_raw())
        assert len(raw) < len(plain.content) / 2
        assert json.loads(gzip.decompress(raw)) == json.loads(plain.content)


# --- what already held, kept under test ----------------------------------------------


def test_tokens_are_compared_in_constant_time() -> None:
    source = Path(app_module.__file__).read_text()
    assert "hmac.compare_digest(" in source
    assert "credential.strip().encode() == token" not in source


@pytest.mark.parametrize(
    "payload",
    [
        "' OR 1=1 --",
        "Kunduz'; DROP TABLE events; --",
        '" UNION SELECT sql FROM sqlite_master --',
        "%' AND 1=1 AND '%'='",
    ],
)
def test_sql_payloads_in_parameters_change_nothing(client: httpx.Client, payload: str) -> None:
    before = client.get("/api/events?limit=1000").json()
    for path, params in (
        ("/api/events", {"admin1": payload}),
        ("/api/events", {"admin2": payload, "claim_status": "reported"}),
        ("/api/control/" + payload + "/history", {"admin1": payload}),
        ("/api/events/" + payload, {}),
        ("/api/articles/" + payload, {}),
    ):
        r = client.get(path, params=params)
        assert r.status_code in (200, 400, 404), (path, r.status_code)
        if path == "/api/events":
            assert r.json()["items"] == []
    assert client.get("/api/events?limit=1000").json() == before


@pytest.mark.parametrize(
    "path", ["/static/../app.py", "/static/%2e%2e%2fapp.py", "/static/..%2f..%2fetc%2fpasswd"]
)
def test_path_traversal_gets_nothing(client: httpx.Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert b"import" not in r.content and b"root:" not in r.content


def test_an_oversized_body_is_refused_before_it_is_read(served: ServerHandle) -> None:
    import socket

    with socket.create_connection((served.host, served.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + TOKEN.encode()
            + b"\r\nContent-Type: application/json\r\nContent-Length: "
            + str(10 * settings.MAX_INPUT_BYTES).encode()
            + b"\r\n\r\n{"
        )
        answer = sock.recv(4096)  # answered although the body never comes
    assert answer.startswith(b"HTTP/1.1 413")
