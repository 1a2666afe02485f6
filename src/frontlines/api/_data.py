"""What the API reads and writes, as plain functions over an open database.

These are small adapters over the library (``fuse``, ``control``, ``routes``,
``store``): validation of every parameter, the JSON shapes the page reads, and
the few things the library does not offer yet (reading one article, ingesting
one article and reporting its events, a bbox filter and newest-first paging).
Nothing here imports FastAPI, so it can be tested without a server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Unpack

from sqlite_utils import Database

from frontlines import settings
from frontlines.errors import InvalidDate, InvalidParameter, NotFound
from frontlines.fuse import (
    FUSED_CLAIM_STATUSES,
    EventFilters,
    check_sub_event_type,
    count_events,
    event_to_dict,
    events_by_id,
    get_event,
    list_events,
)
from frontlines.taxonomy import SUB_EVENT_TYPES

_ID_RE = re.compile(r"^[\w.:~@+-]{1,200}$")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


# --- parameters ---------------------------------------------------------------------


def parse_date(name: str, value: str | None) -> str | None:
    """A strict YYYY-MM-DD date as an ISO string; InvalidDate otherwise (e.g. 2021-02-30)."""
    if value is None or value == "":
        return None
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise InvalidDate(value, f"{name} must be YYYY-MM-DD, e.g. 2021-06-21")
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InvalidDate(value, f"{name} is not a day of the calendar; use YYYY-MM-DD") from None


def parse_counting(value: str | None) -> str:
    """One of ``settings.COUNTING``'s keys (default ``settings.DEFAULT_COUNTING``)."""
    if value is None or value == "":
        return settings.DEFAULT_COUNTING
    if value not in settings.COUNTING:
        raise InvalidParameter("counting", value, " | ".join(settings.COUNTING))
    return value


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees, min below max; InvalidParameter otherwise."""
    if value is None or value == "":
        return None
    allowed = "minlon,minlat,maxlon,maxlat in degrees, e.g. 68.5,36.0,69.5,37.5"
    parts = value.split(",")
    if len(parts) != 4:
        raise InvalidParameter("bbox", value, allowed)
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise InvalidParameter("bbox", value, allowed) from None
    finite = all(abs(v) < float("inf") for v in (minlon, minlat, maxlon, maxlat))
    if not finite or not (-180 <= minlon <= maxlon <= 180) or not (-90 <= minlat <= maxlat <= 90):
        raise InvalidParameter("bbox", value, allowed + " (min <= max, lon in ±180, lat in ±90)")
    return minlon, minlat, maxlon, maxlat


def parse_page(limit: str | None, offset: str | None) -> tuple[int, int]:
    """(limit, offset): 1 <= limit <= ``settings.API_MAX_PAGE_SIZE``, offset >= 0."""
    size = settings.API_PAGE_SIZE
    if limit is not None and limit != "":
        if not re.fullmatch(r"\d{1,9}", limit.strip()) or not (
            1 <= int(limit) <= settings.API_MAX_PAGE_SIZE
        ):
            raise InvalidParameter(
                "limit", limit, f"a whole number from 1 to {settings.API_MAX_PAGE_SIZE}"
            )
        size = int(limit)
    start = 0
    if offset is not None and offset != "":
        if not re.fullmatch(r"\d{1,12}", offset.strip()):
            raise InvalidParameter("offset", offset, "a whole number from 0")
        start = int(offset)
    return size, start


def parse_choice(name: str, value: str | None, allowed: Sequence[str]) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise InvalidParameter(name, value, "one of " + ", ".join(repr(a) for a in allowed))
    return value


def parse_text(name: str, value: str | None, max_len: int = 200) -> str | None:
    if value is None or value == "":
        return None
    if len(value) > max_len or any(ord(c) < 32 for c in value):
        raise InvalidParameter(
            name, value[:60], f"a name of at most {max_len} printable characters"
        )
    return value


# --- events -------------------------------------------------------------------------


def _article_link(article_id: str) -> str:
    from urllib.parse import quote

    return "/api/articles/" + quote(article_id, safe="")


def event_json(event: Any, *, with_reports: bool) -> dict[str, Any]:
    """``fuse.event_to_dict`` plus, for each report, the link to its article."""
    out = event_to_dict(event, with_reports=with_reports)
    if with_reports:
        from frontlines.fuse.explain import explain_claim_status, explain_report_status

        out["claim_status_why"] = explain_claim_status(event)
        for report, record in zip(out.get("reports", []), event.reports, strict=False):
            report["article_link"] = _article_link(report["article_id"])
            report["status_why"] = explain_report_status(record)
        out["articles"] = sorted({r["article_id"] for r in out.get("reports", [])})
    return out


def list_events_page(
    db: Database,
    *,
    bbox: tuple[float, float, float, float] | None = None,
    limit: int = settings.API_PAGE_SIZE,
    offset: int = 0,
    order: str = "asc",
    **filters: Unpack[EventFilters],
) -> dict[str, Any]:
    """{total, limit, offset, order, items}: one page of fused events matching the filters."""
    since, until = filters.get("since"), filters.get("until")
    if since and until and since > until:
        raise InvalidParameter("since", since, f"a date on or before until ({until})")
    check_sub_event_type(filters.get("sub_event_type"), "sub_event_type")
    if bbox is None:
        total = count_events(db, **filters)
        if order == "desc":
            # list_events is oldest first: take the page from the end and turn it round.
            stop = max(0, total - offset)
            start = max(0, stop - limit)
            events = list_events(db, **filters, limit=stop - start, offset=start)
            events.reverse()
        else:
            events = list_events(db, **filters, limit=limit, offset=offset)
        items = [event_json(e, with_reports=False) for e in events]
    else:
        minlon, minlat, maxlon, maxlat = bbox
        hits = [
            e
            for e in list_events(db, **filters, with_reports=False)
            if e.latitude is not None
            and e.longitude is not None
            and minlat <= e.latitude <= maxlat
            and minlon <= e.longitude <= maxlon
        ]
        total = len(hits)
        if order == "desc":
            hits.reverse()
        page = hits[offset : offset + limit]
        full = events_by_id(db, [e.event_id for e in page])
        items = [event_json(full.get(e.event_id, e), with_reports=False) for e in page]
    return {"total": total, "limit": limit, "offset": offset, "order": order, "items": items}


def get_event_json(db: Database, event_id: str) -> dict[str, Any]:
    return event_json(get_event(db, event_id), with_reports=True)


# --- control ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DistrictShape:
    """One district's polygon, serialised once, and its bounding box."""

    geometry_json: str
    capital: bool
    bbox: tuple[float, float, float, float]


