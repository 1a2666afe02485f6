"""The database schema, as a list of versioned migrations.

``PRAGMA user_version`` holds the version a database is at.  ``migrate`` applies
the missing steps in order, each in its own transaction, and refuses a database
written by a newer Frontlines rather than guess at its layout.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from frontlines.errors import DatabaseError


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction half-way: run one by one.
    for statement in script.split(";"):
        if statement.strip():
            db.conn.execute(statement)


def _v1(db: Database) -> None:
    """Articles, reports, fused events, their link, and the control timeline."""
    _run(
        db,
        """
        CREATE TABLE articles (
            article_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT, url TEXT, outlet TEXT,
            published TEXT, published_source TEXT,
            dateline TEXT, input_format TEXT,
            text TEXT NOT NULL, raw_text TEXT,
            dropped TEXT NOT NULL DEFAULT '[]',
            warnings TEXT NOT NULL DEFAULT '[]',
            ingested_at TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            near_dup_of TEXT REFERENCES articles(article_id),
            story_id TEXT NOT NULL,
            minhash BLOB
        );
        CREATE INDEX idx_articles_story ON articles(story_id);
        CREATE TABLE minhash_bands (
            band_key INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(article_id)
        );
        CREATE INDEX idx_minhash_bands ON minhash_bands(band_key);
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            claim_status TEXT NOT NULL,
            corroboration INTEGER NOT NULL,
            event_date TEXT, time_precision INTEGER,
            event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
            actor1 TEXT, actor2 TEXT, country TEXT,
            admin1 TEXT, admin2 TEXT, location TEXT,
            latitude REAL, longitude REAL, geo_precision INTEGER,
            fatalities INTEGER, detained INTEGER,
            sources TEXT NOT NULL DEFAULT '[]',
            n_reports INTEGER NOT NULL
        );
        CREATE INDEX idx_events_place ON events(admin1, admin2);
        CREATE INDEX idx_events_date ON events(event_date);
        CREATE TABLE reports (
            report_id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(article_id),
            event_id TEXT REFERENCES events(event_id),
            role TEXT,
            event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
            evidence TEXT NOT NULL,
            event_date TEXT, time_precision INTEGER,
            actor1 TEXT, actor2 TEXT, assoc_actor_1 TEXT, assoc_actor_2 TEXT,
            country TEXT, admin1 TEXT, admin2 TEXT, location TEXT,
            latitude REAL, longitude REAL, geo_precision INTEGER,
            fatalities INTEGER, detained INTEGER,
            sources TEXT NOT NULL DEFAULT '[]',
            claim_status TEXT NOT NULL,
            evidence_start INTEGER, evidence_end INTEGER,
            notes TEXT, hedge TEXT,
            mentions TEXT NOT NULL DEFAULT '[]',
            resolutions TEXT NOT NULL DEFAULT '[]',
            extractor_version TEXT NOT NULL,
            outlet TEXT, url TEXT, published TEXT
        );
        CREATE INDEX idx_reports_place ON reports(admin1, admin2);
        CREATE INDEX idx_reports_article ON reports(article_id);
        CREATE INDEX idx_reports_event ON reports(event_id);
        -- The event <-> report link, with each report's role (asserts / contradicts).
        CREATE VIEW event_reports AS
            SELECT event_id, report_id, article_id, role FROM reports WHERE event_id IS NOT NULL;
        CREATE TABLE districts (
            admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
            PRIMARY KEY (admin1, admin2)
        );
        CREATE TABLE control_states (
            counting TEXT NOT NULL,
            admin1 TEXT NOT NULL, admin2 TEXT NOT NULL,
            seq INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT,
            controller TEXT, status TEXT NOT NULL, claim_status TEXT,
            since TEXT,
            event_ids TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (counting, admin1, admin2, seq)
        );
        CREATE INDEX idx_control_lookup ON control_states(counting, valid_from);
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        """,
    )


def _v2(db: Database) -> None:
    """A district's events by date, so an ingest batch refolds its control from a date on.

    It leads with (admin1, admin2), so it also serves everything ``idx_events_place`` did.
    """
    _run(
        db,
        """
        CREATE INDEX idx_events_place_date ON events(admin1, admin2, event_date);
        DROP INDEX idx_events_place;
        """,
    )


#: A report's fusion place, as one comparable value: its country when it has no province,
#: its province when it has no district or only a province-level position (geo_precision 3),
#: else its district -- the place ``fuse.merge.place_key`` files it under.  quote() keeps
#: NULL, '' and names with spaces or quotes apart.  ``fuse`` builds the same value for a key.
REPORT_PLACE_SQL = (
    "CASE WHEN admin1 IS NULL THEN 'country ' || quote(country) "
    "WHEN admin2 IS NULL OR geo_precision = 3 THEN 'province ' || quote(admin1) "
    "ELSE 'district ' || quote(admin1) || ' ' || quote(admin2) END"
)
#: A report's day (YYYY-MM-DD): its event date, else its article's publication date.
REPORT_DAY_SQL = "substr(coalesce(event_date, published), 1, 10)"


def _v3(db: Database) -> None:
    """A report's place and day as indexed columns, so re-fusing a place near a date
    reads only the reports near that date, whatever the size of the database.

    Both are generated from the report's own columns (so every writer, and every row
    already stored, has them); ``idx_reports_place_day`` finds a place's reports in a
    date range and ``idx_reports_place_precision`` its widest time precision.  Fusion
    was the only reader of ``idx_reports_place``, which they replace.
    """
    _run(
        db,
        f"""
        ALTER TABLE reports ADD COLUMN day TEXT
            GENERATED ALWAYS AS ({REPORT_DAY_SQL}) VIRTUAL;
        ALTER TABLE reports ADD COLUMN place TEXT
            GENERATED ALWAYS AS ({REPORT_PLACE_SQL}) VIRTUAL;
        CREATE INDEX idx_reports_place_day ON reports(place, day);
        CREATE INDEX idx_reports_place_precision ON reports(place, time_precision);
        DROP INDEX idx_reports_place;
        """,
    )


def _v4(db: Database) -> None:
    """Province- and country-wide evidence: the places a report leaves out, and what
    each control state rests on (its level, or the cited baseline) with the citation."""
    _run(
        db,
        """
        ALTER TABLE reports ADD COLUMN excluded TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE reports ADD COLUMN scope TEXT;
        ALTER TABLE control_states ADD COLUMN basis TEXT;
        ALTER TABLE control_states ADD COLUMN source TEXT;
        """,
    )


#: version -> the step that brings a database from version - 1 to it.
MIGRATIONS: dict[int, Callable[[Database], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4}
SCHEMA_VERSION = max(MIGRATIONS)


def user_version(db: Database) -> int:
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: Database, *, path: str = "") -> None:
    """Bring ``db`` up to ``SCHEMA_VERSION``; DatabaseError if it is newer than this code."""
    current = user_version(db)
    if current > SCHEMA_VERSION:
        raise DatabaseError(
            f"database {path or '(memory)'} is at schema version {current}, but this Frontlines "
            f"reads versions up to {SCHEMA_VERSION}: upgrade Frontlines or use another --db"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](db)
            # PRAGMA cannot take a bound parameter; version is our own int.
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
