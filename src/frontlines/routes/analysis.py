"""What a state of district control means for the roads.

A segment is cut when any district it passes through is held by the side
opposing the hub's holder.  From the hub, every provincial capital is then
either reachable over open segments (with a detour factor against the full
network) or not; every crossing has a holder; and each district is ranked by
how many capitals' links to the hub would go if it alone fell next.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines import settings
from frontlines.control.timeline import is_counter_claim
from frontlines.errors import FrontlinesError, InvalidParameter, UnknownPlace
from frontlines.records import ControlState, Event
from frontlines.routes.network import (
    District,
    Node,
    RoadNetwork,
    Segment,
    district_key,
    iter_districts,
    load_network,
    norm,
    skeleton,
)


@dataclass(frozen=True, slots=True)
class Destination:
    """A provincial capital seen from the hub."""

    name: str
    admin1: str
    admin2: str
    reachable: bool
    path_km: float | None
    baseline_km: float
    detour: float | None
    #: Districts (admin1, admin2) held by the other side on the baseline route, in road order.
    cut_by: tuple[District, ...] = ()

    @property
    def effectively_cut(self) -> bool:
        """Unreachable, or only by a detour longer than ``settings.DETOUR_CUT_FACTOR``."""
        return not self.reachable or (
            self.detour is not None and self.detour > settings.DETOUR_CUT_FACTOR
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "reachable": self.reachable,
            "path_km": self.path_km,
            "baseline_km": self.baseline_km,
            "detour": self.detour,
            "effectively_cut": self.effectively_cut,
            "cut_by": [{"admin1": a1, "admin2": a2} for a1, a2 in self.cut_by],
        }


@dataclass(frozen=True, slots=True)
class CrossingHold:
    """Who holds a border crossing's district, and since when."""

    name: str
    admin1: str
    admin2: str
    neighbour: str | None
    customs: bool
    holder: str | None
    status: str
    since: str | None
    claim_status: str | None = None
    #: True when the holder comes from an ``if_falls`` hypothesis, not the record.
    hypothetical: bool = False
    event_ids: tuple[str, ...] = ()
    #: What decided the holder: "baseline", "district" (who holds its district),
    #: "crossing" (an event at the crossing itself), "capital" (it went with the
    #: provincial capital behind it) or "hypothetical".
    basis: str = "baseline"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "neighbour": self.neighbour,
            "customs": self.customs,
            "holder": self.holder,
            "status": self.status,
            "since": self.since,
            "claim_status": self.claim_status,
            "hypothetical": self.hypothetical,
            "basis": self.basis,
            "event_ids": list(self.event_ids),
        }


@dataclass(frozen=True, slots=True)
class CutSegment:
    id: str
    name: str
    from_name: str
    to_name: str
    km: float
    cut_by: tuple[District, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "from": self.from_name,
            "to": self.to_name,
            "km": self.km,
            "cut_by": [{"admin1": a1, "admin2": a2} for a1, a2 in self.cut_by],
        }


@dataclass(frozen=True, slots=True)
class Criticality:
    """How many capitals lose their link to the hub if this district alone falls next."""

    admin1: str
    admin2: str
    capitals_cut: int
    capitals: tuple[str, ...]
    segments: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "admin1": self.admin1,
            "admin2": self.admin2,
            "capitals_cut": self.capitals_cut,
            "capitals": list(self.capitals),
            "segments": self.segments,
        }


#: Keys ``RoutesResult.critical`` can sort by.
CRITICALITY_SORT_KEYS: tuple[str, ...] = ("capitals_cut", "segments", "admin1", "admin2")


