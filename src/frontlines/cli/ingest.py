"""``frontlines ingest PATH|DIR... [--db FILE] [--published D] [--workers N]``."""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

import click

from frontlines.cli._common import db_option, domain_errors, published_option, workers_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option()
@published_option()
@workers_option()
@domain_errors
def command(
    paths: tuple[str, ...], db_path: str | None, published: dt.date | None, workers: int | None
) -> None:
    """Store the articles in PATHS and their events; fuse and refold control.

    Re-ingesting an article changes nothing.  Each input that fails gets a line
    with its reason; the rest is stored, and the exit code is then 2.
    """
    from frontlines.store import IngestSummary, ingest

    started = time.monotonic()

    def progress(summary: IngestSummary) -> None:
        rate = summary.read / max(time.monotonic() - started, 1e-6)
        click.echo(
            f"\r  {summary.read} read, {summary.new} new, {summary.duplicate} duplicate "
            f"({rate:.0f}/s)",
            err=True,
            nl=False,
        )

    on_progress: Any = progress if sys.stderr.isatty() else None
    summary = ingest(
        list(paths), db=db_path, published=published, workers=workers, on_progress=on_progress
    )
    if on_progress is not None:
        click.echo("", err=True)
    click.echo(
        f"read {summary.read}, new {summary.new}, duplicate {summary.duplicate}, "
        f"near-duplicate {summary.near_duplicate}, failed {summary.failed}, "
        f"reports {summary.reports}, events {summary.events}"
    )
    for failure in summary.failures:
        click.echo(f"failed: {failure.source}: {failure.reason}", err=True)
    if summary.failed:
        sys.exit(2)
