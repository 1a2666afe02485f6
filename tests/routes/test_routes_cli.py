"""``frontlines routes``: a thin face, one-line errors, json and table output."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.cli import main
from frontlines.errors import FrontlinesError
from frontlines.routes import analyse_states


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["routes", *args])
    return result.exit_code, result.stdout, result.stderr


def test_if_falls_doshi_on_a_missing_database(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    code, out, _ = run("--baseline", "--if-falls", "Doshi", "--format", "json")
    assert code == 0 and not db.exists()
    data = json.loads(out)
    by_name = {d["name"]: d for d in data["destinations"]}
    for name in ("Kunduz", "Taloqan", "Faizabad", "Pul-e Khumri"):
        d = by_name[name]
        assert not d["reachable"] or d["detour"] >= 3.0
        assert {"admin1": "Baghlan", "admin2": "Doshi"} in d["cut_by"]
    assert {"name", "admin2", "holder", "since"} <= set(data["crossings"][0])
    assert data["critical_districts"] and data["hub"] == "Kabul"


def test_if_falls_is_repeatable_and_table_is_default(tmp_path: Path) -> None:
    code, out, _ = run("--baseline", "--if-falls", "Imam Sahib", "--if-falls", "Kunduz/Kunduz")
    assert code == 0
    assert "Sher Khan Bandar" in out and "Imam Sahib (Kunduz)" in out
    kunduz = next(line for line in out.splitlines() if line.startswith("Kunduz "))
    assert kunduz.split()[2] == "CUT"  # its own district fell: no road reaches it


def test_unknown_district_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out, err = run("--baseline", "--if-falls", "Narnia")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unknown place 'Narnia'" in err


def test_unknown_hub_and_bad_date_are_refused(tmp_path: Path) -> None:
    code, _, err = run("--baseline", "--from", "Gotham")
    assert code == 2 and "Gotham" in err
    code, _, err = run("--date", "2021-02-30")
    assert code == 2 and "2021-02-30" in err
    code, _, err = run("--counting", "rumours")
    assert code == 2


def test_a_file_that_is_not_a_database_is_one_line_and_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    code, out, err = run("--db", str(bad))
    assert code == 3 and out == "" and err.count("\n") == 1
    code, _, err = run("--db", str(tmp_path))  # a directory
    assert code == 3 and "directory" in err


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40))
def test_hostile_names_either_resolve_or_raise_a_domain_error(name: str) -> None:
    for kwargs in ({"if_falls": [name]}, {"hub": name or "x"}):
        with contextlib.suppress(FrontlinesError):
            analyse_states([], criticality=False, **kwargs)  # type: ignore[arg-type]