@dataclass(frozen=True, slots=True)
class RoutesResult:
    """The road consequences of one control state, from one hub."""

    hub: str
    hub_holder: str | None
    opponent: str
    date: str | None
    counting: str | None
    if_falls: tuple[District, ...]
    destinations: tuple[Destination, ...]
    crossings: tuple[CrossingHold, ...]
    cut_segments: tuple[CutSegment, ...]
    critical_districts: tuple[Criticality, ...]
    theatre: str | None = None
    #: Ids of the cut segments, for the map layers.
    cut_ids: frozenset[str] = field(default_factory=frozenset)
    #: Why a list is empty, or whose view the analysis takes: list name -> sentence.
    notes: Mapping[str, str] = field(default_factory=dict)

    def critical(self, sort_by: str = "capitals_cut", descending: bool = True) -> list[Criticality]:
        """The criticality ranking sorted by one of ``CRITICALITY_SORT_KEYS``."""
        if sort_by not in CRITICALITY_SORT_KEYS:
            raise InvalidParameter("sort_by", sort_by, ", ".join(CRITICALITY_SORT_KEYS))
        return sorted(
            self.critical_districts, key=lambda c: getattr(c, sort_by), reverse=descending
        )

    def destination(self, name: str) -> Destination:
        for d in self.destinations:
            if norm(d.name) == norm(name) or norm(d.admin1) == norm(name):
                return d
        raise UnknownPlace(name, [d.name for d in self.destinations][:5])

    def to_dict(self) -> dict[str, Any]:
        return {
            "hub": self.hub,
            "hub_holder": self.hub_holder,
            "opponent": self.opponent,
            "date": self.date,
            "counting": self.counting,
            "theatre": self.theatre,
            "detour_cut_factor": settings.DETOUR_CUT_FACTOR,
            "if_falls": [{"admin1": a1, "admin2": a2} for a1, a2 in self.if_falls],
            "destinations": [d.to_dict() for d in self.destinations],
            "crossings": [c.to_dict() for c in self.crossings],
            "cut_segments": [s.to_dict() for s in self.cut_segments],
            "critical_districts": [c.to_dict() for c in self.critical_districts],
            "notes": dict(self.notes),
        }


# --- the analysis -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Baseline:
    """Where the theatre starts: one holder for all, with per-district exceptions."""

    controller: str | None
    status: str
    since: str | None
    default_hub: str
    districts: dict[District, tuple[str | None, str, str | None]]


def _baseline(network: RoadNetwork) -> _Baseline:
    """The theatre's baseline, as the control stage reads it (``theatre.json`` and its
    baseline file: the cited districts, every other one unknown)."""
    from frontlines.control.baseline import _baseline_overrides, get_baseline
    from frontlines.theatres import get_theatre

    meta = get_theatre(network.theatre).meta
    default = get_baseline(network.theatre)
    overrides: dict[District, tuple[str | None, str, str | None]] = {
        district_key(a1, a2): (b.controller, b.status, b.since)
        for (a1, a2), b in _baseline_overrides(network.theatre).items()
    }
    return _Baseline(
        default.controller,
        default.status,
        default.since,
        str(meta.get("default_hub", "")),
        overrides,
    )


def resolve_districts(names: Iterable[str], network: RoadNetwork | None = None) -> list[District]:
    """District names as a user types them ("Doshi", "Dushi", "Baghlan/Doshi") to (admin1, admin2).

    The road network's own districts are tried first, then the gazetteer's
    aliases, then a consonant skeleton; UnknownPlace with suggestions otherwise.
    """
    net = network or load_network()
    known = net.districts()
    out: list[District] = []
    for raw in names:
        name = raw.strip()
        admin1: str | None = None
        for sep in ("/", ":", ","):
            if sep in name:
                left, right = (p.strip() for p in name.split(sep, 1))
                # "Baghlan/Doshi" or "Doshi, Baghlan"
                name, admin1 = (right, left) if sep != "," else (left, right)
                break
        out.append(_resolve_one(raw, name, admin1, known, net.theatre))
    return iter_districts(out)


