"""Theatre registry.  A theatre is a folder of data, not code:

``theatre.json``      name, country, ISO code, default hub, date range, baseline controller
``gazetteer.json``    provinces, districts, villages, names and aliases (see resolve.places)
``districts.geojson`` district polygons with ``admin1`` and ``admin2`` properties
``actors.json``       actors, aliases and sides (see resolve.actors)
``roads.json``        road graph and border crossings (see routes)
``ATTRIBUTION.md``    licences and sources of the data above

A new country is a new folder beside ``afghanistan/``; no code changes.
The world fallback (countries, major cities) lives in ``world/`` and is not a theatre.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from frontlines import settings
from frontlines.errors import UnknownTheatre

_ROOT = resources.files(__package__)


@dataclass(frozen=True)
class Theatre:
    """One theatre's data package, read lazily."""

    name: str
    path: Traversable
    meta: dict[str, Any]

    @property
    def country(self) -> str:
        return str(self.meta["country"])

    def read_json(self, filename: str) -> Any:
        return json.loads(self.path.joinpath(filename).read_text(encoding="utf-8"))

    def has(self, filename: str) -> bool:
        return self.path.joinpath(filename).is_file()


def available_theatres() -> list[str]:
    """Names of the theatre folders that hold a ``theatre.json``."""
    return sorted(
        p.name for p in _ROOT.iterdir() if p.is_dir() and p.joinpath("theatre.json").is_file()
    )


@cache
def get_theatre(name: str | None = None) -> Theatre:
    """The theatre called ``name`` (default ``settings.DEFAULT_THEATRE``)."""
    name = name or settings.DEFAULT_THEATRE
    path = _ROOT.joinpath(name)
    if not path.joinpath("theatre.json").is_file():
        raise UnknownTheatre(name, available_theatres())
    meta = json.loads(path.joinpath("theatre.json").read_text(encoding="utf-8"))
    return Theatre(name=name, path=path, meta=meta)


def world_path() -> Traversable:
    """The folder of the world fallback gazetteer (countries and major cities)."""
    return _ROOT.joinpath("world")
