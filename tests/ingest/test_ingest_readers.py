"""Readers: formats, ids, metadata and the publication-date precedence."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from frontlines.errors import InputError, MalformedInput
from frontlines.ingest import detect_format, read_bytes, read_inputs, read_text
from frontlines.records import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"
BODY = (
    "Taliban fighters captured the district centre of Khan Abad in Kunduz province, officials said."
)
DATED = "KABUL, Afghanistan (July 9, 2021) – " + BODY


def articles(paths: list[str], **kwargs: object) -> list[Article]:
    items = list(read_inputs(paths, **kwargs))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)]


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"Plain words.", "text"),
        ("a.md", b"# Heading", "text"),
        ("a.txt", b"<!DOCTYPE html><html><body>x", "html"),
        ("a.html", b"no markup at all", "html"),
        ("a.htm", b"<p>x", "html"),
        ("a.jsonl", b"{}", "jsonl"),
        ("a.ndjson", b"{}", "jsonl"),
        ("a.json", b"[]", "json"),
        ("a.rss", b"<rss>", "feed"),
        ("a.atom", b"<feed>", "feed"),
        ("-", b"<html><body>", "html"),
        ("-", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        ("-", b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("-", b'{"id": "1", "text": "x"}', "jsonl"),
        ("-", b"KABUL - words", "text"),
        ("noext", b"  <div>hello</div>", "html"),
    ],
)
def test_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_read_text_cleans_and_keeps_raw_text() -> None:
    raw = "Khan Abad falls\n\n" + DATED + "\n\nShare Tweet Email"
    article = read_text(raw, article_id="t1", outlet="Example", url="https://example.org/t1")
    assert article.text == BODY
    assert article.raw_text == raw
    assert article.title == "Khan Abad falls"
    assert article.dateline == "KABUL, Afghanistan"
    assert (article.outlet, article.url) == ("Example", "https://example.org/t1")


def test_published_precedence_argument_over_metadata_over_dateline(tmp_path: Path) -> None:
    line = {"id": "p", "text": DATED, "published": "2021-07-10"}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(line) + "\n")
    (meta,) = articles([str(path)])
    assert (meta.published, meta.published_source) == (dt.date(2021, 7, 10), "metadata")
    (cli,) = articles([str(path)], published=dt.date(2021, 7, 11))
    assert (cli.published, cli.published_source) == (dt.date(2021, 7, 11), "cli")
    del line["published"]
    path.write_text(json.dumps(line) + "\n")
    (dateline,) = articles([str(path)])
    assert (dateline.published, dateline.published_source) == (dt.date(2021, 7, 9), "dateline")


def test_no_date_anywhere_means_none_never_today() -> None:
    article = read_text(BODY, article_id="x")
    assert article.published is None and article.published_source is None


@pytest.mark.parametrize(
    "bad", ["2021-02-30", "1066-10-14", "2999-01-01", "next tuesday", 20210621]
)
def test_impossible_metadata_dates_are_ignored_with_a_warning(bad: object) -> None:
    line = json.dumps({"id": "x", "text": BODY, "published": bad}).encode()
    (article,) = read_bytes(line, source="x.jsonl")
    assert article.published is None
    assert any("ignored" in w and "published" in w for w in article.warnings)


def test_impossible_metadata_date_falls_back_to_the_dateline() -> None:
    line = json.dumps({"id": "x", "text": DATED, "published": "2021-13-01"}).encode()
    (article,) = read_bytes(line, source="x.jsonl")
    assert (article.published, article.published_source) == (dt.date(2021, 7, 9), "dateline")


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2021-06-21T08:00:00+04:30">',
        '<meta itemprop="datePublished" content="2021-06-21">',
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2021-06-21T10:00:00Z"}</script>',
        '<meta name="date" content="June 21, 2021">',
    ],
)
def test_html_publication_date_from_metadata(head: str) -> None:
    html = f"<html><head>{head}<title>T</title></head><body><p>{BODY}</p></body></html>"
    (article,) = read_bytes(html.encode(), source="page.html")
    assert (article.published, article.published_source) == (dt.date(2021, 6, 21), "metadata")


def test_html_time_element_dates_the_page() -> None:
    html = (
        "<html><body><article><time datetime='2021-06-21'>21 June</time>"
        f"<p>{BODY}</p></article></body></html>"
    )
    (article,) = read_bytes(html.encode(), source="page.html")
    assert article.published == dt.date(2021, 6, 21)


def test_html_impossible_meta_date_is_ignored_with_a_warning() -> None:
    html = (
        "<html><head><meta property='article:published_time' content='1066-10-14'></head>"
        f"<body><p>{BODY}</p></body></html>"
    )
    (article,) = read_bytes(html.encode(), source="page.html")
    assert article.published is None
    assert any("1066-10-14" in w for w in article.warnings)


def test_html_boilerplate_is_removed_and_metadata_read() -> None:
    para = " ".join([BODY] * 3)
    html = f"""<html><head><title>Khan Abad falls | Example</title>
    <meta property="og:title" content="Khan Abad falls">
    <meta property="og:site_name" content="Example News">
    <link rel="canonical" href="https://example.org/khan-abad"></head>
    <body><nav><ul><li>Home</li><li>World</li><li>Sport</li></ul></nav>
    <article><h1>Khan Abad falls</h1><p>{para}</p><p>{para}</p></article>
    <footer>Copyright Example News. All rights reserved. Privacy policy. Terms of use.</footer>
    </body></html>"""
    (article,) = read_bytes(html.encode(), source="page.html")
    assert "Home" not in article.text and "Privacy" not in article.text
    assert BODY in article.text
    assert article.outlet == "Example News"
    assert article.url == "https://example.org/khan-abad"
    assert article.title is not None and "Khan Abad falls" in article.title


def test_html_script_content_never_becomes_text() -> None:
    html = f"<html><body><script>alert('x')</script><p>{BODY}</p></body></html>"
    (article,) = read_bytes(html.encode(), source="page.html")
    assert "alert" not in article.text


def test_rss_feed_one_article_per_item_with_ids() -> None:
    items = list(read_inputs([str(FIXTURES / "feed.rss")]))
    got = [(i.article_id, i.published) for i in items if isinstance(i, Article)]
    assert got == [
        ("https://example.org/a", dt.date(2021, 6, 21)),
        (f"{FIXTURES / 'feed.rss'}#3", None),
    ]
    first = next(i for i in items if isinstance(i, Article))
    assert first.title == "Taliban take Imam Sahib"
    assert first.outlet == "Example Wire"
    assert first.input_format == "feed"
    assert "<p>" not in first.text
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "item 2" in errors[0].reason


def test_atom_feed() -> None:
    (article,) = articles([str(FIXTURES / "feed.atom")])
    assert article.article_id == "urn:example:1"
    assert article.url == "https://example.org/b"
    assert article.published == dt.date(2021, 7, 8)
    assert article.text.startswith("The Taliban closed the Kabul to Mazar-i-Sharif highway")


def test_xml_that_is_not_a_feed_is_malformed() -> None:
    with pytest.raises(MalformedInput, match="not an RSS or Atom feed"):
        read_bytes(b"<?xml version='1.0'?><note><body>words</body></note>", source="x.xml")


def test_json_document_with_a_list_of_records() -> None:
    data = json.dumps([{"id": "1", "text": BODY}, {"id": "2", "text": DATED}]).encode()
    got = read_bytes(data, source="x.json")
    assert [a.article_id for a in got] == ["1", "2"]
    assert got[1].published == dt.date(2021, 7, 9)


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(DATED.encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    (article,) = articles(["-"])
    assert article.article_id == "-"
    assert article.text == BODY


def test_read_bytes_raises_the_first_error() -> None:
    data = b'{"id": "1", "text": "' + BODY.encode() + b'"}\nnot json\n'
    with pytest.raises(MalformedInput, match="line 2"):
        read_bytes(data, source="x.jsonl")


def test_jsonl_integer_ids_become_strings_and_non_string_fields_are_ignored() -> None:
    line = json.dumps({"id": 7, "text": BODY, "title": ["no"], "outlet": "Wire"}).encode()
    (article,) = read_bytes(line, source="x.jsonl")
    assert article.article_id == "7"
    assert article.title is None and article.outlet == "Wire"
    assert any("'title'" in w for w in article.warnings)


def test_xhtml_with_an_xml_declaration_is_read() -> None:
    page = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>'
        f"<body><p>{BODY}</p></body></html>"
    )
    for source in ("page.xhtml", "-"):
        (article,) = read_bytes(page.encode(), source=source)
        assert article.text == BODY
