"""The shipped road graph: complete, connected, and consistent with the district polygons."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from frontlines.routes import load_network
from frontlines.routes.network import district_key

REPO = Path(__file__).resolve().parents[2]
THEATRE = REPO / "src" / "frontlines" / "theatres" / "afghanistan"
#: km a point may lie outside its district's simplified polygon (border posts sit on the line).
POLYGON_SLACK_KM = 12.0


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((THEATRE / "roads.json").read_text(encoding="utf-8"))
    return data


def test_every_provincial_capital_is_a_node() -> None:
    net = load_network()
    capitals = net.capitals()
    assert len(capitals) == 34
    assert len({c.admin1 for c in capitals}) == 34  # one per province


def test_required_crossings_are_present_with_their_neighbours() -> None:
    net = load_network()
    got = {c.name: (c.admin1, c.admin2, c.neighbour) for c in net.crossings()}
    assert got["Sher Khan Bandar"] == ("Kunduz", "Imam Sahib", "Tajikistan")
    assert got["Hairatan"][0::2] == ("Balkh", "Uzbekistan")
    assert got["Islam Qala"] == ("Herat", "Kohsan", "Iran")
    assert got["Spin Boldak"] == ("Kandahar", "Spin Boldak", "Pakistan")
    assert got["Torkham"][0::2] == ("Nangarhar", "Pakistan")
    assert got["Torghundi"][0::2] == ("Herat", "Turkmenistan")
    assert got["Aqina"][0::2] == ("Faryab", "Turkmenistan")
    assert got["Zaranj-Milak"][0::2] == ("Nimruz", "Iran")
    assert all(c.customs for c in net.crossings())


def test_network_is_connected_and_every_capital_reachable_at_baseline() -> None:
    net = load_network()
    assert net.is_connected()
    dist, _ = net.shortest("kabul")
    assert all(c.id in dist for c in net.capitals())


def test_the_salang_corridor_runs_through_doshi() -> None:
    net = load_network()
    dist, via = net.shortest("kabul")
    route = net.path("kabul", "kunduz", via)
    districts = [d for seg in route for d in seg.districts]
    assert ("Baghlan", "Doshi") in districts
    assert ("Parwan", "Salang") in districts and ("Baghlan", "Pul-e Khumri") in districts
    assert 300 <= dist["kunduz"] <= 360  # Kabul - Kunduz by road is about 330 km


def test_only_the_sher_khan_bandar_road_enters_imam_sahib() -> None:
    net = load_network()
    hits = [s.id for s in net.segments if ("Kunduz", "Imam Sahib") in s.districts]
    assert hits == ["kunduz--sher-khan-bandar"]


def test_every_segment_has_a_source_a_name_and_a_plausible_length(raw: dict[str, Any]) -> None:
    nodes = {n["id"]: n for n in raw["nodes"]}
    for e in raw["edges"]:
        assert e["source"].strip() and e["name"].strip(), e["id"]
        a, b = nodes[e["from"]], nodes[e["to"]]
        crow = _km(a["lat"], a["lon"], b["lat"], b["lon"])
        # A road is never shorter than the straight line, nor wildly longer.
        assert crow * 0.95 <= e["km"] <= crow * 3.2 + 10, (e["id"], crow, e["km"])


def test_every_district_name_is_in_the_gazetteer(raw: dict[str, Any]) -> None:
    path = THEATRE / "gazetteer.json"
    if not path.is_file():
        pytest.skip("gazetteer.json is not built yet (resolve stage)")
    gaz = json.loads(path.read_text(encoding="utf-8"))
    known = {(d["admin1"], d["admin2"]) for d in gaz["districts"]}
    used = {(n["admin1"], n["admin2"]) for n in raw["nodes"]}
    used |= {(a1, a2) for e in raw["edges"] for a1, a2 in e["districts"]}
    assert sorted(used - known) == []


def test_segment_districts_agree_with_the_polygons(raw: dict[str, Any]) -> None:
    """Each segment's towns and waypoints lie in districts it lists, in road order."""
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import Point, shape

    path = THEATRE / "districts.geojson"
    if not path.is_file():
        pytest.skip("districts.geojson is not built yet (resolve stage)")
    feats = json.loads(path.read_text(encoding="utf-8"))["features"]
    polys = [
        ((f["properties"]["admin1"], f["properties"]["admin2"]), shape(f["geometry"]))
        for f in feats
    ]
    tree = shapely.STRtree([g for _, g in polys])

    def near(lat: float, lon: float) -> set[tuple[str, str]]:
        p = Point(lon, lat)
        inside = {polys[int(i)][0] for i in tree.query(p, predicate="intersects")}
        if inside:
            return inside
        deg = POLYGON_SLACK_KM / 111.0
        return {polys[int(i)][0] for i in tree.query(p.buffer(deg), predicate="intersects")}

    nodes = {n["id"]: n for n in raw["nodes"]}
    for n in raw["nodes"]:
        assert (n["admin1"], n["admin2"]) in near(n["lat"], n["lon"]), n["id"]
    for e in raw["edges"]:
        listed = [tuple(d) for d in e["districts"]]
        a, b = nodes[e["from"]], nodes[e["to"]]
        assert listed[0] == (a["admin1"], a["admin2"]), e["id"]
        assert listed[-1] == (b["admin1"], b["admin2"]), e["id"]
        for lat, lon in e["waypoints"]:
            assert near(lat, lon) & set(listed), (e["id"], lat, lon)
        assert len({district_key(*d) for d in listed}) == len(listed), e["id"]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
