"""The demo: a fresh database from the bundled corpus, and the issue's done-when checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.control import control_at
from frontlines.demo import build_demo, corpus_files
from frontlines.store import ingest, open_db

pytestmark = pytest.mark.skipif(not corpus_files(), reason="the demo corpus is not bundled yet")


def counts(db_path: Path) -> tuple[int, int, int]:
    db = open_db(db_path)
    return tuple(  # type: ignore[return-value]
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "reports", "events")
    )


def test_demo_builds_and_summarises_without_serving(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--no-serve", "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "districts by controller" in result.output
    assert "provincial capitals fallen" in result.output
    # A fresh build replaces the old database rather than adding to it.
    before = counts(db)
    CliRunner().invoke(main, ["demo", "--no-serve", "--db", str(db), "--workers", "1"])
    assert counts(db) == before


def test_demo_done_when(tmp_path: Path) -> None:
    from frontlines.resolve.places import get_gazetteer

    summary = build_demo(tmp_path / "demo.db", workers=2)
    db = open_db(summary.db_path)
    gazetteer = get_gazetteer()
    capitals = {
        (c.admin1, c.admin2)
        for c in (gazetteer.capital_district(p.admin1) for p in gazetteer.provinces() if p.admin1)
    }
    states = {(s.admin1, s.admin2): s for s in control_at(db, "2021-08-16")}
    taliban = {k for k in capitals if states[k].controller == "Taliban"}
    assert len(capitals) == 34
    assert len(taliban) >= 32, sorted(capitals - taliban)
    panjshir = gazetteer.capital_district("Panjshir")
    assert (panjshir.admin1, panjshir.admin2) not in taliban

    # Ingesting the corpus again changes no count.
    before = counts(Path(summary.db_path))
    again = ingest([str(p) for p in corpus_files()], db=db, workers=1)
    assert again.new == 0 and again.near_duplicate == 0
    assert counts(Path(summary.db_path)) == before

    # Each wire copy joins the first copy's events as a second source, never a second event.
    copies = list(
        db.query("SELECT article_id, near_dup_of FROM articles WHERE near_dup_of NOT NULL")
    )
    assert copies, "the corpus should hold wire copies carried by two outlets"
    for copy in copies:
        for row in db.query(
            "SELECT e.sources FROM events e JOIN reports r ON r.event_id = e.event_id "
            "WHERE r.article_id = ?",
            [copy["article_id"]],
        ):
            assert len(json.loads(row["sources"])) >= 2
