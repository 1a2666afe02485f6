"""``frontlines events [--db] [--since] [--until] [--admin1] [--admin2] [--type]
[--claim-status] [--format table|jsonl|csv|geojson]``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import get_args

import click

from frontlines.cli._common import DATE, db_option, domain_errors, format_option
from frontlines.records import FusedClaimStatus

#: A fused event's claim statuses, read from the record type (importing fuse would slow start-up).
_STATUSES = list(get_args(FusedClaimStatus))


@click.command("events")
@db_option()
@click.option("--since", type=DATE, help="First event date (inclusive).")
@click.option("--until", type=DATE, help="Last event date (inclusive).")
@click.option("--admin1", default=None, help="Province, e.g. Kunduz.")
@click.option("--admin2", default=None, help="District, e.g. 'Imam Sahib'.")
@click.option("--type", "sub_event_type", default=None, help="ACLED sub-event type.")
@click.option("--claim-status", type=click.Choice(_STATUSES), default=None)
@format_option("table", "jsonl", "csv", "geojson")
@domain_errors
def command(
    db_path: str | None,
    since: dt.date | None,
    until: dt.date | None,
    admin1: str | None,
    admin2: str | None,
    sub_event_type: str | None,
    claim_status: str | None,
    fmt: str,
) -> None:
    """List fused events, with their corroboration and claim status.

    csv is ACLED-compatible (ACLED's columns first, then ours); jsonl and geojson
    carry every report of each event with its evidence and sources.
    """
    from frontlines.fuse import event_to_dict, list_events
    from frontlines.store import open_db

    events = list_events(
        open_db(db_path, create=False),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        admin1=admin1,
        admin2=admin2,
        sub_event_type=sub_event_type,
        claim_status=claim_status,
        with_reports=fmt != "table",
    )
    rows = [event_to_dict(e, with_reports=fmt in ("jsonl", "geojson")) for e in events]
    if fmt == "jsonl":
        from frontlines.export import write_jsonl

        write_jsonl(rows, sys.stdout)
    elif fmt == "csv":
        from frontlines.export import write_csv

        write_csv(rows, sys.stdout)
    elif fmt == "geojson":
        features = [
            {
                "type": "Feature",
                "geometry": None
                if row["longitude"] is None or row["latitude"] is None
                else {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": row,
            }
            for row in rows
        ]
        json.dump(
            {"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False
        )
        sys.stdout.write("\n")
    else:
        for row in rows:
            place = ", ".join(x for x in (row["admin2"], row["admin1"]) if x) or "-"
            click.echo(
                f"{row['event_date'] or '????-??-??'}  {row['sub_event_type']:<36.36}  "
                f"{place:<30.30}  {row['actor1'] or '-':<22.22}  {row['claim_status']:<10}  "
                f"x{row['corroboration']}  {row['event_id']}"
            )
        click.echo(f"{len(rows)} event(s)", err=True)
