"""Publication dates read from an article's own metadata.

Metadata dates come as ISO 8601 ("2021-06-21", "2021-06-21T08:15:00+04:30"),
RFC 822 in feeds ("Mon, 21 Jun 2021 08:15:00 GMT") or "June 21, 2021".  A
value that is not a date, or not a plausible one (2021-02-30, the year 1066,
the far future), is ignored and a warning says so: the article is still
useful and a dateline may date it.  Nothing here ever uses today's date as a
value.
"""

from __future__ import annotations

import datetime as dt
import re

from frontlines.clean import plausible_date
from frontlines.clean.dateline import MONTHS

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d\d)(\d\d)(?:$|T)")
#: The time after an ISO date: "T08:15", "T08:15:00.123Z", " 08:15:00+04:30".
_ISO_TIME = re.compile(
    r"[T\s]?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?"
    r"\s*(?:Z|UTC|GMT|([+-])(\d{2}):?(\d{2})?)?\s*$",
    re.IGNORECASE,
)
_WRITTEN = re.compile(
    r"^\s*(?:[A-Za-z]+,?\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
)
_WRITTEN_DMY = re.compile(r"^\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})")


def parse_date_value(value: str) -> dt.date | None:
    """The calendar date a metadata string states, or None if it states none."""
    value = value.strip()[:80]
    if not value:
        return None
    parts: tuple[int, int, int] | None = None
    m = _ISO.match(value) or _COMPACT.match(value)
    if m:
        if not _time_ok(value[m.end(3) :]):
            return None  # "2021-06-21T25:99:00+99:00": no such moment, so no such date
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    else:
        written = _WRITTEN.match(value) or _WRITTEN_DMY.match(value)
        month = MONTHS.get(written.group("month")[:3].lower()) if written else None
        if written and month:
            parts = (int(written.group("year")), month, int(written.group("day")))
        else:
            # RFC 822 dates come from feeds only; email.utils costs start-up time.
            from email.utils import parsedate_tz

            try:
                rfc = parsedate_tz(value)
            except (ValueError, IndexError, TypeError, OverflowError):
                rfc = None
            if rfc is not None:
                parts = (rfc[0], rfc[1], rfc[2])
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def _time_ok(rest: str) -> bool:
    """Whether what follows an ISO date is nothing, or a time of day that exists."""
    rest = rest.strip()
    if not rest:
        return True
    m = _ISO_TIME.match(rest)
    if m is None:
        # Something else after the date ("2021-06-21 (updated)"): only a time is checked.
        return not re.match(r"[T\s]?\d{1,2}:", rest)
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    offset_h, offset_m = int(m.group(5) or 0), int(m.group(6) or 0)
    clock = hour < 24 or (hour, minute, second) == (24, 0, 0)
    return clock and minute < 60 and second <= 60 and offset_h <= 14 and offset_m < 60


def metadata_date(value: object, field: str, warnings: list[str]) -> dt.date | None:
    """A plausible publication date from a metadata ``field``, or None with a warning."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        found: dt.date | None = value.date()
    elif isinstance(value, dt.date):
        found = value
    elif isinstance(value, str):
        found = parse_date_value(value)
    else:
        found = None
    if found is None:
        warnings.append(
            f"ignored {field} {str(value)[:40]!r}: not a date (use YYYY-MM-DD, e.g. 2021-06-21)"
        )
        return None
    if not plausible_date(found):
        warnings.append(
            f"ignored {field} {found.isoformat()}: not a plausible publication date "
            "(before 1900 or in the future)"
        )
        return None
    return found