def _resolve_one(
    raw: str, name: str, admin1: str | None, known: list[District], theatre: str | None
) -> District:
    def pick(matcher: Any, value: str) -> list[District]:
        return [
            d
            for d in known
            if matcher(d[1]) == matcher(value) and (admin1 is None or norm(d[0]) == norm(admin1))
        ]

    hits = pick(norm, name)
    if len(hits) == 1:
        return hits[0]
    gazetteer_hit = _gazetteer_district(name, admin1, theatre)
    if gazetteer_hit is not None:
        return gazetteer_hit
    hits = hits or pick(skeleton, name)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise UnknownPlace(raw, [f"{a1}/{a2}" for a1, a2 in hits])
    names = sorted({d[1] for d in known})
    raise UnknownPlace(raw, difflib.get_close_matches(name, names, n=3, cutoff=0.6))


def _gazetteer_district(name: str, admin1: str | None, theatre: str | None) -> District | None:
    """The gazetteer's reading of a district name, if the gazetteer is installed and knows it."""
    from frontlines.theatres import get_theatre

    if not get_theatre(theatre).has("gazetteer.json"):
        return None
    try:
        from frontlines.resolve.places import get_gazetteer  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        place = get_gazetteer(theatre).district(name, admin1)
    except FrontlinesError:
        return None
    if place.admin1 is None or place.admin2 is None:
        return None
    return (str(place.admin1), str(place.admin2))


def _state_map(
    states: Mapping[tuple[str, str], ControlState] | Iterable[ControlState],
) -> dict[District, ControlState]:
    values = states.values() if isinstance(states, Mapping) else states
    return {district_key(s.admin1, s.admin2): s for s in values}


