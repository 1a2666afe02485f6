"""The per-article time budget (issue 12): a slow article is abandoned with a
reason naming it and its stage, counted as failed, and the batch goes on.

The slow input is real: a megabyte of unpunctuated prose, which extraction
handles in linear time but in far more than the tiny budget these tests set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from frontlines import settings
from frontlines.api.server import start_background
from frontlines.budget import time_budget
from frontlines.errors import TimeBudgetExceeded
from frontlines.extract.pipeline import extract_article
from frontlines.ingest import read_text
from frontlines.store import ingest_articles, open_db

SHORT = "Taliban fighters captured Imam Sahib district in Kunduz province on Monday, police said."
SLOW = "the Taliban captured the district of Imam Sahib " * 22_000  # ~1 MB, one sentence
TOKEN = "budget-token-31c7"


def _article(text: str, article_id: str) -> object:
    return read_text(text, article_id=article_id, published=dt.date(2021, 6, 21))


def test_a_slow_article_is_abandoned_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [
        _article(SHORT, "first"),
        _article(SLOW, "slow"),
        _article("Afghan forces retook Imam Sahib district on Tuesday.", "third"),
    ]
    extract_article(articles[0])  # type: ignore[arg-type]  # load the data outside the budget
    monkeypatch.setattr(settings, "ARTICLE_TIME_BUDGET_SECONDS", 0.3)
    db = open_db(tmp_path / "b.db")
    started = time.monotonic()
    summary = ingest_articles(articles, db=db, workers=1)  # type: ignore[arg-type]
    assert time.monotonic() - started < 30  # the slow one alone takes far longer than this
    assert summary.failed == 1
    failure = summary.failures[0]
    assert failure.source == "slow"
    assert "abandoned after 0.3 s in extraction (at " in failure.reason
    assert "ARTICLE_TIME_BUDGET_SECONDS" in failure.reason
    stored = {r[0] for r in db.execute("SELECT article_id FROM articles")}
    assert stored == {"first", "third"}


def test_cleaning_has_the_budget_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "ARTICLE_TIME_BUDGET_SECONDS", 0.001)
    with pytest.raises(TimeBudgetExceeded) as info:
        _article("Kabul, June 21 (Reuters) - \n" * 150_000, "long-clean")
    assert info.value.source == "long-clean"
    assert "in cleaning (at clean." in info.value.reason


def test_the_budget_interrupts_a_running_regular_expression() -> None:
    import re

    catastrophic = re.compile(r"^(?:\d{1,6}[ ]*)+$")  # exponential on digits then a letter
    started = time.monotonic()
    with pytest.raises(TimeBudgetExceeded) as info, time_budget("regex", "matching", 0.2):
        catastrophic.match("1" * 40 + "x")
    assert time.monotonic() - started < 5
    assert "abandoned after 0.2 s in matching" in str(info.value)


def test_the_cli_reports_the_slow_article_and_keeps_the_others(tmp_path: Path) -> None:
    (tmp_path / "a-short.txt").write_text(SHORT)
    (tmp_path / "b-slow.txt").write_text(SLOW)
    (tmp_path / "c-short.txt").write_text("Afghan forces retook Imam Sahib district on Tuesday.")
    env = {**os.environ, "FRONTLINES_ARTICLE_SECONDS": "2"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "frontlines"), "extract", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        input="",
    )
    assert result.returncode == 2, result.stderr
    assert "b-slow.txt: abandoned after 2 s in extraction" in result.stderr
    ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert any("a-short" in i for i in ids) and any("c-short" in i for i in ids)


def test_the_api_abandons_a_slow_post_and_keeps_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "api.db"
    open_db(path).conn.close()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with (
        start_background(str(path), token=TOKEN) as handle,
        httpx.Client(base_url=handle.url, timeout=60) as client,
    ):
        monkeypatch.setattr(settings, "ARTICLE_TIME_BUDGET_SECONDS", 0.5)
        slow = client.post("/api/articles", json={"id": "slow-one", "text": SLOW}, headers=auth)
        assert slow.status_code == 422, slow.text
        assert slow.json()["type"] == "TimeBudgetExceeded"
        assert "slow-one" in slow.json()["error"]
        assert "abandoned after 0.5 s in" in slow.json()["error"]
        assert client.get("/api/meta").status_code == 200
        ok = client.post(
            "/api/articles",
            json={"id": "short-one", "text": SHORT, "published": "2021-06-21"},
            headers=auth,
        )
        assert ok.status_code == 201, ok.text
        assert ok.json()["article_id"] == "short-one"
