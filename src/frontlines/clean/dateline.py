"""Datelines: where the reporter filed from, and sometimes when.

A dateline ("KABUL, Afghanistan (Jan. 25, 2013) -", "Kabul, June 21 (AP) -",
"ISLAMABAD/KABUL -") opens the body of wire copy and press releases.  It names
the reporter's desk, never the place of an event, so ``clean`` moves it out of
the text into ``Article.dateline``.  Its date, when complete, is the
publication date of last resort.

Press releases put header lines before it (a headline, a release number such
as "2013-01-S-025", "For Immediate Release"); a dateline is therefore looked
for in the first few lines, as long as every line before it is short header
material and not body text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from frontlines import settings
from frontlines.lexicon import MONTHS as MONTHS  # re-exported: ingest.published reads it
from frontlines.lexicon import month_number, month_pattern

_MONTH = month_pattern(title=True)


def _date_re(tag: str) -> str:
    # "Jan. 25, 2013", "Sept. 1", "May 16,2011", "Nov. 1. 2011" (a typo seen in releases).
    return (
        rf"(?P<month{tag}>{_MONTH})\.?\s*(?P<day{tag}>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:\s*[,.]?\s*(?P<year{tag}>(?:19|20)\d\d))?"
    )


#: An upper-case place: "KABUL", "MAZAR-I-SHARIF", "LASHKAR GAH", "ISLAMABAD/KABUL".
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z]"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,3}}"
#: A title-case place: "Kabul", "Mazar-i-Sharif", "Lashkar Gah".
_TITLE_WORD = r"[A-Z][a-z'’]+(?:-[a-zA-Z'’]+)*"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:[ /]{_TITLE_WORD}){{0,2}}"

_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})"
    rf"(?P<country>,\s*(?!{_MONTH}\.?\s*\d)[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
    rf"(?:,\s*{_date_re('a')})?"
    rf"(?:\s*\(\s*{_date_re('b')}\s*\))?"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z.&' \-]{0,30})\))?"
    r"(?P<sep>\s*(?:--|[-–—―:])\s*|\s*$)"
)

#: Upper-case words that open a line like a dateline but are labels.
_NOT_PLACES = frozenset(
    {
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "BREAKING NEWS",
        "EXCLUSIVE",
        "ANALYSIS",
        "WATCH",
        "RELATED",
        "NEWS RELEASE",
        "PRESS RELEASE",
        "PHOTOS",
        "VIDEO",
        "OPINION",
        "FACTBOX",
        "EXPLAINER",
        "CORRECTION",
        "FILE",
        "NOTE",
        "EDITOR'S NOTE",
        "LIVE",
        "READ MORE",
    }
)

#: A release number: "2013-01-S-025", "2010-09-CA-005", "2009-12-CA–080".
RELEASE_NUMBER = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-[A-Z]{1,4}\s*[-–]\s*\d+")
_FULL_DATE = re.compile(_date_re(""))
#: A headline that opens with a date: "Dec. 24: Militants Detained in Helmand".
_TITLE_DATE = re.compile(rf"^\s*(?P<month>{_MONTH})\.?\s*(?P<day>\d{{1,2}})\s*:")
_LINE = re.compile(r"[^\n\r\u2028\u2029]*")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the top of a text.

    ``start``/``end`` are offsets in the text given to ``parse_dateline``:
    ``text[start:end]`` is the dateline with its trailing dash, and the body
    begins at ``end``.  ``date`` is None unless day, month and year are known
    (the year may come from the header: a release number or a full date).
    """

    place: str
    date: dt.date | None
    start: int
    end: int
    text: str
    agency: str | None = None
    #: "dateline" if the year was written in the dateline, "header" if it was
    #: taken from a release number or a full date above it, None without a date.
    year_from: str | None = None
    #: (month, day) the dateline names, with or without a year ("KABUL, July 14").
    month_day: tuple[int, int] | None = None


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def header_year(header: str, month: int | None = None) -> int | None:
    """The year that a header (text above or around a dateline) states.

    A full date ("April 15, 2011") wins over a release number ("2011-04-S-044").
    With a release number and a dateline ``month``, a December dateline in a
    January release belongs to the year before.
    """
    for m in _FULL_DATE.finditer(header):
        if m.group("year"):
            return int(m.group("year"))
    rel = RELEASE_NUMBER.search(header)
    if rel is None:
        return None
    year = int(rel.group("year"))
    rel_month = int(rel.group("month"))
    if month is not None and month - rel_month > 6:
        year -= 1
    elif month is not None and rel_month - month > 6:
        year += 1
    return year


