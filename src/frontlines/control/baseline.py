"""The theatre's starting state of control: a dated, cited assessment.

``theatre.json`` names the file (``baseline.file``); each district it lists carries
its controller and its ``source`` (a key of the file's ``sources``, or the citation
itself). Every other district starts with the file's ``default``: no information,
``unknown``. ``settings.BASELINE_CONTROLLER`` or a ``baseline.controller`` in
``theatre.json`` may name one holder for all (tests of tiny networks do).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from frontlines import settings
from frontlines.control.timeline import Baseline
from frontlines.records import ControlStatus
from frontlines.theatres import get_theatre

__all__ = ["baseline_for", "get_baseline"]


@cache
def get_baseline(theatre: str | None = None) -> Baseline:
    """The default starting state: ``settings.BASELINE_CONTROLLER``, else the theatre's
    ``baseline.controller``, else the baseline file's ``default`` (no information:
    ``unknown``)."""
    th = get_theatre(theatre)
    meta = th.meta.get("baseline", {})
    default = _baseline_file(theatre).get("default", {})
    controller = settings.BASELINE_CONTROLLER or meta.get("controller") or default.get("controller")
    status: ControlStatus = meta.get("status") or default.get("status") or "controlled"
    return Baseline(
        controller=controller,
        status=status if controller else "unknown",
        since=meta.get("since")
        or _baseline_file(theatre).get("date")
        or th.meta.get("period", {}).get("start"),
        source=meta.get("source") or default.get("source"),
    )


@cache
def _baseline_file(theatre: str | None = None) -> dict[str, Any]:
    """The theatre's dated baseline assessment (``baseline.file``), or {} without one."""
    th = get_theatre(theatre)
    name = th.meta.get("baseline", {}).get("file")
    if not name or not th.has(str(name)):
        return {}
    data: dict[str, Any] = th.read_json(str(name))
    return data


@cache
def _baseline_overrides(theatre: str | None = None) -> dict[tuple[str, str], Baseline]:
    """Districts the theatre data starts elsewhere than the default: ``baseline.districts``
    in ``theatre.json`` and ``districts`` of the baseline file, each with its source (a
    key of the file's ``sources``, or the citation itself)."""
    base = get_baseline(theatre)
    data = _baseline_file(theatre)
    sources = data.get("sources", {})
    items = [
        *get_theatre(theatre).meta.get("baseline", {}).get("districts", []),
        *data.get("districts", []),
    ]
    out: dict[tuple[str, str], Baseline] = {}
    for item in items:
        controller = item.get("controller")
        source = item.get("source")
        out[(item["admin1"], item["admin2"])] = Baseline(
            controller=controller,
            status=item.get("status", "controlled") if controller else "unknown",
            since=item.get("since", data.get("date", base.since)),
            source=sources.get(source, source) if source else None,
        )
    return out


def baseline_for(admin1: str, admin2: str, theatre: str | None = None) -> Baseline:
    """The district's starting state (its own entry, else the theatre's default)."""
    return _baseline_overrides(theatre).get((admin1, admin2), get_baseline(theatre))