def _bbox_of(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []

    def walk(node: Any) -> None:
        if node and isinstance(node[0], int | float):
            xs.append(float(node[0]))
            ys.append(float(node[1]))
        else:
            for child in node:
                walk(child)

    walk(geometry.get("coordinates") or [])
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


@cache
def district_shapes(theatre: str | None = None) -> dict[tuple[str, str], DistrictShape]:
    """The theatre's district polygons by (admin1, admin2), read and serialised once a process.

    /api/control then only serialises the 398 small state dicts per call and
    splices in these strings, which keeps it far under its 200 ms budget.
    """
    from frontlines.theatres import get_theatre

    th = get_theatre(theatre)
    out: dict[tuple[str, str], DistrictShape] = {}
    if not th.has("districts.geojson"):
        return out
    for feature in th.read_json("districts.geojson").get("features", []):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if not props.get("admin1") or not props.get("admin2") or not geometry:
            continue
        out[(props["admin1"], props["admin2"])] = DistrictShape(
            geometry_json=json.dumps(geometry, separators=(",", ":")),
            capital=bool(props.get("is_capital_district")),
            bbox=_bbox_of(geometry),
        )
    return out


@cache
def provinces_json(theatre: str | None = None) -> bytes:
    """The theatre's province outlines (drawn over the districts), serialised once."""
    from frontlines.theatres import get_theatre

    th = get_theatre(theatre)
    data = th.read_json("provinces.geojson") if th.has("provinces.geojson") else None
    data = data or {"type": "FeatureCollection", "features": []}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def control_json(db: Database, date: str | None, counting: str, *, geometry: bool = True) -> bytes:
    """/api/control's body: a FeatureCollection of every district's state on ``date``.

    Besides GeoJSON, the collection carries ``date``, ``counting`` and
    ``counts`` (districts by controller and status), which the page's counter shows.
    """
    from frontlines.control import control_on, state_to_dict

    day, states = control_on(db, date, counting)
    shapes = district_shapes()
    counts: dict[str, int] = {}
    parts: list[str] = []
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for state in states:
        props = state_to_dict(state)
        shape = shapes.get((state.admin1, state.admin2))
        props["capital"] = bool(shape and shape.capital)
        key = display_class(state.controller, state.status, state.claim_status)
        props["display"] = key
        counts[key] = counts.get(key, 0) + 1
        geom = shape.geometry_json if (geometry and shape is not None) else "null"
        fid = dumps(f"{state.admin1}/{state.admin2}")
        parts.append(
            f'{{"type":"Feature","id":{fid},"geometry":{geom},"properties":{dumps(props)}}}'
        )
    head = dumps({"date": day, "counting": counting, "counts": counts})[:-1]
    return (head + ',"type":"FeatureCollection","features":[' + ",".join(parts) + "]}").encode(
        "utf-8"
    )


def display_class(controller: str | None, status: str, claim_status: str | None) -> str:
    """The map's category for a state: government, taliban, resistance, contested,
    unverified (a territorial claim nobody else reported), or unknown."""
    from frontlines.theatres import get_theatre

    meta = get_theatre().meta
    if status == "contested":
        return "contested"
    if status == "unknown" or not controller:
        return "unknown"
    if claim_status in ("unverified", "claimed"):
        return "unverified"
    if controller == meta.get("government_actor"):
        return "government"
    if controller == meta.get("insurgent_actor"):
        return "taliban"
    return "resistance"


def history_json(db: Database, admin2: str, admin1: str | None, counting: str) -> dict[str, Any]:
    """A district's control states, oldest first, each with its evidence events and reports."""
    from frontlines.control import history_detail, state_to_dict

    detail = history_detail(db, admin2, admin1, counting)
    states = []
    for state, events in detail:
        item = state_to_dict(state)
        item["display"] = display_class(state.controller, state.status, state.claim_status)
        item["events"] = [event_json(e, with_reports=True) for e in events]
        states.append(item)
    first = detail[0][0] if detail else None
    return {
        "admin1": first.admin1 if first else admin1,
        "admin2": first.admin2 if first else admin2,
        "counting": counting,
        "states": states,
    }


# --- routes -------------------------------------------------------------------------


def routes_json(db: Database, date: str | None, counting: str, hub: str | None) -> dict[str, Any]:
    """The routes analysis at ``date`` with the road and crossing/capital map layers."""
    from frontlines.routes import analyse, crossings_geojson, roads_geojson

    result = analyse(db, date, hub=hub, counting=counting)
    return {
        "analysis": result.to_dict(),
        "roads": roads_geojson(result),
        "points": crossings_geojson(result),
    }


# --- articles -----------------------------------------------------------------------


def get_article_json(db: Database, article_id: str) -> dict[str, Any]:
    """An article as stored, with the reports extracted from it; NotFound otherwise."""
    row = db.execute(
        "SELECT article_id, title, url, outlet, published, published_source, dateline, text, "
        "near_dup_of, story_id, ingested_at FROM articles WHERE article_id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        raise NotFound(
            f"no article {article_id[:200]!r} in the database: "
            "article ids are listed in each event's reports"
        )
    keys = [
        "article_id",
        "title",
        "url",
        "outlet",
        "published",
        "published_source",
        "dateline",
        "text",
        "near_dup_of",
        "story_id",
        "ingested_at",
    ]
    out: dict[str, Any] = dict(zip(keys, row, strict=True))
    out["reports"] = [
        {
            "report_id": r[0],
            "event_id": r[1],
            "sub_event_type": r[2],
            "event_date": r[3],
            "admin1": r[4],
            "admin2": r[5],
            "claim_status": r[6],
            "evidence": r[7],
            "evidence_start": r[8],
            "evidence_end": r[9],
        }
        for r in db.execute(
            "SELECT report_id, event_id, sub_event_type, event_date, admin1, admin2, "
            "claim_status, evidence, evidence_start, evidence_end FROM reports "
            "WHERE article_id = ? ORDER BY rowid",
            [article_id],
        )
    ]
    return out


@dataclass(frozen=True, slots=True)
class NewArticle:
    """A validated POST /api/articles body."""

    text: str
    article_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


def parse_new_article(body: Any) -> NewArticle:
    """Check a POST body: {text, id?, title?, url?, outlet?, published?}, all strings."""
    if not isinstance(body, dict):
        raise InvalidParameter(
            "body",
            type(body).__name__,
            'a JSON object such as {"text": "...", "published": "2021-06-21"}',
        )
    allowed = ("id", "text", "title", "url", "outlet", "published")
    extra = sorted(set(body) - set(allowed))
    if extra:
        raise InvalidParameter("field", extra[0], "the fields " + ", ".join(allowed))
    for name in allowed:
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidParameter(name, value, "a string")
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidParameter("text", text, "the article's text, a non-empty string")
    article_id = body.get("id") or None
    if article_id is not None and not _ID_RE.match(article_id):
        raise InvalidParameter(
            "id", article_id[:60], "1-200 letters, digits and . : ~ @ + - _ (or leave it out)"
        )
    for name, limit in (("title", 1000), ("url", 2000), ("outlet", 200)):
        value = body.get(name)
        if value is not None and len(value) > limit:
            raise InvalidParameter(name, value[:60] + "...", f"at most {limit} characters")
        if name != "title" and value is not None and _SURROGATE_RE.search(value):
            # A lone surrogate (JSON "\ud800") cannot be stored as UTF-8 (a title's is
            # replaced by U+FFFD when the article is read, as the text's).
            raise InvalidParameter(name, "(lone surrogate)", "valid Unicode text")
    url = body.get("url") or None
    if url is not None and not re.match(r"^https?://", url, re.I):
        raise InvalidParameter("url", url[:60], "an http:// or https:// address")
    published = parse_date("published", body.get("published"))
    return NewArticle(
        text=text,
        article_id=article_id,
        title=body.get("title") or None,
        url=url,
        outlet=body.get("outlet") or None,
        published=dt.date.fromisoformat(published) if published else None,
    )


def ingest_one(db: Database, new: NewArticle) -> dict[str, Any]:
    """Read, extract and store one article; fusion and the control timeline of the
    districts it touches are redone in the same transaction, so the next read sees them."""
    from frontlines.errors import InputError
    from frontlines.ingest import read_text
    from frontlines.store import ingest_articles

    article_id = (
        new.article_id
        or "api-" + hashlib.sha256(new.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    )
    article = read_text(
        new.text,
        article_id=article_id,
        published=new.published,
        title=new.title,
        url=new.url,
        outlet=new.outlet,
    )
    summary = ingest_articles([article], db=db, workers=1)
    if summary.failures:
        failure = summary.failures[0]
        raise InputError(failure.source, failure.reason)
    duplicate = summary.duplicate > 0
    # A new text under a taken id is stored under a suffixed id: find it by its text.
    from frontlines.fuse.minhash import content_hash

    row = db.execute(
        "SELECT article_id FROM articles WHERE content_hash = ?", [content_hash(article.text)]
    ).fetchone()
    stored_id = str(row[0]) if row else article_id
    stored = get_article_json(db, stored_id)
    districts = sorted(
        {(r["admin1"], r["admin2"]) for r in stored["reports"] if r["admin1"] and r["admin2"]}
    )
    return {
        "article_id": stored_id,
        "duplicate": duplicate,
        "published": stored["published"],
        "reports": stored["reports"],
        "events": sorted({r["event_id"] for r in stored["reports"] if r["event_id"]}),
        "districts": [{"admin1": a, "admin2": b} for a, b in districts],
        "link": _article_link(stored_id),
    }


def meta_json(db: Database) -> dict[str, Any]:
    """What the page needs to set itself up: the theatre period, countings, latest date."""
    from frontlines.control import latest_date
    from frontlines.theatres import get_theatre

    th = get_theatre()
    period = th.meta.get("period", {})
    return {
        "theatre": th.name,
        "country": th.country,
        "period": {"start": period.get("start"), "end": period.get("end")},
        "countings": list(settings.COUNTING),
        "default_counting": settings.DEFAULT_COUNTING,
        "latest_date": latest_date(db),
        # The day the page opens on: the theatre's chosen day when the record reaches it.
        "default_date": th.meta.get("opening_date"),
        "government_actor": th.meta.get("government_actor"),
        "insurgent_actor": th.meta.get("insurgent_actor"),
        "claim_statuses": list(FUSED_CLAIM_STATUSES),
        "counting_statuses": {k: list(v) for k, v in settings.COUNTING.items()},
        "capital": th.meta.get("capital"),
        "sub_event_types": list(SUB_EVENT_TYPES),
        # Where the map labels the countries around the theatre (name, lon, lat).
        "neighbours": th.read_json("neighbours.json") if th.has("neighbours.json") else [],
    }