def header_date(header: str) -> dt.date | None:
    """A publication date stated in a press-release header without a dated dateline.

    Either a full date ("ISAF Joint Command Morning Operational Update April 15,
    2011") or a headline that opens with a day ("Dec. 24: ...") plus the year of
    a release number ("2009-12-CA-080").
    """
    for m in _FULL_DATE.finditer(header):
        if m.group("year"):
            found = _make_date(int(m.group("year")), month_number(m.group("month")), int(m["day"]))
            if found is not None:
                return found
    for line in header.splitlines():
        tm = _TITLE_DATE.match(line)
        if tm is None:
            continue
        month = month_number(tm.group("month"))
        year = header_year(header, month)
        if year is not None:
            return _make_date(year, month, int(tm.group("day")))
    return None


def _is_header_line(line: str) -> bool:
    """Short header material (headline, release number), not a body sentence."""
    if len(line) > settings.HEADER_MAX_LINE_CHARS:
        return False
    return not (_SENTENCE_END.search(line) and len(line.split()) >= 12)


def _match_line(line: str) -> re.Match[str] | None:
    m = _DATELINE.match(line)
    if m is None:
        return None
    place = m.group("place")
    caps = place.isupper()
    has_date = bool(m.group("montha") or m.group("monthb"))
    has_agency = m.group("agency") is not None
    has_country = m.group("country") is not None
    sep = m.group("sep")
    at_end = m.end() == len(line)
    if caps and place in _NOT_PLACES:
        return None
    if has_agency and not (caps or has_date):
        # "Officials (AP) -" is not a dateline; "Kabul (AP) -" is too ambiguous to take.
        return None
    if not caps and not (has_date or has_agency or has_country):
        return None
    if at_end and not sep.strip():
        # A line holding only a dateline: press releases put the body on the next line.
        return m if has_date else None
    if not sep.strip():
        return None
    if at_end:
        # "KABUL —" alone on its line: the body follows on the next line.
        return m if (caps or has_date) else None
    glued = not sep[0].isspace() and sep.strip() != ":" and not line[: m.start("sep")].endswith(")")
    if glued:
        # "RC- EAST" and "Leader, Suicide-Bomb" are words, not a place filing: a dateline's
        # dash stands apart (" —") or follows its closing bracket ("(AP)—").
        return None
    return m


def parse_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text`` (after any press-release header lines), or None.

    Only the first ``settings.DATELINE_MAX_LINE`` non-empty lines are searched and
    each line before the dateline must be short header material, so that a
    place name opening a body paragraph is never taken for a dateline.
    """
    seen = 0
    for lm in _LINE.finditer(text):
        raw = lm.group()
        stripped = raw.strip()
        if not stripped:
            continue
        seen += 1
        if seen > settings.DATELINE_MAX_LINE:
            return None
        indent = len(raw) - len(raw.lstrip())
        m = _match_line(stripped)
        if m is not None:
            start = lm.start() + indent
            if not any(ch.isalpha() for ch in text[start + m.end() :]):
                return None  # "AA:" closing a text files no body: it is no dateline
            return _build(text, m, start)
        if not _is_header_line(stripped):
            return None
    return None


def _build(text: str, m: re.Match[str], start: int) -> Dateline:
    place = m.group("place") + (m.group("country") or "")
    place = re.sub(r"\s+", " ", place).strip()
    month_name = m.group("montha") or m.group("monthb")
    day = m.group("daya") or m.group("dayb")
    year_text = m.group("yeara") or m.group("yearb")
    date: dt.date | None = None
    year_from: str | None = None
    month_day: tuple[int, int] | None = None
    if month_name and day:
        month = month_number(month_name)
        if month and _make_date(2000, month, int(day)) is not None:  # 2000: Feb 29 allowed
            month_day = (month, int(day))
        if year_text:
            date = _make_date(int(year_text), month, int(day))
            year_from = "dateline"
        else:
            year = header_year(text[: start + m.end()], month)
            if year is not None:
                date = _make_date(year, month, int(day))
                year_from = "header"
        if date is None:
            year_from = None
    end = start + m.end()
    dateline_text = text[start:end].strip()
    return Dateline(
        place=place,
        date=date,
        start=start,
        end=end,
        text=dateline_text,
        agency=m.group("agency"),
        year_from=year_from,
        month_day=month_day,
    )
