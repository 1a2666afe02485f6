"""``frontlines extract PATH... [--published D] [--format jsonl|csv]``."""

from __future__ import annotations

import datetime as dt
import sys

import click

from frontlines.cli._common import domain_errors, format_option, published_option


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@published_option()
@format_option("jsonl", "csv")
@click.option("--theatre", default=None, help="Theatre data package (default: afghanistan).")
@domain_errors
def command(
    paths: tuple[str, ...], published: dt.date | None, fmt: str, theatre: str | None
) -> None:
    """Extract events from PATHS (text, HTML, JSONL, directories, or - for stdin).

    Writes one event per line to stdout.  Each input that cannot be read gets a
    one-line reason on stderr; the others are still processed, and the exit code
    is then 2.
    """
    from frontlines.errors import InputError
    from frontlines.export import write_csv, write_jsonl
    from frontlines.extract.pipeline import extract_inputs

    failures = 0

    def rows() -> object:
        nonlocal failures

        def warn(article_id: str, warning: str) -> None:
            click.echo(f"frontlines: warning: {article_id}: {warning}", err=True)

        for item in extract_inputs(
            list(paths), published=published, theatre=theatre, on_warning=warn
        ):
            if isinstance(item, InputError):
                failures += 1
                click.echo(f"frontlines: skipped {item}", err=True)
                continue
            yield item.to_dict()

    writer = write_csv if fmt == "csv" else write_jsonl
    writer(rows(), sys.stdout)  # type: ignore[arg-type]
    sys.stdout.flush()
    if failures:
        click.echo(f"frontlines: {failures} input(s) failed", err=True)
        sys.exit(2)
