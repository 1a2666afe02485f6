"""Fusion of hand-made reports: same event, wire copies, corroboration, disputes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines import taxonomy
from frontlines.fuse.merge import CONTRADICTS, fuse_reports, is_repelled
from frontlines.records import Report, Source

TALIBAN = "Taliban"
ARMY = "Military Forces of Afghanistan (2004-2021)"


def rep(
    rid: str,
    *,
    article: str | None = None,
    sub: str = taxonomy.NSA_OVERTAKES,
    admin1: str | None = "Kunduz",
    admin2: str | None = "Imam Sahib",
    date: str | None = "2021-06-21",
    precision: int = 1,
    actor1: str | None = TALIBAN,
    actor2: str | None = ARMY,
    status: str = "reported",
    outlet: str | None = "Outlet A",
    published: str = "2021-06-21",
    evidence: str = "Taliban fighters took the district.",
    sources: tuple[Source, ...] = (),
    geo: int = 1,
) -> Report:
    return Report(
        event_id=rid,
        article_id=article or f"art-{rid}",
        event_type=taxonomy.event_type_of(sub),
        sub_event_type=sub,
        evidence=evidence,
        event_date=date,
        time_precision=precision,
        actor1=actor1,
        actor2=actor2,
        country="Afghanistan",
        admin1=admin1,
        admin2=admin2,
        geo_precision=geo,
        claim_status=status,  # type: ignore[arg-type]
        outlet=outlet,
        published=published,
        sources=sources,
    )


def test_two_outlets_same_district_and_day_make_one_confirmed_event() -> None:
    fused = fuse_reports([rep("a", outlet="Outlet A"), rep("b", outlet="Outlet B")])
    assert len(fused) == 1
    event = fused[0].event
    assert event.corroboration == 2
    assert event.claim_status == "confirmed"
    assert [s.name for s in event.sources] == ["Outlet A", "Outlet B"]


def test_wire_copy_is_a_second_source_but_not_independent_corroboration() -> None:
    reports = [rep("a", article="x1", outlet="Wire"), rep("b", article="x2", outlet="Paper")]
    fused = fuse_reports(reports, story_of={"x1": "x1", "x2": "x1"})
    assert len(fused) == 1
    event = fused[0].event
    assert len(event.sources) == 2
    assert event.corroboration == 1
    assert event.claim_status == "reported"


def test_reports_far_apart_in_time_or_place_stay_apart() -> None:
    fused = fuse_reports(
        [
            rep("a"),
            rep("b", date="2021-07-15", outlet="Outlet B"),
            rep("c", admin2="Dashte Archi", outlet="Outlet C"),
        ]
    )
    assert len(fused) == 3


def test_time_precision_widens_the_window() -> None:
    near_week = rep("b", date="2021-06-27", precision=2, outlet="Outlet B")
    assert len(fuse_reports([rep("a"), near_week])) == 1
    exact = rep("c", date="2021-06-27", precision=1, outlet="Outlet B")
    assert len(fuse_reports([rep("a"), exact])) == 2


def test_capture_and_recapture_are_different_events() -> None:
    regain = rep("b", sub=taxonomy.GOV_REGAINS, actor1=ARMY, actor2=TALIBAN, outlet="B")
    assert len(fuse_reports([rep("a"), regain])) == 2


def test_transfer_to_the_same_side_fuses_with_the_capture() -> None:
    transfer = rep("b", sub=taxonomy.NONVIOLENT_TRANSFER, outlet="B")
    fused = fuse_reports([rep("a"), transfer])
    assert len(fused) == 1


def test_clash_with_actors_swapped_is_the_same_clash() -> None:
    a = rep("a", sub=taxonomy.ARMED_CLASH)
    b = rep("b", sub=taxonomy.ARMED_CLASH, actor1=ARMY, actor2=TALIBAN, outlet="B")
    assert len(fuse_reports([a, b])) == 1


def test_different_non_state_actors_do_not_fuse() -> None:
    b = rep("b", actor1="Islamic State (Khorasan Province)", outlet="B")
    assert len(fuse_reports([rep("a"), b])) == 2


def test_both_sides_confirm_in_one_report() -> None:
    sides = (Source("police spokesman", side="government"), Source("Mujahid", side="insurgent"))
    fused = fuse_reports([rep("a", sources=sides)])
    assert fused[0].event.claim_status == "confirmed"


def test_later_denial_disputes_the_claim_and_both_stay_visible() -> None:
    claim = rep("a", status="claimed")
    denial = rep("b", status="denied", outlet="B", published="2021-06-22")
    fused = fuse_reports([claim, denial])
    assert len(fused) == 1
    event = fused[0].event
    assert event.claim_status == "disputed"
    assert dict(event.report_roles) == {"a": "asserts", "b": CONTRADICTS}
    assert len(event.reports) == 2


def test_report_that_attack_was_repelled_disputes_the_capture() -> None:
    claim = rep("a", status="claimed")
    repelled = rep(
        "b",
        sub=taxonomy.ARMED_CLASH,
        actor1=ARMY,
        actor2=TALIBAN,
        outlet="B",
        published="2021-06-22",
        evidence="Security forces repelled the Taliban attack on the district centre.",
    )
    assert is_repelled(repelled)
    fused = fuse_reports([claim, repelled])
    assert len(fused) == 1
    assert fused[0].event.claim_status == "disputed"


def test_recapture_is_not_a_repelled_attack() -> None:
    retook = rep(
        "b",
        sub=taxonomy.GOV_REGAINS,
        evidence="After repelling a counter-attack, the army retook the district.",
    )
    assert not is_repelled(retook)


def test_confirmation_after_the_denial_wins() -> None:
    denial = rep("a", status="denied", published="2021-06-21")
    one = rep("b", outlet="B", published="2021-06-23")
    two = rep("c", outlet="C", published="2021-06-23")
    fused = fuse_reports([denial, one, two])
    assert fused[0].event.claim_status == "confirmed"


def test_only_a_denial_is_denied() -> None:
    fused = fuse_reports([rep("a", status="denied")])
    assert fused[0].event.claim_status == "denied"


def test_unverified_claims_from_two_outlets_stay_unverified() -> None:
    fused = fuse_reports([rep("a", status="unverified"), rep("b", status="unverified", outlet="B")])
    assert fused[0].event.claim_status == "unverified"


def test_province_only_report_does_not_join_a_district_event() -> None:
    province = rep("b", admin2=None, geo=3, outlet="B")
    fused = fuse_reports([rep("a"), province])
    assert len(fused) == 2
    assert {f.event.admin2 for f in fused} == {"Imam Sahib", None}


def test_fatalities_take_the_most_conservative_count() -> None:
    a = Report(**{**_fields(rep("a")), "fatalities": 12})
    b = Report(**{**_fields(rep("b", outlet="B")), "fatalities": 5})
    assert fuse_reports([a, b])[0].event.fatalities == 5


def _fields(r: Report) -> dict[str, object]:
    return {name: getattr(r, name) for name in Report.__slots__}  # type: ignore[attr-defined]


_districts = st.sampled_from([("Kunduz", "Imam Sahib"), ("Kunduz", "Kunduz"), ("Baghlan", "Doshi")])
_subs = st.sampled_from(
    [taxonomy.NSA_OVERTAKES, taxonomy.GOV_REGAINS, taxonomy.ARMED_CLASH, taxonomy.AIR_STRIKE]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _districts,
            _subs,
            st.integers(0, 60),
            st.sampled_from(["confirmed", "reported", "claimed", "unverified", "denied"]),
            st.text(max_size=30),
        ),
        max_size=25,
    )
)
def test_every_report_lands_in_exactly_one_event_at_its_place(items: list[tuple]) -> None:
    reports = [
        rep(
            f"r{i}",
            admin1=d[0],
            admin2=d[1],
            sub=sub,
            date=f"2021-06-{1 + day % 30:02d}" if day < 30 else f"2021-07-{1 + day % 30:02d}",
            status=status,
            outlet=outlet,
            evidence=outlet or "x",
        )
        for i, (d, sub, day, status, outlet) in enumerate(items)
    ]
    fused = fuse_reports(reports)
    seen = [rid for f in fused for rid in f.roles]
    assert sorted(seen) == sorted(r.event_id for r in reports)
    by_id = {r.event_id: r for r in reports}
    for f in fused:
        places = {(by_id[rid].admin1, by_id[rid].admin2) for rid in f.roles}
        assert len(places) == 1
        assert f.event.corroboration <= len(f.roles)
