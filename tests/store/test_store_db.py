"""The database: migrations, refusal of newer schemas, lossless report rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.errors import DatabaseError
from frontlines.records import Mention, Report, Resolution, Source
from frontlines.store import SCHEMA_VERSION, open_db, report_from_row, report_to_row
from frontlines.store.schema import user_version


def test_a_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    db = open_db(tmp_path / "f.db")
    assert user_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "reports", "events", "control_states"} <= set(db.table_names())
    assert "event_reports" in db.view_names()
    # Opening again applies nothing and keeps the data.
    db.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    again = open_db(tmp_path / "f.db")
    assert again.execute("SELECT value FROM meta WHERE key = 'k'").fetchone()[0] == "v"


def test_a_database_from_a_newer_frontlines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer|upgrade"):
        open_db(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseError, match="cannot open"):
        open_db(path)


def test_read_only_commands_refuse_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="frontlines ingest"):
        open_db(tmp_path / "missing.db", create=False)


_text = st.text(max_size=40)
_opt = st.none() | _text


@settings(max_examples=80, deadline=None)
@given(
    evidence=_text,
    admin2=_opt,
    notes=_opt,
    fatalities=st.none() | st.integers(0, 10_000),
    lat=st.none() | st.floats(-90, 90),
    sources=st.lists(st.builds(Source, _text, _opt, _opt), max_size=3),
    mentions=st.lists(
        st.builds(
            Mention,
            st.sampled_from(["place", "actor"]),
            _text,
            st.integers(0, 99),
            st.integers(0, 99),
            _opt,
        ),
        max_size=3,
    ),
    resolutions=st.lists(
        st.builds(Resolution, _text, _text, _opt, _text, st.lists(_text, max_size=2).map(tuple)),
        max_size=2,
    ),
)
def test_report_rows_round_trip(
    evidence: str,
    admin2: str | None,
    notes: str | None,
    fatalities: int | None,
    lat: float | None,
    sources: list[Source],
    mentions: list[Mention],
    resolutions: list[Resolution],
) -> None:
    report = Report(
        event_id="FL-1",
        article_id="a'; DROP TABLE reports; --",
        event_type="Battles",
        sub_event_type="Armed clash",
        evidence=evidence,
        admin2=admin2,
        notes=notes,
        fatalities=fatalities,
        latitude=lat,
        sources=tuple(sources),
        mentions=tuple(mentions),
        resolutions=tuple(resolutions),
    )
    db = open_db(":memory:")
    db.execute(
        "INSERT INTO articles (article_id, content_hash, text, ingested_at, "
        "extractor_version, story_id) VALUES (?, 'h', 't', 'now', 'v', ?)",
        [report.article_id, report.article_id],
    )
    row = report_to_row(report)
    cols = list(row)
    db.execute(
        f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [row[c] for c in cols],
    )
    stored = next(db.query("SELECT * FROM reports"))
    assert report_from_row(stored) == report
