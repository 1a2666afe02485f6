"""HTML pages: the article body without the page around it, plus its metadata.

trafilatura removes boilerplate (menus, footers, comments); when it finds
nothing (short or broken pages), a plain lxml walk over the block elements is
the fallback.  Title, outlet, canonical URL and publication date come from
the page's own metadata, read with lxml (``article:published_time``,
``itemprop=datePublished``, JSON-LD, ``<time>``) and then trafilatura's.
Both libraries are imported inside the functions: they cost start-up time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from frontlines import settings
from frontlines.errors import MalformedInput
from frontlines.ingest.published import metadata_date
from frontlines.records import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:pubdate",
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "pre",
        "article",
        "section",
        "main",
        "header",
        "footer",
        "table",
        "tr",
        "td",
        "th",
        "br",
        "hr",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "address",
        "body",
    ]
)
_SKIP = frozenset(
    "script style noscript template nav aside form button select svg iframe head".split()  # noqa: SIM905
)
_LETTER = re.compile(r"[^\W\d_]")
_MAX_JSONLD_DEPTH = 6
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def looks_like_html(head: str) -> bool:
    """Whether text starts with markup (a doctype, an <html>, <head> or <body> tag, a comment)."""
    start = head.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<p>"))


def _parse(html: str, source: str) -> HtmlElement:
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError, lxml.etree.LxmlError) as exc:
        raise MalformedInput(
            source, f"HTML that cannot be parsed ({exc}); give the page's text instead"
        ) from None


def _meta(tree: HtmlElement, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in wanted:
            content = (el.get("content") or "").strip()
            if content:
                return content
    return None


def _jsonld_dates(node: Any, depth: int = 0) -> Iterator[str]:
    if depth > _MAX_JSONLD_DEPTH:
        return
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str):
            yield value
        for child in node.values():
            if isinstance(child, dict | list):
                yield from _jsonld_dates(child, depth + 1)
    elif isinstance(node, list):
        for child in node[:50]:
            yield from _jsonld_dates(child, depth + 1)


def _page_dates(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    """(field, value) candidates for the publication date, best first."""
    for name in _DATE_META:
        value = _meta(tree, name)
        if value:
            yield f"HTML meta {name}", value
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop") == "datePublished":
            value = el.get("datetime") or el.get("content") or el.text_content()
            if value:
                yield "itemprop datePublished", value
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for value in _jsonld_dates(data):
            yield "JSON-LD datePublished", value
    times = [t for t in tree.iter("time") if t.get("datetime")]
    for t in times:
        if t.get("pubdate") is not None or "publish" in (t.get("class") or "").lower():
            yield "<time pubdate>", t.get("datetime") or ""
    if times:
        yield "<time datetime>", times[0].get("datetime") or ""


def fallback_text(tree: HtmlElement) -> str:
    """Visible text with a blank line at each block boundary (no boilerplate removal)."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _SKIP or not tag:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag.lower() in _BLOCKS
        if block:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    body = tree.find("body")
    try:
        walk(body if body is not None else tree)
        text = "".join(parts)
    except RecursionError:
        # Absurdly deep nesting: lose the paragraph breaks, keep the words.
        text = " ".join((body if body is not None else tree).itertext())
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


def _trafilatura(html: str) -> Any:
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        return trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError):
        # trafilatura on hostile markup: fall back to the lxml walk rather than fail the batch.
        return None


def html_to_text(html: str, source: str) -> str:
    """Body text of an HTML fragment (a feed item's description), via lxml only."""
    if "<" not in html:
        return html
    html = _XML_DECLARATION.sub("", html, count=1)
    return fallback_text(_parse(f"<html><body>{html}</body></html>", source))


def read_html(html: str, *, source: str, warnings: list[str]) -> Article:
    """One article from an HTML page; MalformedInput if it holds no body text."""
    # XHTML opens with an XML declaration naming an encoding, which lxml refuses on a str
    # that is already decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    tree = _parse(html, source)
    doc = _trafilatura(html)
    text = (getattr(doc, "text", None) or "").strip()
    if text:
        # trafilatura ends each block with one newline; the project marks paragraphs with two.
        text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    if len(_LETTER.findall(text[:2000])) < settings.MIN_ARTICLE_LETTERS:
        text = fallback_text(tree)
    if len(_LETTER.findall(text[:2000])) < settings.MIN_ARTICLE_LETTERS:
        raise MalformedInput(
            source, "HTML page with no article text in its body; give the article's page or text"
        )
    title = (
        getattr(doc, "title", None)
        or _meta(tree, "og:title", "twitter:title")
        or (tree.findtext(".//title") or "").strip()
        or None
    )
    published: dt.date | None = None
    for field, value in _page_dates(tree):
        published = metadata_date(value, field, warnings)
        if published is not None:
            break
    if published is None and getattr(doc, "date", None):
        published = metadata_date(doc.date, "trafilatura date", warnings)
    url = _meta(tree, "og:url") or getattr(doc, "url", None)
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            url = link.get("href")
            break
    outlet = _meta(tree, "og:site_name", "application-name") or getattr(doc, "sitename", None)
    return Article(
        article_id=source,
        text=text,
        title=title.strip() if isinstance(title, str) else None,
        url=url,
        outlet=outlet,
        published=published,
        published_source="metadata" if published is not None else None,
        raw_text=text,
        input_format="html",
        warnings=tuple(warnings),
    )
