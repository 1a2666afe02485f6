"""``frontlines control [--db] [--date D] [--counting confirmed|reported|all]
[--changed-since D] [--format table|json|geojson|csv] [--summary] [--wide]``."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Any

import click

from frontlines.cli._common import (
    DATE,
    counting_option,
    date_option,
    db_option,
    domain_errors,
    format_option,
    warn_outside_period,
    wide_option,
)


@click.command("control")
@db_option()
@date_option("Default: the latest event date stored.")
@counting_option("Which claim statuses count: confirmed only, reported, or all claims.")
@format_option("table", "json", "geojson", "csv")
@click.option(
    "--changed-since",
    "changed_since",
    type=DATE,
    default=None,
    help="Only districts whose state changed on or after this date (up to --date).",
)
@click.option(
    "--summary",
    is_flag=True,
    help="Districts by controller (government, taliban, resistance, contested, unknown), "
    "one row per week of the theatre's period (up to --date when given).",
)
@wide_option()
@domain_errors
def command(
    db_path: str | None,
    date: dt.date | None,
    counting: str,
    fmt: str,
    changed_since: dt.date | None,
    summary: bool,
    wide: bool,
) -> None:
    """Who controls each district on a date, with the evidence events and basis."""
    from frontlines.control import control_on, state_to_dict, to_geojson
    from frontlines.store import open_db

    db = open_db(db_path, create=False)
    warn_outside_period(date, "--date")
    warn_outside_period(changed_since, "--changed-since")
    if summary:
        _print_summary(db, counting, date, fmt)
        return
    day, states = control_on(db, date, counting)
    if changed_since is not None:
        after = changed_since.isoformat()
        states = [s for s in states if s.since and s.since >= after]
    if fmt == "json":
        json.dump([state_to_dict(s) for s in states], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "geojson":
        json.dump(to_geojson(states), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "csv":
        fields = [
            "admin1",
            "admin2",
            "controller",
            "status",
            "claim_status",
            "since",
            "event_ids",
            "basis",
            "source",
        ]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields)
        writer.writeheader()
        for s in states:
            row = state_to_dict(s)
            row["event_ids"] = " ".join(row["event_ids"])
            writer.writerow(row)
    else:
        _print_table(day, counting, states, changed_since, wide)


def _print_table(
    day: str | None,
    counting: str,
    states: list[Any],
    changed_since: dt.date | None,
    wide: bool,
) -> None:
    """The states as a table with a header row, then one totals line."""
    from frontlines.cli._table import Column, render
    from frontlines.control import basis_of

    changed = f", changed since {changed_since}" if changed_since else ""
    click.echo(f"control on {day} (counting: {counting}{changed})", err=True)
    columns = [
        Column("PROVINCE", shrink=True),
        Column("DISTRICT", shrink=True),
        Column("CONTROLLER", shrink=True),
        Column("STATUS"),
        Column("CLAIM"),
        Column("SINCE"),
        Column("BASIS"),
    ]
    rows = [
        [s.admin1, s.admin2, s.controller, s.status, s.claim_status, s.since, basis_of(s)]
        for s in states
    ]
    for line in render(columns, rows, wide=wide):
        click.echo(line)
    click.echo(totals_line(states, changed_since is not None))


def totals_line(states: list[Any], changed: bool) -> str:
    """ "398 districts: 210 Taliban, 180 Government of Afghanistan, 5 contested, 3 unknown"."""
    counts: dict[str, int] = {}
    for s in states:
        if s.status == "contested":
            key = "contested"
        elif s.status == "unknown" or not s.controller:
            key = "unknown"
        else:
            key = s.controller
        counts[key] = counts.get(key, 0) + 1
    parts = ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    noun = "district" if len(states) == 1 else "districts"
    return f"{len(states)} {noun}{' changed' if changed else ''}" + (f": {parts}" if parts else "")


def _print_summary(db: Any, counting: str, date: dt.date | None, fmt: str) -> None:
    """Districts by controller, one row per week, as a table, JSON or CSV."""
    from frontlines.control import SUMMARY_KEYS, weekly_summary

    rows = weekly_summary(db, counting, end=date)
    if fmt in ("json", "geojson"):
        json.dump(rows, sys.stdout)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=["week", *SUMMARY_KEYS])
        writer.writeheader()
        writer.writerows(rows)
    else:
        click.echo(f"districts by controller, week by week (counting: {counting})", err=True)
        click.echo(f"{'week':<10}  " + "  ".join(f"{k:>10}" for k in SUMMARY_KEYS))
        for row in rows:
            click.echo(f"{row['week']:<10}  " + "  ".join(f"{row[k]:>10}" for k in SUMMARY_KEYS))
