"""Plain-text tables for the terminal: a header row, columns sized to their content,
and, on a terminal narrower than the table, the widest free-text columns cut with "…".

``--wide`` (``wide=True``) never cuts.  Output that is not a terminal (a pipe, a file)
is not cut either unless ``COLUMNS`` says how wide it is, so that scripts get every
character.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Two spaces between columns.
GAP = "  "
#: A cut column keeps at least this many characters.
MIN_WIDTH = 6


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, whether it may be cut, and whether it is right-aligned."""

    header: str
    shrink: bool = False
    right: bool = False


#: The columns every table of events starts with (``events`` and ``extract``).
EVENT_COLUMNS = (
    Column("DATE"),
    Column("SUB-EVENT TYPE", shrink=True),
    Column("PLACE", shrink=True),
    Column("ACTOR 1", shrink=True),
    Column("ACTOR 2", shrink=True),
    Column("KILLED", right=True),
    Column("DETAINED", right=True),
    Column("CLAIM"),
)


def event_cells(row: Mapping[str, Any], place: str) -> list[Any]:
    """The cells under ``EVENT_COLUMNS`` for one event or report row."""
    return [
        row["event_date"] or "????-??-??",
        row["sub_event_type"],
        place,
        row["actor1"],
        row["actor2"],
        row["fatalities"],
        row["detained"],
        row["claim_status"],
    ]


def terminal_width() -> int | None:
    """The width to fit into, or None for no limit (not a terminal and no ``COLUMNS``)."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    return None


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def fit_widths(natural: list[int], columns: Sequence[Column], limit: int | None) -> list[int]:
    """Column widths: natural widths, then the widest shrinkable column cut one character
    at a time until the table fits ``limit`` (or nothing more can be cut)."""
    widths = list(natural)
    if limit is None:
        return widths
    total = sum(widths) + len(GAP) * (len(widths) - 1)
    while total > limit:
        cuttable = [i for i, c in enumerate(columns) if c.shrink and widths[i] > MIN_WIDTH]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda i: widths[i])
        widths[widest] -= 1
        total -= 1
    return widths


def render(
    columns: Sequence[Column], rows: Sequence[Sequence[object]], *, wide: bool = False
) -> list[str]:
    """The table's lines, header first; None cells print as "-"."""
    cells = [["-" if v is None or v == "" else str(v) for v in row] for row in rows]
    natural = [max([len(c.header), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    widths = fit_widths(natural, columns, None if wide else terminal_width())

    def line(values: Sequence[str]) -> str:
        parts = []
        for value, width, col in zip(values, widths, columns, strict=True):
            text = _cut(value, width)
            parts.append(text.rjust(width) if col.right else text.ljust(width))
        return GAP.join(parts).rstrip()

    return [line([c.header for c in columns]), *(line(r) for r in cells)]