def analyse_states(
    states: Mapping[tuple[str, str], ControlState] | Iterable[ControlState],
    *,
    hub: str | None = None,
    if_falls: Sequence[str] = (),
    opponent: str = "Taliban",
    network: RoadNetwork | None = None,
    date: str | dt.date | None = None,
    counting: str | None = None,
    criticality: bool = True,
    crossing_events: Iterable[Event] = (),
) -> RoutesResult:
    """The road consequences of ``states`` (districts not listed are at the theatre baseline).

    Pure: no database.  ``if_falls`` districts are treated as held by ``opponent``.
    ``network`` defaults to the theatre's; tests pass a tiny one.
    ``crossing_events``: counted territorial events up to the date, read for
    those that name a crossing (see ``_crossing_hold``).
    """
    net = network or load_network()
    base = _baseline(net)
    state_by_key = _state_map(states)
    fallen = resolve_districts(if_falls, net) if if_falls else []
    fallen_keys = {district_key(*d) for d in fallen}
    insurgent = opponent
    government = _government(net)

    def holding(d: District) -> tuple[str | None, str, ControlState | None]:
        key = district_key(*d)
        if key in fallen_keys:
            return opponent, "controlled", None
        st = state_by_key.get(key)
        if st is None:
            who, status, _ = base.districts.get(key, (base.controller, base.status, base.since))
            return who, status, None
        return st.controller, st.status, st

    hub_node = net.find_node(hub or base.default_hub)
    hub_holder = holding(hub_node.district)[0]
    notes: dict[str, str] = {}
    # The analysis is made for whoever holds the hub: its opponent is the other side.
    if hub_holder is not None and hub_holder == insurgent:
        opponent = government or "Government"
    elif hub_holder is None:
        notes["hub_holder"] = (
            f"nobody is known to hold {hub_node.name} on this date: the roads are read "
            f"for the side opposing {insurgent}"
        )

    def blocks(d: District, extra: frozenset[District] = frozenset()) -> bool:
        if district_key(*d) in extra:
            controller: str | None = opponent
            status = "controlled"
        else:
            controller, status, _ = holding(d)
        if status != "controlled" or controller is None or controller == hub_holder:
            return False
        # Government-side actors under other names do not cut the government's
        # roads: only the opponent does; the insurgent's roads are cut by anyone else.
        return controller == opponent or hub_holder == insurgent

    blocked_cache: dict[District, bool] = {}

    def blocked(d: District) -> bool:
        if d not in blocked_cache:
            blocked_cache[d] = blocks(d)
        return blocked_cache[d]

    def seg_cut_by(seg: Segment) -> tuple[District, ...]:
        return tuple(d for d in seg.districts if blocked(d))

    cut = {seg.id: seg_cut_by(seg) for seg in net.segments}
    cut = {sid: by for sid, by in cut.items() if by}

    base_dist, base_via = net.shortest(hub_node.id)
    cur_dist, _ = net.shortest(hub_node.id, lambda s: s.id not in cut)

    destinations = []
    for cap in sorted(net.capitals(), key=lambda n: (base_dist.get(n.id, float("inf")), n.name)):
        baseline_km = base_dist.get(cap.id)
        if baseline_km is None:
            # Not connected even on the full network: a data problem, reported honestly.
            destinations.append(
                Destination(cap.name, cap.admin1, cap.admin2, False, None, 0.0, None, ())
            )
            continue
        route = net.path(hub_node.id, cap.id, base_via)
        cut_by = iter_districts(d for seg in route for d in cut.get(seg.id, ()))
        path_km = cur_dist.get(cap.id)
        detour = None
        if path_km is not None:
            detour = round(path_km / baseline_km, 2) if baseline_km > 0 else 1.0
        destinations.append(
            Destination(
                name=cap.name,
                admin1=cap.admin1,
                admin2=cap.admin2,
                reachable=path_km is not None,
                path_km=round(path_km, 1) if path_km is not None else None,
                baseline_km=round(baseline_km, 1),
                detour=detour,
                cut_by=tuple(cut_by),
            )
        )

    crossings = [
        _crossing_hold(node, net, holding, fallen_keys, base, list(crossing_events), opponent)
        for node in sorted(net.crossings(), key=lambda n: n.name)
    ]

    names = {n.id: n.name for n in net.nodes.values()}
    cut_segments = tuple(
        CutSegment(s.id, s.name, names[s.from_node], names[s.to_node], s.km, cut[s.id])
        for s in net.segments
        if s.id in cut
    )

    critical: tuple[Criticality, ...] = ()
    if criticality:
        critical = _criticality(net, hub_node.id, destinations, cut, blocked)
    linked = [d for d in destinations if not d.effectively_cut and d.name != hub_node.name]
    if not cut_segments:
        notes["cut_segments"] = f"no road segment passes a district held by {opponent}"
    if not critical:
        if not criticality:
            notes["critical_districts"] = "not computed"
        elif not linked:
            notes["critical_districts"] = (
                f"no capital is still linked to {hub_node.name}: none is left to cut"
            )
        else:
            notes["critical_districts"] = (
                f"no single district whose fall would cut a capital: each of the {len(linked)} "
                f"capitals still linked to {hub_node.name} keeps another road within "
                f"{settings.DETOUR_CUT_FACTOR}x its usual length, or its roads run only through "
                f"districts {opponent} already holds or no one is known to hold"
            )
    if not any(d.effectively_cut for d in destinations):
        notes["destinations"] = f"every capital can be reached from {hub_node.name}"

    when = date.isoformat() if isinstance(date, dt.date) else date
    return RoutesResult(
        hub=hub_node.name,
        hub_holder=hub_holder,
        opponent=opponent,
        date=when,
        counting=counting,
        if_falls=tuple(fallen),
        destinations=tuple(destinations),
        crossings=tuple(crossings),
        cut_segments=cut_segments,
        critical_districts=critical,
        theatre=net.theatre,
        cut_ids=frozenset(cut),
        notes=notes,
    )


def _government(net: RoadNetwork) -> str | None:
    from frontlines.theatres import get_theatre

    name = get_theatre(net.theatre).meta.get("government_actor")
    return str(name) if name else None


_Holding = Callable[[District], tuple[str | None, str, ControlState | None]]


