"""Datelines: wire and press-release layouts, their dates, and what is not a dateline."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.clean import clean_article, parse_dateline
from frontlines.records import Article

BODY = "Taliban fighters attacked a police checkpoint overnight, officials said."


@pytest.mark.parametrize(
    ("opening", "place", "date", "agency"),
    [
        ("KABUL, Afghanistan – ", "KABUL, Afghanistan", None, None),
        ("KABUL, Afghanistan (Jan. 25, 2013) – ", "KABUL, Afghanistan", dt.date(2013, 1, 25), None),
        ("KABUL, Afghanistan (Sept. 1) - ", "KABUL, Afghanistan", None, None),
        ("KABUL (Reuters) - ", "KABUL", None, "Reuters"),
        ("Kabul, June 21 (AP) — ", "Kabul", None, "AP"),
        (
            "MAZAR-I-SHARIF, Afghanistan, July 8 (Reuters) - ",
            "MAZAR-I-SHARIF, Afghanistan",
            None,
            "Reuters",
        ),
        ("ISLAMABAD/KABUL — ", "ISLAMABAD/KABUL", None, None),
        (
            "LASHKAR GAH, Afghanistan, Aug. 3, 2021 (Reuters) - ",
            "LASHKAR GAH, Afghanistan",
            dt.date(2021, 8, 3),
            "Reuters",
        ),
        ("KUNDUZ: ", "KUNDUZ", None, None),
        ("Kabul, Afghanistan — ", "Kabul, Afghanistan", None, None),
        ("KABUL, Afghanistan (May 16,2011) -- ", "KABUL, Afghanistan", dt.date(2011, 5, 16), None),
        ("KABUL, Afghanistan (Nov. 1. 2011)\n", "KABUL, Afghanistan", dt.date(2011, 11, 1), None),
        (
            "PAKTIA, Afghanistan (Nov. 10, 2011) — ",
            "PAKTIA, Afghanistan",
            dt.date(2011, 11, 10),
            None,
        ),
    ],
)
def test_dateline_layouts(
    opening: str, place: str, date: dt.date | None, agency: str | None
) -> None:
    text = opening + BODY
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert text[found.end :].strip() == BODY


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "UPDATE: " + BODY,
        "NATO said on Monday that " + BODY,
        "RC- EAST",
        "Kabul - the capital - was quiet on Monday.",
        "Officials (AP) - " + BODY,
        "Troops Detain Militant Leader, Mortar-Team Commander in Zabul",
        "Taliban fighters on Monday took control of a key district in northern Kunduz province "
        "and surrounded the provincial capital, police said, as fighting spread.\n\nKABUL — "
        + BODY,
        "",
    ],
)
def test_not_datelines(text: str) -> None:
    assert parse_dateline(text) is None


def test_year_from_a_release_number_in_the_header() -> None:
    text = "2010-09-CA-005\nFor Immediate Release\n\nKABUL, Afghanistan (Sept. 1) - " + BODY
    found = parse_dateline(text)
    assert found is not None
    assert (found.date, found.year_from) == (dt.date(2010, 9, 1), "header")


def test_year_from_a_full_date_in_the_header() -> None:
    text = (
        "ISAF Joint Command Operational Update, Feb. 3, 2012\n\nKABUL, Afghanistan (Feb. 3)\n"
        + BODY
    )
    found = parse_dateline(text)
    assert found is not None and found.date == dt.date(2012, 2, 3)


def test_december_dateline_in_a_january_release_is_the_year_before() -> None:
    text = "2011-01-S-003\n\nKABUL, Afghanistan (Dec. 31) – " + BODY
    found = parse_dateline(text)
    assert found is not None and found.date == dt.date(2010, 12, 31)


def test_impossible_dateline_date_gives_no_date() -> None:
    found = parse_dateline("KABUL, Afghanistan (Feb. 30, 2012) – " + BODY)
    assert found is not None and found.date is None


# Press releases written for these tests, in the layouts ISAF used.
RELEASES = [
    (
        "Insurgents Detained in Arghandab\nISAF Joint Command - Afghanistan\n2010-09-CA-123\n"
        "For Immediate Release\nDownload PDF\n\nKABUL, Afghanistan (Sept. 14) - An Afghan and "
        "coalition force detained two suspected insurgents in Arghandab district yesterday.",
        dt.date(2010, 9, 14),
        "Insurgents Detained in Arghandab",
    ),
    (
        "2013-01-S-025\nFor Immediate Release\n\nKABUL, Afghanistan (Jan. 25, 2013)\nA combined "
        "force killed one insurgent in Nad Ali district, Helmand province, today.",
        dt.date(2013, 1, 25),
        None,
    ),
    (
        "ISAF Joint Command Morning Operational Update March 4, 2011\nISAF Joint Command - "
        "Afghanistan\u20282011-03-S-012\u2028For Immediate Release\u2028\u2028KABUL, Afghanistan "
        "(March 4, 2011) \u2028In Sabari district, Khost province, a security force detained a "
        "Haqqani facilitator last night.",
        dt.date(2011, 3, 4),
        "ISAF Joint Command Morning Operational Update March 4, 2011",
    ),
    (
        "Oct. 5: Forces Detain Insurgents in Khost\nNEWS RELEASE\nISAF Joint Command - "
        "Afghanistan\n2009-10-CA-011\nFor Immediate Release\n\nIn Khost province last night, a "
        "joint force detained two suspected militants after a compound search.",
        dt.date(2009, 10, 5),
        "Oct. 5: Forces Detain Insurgents in Khost",
    ),
    (
        "ISAF Joint Command- Afghanistan\n2011-07-S-099\nFor Immediate Release\n\n"
        "KABUL, Afghanistan (July 19, 2011) – Coalition forces killed an insurgent in Zharay "
        "district, Kandahar province, yesterday.",
        dt.date(2011, 7, 19),
        None,
    ),
]


@pytest.mark.parametrize(("text", "published", "title"), RELEASES)
def test_isaf_style_releases_give_the_published_date(
    text: str, published: dt.date, title: str | None
) -> None:
    article = clean_article(Article(article_id="r", text=text))
    assert (article.published, article.published_source) == (published, "dateline")
    assert article.title == title
    first = article.text.split("\n")[0]
    assert not first.startswith(("KABUL", "ISAF", "20", "For Immediate")), article.text
    assert all(why in ("title", "press-release header") for _, why in article.dropped)
    assert "For Immediate Release" in {line for line, _ in article.dropped}


def test_release_without_any_year_leaves_published_unknown() -> None:
    article = clean_article(Article(article_id="r", text="KABUL, Afghanistan (Feb. 7)\n" + BODY))
    assert article.published is None
    assert article.dateline == "KABUL, Afghanistan"
    assert article.text == BODY


def test_a_known_published_date_is_not_replaced_by_the_dateline() -> None:
    article = Article(
        article_id="r",
        text="KABUL, Afghanistan (Jan. 25, 2013) – " + BODY,
        published=dt.date(2013, 1, 26),
        published_source="metadata",
    )
    cleaned = clean_article(article)
    assert (cleaned.published, cleaned.published_source) == (dt.date(2013, 1, 26), "metadata")


def test_far_future_dateline_date_is_ignored_with_a_warning() -> None:
    cleaned = clean_article(
        Article(article_id="r", text="KABUL, Afghanistan (Jan. 2, 2099) – " + BODY)
    )
    assert cleaned.published is None
    assert any("2099-01-02" in w for w in cleaned.warnings)


def test_byline_above_the_dateline_is_dropped() -> None:
    text = "Taliban take Doshi\n\nBy Jane Example and John Sample\n\nKABUL (AP) — " + BODY
    cleaned = clean_article(Article(article_id="r", text=text))
    assert cleaned.text == BODY
    assert cleaned.title == "Taliban take Doshi"
    assert ("By Jane Example and John Sample", "byline") in cleaned.dropped


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_parse_dateline_on_any_text_is_safe(text: str) -> None:
    found = parse_dateline(text)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert found.place


def test_a_dateline_with_no_body_after_it_is_no_dateline() -> None:
    text = "Taliban fighters entered the district centre on Monday, officials said.\n\nAA:"
    assert parse_dateline(text) is None
