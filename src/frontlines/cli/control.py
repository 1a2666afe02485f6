"""``frontlines control [--db] [--date D] [--counting confirmed|reported|all]
[--format table|json|geojson|csv] [--summary]``."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys

import click

from frontlines.cli._common import (
    counting_option,
    date_option,
    db_option,
    domain_errors,
    format_option,
)


@click.command("control")
@db_option()
@date_option("Default: the latest event date stored.")
@counting_option("Which claim statuses count: confirmed only, reported, or all claims.")
@format_option("table", "json", "geojson", "csv")
@click.option(
    "--summary",
    is_flag=True,
    help="Districts by controller (government, taliban, resistance, contested, unknown), "
    "one row per week of the theatre's period (up to --date when given).",
)
@domain_errors
def command(
    db_path: str | None, date: dt.date | None, counting: str, fmt: str, summary: bool
) -> None:
    """Who controls each district on a date, with the evidence events and basis."""
    from frontlines.control import (
        SUMMARY_KEYS,
        control_on,
        state_to_dict,
        to_geojson,
        weekly_summary,
    )
    from frontlines.store import open_db

    if summary:
        rows = weekly_summary(open_db(db_path, create=False), counting, end=date)
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
                click.echo(
                    f"{row['week']:<10}  " + "  ".join(f"{row[k]:>10}" for k in SUMMARY_KEYS)
                )
        return
    day, states = control_on(open_db(db_path, create=False), date, counting)
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
        click.echo(f"control on {day} (counting: {counting})", err=True)
        for s in states:
            click.echo(
                f"{s.admin1:<14.14}  {s.admin2:<24.24}  {s.controller or '-':<26.26}  "
                f"{s.status:<10}  {s.claim_status or '-':<10}  {s.since or '-':<10}  "
                f"{state_to_dict(s)['basis']}"
            )
