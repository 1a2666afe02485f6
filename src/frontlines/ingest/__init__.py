"""The ingest stage: any input (files, directories, stdin, strings) to cleaned Articles.

``read_inputs`` never raises for a bad input: it yields an ``InputError``
naming the input and the reason, and goes on with the batch.  ``read_text``
and ``read_bytes`` serve library users and the API and raise instead.

Formats are chosen by extension, then by sniffing the first bytes:
``.txt .text .md`` plain text, ``.html .htm`` (or markup) HTML, ``.jsonl
.ndjson`` JSON Lines, ``.json`` one JSON record or a list, ``.xml .rss
.atom`` (or an ``<rss>``/``<feed>`` root) a feed with one article per item.

Publication date precedence: the ``published`` argument (``published_source``
"cli") > the article's metadata ("metadata") > a dated dateline ("dateline",
filled in by ``clean``).  Never today's date.  Readers for HTML and feeds
import lxml and trafilatura only when such an input arrives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import BinaryIO

from frontlines import settings
from frontlines.budget import time_budget
from frontlines.clean import clean_article
from frontlines.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
)
from frontlines.ingest.decode import WIDE_BOMS, binary_kind, decode_bytes, utf16_without_bom
from frontlines.ingest.jsonl import read_json_document, read_jsonl_lines, wide_lines
from frontlines.records import Article

__all__ = ["FORMATS", "detect_format", "read_bytes", "read_inputs", "read_text"]

#: Input formats, as named in ``Article.input_format`` (plus "json" for .json files).
FORMATS = ("text", "html", "jsonl", "json", "feed")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_LETTER = re.compile(r"[^\W\d_]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def detect_format(name: str, head: bytes) -> str:
    """The format of an input called ``name`` whose first bytes are ``head``."""
    from frontlines.ingest.feed import looks_like_feed
    from frontlines.ingest.html import looks_like_html

    ext = os.path.splitext(name)[1].lower()
    fmt = _EXTENSIONS.get(ext)
    start = head[:4096].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if fmt == "text":
        # A page saved as .txt is still a page.
        return "html" if looks_like_html(start) and "<" in start[:1] else "text"
    if fmt is not None:
        return fmt
    if start.startswith("<"):
        if looks_like_feed(start):
            return "feed"
        return "html"
    if start.startswith("{"):
        return "jsonl"
    if start.startswith("["):
        return "json"
    return "text"


def _has_letters(text: str, wanted: int) -> bool:
    """Whether ``text`` holds at least ``wanted`` letters (stops counting there)."""
    for n, _ in enumerate(_LETTER.finditer(text), start=1):
        if n >= wanted:
            return True
    return wanted <= 0


def _finish(article: Article, published: dt.date | None) -> Article:
    """Apply the caller's date, clean, and refuse what has no text left."""
    if _SURROGATE.search(article.text):
        article = dataclasses.replace(
            article,
            text=_SURROGATE.sub("\ufffd", article.text),
            raw_text=_SURROGATE.sub("\ufffd", article.raw_text or article.text),
            warnings=(*article.warnings, "replaced unpaired surrogate characters with U+FFFD"),
        )
    if article.title is not None and _SURROGATE.search(article.title):
        article = dataclasses.replace(article, title=_SURROGATE.sub("\ufffd", article.title))
    if published is not None:
        article = dataclasses.replace(article, published=published, published_source="cli")
    if not article.text.strip():
        raise EmptyInput(article.article_id, "the article text is empty; give it article text")
    with time_budget(article.article_id, "cleaning"):
        cleaned = clean_article(article)
    if not _has_letters(cleaned.text, settings.MIN_ARTICLE_LETTERS):
        what = f" after removing {len(cleaned.dropped)} debris lines" if cleaned.dropped else ""
        raise EmptyInput(
            article.article_id,
            f"fewer than {settings.MIN_ARTICLE_LETTERS} letters of article text{what}; "
            "give it the article's text",
        )
    return cleaned


def _guard(
    items: Iterable[Article | InputError], published: dt.date | None
) -> Iterator[Article | InputError]:
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield _finish(item, published)
        except InputError as exc:
            yield exc


def _raw_articles(data: bytes, source: str, fmt: str) -> Iterator[Article | InputError]:
    """Uncleaned Articles (or errors) from the bytes of one input."""
    if fmt == "jsonl":
        wide = wide_lines(data, source)
        if wide is not None:
            yield from read_jsonl_lines(wide, source=source)
            return
        kind = binary_kind(data)
        if kind is not None or b"\x00" in data[: settings.SNIFF_BYTES]:
            raise BinaryInput(source, f"received {kind or 'binary data'}, not JSON Lines")
        yield from read_jsonl_lines(data.splitlines(), source=source)
        return
    if fmt == "json":
        yield from read_json_document(data, source=source)
        return
    decoded = decode_bytes(data, source)
    warnings = list(decoded.warnings)
    if fmt == "feed":
        from frontlines.ingest.feed import read_feed

        for item in read_feed(data, source=source):
            if isinstance(item, Article) and warnings:
                item = dataclasses.replace(item, warnings=(*warnings, *item.warnings))
            yield item
        return
    if fmt == "html":
        from frontlines.ingest.html import read_html

        yield read_html(decoded.text, source=source, warnings=warnings)
        return
    yield Article(
        article_id=source,
        text=decoded.text,
        raw_text=decoded.text,
        input_format="text",
        warnings=tuple(warnings),
    )


