"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item.

The XML parser never fetches a DTD, never resolves entities and never uses
the network: a feed is hostile input like any other.  An item without text
yields a MalformedInput naming the item, and the other items still come out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from frontlines import settings
from frontlines.errors import InputError, MalformedInput
from frontlines.ingest.html import html_to_text
from frontlines.ingest.published import metadata_date
from frontlines.records import Article

FEED_ROOTS = frozenset({"rss", "feed", "RDF", "channel"})


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


#: The first element of a document, after an XML declaration, processing
#: instructions (stylesheets), comments and a DOCTYPE: "rss", "feed", "rdf:RDF"...
_FIRST_ELEMENT = re.compile(
    r"^(?:\s|<\?[^>]*>|<!--(?:[^-]|-(?!->))*-->|<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>)*<([\w:.-]+)"
)


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS or Atom root element."""
    start = head.lstrip("\ufeff \t\r\n")
    m = _FIRST_ELEMENT.match(start)
    if m is not None:
        return m.group(1).rsplit(":", 1)[-1] in FEED_ROOTS
    # Cut short (a long comment before the root): any root tag in what was sniffed.
    return "<rss" in start or "<feed" in start or "<rdf:RDF" in start


def _child_text(item: Any, *names: str) -> str | None:
    for name in names:
        for child in item:
            if _local(child.tag) == name:
                text = "".join(child.itertext()).strip()
                if text:
                    return text
    return None


def _link(item: Any) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return str(href).strip()
        if child.text and child.text.strip():
            return str(child.text).strip()
    return None


def _fatal_error(parser: Any) -> str | None:
    """The first fatal error the recovering parser met ("line 3: ..."), or None.

    A parser that recovers keeps what it read before such an error (an entity bomb
    refused, a broken tag) and silently drops the rest: the caller must say so.
    """
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            return f"line {entry.line}: {str(entry.message).strip()[:200]}"
    return None


def parse_feed(data: bytes, source: str) -> Any:
    """The parsed feed root; MalformedInput if it is not XML at all."""
    root, _ = _parse(data, source)
    return root


def _parse(data: bytes, source: str) -> tuple[Any, str | None]:
    """The feed root and the fatal error that cut it short, if any."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=True,
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise MalformedInput(source, f"feed that is not XML ({exc}); give RSS or Atom") from None
    fatal = _fatal_error(parser)
    if root is None and fatal:
        raise MalformedInput(source, f"feed that cannot be read ({fatal}); give RSS or Atom")
    if root is None or _local(root.tag) not in FEED_ROOTS:
        raise MalformedInput(
            source, "XML that is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)"
        )
    return root, fatal


def read_feed(data: bytes, *, source: str) -> Iterator[Article | InputError]:
    """One Article per feed item (not yet cleaned), or an InputError for an item without text."""
    root, fatal = _parse(data, source)
    feed_title = None
    items = []
    for el in root.iter():
        name = _local(el.tag)
        if name in ("item", "entry"):
            items.append(el)
        elif name == "title" and feed_title is None and _local(el.getparent().tag) in FEED_ROOTS:
            feed_title = "".join(el.itertext()).strip() or None
    if fatal:
        # Reported first, so that a reader stopping at the first error still sees it.
        yield MalformedInput(
            source,
            f"feed XML broken at {fatal}: the {len(items)} item(s) before it were read, "
            "anything after it is lost; fix or split the feed",
        )
    if not items:
        if not fatal:
            yield MalformedInput(source, "feed with no <item> or <entry>; nothing to read")
        return
    for n, item in enumerate(items, start=1):
        link = _link(item)
        guid = _child_text(item, "guid", "id")
        article_id = guid or link or f"{source}#{n}"
        body = _child_text(item, "encoded", "content", "description", "summary")
        try:
            text = html_to_text(body, article_id) if body else ""
        except InputError as exc:
            yield exc
            continue
        if sum(c.isalpha() for c in text[:2000]) < settings.MIN_ARTICLE_LETTERS:
            yield MalformedInput(
                source, f"feed item {n} ({article_id}) has no text in its content or description"
            )
            continue
        warnings: list[str] = []
        raw_date = _child_text(item, "pubDate", "published", "date", "issued", "updated")
        published = metadata_date(raw_date, f"feed item {n} date", warnings)
        yield Article(
            article_id=article_id,
            text=text,
            title=_child_text(item, "title"),
            url=link,
            outlet=feed_title,
            published=published,
            published_source="metadata" if published is not None else None,
            raw_text=text,
            input_format="feed",
            warnings=tuple(warnings),
        )
