"""Helpers shared by the CLI subcommands: error handling, the date type and common options."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from frontlines import settings
from frontlines.errors import FrontlinesError, InvalidDate

F = TypeVar("F", bound=Callable[..., Any])


def domain_errors(func: F) -> F:
    """Turn a FrontlinesError into one line on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FrontlinesError as exc:
            click.echo(f"frontlines: error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def parse_date(value: str | None) -> dt.date | None:
    """Parse YYYY-MM-DD strictly; InvalidDate otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidDate(value) from None


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A click parameter type for YYYY-MM-DD dates with a clear error."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value is None or isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except InvalidDate as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()


# --- options several subcommands share ---------------------------------------------

#: What an option factory returns: a decorator that adds the option to a command function.
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def db_option(help: str = "Database file (default $FRONTLINES_DB).", **extra: Any) -> Decorator:
    """``--db PATH`` into ``db_path``; None lets the library pick its default database."""
    return click.option("--db", "db_path", default=None, help=help, **extra)


def date_option(help: str) -> Decorator:
    """``--date YYYY-MM-DD`` into ``date``; None when not given (each command says its default)."""
    return click.option("--date", "date", type=DATE, default=None, help=help)


def counting_option(help: str | None = None) -> Decorator:
    """``--counting``: which claim statuses count (``settings.COUNTING``'s keys)."""
    return click.option(
        "--counting",
        type=click.Choice(list(settings.COUNTING)),
        default=settings.DEFAULT_COUNTING,
        show_default=True,
        help=help,
    )


def published_option() -> Decorator:
    """``--published YYYY-MM-DD``: the publication date of the inputs."""
    return click.option(
        "--published", type=DATE, help="Publication date of the inputs (YYYY-MM-DD)."
    )


def workers_option() -> Decorator:
    """``--workers N``: processes for extraction (default: all cores)."""
    return click.option(
        "--workers", type=click.IntRange(min=1), default=None, help="Default: all cores."
    )


def format_option(*choices: str) -> Decorator:
    """``--format`` into ``fmt``: one of ``choices``, the first by default."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True
    )
