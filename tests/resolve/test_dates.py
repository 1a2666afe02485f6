"""Tests of the date resolver: relative, weekday, period and explicit expressions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.resolve.dates import DateResolution, find_dates, resolve_date

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
MON = dt.date(2021, 6, 21)  # a Monday


def _date(sentence: str, published: dt.date | None = MON, **kw: str) -> DateResolution:
    return resolve_date(sentence, published, **kw)


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Taliban fighters on Monday took the district.", "2021-06-21", 1),
        ("The post was overrun Sunday.", "2021-06-20", 1),
        ("Fighting began Sunday evening.", "2021-06-20", 1),
        ("Gunmen struck late Saturday.", "2021-06-19", 1),
        ("A bomb went off on Tuesday night.", "2021-06-15", 1),
        ("Last Monday the convoy was ambushed.", "2021-06-14", 1),
        ("Police said the blast happened yesterday.", "2021-06-20", 1),
        ("Clashes erupted today near the bridge.", "2021-06-21", 1),
        ("Rockets hit the airport last night.", "2021-06-20", 1),
        ("The checkpoint was attacked this morning.", "2021-06-21", 1),
        ("Two posts fell the day before yesterday.", "2021-06-19", 1),
        ("Three days ago the road was closed.", "2021-06-18", 1),
        ("Militants seized the town on June 12.", "2021-06-12", 1),
        ("Militants seized the town on 12 June.", "2021-06-12", 1),
        ("The town fell on June 12, 2020.", "2020-06-12", 1),
        ("The town fell on 2019-03-04.", "2019-03-04", 1),
        ("The raid took place on Jan. 25, 2013.", "2013-01-25", 1),
        ("The base was shelled on the 5th.", "2021-06-05", 1),
        ("The district fell in May.", "2021-05-01", 3),
        ("The district fell earlier this month.", "2021-06-01", 3),
        ("Talks collapsed last month.", "2021-05-01", 3),
        ("Several districts fell last week.", "2021-06-14", 2),
        ("Several districts fell this week.", "2021-06-21", 2),
        ("In recent days, the Taliban took three districts.", "2021-06-14", 2),
        ("The garrison surrendered over the weekend.", "2021-06-19", 2),
        ("Fighting intensified in early May.", "2021-05-01", 2),
        ("Fighting intensified in mid-May.", "2021-05-11", 2),
        ("Fighting intensified in late May.", "2021-05-21", 2),
        ("Dozens of districts have fallen since May 1.", "2021-05-01", 3),
    ],
)
def test_past_expressions(sentence: str, expected: str, precision: int) -> None:
    res = _date(sentence)
    assert (res.event_date, res.time_precision) == (expected, precision), res
    assert res.future is False
    assert res.expression


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Biden will meet Ghani on Friday.", "2021-06-25"),
        ("Later this week, the president will meet the delegation.", "2021-06-22"),
        ("The withdrawal is on track to end in early September.", "2021-09-01"),
        ("Friday's meeting in Washington aims to reaffirm aid.", "2021-06-25"),
        ("Talks are expected to resume next week.", "2021-06-28"),
        ("Elections will be held in March.", "2022-03-01"),
    ],
)
def test_future_expressions(sentence: str, expected: str) -> None:
    res = _date(sentence)
    assert res.event_date == expected, res
    assert res.future is True


def test_past_tense_month_after_publication_is_last_year() -> None:
    assert _date("The offensive began in September.").event_date == "2020-09-01"
    assert _date("The town fell on December 3.").event_date == "2020-12-03"


def test_speech_date_gives_way_to_event_date() -> None:
    res = _date("Police said on Monday that the post fell on Saturday.")
    assert res.event_date == "2021-06-19"


def test_statement_about_a_plan_is_dated_by_the_statement() -> None:
    res = _date("Kirby said Monday that the withdrawal will be completed in early September.")
    assert (res.event_date, res.future) == ("2021-06-21", False)


def test_fighting_that_began_earlier_is_dated_by_its_outcome() -> None:
    res = _date("Fighting began on Sunday evening and by noon on Monday the town had fallen.")
    assert res.event_date == "2021-06-21"


def test_background_date_of_an_attack_ranks_last() -> None:
    res = _date("Forces detained a leader responsible for an attack June 7 yesterday.")
    assert res.event_date == "2021-06-20"


def test_no_expression_defaults() -> None:
    plain = _date("Forces detained two men.")
    assert (plain.event_date, plain.time_precision, plain.reason) == (
        "2021-06-21",
        1,
        "publication date",
    )
    week = _date("Forces detained two men.", default="week")
    assert (week.event_date, week.time_precision) == ("2021-06-21", 2)
    none = _date("Forces detained two men.", None)
    assert none.event_date is None and none.time_precision is None


def test_relative_without_publication_date_is_unresolved_with_reason() -> None:
    res = _date("The attack happened yesterday.", None)
    assert res.event_date is None
    assert "no publication date" in res.reason
    assert res.expression == "yesterday"
    explicit = _date("The attack happened on June 12, 2020.", None)
    assert explicit.event_date == "2020-06-12"


def test_impossible_dates_are_never_produced() -> None:
    assert _date("It happened on February 30.").event_date == "2021-06-21"
    assert _date("It happened on 2021-02-30.").expression is None
    leap = resolve_date("It happened on February 29.", dt.date(2021, 6, 21))
    assert leap.event_date == "2020-02-29"


def test_may_as_a_verb_is_not_a_month() -> None:
    assert find_dates("Officials said fighting may spread.") == []
    assert [m.text for m in find_dates("The town fell in May.")] == ["in May"]


def test_military_unit_ordinals_are_not_dates() -> None:
    assert find_dates("The 8th Kandak cleared the village.") == []


def test_find_dates_spans_point_into_the_sentence() -> None:
    sentence = "On Sunday and again on June 12, the posts were shelled."
    mentions = find_dates(sentence)
    assert [m.kind for m in mentions] == ["date", "date"]
    for m in mentions:
        assert sentence[m.start : m.end] == m.text


def test_reference_article_dates() -> None:
    sample = SHARED / "samples" / "imam-sahib-2021-06-21.txt"
    if not sample.is_file():
        pytest.skip(f"reference article absent: {sample} (../shared is not checked out)")
    text = sample.read_text(encoding="utf-8")
    meta = json.loads(sample.with_suffix("").with_suffix(".meta.json").read_text())
    published = dt.date.fromisoformat(meta["published"])
    lead = next(line for line in text.splitlines() if "took control" in line)
    assert resolve_date(lead, published).event_date == "2021-06-21"
    sunday = next(line for line in text.splitlines() if "drove his family" in line)
    assert resolve_date(sunday, published).event_date == "2021-06-20"
    friday = next(line for line in text.splitlines() if line.startswith("Friday"))
    res = resolve_date(friday, published)
    assert (res.event_date, res.future) == ("2021-06-25", True)


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300),
    st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2100, 1, 1))),
)
def test_hostile_input_never_raises(text: str, published: dt.date | None) -> None:
    res = resolve_date(text, published)
    if res.event_date is not None:
        dt.date.fromisoformat(res.event_date)
    assert res.time_precision in (None, 1, 2, 3)
    for m in find_dates(text):
        assert text[m.start : m.end] == m.text


_WORDS = st.sampled_from(
    [
        "on",
        "Monday",
        "Friday's",
        "yesterday",
        "the",
        "5th",
        "June",
        "30",
        "February",
        "29,",
        "2021",
        "will",
        "said",
        "since",
        "May",
        "1",
        "early",
        "last",
        "week",
        "overnight",
        "in",
        "mid-September",
        "killed",
        "two",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join), st.dates(dt.date(1990, 1, 1)))
def test_date_like_word_salad_gives_valid_dates(text: str, published: dt.date) -> None:
    res = resolve_date(text, published)
    assert res.event_date is not None
    d = dt.date.fromisoformat(res.event_date)
    if not res.future:
        assert d <= published, (text, res)


def test_overnight_is_the_night_before_publication_and_a_named_day_wins() -> None:
    published = dt.date(2021, 6, 7)
    alone = resolve_date("Forces raided a compound overnight.", published)
    assert alone.event_date == "2021-06-06" and alone.time_precision == 1
    # Published on Thursday 10 June: "overnight" alone would give the 9th.
    both = resolve_date(
        "The force detained a suspect during an overnight operation on Tuesday.",
        dt.date(2021, 6, 10),
    )
    assert both.event_date == "2021-06-08"


def test_a_date_that_dates_a_noun_or_a_statement_does_not_date_the_event() -> None:
    published = dt.date(2010, 7, 15)
    strike = resolve_date(
        "The force struck a commander linked to the July 2 attack near the hotel, today.",
        published,
    )
    assert strike.event_date == "2010-07-15"
    confirmed = resolve_date(
        "Officials today confirmed the arrest of a financier in the city Sept. 19.",
        dt.date(2012, 9, 24),
    )
    assert confirmed.event_date == "2012-09-19"


def test_a_named_day_beats_a_month_named_for_background() -> None:
    got = resolve_date(
        "Forces detained a facilitator linked to a killing in March in the province yesterday.",
        dt.date(2010, 12, 30),
    )
    assert got.event_date == "2010-12-29" and got.time_precision == 1


def test_a_header_year_places_a_month_and_day_but_nothing_relative() -> None:
    dated = resolve_date("Forces raided a compound July 16.", None, year_hint=2010)
    assert dated.event_date == "2010-07-16" and "header" in dated.reason
    assert (
        resolve_date("Forces raided a compound yesterday.", None, year_hint=2010).event_date is None
    )
    # A year written out wins over the hint.
    assert (
        resolve_date("It began on July 16, 2009.", None, year_hint=2010).event_date == "2009-07-16"
    )


def test_what_dates_a_sentence_is_said() -> None:
    published = dt.date(2012, 10, 16)
    assert (
        resolve_date("Forces today confirmed they detained two men.", published).basis == "speech"
    )
    background = resolve_date("He was behind the May 11 insider attack.", published)
    assert background.basis == "background"
    assert resolve_date("Forces detained two men yesterday.", published).basis == "event"
    assert resolve_date("Forces detained two men.", published).basis == "default"
