"""Machine formats shared by every face: JSON Lines, ACLED-compatible CSV, GeoJSON, Parquet.

One flat record per event (``export_record``) feeds the CSV, GeoJSON and Parquet
writers, so the three always carry the same columns: every ACLED column in ACLED's
order, filled where Frontlines knows the value, then Frontlines' own columns
(``EXTRA_COLUMNS``).  Input rows are ``Report.to_dict()`` (from ``extract``) or fused
event dicts (``fuse.event_to_dict``, best with their reports).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from frontlines.taxonomy import ACLED_COLUMNS, SUB_EVENT_TYPES

#: Our columns, after ACLED's, in a stable order.
EXTRA_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "detained",
    "claim_status",
    "sources",
    "sources_json",
    "evidence",
    "outlet",
    "url",
    "published",
    "corroboration",
    "extractor_version",
)

#: Columns that hold whole numbers (typed in GeoJSON and Parquet, blank-or-digits in CSV).
INT_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "iso",
        "geo_precision",
        "fatalities",
        "timestamp",
        "detained",
        "corroboration",
    }
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def write_jsonl(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write one JSON object per line; returns the number written."""
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _inter(actor: object) -> int | None:
    """ACLED's inter code of an actor, from the theatre's actor list."""
    if not actor:
        return None
    from frontlines.resolve.actors import get_actor_list

    found = get_actor_list().get(str(actor))
    return found.inter if found else None


def _interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two inter codes, lower first ("12"), or one alone."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return ""
    return "".join(str(c) for c in codes) if len(codes) == 2 else f"{codes[0]}0"


def _country_codes(country: object) -> tuple[int | None, str | None]:
    """ACLED's numeric ``iso`` and ``region`` for a country, when a theatre knows them."""
    if not country:
        return None, None
    from frontlines.theatres import available_theatres, get_theatre

    for name in available_theatres():
        meta = get_theatre(name).meta
        if meta.get("country") == country:
            return meta.get("iso_numeric"), meta.get("acled_region")
    return None, None


def _lead(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """The report that speaks for an event: its first one that does not contradict it."""
    reports = row.get("reports") or []
    for report in reports:
        if report.get("role") != "contradicts":
            return dict(report)
    return dict(reports[0]) if reports else row


def _timestamp(published: list[str]) -> int | None:
    """ACLED's ``timestamp`` (when the row last changed): midnight UTC of the latest report."""
    days = sorted(p[:10] for p in published if p)
    if not days:
        return None
    day = dt.date.fromisoformat(days[-1])
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _sources_text(sources: list[Mapping[str, Any]]) -> str:
    return "; ".join(s["name"] + (f" ({s['role']})" if s.get("role") else "") for s in sources)


def export_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One flat, typed record: ACLED's columns then ours; None where nothing is known.

    ``fatalities`` is 0 when no report gave a count, as in ACLED's data.  ``source`` is
    the outlets that published the event (ACLED's meaning), ``sources`` the people and
    bodies they quote.
    """
    lead = _lead(row)
    reports = row.get("reports") or [row]
    sources = list(row.get("sources") or [])
    event_date = row.get("event_date")
    sub = row.get("sub_event_type")
    event_type = row.get("event_type") or (SUB_EVENT_TYPES.get(sub) if sub else None)
    inter1, inter2 = _inter(row.get("actor1")), _inter(row.get("actor2"))
    iso, region = _country_codes(row.get("country"))
    outlets: list[str] = []
    for report in reports:
        outlet = report.get("outlet")
        if outlet and outlet not in outlets:
            outlets.append(outlet)
    civilians = any(
        str(row.get(k) or "").startswith("Civilians") for k in ("actor2", "assoc_actor_2")
    )
    fatalities = row.get("fatalities")
    out: dict[str, Any] = {c: None for c in (*ACLED_COLUMNS, *EXTRA_COLUMNS)}
    out.update(
        {
            "event_id_cnty": row.get("event_id"),
            "event_date": event_date,
            "year": int(event_date[:4]) if event_date else None,
            "time_precision": row.get("time_precision"),
            "disorder_type": _DISORDER.get(event_type or ""),
            "event_type": event_type,
            "sub_event_type": sub,
            "actor1": row.get("actor1"),
            "assoc_actor_1": row.get("assoc_actor_1"),
            "inter1": inter1,
            "actor2": row.get("actor2"),
            "assoc_actor_2": row.get("assoc_actor_2"),
            "inter2": inter2,
            "interaction": _interaction(inter1, inter2) or None,
            "civilian_targeting": "Civilian targeting" if civilians else None,
            "iso": iso,
            "region": region,
            "country": row.get("country"),
            "admin1": row.get("admin1"),
            "admin2": row.get("admin2"),
            "location": row.get("location"),
            "latitude": row.get("latitude"),
            "longitude": row.get("longitude"),
            "geo_precision": row.get("geo_precision"),
            "source": "; ".join(outlets) or _sources_text(sources) or None,
            "notes": row.get("notes"),
            "fatalities": 0 if fatalities is None else fatalities,
            "timestamp": _timestamp([str(r.get("published") or "") for r in reports]),
            # ours
            "event_id": row.get("event_id"),
            "article_id": row.get("article_id") or lead.get("article_id"),
            "detained": row.get("detained"),
            "claim_status": row.get("claim_status"),
            "sources": _sources_text(sources) or None,
            "sources_json": json.dumps(sources, ensure_ascii=False),
            "evidence": row.get("evidence") or lead.get("evidence"),
            "outlet": row.get("outlet") or lead.get("outlet"),
            "url": row.get("url") or lead.get("url"),
            "published": row.get("published") or lead.get("published"),
            "corroboration": row.get("corroboration"),
            "extractor_version": row.get("extractor_version") or lead.get("extractor_version"),
        }
    )
    for key, value in out.items():
        if value == "":
            out[key] = None
    return out


def acled_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """``export_record`` as CSV cells: blank where nothing is known."""
    return {k: "" if v is None else v for k, v in export_record(row).items()}


def write_csv(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """ACLED's column order for the columns we share, then ours."""
    writer = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS])
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(acled_row(row))
        n += 1
    return n


def geojson(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of points (WGS 84), one per event, with flat properties that
    QGIS, GDAL and geopandas read as columns; an event with no coordinates has no geometry."""
    features = []
    for row in rows:
        props = export_record(row)
        lon, lat = props["longitude"], props["latitude"]
        features.append(
            {
                "type": "Feature",
                "id": props["event_id"],
                "geometry": None
                if lon is None or lat is None
                else {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write ``geojson(rows)``; returns the number of features."""
    collection = geojson(rows)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


def write_parquet(rows: Iterable[Mapping[str, Any]], out: IO[bytes] | str) -> int:
    """Write the export records as one Parquet table (typed columns, ACLED's order first).

    Needs ``pyarrow`` (``pip install 'frontlines[parquet]'``); without it
    ``MissingDependency`` says so.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        from frontlines.errors import MissingDependency

        raise MissingDependency("pyarrow", "Parquet export", "frontlines[parquet]") from None
    records = [export_record(r) for r in rows]
    names = [*ACLED_COLUMNS, *EXTRA_COLUMNS]

    def kind(name: str) -> Any:
        if name in INT_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    schema = pa.schema([(n, kind(n)) for n in names])
    table = pa.Table.from_pylist(records, schema=schema)
    pq.write_table(table, out)
    return len(records)
