"""Cross-report fusion: reports of one real-world event become one ``Event``.

Two reports tell the same event when they have the same district (or, for
province-level reports, the same province), the same kind of event (or two
territorial events that hand the place to the same side), dates within a
window widened by their time precisions, and compatible actors.

Each report plays a role in its event: it ``asserts`` the event, or it
``contradicts`` it (a denial, or a report that the attack was repelled).  The
fused claim status is read from all of them; contradictions are kept, so a
disputed event shows both sides.

This module is pure: the store feeds it reports and writes what it returns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from frontlines import settings, taxonomy
from frontlines.records import Event, FusedClaimStatus, Report, Source

ASSERTS = "asserts"
CONTRADICTS = "contradicts"

#: Best first: the fused status of uncontested reports is the best of theirs.
_CLAIM_RANK = {"confirmed": 0, "reported": 1, "claimed": 2, "unverified": 3, "denied": 4}
_REPELLED = re.compile(
    r"\b(?:repel+(?:ed|led|s)?|repuls\w*|beat(?:en)? back|push(?:ed)? back|fought off|"
    r"fended off|foil(?:ed|s)?|thwart\w*|fail(?:ed|s)? to (?:take|capture|seize|overrun))\b",
    re.IGNORECASE,
)
_RETAKEN = re.compile(r"\b(?:retak|retook|recaptur|regain|took back|taken back)\w*", re.IGNORECASE)
_GOVERNMENT_HINT = re.compile(r"\b(?:government|military forces|police forces|army)\b", re.I)

SideOf = Callable[[str], str | None]
#: Where reports are filed for fusion: (country if no province, province, district or None).
PlaceKey = tuple[str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """A fused event and the role each of its reports plays in it."""

    event: Event
    roles: Mapping[str, str]


@dataclass(slots=True)
class _Cluster:
    reports: list[Report] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    anchor: tuple[dt.date, int] | None = None
    kinds: set[str] = field(default_factory=set)
    opened: dt.date | None = None
    asserted: bool = False

    def add(self, report: Report, role: str) -> None:
        self.reports.append(report)
        self.roles[report.event_id] = role
        self.kinds.add(report.sub_event_type)
        when = report_date(report)
        if self.opened is None and when is not None:
            self.opened = when[0]
        # The anchor is the most precise asserted date; a denial anchors only until then.
        if when is not None and (
            self.anchor is None
            or (
                role == ASSERTS
                and (not self.asserted or (when[1], when[0]) < (self.anchor[1], self.anchor[0]))
            )
        ):
            self.anchor = when
        self.asserted = self.asserted or role == ASSERTS


def report_date(report: Report) -> tuple[dt.date, int] | None:
    """The report's date and precision; the publication date (a week) when undated."""
    for value, precision in ((report.event_date, report.time_precision), (report.published, 2)):
        if value:
            try:
                return dt.date.fromisoformat(value[:10]), int(precision or 1)
            except ValueError:
                continue
    return None


