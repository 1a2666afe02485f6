"""The demo: a fresh database built from the bundled corpus, and its control summary.

The corpus (``demo/corpus/*.jsonl``, with ``SOURCES.md``) is wire-style
reports of the 2021 offensive written for this project.  ``build_demo``
ingests it into a new database and summarises the control timeline: how many
districts each side held at the last date, and when each provincial capital
fell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from frontlines import settings
from frontlines.store import IngestSummary

_CORPUS_SUFFIXES = (".jsonl", ".txt", ".html", ".json")


@dataclass(frozen=True, slots=True)
class CapitalFall:
    """A provincial capital's district, and the first day it left the baseline controller."""

    admin1: str
    admin2: str
    fell_on: str | None
    controller: str | None


@dataclass(slots=True)
class DemoSummary:
    """What ``build_demo`` built: the ingest counts and the control summary."""

    db_path: str
    ingest: IngestSummary
    date: str
    counting: str
    by_controller: dict[str, int] = field(default_factory=dict)
    capitals: list[CapitalFall] = field(default_factory=list)

    def lines(self) -> list[str]:
        """A short human summary."""
        s = self.ingest
        out = [
            f"demo database {self.db_path}: {s.new + s.near_duplicate} articles "
            f"({s.near_duplicate} wire copies), {s.reports} reports, {s.events} fused events",
            f"districts by controller on {self.date} (counting {self.counting}):",
        ]
        out += [f"  {name}: {n}" for name, n in sorted(self.by_controller.items())]
        fallen = [c for c in self.capitals if c.fell_on]
        by_then = [c for c in fallen if (c.fell_on or "") <= self.date]
        out.append(
            f"provincial capitals fallen: {len(fallen)} of {len(self.capitals)} over the record "
            f"({len(by_then)} by {self.date})"
        )
        out += [
            f"  {c.fell_on}  {c.admin2} ({c.admin1}) -> {c.controller}"
            for c in sorted(fallen, key=lambda c: (c.fell_on or "", c.admin1))
        ]
        held = [c for c in self.capitals if not c.fell_on]
        if held:
            out.append("  not fallen: " + ", ".join(f"{c.admin2} ({c.admin1})" for c in held))
        return out


def corpus_files() -> list[Path]:
    """The bundled corpus files, sorted (an installed package keeps them on disk)."""
    root = resources.files(__package__).joinpath("corpus")
    files = [
        Path(str(entry))
        for entry in root.iterdir()
        if entry.is_file() and entry.name.endswith(_CORPUS_SUFFIXES)
    ]
    return sorted(files)


def build_demo(
    db_path: str | Path | None = None,
    *,
    workers: int | None = None,
    counting: str = settings.DEFAULT_COUNTING,
) -> DemoSummary:
    """Build a fresh demo database at ``db_path`` (default ``frontlines-demo.db``)."""
    from frontlines.control import capital_falls, control_on
    from frontlines.store import ingest, open_db

    path = Path(db_path or "frontlines-demo.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    summary = ingest([str(p) for p in corpus_files()], db=db, workers=workers)
    day, states = control_on(db, opening_date(db), counting)
    by_controller: dict[str, int] = {}
    for state in states:
        name = state.controller or "unknown"
        by_controller[name] = by_controller.get(name, 0) + 1
    capitals = [
        CapitalFall(admin1=a1, admin2=a2, fell_on=fell, controller=who)
        for a1, a2, fell, who in capital_falls(db, counting)
    ]
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return DemoSummary(
        db_path=str(path),
        ingest=summary,
        date=day,
        counting=counting,
        by_controller=by_controller,
        capitals=capitals,
    )


def opening_date(db: object) -> str | None:
    """The day the demo opens on: the theatre's ``opening_date`` (the day after Kabul
    fell, which shows the story) when the record reaches it, else the latest event."""
    from frontlines.control import latest_date
    from frontlines.theatres import get_theatre

    chosen = get_theatre(settings.DEFAULT_THEATRE).meta.get("opening_date")
    latest = latest_date(db)  # type: ignore[arg-type]
    if chosen and latest and str(chosen) <= latest:
        return str(chosen)
    return latest


def default_period_end() -> dt.date:
    """The last day of the theatre's period (the demo corpus ends there)."""
    from frontlines.theatres import get_theatre

    end = get_theatre(settings.DEFAULT_THEATRE).meta.get("period", {}).get("end", "2021-09-10")
    return dt.date.fromisoformat(end)
