"""Machine formats shared by every face: JSON Lines and ACLED-compatible CSV."""

from __future__ import annotations

import csv
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
    "sources_json",
    "evidence",
    "outlet",
    "url",
    "published",
    "corroboration",
    "extractor_version",
)

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


def acled_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event dict (``Report.to_dict()`` or a fused event) as an ACLED-shaped CSV row."""
    sources = row.get("sources") or []
    event_date = row.get("event_date")
    sub = row.get("sub_event_type")
    event_type = row.get("event_type") or (SUB_EVENT_TYPES.get(sub) if sub else None)
    out: dict[str, Any] = {c: "" for c in ACLED_COLUMNS}
    out.update(
        {
            "event_id_cnty": row.get("event_id", ""),
            "event_date": event_date or "",
            "year": event_date[:4] if event_date else "",
            "time_precision": row.get("time_precision") or "",
            "disorder_type": _DISORDER.get(event_type or "", ""),
            "event_type": event_type or "",
            "sub_event_type": sub or "",
            "actor1": row.get("actor1") or "",
            "assoc_actor_1": row.get("assoc_actor_1") or "",
            "inter1": _inter(row.get("actor1")) or "",
            "actor2": row.get("actor2") or "",
            "assoc_actor_2": row.get("assoc_actor_2") or "",
            "inter2": _inter(row.get("actor2")) or "",
            "interaction": _interaction(_inter(row.get("actor1")), _inter(row.get("actor2"))),
            "country": row.get("country") or "",
            "admin1": row.get("admin1") or "",
            "admin2": row.get("admin2") or "",
            "location": row.get("location") or "",
            "latitude": "" if row.get("latitude") is None else row["latitude"],
            "longitude": "" if row.get("longitude") is None else row["longitude"],
            "geo_precision": row.get("geo_precision") or "",
            "source": "; ".join(
                s["name"] + (f" ({s['role']})" if s.get("role") else "") for s in sources
            )
            or (row.get("outlet") or ""),
            "notes": row.get("notes") or "",
            "fatalities": "" if row.get("fatalities") is None else row["fatalities"],
        }
    )
    for col in EXTRA_COLUMNS:
        if col == "sources_json":
            out[col] = json.dumps(sources, ensure_ascii=False)
        else:
            value = row.get(col)
            out[col] = "" if value is None else value
    return out


def _interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: the two inter codes, lower first ("12"), or one alone."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return ""
    return "".join(str(c) for c in codes) if len(codes) == 2 else f"{codes[0]}0"


def write_csv(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """ACLED's column order for the columns we share, then ours."""
    writer = csv.DictWriter(out, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS])
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(acled_row(row))
        n += 1
    return n
