"""The demo tells the 2021 story: the figures of issue 10's "Done when", measured on a
freshly built demo database, through the library, the CLI and the HTTP API."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from frontlines.api.server import ServerHandle, start_background
from frontlines.cli import main
from frontlines.control import control_at, history
from frontlines.demo import build_demo
from frontlines.resolve.places import get_gazetteer
from frontlines.store import open_db

TAL, GOV = "Taliban", "Government of Afghanistan"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("story") / "demo.db"
    build_demo(path, workers=1)
    return path


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[ServerHandle]:
    with start_background(str(demo_db)) as handle:
        yield handle


def get(server: ServerHandle, path: str) -> Any:
    with urllib.request.urlopen(server.url + path, timeout=30) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())


def run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_on_1_may_every_district_is_unknown_or_cited(demo_db: Path) -> None:
    states = control_at(open_db(demo_db), "2021-05-01", "all")
    assert len(states) == 398
    capitals = {(p.admin1, p.admin2) for p in map(get_gazetteer().capital_district, _provinces())}
    for s in states:
        if (s.admin1, s.admin2) in capitals:
            assert (s.controller, s.basis) == (GOV, "baseline") and s.source, s
        else:
            assert s.basis in ("none", "event"), s
            assert s.controller is None or s.event_ids, s


def test_on_16_august_the_taliban_hold_the_country_but_panjshir(demo_db: Path) -> None:
    db = open_db(demo_db)
    states = control_at(db, "2021-08-16", "all")
    taliban = [s for s in states if s.controller == TAL and s.status == "controlled"]
    assert len(taliban) >= 360, len(taliban)
    panjshir = [s for s in states if s.admin1 == "Panjshir"]
    assert panjshir and all(s.controller != TAL for s in panjshir)
    confirmed = {(s.admin1, s.admin2): s for s in control_at(db, "2021-08-16", "confirmed")}
    assert confirmed[("Kabul", "Kabul")].controller == TAL


def test_routes_on_20_august_are_read_for_the_hubs_holder(demo_db: Path) -> None:
    out = json.loads(
        run("routes", "--db", str(demo_db), "--date", "2021-08-20", "--format", "json").stdout
    )
    assert out["hub"] == "Kabul" and out["hub_holder"] == TAL
    assert out["opponent"] != out["hub_holder"]
    reached = [d for d in out["destinations"] if d["name"] != "Kabul" and not d["effectively_cut"]]
    assert len(reached) >= 30, len(reached)


def test_an_empty_list_says_why(demo_db: Path) -> None:
    out = json.loads(
        run("routes", "--db", str(demo_db), "--date", "2021-05-10", "--format", "json").stdout
    )
    for key in ("cut_segments", "critical_districts"):
        if not out[key]:
            assert out["notes"].get(key), (key, out["notes"])


def test_history_of_kabul_is_in_order_without_repeats(demo_db: Path, server: ServerHandle) -> None:
    states = history(open_db(demo_db), "Kabul", "Kabul")
    days = [s.since for s in states]
    assert days == sorted(days)
    api = get(server, "/api/control/Kabul/history?admin1=Kabul")["states"]
    for items in (
        [(s.controller, s.status) for s in states],
        [(s["controller"], s["status"]) for s in api],
    ):
        assert all(a != b for a, b in zip(items, items[1:], strict=False)), items
    assert [s["since"] for s in api] == sorted(s["since"] for s in api)
    text = run("history", "Kabul", "--db", str(demo_db)).stdout
    shown = [
        line.split(":")[0].removeprefix("since ")
        for line in text.splitlines()
        if line.startswith("since ")
    ]
    assert shown == sorted(shown)


def test_summary_in_the_cli_and_the_api(demo_db: Path, server: ServerHandle) -> None:
    rows = json.loads(run("control", "--db", str(demo_db), "--summary", "--format", "json").stdout)
    api = get(server, "/api/control/summary?counting=all")
    assert rows == api
    assert rows[0]["week"] == "2021-05-01"
    keys = ("government", "taliban", "resistance", "contested", "unknown")
    assert all(sum(r[k] for k in keys) == 398 for r in rows)
    assert max(r["contested"] for r in rows) > 0 and max(r["resistance"] for r in rows) > 0
    table = run("control", "--db", str(demo_db), "--summary").stdout.splitlines()
    assert table[0].split() == ["week", *keys] and len(table) == len(rows) + 1


def test_api_control_carries_basis_and_source(server: ServerHandle) -> None:
    fc = get(server, "/api/control?date=2021-05-01&geometry=false")
    props = [f["properties"] for f in fc["features"]]
    assert {p["basis"] for p in props} <= {"event", "province", "country", "baseline", "none"}
    for p in props:
        if p["basis"] == "none":
            assert p["controller"] is None and p["status"] == "unknown"
        if p["basis"] == "baseline":
            assert p["source"]
    assert get(server, "/api/meta")["default_date"] == "2021-08-16"


def _provinces() -> list[str]:
    return [p.admin1 for p in get_gazetteer().provinces() if p.admin1]


def test_the_summary_counts_what_control_at_counts(demo_db: Path) -> None:
    from frontlines.control import SUMMARY_KEYS, category, weekly_summary

    db = open_db(demo_db)
    for counting in ("confirmed", "all"):
        for row in weekly_summary(db, counting)[::4]:
            counts = dict.fromkeys(SUMMARY_KEYS, 0)
            for state in control_at(db, row["week"], counting):
                counts[category(state)] += 1
            assert {k: row[k] for k in SUMMARY_KEYS} == counts, (counting, row)
