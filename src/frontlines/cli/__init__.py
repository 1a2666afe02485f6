"""The ``frontlines`` command: a thin face over the library.

Each subcommand lives in its own module (``frontlines.cli.<name>``) and is
imported only when used, so that start-up stays fast.  A subcommand parses its
arguments, calls one library function, and turns ``FrontlinesError`` into a
one-line message and an exit code.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from frontlines import __version__

#: command name -> module under frontlines.cli that defines ``command``.
COMMANDS: dict[str, str] = {
    "extract": "extract",
    "ingest": "ingest",
    "events": "events",
    "control": "control",
    "history": "history",
    "routes": "routes",
    "serve": "serve",
    "demo": "demo",
}

HELP = {
    "extract": "Extract events from articles and print them (jsonl or csv).",
    "ingest": "Store articles and their events in the database.",
    "events": "List fused events from the database.",
    "control": "Who controls each district at a date.",
    "history": "A district's control history with its evidence.",
    "routes": "Which capitals and crossings are reachable at a date.",
    "serve": "Serve the web map and the REST API on loopback.",
    "demo": "Build the demo database from the bundled corpus and serve the map.",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(f"frontlines.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"frontlines.cli.{module_name}":
                return None
            raise
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        rows = [(name, HELP.get(name, "")) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="frontlines")
def main() -> None:
    """Frontlines: conflict events, district control and road consequences from news text."""
