"""The demo corpus replayed: each provincial capital falls on the day the record has.

The record (public reporting, August 2021; see src/frontlines/demo/SOURCES.md):
dates of the Taliban's capture of each provincial capital.  Panjshir's Bazarak
held out past 16 August.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontlines.control import control_at
from frontlines.demo import build_demo, corpus_files
from frontlines.resolve.places import get_gazetteer
from frontlines.store import open_db

pytestmark = pytest.mark.skipif(not corpus_files(), reason="the demo corpus is not bundled")

RECORD = {
    "Nimruz": "2021-08-06",
    "Jowzjan": "2021-08-07",
    "Kunduz": "2021-08-08",
    "Sar-e Pul": "2021-08-08",
    "Takhar": "2021-08-08",
    "Samangan": "2021-08-09",
    "Baghlan": "2021-08-10",
    "Farah": "2021-08-10",
    "Badakhshan": "2021-08-11",
    "Ghazni": "2021-08-12",
    "Herat": "2021-08-12",
    "Badghis": "2021-08-12",
    "Kandahar": "2021-08-13",
    "Helmand": "2021-08-13",
    "Ghor": "2021-08-13",
    "Logar": "2021-08-13",
    "Uruzgan": "2021-08-13",
    "Zabul": "2021-08-13",
    "Balkh": "2021-08-14",
    "Paktia": "2021-08-14",
    "Paktika": "2021-08-14",
    "Kunar": "2021-08-14",
    "Laghman": "2021-08-14",
    "Faryab": "2021-08-14",
    "Daykundi": "2021-08-14",
    "Nangarhar": "2021-08-15",
    "Kabul": "2021-08-15",
    "Bamyan": "2021-08-15",
    "Wardak": "2021-08-15",
    "Khost": "2021-08-15",
    "Kapisa": "2021-08-15",
    "Parwan": "2021-08-15",
    "Nuristan": "2021-08-15",
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, workers=1)
    return path


@pytest.mark.parametrize("province", sorted(RECORD))
def test_capital_falls_within_a_day_of_the_record(demo_db: Path, province: str) -> None:
    capital = get_gazetteer().capital_district(province)
    states = {(s.admin1, s.admin2): s for s in control_at(open_db(demo_db), "2021-08-16")}
    state = states[(capital.admin1, capital.admin2)]
    assert state.controller == "Taliban", (province, state)
    assert state.since is not None
    gap = abs((dt.date.fromisoformat(state.since) - dt.date.fromisoformat(RECORD[province])).days)
    assert gap <= 1, (province, state.since, RECORD[province])


def test_panjshir_holds_out_on_16_august(demo_db: Path) -> None:
    capital = get_gazetteer().capital_district("Panjshir")
    states = {(s.admin1, s.admin2): s for s in control_at(open_db(demo_db), "2021-08-16")}
    assert states[(capital.admin1, capital.admin2)].controller != "Taliban"
