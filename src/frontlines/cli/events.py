"""``frontlines events [--db] [--since] [--until] [--admin1] [--admin2] [--type]
[--claim-status] [--format table|jsonl|csv|geojson|parquet] [--output FILE] [--wide]``."""

from __future__ import annotations

import datetime as dt
import sys
from typing import get_args

import click

from frontlines.cli._common import (
    DATE,
    canonical_places,
    db_option,
    domain_errors,
    format_option,
    warn,
    warn_outside_period,
    wide_option,
)
from frontlines.records import FusedClaimStatus
from frontlines.taxonomy import SUB_EVENT_TYPES

#: A fused event's claim statuses, read from the record type (importing fuse would slow start-up).
_STATUSES = list(get_args(FusedClaimStatus))


@click.command("events")
@db_option()
@click.option("--since", type=DATE, help="First event date (inclusive).")
@click.option("--until", type=DATE, help="Last event date (inclusive).")
@click.option("--admin1", default=None, help="Province, e.g. Kunduz (any case).")
@click.option("--admin2", default=None, help="District, e.g. 'Imam Sahib' (any case or alias).")
@click.option(
    "--type",
    "sub_event_type",
    default=None,
    help="ACLED sub-event type, in any case, e.g. 'armed clash'.",
)
@click.option("--claim-status", type=click.Choice(_STATUSES, case_sensitive=False), default=None)
@format_option("table", "jsonl", "csv", "geojson", "parquet")
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of stdout (needed for parquet on a terminal).",
)
@wide_option()
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
    output: str | None,
    wide: bool,
) -> None:
    """List fused events, with fatalities, detained, corroboration and claim status.

    csv is ACLED-compatible (every ACLED column in ACLED's order, then ours); geojson
    (points, flat columns) opens in QGIS; parquet keeps the same columns typed;
    jsonl carries every report of each event with its evidence and sources.
    """
    from frontlines.fuse import event_to_dict, list_events
    from frontlines.store import open_db

    db = open_db(db_path, create=False)
    sub_event_type = _canonical_type(sub_event_type)
    warn_outside_period(since, "--since")
    warn_outside_period(until, "--until")
    admin1, admin2 = canonical_places(admin1, admin2)
    events = list_events(
        db,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        admin1=admin1,
        admin2=admin2,
        sub_event_type=sub_event_type,
        claim_status=claim_status,
        with_reports=fmt != "table",
    )
    rows = [event_to_dict(e, with_reports=fmt != "table") for e in events]
    if fmt == "parquet":
        _write_parquet(rows, output)
        return
    if fmt == "table":
        _print_table(rows, wide)
        click.echo(f"{len(rows)} event(s)", err=True)
        return
    from frontlines import export

    with click.open_file(output or "-", "w", encoding="utf-8") as out:
        if fmt == "jsonl":
            export.write_jsonl(rows, out)
        elif fmt == "csv":
            export.write_csv(rows, out)
        else:
            export.write_geojson(rows, out)


def _canonical_type(value: str | None) -> str | None:
    """ACLED's spelling of a sub-event type given in any case; UnknownSubEventType (with
    the nearest names) otherwise."""
    if value is None:
        return None
    by_fold = {t.casefold(): t for t in SUB_EVENT_TYPES}
    found = by_fold.get(" ".join(value.split()).casefold())
    if found is None:
        from frontlines.cli._common import suggest
        from frontlines.errors import UnknownSubEventType

        hint = suggest(value, list(SUB_EVENT_TYPES))
        if hint:
            warn(f"unknown sub-event type {value!r}{hint}")
        raise UnknownSubEventType(value)
    return found


def _write_parquet(rows: list[dict[str, object]], output: str | None) -> None:
    from frontlines.errors import InvalidParameter
    from frontlines.export import write_parquet

    if output is None:
        if sys.stdout.isatty():
            raise InvalidParameter(
                "--output", None, "a file for parquet on a terminal: add --output events.parquet"
            )
        write_parquet(rows, sys.stdout.buffer)
        return
    write_parquet(rows, output)


def _print_table(rows: list[dict[str, object]], wide: bool) -> None:
    from frontlines.cli._table import EVENT_COLUMNS, Column, event_cells, render

    columns = [*EVENT_COLUMNS, Column("ACCOUNTS", right=True), Column("EVENT ID")]
    body = []
    for row in rows:
        place = ", ".join(str(x) for x in (row["admin2"], row["admin1"]) if x)
        body.append([*event_cells(row, place), row["corroboration"], row["event_id"]])
    for line in render(columns, body, wide=wide):
        click.echo(line)
