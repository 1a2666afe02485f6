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
        type=click.Choice(list(settings.COUNTING), case_sensitive=False),
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
        "--format",
        "fmt",
        type=click.Choice(list(choices), case_sensitive=False),
        default=choices[0],
        show_default=True,
    )


def wide_option() -> Decorator:
    """``--wide``: never cut a column to fit the terminal."""
    return click.option(
        "--wide", is_flag=True, help="Print every column in full, whatever the terminal width."
    )


# --- warnings: answers that are valid but probably not what was meant -------------------


def warn(message: str) -> None:
    """One line on stderr that does not stop the command."""
    click.echo(f"frontlines: warning: {message}", err=True)


def warn_outside_period(day: dt.date | None, option: str) -> None:
    """Warn when ``day`` lies outside the theatre's period, where nothing can be recorded."""
    if day is None:
        return
    from frontlines.theatres import get_theatre

    period = get_theatre().meta.get("period") or {}
    start, end = period.get("start"), period.get("end")
    iso = day.isoformat()
    if start and end and not start <= iso <= end:
        warn(
            f"{option} {iso} is outside the theatre's period ({start} to {end}); "
            f"records exist only between those dates: try a date from {start} to {end}"
        )


def suggest(name: str, known: list[str]) -> str:
    """' (did you mean 'X', 'Y'?)' for the known names nearest to ``name``, or ''."""
    import difflib

    lowered = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(name.casefold(), list(lowered), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + ", ".join(repr(lowered[c]) for c in close) + "?)"


def canonical_places(admin1: str | None, admin2: str | None) -> tuple[str | None, str | None]:
    """The gazetteer's spelling of a province and district given in any case or by alias.

    A name the gazetteer does not know is kept as given (the query then finds nothing)
    and gets a warning on stderr with the nearest known names.
    """
    if admin1 is None and admin2 is None:
        return admin1, admin2
    from frontlines.resolve.places import get_gazetteer

    gaz = get_gazetteer()
    provinces = [p.admin1 for p in gaz.provinces() if p.admin1]
    if admin1 is not None:
        by_fold = {p.casefold(): p for p in provinces}
        if admin1.strip().casefold() in by_fold:
            admin1 = by_fold[admin1.strip().casefold()]
        else:
            warn(f"unknown province {admin1!r}{suggest(admin1, provinces)}")
    if admin2 is not None:
        known = admin1 in provinces if admin1 else False
        try:
            admin2 = gaz.district(admin2, admin1 if known else None).admin2 or admin2
        except FrontlinesError:
            names = sorted({d.admin2 for d in gaz.districts(admin1 if known else None) if d.admin2})
            where = f" in {admin1}" if known else ""
            warn(f"unknown district {admin2!r}{where}{suggest(admin2, names)}")
    return admin1, admin2
