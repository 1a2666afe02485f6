"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item.

The XML parser never fetches a DTD, never resolves entities and never uses
the network: a feed is hostile input like any other.  An item without text
yields a MalformedInput naming the item, and the other items still come out.
"""

from __future__ import annotations

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


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS or Atom root element."""
    start = head.lstrip()[:600]
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


def parse_feed(data: bytes, source: str) -> Any:
    """The parsed feed root; MalformedInput if it is not XML at all."""
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
    if root is None or _local(root.tag) not in FEED_ROOTS:
        raise MalformedInput(
            source, "XML that is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)"
        )
    return root


def read_feed(data: bytes, *, source: str) -> Iterator[Article | InputError]:
    """One Article per feed item (not yet cleaned), or an InputError for an item without text."""
    root = parse_feed(data, source)
    feed_title = None
    items = []
    for el in root.iter():
        name = _local(el.tag)
        if name in ("item", "entry"):
            items.append(el)
        elif name == "title" and feed_title is None and _local(el.getparent().tag) in FEED_ROOTS:
            feed_title = "".join(el.itertext()).strip() or None
    if not items:
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