def _crossing_hold(
    node: Node,
    net: RoadNetwork,
    holding: _Holding,
    fallen_keys: set[District],
    base: _Baseline,
    events: list[Event],
    opponent: str,
) -> CrossingHold:
    """Who holds a crossing: the latest change among the evidence that bears on it.

    Evidence, each dated: its district's holder (not for an enclave); territorial
    events that name the crossing; and the fall of its provincial capital, since
    a border post cannot be held once the city behind it is lost.  Walking them
    in date order, the holder changes only when the evidence names someone else,
    so "since" stays the date it first changed hands.
    """

    def hold(
        holder: str | None,
        status: str,
        since: str | None,
        basis: str,
        claim_status: str | None = None,
        event_ids: tuple[str, ...] = (),
        hypothetical: bool = False,
    ) -> CrossingHold:
        return CrossingHold(
            name=node.name,
            admin1=node.admin1,
            admin2=node.admin2,
            neighbour=node.neighbour,
            customs=node.customs,
            holder=holder,
            status=status,
            since=since,
            claim_status=claim_status,
            hypothetical=hypothetical,
            event_ids=event_ids,
            basis=basis,
        )

    if district_key(*node.district) in fallen_keys:
        return hold(opponent, "controlled", None, "hypothetical", hypothetical=True)
    own = base.districts.get(
        district_key(*node.district), (base.controller, base.status, base.since)
    )
    # (since, rank, holder, status, claim_status, event_ids, basis); rank breaks same-day ties.
    evidence: list[tuple[str, int, str | None, str, str | None, tuple[str, ...], str]] = []
    controller, status, st = holding(node.district)
    if (
        st is not None
        and st.since
        and st.event_ids
        and not (node.enclave and st.status == "controlled")
    ):
        evidence.append(
            (st.since, 1, controller, status, st.claim_status, st.event_ids, "district")
        )
    capital = net.capital_of(node.admin1)
    if capital is not None and capital.district != node.district:
        who, cap_status, cap = holding(capital.district)
        # Only a capital that changed hands on evidence carries its border post with it.
        if (
            cap is not None
            and cap.since
            and cap.event_ids
            and cap_status == "controlled"
            and who != own[0]
        ):
            evidence.append(
                (cap.since, 0, who, "controlled", cap.claim_status, cap.event_ids, "capital")
            )
    for ev in events:
        if ev.event_date and _names_crossing(ev, node):
            who = _gainer(ev)
            if who is not None:
                claim: str | None = ev.claim_status
                evidence.append(
                    (ev.event_date[:10], 2, who, "controlled", claim, (ev.event_id,), "crossing")
                )
    current = hold(own[0], own[1], own[2], "baseline")
    for since, _, who, status_now, claim, ids, basis in sorted(evidence, key=lambda e: e[:2]):
        if who != current.holder:
            if is_counter_claim(
                claim, who, current.holder, held_on_evidence=current.basis != "baseline"
            ):
                continue  # a counter-claim contests a hold on evidence, as in the timeline
            current = hold(who, status_now, since, basis, claim_status=claim, event_ids=ids)
        elif basis == "district" and current.basis == "baseline":
            # The record confirms the baseline holder: keep the date, cite the evidence.
            current = hold(who, status_now, current.since, basis, claim_status=claim, event_ids=ids)
    return current


def _names_crossing(event: Event, node: Node) -> bool:
    """Whether a territorial event is about this crossing.

    Its location is the crossing; or, outside an enclave, its evidence names the
    crossing and the event lies in the crossing's province (one report often
    tells of two crossings of a province taken the same day).
    """
    names = {norm(n) for n in (node.name, *node.aliases)}
    reports = event.reports or ()
    locations = [event.location, *(r.location for r in reports)]
    if any(loc and norm(loc) in names for loc in locations):
        return True
    if node.enclave or norm(event.admin1 or "") != norm(node.admin1):
        return False
    texts = " ".join(r.evidence for r in reports).casefold()
    return any(n.casefold() in texts for n in (node.name, *node.aliases) if len(n) > 3)


def _gainer(event: Event) -> str | None:
    """Who a territorial event hands the place to (the control stage's rule when present)."""
    try:
        from frontlines.control import gainer
    except ImportError:
        return event.actor1
    result: str | None = gainer(event)
    return result


