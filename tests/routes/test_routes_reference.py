"""End to end: the reference article ingested, then routes at 2021-06-21 by counting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from frontlines.routes import analyse

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO.parent / "shared" / "samples" / "imam-sahib-2021-06-21.txt"
NORTH = ("Kunduz", "Taloqan", "Faizabad", "Pul-e Khumri")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not ARTICLE.is_file():
        pytest.skip(f"reference article not found at {ARTICLE} (../shared is absent)")
    try:
        from frontlines.ingest import read_inputs  # noqa: F401
        from frontlines.store import ingest, open_db
    except ImportError as exc:
        pytest.skip(f"ingest/store stages not available yet: {exc}")
    database = open_db(str(tmp_path_factory.mktemp("ref") / "ref.db"))
    summary = ingest([str(ARTICLE)], db=database, published=dt.date(2021, 6, 21))
    if summary.failed:
        # A crash in another stage is that stage's failing test, not this one's.
        pytest.skip(f"ingest of the reference article failed upstream: {summary.failures}")
    return database


def test_counting_all_cuts_the_north_at_doshi(db: Any) -> None:
    result = analyse(db, "2021-06-21", counting="all")
    for name in NORTH:
        d = result.destination(name)
        assert not d.reachable or d.detour >= 3.0, d
        assert ("Baghlan", "Doshi") in d.cut_by


def test_counting_confirmed_cuts_only_the_sher_khan_bandar_road(db: Any) -> None:
    result = analyse(db, "2021-06-21", counting="confirmed")
    for name in NORTH:
        assert result.destination(name).detour == 1.0
    assert sorted(result.cut_ids) == ["kunduz--sher-khan-bandar"]


@pytest.mark.parametrize("counting", ["all", "confirmed"])
def test_sher_khan_bandar_is_held_by_the_taliban_from_the_imam_sahib_event(
    db: Any, counting: str
) -> None:
    result = analyse(db, "2021-06-21", counting=counting)
    skb = next(c for c in result.crossings if c.name == "Sher Khan Bandar")
    assert skb.holder == "Taliban" and skb.since == "2021-06-21" and skb.event_ids
