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
