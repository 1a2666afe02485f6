"""The control timeline of one district, folded from its fused events.

Pure: it reads events and returns spans.  A territorial event hands the
district to its gainer; fighting without a change of hands makes it
``contested`` for ``settings.CONTESTED_WINDOW_DAYS`` and it then reverts to its
holder.  Only events whose claim status the chosen counting admits take part,
so "confirmed" and "all" give two timelines from the same evidence.

A fold can also resume (``resume_point``): when only events on or after a date
changed, the spans before it are kept and the fold picks up from the state in
force just before it, with the same result as folding everything again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from frontlines import settings, taxonomy
from frontlines.errors import InvalidParameter
from frontlines.records import (
    ControlBasis,
    ControlState,
    ControlStatus,
    Event,
    FusedClaimStatus,
)

#: valid_from of the first span: it holds for any date before the first event.
BEGINNING = "0001-01-01"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The state a district starts in: the theatre's dated assessment, with its source.

    No controller means no evidence: the district is ``unknown`` until an event says.
    """

    controller: str | None
    status: ControlStatus = "controlled"
    since: str | None = None
    #: The citation the assessment rests on (None for "no information").
    source: str | None = None


#: An event's level: one district, a whole province, or the whole country.
LEVELS: tuple[ControlBasis, ...] = ("country", "province", "event")


def event_level(event: Event) -> ControlBasis:
    """ "event" for a district's own event, "province" for one about a whole province
    (admin1 without a district, or province-level precision), "country" for one about
    the whole country (no admin1)."""
    if not event.admin1:
        return "country"
    if not event.admin2 or event.geo_precision == 3:
        return "province"
    return "event"


def is_wide(event: Event) -> bool:
    """A province- or country-wide change of hands: placed at that level, and told as
    covering all of it (``Event.scope``); "retook areas of Badakhshan" is not."""
    level = event_level(event)
    if level == "country" and not event.country:
        return False
    return level != "event" and event.scope == level


def applies_to(event: Event, admin1: str, admin2: str) -> bool:
    """Whether a province- or country-wide event covers this district (its province is
    the event's, and neither the province nor the district is excluded)."""
    level = event_level(event)
    if level == "province" and event.admin1 != admin1:
        return False
    if level == "event":
        return event.admin1 == admin1 and event.admin2 == admin2
    excluded = {e.casefold() for e in event.excluded}
    return admin1.casefold() not in excluded and f"{admin1}/{admin2}".casefold() not in excluded


def basis_of(state: ControlState) -> ControlBasis:
    """What ``state`` rests on, derived for states made before the basis was recorded."""
    if state.basis is not None:
        return state.basis
    if state.event_ids:
        return "event"
    return "baseline" if state.controller else "none"


@dataclass(frozen=True, slots=True)
class Span:
    """A state and the dates it holds for: ``valid_from`` inclusive, ``valid_to`` exclusive."""

    state: ControlState
    valid_from: str
    valid_to: str | None


def counted_statuses(counting: str) -> tuple[str, ...]:
    """The claim statuses a ``--counting`` choice admits; InvalidParameter otherwise."""
    try:
        return settings.COUNTING[counting]
    except KeyError:
        raise InvalidParameter(
            "counting", counting, " | ".join(settings.COUNTING) + " (settings.COUNTING)"
        ) from None


#: On one day, the better-attested event is folded last, so it decides the day's state.
_CREDIBILITY = {"confirmed": 4, "reported": 3, "disputed": 2, "claimed": 1, "unverified": 0}


def _sort_key(event: Event) -> tuple[str, int, int, int, str]:
    # On one day, fighting comes before the change of hands it led to, and a country-
    # or province-wide report before the district's own evidence, which then decides.
    territorial = event.sub_event_type in taxonomy.TERRITORIAL
    credibility = _CREDIBILITY.get(event.claim_status, 0)
    level = LEVELS.index(event_level(event))
    return (event.event_date or "", 1 if territorial else 0, level, credibility, event.event_id)


