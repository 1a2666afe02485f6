"""JSON Lines: one article per line, ``{"id": ..., "text": ...}``.

``id`` and ``text`` are required strings (an integer id is accepted and
turned into a string); ``published``, ``title``, ``url`` and ``outlet`` are
optional.  A line that is not JSON, or a record without a usable ``text``,
yields a MalformedInput naming the line, and the other lines still come out.
A ``published`` value that is not a plausible date is ignored with a warning
on the article (not an error): the text is still worth reading, and its
dateline may date it.  A ``.json`` file holding one object or a list of
objects is read the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from frontlines import settings
from frontlines.errors import InputError, InputTooLarge, MalformedInput
from frontlines.ingest.decode import WIDE_BOMS, decode_bytes, utf16_without_bom
from frontlines.ingest.published import metadata_date
from frontlines.records import Article

FIELDS = ("id", "text", "published", "title", "url", "outlet")


def record_to_article(
    record: object, *, source: str, where: str, warnings_in: tuple[str, ...] = ()
) -> Article:
    """An Article from one decoded JSON record; MalformedInput says what is missing."""
    if not isinstance(record, dict):
        raise MalformedInput(
            source,
            f"{where}: expected a JSON object with 'id' and 'text', "
            f"received {type(record).__name__}",
        )
    text = record.get("text")
    if not isinstance(text, str):
        got = "no 'text'" if text is None else f"'text' of type {type(text).__name__}"
        raise MalformedInput(source, f"{where}: record has {got}; 'text' must be a string")
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or str(raw_id).strip() == "":
        raise MalformedInput(
            source, f"{where}: record needs an 'id' string (received {raw_id!r:.40})"
        )
    warnings: list[str] = []
    ignored = sorted(str(k) for k in record if k not in FIELDS)
    if ignored:
        shown = ", ".join(repr(k[:40]) for k in ignored[:5]) + (" ..." if len(ignored) > 5 else "")
        warnings.append(f"ignored field(s) {shown} ({where}): Frontlines reads {', '.join(FIELDS)}")
    published = metadata_date(record.get("published"), f"'published' ({where})", warnings)
    optional: dict[str, str | None] = {}
    for name in ("title", "url", "outlet"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            warnings.append(f"ignored '{name}' ({where}): expected a string")
            value = None
        optional[name] = value
    return Article(
        article_id=str(raw_id),
        text=text,
        title=optional["title"],
        url=optional["url"],
        outlet=optional["outlet"],
        published=published,
        published_source="metadata" if published is not None else None,
        raw_text=text,
        input_format="jsonl",
        warnings=(*warnings_in, *warnings),
    )


def _loads(line: bytes, source: str, where: str, warnings: list[str] | None = None) -> Any:
    if len(line) > settings.MAX_INPUT_BYTES:
        raise InputTooLarge(
            source,
            f"{where} is {len(line)} bytes; at most {settings.MAX_INPUT_BYTES} bytes per article",
        )
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(line, source)
        text = decoded.text
        if warnings is not None:
            warnings.extend(f"{where}: {w}" for w in decoded.warnings)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            source, f"{where} is not JSON ({exc.msg} at column {exc.colno}); one object per line"
        ) from None
    except RecursionError:
        raise MalformedInput(source, f"{where} nests JSON too deeply to read") from None


def read_jsonl_lines(lines: Iterable[bytes], *, source: str) -> Iterator[Article | InputError]:
    """One Article (not yet cleaned) or InputError per non-blank line."""
    found = False
    for n, line in enumerate(lines, start=1):
        if n == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        found = True
        where = f"line {n}"
        try:
            notes: list[str] = []
            record = _loads(line, source, where, notes)
            yield record_to_article(record, source=source, where=where, warnings_in=tuple(notes))
        except InputError as exc:
            yield exc
    if not found:
        yield MalformedInput(source, "JSON Lines input with no records; one JSON object per line")


def wide_lines(data: bytes, source: str) -> list[bytes] | None:
    """The lines of JSON Lines in UTF-16 or UTF-32 (with a byte-order mark, or UTF-16
    without one), re-encoded as UTF-8; None for bytes in a one-byte encoding."""
    if not data.startswith(WIDE_BOMS) and utf16_without_bom(data[:4096]) is None:
        return None
    return decode_bytes(data, source).text.encode("utf-8", "surrogatepass").splitlines()


def read_json_document(data: bytes, *, source: str) -> Iterator[Article | InputError]:
    """A ``.json`` file: one record, or a list of records."""
    document = _loads(data, source, "the document")
    records = document if isinstance(document, list) else [document]
    for n, record in enumerate(records, start=1):
        where = f"record {n}" if isinstance(document, list) else "the document"
        try:
            yield record_to_article(record, source=source, where=where)
        except InputError as exc:
            yield exc
