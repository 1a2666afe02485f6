"""Helpers shared by the CLI subcommands: error handling and date options."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

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
