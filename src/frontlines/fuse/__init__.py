"""Fusion stage: wire copies and same-event merging, over the store.

``fuse_places`` re-fuses the reports of a few places (districts, provinces)
from scratch, inside the caller's transaction; fusion is per place, so an
ingest only redoes the places its new reports touch, and the result does not
depend on the order articles arrived in.  ``list_events`` reads fused events
back as ``Event`` records.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, TypedDict, Unpack, get_args

from sqlite_utils import Database

from frontlines import settings
from frontlines.errors import InvalidParameter
from frontlines.fuse.merge import (
    ASSERTS,
    CONTRADICTS,
    FusedEvent,
    PlaceKey,
    SideOf,
    derive_claim_status,
    fuse_reports,
    place_key,
)
from frontlines.records import Event, FusedClaimStatus, Report
from frontlines.store.db import report_from_row, sources_from_json, sources_to_json, transaction
from frontlines.store.schema import REPORT_PLACE_SQL
from frontlines.taxonomy import SUB_EVENT_TYPES

__all__ = [
    "ASSERTS",
    "CONTRADICTS",
    "FUSED_CLAIM_STATUSES",
    "EventFilters",
    "FusedEvent",
    "PlaceKey",
    "check_sub_event_type",
    "count_events",
    "derive_claim_status",
    "fuse",
    "fuse_places",
    "fuse_reports",
    "get_event",
    "list_events",
    "place_key",
]

#: Claim statuses a fused event may carry: a report's, plus "disputed".
FUSED_CLAIM_STATUSES: tuple[str, ...] = get_args(FusedClaimStatus)

# Everything fusion reads: the heavy provenance columns (mentions, resolutions) stay on disk.
_FUSE_COLUMNS = (
    "r.report_id, r.article_id, r.event_type, r.sub_event_type, r.evidence, r.event_date, "
    "r.time_precision, r.actor1, r.actor2, r.assoc_actor_1, r.assoc_actor_2, r.country, "
    "r.admin1, r.admin2, r.location, r.latitude, r.longitude, r.geo_precision, r.fatalities, "
    "r.detained, r.sources, r.claim_status, r.notes, r.hedge, r.extractor_version, r.outlet, "
    "r.url, r.published, r.event_id AS fused_id, a.story_id"
)


def _place_value(db: Database, key: PlaceKey) -> str:
    """The reports' ``place`` column value of the place ``key`` (``REPORT_PLACE_SQL``).

    A district key matches its admin1 and admin2 unless only province-level (geo
    precision 3); a province key, its admin1 without a district or at geo precision 3;
    a key without admin1, the reports with no admin1 in its country.
    """
    country, admin1, admin2 = key
    row = db.execute(
        f"SELECT {REPORT_PLACE_SQL} FROM (SELECT ? AS country, ? AS admin1, ? AS admin2, "
        "NULL AS geo_precision)",
        [country, admin1, admin2],
    ).fetchone()
    return str(row[0])


@cache
def _side_of() -> SideOf | None:
    """Actor sides from the theatre's actor list, when the resolve stage provides one."""
    try:
        from frontlines.resolve.actors import get_actor_list

        actors = get_actor_list()
    except Exception:  # the actor list is optional here: fall back to a name heuristic
        return None
    government = {"government", "militia_progov"}

    def side_of(name: str) -> str | None:
        side = actors.side_of(name)
        # Army, police, NDS and pro-government militias are one side for fusion purposes.
        return "government" if side in government else side

    return side_of


