"""``frontlines serve``: prints its URL, serves read-only by default, POST with --token-env,
and refuses a missing database or a taken port in one line."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from frontlines.ingest import read_text
from frontlines.store import ingest_articles, open_db

#: The console script installed beside this interpreter (pip install -e .).
SCRIPT = Path(sys.executable).with_name("frontlines")
FRONTLINES = [str(SCRIPT)]
TEXT = (
    "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
    "after days of fighting, provincial council member Amruddin Wali said."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "cli.db"
    db = open_db(path)
    article = read_text(TEXT, article_id="kunduz", published=dt.date(2021, 8, 9))
    ingest_articles([article], db=db, workers=1)
    db.conn.close()
    return str(path)


def _serve(args: list[str], env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen(
        [*FRONTLINES, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **env},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("Serving Frontlines at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].strip()
        deadline = time.monotonic() + 15
        while True:
            try:
                httpx.get(url + "api/meta", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        yield proc, url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(autouse=True)
def _entry_point() -> None:
    if not SCRIPT.is_file():
        pytest.skip(f"no frontlines console script at {SCRIPT}: run pip install -e .")


def test_serve_prints_url_and_is_read_only_without_token(db_path: str) -> None:
    port = _free_port()
    env = {"FRONTLINES_API_TOKEN": ""}
    for _proc, url in _serve(["--db", db_path, "--port", str(port)], env):
        assert url == f"http://127.0.0.1:{port}/"
        assert httpx.get(url + "api/meta").json()["read_only"] is True
        assert httpx.post(url + "api/articles", json={"text": TEXT}).status_code == 403
        control = httpx.get(url + "api/control", params={"date": "2021-08-16"}).json()
        assert control["counts"].get("taliban", 0) >= 1


def test_serve_accepts_posts_with_the_token_from_the_named_variable(db_path: str) -> None:
    port = _free_port()
    env = {"MY_TOKEN": "tok-123", "FRONTLINES_API_TOKEN": "other"}
    args = ["--db", db_path, "--port", str(port), "--token-env", "MY_TOKEN"]
    for _proc, url in _serve(args, env):
        other = httpx.post(
            url + "api/articles", json={"text": TEXT}, headers={"Authorization": "Bearer other"}
        )
        assert other.status_code == 401
        ok = httpx.post(
            url + "api/articles", json={"text": TEXT}, headers={"Authorization": "Bearer tok-123"}
        )
        assert ok.status_code == 201 and ok.json()["duplicate"] is True


def test_serve_refuses_missing_database_and_taken_port(db_path: str, tmp_path: Path) -> None:
    missing = subprocess.run(
        [*FRONTLINES, "serve", "--db", str(tmp_path / "none.db"), "--port", str(_free_port())],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert missing.returncode == 3
    assert missing.stderr.strip().startswith("frontlines: error: no database at")
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        taken = subprocess.run(
            [*FRONTLINES, "serve", "--db", db_path, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert taken.returncode == 3
    assert f"cannot listen on 127.0.0.1:{port}" in taken.stderr
    assert len(taken.stderr.strip().splitlines()) == 1