@dataclass(frozen=True, slots=True)
class Resume:
    """The fold's state just before a date: where an incremental refold picks up.

    ``start``/``state``: the last span begun before it (its evidence as of then);
    ``held``: the last controlled state (what a contest reverts to);
    ``contested_until``: when a contest still running then expires.
    """

    start: str
    state: ControlState
    held: ControlState
    contested_until: dt.date | None


def is_counter_claim(
    claim_status: str | None, gainer: str | None, holder: str | None, *, held_on_evidence: bool
) -> bool:
    """Whether a change of hands is one side's claim that the other rejects ("disputed")
    against a hold that rests on evidence: such a claim contests the place, it does
    not hand it over.  The control timeline and the crossings' holders both ask this."""
    return claim_status == "disputed" and gainer != holder and held_on_evidence


def _is_held(start: str, state: ControlState) -> bool:
    # Contested spans are pushed with their fighting event; a held state is anything else
    # (the baseline, even a "contested" one, carries no event).
    return start == BEGINNING or state.status != "contested" or not state.event_ids


def resume_point(
    spans: Iterable[tuple[str, ControlState]],
    before: str,
    event_date: Callable[[str], str | None],
) -> Resume | None:
    """The fold's state just before ``before`` (an ISO date), from its stored spans.

    ``spans``: (valid_from, state) of the spans that begin before ``before``,
    newest first (read lazily: usually one or two are needed), as folded from
    events that are all unchanged before ``before``.  ``event_date``: an event's
    current date (None if it is gone).  The last span may have gathered evidence
    on or after ``before``; that evidence is a suffix of its ``event_ids`` and is
    dropped.  None when there is nothing to resume from (fold everything).
    """
    newest = iter(spans)
    first = next(newest, None)
    if first is None:
        return None
    start, state = first
    ids = list(state.event_ids)
    last_day: str | None = None
    while ids:
        day = event_date(ids[-1])
        if day is not None and day < before:
            last_day = day
            break
        ids.pop()
    if len(ids) != len(state.event_ids):
        state = replace(state, event_ids=tuple(ids))
    if _is_held(start, state):
        return Resume(start, state, state, None)
    if last_day is None:  # a contested span keeps the event that began it: not ours
        return None
    try:
        until = dt.date.fromisoformat(last_day[:10]) + dt.timedelta(
            days=settings.CONTESTED_WINDOW_DAYS
        )
    except ValueError:
        return None
    if state.claim_status == "disputed":
        # A counter-claim may have replaced a hold begun the same day, which then is in
        # no stored span: fold everything (counter-claims are rare).
        return None
    held = next((s for b, s in newest if _is_held(b, s)), None)
    if held is None or held.controller != state.controller:
        return None  # the contest's holder is not the hold found: fold everything
    return Resume(start, state, held, until)


