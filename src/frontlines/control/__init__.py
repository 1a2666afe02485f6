"""District control: who held each district on a date, and on what evidence.

The timeline of every district an event touches is folded (``timeline.fold``)
after each ingest batch, for each counting in ``settings.COUNTING``, and
stored as spans in ``control_states``; ``control_at`` is then one indexed
query plus the baseline for untouched districts, fast enough for the map.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from sqlite_utils import Database

from frontlines import settings, taxonomy
from frontlines.control.baseline import _baseline_overrides, baseline_for, get_baseline
from frontlines.control.changes import changed_districts, tracking_changes
from frontlines.control.summary import SUMMARY_KEYS, category, weekly_summary
from frontlines.control.timeline import (
    BEGINNING,
    Baseline,
    Resume,
    Span,
    baseline_state,
    basis_of,
    counted_statuses,
    fold,
    is_wide,
    resume_point,
)
from frontlines.errors import AmbiguousDistrict, InvalidDate, UnknownPlace
from frontlines.records import ControlState, Event
from frontlines.theatres import get_theatre

__all__ = [
    "Baseline",
    "basis_of",
    "Span",
    "baseline_for",
    "SUMMARY_KEYS",
    "capital_falls",
    "category",
    "changed_districts",
    "control_at",
    "control_on",
    "ensure_districts",
    "get_baseline",
    "history",
    "history_detail",
    "latest_date",
    "rebuild_control",
    "resolve_district",
    "state_to_dict",
    "to_geojson",
    "tracking_changes",
    "weekly_summary",
]


def _baseline_for(admin1: str, admin2: str) -> Baseline:
    return _baseline_overrides().get((admin1, admin2), get_baseline())


@cache
def _actor_tools() -> Any:
    try:
        from frontlines.resolve.actors import get_actor_list

        return get_actor_list()
    except Exception:  # optional: without the actor list, names are taken as they are
        return None


def _controller_of(actor: str) -> tuple[str | None, bool]:
    """(controller name for territory ``actor`` holds, whether that is the government)."""
    government = str(get_theatre().meta.get("government_actor", "Government"))
    tools = _actor_tools()
    if tools is None:
        from frontlines.fuse.merge import _default_side

        is_gov = _default_side(actor) == "government"
        return (government if is_gov else actor), is_gov
    side = tools.side_of(actor)
    name = tools.controller_for(side) if side else None
    return (name or actor), name == government


def gainer(event: Event) -> str | None:
    """Who a territorial event hands its district to, as a controller name.

    "Non-state actor overtakes" goes to the non-state actor named (its side's
    controller, e.g. "Taliban"); "Government regains" to the theatre's
    government; a non-violent transfer to its actor1.  None when nobody named
    gains it (an outside force leaving): the fold then changes nothing.
    """
    meta = get_theatre().meta
    government = str(meta.get("government_actor", "Government"))
    if event.sub_event_type == taxonomy.GOV_REGAINS:
        return government
    for actor in (event.actor1, event.actor2):
        if not actor:
            continue
        name, is_gov = _controller_of(actor)
        if is_gov and event.sub_event_type == taxonomy.NSA_OVERTAKES:
            continue  # the side that lost it, named first
        if is_gov and actor != event.actor1:
            continue
        if actor != event.actor1 and event.sub_event_type == taxonomy.NONVIOLENT_TRANSFER:
            # actor2 of a handover is the side that left ("U.S. forces left Bagram air
            # base"): an outside force leaving hands nothing to anyone named.
            return None
        return name
    insurgent = meta.get("insurgent_actor")
    return str(insurgent) if insurgent else None


# --- districts ---------------------------------------------------------------------


def ensure_districts(db: Database) -> int:
    """Fill the districts table from the gazetteer once; returns how many it holds."""
    row = db.execute("SELECT count(*) FROM districts").fetchone()
    if row[0]:
        return int(row[0])
    pairs = _gazetteer_districts()
    db.conn.executemany("INSERT OR IGNORE INTO districts (admin1, admin2) VALUES (?, ?)", pairs)
    return len(pairs)


def _gazetteer_districts() -> list[tuple[str, str]]:
    try:
        from frontlines.resolve.places import get_gazetteer

        places = get_gazetteer().districts()
    except Exception:  # no gazetteer yet: districts come from the events alone
        return []
    return sorted({(p.admin1, p.admin2) for p in places if p.admin1 and p.admin2})


def _districts(db: Database) -> list[tuple[str, str]]:
    pairs = [(r[0], r[1]) for r in db.execute("SELECT admin1, admin2 FROM districts")]
    return pairs or _gazetteer_districts()


# --- building -----------------------------------------------------------------------


def _event(admin1: str | None, admin2: str | None, row: Any) -> Event:
    """An Event with only what the fold reads (its own place: a district's, a
    province's or the country's, and the places it leaves out)."""
    return Event(
        event_id=row[0],
        reports=(),
        claim_status=row[1],
        corroboration=0,
        event_date=row[2],
        time_precision=None,
        event_type="",
        sub_event_type=row[3],
        actor1=row[4],
        actor2=row[5],
        country=None,
        admin1=admin1,
        admin2=admin2,
        location=None,
        latitude=None,
        longitude=None,
        geo_precision=row[6] if len(row) > 6 else None,
        fatalities=None,
        detained=None,
        excluded=tuple(json.loads(row[7] or "[]")) if len(row) > 7 else (),
    )


def _wider_events(db: Database, admin1: str, since: str | None) -> list[Event]:
    """Territorial events about the district's whole province or the whole country
    (``timeline.event_level``), with the places each leaves out."""
    territorial = sorted(taxonomy.TERRITORIAL)
    marks = ",".join("?" * len(territorial))
    sql = (
        "SELECT e.event_id, e.claim_status, e.event_date, e.sub_event_type, e.actor1, e.actor2, "
        "e.geo_precision, (SELECT json_group_array(x.value) FROM reports r, "
        "json_each(r.excluded) x WHERE r.event_id = e.event_id AND r.excluded != '[]'), "
        "e.admin1, e.admin2, e.country, "
        "(SELECT max(r.scope) FROM reports r WHERE r.event_id = e.event_id AND r.role = ?) "
        "FROM events e WHERE e.event_date IS NOT NULL AND "
        f"e.sub_event_type IN ({marks}) AND ((e.admin1 = ? AND (e.admin2 IS NULL OR "
        "e.geo_precision = 3)) OR (e.admin1 IS NULL AND e.country IS NOT NULL))"
    )
    from frontlines.fuse import ASSERTS

    params: list[Any] = [ASSERTS, *territorial, admin1]
    if since is not None:
        sql += " AND e.event_date >= ?"
        params.append(since)
    out = []
    for row in db.execute(sql, params):
        event = replace(
            _event(row[8], None if row[8] is None else row[9], row), country=row[10], scope=row[11]
        )
        if is_wide(event):
            out.append(event)
    return out


def _district_events(db: Database, admin1: str, admin2: str, since: str | None) -> list[Event]:
    # Exact match (and a date range), so the (admin1, admin2, event_date) index serves it,
    # and only what the fold reads: this runs for every district of every ingest batch.
    sql = (
        "SELECT event_id, claim_status, event_date, sub_event_type, actor1, actor2 "
        "FROM events WHERE admin1 = ? AND admin2 = ? AND event_date "
    )
    if since is None:
        rows = db.execute(sql + "IS NOT NULL", [admin1, admin2])
    else:
        rows = db.execute(sql + ">= ?", [admin1, admin2, since])
    return [_event(admin1, admin2, row) for row in rows] + _wider_events(db, admin1, since)


def _resume(
    db: Database, counting: str, admin1: str, admin2: str, since: str
) -> tuple[int, Resume] | None:
    """(seq of the span to refold from, the fold's state) just before ``since``."""
    # Newest first along the primary key; "+valid_from" keeps the planner off the
    # (counting, valid_from) index, which would read every district's spans.
    rows = db.execute(
        "SELECT seq, valid_from, controller, status, claim_status, since, event_ids, basis, "
        "source FROM control_states WHERE counting = ? AND admin1 = ? AND admin2 = ? "
        "AND +valid_from < ? ORDER BY seq DESC",
        [counting, admin1, admin2, since],
    )
    first_seq: list[int] = []

    def spans() -> Iterator[tuple[str, ControlState]]:
        for seq, valid_from, controller, status, claim_status, began, ids, basis, src in rows:
            first_seq.append(seq)
            yield (
                valid_from,
                ControlState(
                    admin1=admin1,
                    admin2=admin2,
                    controller=controller,
                    status=status,
                    claim_status=claim_status,
                    since=began,
                    event_ids=tuple(json.loads(ids or "[]")),
                    basis=basis,
                    source=src,
                ),
            )

    def event_date(event_id: str) -> str | None:
        row = db.execute("SELECT event_date FROM events WHERE event_id = ?", [event_id]).fetchone()
        return None if row is None else row[0]

    resume = resume_point(spans(), since, event_date)
    rows.close()
    return None if resume is None else (first_seq[0], resume)


def rebuild_control(
    db: Database,
    districts: Iterable[tuple[str | None, str | None]],
    *,
    since: Mapping[tuple[str, str], str] | None = None,
) -> None:
    """Refold and store the timelines of ``districts``; the caller holds the transaction.

    ``since`` maps a district to the earliest event date that changed in it since its
    timeline was last stored (``changed_districts``): its spans before that date are
    kept and the fold resumes from the state in force just before it, with the same
    result as a full refold but work in proportion to what follows the date.
    """
    for admin1, admin2 in sorted({(a, b) for a, b in districts if a and b}):
        day = (since or {}).get((admin1, admin2))
        if day is not None and not _is_iso_day(day):
            day = None
        later = _district_events(db, admin1, admin2, day)
        everything: list[Event] | None = later if day is None else None
        rows = []
        for counting in settings.COUNTING:
            point = None if day is None else _resume(db, counting, admin1, admin2, day)
            if point is None:
                if everything is None:
                    everything = _district_events(db, admin1, admin2, None)
                first, events = 0, everything
            else:
                first, events = point[0], later
            # The primary key (counting, admin1, admin2, seq) serves the delete.
            db.execute(
                "DELETE FROM control_states WHERE counting = ? AND admin1 = ? AND admin2 = ? "
                "AND seq >= ?",
                [counting, admin1, admin2, first],
            )
            spans = fold(
                admin1,
                admin2,
                events,
                counting=counting,
                baseline=_baseline_for(admin1, admin2),
                gainer=gainer,
                resume=None if point is None else point[1],
            )
            for seq, span in enumerate(spans, start=first):
                s = span.state
                rows.append(
                    (
                        counting,
                        admin1,
                        admin2,
                        seq,
                        span.valid_from,
                        span.valid_to,
                        s.controller,
                        s.status,
                        s.claim_status,
                        s.since,
                        json.dumps(s.event_ids),
                        basis_of(s),
                        s.source,
                    )
                )
        db.conn.executemany(
            "INSERT INTO control_states (counting, admin1, admin2, seq, valid_from, valid_to, "
            "controller, status, claim_status, since, event_ids, basis, source) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def _is_iso_day(day: str) -> bool:
    try:
        return dt.date.fromisoformat(day).isoformat() == day
    except ValueError:
        return False


def rebuild_all(db: Database) -> None:
    """Refold every district that has an event (one transaction)."""
    from frontlines.store.db import transaction

    with transaction(db):
        db.execute("DELETE FROM control_states")
        places = db.execute(
            "SELECT DISTINCT admin1, admin2 FROM events WHERE admin1 IS NOT NULL "
            "AND admin2 IS NOT NULL"
        ).fetchall()
        pairs = [(a, b) for a, b in places]
        wide = {r[0] for r in db.execute("SELECT DISTINCT admin1 FROM events WHERE admin2 IS NULL")}
        if wide:  # province- or country-wide events reach districts with no event of their own
            pairs += [(a, b) for a, b in _districts(db) if None in wide or a in wide]
        rebuild_control(db, pairs)


# --- reading ------------------------------------------------------------------------


def _state(row: Any) -> ControlState:
    return ControlState(
        admin1=row["admin1"],
        admin2=row["admin2"],
        controller=row["controller"],
        status=row["status"],
        claim_status=row["claim_status"],
        since=row["since"],
        event_ids=tuple(json.loads(row["event_ids"] or "[]")),
        basis=row.get("basis"),
        source=row.get("source"),
    )


def _iso(date: dt.date | str) -> str:
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError:
        raise InvalidDate(str(date)) from None


def control_at(
    db: Database, date: dt.date | str, counting: str = settings.DEFAULT_COUNTING
) -> list[ControlState]:
    """One state per district on ``date``, counting the claim statuses ``counting`` admits."""
    counted_statuses(counting)
    day = _iso(date)
    found = {
        (row["admin1"], row["admin2"]): _state(row)
        for row in db.query(
            "SELECT * FROM control_states WHERE counting = ? AND valid_from <= ? "
            "AND (valid_to IS NULL OR valid_to > ?)",
            [counting, day, day],
        )
    }
    for admin1, admin2 in _districts(db):
        if (admin1, admin2) not in found:
            found[(admin1, admin2)] = baseline_state(admin1, admin2, _baseline_for(admin1, admin2))
    return [found[k] for k in sorted(found)]


def control_on(
    db: Database, date: dt.date | str | None, counting: str = settings.DEFAULT_COUNTING
) -> tuple[str, list[ControlState]]:
    """``control_at`` with a default date: the latest event stored, else the theatre's end."""
    day = _iso(date) if date is not None else latest_date(db)
    if day is None:
        period = get_theatre().meta.get("period", {})
        day = str(period.get("end") or period.get("start") or dt.date(2021, 9, 10).isoformat())
    return day, control_at(db, day, counting)


def capital_falls(
    db: Database, counting: str = "reported"
) -> list[tuple[str, str, str | None, str | None]]:
    """(admin1, capital district, the day it fell, who holds it), one per province.

    The day it fell is the start of the last run of states out of the baseline
    controller's hands (None if it is held at the end).
    """
    counted_statuses(counting)
    try:
        from frontlines.resolve.places import get_gazetteer

        gazetteer = get_gazetteer()
        capitals = []
        for province in gazetteer.provinces():
            if province.admin1:
                try:
                    place = gazetteer.capital_district(province.admin1)
                except Exception:  # a province without a capital on record
                    continue
                if place.admin1 and place.admin2:
                    capitals.append((place.admin1, place.admin2))
    except ImportError:
        return []
    out: list[tuple[str, str, str | None, str | None]] = []
    for admin1, admin2 in sorted(capitals):
        base = _baseline_for(admin1, admin2).controller
        spans = db.execute(
            "SELECT valid_from, controller FROM control_states WHERE counting = ? AND "
            "admin1 = ? AND admin2 = ? ORDER BY seq",
            [counting, admin1, admin2],
        ).fetchall()
        # The fall is the start of the final run out of the baseline controller's hands:
        # a claim that was later reversed is not the fall.
        fell: str | None = None
        taker: str | None = None
        for valid_from, controller in reversed(spans):
            if controller == base:
                break
            fell, taker = valid_from, taker or controller
        out.append((admin1, admin2, fell, taker))
    return out


def latest_date(db: Database) -> str | None:
    """The latest event date in the database (the default date for ``control``)."""
    row = db.execute("SELECT max(event_date) FROM events").fetchone()
    return None if row[0] is None else str(row[0])[:10]


def resolve_district(db: Database, name: str, admin1: str | None = None) -> tuple[str, str]:
    """(admin1, admin2) of a district named ``name`` (gazetteer aliases accepted)."""
    wanted = name.strip().casefold()
    pairs = set(_districts(db)) | {
        (r[0], r[1]) for r in db.execute("SELECT DISTINCT admin1, admin2 FROM control_states")
    }
    hits = sorted(
        p
        for p in pairs
        if p[1].casefold() == wanted and (admin1 is None or p[0].casefold() == admin1.casefold())
    )
    if not hits:
        try:
            from frontlines.resolve.places import get_gazetteer

            place = get_gazetteer().district(name, admin1)
        except ImportError:
            raise UnknownPlace(name) from None
        if place.admin1 and place.admin2:
            return place.admin1, place.admin2
        raise UnknownPlace(name)
    if len(hits) > 1:
        raise AmbiguousDistrict(name, [p[0] for p in hits])
    return hits[0]


def history(
    db: Database, admin2: str, admin1: str | None = None, counting: str = settings.DEFAULT_COUNTING
) -> list[ControlState]:
    """The district's states in date order, one entry per change (the baseline first).

    Each entry's ``since`` is the day it began; a span that only repeats the state
    before it (the same holder, status and basis, more evidence) is folded into it,
    and a contest that ends returns to the holder with the day it ended.
    """
    counted_statuses(counting)
    a1, a2 = resolve_district(db, admin2, admin1)
    rows = list(
        db.query(
            "SELECT * FROM control_states WHERE counting = ? AND admin1 = ? AND admin2 = ? "
            "ORDER BY valid_from, seq",
            [counting, a1, a2],
        )
    )
    if not rows:
        return [baseline_state(a1, a2, _baseline_for(a1, a2))]
    out: list[ControlState] = []
    for row in rows:
        state = _state(row)
        if row["valid_from"] != BEGINNING:
            state = replace(state, since=row["valid_from"])
        if out and _same(out[-1], state):
            last = out[-1]
            extra = tuple(i for i in state.event_ids if i not in last.event_ids)
            out[-1] = replace(last, event_ids=last.event_ids + extra)
            continue
        out.append(state)
    return out


def _same(a: ControlState, b: ControlState) -> bool:
    return (a.controller, a.status, basis_of(a)) == (b.controller, b.status, basis_of(b))


def history_detail(
    db: Database, admin2: str, admin1: str | None = None, counting: str = settings.DEFAULT_COUNTING
) -> list[tuple[ControlState, list[Event]]]:
    """``history`` with each state's evidence events (and their reports)."""
    from frontlines.fuse import events_by_id

    states = history(db, admin2, admin1, counting)
    events = events_by_id(db, [i for s in states for i in s.event_ids])
    return [(s, [events[i] for i in s.event_ids if i in events]) for s in states]


def state_to_dict(state: ControlState) -> dict[str, Any]:
    """The JSON form: {"admin1", "admin2", "controller", "status", "claim_status", "since",
    "event_ids", "basis", "source"}; ``basis`` is event, province, country, baseline or
    none (then controller is null and status "unknown"), ``source`` a baseline's citation."""
    basis = basis_of(state)
    return {
        "admin1": state.admin1,
        "admin2": state.admin2,
        "controller": state.controller,
        "status": state.status,
        "claim_status": state.claim_status,
        "since": state.since,
        "event_ids": list(state.event_ids),
        "basis": basis,
        "source": state.source if basis == "baseline" else None,
    }


def to_geojson(states: Iterable[ControlState], theatre: str | None = None) -> dict[str, Any]:
    """A FeatureCollection of the district polygons with each district's state as properties.

    Districts without a polygon in the theatre data get a null geometry.
    """
    th = get_theatre(theatre)
    shapes: dict[tuple[Any, Any], Any] = {}
    if th.has("districts.geojson"):
        for feature in th.read_json("districts.geojson").get("features", []):
            props = feature.get("properties") or {}
            shapes[(props.get("admin1"), props.get("admin2"))] = feature.get("geometry")
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": shapes.get((s.admin1, s.admin2)),
                "properties": state_to_dict(s),
            }
            for s in states
        ],
    }
