"""``frontlines routes``: which capitals and crossings are reachable at a date."""

from __future__ import annotations

import datetime as dt
import json

import click

from frontlines import settings
from frontlines.cli._common import (
    counting_option,
    date_option,
    db_option,
    domain_errors,
    format_option,
    warn_outside_period,
)


@click.command(name="routes", help="Which capitals and crossings are reachable at a date.")
@db_option(
    "Database (default $FRONTLINES_DB or frontlines.db). A missing file is refused, "
    "as by every command; --baseline analyses the theatre baseline without one.",
    metavar="PATH",
)
@click.option(
    "--baseline",
    is_flag=True,
    help="Use no database: every district at the theatre baseline (for --if-falls what-ifs).",
)
@date_option(
    "Date (default: the latest event in the database, else the end of the theatre period)."
)
@click.option("--from", "hub", default=None, metavar="TOWN", help="Hub town (default Kabul).")
@counting_option("Which claims count towards control.")
@click.option(
    "--if-falls",
    "if_falls",
    multiple=True,
    metavar="DISTRICT",
    help="Treat this district as held by the opponent (repeatable; 'Doshi' or 'Baghlan/Doshi').",
)
@format_option("table", "json")
@domain_errors
def command(
    db_path: str | None,
    baseline: bool,
    date: dt.date | None,
    hub: str | None,
    counting: str,
    if_falls: tuple[str, ...],
    fmt: str,
) -> None:
    from frontlines.routes import analyse, format_table
    from frontlines.store import open_db

    warn_outside_period(date, "--date")
    # The same refusal of a missing database as every other command (exit 3).
    db = None if baseline else open_db(db_path or settings.default_db_path(), create=False)
    result = analyse(
        db,
        date,
        hub=hub,
        counting=counting,
        if_falls=if_falls,
    )
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(result))
