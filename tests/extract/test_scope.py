"""Province- and country-wide changes of hands (extract.scope), on sentences written here."""

from __future__ import annotations

import datetime as dt

from frontlines.extract.pipeline import extract_article
from frontlines.records import Article, Report


def _extract(text: str) -> list[Report]:
    article = Article(article_id="scope-test", text=text, published=dt.date(2021, 8, 16))
    return [r for r in extract_article(article) if "territory" in r.sub_event_type]


def test_all_of_a_province_is_province_wide() -> None:
    (r,) = _extract("Insurgents seized control of all of Faryab province on Saturday, an MP said.")
    assert (r.admin1, r.admin2, r.scope) == ("Faryab", None, "province")
    assert r.excluded == ()


def test_province_except_its_capital_leaves_the_capital_out() -> None:
    (r,) = _extract(
        "The Taliban captured the whole of Zabul province except the provincial capital, "
        "officials said."
    )
    assert r.scope == "province" and r.admin1 == "Zabul"
    assert r.excluded == ("Zabul/Qalat",)


def test_a_province_that_fell_is_its_capital() -> None:
    (r,) = _extract("Logar province fell to the Taliban on Friday, a police official said.")
    assert (r.admin1, r.admin2, r.scope) == ("Logar", "Pul-e Alam", None)
    assert any("capital" in x.reason for x in r.resolutions)


def test_government_collapse_is_country_wide() -> None:
    (r,) = _extract("The Afghan government collapsed on Sunday, officials said.")
    assert (r.country, r.admin1, r.scope, r.event_date) == (
        "Afghanistan",
        None,
        "country",
        "2021-08-15",
    )
    assert r.actor1 == "Taliban"


def test_whole_country_except_a_province_lists_the_exception() -> None:
    (r,) = _extract(
        "Taliban fighters took control of the whole country except Panjshir, residents said."
    )
    assert r.scope == "country" and r.excluded == ("Panjshir",)


def test_a_fear_or_a_negation_is_no_collapse() -> None:
    assert _extract("Diplomats fear the government could collapse within weeks.") == []
    assert _extract("The government has not collapsed, the president's office said.") == []


def test_a_district_capture_is_not_widened() -> None:
    reports = _extract("The Taliban captured Nad Ali district of Helmand province on Monday.")
    assert reports and all(r.scope is None and r.admin2 for r in reports)


def test_most_of_a_province_is_neither_its_capital_nor_all_of_it() -> None:
    for r in _extract("The Taliban took most of Helmand province on Monday, officials said."):
        assert r.admin2 is None and r.scope is None


def test_a_part_of_the_country_is_not_the_country() -> None:
    reports = _extract("Taliban fighters took control of the whole of the country's north.")
    assert all(r.scope != "country" for r in reports)