def _criticality(
    net: RoadNetwork,
    hub_id: str,
    destinations: list[Destination],
    cut: Mapping[str, tuple[District, ...]],
    blocked: Callable[[District], bool],
) -> tuple[Criticality, ...]:
    """For each open district on the roads, the capitals it alone would cut off next."""
    hub_district = district_key(*net.nodes[hub_id].district)
    factor = settings.DETOUR_CUT_FACTOR
    by_name = {n.name: n for n in net.capitals()}
    # Only capitals still linked count: one already cut cannot be cut again.
    linked = [d for d in destinations if not d.effectively_cut and by_name[d.name].id != hub_id]
    segments_of: dict[District, list[str]] = {}
    label: dict[District, District] = {}
    for seg in net.segments:
        if seg.id in cut:
            continue
        for d in seg.districts:
            key = district_key(*d)
            if key == hub_district or blocked(d):
                continue
            label.setdefault(key, d)
            segments_of.setdefault(key, []).append(seg.id)
    out = []
    for key, seg_ids in segments_of.items():
        closed = set(cut) | set(seg_ids)
        dist, _ = net.shortest(hub_id, lambda s, closed=closed: s.id not in closed)  # type: ignore[misc]
        lost = []
        for dest in linked:
            km = dist.get(by_name[dest.name].id)
            if km is None or (dest.baseline_km > 0 and km / dest.baseline_km > factor):
                lost.append(dest.name)
        if lost:
            a1, a2 = label[key]
            out.append(Criticality(a1, a2, len(lost), tuple(lost), len(set(seg_ids))))
    out.sort(key=lambda c: (-c.capitals_cut, -c.segments, c.admin1, c.admin2))
    return tuple(out)


# --- with the database --------------------------------------------------------


def analyse(
    db: Any,
    date: str | dt.date | None,
    *,
    hub: str | None = None,
    counting: str = settings.DEFAULT_COUNTING,
    if_falls: Sequence[str] = (),
    opponent: str | None = None,
    network: RoadNetwork | None = None,
) -> RoutesResult:
    """Road consequences of the control timeline at ``date``, counting the chosen claims.

    ``db`` is an open database, a path, or None.  A path that does not exist
    (and None) means no record: every district stays at the theatre baseline,
    which is what ``if_falls`` hypotheticals on an empty database need.
    ``date`` None means the latest event date in the database, else the end of
    the theatre's period.
    """
    if counting not in settings.COUNTING:
        raise InvalidParameter("counting", counting, " | ".join(settings.COUNTING))
    net = network or load_network()
    from frontlines.theatres import get_theatre

    meta = get_theatre(net.theatre).meta
    if isinstance(db, str | Path):
        db = _open_existing(Path(db))
    states: list[ControlState] = []
    events: list[Event] = []
    when = _as_date(date) if date is not None else None
    if db is not None:
        from frontlines import control

        if when is None:
            latest = control.latest_date(db)
            when = _as_date(latest) if latest else None
        if when is None:
            when = _as_date(meta["period"]["end"])
        states = list(control.control_at(db, when, counting))
        events = _territorial_events(db, when, counting)
    if when is None:
        when = _as_date(meta["period"]["end"])
    return analyse_states(
        states,
        hub=hub,
        if_falls=if_falls,
        opponent=opponent or str(meta.get("insurgent_actor", "Taliban")),
        network=net,
        date=when,
        counting=counting,
        crossing_events=events,
    )


def _territorial_events(db: Any, when: dt.date, counting: str) -> list[Event]:
    """Counted territorial events up to ``when``, for the crossings' own evidence."""
    from frontlines import taxonomy
    from frontlines.fuse import list_events

    allowed = set(settings.COUNTING[counting])
    return [
        ev
        for sub in sorted(taxonomy.TERRITORIAL)
        for ev in list_events(db, until=when.isoformat(), sub_event_type=sub)
        if ev.claim_status in allowed
    ]


def _as_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    from frontlines.errors import InvalidDate

    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidDate(value) from None


def _open_existing(path: Path) -> Any:
    """The database at ``path``, or None when there is no file (never create one here)."""
    if not path.exists():
        return None
    from frontlines.store import open_db  # type: ignore[attr-defined,unused-ignore]

    return open_db(str(path))
