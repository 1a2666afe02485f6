"""Properties: arbitrary bytes only ever raise InputError; JSONL fields round-trip."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.errors import InputError
from frontlines.ingest import FORMATS, read_bytes, read_text
from frontlines.records import Article

PREFIXES = st.sampled_from(
    [
        b"",
        b"<html><body><p>",
        b'<?xml version="1.0"?><rss><channel><item><description>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content>',
        b'{"id": "1", "text": "',
        b"[",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"KABUL, Afghanistan (Jan. 25, 2013) - ",
    ]
)
NO_SURROGATES = st.characters(blacklist_categories=("Cs",))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=PREFIXES,
    data=st.binary(max_size=3000),
    fmt=st.sampled_from([None, *FORMATS]),
    name=st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.json", "x.xml", "-"]),
)
def test_arbitrary_bytes_raise_nothing_but_input_error(
    prefix: bytes, data: bytes, fmt: str | None, name: str
) -> None:
    try:
        result = read_bytes(prefix + data, source=name, fmt=fmt)
    except InputError:
        return
    assert all(isinstance(a, Article) for a in result)
    for article in result:
        article.text.encode("utf-8")  # no lone surrogates reach later stages


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=NO_SURROGATES, max_size=2000))
def test_arbitrary_text_to_read_text_raises_nothing_but_input_error(text: str) -> None:
    try:
        article = read_text(text, article_id="x")
    except InputError:
        return
    assert article.raw_text == text


OPTIONAL = st.one_of(st.none(), st.text(alphabet=NO_SURROGATES, min_size=1, max_size=40))


@settings(max_examples=200, deadline=None)
@given(
    article_id=st.text(alphabet=NO_SURROGATES, min_size=1, max_size=30).filter(str.strip),
    extra=st.text(alphabet=NO_SURROGATES, max_size=200),
    title=OPTIONAL,
    url=OPTIONAL,
    outlet=OPTIONAL,
    published=st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2025, 12, 31))),
)
def test_jsonl_fields_round_trip(
    article_id: str,
    extra: str,
    title: str | None,
    url: str | None,
    outlet: str | None,
    published: dt.date | None,
) -> None:
    text = "Taliban fighters entered the district centre on Monday, officials said.\n\n" + extra
    record = {"id": article_id, "text": text, "title": title, "url": url, "outlet": outlet}
    if published is not None:
        record["published"] = published.isoformat()
    line = json.dumps(record).encode() + b"\n"
    (article,) = read_bytes(line, source="corpus.jsonl")
    assert article.article_id == article_id
    assert article.raw_text == text
    assert (article.url, article.outlet) == (url, outlet)
    if title is not None:
        assert article.title == title
    if published is not None:
        assert (article.published, article.published_source) == (published, "metadata")
    assert article.input_format == "jsonl"