def _place_rows(db: Database, key: PlaceKey, span: tuple[str, str] | None) -> list[dict[str, Any]]:
    """The reports to re-fuse at a place: all of them, or those near ``span`` (lo, hi).

    Near means between the quiet gaps around the span (see ``_quiet_bounds``), plus
    every report of an event one of those belongs to, so no event is split; a place
    with an undated report is re-fused whole.
    """
    place = _place_value(db, key)
    select = f"SELECT {_FUSE_COLUMNS} FROM reports r JOIN articles a USING (article_id) "
    if span is None:
        return list(db.query(f"{select} WHERE r.place = ? ORDER BY r.rowid", [place]))
    # max(coalesce(time_precision, 3)) over the place, from two index probes instead of
    # a read of every report there: the largest precision, and whether any is unknown.
    top, unknown, undated = db.execute(
        "SELECT (SELECT max(time_precision) FROM reports WHERE place = ?), "
        "EXISTS (SELECT 1 FROM reports WHERE place = ? AND time_precision IS NULL), "
        "EXISTS (SELECT 1 FROM reports WHERE place = ? AND day IS NULL)",
        [place, place, place],
    ).fetchone()
    if undated:
        # An undated report joins the first cluster it fits anywhere at the place.
        return list(db.query(f"{select} WHERE r.place = ? ORDER BY r.rowid", [place]))
    widest = max([*([] if top is None else [top]), *([3] if unknown else [])], default=None)
    slack = settings.TIME_PRECISION_SLACK_DAYS.get(int(widest or 3), 31)
    reach = dt.timedelta(days=2 * (settings.FUSE_DATE_WINDOW_DAYS + 2 * slack))
    lo, hi = _quiet_bounds(db, place, span, reach)
    # The undated reports, the reports near the span, and every report at the place of an
    # event one of those near belongs to: three searches of idx_reports_place_day (the last
    # one then by idx_reports_event; "+place" keeps it off the place's other reports).
    near = (
        f"{select} WHERE r.rowid IN ("
        "SELECT rowid FROM reports WHERE place = ? AND day IS NULL "
        "UNION ALL SELECT rowid FROM reports WHERE place = ? AND day BETWEEN ? AND ? "
        "UNION ALL SELECT rowid FROM reports WHERE event_id IN "
        "(SELECT event_id FROM reports WHERE place = ? AND day BETWEEN ? AND ?) "
        "AND +place = ?) ORDER BY r.rowid"
    )
    return list(db.query(near, [place, place, lo, hi, place, lo, hi, place]))


def _quiet_bounds(
    db: Database, place: str, span: tuple[str, str], reach: dt.timedelta
) -> tuple[str, str]:
    """``span`` widened on each side to the first gap of more than ``reach`` days
    between the place's reports.

    No cluster bridges such a gap (two reports further apart than any fusion window
    never meet), so the reports between two quiet gaps fuse exactly as they would
    with the rest of the place: re-fusing them alone equals re-fusing everything,
    whatever order and batches the reports came in.
    """
    days = [
        dt.date.fromisoformat(str(row[0]))
        for row in db.execute(
            "SELECT DISTINCT day FROM reports WHERE place = ? AND day IS NOT NULL ORDER BY day",
            [place],
        )
    ]
    lo, hi = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    i = bisect.bisect_left(days, lo) - 1
    while i >= 0 and lo - days[i] <= reach:
        lo = days[i]
        i -= 1
    j = bisect.bisect_right(days, hi)
    while j < len(days) and days[j] - hi <= reach:
        hi = days[j]
        j += 1
    return lo.isoformat(), hi.isoformat()


