"""Districts by controller over time: the timeline chart's weekly counts.

One read of the stored spans serves every week; districts with no span count at
their baseline.  The categories (``SUMMARY_KEYS``) are the chart's: the theatre's
government, its insurgent ("taliban"), any other holder ("resistance"), contested,
and unknown (no controller).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from frontlines import settings
from frontlines.errors import InvalidDate
from frontlines.records import ControlState
from frontlines.theatres import get_theatre

__all__ = ["SUMMARY_KEYS", "category", "weekly_summary"]


#: The chart's categories, in drawing order.
SUMMARY_KEYS: tuple[str, ...] = ("government", "taliban", "resistance", "contested", "unknown")


def category(state: ControlState, theatre: str | None = None) -> str:
    """The chart's category of a state: contested, unknown (no controller), the theatre's
    government, its insurgent ("taliban"), or any other holder ("resistance")."""
    meta = get_theatre(theatre).meta
    if state.status == "contested":
        return "contested"
    if state.status == "unknown" or not state.controller:
        return "unknown"
    if state.controller == meta.get("government_actor"):
        return "government"
    if state.controller == meta.get("insurgent_actor"):
        return "taliban"
    return "resistance"


def weekly_summary(
    db: Database,
    counting: str = settings.DEFAULT_COUNTING,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> list[dict[str, Any]]:
    """Districts by category (``SUMMARY_KEYS``) on every seventh day from ``start``
    (default the theatre's period start) to ``end`` (default its end, or the latest
    event if later), plus ``end`` itself: [{"week": "YYYY-MM-DD", "government": n, ...}]."""
    from frontlines.control import _baseline_for, _districts, _iso, latest_date
    from frontlines.control.timeline import baseline_state, counted_statuses

    counted_statuses(counting)
    period = get_theatre().meta.get("period", {})
    first = dt.date.fromisoformat(_iso(start or period.get("start") or "2021-05-01"))
    last_text = _iso(end) if end is not None else str(period.get("end") or first.isoformat())
    latest = latest_date(db) if end is None else None
    if latest and latest > last_text:
        last_text = latest
    last = dt.date.fromisoformat(last_text)
    if last < first:
        raise InvalidDate(last_text, f"the end must not be before the start {first.isoformat()}")
    days = [first + dt.timedelta(days=7 * i) for i in range((last - first).days // 7 + 1)]
    if days[-1] != last:
        days.append(last)
    # One read of the stored spans serves every week (control_at per week would re-read them).
    spans: dict[tuple[str, str], list[tuple[str, str | None, str]]] = {}
    for a1, a2, valid_from, valid_to, controller, status in db.execute(
        "SELECT admin1, admin2, valid_from, valid_to, controller, status FROM control_states "
        "WHERE counting = ?",
        [counting],
    ):
        probe = ControlState(a1, a2, controller, status, None, None)
        spans.setdefault((a1, a2), []).append((valid_from, valid_to, category(probe)))
    districts = set(_districts(db)) | set(spans)
    base = {d: category(baseline_state(*d, _baseline_for(*d))) for d in districts - set(spans)}
    rows = []
    for day in days:
        iso = day.isoformat()
        counts = dict.fromkeys(SUMMARY_KEYS, 0)
        for found in base.values():
            counts[found] += 1
        for key, items in spans.items():
            kind = next(
                (k for begin, end_, k in items if begin <= iso and (end_ is None or iso < end_)),
                None,
            )
            counts[kind or category(baseline_state(*key, _baseline_for(*key)))] += 1
        rows.append({"week": iso, **counts})
    return rows
