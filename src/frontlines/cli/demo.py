"""``frontlines demo [--no-serve] [--db FILE] [--host H] [--port P]``."""

from __future__ import annotations

import click

from frontlines import settings
from frontlines.cli._common import domain_errors, workers_option


@click.command("demo")
@click.option(
    "--db",
    "db_path",
    default="frontlines-demo.db",
    show_default=True,
    help="Where to build the demo database (replaced if it exists).",
)
@click.option("--no-serve", is_flag=True, help="Build and summarise only; do not serve the map.")
@click.option("--host", default=settings.DEFAULT_HOST, show_default=True)
@click.option("--port", type=int, default=settings.DEFAULT_PORT, show_default=True)
@workers_option()
@domain_errors
def command(db_path: str, no_serve: bool, host: str, port: int, workers: int | None) -> None:
    """Build a fresh demo database from the bundled corpus, summarise control, serve the map."""
    import time

    from frontlines.demo import build_demo, corpus_files

    started = time.monotonic()
    click.echo(
        f"Building {db_path} from the bundled corpus ({len(corpus_files())} files): "
        "reading, extracting, fusing and folding control…",
        err=True,
    )
    summary = build_demo(db_path, workers=workers)
    click.echo(f"Built in {time.monotonic() - started:.1f} s.", err=True)
    for line in summary.lines():
        click.echo(line)
    for failure in summary.ingest.failures:
        click.echo(f"failed: {failure.source}: {failure.reason}", err=True)
    if no_serve:
        return
    from frontlines.api.server import serve

    # serve() prints the URL once it is listening, then blocks until Ctrl-C.
    serve(db_path, host, port)
