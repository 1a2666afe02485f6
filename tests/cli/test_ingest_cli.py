"""The ingest, events, control and history commands, end to end through click."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.store import ingest_articles, open_db
from frontlines.taxonomy import ACLED_COLUMNS

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "benchmarks"))
from ingest_scale import articles_from_jsonl, synthetic_extract, write_corpus  # noqa: E402

# Our own short wire-style article (facts from the public record, our sentences).
ARTICLE = """KUNDUZ, Afghanistan - Taliban fighters captured Imam Sahib district in northern \
Kunduz province on Monday after a night of fighting, a provincial police spokesman said.

The district police headquarters and the governor's compound were in Taliban hands by \
morning, the spokesman said, and government forces had pulled back toward Kunduz city.
"""


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def synthetic_db(tmp_path: Path) -> Path:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 120)
    path = tmp_path / "syn.db"
    ingest_articles(
        articles_from_jsonl(corpus), db=open_db(path), workers=1, extractor=synthetic_extract
    )
    return path


def test_ingest_twice_gives_identical_counts_and_reports_duplicates(tmp_path: Path) -> None:
    src = tmp_path / "imam-sahib.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "f.db")
    first = run("ingest", str(src), "--db", db, "--published", "2021-06-21", "--workers", "1")
    assert first.exit_code == 0, first.output
    assert "read 1, new 1, duplicate 0" in first.output
    second = run("ingest", str(src), "--db", db, "--published", "2021-06-21", "--workers", "1")
    assert "read 1, new 0, duplicate 1" in second.output
    events_line = [p for p in first.output.split(", ") if p.startswith("events")]
    assert events_line and events_line == [
        p for p in second.output.split(", ") if p.startswith("events")
    ]


def test_a_failed_input_is_named_and_the_exit_code_is_non_zero(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    result = run("ingest", str(good), str(bad), "--db", str(tmp_path / "f.db"), "--workers", "1")
    assert result.exit_code == 2
    assert "failed 1" in result.output
    assert "bad.txt" in result.stderr
    assert "new 1" in result.output


def test_control_json_has_one_state_per_district(synthetic_db: Path) -> None:
    result = run("control", "--db", str(synthetic_db), "--date", "2021-08-01", "--format", "json")
    assert result.exit_code == 0, result.output
    states = json.loads(result.stdout)
    assert len(states) >= 398
    assert set(states[0]) == {
        "admin1",
        "admin2",
        "controller",
        "status",
        "claim_status",
        "since",
        "event_ids",
        "basis",
        "source",
    }
    assert len({(s["admin1"], s["admin2"]) for s in states}) == len(states)
    # No evidence means unknown: a state with basis "none" names nobody.
    for s in states:
        assert s["basis"] in ("event", "province", "country", "baseline", "none")
        if s["basis"] == "none":
            assert s["controller"] is None and s["status"] == "unknown"
        if s["basis"] == "baseline":
            assert s["source"]


def test_control_rejects_a_bad_date_and_a_missing_database(tmp_path: Path) -> None:
    bad = run("control", "--db", str(tmp_path / "x.db"), "--date", "2021-02-30")
    assert bad.exit_code == 2
    missing = run("control", "--db", str(tmp_path / "nope.db"))
    assert missing.exit_code == 3
    assert "frontlines ingest" in missing.stderr


def test_control_geojson_and_csv(synthetic_db: Path) -> None:
    geo = json.loads(run("control", "--db", str(synthetic_db), "--format", "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) >= 398
    rows = list(
        csv.DictReader(
            io.StringIO(run("control", "--db", str(synthetic_db), "--format", "csv").stdout)
        )
    )
    assert len(rows) >= 398 and "controller" in rows[0]


def test_events_csv_is_acled_shaped(synthetic_db: Path) -> None:
    result = run("events", "--db", str(synthetic_db), "--format", "csv", "--admin1", "Kunduz")
    reader = csv.reader(io.StringIO(result.stdout))
    header = next(reader)
    assert tuple(header[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    rows = list(reader)
    assert rows and all(r[header.index("admin1")] == "Kunduz" for r in rows)


def test_events_filters_and_jsonl(synthetic_db: Path) -> None:
    result = run(
        "events",
        "--db",
        str(synthetic_db),
        "--format",
        "jsonl",
        "--type",
        "Armed clash",
        "--since",
        "2021-06-01",
        "--until",
        "2021-06-30",
    )
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events
    assert all(e["sub_event_type"] == "Armed clash" for e in events)
    assert all("2021-06-01" <= e["event_date"] <= "2021-06-30" for e in events)
    assert all(e["reports"] for e in events)
    bad = run("events", "--db", str(synthetic_db), "--type", "Skirmish")
    assert bad.exit_code == 2 and "sub-event" in bad.stderr


def test_history_accepts_a_gazetteer_alias(synthetic_db: Path) -> None:
    result = run("history", "Dushi", "--db", str(synthetic_db))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Doshi (Baghlan)")
    assert "no evidence" in result.stdout  # no report about Doshi: unknown, not a default
    unknown = run("history", "Atlantis", "--db", str(synthetic_db))
    assert unknown.exit_code == 2


REFERENCE = SHARED / "samples" / "imam-sahib-2021-06-21.txt"


@pytest.mark.skipif(not REFERENCE.is_file(), reason="../shared/samples is absent")
def test_reference_article_control(tmp_path: Path) -> None:
    db = str(tmp_path / "ref.db")
    run("ingest", str(REFERENCE), "--db", db, "--published", "2021-06-21", "--workers", "1")
    counts_before = open_db(db).execute("SELECT count(*) FROM events").fetchone()[0]

    def states(counting: str) -> dict[str, dict[str, object]]:
        out = run(
            "control",
            "--db",
            db,
            "--date",
            "2021-06-21",
            "--counting",
            counting,
            "--format",
            "json",
        ).stdout
        return {s["admin2"]: s for s in json.loads(out) if s["admin1"] in ("Kunduz", "Baghlan")}

    every = states("all")
    assert (every["Imam Sahib"]["controller"], every["Imam Sahib"]["claim_status"]) == (
        "Taliban",
        "confirmed",
    )
    assert (every["Dashte Archi"]["controller"], every["Dashte Archi"]["claim_status"]) == (
        "Taliban",
        "reported",
    )
    assert (every["Doshi"]["controller"], every["Doshi"]["claim_status"]) == (
        "Taliban",
        "unverified",
    )
    assert every["Kunduz"]["controller"] != "Taliban"
    assert states("confirmed")["Doshi"]["controller"] != "Taliban"
    run("ingest", str(REFERENCE), "--db", db, "--published", "2021-06-21", "--workers", "1")
    assert open_db(db).execute("SELECT count(*) FROM events").fetchone()[0] == counts_before
