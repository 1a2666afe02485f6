"""Checks of the committed Afghanistan gazetteer data and its link to the sources."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from frontlines.theatres import get_theatre, world_path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
THEATRE = REPO / "src" / "frontlines" / "theatres" / "afghanistan"


@pytest.fixture(scope="module")
def gaz() -> dict[str, Any]:
    data: dict[str, Any] = get_theatre("afghanistan").read_json("gazetteer.json")
    return data


@pytest.fixture(scope="module")
def districts_geojson() -> dict[str, Any]:
    data: dict[str, Any] = get_theatre("afghanistan").read_json("districts.geojson")
    return data


def test_counts(gaz: dict[str, Any]) -> None:
    assert len(gaz["provinces"]) == 34
    assert len(gaz["districts"]) == 398
    assert 8800 <= len(gaz["villages"]) <= 8892
    assert len({(d["admin1"], d["admin2"]) for d in gaz["districts"]}) == 398


def test_every_district_has_a_known_province(gaz: dict[str, Any]) -> None:
    provinces = {p["name"] for p in gaz["provinces"]}
    assert all(d["admin1"] in provinces for d in gaz["districts"])
    per_province = Counter(d["admin1"] for d in gaz["districts"])
    assert set(per_province) == provinces


def test_canonical_spellings(gaz: dict[str, Any]) -> None:
    provinces = {p["name"] for p in gaz["provinces"]}
    assert "Ghazni" in provinces and "Ghanzi" not in provinces
    for name in ("Kunduz", "Baghlan", "Sar-e Pul", "Uruzgan", "Daykundi", "Jowzjan", "Nimruz"):
        assert name in provinces, name
    assert {"Paktia", "Panjshir", "Kandahar", "Wardak"} <= provinces
    pairs = {(d["admin1"], d["admin2"]) for d in gaz["districts"]}
    for pair in [
        ("Kunduz", "Imam Sahib"),
        ("Kunduz", "Dashte Archi"),
        ("Kunduz", "Kunduz"),
        ("Baghlan", "Doshi"),
        ("Baghlan", "Pul-e Khumri"),
        ("Balkh", "Mazar-e Sharif"),
        ("Badakhshan", "Faizabad"),
        ("Badghis", "Qala-i-Naw"),
        ("Kandahar", "Spin Boldak"),
        ("Kabul", "Kabul"),
        ("Kapisa", "Mahmud-i-Raqi"),
        ("Panjshir", "Bazarak"),
    ]:
        assert pair in pairs, pair


def test_districts_where_the_boundary_layers_disagree(gaz: dict[str, Any]) -> None:
    """ADM1 and ADM2 are drawn from different lines; these follow public knowledge."""
    pairs = {(d["admin1"], d["admin2"]) for d in gaz["districts"]}
    for pair in [
        ("Kapisa", "Mahmud-i-Raqi"),
        ("Panjshir", "Rukha"),
        ("Panjshir", "Unaba"),
        ("Panjshir", "Dara"),
        ("Panjshir", "Shutul"),
        ("Wardak", "Jaghatu"),
        ("Zabul", "Naw Bahar"),
        ("Samangan", "Feroz Nakhchir"),
        ("Khost", "Mosa Khail"),
        ("Nangarhar", "Hesarak"),
        ("Kandahar", "Miya Nishin"),
    ]:
        assert pair in pairs, pair
    per_province = Counter(d["admin1"] for d in gaz["districts"])
    assert per_province["Kunduz"] == 7 and per_province["Badakhshan"] == 28
    assert per_province["Wardak"] == 9 and per_province["Ghazni"] == 19


def test_geoboundaries_name_kept_as_shape_name_and_alias(gaz: dict[str, Any]) -> None:
    doshi = next(d for d in gaz["districts"] if d["admin2"] == "Doshi")
    assert doshi["shape_name"] == "Dushi"
    assert "Dushi" in doshi["aliases"]


def test_repeated_district_names_are_told_apart_by_province(gaz: dict[str, Any]) -> None:
    by_name: dict[str, set[str]] = {}
    for d in gaz["districts"]:
        by_name.setdefault(d["admin2"], set()).add(d["admin1"])
    assert by_name["Arghandab"] == {"Kandahar", "Zabul"}
    assert by_name["Qarabagh"] == {"Kabul", "Ghazni"}
    assert by_name["Faizabad"] == {"Badakhshan", "Jowzjan"}
    for name in ("Dawlatabad", "Baharak", "Kohistan", "Muqur"):
        assert len(by_name[name]) == 2, name


def test_capitals_and_capital_districts(gaz: dict[str, Any]) -> None:
    pairs = {(d["admin1"], d["admin2"]) for d in gaz["districts"]}
    caps = {p["name"]: p["capital_district"] for p in gaz["provinces"]}
    assert all((prov, dist) in pairs for prov, dist in caps.items())
    assert caps["Kunduz"] == "Kunduz"
    assert caps["Baghlan"] == "Pul-e Khumri"
    assert caps["Balkh"] == "Mazar-e Sharif"
    assert caps["Paktika"] == "Sharan"
    cities = [c for c in gaz["cities"] if c["kind"] == "city"]
    assert len(cities) == 34
    assert {c["admin1"] for c in cities} == set(caps)
    towns = {c["name"] for c in gaz["cities"] if c["kind"] == "town"}
    assert {"Spin Boldak", "Islam Qala", "Sher Khan Bandar", "Hairatan", "Torkham"} <= towns


def test_villages_point_at_real_districts(gaz: dict[str, Any]) -> None:
    n = len(gaz["districts"])
    for name, di, lat, lon, *_ in gaz["villages"]:
        assert name and 0 <= di < n
        assert 29 < lat < 39 and 60 < lon < 75


def test_dari_and_pashto_aliases_linked(gaz: dict[str, Any]) -> None:
    kunduz = next(p for p in gaz["provinces"] if p["name"] == "Kunduz")
    assert any("\u0600" <= ch <= "\u06ff" for a in kunduz["aliases"] for ch in a)
    archi = next(d for d in gaz["districts"] if d["admin2"] == "Dashte Archi")
    assert "Archi" in archi["aliases"]


def test_district_polygons(districts_geojson: dict[str, Any], gaz: dict[str, Any]) -> None:
    feats = districts_geojson["features"]
    assert len(feats) == 398
    props = [f["properties"] for f in feats]
    assert {(p["admin1"], p["admin2"]) for p in props} == {
        (d["admin1"], d["admin2"]) for d in gaz["districts"]
    }
    assert sum(p["is_capital_district"] for p in props) == 34
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in feats)
    assert (THEATRE / "districts.geojson").stat().st_size < 3_000_000


def test_district_point_lies_in_its_polygon(gaz: dict[str, Any]) -> None:
    from shapely.geometry import Point, shape

    polys = {
        (f["properties"]["admin1"], f["properties"]["admin2"]): shape(f["geometry"])
        for f in get_theatre("afghanistan").read_json("districts.geojson")["features"]
    }
    outside = [
        (d["admin1"], d["admin2"])
        for d in gaz["districts"]
        if polys[(d["admin1"], d["admin2"])].distance(Point(d["lon"], d["lat"])) > 0.01
    ]
    assert outside == []


def test_province_polygons() -> None:
    feats = get_theatre("afghanistan").read_json("provinces.geojson")["features"]
    assert len(feats) == 34
    assert "Ghazni" in {f["properties"]["admin1"] for f in feats}


def test_world_places_are_complete() -> None:
    world = json.loads(world_path().joinpath("places.json").read_text("utf-8"))
    countries = {c["iso3"]: c for c in world["countries"]}
    assert len(countries) >= 195
    assert {"AFG", "PAK", "TJK", "UZB", "TKM", "IRN", "QAT", "USA", "CHN", "IND"} <= set(countries)
    cities = {c["name"] for c in world["cities"]}
    for name in ("Washington", "Doha", "Peshawar", "Quetta", "Dushanbe", "Termez", "Islamabad"):
        assert name in cities, name
    for c in [*world["countries"], *world["cities"]]:
        assert -90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180, c["name"]


def test_attribution_present() -> None:
    text = (THEATRE / "ATTRIBUTION.md").read_text("utf-8")
    assert "geoBoundaries" in text and "CC BY 4.0" in text and "Runfola" in text
    assert "MIT License" in text and "Faisal Abubaker" in text


def test_build_matches_the_shared_sources(gaz: dict[str, Any]) -> None:
    src = SHARED / "data" / "afghanistan"
    if not src.is_dir():
        pytest.skip(f"{src} is absent: the shared source data is needed to check the build")
    adm2 = json.loads((src / "geoboundaries-adm2.geojson").read_text("utf-8"))
    shape_names = Counter(f["properties"]["shapeName"].strip() for f in adm2["features"])
    assert Counter(d["shape_name"] for d in gaz["districts"]) == shape_names
    villages = json.loads((src / "villages.json").read_text("utf-8"))
    assert len(gaz["villages"]) == len(villages)
