"""``frontlines extract PATH... [--published D] [--outlet NAME] [--url URL]
[--format jsonl|csv|table] [--wide]``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import click

from frontlines.cli._common import (
    domain_errors,
    format_option,
    published_option,
    warn,
    warn_outside_period,
    wide_option,
)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@published_option()
@click.option("--outlet", default=None, help="Outlet of the inputs (plain text has none).")
@click.option("--url", default=None, help="Address of the input article.")
@format_option("jsonl", "csv", "table")
@click.option("--theatre", default=None, help="Theatre data package (default: afghanistan).")
@wide_option()
@domain_errors
def command(
    paths: tuple[str, ...],
    published: dt.date | None,
    outlet: str | None,
    url: str | None,
    fmt: str,
    theatre: str | None,
    wide: bool,
) -> None:
    """Extract events from PATHS (text, HTML, JSONL, directories, or - for stdin).

    Writes one event per line to stdout (jsonl, csv), or a table for reading.  What
    the reader or the extractor had to assume (a year taken from the theatre's
    period, a guessed encoding) and an article with no date are told on stderr.
    Each input that cannot be read gets a one-line reason on stderr; the others
    are still processed, and the exit code is then 2.
    """
    from frontlines.budget import time_budget
    from frontlines.errors import InputError, TimeBudgetExceeded
    from frontlines.export import write_csv, write_jsonl
    from frontlines.extract.pipeline import get_extractor
    from frontlines.ingest import read_inputs

    warn_outside_period(published, "--published")
    extractor = get_extractor(theatre)
    failures = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal failures

        def warn_input(article_id: str, warning: str) -> None:
            warn(f"{article_id}: {warning}")

        for item in read_inputs(list(paths), published=published, on_warning=warn_input):
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"frontlines: skipped {item}", err=True)
                continue
            article = item
            if outlet is not None or url is not None:
                article = dataclasses.replace(
                    article, outlet=outlet or article.outlet, url=url or article.url
                )
            # Date a dateline without a year as the extractor will, to tell the user why.
            article = extractor._date_by_period(article)
            for note in article.warnings:
                warn(f"{article.article_id}: {note}")
            try:
                with time_budget(article.article_id, "extraction"):
                    reports = extractor.extract(article)
            except TimeBudgetExceeded as exc:
                failures += 1
                click.echo(f"frontlines: skipped {exc}", err=True)
                continue
            except Exception as exc:  # one bad article must not stop a batch
                failures += 1
                click.echo(
                    f"frontlines: skipped {article.article_id}: extraction failed: "
                    f"{type(exc).__name__}: {exc}",
                    err=True,
                )
                continue
            if article.published is None and any(r.event_date is None for r in reports):
                warn(
                    f"{article.article_id}: no publication date found (no metadata, no dated "
                    "dateline), so relative dates such as 'on Sunday' stay unresolved: "
                    "pass --published YYYY-MM-DD"
                )
            for report in reports:
                yield report.to_dict()

    if fmt == "table":
        _print_table(list(rows()), wide)
    else:
        writer = write_csv if fmt == "csv" else write_jsonl
        writer(rows(), sys.stdout)
    sys.stdout.flush()
    if failures:
        click.echo(f"frontlines: {failures} input(s) failed", err=True)
        sys.exit(2)


def _place(row: dict[str, Any]) -> str:
    """'town, district, province', without repeating a town named like its district."""
    names = [row["admin2"], row["admin1"]]
    if row["location"] not in names:
        names.insert(0, row["location"])
    return ", ".join(x for x in names if x)


def _print_table(rows: list[dict[str, Any]], wide: bool) -> None:
    from frontlines.cli._table import EVENT_COLUMNS, Column, event_cells, render

    columns = [*EVENT_COLUMNS, Column("SOURCES", shrink=True), Column("EVIDENCE", shrink=True)]
    body = [
        [
            *event_cells(r, _place(r)),
            "; ".join(s["name"] for s in r["sources"]),
            r["evidence"],
        ]
        for r in rows
    ]
    for line in render(columns, body, wide=wide):
        click.echo(line)
    click.echo(f"{len(rows)} event(s)", err=True)
