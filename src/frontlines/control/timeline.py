"""The control timeline of one district, folded from its fused events.

Pure: it reads events and returns spans.  A territorial event hands the
district to its gainer; fighting without a change of hands makes it
``contested`` for ``settings.CONTESTED_WINDOW_DAYS`` and it then reverts to its
holder.  Only events whose claim status the chosen counting admits take part,
so "confirmed" and "all" give two timelines from the same evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from frontlines import settings, taxonomy
from frontlines.errors import InvalidParameter
from frontlines.records import ControlState, ControlStatus, Event, FusedClaimStatus

#: valid_from of the first span: it holds for any date before the first event.
BEGINNING = "0001-01-01"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The state every district starts in (from the theatre, or settings)."""

    controller: str | None
    status: ControlStatus = "controlled"
    since: str | None = None


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


def _sort_key(event: Event) -> tuple[str, int, int, str]:
    # On one day, fighting comes before the change of hands it led to.
    territorial = event.sub_event_type in taxonomy.TERRITORIAL
    credibility = _CREDIBILITY.get(event.claim_status, 0)
    return (event.event_date or "", 1 if territorial else 0, credibility, event.event_id)


def fold(
    admin1: str,
    admin2: str,
    events: Sequence[Event],
    *,
    counting: str,
    baseline: Baseline,
    gainer: Callable[[Event], str | None],
) -> list[Span]:
    """The district's spans, oldest first; ``gainer`` names who a territorial event hands it to."""
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
    )
    spans: list[tuple[str, ControlState]] = [(BEGINNING, base)]
    held = base  # the last controlled state: what a contested district reverts to
    contested_until: dt.date | None = None

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
        expire(day)
        current = spans[-1][1]
        claim: FusedClaimStatus = event.claim_status
        if event.sub_event_type in taxonomy.TERRITORIAL:
            who = gainer(event)
            contested_until = None
            if (
                who == held.controller
                and current.status == "controlled"
                and (claim == current.claim_status)
            ):
                held = replace(current, event_ids=(*current.event_ids, event.event_id))
                spans[-1] = (spans[-1][0], held)
                continue
            held = ControlState(
                admin1=admin1,
                admin2=admin2,
                controller=who,
                status="controlled" if who else "unknown",
                claim_status=claim,
                since=day.isoformat(),
                event_ids=(event.event_id,),
            )
            push(day.isoformat(), held)
        elif event.sub_event_type in settings.CONTESTING_SUB_EVENT_TYPES:
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


def baseline_state(admin1: str, admin2: str, baseline: Baseline) -> ControlState:
    """The state of a district no counted event has touched."""
    return fold(admin1, admin2, (), counting="all", baseline=baseline, gainer=lambda e: None)[
        0
    ].state