def _dates_close(a: tuple[dt.date, int] | None, b: tuple[dt.date, int] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    slack = settings.TIME_PRECISION_SLACK_DAYS
    window = settings.FUSE_DATE_WINDOW_DAYS + slack.get(a[1], 31) + slack.get(b[1], 31)
    return abs((a[0] - b[0]).days) <= window


def _default_side(actor: str) -> str | None:
    return "government" if _GOVERNMENT_HINT.search(actor) else None


def direction(report: Report, side_of: SideOf = _default_side) -> str | None:
    """Which side a territorial report hands the place to: "government", "other", or None."""
    if report.sub_event_type == taxonomy.GOV_REGAINS:
        return "government"
    if report.sub_event_type == taxonomy.NSA_OVERTAKES:
        return "other"
    if report.sub_event_type == taxonomy.NONVIOLENT_TRANSFER:
        side = side_of(report.actor1) if report.actor1 else None
        return "government" if side == "government" else "other"
    return None


def _kind_compatible(a: Report, b: Report, side_of: SideOf) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    return (
        a.sub_event_type in taxonomy.TERRITORIAL
        and b.sub_event_type in taxonomy.TERRITORIAL
        and direction(a, side_of) == direction(b, side_of)
    )


def _actor_match(x: str | None, y: str | None, side_of: SideOf) -> bool:
    if x is None or y is None or x == y:
        return True
    # The army, the police and "Afghan forces" are one side for fusion purposes.
    return side_of(x) == "government" and side_of(y) == "government"


def _actors_compatible(a: Report, b: Report, side_of: SideOf) -> bool:
    same = _actor_match(a.actor1, b.actor1, side_of) and _actor_match(a.actor2, b.actor2, side_of)
    if same or a.sub_event_type != taxonomy.ARMED_CLASH:
        return same
    # A clash between A and B is a clash between B and A.
    return _actor_match(a.actor1, b.actor2, side_of) and _actor_match(a.actor2, b.actor1, side_of)


def place_key(report: Report) -> PlaceKey:
    """Where a report is filed for fusion: its district, or its province when that is all."""
    admin2 = None if report.geo_precision == 3 else report.admin2
    return (report.country if report.admin1 is None else None, report.admin1, admin2)


def is_repelled(report: Report) -> bool:
    """A report that an attack was beaten off (not a recapture): it contradicts a capture."""
    if report.sub_event_type not in (taxonomy.ARMED_CLASH, taxonomy.GOV_REGAINS):
        return False
    text = " ".join(filter(None, (report.evidence, report.notes, report.hedge)))
    return bool(_REPELLED.search(text)) and not _RETAKEN.search(text)


def _fits(cluster: _Cluster, report: Report, side_of: SideOf) -> bool:
    first = cluster.reports[0]
    return (
        _kind_compatible(first, report, side_of)
        and _dates_close(cluster.anchor, report_date(report))
        and _actors_compatible(first, report, side_of)
    )


def _closest(clusters: list[_Cluster], report: Report) -> _Cluster:
    when = report_date(report)
    if when is None:
        return clusters[0]
    return min(clusters, key=lambda c: abs((c.anchor[0] - when[0]).days) if c.anchor else 0)


def fuse_reports(
    reports: Sequence[Report],
    *,
    story_of: Mapping[str, str] | None = None,
    side_of: SideOf | None = None,
) -> list[FusedEvent]:
    """Group ``reports`` (in any order) into fused events, in the order of their first report.

    ``story_of`` maps an article to the first copy of its text (wire copies share a
    story): copies are sources, not independent corroboration.  ``side_of`` tells an
    actor's side ("government", "insurgent"...); without it, a name heuristic.
    """
    side = side_of or _default_side
    stories = story_of or {}
    # A canonical order, not the arrival order, breaks every tie (which report opens a
    # cluster, which names the event): the same reports fuse the same whatever order
    # or batches they came in.  Earlier publication first, then the stable ids.
    canonical = sorted(reports, key=lambda r: (r.published or "9999", r.article_id, r.event_id))
    order = {r.event_id: i for i, r in enumerate(canonical)}
    by_place: dict[PlaceKey, list[_Cluster]] = {}
    repelled: list[Report] = []
    dated = sorted(reports, key=lambda r: (_sort_date(r), order[r.event_id]))
    # Clusters opened longer ago than this cannot take a report any more: stop looking.
    slack = settings.TIME_PRECISION_SLACK_DAYS
    widest = max((slack.get(w[1], 31) for r in reports if (w := report_date(r))), default=0)
    reach = dt.timedelta(days=2 * (settings.FUSE_DATE_WINDOW_DAYS + 2 * widest) + 1)
    for report in dated:
        if is_repelled(report):
            repelled.append(report)
            continue
        _place(by_place.setdefault(place_key(report), []), report, side, reach)
    for report in repelled:
        clusters = by_place.setdefault(place_key(report), [])
        captures = [
            c
            for c in clusters
            if c.reports[0].sub_event_type in taxonomy.TERRITORIAL
            and direction(c.reports[0], side) == "other"
            and _dates_close(c.anchor, report_date(report))
        ]
        if captures:
            _closest(captures, report).add(report, CONTRADICTS)
        else:
            _place(clusters, report, side)
    fused = [_to_event(c, stories, order) for clusters in by_place.values() for c in clusters]
    fused.sort(key=lambda f: min(order[rid] for rid in f.roles))
    return fused


def _sort_date(report: Report) -> str:
    when = report_date(report)
    return when[0].isoformat() if when else "9999"


def _place(
    clusters: list[_Cluster],
    report: Report,
    side_of: SideOf,
    reach: dt.timedelta | None = None,
) -> None:
    """File ``report`` in the closest cluster it fits, or open one.

    With ``reach``, clusters are in date order and the scan stops at the first one
    opened too long before the report.
    """
    role = CONTRADICTS if report.claim_status == "denied" else ASSERTS
    when = report_date(report)
    fits = []
    for c in reversed(clusters):
        if reach is not None and when and c.opened and c.opened < when[0] - reach:
            break
        if _fits(c, report, side_of):
            fits.append(c)
    if fits:
        _closest(fits, report).add(report, role)
        return
    cluster = _Cluster()
    cluster.add(report, role)
    clusters.append(cluster)


def _outlet_key(report: Report) -> str:
    return (report.outlet or "").strip().casefold() or f"article:{report.article_id}"


def derive_claim_status(
    reports: Sequence[Report], roles: Mapping[str, str], story_of: Mapping[str, str]
) -> tuple[FusedClaimStatus, int]:
    """The fused claim status and the corroboration (independent accounts) of one event.

    Several independent accounts (different stories from different outlets) or
    sources from both sides make an event confirmed.  A contradiction makes it
    disputed, unless confirmation came after the last contradiction.
    """
    asserting = [r for r in reports if roles.get(r.event_id) == ASSERTS]
    contra = [r for r in reports if roles.get(r.event_id) == CONTRADICTS]
    story_outlet: dict[str, str] = {}
    for r in asserting:
        story_outlet.setdefault(story_of.get(r.article_id, r.article_id), _outlet_key(r))
    corroboration = len(set(story_outlet.values()))
    if not asserting:
        return "denied", 0
    firm = {
        story_outlet[story_of.get(r.article_id, r.article_id)]
        for r in asserting
        if r.claim_status in ("confirmed", "reported")
    }
    sides = {s.side for r in asserting for s in r.sources if s.side}
    best = min(asserting, key=lambda r: _CLAIM_RANK.get(r.claim_status, 9)).claim_status
    confirmed = best == "confirmed" or len(firm) >= 2 or {"government", "insurgent"} <= sides
    status: FusedClaimStatus = "confirmed" if confirmed else best
    if contra:
        last = max(r.published or "" for r in contra)
        later = [r for r in asserting if (r.published or "") > last]
        if not (confirmed and later):
            status = "disputed"
    return status, corroboration


def _to_event(
    cluster: _Cluster, story_of: Mapping[str, str], order: Mapping[str, int]
) -> FusedEvent:
    reports = sorted(cluster.reports, key=lambda r: order[r.event_id])
    asserting = [r for r in reports if cluster.roles[r.event_id] == ASSERTS] or reports
    status, corroboration = derive_claim_status(reports, cluster.roles, story_of)

    def rank(r: Report) -> tuple[int, int, int]:
        return (_CLAIM_RANK.get(r.claim_status, 9), r.time_precision or 9, order[r.event_id])

    best = min(asserting, key=rank)
    dated = [r for r in asserting if r.event_date]
    when = min(dated, key=lambda r: (r.time_precision or 9, r.event_date or "")) if dated else None
    placed = min(asserting, key=lambda r: (r.geo_precision or 9, order[r.event_id]))
    deaths = [r.fatalities for r in asserting if r.fatalities is not None]
    held = [r.detained for r in asserting if r.detained is not None]
    outlets: list[Source] = []
    seen: set[str] = set()
    for r in reports:
        key = _outlet_key(r)
        if key not in seen:
            seen.add(key)
            outlets.append(Source(name=r.outlet or r.article_id, role="outlet"))
    event = Event(
        event_id="EV-" + reports[0].event_id.removeprefix("FL-"),
        reports=tuple(reports),
        claim_status=status,
        corroboration=corroboration,
        event_date=when.event_date if when else None,
        time_precision=when.time_precision if when else None,
        event_type=best.event_type,
        sub_event_type=best.sub_event_type,
        actor1=best.actor1 or next((r.actor1 for r in asserting if r.actor1), None),
        actor2=best.actor2 or next((r.actor2 for r in asserting if r.actor2), None),
        country=placed.country,
        admin1=placed.admin1,
        admin2=None if placed.geo_precision == 3 else placed.admin2,
        location=placed.location,
        latitude=placed.latitude,
        longitude=placed.longitude,
        geo_precision=placed.geo_precision,
        # ACLED's rule: when reports differ, the most conservative count.
        fatalities=min(deaths) if deaths else None,
        detained=min(held) if held else None,
        sources=tuple(outlets),
        report_roles=tuple((r.event_id, cluster.roles[r.event_id]) for r in reports),
    )
    return FusedEvent(event=event, roles=dict(cluster.roles))
