"""Unit tests of the route analysis on tiny hand-made networks (no theatre data, no database)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.errors import InvalidParameter, InvalidRoadNetwork, UnknownPlace
from frontlines.records import ControlState
from frontlines.routes import RoadNetwork, analyse_states

GOV = "Government of Afghanistan"
TAL = "Taliban"


@pytest.fixture(autouse=True, scope="module")
def government_baseline() -> Any:
    """These tiny networks start every district government-held, as a theatre whose
    baseline names one controller for all (``settings.BASELINE_CONTROLLER``) does."""
    from frontlines import control
    from frontlines import settings as frontlines_settings

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(frontlines_settings, "BASELINE_CONTROLLER", GOV)
        control.get_baseline.cache_clear()
        yield
    control.get_baseline.cache_clear()


def node(nid: str, kind: str, district: str, **kw: Any) -> dict[str, Any]:
    return {
        "id": nid,
        "name": nid.title(),
        "kind": kind,
        "lat": 0.0,
        "lon": 0.0,
        "admin1": "P",
        "admin2": district,
        **kw,
    }


def edge(a: str, b: str, km: float, *districts: str) -> dict[str, Any]:
    return {
        "id": f"{a}-{b}",
        "from": a,
        "to": b,
        "name": f"{a} road",
        "km": km,
        "districts": [["P", d] for d in districts],
    }


def diamond() -> RoadNetwork:
    """hub -(A)- north -(B)- far; hub -(C)- south -(D)- far; far -(E)- gate.

    The northern road is short (10 + 10), the southern long (40 + 40).
    """
    return RoadNetwork.from_dict(
        {
            "nodes": [
                node("hub", "capital", "Hubdist"),
                node("north", "capital", "Ndist"),
                node("south", "town", "Sdist"),
                node("far", "capital", "Fdist"),
                node("gate", "crossing", "Gdist", neighbour="Elsewhere", customs=True),
            ],
            "edges": [
                edge("hub", "north", 10, "Hubdist", "A", "Ndist"),
                edge("north", "far", 10, "Ndist", "B", "Fdist"),
                edge("hub", "south", 40, "Hubdist", "C", "Sdist"),
                edge("south", "far", 40, "Sdist", "D", "Fdist"),
                edge("far", "gate", 5, "Fdist", "Gdist"),
            ],
        },
        theatre="afghanistan",
    )


def held(district: str, who: str = TAL, status: str = "controlled", since: str = "2021-06-21"):
    return ControlState("P", district, who, status, "confirmed", since, ("e1",))  # type: ignore[arg-type]


def dest(result: Any, name: str) -> Any:
    return next(d for d in result.destinations if d.name == name)


def test_nothing_is_cut_at_baseline() -> None:
    r = analyse_states([], hub="hub", network=diamond())
    assert r.cut_segments == ()
    far = dest(r, "Far")
    assert (far.reachable, far.path_km, far.baseline_km, far.detour) == (True, 20.0, 20.0, 1.0)
    assert r.hub_holder == GOV


def test_a_district_on_the_short_road_forces_the_detour() -> None:
    r = analyse_states([held("B")], hub="hub", network=diamond())
    far = dest(r, "Far")
    assert far.reachable and far.path_km == 80.0 and far.detour == 4.0
    assert far.cut_by == (("P", "B"),)
    assert far.effectively_cut  # 4x > DETOUR_CUT_FACTOR (3)
    assert [s.id for s in r.cut_segments] == ["north-far"]
    assert dest(r, "North").detour == 1.0


def test_both_roads_cut_makes_a_capital_unreachable() -> None:
    r = analyse_states([held("B"), held("D")], hub="hub", network=diamond())
    far = dest(r, "Far")
    assert not far.reachable and far.path_km is None and far.detour is None
    assert far.cut_by == (("P", "B"),)


def test_contested_and_government_held_districts_do_not_cut() -> None:
    states = [held("B", status="contested"), held("D", who="Military Forces of Afghanistan")]
    r = analyse_states(states, hub="hub", network=diamond())
    assert r.cut_segments == ()


def test_mapping_input_is_accepted() -> None:
    r = analyse_states({("P", "B"): held("B")}, hub="hub", network=diamond())
    assert [s.id for s in r.cut_segments] == ["north-far"]


def test_crossing_holder_and_since_come_from_its_district() -> None:
    r = analyse_states([held("Gdist", since="2021-07-09")], hub="hub", network=diamond())
    (gate,) = r.crossings
    assert (gate.holder, gate.since, gate.hypothetical) == (TAL, "2021-07-09", False)
    assert gate.event_ids == ("e1",)
    assert gate.neighbour == "Elsewhere" and gate.customs
    base = analyse_states([], hub="hub", network=diamond()).crossings[0]
    assert (base.holder, base.since) == (GOV, "2021-05-01")


def test_if_falls_is_treated_as_held_by_the_opponent() -> None:
    r = analyse_states([], hub="hub", if_falls=["b"], network=diamond())
    assert r.if_falls == (("P", "B"),)
    assert dest(r, "Far").detour == 4.0
    r = analyse_states([], hub="hub", if_falls=["P/Gdist"], network=diamond())
    gate = r.crossings[0]
    assert gate.holder == TAL and gate.hypothetical and gate.since is None


def test_if_falls_names_meet_across_transliterations() -> None:
    # Vowels differ between transliterations ("Doshi"/"Dushi"); consonants survive.
    r = analyse_states([], hub="hub", if_falls=["Fdust"], network=diamond())
    assert r.if_falls == (("P", "Fdist"),)


def test_unknown_if_falls_district_is_refused_with_suggestions() -> None:
    with pytest.raises(UnknownPlace, match=r"'Ndistx'.*did you mean Ndist"):
        analyse_states([], hub="hub", if_falls=["Ndistx"], network=diamond())


def test_unknown_hub_is_refused() -> None:
    with pytest.raises(UnknownPlace):
        analyse_states([], hub="Atlantis", network=diamond())


def test_a_hub_held_by_the_opponent_sees_government_districts_as_cuts() -> None:
    everyone = ["Hubdist", "A", "Ndist", "C", "Sdist", "D", "Fdist", "Gdist"]
    states = [held(d) for d in everyone] + [held("B", who=GOV)]
    r = analyse_states(states, hub="hub", network=diamond())
    assert r.hub_holder == TAL
    assert [s.id for s in r.cut_segments] == ["north-far"]


def test_criticality_ranks_districts_by_capitals_cut() -> None:
    r = analyse_states([], hub="hub", network=diamond())
    by_name = {c.admin2: c for c in r.critical_districts}
    # A or Ndist sends North round the south road (90 km for 10: 9x) and Far too (80/20: 4x).
    assert by_name["A"].capitals == ("North", "Far")
    assert by_name["Ndist"].capitals_cut == 2
    # Fdist holds the capital Far itself: its fall cuts Far whichever road.
    assert by_name["Fdist"].capitals == ("Far",)
    # B cuts the short road to Far only.
    assert by_name["B"].capitals == ("Far",)
    assert "Hubdist" not in by_name  # the hub's own district is not ranked
    assert "C" not in by_name  # the long road is nobody's only link
    ranked = r.critical("capitals_cut")
    counts = [c.capitals_cut for c in ranked]
    assert counts == sorted(counts, reverse=True)
    with pytest.raises(InvalidParameter):
        r.critical("nonsense")


def test_to_dict_has_the_contract_fields() -> None:
    d = analyse_states([held("B")], hub="hub", network=diamond(), date="2021-06-21").to_dict()
    assert set(d) >= {"destinations", "crossings", "cut_segments", "critical_districts", "hub"}
    assert set(d["destinations"][0]) >= {
        "name",
        "admin1",
        "reachable",
        "path_km",
        "baseline_km",
        "detour",
        "cut_by",
    }
    assert set(d["crossings"][0]) >= {"name", "admin2", "holder", "since"}
    assert d["date"] == "2021-06-21"


@pytest.mark.parametrize(
    "broken",
    [
        {"nodes": [node("a", "capital", "X")], "edges": [edge("a", "zz", 1, "X")]},
        {"nodes": [node("a", "village", "X")], "edges": []},
        {
            "nodes": [node("a", "capital", "X"), node("b", "town", "Y")],
            "edges": [edge("a", "b", 0)],
        },
        {"nodes": [{"id": "a"}], "edges": []},
    ],
)
def test_invalid_networks_are_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(InvalidRoadNetwork):
        RoadNetwork.from_dict(broken)


# --- properties on random small networks -----------------------------------------

DISTRICTS = ["D0", "D1", "D2", "D3", "D4", "D5"]


@st.composite
def networks(draw: st.DrawFn) -> tuple[RoadNetwork, list[str]]:
    n = draw(st.integers(2, 6))
    nodes = [node(f"n{i}", "capital", DISTRICTS[i]) for i in range(n)]
    edges = []
    # A spanning chain keeps the network connected; extra edges add alternatives.
    for i in range(1, n):
        j = draw(st.integers(0, i - 1))
        edges.append(edge(f"n{j}", f"n{i}", draw(st.integers(1, 500)), DISTRICTS[j], DISTRICTS[i]))
    for _ in range(draw(st.integers(0, 4))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        if a != b:
            e = edge(f"n{a}", f"n{b}", draw(st.integers(1, 500)), DISTRICTS[a], DISTRICTS[b])
            e["id"] += f"-{len(edges)}"
            edges.append(e)
    fallen = draw(st.lists(st.sampled_from(DISTRICTS[1:n]), max_size=3, unique=True))
    return RoadNetwork.from_dict({"nodes": nodes, "edges": edges}, theatre="afghanistan"), fallen


@settings(max_examples=60, deadline=None)
@given(networks())
def test_properties_of_any_small_network(case: tuple[RoadNetwork, list[str]]) -> None:
    net, fallen = case
    assert net.is_connected()
    r = analyse_states([held(d) for d in fallen], hub="n0", network=net)
    fallen_set = set(fallen)
    for seg in net.segments:
        expect_cut = any(d[1] in fallen_set for d in seg.districts)
        assert (seg.id in r.cut_ids) == expect_cut
    for d in r.destinations:
        if d.admin2 in fallen_set:
            assert not d.reachable  # a fallen capital's every road runs through its district
        if d.reachable:
            assert d.path_km is not None and d.path_km >= d.baseline_km - 1e-6
            assert d.detour is not None and d.detour >= 1.0
        else:
            assert d.cut_by  # something on its baseline route must be blocked
    # Same input, same answer.
    assert analyse_states([held(d) for d in fallen], hub="n0", network=net).to_dict() == r.to_dict()


# --- crossings: district, events naming the crossing, the capital behind it ----------


def province_net(enclave: bool = False) -> RoadNetwork:
    """A capital and a crossing in another district of the same province, one road."""
    return RoadNetwork.from_dict(
        {
            "nodes": [
                node("city", "capital", "Citydist"),
                node("post", "crossing", "Postdist", neighbour="Beyond", enclave=enclave),
            ],
            "edges": [edge("city", "post", 30, "Citydist", "Postdist")],
        },
        theatre="afghanistan",
    )


def capture(eid: str, day: str, location: str | None, evidence: str, admin2: str) -> Any:
    from frontlines.records import Event, Report

    report = Report(
        event_id=eid,
        article_id="a",
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        evidence=evidence,
        location=location,
    )
    return Event(
        event_id=eid,
        reports=(report,),
        claim_status="reported",
        corroboration=1,
        event_date=day,
        time_precision=1,
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        actor1=TAL,
        actor2=None,
        country="Afghanistan",
        admin1="P",
        admin2=admin2,
        location=location,
        latitude=None,
        longitude=None,
        geo_precision=1,
        fatalities=None,
        detained=None,
    )


def post_hold(**kw: Any) -> Any:
    return analyse_states(hub="city", criticality=False, **kw).crossings[0]


def test_a_crossing_follows_its_district() -> None:
    h = post_hold(states=[held("Postdist", since="2021-07-01")], network=province_net())
    assert (h.holder, h.since, h.basis) == (TAL, "2021-07-01", "district")


def test_an_event_naming_the_crossing_decides_even_when_placed_elsewhere() -> None:
    ev = capture("e9", "2021-07-09", None, "Fighters took the Post crossing.", "Citydist")
    h = post_hold(states=[], network=province_net(), crossing_events=[ev])
    assert (h.holder, h.since, h.basis, h.event_ids) == (TAL, "2021-07-09", "crossing", ("e9",))
    ev_far = capture("e8", "2021-07-09", None, "Nothing about it here.", "Citydist")
    assert post_hold(states=[], network=province_net(), crossing_events=[ev_far]).holder == GOV


def test_a_crossing_goes_with_the_capital_behind_it() -> None:
    h = post_hold(states=[held("Citydist", since="2021-08-14")], network=province_net())
    assert (h.holder, h.since, h.basis) == (TAL, "2021-08-14", "capital")


def test_an_earlier_fall_keeps_its_date_when_the_capital_follows() -> None:
    states = [held("Postdist", since="2021-06-22"), held("Citydist", since="2021-08-08")]
    h = post_hold(states=states, network=province_net())
    assert (h.holder, h.since, h.basis) == (TAL, "2021-06-22", "district")


def test_an_enclave_holds_out_when_its_district_centre_falls() -> None:
    fell = [held("Postdist", since="2021-06-30")]
    assert post_hold(states=fell, network=province_net(enclave=True)).holder == GOV
    # ... but not an event at the crossing itself, nor the fall of the capital.
    ev = capture("e7", "2021-07-02", "Post", "They took it.", "Postdist")
    h = post_hold(states=fell, network=province_net(enclave=True), crossing_events=[ev])
    assert (h.holder, h.basis) == (TAL, "crossing")
    both = [*fell, held("Citydist", since="2021-08-14")]
    h = post_hold(states=both, network=province_net(enclave=True))
    assert (h.holder, h.since, h.basis) == (TAL, "2021-08-14", "capital")


def test_a_retaken_district_hands_the_crossing_back() -> None:
    ev = capture("e6", "2021-07-01", "Post", "They took it.", "Postdist")
    states = [held("Postdist", who=GOV, since="2021-07-05")]
    h = post_hold(states=states, network=province_net(), crossing_events=[ev])
    assert (h.holder, h.since, h.basis) == (GOV, "2021-07-05", "district")
