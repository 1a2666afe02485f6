"""``frontlines serve [--db FILE] [--host H] [--port P] [--token-env NAME] [--workers N]``."""

from __future__ import annotations

import os

import click

from frontlines import settings
from frontlines.cli._common import db_option, domain_errors


@click.command("serve")
@db_option()
@click.option("--host", default=settings.DEFAULT_HOST, show_default=True)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=settings.DEFAULT_PORT, show_default=True
)
@click.option(
    "--token-env",
    default=settings.API_TOKEN_ENV_VAR,
    show_default=True,
    help="Environment variable holding the bearer token that allows POST /api/articles; "
    "when it is unset the API is read-only.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Server processes sharing the port [default: one per core].",
)
@domain_errors
def command(db_path: str | None, host: str, port: int, token_env: str, workers: int | None) -> None:
    """Serve the web map and the REST API (read-only unless a token is configured)."""
    from frontlines.api.server import serve

    # "" (not None): the named variable is the only source, no fallback to the default one.
    serve(
        db_path or settings.default_db_path(),
        host,
        port,
        token=os.environ.get(token_env, ""),
        workers=workers,
    )
