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
