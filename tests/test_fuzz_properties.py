"""Fuzzing, always on (issue 12): bounded Hypothesis properties for every reader,
the cleaner, the extractor and the date resolver.

Inputs are built from the shapes news text takes (words an extractor reacts to,
numbers, dates, names, punctuation, markup, entities) as well as from raw
characters, so that the search reaches the code paths a hostile article would.
``benchmarks/fuzz.py`` runs the same strategies for much longer.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.clean import clean_article
from frontlines.errors import InputError
from frontlines.extract.pipeline import extract_article
from frontlines.ingest import read_bytes, read_text
from frontlines.records import Article
from frontlines.resolve.dates import resolve_date
from frontlines.taxonomy import SUB_EVENT_TYPES

#: Pieces of news text: cues, actors, places, numbers, dates, hedges, punctuation.
TOKENS = (
    "Taliban",
    "fighters",
    "Afghan",
    "forces",
    "police",
    "killed",
    "wounded",
    "captured",
    "seized",
    "took control of",
    "retook",
    "attacked",
    "clashes",
    "airstrike",
    "suicide bomber",
    "detained",
    "arrested",
    "civilians",
    "district",
    "province",
    "Kunduz",
    "Imam Sahib",
    "Kabul",
    "Helmand",
    "Lashkar Gah",
    "Pul-e Khumri",
    "Ghazni",
    "on Monday",
    "yesterday",
    "last week",
    "June 21",
    "21 June 2021",
    "2021-06-21",
    "July",
    "since May 1",
    "said",
    "claimed",
    "denied",
    "reportedly",
    "according to",
    "officials",
    "Zabihullah Mujahid",
    "by",
    "the",
    "and",
    "of",
    "in",
    "at least",
    "three",
    "12",
    "123456",
    "1,234",
    "dozens",
    ",",
    ".",
    ";",
    ":",
    "-",
    "—",
    "(",
    ")",
    '"',
    "'s",
    "\n",
    "\n\n",
    "KABUL, June 21 (Reuters) -",
    "2013-01-S-025",
    "For Immediate Release",
    "By Jane Example",
    "Share this article",
    "(AP Photo/Rahmat Gul)",
    "&amp;",
    "&#x202e;",
    "\u200b",
    "\ufeff",
    "\u202e",
    "é",
    "کابل",
)
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))
WORDS = st.lists(st.sampled_from(TOKENS), max_size=120).map(" ".join)
NEWSY = st.one_of(WORDS, st.text(alphabet=NO_SURROGATES, max_size=400), WORDS.map(str.upper))
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@FUZZ
@given(text=NEWSY, published=st.one_of(st.none(), DATES))
def test_text_reader_cleaner_and_extractor_never_crash(
    text: str, published: dt.date | None
) -> None:
    try:
        article = read_text(text, article_id="fuzz", published=published)
    except InputError:
        return
    clean_article(article)  # cleaning again is safe (a second dateline may then go)
    for report in extract_article(article):
        assert report.sub_event_type in SUB_EVENT_TYPES or report.sub_event_type == "detained"
        assert report.evidence
        if report.evidence_start is not None and report.evidence_end is not None:
            assert article.text[report.evidence_start : report.evidence_end] == report.evidence
        if report.event_date is not None:
            dt.date.fromisoformat(report.event_date)
            assert report.time_precision in (1, 2, 3)
        assert report.fatalities is None or report.fatalities >= 0


@FUZZ
@given(
    title=NEWSY,
    paragraphs=st.lists(NEWSY, max_size=6),
    wrapper=st.sampled_from(["p", "div", "li", "td", "script", "style", "article"]),
    raw=st.binary(max_size=200),
)
def test_html_reader_never_crashes(
    title: str, paragraphs: list[str], wrapper: str, raw: bytes
) -> None:
    body = "".join(f"<{wrapper}>{_escape(p)}</{wrapper}>" for p in paragraphs)
    page = (
        f"<html><head><title>{_escape(title)}</title></head><body>{body}</body></html>"
    ).encode() + raw
    try:
        articles = read_bytes(page, source="page.html")
    except InputError:
        return
    for article in articles:
        assert isinstance(article, Article)
        assert "<script" not in article.text.lower()
        article.text.encode("utf-8")


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    NEWSY,
    st.lists(st.integers(), max_size=3),
)


@FUZZ
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"text": st.one_of(NEWSY, JSON_VALUES)},
            optional={
                "id": st.one_of(NEWSY, JSON_VALUES),
                "published": st.one_of(
                    DATES.map(dt.date.isoformat),
                    st.sampled_from(["2021-06-21T25:99:00+99:00", "2021-13-01", "yesterday"]),
                    JSON_VALUES,
                ),
                "title": JSON_VALUES,
                "url": JSON_VALUES,
                "outlet": JSON_VALUES,
                "extra": JSON_VALUES,
            },
        ),
        max_size=5,
    ),
    junk=st.lists(st.binary(max_size=40), max_size=2),
)
def test_jsonl_reader_keeps_every_good_line(
    records: list[dict[str, object]], junk: list[bytes]
) -> None:
    lines = [json.dumps(r).encode() for r in records] + junk
    data = b"\n".join(lines)
    try:
        items = read_bytes(data, source="c.jsonl")
    except InputError:
        return  # the first error is raised; the CLI test covers going on past it
    assert len(items) <= len(records)
    for article in items:
        if article.published is not None:
            assert dt.date(1900, 1, 1) <= article.published


@FUZZ
@given(
    items=st.lists(st.tuples(NEWSY, NEWSY), max_size=5),
    atom=st.booleans(),
    entity=st.sampled_from(["", "&amp;", "&lt;b&gt;", "&#233;", "&nosuch;", "<![CDATA[x]]>"]),
)
def test_feed_reader_never_crashes(items: list[tuple[str, str]], atom: bool, entity: str) -> None:
    if atom:
        entries = "".join(
            f"<entry><title>{_escape(t)}{entity}</title><content>{_escape(c)}</content></entry>"
            for t, c in items
        )
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
    else:
        entries = "".join(
            f"<item><title>{_escape(t)}{entity}</title><description>{_escape(c)}</description>"
            "</item>"
            for t, c in items
        )
        doc = f'<?xml version="1.0"?><rss><channel>{entries}</channel></rss>'
    try:
        articles = read_bytes(doc.encode(), source="feed.xml")
    except InputError:
        return
    assert len(articles) <= len(items)


@FUZZ
@given(sentence=NEWSY, published=st.one_of(st.none(), DATES), year=st.none() | st.integers(1, 9999))
def test_date_resolver_gives_real_dates_or_none(
    sentence: str, published: dt.date | None, year: int | None
) -> None:
    for default in ("published", "week", "none"):
        found = resolve_date(sentence, published, default=default, year_hint=year)
        if found.event_date is not None:
            day = dt.date.fromisoformat(found.event_date)
            assert day.year >= 1900
            assert found.time_precision in (1, 2, 3)
