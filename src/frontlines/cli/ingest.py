"""``frontlines ingest PATH|DIR... [--db FILE] [--published D] [--workers N]
[--engine local|ray] [--ray-address HOST:PORT]``."""

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
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where reading, cleaning and extraction run: local processes, or a Ray cluster.",
)
@click.option(
    "--ray-address",
    default=None,
    metavar="HOST:PORT",
    help="A running Ray cluster (with --engine ray; default: $RAY_ADDRESS, else one on this "
    "machine).",
)
@domain_errors
def command(
    paths: tuple[str, ...],
    db_path: str | None,
    published: dt.date | None,
    workers: int | None,
    engine: str,
    ray_address: str | None,
) -> None:
    """Store the articles in PATHS and their events; fuse and refold control.

    Re-ingesting an article changes nothing.  Each input that fails gets a line
    with its reason; the rest is stored, and the exit code is then 2.  With
    ``--engine ray`` the workers of a Ray cluster read and extract; the results,
    stored here, are the same as the local engine's.
    """
    from frontlines.ingest import estimate_inputs
    from frontlines.store import IngestSummary, ingest

    on_terminal = sys.stderr.isatty()
    total = estimate_inputs(list(paths)) if on_terminal else None
    started = time.monotonic()

    def progress(summary: IngestSummary) -> None:
        click.echo(
            "\r" + _progress_line(summary, total, time.monotonic() - started), err=True, nl=False
        )

    on_progress: Any = progress if on_terminal else None

    def warn(article_id: str, warning: str) -> None:
        click.echo(("\n" if on_terminal else "") + f"warning: {article_id}: {warning}", err=True)

    if ray_address is not None and engine != "ray":
        raise click.UsageError("--ray-address needs --engine ray")
    if engine == "ray":
        from frontlines.engines.ray_engine import ingest_ray

        summary = ingest_ray(
            list(paths),
            db=db_path,
            published=published,
            workers=workers,
            address=ray_address,
            on_progress=on_progress,
            on_warning=warn,
        )
    else:
        summary = ingest(
            list(paths),
            db=db_path,
            published=published,
            workers=workers,
            on_progress=on_progress,
            on_warning=warn,
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


_BAR_WIDTH = 30


def _progress_line(summary: Any, total: int | None, elapsed: float) -> str:
    """``[######......]  120/400  30%  3 duplicate, 1 failed  45/s`` (no bar when the
    total is unknown, as for stdin)."""
    rate = summary.read / max(elapsed, 1e-6)
    counts = f"{summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed"
    if not total:
        return f"  {summary.read} read, {counts}  {rate:.0f}/s"
    share = min(summary.read / total, 1.0)
    filled = round(share * _BAR_WIDTH)
    bar = "#" * filled + "." * (_BAR_WIDTH - filled)
    return f"  [{bar}] {summary.read}/{total} {share:4.0%}  {counts}  {rate:.0f}/s"