def fuse_places(
    db: Database,
    keys: Iterable[PlaceKey],
    *,
    spans: Mapping[PlaceKey, tuple[str, str]] | None = None,
) -> list[FusedEvent]:
    """Re-fuse the reports filed at each place in ``keys``; the caller holds the transaction.

    ``spans`` narrows a place to the reports near a date range (the new reports'),
    which keeps an ingest's cost flat as the database grows; without it, the
    whole place is re-fused.
    """
    out: list[FusedEvent] = []
    for key in sorted(set(keys), key=lambda k: tuple(x or "" for x in k)):
        rows = _place_rows(db, key, (spans or {}).get(key))
        reports = [report_from_row(row) for row in rows]
        story_of = {row["article_id"]: row["story_id"] for row in rows}
        old = sorted({row["fused_id"] for row in rows if row["fused_id"]})
        fused = fuse_reports(reports, story_of=story_of, side_of=_side_of())
        ids = [r.event_id for r in reports]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            db.execute(
                "UPDATE reports SET event_id = NULL, role = NULL "
                f"WHERE report_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        for i in range(0, len(old), 500):
            chunk = old[i : i + 500]
            db.execute(
                f"DELETE FROM events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk
            )
        for f in fused:
            db.execute(
                "INSERT INTO events (event_id, claim_status, corroboration, event_date, "
                "time_precision, event_type, sub_event_type, actor1, actor2, country, admin1, "
                "admin2, location, latitude, longitude, geo_precision, fatalities, detained, "
                "sources, n_reports) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                _event_values(f.event),
            )
            db.conn.executemany(
                "UPDATE reports SET event_id = ?, role = ? WHERE report_id = ?",
                [(f.event.event_id, role, rid) for rid, role in f.roles.items()],
            )
        out.extend(fused)
    return out


def _event_values(e: Event) -> list[Any]:
    return [
        e.event_id,
        e.claim_status,
        e.corroboration,
        e.event_date,
        e.time_precision,
        e.event_type,
        e.sub_event_type,
        e.actor1,
        e.actor2,
        e.country,
        e.admin1,
        e.admin2,
        e.location,
        e.latitude,
        e.longitude,
        e.geo_precision,
        e.fatalities,
        e.detained,
        sources_to_json(e.sources),
        len(e.reports),
    ]


def all_places(db: Database) -> list[PlaceKey]:
    """Every place that holds a report, as fusion keys."""
    keys: set[PlaceKey] = set()
    for row in db.query("SELECT DISTINCT country, admin1, admin2, geo_precision FROM reports"):
        keys.add(
            place_key(
                Report(
                    event_id="",
                    article_id="",
                    event_type="",
                    sub_event_type="",
                    evidence="",
                    country=row["country"],
                    admin1=row["admin1"],
                    admin2=row["admin2"],
                    geo_precision=row["geo_precision"],
                )
            )
        )
    return sorted(keys, key=lambda k: tuple(x or "" for x in k))


def fuse(db: Database) -> None:
    """Re-fuse every report in the database (one transaction) and rebuild control."""
    from frontlines.control import rebuild_control

    with transaction(db):
        fused = fuse_places(db, all_places(db))
        rebuild_control(db, {(f.event.admin1, f.event.admin2) for f in fused})


# --- reading ------------------------------------------------------------------------


class EventFilters(TypedDict, total=False):
    """The filters ``count_events`` and ``list_events`` take; dates are inclusive YYYY-MM-DD."""

    since: str | None
    until: str | None
    admin1: str | None
    admin2: str | None
    sub_event_type: str | None
    claim_status: str | None
    event_type: str | None


def check_sub_event_type(value: str | None, name: str = "type") -> None:
    """InvalidParameter (naming the parameter ``name``) unless ``value`` is None or
    one of ACLED's sub-event types."""
    if value is not None and value not in SUB_EVENT_TYPES:
        raise InvalidParameter(name, value, "one of ACLED's 25 sub-event types, e.g. 'Armed clash'")


def _filters(
    since: str | None = None,
    until: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    sub_event_type: str | None = None,
    claim_status: str | None = None,
    event_type: str | None = None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    check_sub_event_type(sub_event_type)
    if claim_status is not None and claim_status not in FUSED_CLAIM_STATUSES:
        raise InvalidParameter("claim status", claim_status, ", ".join(FUSED_CLAIM_STATUSES))
    for column, op, value in (
        ("event_date", ">=", since),
        ("event_date", "<=", until),
        ("lower(admin1)", "=", admin1.casefold() if admin1 else None),
        ("lower(admin2)", "=", admin2.casefold() if admin2 else None),
        ("sub_event_type", "=", sub_event_type),
        ("claim_status", "=", claim_status),
        ("event_type", "=", event_type),
    ):
        if value is not None:
            clauses.append(f"{column} {op} ?")
            params.append(str(value))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_events(db: Database, **filters: Unpack[EventFilters]) -> int:
    """How many fused events match the filters (for paging)."""
    where, params = _filters(**filters)
    row = db.execute(f"SELECT count(*) FROM events{where}", params).fetchone()
    return int(row[0])


def list_events(
    db: Database,
    *,
    limit: int | None = None,
    offset: int = 0,
    with_reports: bool = True,
    **filters: Unpack[EventFilters],
) -> list[Event]:
    """Fused events matching the filters, by date; dates are inclusive YYYY-MM-DD strings."""
    where, params = _filters(**filters)
    sql = f"SELECT * FROM events{where} ORDER BY event_date IS NULL, event_date, event_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    rows = list(db.query(sql, params))
    reports = _reports_of(db, [r["event_id"] for r in rows]) if with_reports else {}
    return [event_from_row(row, reports.get(row["event_id"], [])) for row in rows]


def get_event(db: Database, event_id: str) -> Event:
    """One fused event with its reports; NotFound if the database does not hold it."""
    from frontlines.errors import NotFound

    row = next(db.query("SELECT * FROM events WHERE event_id = ?", [event_id]), None)
    if row is None:
        raise NotFound(f"no event {event_id!r} in the database: list them with 'frontlines events'")
    return event_from_row(row, _reports_of(db, [event_id]).get(event_id, []))


def events_by_id(db: Database, event_ids: Sequence[str]) -> dict[str, Event]:
    """The fused events with these ids (missing ids are left out)."""
    out: dict[str, Event] = {}
    ids = list(dict.fromkeys(event_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = list(
            db.query(
                f"SELECT * FROM events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk
            )
        )
        reports = _reports_of(db, chunk)
        for row in rows:
            out[row["event_id"]] = event_from_row(row, reports.get(row["event_id"], []))
    return out


def report_roles(db: Database, event_id: str) -> dict[str, str]:
    """report id -> role ("asserts" or "contradicts") for one event."""
    return {
        row["report_id"]: row["role"]
        for row in db.query("SELECT report_id, role FROM reports WHERE event_id = ?", [event_id])
    }


def _reports_of(db: Database, event_ids: Sequence[str]) -> dict[str, list[tuple[Report, str]]]:
    out: dict[str, list[tuple[Report, str]]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = list(event_ids[i : i + 500])
        if not chunk:
            continue
        for row in db.query(
            f"SELECT * FROM reports WHERE event_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY rowid",
            chunk,
        ):
            out.setdefault(row["event_id"], []).append((report_from_row(row), row["role"] or ""))
    return out


def event_from_row(row: dict[str, Any], reports: Sequence[tuple[Report, str]]) -> Event:
    """An Event from an events-table row and its (report, role) pairs."""
    return Event(
        event_id=row["event_id"],
        reports=tuple(r for r, _ in reports),
        report_roles=tuple((r.event_id, role) for r, role in reports),
        claim_status=row["claim_status"],
        corroboration=row["corroboration"],
        event_date=row["event_date"],
        time_precision=row["time_precision"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        actor2=row["actor2"],
        country=row["country"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        location=row["location"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        geo_precision=row["geo_precision"],
        fatalities=row["fatalities"],
        detained=row["detained"],
        sources=sources_from_json(row["sources"]),
    )


def event_to_dict(event: Event, *, with_reports: bool = True) -> dict[str, Any]:
    """A JSON-ready dict of a fused event (its reports in ``Report.to_dict`` form)."""
    out: dict[str, Any] = {
        "event_id": event.event_id,
        "event_date": event.event_date,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "fatalities": event.fatalities,
        "detained": event.detained,
        "claim_status": event.claim_status,
        "corroboration": event.corroboration,
        "sources": [s.as_dict() for s in event.sources],
        "n_reports": len(event.reports),
    }
    roles = dict(event.report_roles)
    lead = next((r for r in event.reports if roles.get(r.event_id) != CONTRADICTS), None)
    if lead is not None:
        out["notes"] = lead.notes
        out["evidence"] = lead.evidence
    if with_reports:
        out["reports"] = [{**r.to_dict(), "role": roles.get(r.event_id)} for r in event.reports]
    return out


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
