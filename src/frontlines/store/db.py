"""Opening the database, transactions, and the row <-> record codec.

This module and the stage packages that call it are the only code that
speaks SQL.  Every value from an article is bound as a parameter.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from frontlines import settings
from frontlines.errors import DatabaseError
from frontlines.records import Mention, Report, Resolution, Source
from frontlines.store.schema import migrate


def open_db(path: str | Path | None = None, *, create: bool = True) -> Database:
    """Open (and migrate) the database at ``path`` (default ``settings.default_db_path()``).

    WAL mode lets readers (the API) go on while an ingest writes.  ``create=False``
    refuses a missing file, for commands that only read.
    """
    target = str(path) if path is not None else settings.default_db_path()
    if target != ":memory:":
        file = Path(target)
        if file.is_dir():
            raise DatabaseError(f"{target} is a directory, not a database file: pass a file path")
        if not create and not file.is_file():
            raise DatabaseError(
                f"no database at {target}: run 'frontlines ingest' or 'frontlines demo' first, "
                "or pass --db"
            )
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=30.0)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA cache_size = -{int(settings.SQLITE_CACHE_KIB)}")
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"cannot open {target} as a Frontlines database ({exc}): pass another --db"
        ) from None
    db = Database(conn)
    try:
        migrate(db, path=target)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"cannot open {target} as a Frontlines database ({exc}): pass another --db"
        ) from None
    return db


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """One write transaction: all of it is stored, or none of it (even on SIGKILL)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def get_meta(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_meta(db: Database, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])


# --- reports ------------------------------------------------------------------

_SCALAR_FIELDS = (
    "article_id",
    "event_type",
    "sub_event_type",
    "evidence",
    "event_date",
    "time_precision",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "detained",
    "claim_status",
    "evidence_start",
    "evidence_end",
    "notes",
    "hedge",
    "extractor_version",
    "outlet",
    "url",
    "published",
    "scope",
)


def sources_to_json(sources: tuple[Source, ...]) -> str:
    return json.dumps([{"name": s.name, "role": s.role, "side": s.side} for s in sources])


def sources_from_json(text: str | None) -> tuple[Source, ...]:
    return tuple(
        Source(name=d["name"], role=d.get("role"), side=d.get("side"))
        for d in json.loads(text or "[]")
    )


def report_to_row(report: Report) -> dict[str, Any]:
    """A reports-table row: scalars as columns, lists as JSON."""
    row: dict[str, Any] = {"report_id": report.event_id}
    for name in _SCALAR_FIELDS:
        row[name] = getattr(report, name)
    row["sources"] = sources_to_json(report.sources)
    row["excluded"] = json.dumps(list(report.excluded))
    row["mentions"] = json.dumps(
        [[m.kind, m.text, m.start, m.end, m.value] for m in report.mentions]
    )
    row["resolutions"] = json.dumps(
        [[r.stage, r.mention, r.chosen, r.reason, list(r.alternatives)] for r in report.resolutions]
    )
    return row


def report_from_row(row: dict[str, Any]) -> Report:
    """The Report a reports-table row was made from (lossless round trip)."""
    kwargs: dict[str, Any] = {name: row.get(name) for name in _SCALAR_FIELDS}
    kwargs["extractor_version"] = kwargs["extractor_version"] or ""
    mentions = tuple(
        Mention(kind=k, text=t, start=s, end=e, value=v)
        for k, t, s, e, v in json.loads(row.get("mentions") or "[]")
    )
    resolutions = tuple(
        Resolution(stage=st, mention=m, chosen=c, reason=r, alternatives=tuple(a))
        for st, m, c, r, a in json.loads(row.get("resolutions") or "[]")
    )
    return Report(
        event_id=row["report_id"],
        sources=sources_from_json(row.get("sources")),
        excluded=tuple(json.loads(row.get("excluded") or "[]")),
        mentions=mentions,
        resolutions=resolutions,
        **kwargs,
    )
