"""Re-fusing a place near a date reads the reports it did before, through indexes.

``_place_rows`` finds a place's reports by the generated ``place`` and ``day``
columns (schema v3) instead of admin1/admin2 with an OR and a date expression that
no index could serve.  These tests hold it to the reports the earlier query chose, for
every kind of place (district, province-level, no province) and time precision, to the
events a full re-fusion makes, and to plans that search indexes instead of a place's
every report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from frontlines import settings, taxonomy
from frontlines.fuse import _place_rows, _place_value, all_places, fuse, list_events
from frontlines.fuse.merge import PlaceKey
from frontlines.records import Article, Report, Source
from frontlines.store import ingest_articles, open_db, report_to_row
from frontlines.store.schema import MIGRATIONS, user_version

START = dt.date(2021, 6, 1)
#: (admin1, admin2, geo_precision): districts, a province-level position in a district
#: (geo_precision 3), provinces alone, and no province at all.
PLACES = (
    ("Kunduz", "Imam Sahib", 1),
    ("Kunduz", "Imam Sahib", 2),
    ("Kunduz", "Dashte Archi", 1),
    ("Kunduz", "Dashte Archi", 3),
    ("Kunduz", None, 3),
    ("Kunduz", None, None),
    ("Baghlan", "Doshi", None),
    ("Baghlan", "Doshi", 3),
    ("Baghlan", None, 3),
    ("Takhar", "Taloqan", 1),
    ("Takhar's", "Taloqan's", 1),  # quotes in a name
    (None, None, 3),
    (None, "Loose", 2),
)
ACTIONS = (
    (taxonomy.NSA_OVERTAKES, "Taliban", "Military Forces of Afghanistan"),
    (taxonomy.GOV_REGAINS, "Military Forces of Afghanistan", "Taliban"),
    (taxonomy.ARMED_CLASH, "Taliban", "Military Forces of Afghanistan"),
)


def json_extract(article: Article) -> list[Report]:
    """The stand-in extractor: the article's first line is its report's fields, as JSON."""
    fields = json.loads(article.text.splitlines()[0])
    sub, actor1, actor2 = ACTIONS[fields.pop("action")]
    status = fields.pop("status")
    return [
        Report(
            event_id=f"FL-{article.article_id}-1",
            article_id=article.article_id,
            event_type=taxonomy.event_type_of(sub),
            sub_event_type=sub,
            evidence=f"{actor1} and {actor2}, {status} sources said.",
            actor1=actor1,
            actor2=actor2,
            location=fields.get("admin2") or fields.get("admin1"),
            sources=(Source(name=f"{status} sources"),),
            claim_status=status,
            extractor_version="json",
            published=article.published.isoformat() if article.published else None,
            outlet=article.outlet,
            **fields,
        )
    ]


def corpus(seed: int, n: int = 160) -> list[Article]:
    """``n`` articles over the PLACES and ten weeks; every time precision; a few undated."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        admin1, admin2, geo = rng.choice(PLACES)
        day = START + dt.timedelta(days=rng.randrange(70))
        precision = rng.choice((1, 1, 1, 2, 3, None))
        fields = {
            "action": rng.randrange(len(ACTIONS)),
            "status": rng.choice(("confirmed", "reported", "claimed", "unverified")),
            "country": "Afghanistan",
            "admin1": admin1,
            "admin2": admin2,
            "geo_precision": geo,
            "event_date": None if rng.random() < 0.1 else day.isoformat(),
            "time_precision": precision,
        }
        published = None if rng.random() < 0.05 else day + dt.timedelta(days=rng.randrange(3))
        out.append(
            Article(
                article_id=f"a{i}",
                text=f"{json.dumps(fields)}\nStory {i}.",
                outlet=rng.choice(("Outlet A", "Outlet B", "Outlet C")),
                published=published,
                published_source="cli" if published else None,
            )
        )
    return out


def snapshot(db: Any) -> tuple[list[Any], list[Any]]:
    events = [dataclasses.astuple(e) for e in list_events(db)]
    links = list(db.execute("SELECT report_id, event_id, role FROM reports ORDER BY report_id"))
    return events, links


# The near query as it was before schema v3, kept verbatim as the reference.
def _old_where(key: PlaceKey) -> tuple[str, list[Any]]:
    country, admin1, admin2 = key
    if admin1 is None:
        return "r.admin1 IS NULL AND r.country IS ?", [country]
    if admin2 is None:
        return "r.admin1 = ? AND (r.admin2 IS NULL OR r.geo_precision = 3)", [admin1]
    return (
        "r.admin1 = ? AND r.admin2 = ? AND (r.geo_precision IS NULL OR r.geo_precision != 3)",
        [admin1, admin2],
    )