def fold(
    admin1: str,
    admin2: str,
    events: Sequence[Event],
    *,
    counting: str,
    baseline: Baseline,
    gainer: Callable[[Event], str | None],
    resume: Resume | None = None,
) -> list[Span]:
    """The district's spans, oldest first; ``gainer`` names who a territorial event hands it to.

    With ``resume`` (``resume_point``), ``events`` need only be those on or after the
    date it was taken at, and the spans returned begin with ``resume.start``.
    """
    admitted = counted_statuses(counting)
    window = dt.timedelta(days=settings.CONTESTED_WINDOW_DAYS)
    base = ControlState(
        admin1=admin1,
        admin2=admin2,
        controller=baseline.controller,
        status=baseline.status if baseline.controller else "unknown",
        claim_status=None,
        since=baseline.since,
        event_ids=(),
        basis="baseline" if baseline.controller else "none",
        source=baseline.source if baseline.controller else None,
    )
    spans: list[tuple[str, ControlState]] = [(BEGINNING, base)]
    held = base  # the last controlled state: what a contested district reverts to
    contested_until: dt.date | None = None
    if resume is not None:
        spans = [(resume.start, resume.state)]
        held = resume.held
        contested_until = resume.contested_until

    def push(start: str, state: ControlState) -> None:
        if spans and spans[-1][0] == start:
            spans[-1] = (start, state)  # a same-day change replaces the day's earlier state
        else:
            spans.append((start, state))

    def expire(before: dt.date | None) -> None:
        nonlocal contested_until
        if contested_until is not None and (before is None or before >= contested_until):
            push(contested_until.isoformat(), held)
            contested_until = None

    for event in sorted(events, key=_sort_key):
        if not event.event_date or event.claim_status not in admitted:
            continue
        try:
            day = dt.date.fromisoformat(event.event_date[:10])
        except ValueError:
            continue
        level = event_level(event)
        territorial = event.sub_event_type in taxonomy.TERRITORIAL
        if level != "event" and not (
            territorial and is_wide(event) and applies_to(event, admin1, admin2)
        ):
            continue  # a wider report counts only for a change of hands that covers us
        expire(day)
        current = spans[-1][1]
        claim: FusedClaimStatus = event.claim_status
        who = gainer(event) if territorial else None
        if territorial and who is None:
            continue  # a handover to no one named: the holder stays
        # One side's claim that the other rejects does not overturn a hold that rests
        # on evidence: like fighting, it makes the district contested, holder unchanged.
        counter_claim = territorial and is_counter_claim(
            claim, who, held.controller, held_on_evidence=bool(held.event_ids)
        )
        if (
            territorial
            and not counter_claim
            and level != "event"
            and who == held.controller
            and basis_of(held) in LEVELS
            and LEVELS.index(basis_of(held)) >= LEVELS.index(level)
        ):
            continue  # a wider report that agrees with the district's own evidence adds nothing
        if territorial and not counter_claim:
            contested_until = None
            if (
                who == held.controller
                and current.status == "controlled"
                and (claim == current.claim_status)
                and basis_of(current) == level
            ):
                held = replace(current, event_ids=(*current.event_ids, event.event_id))
                spans[-1] = (spans[-1][0], held)
                continue
            # The same holder on new evidence (another claim status or level) has held
            # it since it took it.
            kept = who == held.controller and bool(held.event_ids) and held.since is not None
            held = ControlState(
                admin1=admin1,
                admin2=admin2,
                controller=who,
                status="controlled" if who else "unknown",
                claim_status=claim,
                since=held.since if kept else day.isoformat(),
                event_ids=(event.event_id,),
                basis=level,
            )
            push(day.isoformat(), held)
        elif counter_claim or fights_over_ground(event):
            if current.status == "contested" and contested_until is not None:
                spans[-1] = (
                    spans[-1][0],
                    replace(current, event_ids=(*current.event_ids, event.event_id)),
                )
            else:
                push(
                    day.isoformat(),
                    ControlState(
                        admin1=admin1,
                        admin2=admin2,
                        controller=held.controller,
                        status="contested",
                        claim_status=claim,
                        since=day.isoformat(),
                        event_ids=(event.event_id,),
                        basis=level,
                    ),
                )
            contested_until = day + window
    expire(None)
    return [
        Span(
            state=state, valid_from=start, valid_to=spans[i + 1][0] if i + 1 < len(spans) else None
        )
        for i, (start, state) in enumerate(spans)
    ]


def fights_over_ground(event: Event) -> bool:
    """True when the event is fighting over the district: a clash, or a strike or shelling
    that hits an armed side.  A strike on civilians, or on no one the text names (a drone
    strike on a car in a city already held), is violence in the district, not a contest
    for it."""
    if event.sub_event_type not in settings.CONTESTING_SUB_EVENT_TYPES:
        return False
    if event.sub_event_type == taxonomy.ARMED_CLASH:
        return True
    target = (event.actor2 or "").lower()
    return bool(target) and "civilian" not in target


def baseline_state(admin1: str, admin2: str, baseline: Baseline) -> ControlState:
    """The state of a district no counted event has touched."""
    return fold(admin1, admin2, (), counting="all", baseline=baseline, gainer=lambda e: None)[
        0
    ].state
