"""CLI conventions an analyst relies on: header rows, tables that fit the terminal or
not (--wide), --changed-since with a totals line, one refusal of a missing database
for every command, warnings with suggestions, case-insensitive choices, and
``extract --format table`` with its warnings on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.demo import build_demo, corpus_files

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "frontlines" / "demo" / "sample-article.txt"


def run(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not corpus_files():
        pytest.skip("the demo corpus is not bundled")
    path = tmp_path_factory.mktemp("conventions") / "demo.db"
    build_demo(str(path), workers=1)
    return str(path)


def test_events_table_has_a_header_and_fatalities(demo_db: str) -> None:
    code, out, err = run("events", "--db", demo_db, "--wide")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["DATE", "SUB-EVENT", "TYPE"]
    assert "KILLED" in lines[0] and "DETAINED" in lines[0]
    # Full actor names with --wide: nothing cut at 22 characters.
    assert "Military Forces of Afghanistan (2004-2021)" in out
    assert any(line.split()[-5].isdigit() for line in lines[1:]), "some event has a count"
    assert err.strip().endswith("event(s)")


def test_tables_fit_the_terminal_unless_wide(demo_db: str) -> None:
    _, narrow, _ = run("events", "--db", demo_db, columns=110)
    assert max(len(line) for line in narrow.splitlines()) <= 110
    assert "…" in narrow
    _, wide, _ = run("events", "--db", demo_db, "--wide", columns=110)
    assert max(len(line) for line in wide.splitlines()) > 110
    assert "…" not in wide


def test_control_changed_since_and_totals(demo_db: str) -> None:
    code, out, _ = run("control", "--db", demo_db, "--date", "2021-08-16")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "PROVINCE",
        "DISTRICT",
        "CONTROLLER",
        "STATUS",
        "CLAIM",
        "SINCE",
        "BASIS",
    ]
    assert lines[-1].startswith("398 districts: ")
    code, out, _ = run(
        "control", "--db", demo_db, "--date", "2021-08-16", "--changed-since", "2021-08-14"
    )
    assert code == 0
    rows = out.splitlines()[1:-1]
    assert rows and all(r.split()[-1] >= "2021-08-14" for r in rows)
    assert any("Kabul" in r for r in rows)  # the capital fell on the 15th
    assert out.splitlines()[-1].startswith(f"{len(rows)} districts changed: ")


@pytest.mark.parametrize(
    "args",
    [
        ["events"],
        ["control"],
        ["history", "Doshi"],
        ["routes"],
        ["serve", "--port", "0"],
    ],
)
def test_every_command_refuses_a_missing_database_alike(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "typo.db"
    code, out, err = run(*args, "--db", str(missing))
    assert code == 3 and out == ""
    assert err == (
        f"frontlines: error: no database at {missing}: run 'frontlines ingest' or "
        "'frontlines demo' first, or pass --db\n"
    )
    assert not missing.exists()


def test_out_of_period_dates_warn(demo_db: str) -> None:
    code, _, err = run("control", "--db", demo_db, "--date", "2019-01-01")
    assert code == 0
    assert "warning: --date 2019-01-01 is outside the theatre's period" in err
    assert "2021-05-01 to 2021-09-10" in err
    _, _, err = run("events", "--db", demo_db, "--until", "2022-03-01")
    assert "--until 2022-03-01 is outside" in err
    _, _, err = run("routes", "--db", demo_db, "--date", "2019-01-01")
    assert "outside the theatre's period" in err


def test_unknown_names_warn_with_the_nearest_names(demo_db: str) -> None:
    code, _, err = run("events", "--db", demo_db, "--admin1", "Kabull")
    assert code == 0
    assert "warning: unknown province 'Kabull' (did you mean 'Kabul'" in err
    _, _, err = run("events", "--db", demo_db, "--admin1", "Kunduz", "--admin2", "Iman Sahin")
    assert "unknown district 'Iman Sahin' in Kunduz (did you mean 'Imam Sahib'" in err


def test_choices_and_names_are_case_insensitive(demo_db: str) -> None:
    code, out, err = run("events", "--db", demo_db, "--type", "non-state ACTOR overtakes territory")
    assert code == 0 and "warning" not in err
    assert "Non-state actor overtakes territory" in out
    code, exact, _ = run("events", "--db", demo_db, "--admin1", "Kunduz", "--wide")
    code2, lower, err = run("events", "--db", demo_db, "--admin1", "kunduz", "--wide")
    assert code == code2 == 0 and exact == lower and "warning" not in err
    assert len(exact.splitlines()) > 1
    code, _, _ = run("control", "--db", demo_db, "--counting", "CONFIRMED")
    assert code == 0


def test_extract_table_outlet_and_warnings(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "KABUL, July 14 (Reuters) - Taliban fighters captured Shortepa district of Balkh "
        "province on Sunday, a provincial spokesman said.\n",
        encoding="utf-8",
    )
    code, out, err = run("extract", str(article), "--format", "table", "--wide")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["DATE", "SUB-EVENT", "TYPE"]
    assert "Shortepa, Balkh" in out and "2021-07-11" in out
    assert "dateline gives July 14 without a year; dated 2021-07-14" in err
    code, out, _ = run("extract", str(article), "--outlet", "Reuters", "--url", "https://e.org/a")
    assert '"outlet": "Reuters"' in out and '"url": "https://e.org/a"' in out


def test_extract_hints_at_published_when_no_date_is_found(tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_text(
        "Taliban fighters captured Shortepa district of Balkh province on Sunday.\n",
        encoding="utf-8",
    )
    code, out, err = run("extract", str(article))
    assert code == 0 and '"event_date": null' in out
    assert "no publication date found" in err and "pass --published YYYY-MM-DD" in err
    _, _, err = run("extract", str(article), "--published", "2021-07-12")
    assert "no publication date" not in err
