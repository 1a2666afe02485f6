"""The control fold on hand-made fused events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontlines import settings, taxonomy
from frontlines.control.timeline import Baseline, fold, resume_point
from frontlines.errors import InvalidParameter
from frontlines.records import Event

GOV = "Government of Afghanistan"
BASE = Baseline(controller=GOV, since="2021-05-01")


def ev(eid: str, sub: str, date: str, status: str = "confirmed", actor1: str = "Taliban") -> Event:
    return Event(
        event_id=eid,
        reports=(),
        claim_status=status,  # type: ignore[arg-type]
        corroboration=1,
        event_date=date,
        time_precision=1,
        event_type=taxonomy.event_type_of(sub),
        sub_event_type=sub,
        actor1=actor1,
        actor2=None,
        country="Afghanistan",
        admin1="Kunduz",
        admin2="Imam Sahib",
        location=None,
        latitude=None,
        longitude=None,
        geo_precision=1,
        fatalities=None,
        detained=None,
    )


def gainer(e: Event) -> str | None:
    return GOV if e.sub_event_type == taxonomy.GOV_REGAINS else e.actor1


def at(spans: list, day: str) -> object:
    for s in spans:
        if s.valid_from <= day and (s.valid_to is None or day < s.valid_to):
            return s.state
    raise AssertionError(f"no span covers {day}")


def run(events: list[Event], counting: str = "all") -> list:
    return fold("Kunduz", "Imam Sahib", events, counting=counting, baseline=BASE, gainer=gainer)


def test_no_event_keeps_the_baseline() -> None:
    spans = run([])
    assert len(spans) == 1
    state = spans[0].state
    assert (state.controller, state.status, state.claim_status) == (GOV, "controlled", None)


def test_capture_then_recapture() -> None:
    spans = run(
        [
            ev("e1", taxonomy.NSA_OVERTAKES, "2021-06-21"),
            ev("e2", taxonomy.GOV_REGAINS, "2021-07-01", actor1="Military Forces"),
        ]
    )
    assert at(spans, "2021-06-20").controller == GOV
    taken = at(spans, "2021-06-21")
    assert (taken.controller, taken.since, taken.event_ids) == ("Taliban", "2021-06-21", ("e1",))
    assert at(spans, "2021-07-05").controller == GOV


def test_fighting_makes_it_contested_for_the_window_then_it_reverts() -> None:
    spans = run([ev("c1", taxonomy.ARMED_CLASH, "2021-06-10")])
    window = settings.CONTESTED_WINDOW_DAYS
    last = (dt.date(2021, 6, 10) + dt.timedelta(days=window - 1)).isoformat()
    after = (dt.date(2021, 6, 10) + dt.timedelta(days=window)).isoformat()
    assert at(spans, "2021-06-10").status == "contested"
    assert at(spans, "2021-06-10").controller == GOV
    assert at(spans, last).status == "contested"
    assert at(spans, after).status == "controlled"


def test_fighting_then_fall_on_the_same_day_ends_taken() -> None:
    spans = run(
        [ev("t", taxonomy.NSA_OVERTAKES, "2021-06-21"), ev("c", taxonomy.ARMED_CLASH, "2021-06-21")]
    )
    state = at(spans, "2021-06-21")
    assert (state.controller, state.status) == ("Taliban", "controlled")


def test_unverified_claims_count_only_when_asked() -> None:
    events = [ev("u", taxonomy.NSA_OVERTAKES, "2021-06-21", status="unverified")]
    everything = at(run(events, "all"), "2021-06-21")
    assert (everything.controller, everything.claim_status) == ("Taliban", "unverified")
    assert at(run(events, "confirmed"), "2021-06-21").controller == GOV
    assert at(run(events, "reported"), "2021-06-21").controller == GOV


def test_disputed_counts_as_reported_but_not_confirmed() -> None:
    events = [ev("d", taxonomy.NSA_OVERTAKES, "2021-06-21", status="disputed")]
    assert at(run(events, "reported"), "2021-06-22").controller == "Taliban"
    assert at(run(events, "confirmed"), "2021-06-22").controller == GOV


def test_a_denied_event_never_counts() -> None:
    events = [ev("x", taxonomy.NSA_OVERTAKES, "2021-06-21", status="denied")]
    assert at(run(events, "all"), "2021-06-22").controller == GOV


def test_unknown_counting_is_refused() -> None:
    with pytest.raises(InvalidParameter, match="counting"):
        run([], "everything")


def test_confirmation_of_an_unverified_fall_is_a_new_state_same_controller() -> None:
    spans = run(
        [
            ev("u", taxonomy.NSA_OVERTAKES, "2021-06-21", status="unverified"),
            ev("c", taxonomy.NSA_OVERTAKES, "2021-06-28", status="confirmed"),
        ]
    )
    assert at(spans, "2021-06-22").claim_status == "unverified"
    assert at(spans, "2021-06-29").claim_status == "confirmed"
    assert at(spans, "2021-06-29").controller == "Taliban"


_kinds = st.sampled_from(
    [taxonomy.NSA_OVERTAKES, taxonomy.GOV_REGAINS, taxonomy.ARMED_CLASH, taxonomy.AIR_STRIKE]
)


@given(
    st.lists(
        st.tuples(
            _kinds,
            st.integers(0, 120),
            st.sampled_from(["confirmed", "reported", "claimed", "unverified", "disputed"]),
        ),
        max_size=30,
    ),
    st.sampled_from(list(settings.COUNTING)),
)
def test_spans_tile_time_without_gaps_or_overlaps(items: list[tuple], counting: str) -> None:
    start = dt.date(2021, 5, 1)
    events = [
        ev(f"e{i}", kind, (start + dt.timedelta(days=d)).isoformat(), status=status)
        for i, (kind, d, status) in enumerate(items)
    ]
    spans = run(events, counting)
    assert spans[-1].valid_to is None
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.valid_to == b.valid_from
        assert a.valid_from < b.valid_from
    counted = set(settings.COUNTING[counting])
    known = {e.event_id for e in events if e.claim_status in counted}
    for s in spans:
        assert set(s.state.event_ids) <= known
        assert s.state.status in ("controlled", "contested", "unknown")


def test_on_one_day_the_better_attested_change_decides() -> None:
    events = [
        ev("z-confirmed", taxonomy.NSA_OVERTAKES, "2021-08-08", status="confirmed"),
        ev("a-reported", taxonomy.GOV_REGAINS, "2021-08-08", status="reported", actor1="Army"),
    ]
    assert at(run(events), "2021-08-08").controller == "Taliban"


_any_kind = st.sampled_from(
    [
        taxonomy.NSA_OVERTAKES,
        taxonomy.GOV_REGAINS,
        taxonomy.NONVIOLENT_TRANSFER,
        taxonomy.ARMED_CLASH,
        taxonomy.AIR_STRIKE,
        taxonomy.ATTACK,
    ]
)
_status = st.sampled_from(["confirmed", "reported", "claimed", "unverified", "disputed"])
_item = st.tuples(_any_kind, st.integers(0, 60), _status, st.sampled_from(["Taliban", "ISKP"]))


@given(
    st.lists(_item, max_size=25),
    st.lists(_item, max_size=12),
    st.integers(0, 62),
    st.integers(0, 3),
    st.sampled_from(
        [
            BASE,
            Baseline(controller=GOV, status="contested", since="2021-05-01"),
            Baseline(controller=None),
        ]
    ),
)
def test_a_resumed_fold_equals_a_full_fold(
    old_items: list[tuple], new_items: list[tuple], cut: int, drop: int, baseline: Baseline
) -> None:
    """Change only events on or after a day: keep the spans before it, resume, same spans."""
    start = dt.date(2021, 5, 1)
    day = (start + dt.timedelta(days=cut)).isoformat()

    def make(prefix: str, items: list[tuple]) -> list[Event]:
        return [
            ev(f"{prefix}{i}", kind, (start + dt.timedelta(days=d)).isoformat(), status, actor)
            for i, (kind, d, status, actor) in enumerate(items)
        ]

    old = make("e", old_items)
    # Keep what lies before the day; drop, change or add only on or after it.
    later = [e for e in old if (e.event_date or "") >= day]
    kept = [e for e in old if (e.event_date or "") < day] + later[drop:]
    added = [e for e in make("n", new_items) if (e.event_date or "") >= day]
    new = kept + added
    dates = {e.event_id: e.event_date for e in new}
    for counting in settings.COUNTING:

        def fold_all(events: list[Event], counting: str = counting) -> list:
            return fold(
                "Kunduz", "Imam Sahib", events, counting=counting, baseline=baseline, gainer=gainer
            )

        stored = fold_all(old)
        before = [(s.valid_from, s.state) for s in reversed(stored) if s.valid_from < day]
        resume = resume_point(before, day, dates.get)
        if resume is None:
            # Nothing safe to resume from (a same-day counter-claim hid the hold it
            # contests): rebuild_control then folds everything, which is the full fold.
            assert any(s.state.claim_status == "disputed" for s in stored) or not before
            continue
        tail = fold(
            "Kunduz",
            "Imam Sahib",
            [e for e in new if (e.event_date or "") >= day],
            counting=counting,
            baseline=baseline,
            gainer=gainer,
            resume=resume,
        )
        head = [s for s in stored if s.valid_from < resume.start]
        assert tail[0].valid_from == resume.start
        assert head + tail == fold_all(new)


def test_resume_drops_the_evidence_gathered_after_the_day() -> None:
    events = [
        ev("e1", taxonomy.NSA_OVERTAKES, "2021-06-01"),
        ev("e2", taxonomy.NSA_OVERTAKES, "2021-06-10"),  # confirms the same holder
    ]
    stored = run(events)
    assert stored[-1].state.event_ids == ("e1", "e2")
    resume = resume_point(
        [(s.valid_from, s.state) for s in reversed(stored)], "2021-06-05", {"e1": "2021-06-01"}.get
    )
    assert resume is not None
    assert resume.state.event_ids == ("e1",)
    assert resume.held == resume.state
    assert resume.contested_until is None


def test_a_disputed_counter_claim_contests_an_evidenced_hold_without_flipping_it() -> None:
    spans = run(
        [
            ev("take", taxonomy.NSA_OVERTAKES, "2021-07-14", status="disputed"),
            ev("back", taxonomy.GOV_REGAINS, "2021-07-15", status="disputed", actor1="Army"),
        ]
    )
    taken = at(spans, "2021-07-14")
    assert (taken.controller, taken.status, taken.claim_status) == (
        "Taliban",
        "controlled",
        "disputed",
    )
    after = at(spans, "2021-07-16")
    assert (after.controller, after.status, after.event_ids) == ("Taliban", "contested", ("back",))
    window = settings.CONTESTED_WINDOW_DAYS
    later = (dt.date(2021, 7, 15) + dt.timedelta(days=window)).isoformat()
    assert (at(spans, later).controller, at(spans, later).status) == ("Taliban", "controlled")
    # An undisputed recapture does flip it back.
    spans = run(
        [
            ev("take", taxonomy.NSA_OVERTAKES, "2021-07-14", status="disputed"),
            ev("back", taxonomy.GOV_REGAINS, "2021-07-15", status="reported", actor1="Army"),
        ]
    )
    assert at(spans, "2021-07-16").controller == GOV


def test_a_counter_claim_contests_only_a_hold_on_evidence() -> None:
    from frontlines.control.timeline import is_counter_claim

    assert is_counter_claim("disputed", "Taliban", "Government", held_on_evidence=True)
    assert not is_counter_claim("disputed", "Taliban", "Government", held_on_evidence=False)
    assert not is_counter_claim("confirmed", "Taliban", "Government", held_on_evidence=True)
    assert not is_counter_claim("disputed", "Taliban", "Taliban", held_on_evidence=True)


def test_a_handover_that_nobody_named_gains_changes_nothing() -> None:
    leaving = ev("n1", taxonomy.NONVIOLENT_TRANSFER, "2021-07-02", status="reported")
    spans = fold(
        "Kunduz", "Imam Sahib", [leaving], counting="all", baseline=BASE, gainer=lambda e: None
    )
    assert len(spans) == 1 and spans[0].state.controller == GOV


def test_an_outside_force_leaving_gains_nobody_the_district() -> None:
    from frontlines.control import gainer as theatre_gainer

    left = dataclasses.replace(
        ev("n2", taxonomy.NONVIOLENT_TRANSFER, "2021-07-02", status="reported"),
        actor1=None,
        actor2="Military Forces of the United States",
    )
    assert theatre_gainer(left) is None
    retreat = dataclasses.replace(left, actor2="Military Forces of Afghanistan (2004-2021)")
    assert theatre_gainer(retreat) == "Taliban"  # the theatre's insurgent takes what the army left


def test_a_strike_contests_a_district_only_when_it_hits_an_armed_side() -> None:
    """A drone strike on a car in a city already held is violence there, not a fight for it;
    a strike on the holder's fighters, or a clash, is."""
    taken = ev("e1", taxonomy.NSA_OVERTAKES, "2021-08-15")
    on_civilians = dataclasses.replace(
        ev("e2", taxonomy.AIR_STRIKE, "2021-08-29", actor1="Military Forces of the United States"),
        actor2="Civilians (Afghanistan)",
    )
    on_no_one = dataclasses.replace(on_civilians, event_id="e3", actor2=None)
    on_fighters = dataclasses.replace(on_civilians, event_id="e4", actor2="Taliban")
    for strike in (on_civilians, on_no_one):
        assert "contested" not in [s.state.status for s in run([taken, strike])]
    assert at(run([taken, on_fighters]), "2021-08-29").status == "contested"  # type: ignore[attr-defined]
    clash = ev("e5", taxonomy.ARMED_CLASH, "2021-08-29")
    assert at(run([taken, clash]), "2021-08-29").status == "contested"  # type: ignore[attr-defined]
