"""The clean stage: take scraping debris and the dateline out of an article's text.

``clean_article`` returns a copy of the article whose ``text`` is the body
only: no duplicated title, no app or newsletter promotions, no photo
captions, "Related:" links, bylines or share buttons, no press-release header
and no dateline.  Every dropped line is kept in ``article.dropped`` with its
reason, the dateline's place in ``article.dateline``, and what was read in
``article.raw_text``.  Paragraphs stay blank-line separated; whitespace inside
a line is normalised, quotes are left as written so that evidence reads like
the source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from frontlines import settings
from frontlines.clean.dateline import Dateline, header_date, header_year, parse_dateline
from frontlines.clean.debris import HEADER, TITLE, debris_reason, header_reason
from frontlines.records import Article

__all__ = ["Dateline", "clean_article", "normalise_text", "parse_dateline", "plausible_date"]

ABOVE_DATELINE = "above the dateline"
_SPACE_CLASS = r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
#: Runs of spaces worth replacing: two or more, or any space that is not U+0020.
_SPACES = re.compile(rf"(?: {_SPACE_CLASS}|[^\S \n\r\u2028\u2029\x85]){_SPACE_CLASS}*")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_KEY = re.compile(r"[\W_]+")
_HEADLINE_END = re.compile(r"[.,;:]$")
#: Leading body lines checked for a repeat of the title.
_TITLE_REPEAT_LINES = 3
_HEADLINE_MAX_WORDS = 20
#: A page's own date in a header field opening its text ("date 2021-05-11 KABUL, ..."):
#: what a scraper or archive wrote above the article, never the article's words.
_PAGE_DATE = re.compile(
    r"^\s*(?:date|published|posted|dated)\s*:?\s*(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?[ \t]*(?:\n|(?=\S))",
    re.IGNORECASE,
)
PAGE_DATE = "page date header"
#: Site navigation above the headline: one or two words, no sentence ("World", "Epaper").
_NAV_LINE = re.compile(r"^[\w&'’.\-]+(?:\s[\w&'’\-]+)?$|^\W+$")
NAVIGATION = "site navigation"


_INNER_DATELINE = re.compile(
    r"(?:[A-Z][A-Za-z'’\-]+(?:[ /][A-Z][A-Za-z'’\-]+){0,2})(?:,\s*[A-Z][a-z]+)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?,?\s*"
    r"(?:\((?:AP|AFP|Reuters|Xinhua|dpa|DPA|IANS|PTI|ANI|TASS|Sputnik|Anadolu|UNI|KP|GNA|ATN)"
    r"(?:\s*/\s*[A-Za-z]{2,10})*\)\s*(?:--|[-–—―:])\s*"
    # "MOSCOW, August 26. /TASS/."
    r"|\.?\s*/(?:TASS|RIA|Interfax|Sputnik|IRNA|APP)/\.?\s+)"
)


def normalise_text(text: str) -> str:
    """One space between words, one ``\\n`` between lines, one blank line between paragraphs."""
    text = text.replace("\r\n", "\n")
    for brk in ("\r", "\u2028", "\u2029", "\x85"):
        if brk in text:
            text = text.replace(brk, "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    out: list[str] = []
    blank = True
    for line in text.split("\n"):
        line = line.strip()
        if line:
            out.append(line)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def plausible_date(value: dt.date) -> bool:
    """A publication date that can be true: not before 1900, not past next year."""
    latest = dt.date.today() + dt.timedelta(days=settings.FUTURE_HORIZON_DAYS)
    return value.year >= settings.MIN_PUBLISHED_YEAR and value <= latest


def _key(line: str) -> str:
    return _KEY.sub(" ", line.casefold()).strip()


def _headline_like(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= _HEADLINE_MAX_WORDS
        and len(line) <= settings.HEADER_MAX_LINE_CHARS
        and not _HEADLINE_END.search(line)
        and any(c.isalpha() for c in line)
        and debris_reason(line) is None
        and header_reason(line) is None
    )


class _Cleaner:
    """The state of one cleaning pass over a list of normalised lines."""

    def __init__(self, lines: list[str], title: str | None) -> None:
        self.lines = lines
        self.title = title
        self.dropped: list[tuple[str, str]] = []
        self.keep = [True] * len(lines)

    def drop(self, i: int, reason: str) -> None:
        self.keep[i] = False
        self.dropped.append((self.lines[i], reason))

    def is_title(self, line: str) -> bool:
        return self.title is not None and _key(line) == _key(self.title) and bool(_key(line))

    def drop_header(self, indexes: list[int], fallback: str) -> None:
        """Drop lines above the body; the first headline-like one becomes the title if unknown."""
        for i in indexes:
            line = self.lines[i]
            if self.is_title(line):
                self.drop(i, TITLE)
                continue
            reason = header_reason(line) or debris_reason(line)
            if reason is None and self.title is None and _headline_like(line):
                self.title = line
                reason = TITLE
            self.drop(i, reason or fallback)

    def leading_header(self, first: int) -> list[int]:
        """Lines opening a press release up to its last header line ("For Immediate Release")."""
        header_end = -1
        seen = 0
        for i in range(first, len(self.lines)):
            line = self.lines[i]
            if not line:
                continue
            seen += 1
            if seen > settings.DATELINE_MAX_LINE or len(line) > settings.HEADER_MAX_LINE_CHARS:
                break
            if header_reason(line):
                header_end = i
            elif not _headline_like(line) and debris_reason(line) is None:
                break
        return [i for i in range(first, header_end + 1) if self.lines[i]]

    def body(self, first: int, *, headline: bool) -> None:
        """Drop title repeats at the top of the body and debris lines anywhere in it.

        With ``headline``, an unknown title may be read from a headline-like first paragraph;
        not below a dateline or a press-release header, where the headline was above.
        """
        nonempty = [i for i in range(first, len(self.lines)) if self.lines[i] and self.keep[i]]
        if headline:
            # Site navigation or debris above the headline ("World", "City", "Epaper",
            # a timestamp): the headline is the first line after it.
            while len(nonempty) > 2 and (
                _NAV_LINE.match(self.lines[nonempty[0]])
                or debris_reason(self.lines[nonempty[0]]) is not None
            ):
                i = nonempty.pop(0)
                self.drop(i, debris_reason(self.lines[i]) or NAVIGATION)
        top = nonempty[:_TITLE_REPEAT_LINES]
        for i in top:
            if self.is_title(self.lines[i]):
                self.drop(i, TITLE)
        top = [i for i in top if self.keep[i]]
        if self.title is None and len(top) >= 2:
            a, b = top[0], top[1]
            if _key(self.lines[a]) == _key(self.lines[b]) and _headline_like(self.lines[a]):
                self.title = self.lines[a]
                self.drop(a, TITLE)
                self.drop(b, TITLE)
        if headline and self.title is None and top and self.keep[top[0]]:
            i = top[0]
            # A short first paragraph without a full stop, followed by more text, is a headline.
            followed = len(top) >= 2 and (
                (i + 1 < len(self.lines) and not self.lines[i + 1])
                or debris_reason(self.lines[top[1]]) is not None
            )
            if followed and _headline_like(self.lines[i]):
                self.title = self.lines[i]
                self.drop(i, TITLE)
        for i in nonempty:
            if self.keep[i]:
                reason = debris_reason(self.lines[i])
                if reason is not None:
                    self.drop(i, reason)
                else:
                    self.strip_inner_dateline(i)

    def strip_inner_dateline(self, i: int) -> None:
        """ "Kabul (AP) - The Taliban ...": a dateline opening a paragraph below a teaser
        names the desk, not an event place.  Only with an agency in brackets."""
        m = _INNER_DATELINE.match(self.lines[i])
        if m is not None and m.end() < len(self.lines[i]):
            self.dropped.append((m.group().strip(), "dateline inside the text"))
            self.lines[i] = self.lines[i][m.end() :]

    def text(self) -> str:
        out: list[str] = []
        for line, keep in zip(self.lines, self.keep, strict=True):
            # Lines are normalised already; only blank runs left by dropped lines need folding.
            if keep and (line or (out and out[-1])):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return "\n".join(out)


def clean_article(article: Article) -> Article:
    """The article with debris and dateline removed from ``text`` (see the module doc)."""
    raw = article.raw_text if article.raw_text is not None else article.text
    normalised = normalise_text(article.text)
    page_date: dt.date | None = None
    dropped_head: list[tuple[str, str]] = []
    pm = _PAGE_DATE.match(normalised)
    if pm is not None:
        try:
            page_date = dt.date(int(pm["y"]), int(pm["m"]), int(pm["d"]))
        except ValueError:
            page_date = None
        dropped_head.append((pm.group().strip(), PAGE_DATE))
        normalised = normalised[pm.end() :]
    dateline = parse_dateline(normalised)
    warnings = list(article.warnings)
    header_text = ""
    if dateline is not None:
        line_start = normalised.rfind("\n", 0, dateline.start) + 1
        head_lines = normalised[:line_start].split("\n") if line_start else []
        rest = normalised[dateline.end :].lstrip()
        lines = head_lines + rest.split("\n")
        cleaner = _Cleaner(lines, article.title)
        cleaner.drop_header([i for i in range(len(head_lines)) if lines[i]], ABOVE_DATELINE)
        header_text = normalised[: dateline.end]
        cleaner.body(len(head_lines), headline=False)
    else:
        lines = normalised.split("\n")
        cleaner = _Cleaner(lines, article.title)
        header = cleaner.leading_header(0)
        cleaner.drop_header(header, HEADER)
        header_text = "\n".join(lines[i] for i in header)
        cleaner.body(header[-1] + 1 if header else 0, headline=not header)

    published = article.published
    source = article.published_source
    if published is None and page_date is not None and plausible_date(page_date):
        published, source = page_date, "metadata"
    if published is None:
        found, how = _date_from_header(dateline, header_text)
        if found is not None and plausible_date(found):
            published, source = found, "dateline"
        elif found is not None:
            warnings.append(f"ignored the {how} date {found.isoformat()}: not a plausible date")
    year_hint = article.year_hint
    if published is None and year_hint is None and header_text:
        year_hint = header_year(header_text)
    return dataclasses.replace(
        article,
        text=cleaner.text(),
        raw_text=raw,
        title=cleaner.title,
        dateline=dateline.place if dateline is not None else article.dateline,
        dropped=article.dropped + tuple(dropped_head) + tuple(cleaner.dropped),
        published=published,
        published_source=source,
        warnings=tuple(warnings),
        year_hint=year_hint,
        dateline_month_day=(
            dateline.month_day
            if published is None and dateline is not None
            else article.dateline_month_day
        ),
    )


def _date_from_header(dateline: Dateline | None, header: str) -> tuple[dt.date | None, str]:
    if dateline is not None and dateline.date is not None:
        return dateline.date, "dateline"
    if header:
        return header_date(header), "header"
    return None, ""
