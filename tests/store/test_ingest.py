"""Ingest into a real database, with a stand-in extractor so the store is tested alone.

The stand-in (``benchmarks/ingest_scale.synthetic_extract``) reads one lead
sentence, "On DATE, Taliban fighters seized X district of Y province,
confirmed sources said.", into one report.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from frontlines.control import control_at
from frontlines.errors import EmptyInput
from frontlines.fuse import list_events
from frontlines.records import Article
from frontlines.store import ingest_articles, open_db

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from ingest_scale import synthetic_extract  # noqa: E402

BODY = (
    "The fighting began late on Sunday near the district market and went on through the night, "
    "residents told reporters by telephone. Shops stayed closed on Monday and families from "
    "outlying villages moved toward the provincial capital with what they could carry. Officials "
    "said reinforcements had been sent and that the road to the north was closed to traffic."
)


def art(aid: str, lead: str, *, outlet: str = "Outlet A", body: str = BODY) -> Article:
    return Article(
        article_id=aid,
        text=f"{lead} {body}",
        outlet=outlet,
        published=dt.date(2021, 6, 22),
        published_source="cli",
    )


LEAD = "On {d}, Taliban fighters seized {where} province, {s} sources said."
FALL = LEAD.format(d="2021-06-21", where="Imam Sahib district of Kunduz", s="{s}")
ARCHI = LEAD.format(d="2021-06-21", where="Dashte Archi district of Kunduz", s="reported")
DOSHI = LEAD.format(d="2021-06-20", where="Doshi district of Baghlan", s="unverified")


def counts(db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    return tuple(  # type: ignore[return-value]
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "reports", "events")
    )


def corpus() -> list[Article]:
    return [
        art("a1", FALL.format(s="confirmed")),
        art("a2", ARCHI, outlet="Outlet B", body=BODY.replace("Sunday", "Saturday") + " Two."),
        art("a3", DOSHI, outlet="Outlet C", body="Witnesses on the highway described it. " * 3),
    ]


def test_ingest_stores_fuses_and_folds_control(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    summary = ingest_articles(corpus(), db=db, workers=1, extractor=synthetic_extract)
    assert (summary.read, summary.new, summary.duplicate, summary.failed) == (3, 3, 0, 0)
    assert summary.events == 3
    states = {(s.admin1, s.admin2): s for s in control_at(db, "2021-06-21", "all")}
    assert len(states) >= 398  # every district of the gazetteer, touched or not
    assert states[("Kunduz", "Imam Sahib")].controller == "Taliban"
    assert states[("Kunduz", "Imam Sahib")].claim_status == "confirmed"
    assert states[("Kunduz", "Dashte Archi")].claim_status == "reported"
    assert states[("Baghlan", "Doshi")].claim_status == "unverified"
    assert states[("Kunduz", "Kunduz")].controller != "Taliban"
    confirmed = {(s.admin1, s.admin2): s for s in control_at(db, "2021-06-21", "confirmed")}
    assert confirmed[("Baghlan", "Doshi")].controller != "Taliban"
    assert confirmed[("Kunduz", "Imam Sahib")].controller == "Taliban"


def test_reingesting_changes_nothing(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    ingest_articles(corpus(), db=db, workers=1, extractor=synthetic_extract)
    before = counts(db)
    again = ingest_articles(corpus(), db=db, workers=1, extractor=synthetic_extract)
    assert (again.new, again.duplicate) == (0, 3)
    assert counts(db) == before


def test_same_text_twice_in_one_run_is_one_article(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    a = art("x1", FALL.format(s="reported"))
    b = Article(article_id="x2", text=" " + a.text.upper().replace(" ", "\n  "), outlet="Other")
    summary = ingest_articles([a, b], db=db, workers=1, extractor=synthetic_extract)
    assert (summary.new, summary.duplicate) == (1, 1)


def test_wire_copy_is_one_event_with_two_sources(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    original = art("w1", FALL.format(s="reported"), outlet="Wire Agency")
    copy = art(
        "w2",
        FALL.format(s="reported"),
        outlet="Evening Paper",
        body=BODY.replace("went on through the night", "continued overnight") + " (Agency copy)",
    )
    summary = ingest_articles([original, copy], db=db, workers=1, extractor=synthetic_extract)
    assert (summary.new, summary.near_duplicate) == (1, 1)
    row = db.execute("SELECT near_dup_of, story_id FROM articles WHERE article_id='w2'").fetchone()
    assert row == ("w1", "w1")
    events = list_events(db)
    assert len(events) == 1
    assert sorted(s.name for s in events[0].sources) == ["Evening Paper", "Wire Agency"]
    # A copy is not independent: one account, and the status stays "reported".
    assert events[0].corroboration == 1
    assert events[0].claim_status == "reported"


def test_two_independent_outlets_confirm(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    other_body = "Local elders said the district governor had left for the city. " * 4
    items = [
        art("i1", FALL.format(s="reported")),
        art("i2", FALL.format(s="reported"), outlet="Outlet B", body=other_body),
    ]
    ingest_articles(items, db=db, workers=1, extractor=synthetic_extract)
    events = list_events(db)
    assert [(e.corroboration, e.claim_status) for e in events] == [(2, "confirmed")]


def test_failures_are_counted_with_reasons_and_the_rest_is_stored(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    items = [EmptyInput("empty.txt", "no text"), *corpus()]
    summary = ingest_articles(items, db=db, workers=1, extractor=synthetic_extract)
    assert (summary.read, summary.failed, summary.new) == (4, 1, 3)
    assert summary.failures[0].source == "empty.txt"
    assert "no text" in summary.failures[0].reason


def _explode(article: Article) -> list:  # type: ignore[type-arg]
    raise RuntimeError("boom")


def test_an_extractor_crash_fails_that_article_only(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    summary = ingest_articles(corpus()[:1], db=db, workers=1, extractor=_explode)
    assert summary.failed == 1
    assert "RuntimeError: boom" in summary.failures[0].reason
    assert counts(db) == (0, 0, 0)


def test_hostile_text_is_stored_verbatim(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    nasty = "'); DROP TABLE articles; -- <script>alert(1)</script> $(rm -rf /) \x00"
    item = art("h1", FALL.format(s="reported") + " " + nasty)
    ingest_articles([item], db=db, workers=1, extractor=synthetic_extract)
    stored = db.execute("SELECT text FROM articles WHERE article_id = 'h1'").fetchone()[0]
    assert stored == item.text


def test_an_id_clash_with_different_text_keeps_both(tmp_path: Path) -> None:
    db = open_db(tmp_path / "t.db")
    ingest_articles(
        [art("same", FALL.format(s="reported"))], db=db, workers=1, extractor=synthetic_extract
    )
    summary = ingest_articles(
        [art("same", ARCHI, body="Completely different text here. " * 5)],
        db=db,
        workers=1,
        extractor=synthetic_extract,
    )
    assert summary.new == 1
    assert counts(db)[:2] == (2, 2)


@pytest.mark.slow
def test_workers_give_the_same_database_as_one_process(tmp_path: Path) -> None:
    from ingest_scale import articles_from_jsonl, write_corpus

    corpus_file = tmp_path / "c.jsonl"
    write_corpus(corpus_file, 300)
    one = open_db(tmp_path / "one.db")
    two = open_db(tmp_path / "two.db")
    ingest_articles(
        articles_from_jsonl(corpus_file), db=one, workers=1, extractor=synthetic_extract
    )
    ingest_articles(
        articles_from_jsonl(corpus_file), db=two, workers=2, extractor=synthetic_extract
    )
    assert counts(one) == counts(two)
    q = "SELECT event_id, claim_status, corroboration FROM events ORDER BY event_id"
    assert list(one.execute(q)) == list(two.execute(q))
