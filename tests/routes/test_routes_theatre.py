"""The Afghanistan road graph against the reference article's control states.

States are written by hand from what the reference article reports (Imam Sahib
confirmed, Dashte Archi reported, Doshi an unverified claim), so these tests
do not need the extractor or the database.
"""

from __future__ import annotations

from typing import Any

import pytest

from frontlines import settings
from frontlines.records import ControlState
from frontlines.routes import analyse, analyse_states, crossings_geojson, roads_geojson

NORTH = ("Kunduz", "Taloqan", "Faizabad", "Pul-e Khumri")

IMAM_SAHIB = ControlState(
    "Kunduz", "Imam Sahib", "Taliban", "controlled", "confirmed", "2021-06-21", ("ev-1",)
)
DASHTE_ARCHI = ControlState(
    "Kunduz", "Dashte Archi", "Taliban", "controlled", "reported", "2021-06-21", ("ev-2",)
)
DOSHI = ControlState(
    "Baghlan", "Doshi", "Taliban", "controlled", "unverified", "2021-06-21", ("ev-3",)
)


def counted(counting: str) -> list[ControlState]:
    allowed = settings.COUNTING[counting]
    return [s for s in (IMAM_SAHIB, DASHTE_ARCHI, DOSHI) if s.claim_status in allowed]


def dest(result: Any, name: str) -> Any:
    return result.destination(name)


def assert_north_cut_at_doshi(result: Any) -> None:
    assert "pul-e-khumri--doshi" in result.cut_ids and "doshi--salang" in result.cut_ids
    for name in NORTH:
        d = dest(result, name)
        assert not d.reachable or d.detour >= 3.0, (name, d)
        assert ("Baghlan", "Doshi") in d.cut_by, name


def test_if_doshi_falls_the_north_is_cut() -> None:
    result = analyse(None, "2021-06-21", if_falls=["Doshi"])
    assert result.if_falls == (("Baghlan", "Doshi"),)
    assert_north_cut_at_doshi(result)
    # The south and east keep their roads.
    for name in ("Kandahar", "Jalalabad", "Khost", "Herat"):
        assert dest(result, name).detour == 1.0


def test_dushi_is_doshi() -> None:
    assert analyse_states([], if_falls=["Dushi"]).if_falls == (("Baghlan", "Doshi"),)


def test_counting_all_cuts_the_north_at_doshi() -> None:
    assert_north_cut_at_doshi(analyse_states(counted("all"), counting="all"))


def test_counting_confirmed_keeps_the_north_open_and_cuts_only_sher_khan_bandar() -> None:
    result = analyse_states(counted("confirmed"), counting="confirmed")
    for name in NORTH:
        assert dest(result, name).detour == 1.0, name
    assert sorted(result.cut_ids) == ["kunduz--sher-khan-bandar"]
    skb = next(c for c in result.crossings if c.name == "Sher Khan Bandar")
    assert (skb.holder, skb.since, skb.event_ids) == ("Taliban", "2021-06-21", ("ev-1",))


def test_if_imam_sahib_falls_only_the_crossing_road_is_cut() -> None:
    result = analyse(None, "2021-06-21", if_falls=["Imam Sahib"])
    assert sorted(result.cut_ids) == ["kunduz--sher-khan-bandar"]
    skb = next(c for c in result.crossings if c.name == "Sher Khan Bandar")
    assert skb.holder == "Taliban" and skb.hypothetical
    assert all(d.detour == 1.0 for d in result.destinations)


def test_baseline_reaches_every_capital_directly() -> None:
    result = analyse_states([])
    assert len(result.destinations) == 34
    assert all(d.reachable and d.detour == 1.0 and not d.cut_by for d in result.destinations)
    # No evidence: a crossing is unknown unless it lies in a provincial capital's district,
    # which the cited baseline holds for the government.
    from frontlines.control import baseline_for

    for c in result.crossings:
        assert c.holder == baseline_for(c.admin1, c.admin2).controller, c
    assert None in {c.holder for c in result.crossings}


def test_doshi_ranks_among_the_most_critical_districts() -> None:
    ranked = analyse_states([]).critical("capitals_cut")
    names = [c.admin2 for c in ranked[:5]]
    assert "Doshi" in names or "Pul-e Khumri" in names
    doshi = next(c for c in ranked if c.admin2 == "Doshi")
    assert set(NORTH) <= set(doshi.capitals)


def test_another_hub() -> None:
    result = analyse_states([DOSHI], hub="Mazar")
    assert result.hub == "Mazar-e-Sharif"
    # From Mazar the north is on this side of Doshi: Kunduz stays direct, Kabul does not.
    assert dest(result, "Kunduz").detour == 1.0
    assert dest(result, "Kabul").detour >= 3.0


def test_map_layers() -> None:
    result = analyse_states(counted("all"))
    roads = roads_geojson(result)
    cut = {f["id"] for f in roads["features"] if f["properties"]["cut"]}
    assert cut == set(result.cut_ids)
    for f in roads["features"]:
        coords = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "LineString" and len(coords) >= 2
        assert all(60 < lon < 75 and 29 < lat < 39 for lon, lat in coords)
    points = crossings_geojson(result)["features"]
    skb = next(f for f in points if f["properties"]["name"] == "Sher Khan Bandar")
    assert skb["properties"]["holder"] == "Taliban"
    kunduz = next(f for f in points if f["properties"]["name"] == "Kunduz")
    assert kunduz["properties"]["effectively_cut"] is True
    assert len([f for f in points if f["properties"]["kind"] == "capital"]) == 34
    # Without a result the layers still draw, nothing cut.
    assert not any(f["properties"]["cut"] for f in roads_geojson()["features"])


def test_missing_database_file_is_the_baseline_and_is_not_created(tmp_path: Any) -> None:
    path = tmp_path / "absent.db"
    result = analyse(str(path), None, if_falls=["Doshi"])
    assert not path.exists()
    assert result.date == "2021-09-10"  # the theatre period's end
    assert_north_cut_at_doshi(result)


def test_unknown_counting_is_refused() -> None:
    from frontlines.errors import InvalidParameter

    with pytest.raises(InvalidParameter, match="counting"):
        analyse(None, "2021-06-21", counting="rumours")
