"""Routes are read for whoever holds the hub, and an empty list says why (issue 10)."""

from __future__ import annotations

from typing import Any

from frontlines.records import ControlState
from frontlines.routes import RoadNetwork, analyse_states, format_table

GOV, TAL, NRF = "Government of Afghanistan", "Taliban", "National Resistance Front"


def net() -> RoadNetwork:
    def node(nid: str, district: str) -> dict[str, Any]:
        return {
            "id": nid,
            "name": nid.title(),
            "kind": "capital",
            "lat": 0.0,
            "lon": 0.0,
            "admin1": "P",
            "admin2": district,
        }

    return RoadNetwork.from_dict(
        {
            "nodes": [node("hub", "Hubdist"), node("north", "Ndist"), node("far", "Fdist")],
            "edges": [
                {
                    "id": "a",
                    "from": "hub",
                    "to": "north",
                    "name": "a",
                    "km": 10,
                    "districts": [["P", "Hubdist"], ["P", "A"], ["P", "Ndist"]],
                },
                {
                    "id": "b",
                    "from": "north",
                    "to": "far",
                    "name": "b",
                    "km": 10,
                    "districts": [["P", "Ndist"], ["P", "B"], ["P", "Fdist"]],
                },
            ],
        },
        theatre="afghanistan",
    )


def held(district: str, who: str) -> ControlState:
    return ControlState("P", district, who, "controlled", "confirmed", "2021-08-15", ("e",))


def test_a_hub_held_by_the_taliban_is_read_for_the_taliban() -> None:
    states = [held(d, TAL) for d in ("Hubdist", "A", "Ndist", "Fdist")] + [held("B", NRF)]
    r = analyse_states(states, hub="hub", network=net())
    assert r.hub_holder == TAL and r.opponent == GOV
    far = next(d for d in r.destinations if d.name == "Far")
    assert not far.reachable and far.cut_by == (("P", "B"),)  # the resistance cuts it
    north = next(d for d in r.destinations if d.name == "North")
    assert north.reachable
    assert "opponent: Government of Afghanistan" in format_table(r)


def test_a_government_hub_is_cut_only_by_the_taliban() -> None:
    states = [held("Hubdist", GOV), held("B", NRF)]
    r = analyse_states(states, hub="hub", network=net())
    assert r.hub_holder == GOV and r.opponent == TAL
    assert r.cut_segments == () and r.notes["cut_segments"].startswith("no road segment")


def test_empty_lists_say_why() -> None:
    everything = [held(d, TAL) for d in ("A", "Ndist", "B", "Fdist")] + [held("Hubdist", GOV)]
    r = analyse_states(everything, hub="hub", network=net())
    assert r.critical_districts == ()
    assert "no capital is still linked" in r.notes["critical_districts"]
    assert r.to_dict()["notes"]["critical_districts"] in format_table(r)
    unknown = analyse_states([], hub="hub", network=net())
    assert unknown.hub_holder is None and "nobody is known" in unknown.notes["hub_holder"]
