"""Evidence at three levels (district, province, country), the unknown baseline, and
the history and weekly summary read back from a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from frontlines import taxonomy
from frontlines.control import (
    SUMMARY_KEYS,
    baseline_for,
    control_at,
    history,
    rebuild_all,
    state_to_dict,
    weekly_summary,
)
from frontlines.control.timeline import Baseline, fold
from frontlines.records import Event
from frontlines.store import open_db

TAL, GOV, NRF = "Taliban", "Government of Afghanistan", "National Resistance Front"
UNKNOWN = Baseline(controller=None, since="2021-05-01")


def ev(
    eid: str,
    date: str,
    *,
    admin1: str | None = "Badghis",
    admin2: str | None = None,
    sub: str = taxonomy.NSA_OVERTAKES,
    actor1: str = TAL,
    scope: str | None = None,
    excluded: tuple[str, ...] = (),
    status: str = "reported",
) -> Event:
    return Event(
        event_id=eid,
        reports=(),
        claim_status=status,  # type: ignore[arg-type]
        corroboration=1,
        event_date=date,
        time_precision=1,
        event_type=taxonomy.event_type_of(sub),
        sub_event_type=sub,
        actor1=actor1,
        actor2=None,
        country="Afghanistan",
        admin1=admin1,
        admin2=admin2,
        location=None,
        latitude=None,
        longitude=None,
        geo_precision=1 if admin2 else 3,
        fatalities=None,
        detained=None,
        scope=scope,
        excluded=excluded,
    )


def gainer(e: Event) -> str | None:
    return GOV if e.sub_event_type == taxonomy.GOV_REGAINS else e.actor1


def state_on(admin1: str, admin2: str, events: list[Event], day: str, base: Baseline = UNKNOWN):
    spans = fold(admin1, admin2, events, counting="all", baseline=base, gainer=gainer)
    return next(
        s.state for s in spans if s.valid_from <= day and (s.valid_to is None or day < s.valid_to)
    )


def test_no_evidence_is_unknown_with_nobody_named() -> None:
    s = state_on("Badghis", "Jawand", [], "2021-06-01")
    assert (s.controller, s.status, s.basis) == (None, "unknown", "none")
    d = state_to_dict(s)
    assert d["basis"] == "none" and d["controller"] is None and d["source"] is None


def test_a_cited_baseline_keeps_its_source() -> None:
    base = Baseline(controller=GOV, since="2021-05-01", source="a public source, 2021")
    d = state_to_dict(state_on("Badghis", "Qala-i-Naw", [], "2021-05-01", base))
    assert (d["controller"], d["basis"], d["source"]) == (GOV, "baseline", "a public source, 2021")


def test_a_province_wide_report_sets_every_district_of_its_province() -> None:
    wide = ev("p1", "2021-07-08", scope="province")
    s = state_on("Badghis", "Jawand", [wide], "2021-07-09")
    assert (s.controller, s.basis, s.event_ids) == (TAL, "province", ("p1",))
    # ... not another province's
    assert state_on("Ghor", "Taywara", [wide], "2021-07-09").controller is None


def test_a_province_level_event_not_told_as_province_wide_sets_nothing() -> None:
    vague = ev("p2", "2021-07-08", scope=None, sub=taxonomy.GOV_REGAINS)
    assert state_on("Badghis", "Jawand", [vague], "2021-07-09").controller is None


def test_later_district_evidence_wins_and_same_day_district_evidence_decides() -> None:
    wide = ev("p1", "2021-07-08", scope="province")
    back = ev("d1", "2021-07-08", admin2="Qala-i-Naw", sub=taxonomy.GOV_REGAINS, actor1=GOV)
    later = ev("d2", "2021-07-20", admin2="Qala-i-Naw", sub=taxonomy.GOV_REGAINS, actor1=GOV)
    assert state_on("Badghis", "Qala-i-Naw", [back, wide], "2021-07-09").controller == GOV
    s = state_on("Badghis", "Qala-i-Naw", [wide, later], "2021-07-21")
    assert (s.controller, s.basis) == (GOV, "event")


def test_a_country_wide_report_leaves_out_its_exceptions() -> None:
    wide = ev("c1", "2021-08-15", admin1=None, scope="country", excluded=("Panjshir",))
    s = state_on("Kabul", "Paghman", [wide], "2021-08-16")
    assert (s.controller, s.basis) == (TAL, "country")
    assert state_on("Panjshir", "Rukha", [wide], "2021-08-16").controller is None
    no_country = dataclasses.replace(wide, country=None)  # unplaced: not the country
    assert state_on("Kabul", "Paghman", [no_country], "2021-08-16").controller is None


def test_a_district_held_since_its_fall_keeps_that_date_under_a_wider_report() -> None:
    fell = ev("d1", "2021-08-08", admin1="Kunduz", admin2="Kunduz")
    wide = ev("c1", "2021-08-15", admin1=None, scope="country")
    s = state_on("Kunduz", "Kunduz", [fell, wide], "2021-08-16")
    assert (s.controller, s.since, s.basis) == (TAL, "2021-08-08", "event")


def _db_with(tmp_path: Path, events: list[tuple]) -> object:
    db = open_db(str(tmp_path / "levels.db"))
    cols = "event_id, claim_status, corroboration, event_date, event_type, sub_event_type, "
    cols += "actor1, country, admin1, admin2, geo_precision, n_reports"
    for e in events:
        db.execute(f"INSERT INTO events ({cols}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", list(e[:12]))
        db.execute(
            "INSERT INTO articles (article_id, content_hash, text, ingested_at, "
            "extractor_version, story_id) VALUES (?,?,?,?,?,?)",
            [e[0], e[0], "x", "2021-01-01", "t", e[0]],
        )
        db.execute(
            "INSERT INTO reports (report_id, article_id, event_id, role, event_type, "
            "sub_event_type, evidence, claim_status, extractor_version, scope, excluded, "
            "admin1, admin2, country, geo_precision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                e[0],
                e[0],
                e[0],
                "asserts",
                e[4],
                e[5],
                "x",
                e[1],
                "t",
                e[12],
                e[13],
                e[8],
                e[9],
                e[7],
                e[10],
            ],
        )
    rebuild_all(db)
    return db


def test_history_is_in_date_order_with_one_entry_per_change(tmp_path: Path) -> None:
    nsa, clash = taxonomy.NSA_OVERTAKES, taxonomy.ARMED_CLASH
    strat, battle = taxonomy.event_type_of(nsa), taxonomy.event_type_of(clash)
    db = _db_with(
        tmp_path,
        [
            (
                "e1",
                "reported",
                1,
                "2021-06-22",
                battle,
                clash,
                TAL,
                "Afghanistan",
                "Kabul",
                "Kabul",
                1,
                1,
                None,
                "[]",
            ),
            (
                "e2",
                "confirmed",
                2,
                "2021-08-15",
                strat,
                nsa,
                TAL,
                "Afghanistan",
                "Kabul",
                "Kabul",
                1,
                1,
                None,
                "[]",
            ),
            (
                "e3",
                "claimed",
                1,
                "2021-08-16",
                strat,
                nsa,
                TAL,
                "Afghanistan",
                "Kabul",
                "Kabul",
                1,
                1,
                None,
                "[]",
            ),
            (
                "e4",
                "reported",
                1,
                "2021-08-29",
                battle,
                clash,
                TAL,
                "Afghanistan",
                "Kabul",
                "Kabul",
                1,
                1,
                None,
                "[]",
            ),
            (
                "c1",
                "confirmed",
                2,
                "2021-08-15",
                strat,
                nsa,
                TAL,
                "Afghanistan",
                None,
                None,
                None,
                1,
                "country",
                '["Panjshir"]',
            ),
        ],
    )
    states = history(db, "Kabul", "Kabul")  # type: ignore[arg-type]
    days = [s.since for s in states]
    assert days == sorted(days), days
    pairs = [(s.controller, s.status) for s in states]
    assert all(a != b for a, b in zip(pairs, pairs[1:], strict=False)), pairs
    assert pairs[-2:] == [(TAL, "contested"), (TAL, "controlled")]
    # The country-wide report reached a district with no event of its own, not Panjshir.
    on = {(s.admin1, s.admin2): s for s in control_at(db, "2021-08-20")}  # type: ignore[arg-type]
    assert on[("Kabul", "Paghman")].controller == TAL
    assert on[("Kabul", "Paghman")].basis == "country"
    assert on[("Panjshir", "Rukha")].controller is None


def test_weekly_summary_counts_every_district_each_week(tmp_path: Path) -> None:
    strat = taxonomy.event_type_of(taxonomy.NSA_OVERTAKES)
    db = _db_with(
        tmp_path,
        [
            (
                "c1",
                "confirmed",
                2,
                "2021-08-15",
                strat,
                taxonomy.NSA_OVERTAKES,
                TAL,
                "Afghanistan",
                None,
                None,
                None,
                1,
                "country",
                '["Panjshir"]',
            ),
        ],
    )
    rows = weekly_summary(db, "all", start="2021-08-01", end="2021-08-22")  # type: ignore[arg-type]
    assert [r["week"] for r in rows] == ["2021-08-01", "2021-08-08", "2021-08-15", "2021-08-22"]
    for r in rows:
        assert set(r) == {"week", *SUMMARY_KEYS}
        assert sum(r[k] for k in SUMMARY_KEYS) == 398
    assert rows[0]["government"] == 34 and rows[0]["unknown"] == 364
    assert rows[-1]["taliban"] >= 390 and rows[-1]["taliban"] < 398


def test_the_theatre_baseline_cites_its_capitals_and_nothing_else() -> None:
    capital = baseline_for("Kabul", "Kabul")
    assert capital.controller == GOV and capital.source and "Zaranj" in capital.source
    assert capital.since == dt.date(2021, 5, 1).isoformat()
    other = baseline_for("Kabul", "Paghman")
    assert other.controller is None and other.source is None