def old_place_rows(db: Any, key: PlaceKey, span: tuple[str, str] | None) -> list[str]:
    where, params = _old_where(key)
    select = "SELECT r.report_id FROM reports r JOIN articles a USING (article_id) "
    if span is None:
        return [r[0] for r in db.execute(f"{select} WHERE {where} ORDER BY r.rowid", params)]
    row = db.execute(
        f"SELECT max(coalesce(r.time_precision, 3)) FROM reports r WHERE {where}", params
    ).fetchone()
    slack = settings.TIME_PRECISION_SLACK_DAYS.get(int(row[0] or 3), 31)
    reach = dt.timedelta(days=2 * (settings.FUSE_DATE_WINDOW_DAYS + 2 * slack))
    lo = (dt.date.fromisoformat(span[0]) - reach).isoformat()
    hi = (dt.date.fromisoformat(span[1]) + reach).isoformat()
    day = "substr(coalesce(r.event_date, r.published), 1, 10)"
    near = (
        f"{select} WHERE {where} AND ({day} IS NULL OR {day} BETWEEN ? AND ? "
        f"OR r.event_id IN (SELECT r.event_id FROM reports r WHERE {where} "
        f"AND {day} BETWEEN ? AND ?)) ORDER BY r.rowid"
    )
    return [r[0] for r in db.execute(near, [*params, lo, hi, *params, lo, hi])]


@pytest.fixture
def ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(settings, "INGEST_BATCH_SIZE", 5)
    db = open_db(tmp_path / "t.db")
    ingest_articles(corpus(11), db=db, workers=1, extractor=json_extract)
    return db


def test_place_rows_are_the_reports_the_old_query_chose(ingested: Any) -> None:
    keys = all_places(ingested)
    kinds = {("country" if k[1] is None else "district" if k[2] else "province") for k in keys}
    assert kinds == {"country", "province", "district"}
    for key in keys:
        assert [r["report_id"] for r in _place_rows(ingested, key, None)] == old_place_rows(
            ingested, key, None
        )
        for lo in range(-10, 80, 9):
            for width in (0, 4, 20):
                span = (
                    (START + dt.timedelta(days=lo)).isoformat(),
                    (START + dt.timedelta(days=lo + width)).isoformat(),
                )
                new = [r["report_id"] for r in _place_rows(ingested, key, span)]
                assert new == old_place_rows(ingested, key, span), (key, span)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_fusion_makes_the_events_a_full_fusion_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    articles = corpus(seed, n=90)
    random.Random(seed).shuffle(articles)
    monkeypatch.setattr(settings, "INGEST_BATCH_SIZE", 3)
    db = open_db(tmp_path / "batches.db")
    ingest_articles(articles, db=db, workers=1, extractor=json_extract)
    incremental = snapshot(db)
    assert len(incremental[0]) > 10

    fuse(db)  # every place, from scratch
    assert snapshot(db) == incremental


def test_the_place_queries_search_indexes(ingested: Any) -> None:
    keys = all_places(ingested)
    statements: list[str] = []
    ingested.conn.set_trace_callback(statements.append)
    for key in keys:
        _place_rows(ingested, key, ("2021-06-10", "2021-06-12"))
    ingested.conn.set_trace_callback(None)
    reads = [s for s in statements if "FROM reports" in s]
    assert len(reads) == 2 * len(keys)  # the widest precision, then the near reports
    for sql in reads:
        plan = [row[3] for row in ingested.execute(f"EXPLAIN QUERY PLAN {sql}")]
        # No table or index read end to end: every step searches an index.
        assert not [s for s in plan if s.startswith("SCAN") and s != "SCAN CONSTANT ROW"], plan
        assert any("idx_reports_place_" in s for s in plan), plan


def test_a_version_2_database_gains_place_and_day_for_its_reports(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    old = Database(conn)
    for version in (1, 2):
        MIGRATIONS[version](old)
    conn.execute("PRAGMA user_version = 2")
    articles = corpus(5, n=40)
    reports = [r for a in articles for r in json_extract(a)]
    for a in articles:
        conn.execute(
            "INSERT INTO articles (article_id, content_hash, text, ingested_at, "
            "extractor_version, story_id, published) VALUES (?,?,?,?,?,?,?)",
            [
                a.article_id,
                a.article_id,
                a.text,
                "2021-01-01",
                "json",
                a.article_id,
                a.published.isoformat() if a.published else None,
            ],
        )
    for r in reports:
        # "excluded" and "scope" came with schema version 4.
        row = {k: v for k, v in report_to_row(r).items() if k not in ("excluded", "scope")}
        conn.execute(
            f"INSERT INTO reports ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    conn.close()

    db = open_db(path)
    assert user_version(db) == max(MIGRATIONS)
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_reports_place_day", "idx_reports_place_precision"} <= indexes
    assert "idx_reports_place" not in indexes
    for r in reports:
        day, place = db.execute(
            "SELECT day, place FROM reports WHERE report_id = ?", [r.event_id]
        ).fetchone()
        assert day == ((r.event_date or r.published or "")[:10] or None)
        key: PlaceKey = (
            r.country if r.admin1 is None else None,
            r.admin1,
            None if r.geo_precision == 3 else r.admin2,
        )
        assert place == _place_value(db, key)
    fuse(db)
    assert sum(len(e.reports) for e in list_events(db)) == len(reports)


def test_the_page_cache_is_larger_than_sqlites_default(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    assert db.execute("PRAGMA cache_size").fetchone()[0] == -settings.SQLITE_CACHE_KIB