def _iter_bytes(
    data: bytes, *, source: str, published: dt.date | None, fmt: str | None
) -> Iterator[Article | InputError]:
    fmt = fmt or detect_format(source, data[: settings.SNIFF_BYTES])
    if fmt not in FORMATS:
        yield MalformedInput(source, f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return
    limit = settings.MAX_JSONL_BYTES if fmt == "jsonl" else settings.MAX_INPUT_BYTES
    if len(data) > limit:
        yield InputTooLarge(source, f"{len(data)} bytes; at most {limit} bytes: split the input")
        return
    try:
        yield from _guard(_raw_articles(data, source, fmt), published)
    except InputError as exc:
        yield exc


def read_bytes(
    data: bytes, *, source: str, published: dt.date | None = None, fmt: str | None = None
) -> list[Article]:
    """Every article in ``data`` (cleaned); raises the first InputError met.

    ``source`` names the input (its extension helps pick the format) and is the
    article id for single-article formats.  ``fmt`` forces a format (see FORMATS).
    """
    articles: list[Article] = []
    for item in _iter_bytes(data, source=source, published=published, fmt=fmt):
        if isinstance(item, InputError):
            raise item
        articles.append(item)
    return articles


def read_text(
    text: str,
    *,
    article_id: str,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    """One cleaned article from a string; raises InputTooLarge, BinaryInput or EmptyInput."""
    if len(text) > settings.MAX_INPUT_BYTES or (
        len(text) * 4 > settings.MAX_INPUT_BYTES
        and len(text.encode("utf-8", "surrogatepass")) > settings.MAX_INPUT_BYTES
    ):
        raise InputTooLarge(
            article_id, f"text longer than {settings.MAX_INPUT_BYTES} bytes: split the input"
        )
    if not text.strip():
        raise EmptyInput(article_id, "the text is empty or only whitespace; give it article text")
    controls = len(_CONTROL.findall(text))
    if controls > settings.MAX_CONTROL_CHAR_RATIO * len(text):
        raise BinaryInput(
            article_id, f"{controls} of {len(text)} characters are control characters, not text"
        )
    article = Article(
        article_id=article_id,
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        raw_text=text,
        input_format="text",
    )
    return _finish(article, published)


def _walk(directory: str, unreadable: list[OSError] | None = None) -> list[str]:
    """Files under ``directory``, sorted, recursively, skipping hidden files and folders.

    Sub-directories that cannot be listed are appended to ``unreadable`` (when given)
    rather than silently left out.
    """
    found: list[str] = []
    onerror = unreadable.append if unreadable is not None else None
    for root, dirs, files in os.walk(directory, onerror=onerror, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return found


def _limited_lines(f: BinaryIO) -> Iterator[bytes]:
    """Lines of a stream; a line longer than MAX_INPUT_BYTES comes out truncated to
    MAX_INPUT_BYTES + 1 bytes (so that it is refused) and the rest of it is skipped."""
    limit = settings.MAX_INPUT_BYTES + 1
    while True:
        line = f.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(b"\n"):
            while True:
                rest = f.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _read_file(
    path: str, st: os.stat_result, published: dt.date | None
) -> Iterator[Article | InputError]:
    regular = stat.S_ISREG(st.st_mode)
    try:
        with open(path, "rb") as f:
            head = f.read(settings.SNIFF_BYTES)
            fmt = detect_format(path, head)
            limit = settings.MAX_JSONL_BYTES if fmt == "jsonl" else settings.MAX_INPUT_BYTES
            if regular and st.st_size > limit:
                yield InputTooLarge(
                    path, f"{st.st_size} bytes; at most {limit} bytes per input: split it"
                )
                return
            if fmt == "jsonl":
                if head.startswith(WIDE_BOMS) or utf16_without_bom(head) is not None:
                    # UTF-16/32 lines cannot be split on b"\n": decode it whole.
                    data = head + f.read(limit + 1 - len(head))
                    yield from _iter_bytes(data, source=path, published=published, fmt=fmt)
                    return
                kind = binary_kind(head)
                if kind is not None or b"\x00" in head:
                    yield BinaryInput(path, f"received {kind or 'binary data'}, not JSON Lines")
                    return
                if regular:
                    f.seek(0)
                    lines: Iterable[bytes] = _limited_lines(f)
                else:
                    lines = (head + f.read(limit)).splitlines()
                yield from _guard(read_jsonl_lines(lines, source=path), published)
                return
            data = head + f.read(limit + 1 - len(head))
    except OSError as exc:
        yield InputNotFound(path, f"cannot be read ({exc.strerror or exc}); check the path")
        return
    yield from _iter_bytes(data, source=path, published=published, fmt=fmt)


def _read_path(path: str, published: dt.date | None) -> Iterator[Article | InputError]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        yield InputNotFound(path, "no such file or directory; check the path")
        return
    except OSError as exc:
        yield InputNotFound(path, f"cannot be opened ({exc.strerror or exc}); check the path")
        return
    if stat.S_ISDIR(st.st_mode):
        unreadable: list[OSError] = []
        files = _walk(path, unreadable)
        for error in unreadable:
            where = error.filename or path
            yield InputNotFound(
                where, f"cannot be listed ({error.strerror or error}); check its permissions"
            )
        if not files and not unreadable:
            yield EmptyInput(path, "the directory holds no (non-hidden) files")
        for file in files:
            try:
                file_st = os.stat(file)
            except OSError as exc:
                yield InputNotFound(file, f"cannot be opened ({exc.strerror or exc})")
                continue
            if not stat.S_ISREG(file_st.st_mode):
                # Opening a named pipe would wait for a writer forever and stall the batch.
                kind = _file_kind(file_st.st_mode)
                yield InputNotFound(file, f"{kind}, not a regular file: it is not read")
                continue
            yield from _read_file(file, file_st, published)
        return
    yield from _read_file(path, st, published)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def estimate_inputs(paths: Sequence[str]) -> int | None:
    """About how many articles ``paths`` hold, for a progress bar: one per file, one
    per line of a JSON Lines file.  None when it cannot be known (stdin)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        files = _walk(path) if os.path.isdir(path) else [path]
        for file in files:
            if file.lower().endswith((".jsonl", ".ndjson")):
                total += _count_lines(file)
            else:
                total += 1
    return total


def _count_lines(path: str) -> int:
    """Non-empty-ending lines of a file, read in blocks (no decoding, no parsing)."""
    lines = 0
    last = b"\n"
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return 1  # a named pipe: opening it could wait forever
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 1
    return lines + (0 if last == b"\n" else 1)


def read_inputs(
    paths: Sequence[str],
    *,
    published: dt.date | None = None,
    on_warning: Callable[[str, str], None] | None = None,
) -> Iterator[Article | InputError]:
    """Cleaned Articles from files, directories and ``-`` (stdin), or an InputError per failure.

    ``on_warning(article_id, warning)`` hears every fallback and ignored field (a
    decoding fallback, a date that is not one, a field not read), so that the CLI
    prints them: none is silent.
    """
    for path in paths:
        items = _read_stdin(published) if path == "-" else _read_path(path, published)
        for item in items:
            if on_warning is not None and isinstance(item, Article):
                for warning in item.warnings:
                    on_warning(item.article_id, warning)
            yield item


class _Rejoined:
    """A stream whose first bytes were already read (to sniff the format) and are put back."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        line = self._head.readline(limit)
        if line.endswith(b"\n") or (limit >= 0 and len(line) >= limit):
            return line
        return line + self._stream.readline(-1 if limit < 0 else limit - len(line))


def _read_stdin(published: dt.date | None) -> Iterator[Article | InputError]:
    """Standard input, held to the same limits as a file and refused as clearly.

    JSON Lines are streamed line by line like a file (each line at most
    MAX_INPUT_BYTES, the whole at most MAX_JSONL_BYTES); anything else is one
    article of at most MAX_INPUT_BYTES.  Nothing is cut short silently.
    """
    stream = sys.stdin.buffer
    head = stream.read(settings.SNIFF_BYTES)
    fmt = detect_format("-", head)
    if fmt == "jsonl" and not head.startswith(WIDE_BOMS) and utf16_without_bom(head) is None:
        kind = binary_kind(head)
        if kind is not None or b"\x00" in head:
            yield BinaryInput("-", f"received {kind or 'binary data'}, not JSON Lines")
            return
        total = 0
        n = 0

        def lines() -> Iterator[bytes]:
            nonlocal total, n
            for line in _limited_lines(_Rejoined(head, stream)):  # type: ignore[arg-type]
                total += len(line)
                if total > settings.MAX_JSONL_BYTES:
                    return
                n += 1
                yield line

        yield from _guard(read_jsonl_lines(lines(), source="-"), published)
        if total > settings.MAX_JSONL_BYTES:
            yield InputTooLarge(
                "-",
                f"standard input is over {settings.MAX_JSONL_BYTES} bytes of JSON Lines: "
                f"the first {n} lines were read, the rest was not; split the input",
            )
        return
    limit = settings.MAX_JSONL_BYTES if fmt == "jsonl" else settings.MAX_INPUT_BYTES
    data = head + stream.read(limit + 1 - len(head))
    if len(data) > limit:
        yield InputTooLarge(
            "-",
            f"standard input is over {limit} bytes, the limit for one {fmt} article; "
            "split it, or send JSON Lines (one article per line)",
        )
        return
    yield from _iter_bytes(data, source="-", published=published, fmt=None)
