"""The demo corpus end to end: each crossing's holder and date against the public record.

The record (see ``demo/SOURCES.md``): Sher Khan Bandar taken 22 Jun (Imam Sahib
21 Jun); Islam Qala and Torghundi 9 Jul; Spin Boldak 14 Jul (disputed); Zaranj
6 Aug; Hairatan with Mazar-e-Sharif 14 Aug (the port held out when Kaldar fell);
Torkham with Jalalabad 15 Aug.  Dates match within a day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from frontlines.routes import analyse

CORPUS = Path(__file__).resolve().parents[2] / "src" / "frontlines" / "demo" / "corpus"
TAL, GOV = "Taliban", "Government of Afghanistan"

#: Known disagreements with the record, each making its case an expected failure.
UPSTREAM: dict[str, str] = {}

CASES = [
    ("2021-08-31", "Sher Khan Bandar", TAL, "2021-06-22"),
    ("2021-07-12", "Islam Qala", TAL, "2021-07-09"),
    ("2021-07-12", "Torghundi", TAL, "2021-07-09"),
    ("2021-07-16", "Spin Boldak", TAL, "2021-07-14"),
    ("2021-08-31", "Zaranj-Milak", TAL, "2021-08-06"),
    # No evidence before the capital fell: unknown (the government on the record).
    ("2021-07-12", "Hairatan", None, None),
    ("2021-08-31", "Hairatan", TAL, "2021-08-14"),
    ("2021-07-12", "Torkham", None, None),
    ("2021-08-31", "Torkham", TAL, "2021-08-15"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not CORPUS.is_dir():
        pytest.skip(f"demo corpus not found at {CORPUS}")
    try:
        from frontlines.store import ingest, open_db
    except ImportError as exc:
        pytest.skip(f"store stage not available yet: {exc}")
    database = open_db(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    summary = ingest([str(CORPUS)], db=database)
    if summary.failed:
        pytest.skip(f"demo corpus ingest failed upstream: {summary.failures[:3]}")
    return database


def _case(day: str, name: str, holder: str | None, since: str | None) -> Any:
    marks = []
    if name in UPSTREAM:
        marks.append(pytest.mark.xfail(reason=UPSTREAM[name], strict=True))
    return pytest.param(day, name, holder, since, id=f"{name}@{day}", marks=marks)


@pytest.mark.parametrize(("day", "name", "holder", "since"), [_case(*c) for c in CASES])
def test_crossing_holder_matches_the_record(
    db: Any, day: str, name: str, holder: str | None, since: str | None
) -> None:
    result = analyse(db, day, counting="all")
    got = next(c for c in result.crossings if c.name == name)
    assert got.holder == holder, got
    if since is not None:
        assert got.since is not None, got
        gap = abs(dt.date.fromisoformat(got.since) - dt.date.fromisoformat(since))
        assert gap <= dt.timedelta(days=1), got
