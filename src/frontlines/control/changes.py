"""What changed in the events table since the control timeline was last stored.

``tracking_changes`` logs each change to the events table on one connection (temporary
triggers); ``changed_districts`` reads the log as district -> earliest changed date,
widening a province- or country-wide change of hands to every district it covers, so
an ingest refolds only what its batch touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from frontlines import taxonomy

__all__ = ["changed_districts", "tracking_changes"]


_CHANGE_COLUMNS = (
    "admin1, admin2, event_id, claim_status, event_date, sub_event_type, actor1, actor2, "
    "country, geo_precision"
)


@contextmanager
def tracking_changes(db: Database) -> Iterator[None]:
    """Log every change to the events table on this connection, for ``changed_districts``.

    Temporary triggers (this connection only, never stored) write each deleted event
    with -1 and each inserted one with +1, with the columns the fold reads; an event
    deleted and inserted again unchanged cancels out.
    """
    new = ", ".join(f"NEW.{c.strip()}" for c in _CHANGE_COLUMNS.split(","))
    old = new.replace("NEW.", "OLD.")
    statements = [
        f"CREATE TEMP TABLE IF NOT EXISTS control_changes ({_CHANGE_COLUMNS}, sign INTEGER)",
        "CREATE TEMP TRIGGER IF NOT EXISTS control_changes_insert AFTER INSERT ON events "
        f"BEGIN INSERT INTO control_changes VALUES ({new}, 1); END",
        "CREATE TEMP TRIGGER IF NOT EXISTS control_changes_delete AFTER DELETE ON events "
        f"BEGIN INSERT INTO control_changes VALUES ({old}, -1); END",
        "CREATE TEMP TRIGGER IF NOT EXISTS control_changes_update AFTER UPDATE ON events BEGIN "
        f"INSERT INTO control_changes VALUES ({old}, -1); "
        f"INSERT INTO control_changes VALUES ({new}, 1); END",
    ]
    for sql in statements:
        db.conn.execute(sql)
    try:
        yield
    finally:
        for name in ("insert", "delete", "update"):
            db.conn.execute(f"DROP TRIGGER IF EXISTS temp.control_changes_{name}")
        db.conn.execute("DROP TABLE IF EXISTS temp.control_changes")


def changed_districts(db: Database) -> dict[tuple[str, str], str]:
    """District -> earliest event date changed since the last call (``tracking_changes``).

    Reads and clears the log; the caller holds the transaction, so a rollback keeps it.
    """
    territorial = sorted(taxonomy.TERRITORIAL)
    rows = db.execute(
        f"SELECT admin1, CASE WHEN geo_precision = 3 THEN NULL ELSE admin2 END, "
        f"min(event_date) FROM (SELECT {_CHANGE_COLUMNS} "
        f"FROM control_changes GROUP BY {_CHANGE_COLUMNS} HAVING sum(sign) != 0) "
        "WHERE event_date IS NOT NULL AND ((admin1 IS NOT NULL AND admin2 IS NOT NULL) OR "
        f"(sub_event_type IN ({','.join('?' * len(territorial))}) AND "
        "(admin1 IS NOT NULL OR country IS NOT NULL))) GROUP BY 1, 2",
        territorial,
    ).fetchall()
    db.execute("DELETE FROM control_changes")
    from frontlines.control import _districts

    out: dict[tuple[str, str], str] = {}

    def note(key: tuple[str, str], day: str) -> None:
        if key not in out or day < out[key]:
            out[key] = day

    wide = [(a, str(day)[:10]) for a, b, day in rows if not (a and b)]
    for a, b, day in rows:
        if a and b:
            note((a, b), str(day)[:10])
    if wide:
        # A province- or country-wide change of hands refolds every district it covers.
        for a1, a2 in _districts(db):
            for admin1, day in wide:
                if admin1 is None or admin1 == a1:
                    note((a1, a2), day)
    return out
