"""Resolve a sentence's event-date expression against the publication date.

News text dates events relative to the day it was published ("on Monday",
"yesterday", "last week"), so every expression is resolved against
``published``.  Pure, precompiled regexes: this runs on every sentence of
every article, and general date parsers both miss these forms and find dates
in words that are not dates.

Conventions (ACLED ``time_precision``: 1 day, 2 week or a few days, 3 month):

* A weekday in a past-tense sentence is the most recent such day on or before
  publication; in a forward-looking one, the next such day after it
  (``future=True``).
* A period ("last week", "in recent days", "early September", "since May 1",
  "in July") is represented by its **first possible day**, as ACLED does for
  spans, with precision 2 (up to about ten days) or 3 (a month or longer).  A
  period that starts before publication never yields a date after it.
* A month or day that would fall after publication in a past-tense sentence
  belongs to the previous year (or month, for "on the 5th").
* With no expression, the publication date: precision 1 when ``default`` is
  ``"published"`` (a plain report of the day's news), 2 when it is ``"week"``.
* With no publication date, relative expressions stay unresolved (``None``)
  with a reason; explicit dates with a year still resolve.

Nothing here raises on hostile input, and impossible dates (February 30) are
never produced.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from frontlines import settings
from frontlines.lexicon import UNITS, month_number, month_pattern
from frontlines.records import Mention
from frontlines.windows import windowed_matches

__all__ = ["DateResolution", "find_dates", "resolve_date"]


DateBasis = Literal["event", "speech", "background", "default"]


@dataclass(frozen=True, slots=True)
class DateResolution:
    """The event date of one sentence and how it was found."""

    event_date: str | None  # YYYY-MM-DD
    time_precision: int | None  # 1 day, 2 week / a few days, 3 month
    reason: str
    expression: str | None
    future: bool = False
    #: What dates it: "event" (an expression of the event itself), "speech" (only
    #: when it was said: "officials confirmed today"), "background" (only a noun's
    #: date: "the May 11 attack"), or "default" (no expression: publication).
    basis: DateBasis = "event"


_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
#: "a" or a number word up to ten: "two days ago".
_SMALL_NUMBERS: dict[str, int] = {"a": 1, **{w: n for w, n in UNITS.items() if n <= 10}}

_MON = month_pattern()
# Months alone need a full name or a clear abbreviation: "May" and "March" are
# also words, so a lone month must be capitalised and introduced (checked in code).
_MON_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)"
)
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:19|20)\d\d"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_APOS = r"['’]s"

_PATTERN = re.compile(
    r"\b(?:"
    rf"(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>[01]?\d)-(?P<iso_d>[0-3]?\d))(?![\d-])"
    rf"|(?P<md>(?P<md_mon>{_MON})\.?\s+(?P<md_day>{_DAY}){_ORD}?(?![\d:])"
    rf"(?:,?\s+(?P<md_year>{_YEAR})(?!\d))?)"
    rf"|(?P<dm>(?P<dm_day>{_DAY}){_ORD}?\s+(?:of\s+)?(?P<dm_mon>{_MON})\b\.?"
    rf"(?:,?\s+(?P<dm_year>{_YEAR})(?!\d))?)"
    rf"|(?P<per>(?P<per_mod>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of"
    rf"|beginning\s+of|the\s+middle\s+of)[\s-]+(?P<per_mon>{_MON_FULL})(?!\w)"
    rf"(?:,?\s+(?P<per_year>{_YEAR})(?!\d))?)"
    rf"|(?P<my>(?P<my_mon>{_MON_FULL})(?!\w),?\s+(?P<my_year>{_YEAR})(?!\d))"
    rf"|(?P<mon>(?P<mon_prep>in|during|since|until|through|from|by|this|last|next|of)\s+"
    rf"(?P<mon_name>{_MON_FULL})(?!\w)(?!\.?\s+{_DAY}\b))"
    rf"|(?P<ord>on\s+the\s+(?P<ord_day>{_DAY}){_ORD}\b(?!\s+(?:of\s+)?{_MON})(?!\s+(?-i:[A-Z])))"
    rf"|(?P<wd>(?:(?P<wd_pre>last|this|next|past|early|late|on)\s+)?(?P<wd_name>{_WD})"
    rf"(?P<wd_poss>{_APOS})?(?:\s+(?P<wd_part>morning|afternoon|evening|night))?)"
    r"|(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow"
    r"|last\s+night|overnight|this\s+(?:morning|afternoon|evening)"
    r"|the\s+(?:day\s+before|previous\s+day)"
    r"|earlier\s+(?:today|(?:this|in\s+the)\s+(?:week|month|year))"
    r"|later\s+(?:today|this\s+(?:week|month))"
    r"|(?:over|at|during)\s+the\s+(?:weekend|past\s+(?:week|few\s+days|24\s+hours))"
    r"|(?:in\s+the\s+)?(?:past|last)\s+24\s+hours"
    r"|(?:this|last|next|past|previous)\s+(?:week|month|weekend)"
    r"|(?:in\s+)?recent\s+(?:days|weeks)"
    rf"|(?P<ago_n>\d{{1,2}}|{'|'.join(_SMALL_NUMBERS)})\s+"
    r"(?P<ago_unit>days?|weeks?)\s+ago"
    r")(?:" + _APOS + r")?"
    r")\b",
    re.IGNORECASE,
)

# Anchors: a digit, or a word that every rule above contains.  The full pattern is
# only tried in a window around each anchor, which is several times faster than
# scanning the whole sentence with it (most sentences have no date at all).
_ANCHOR = re.compile(
    r"\d|\b(?:yesterday|today|tonight|tomorrow|overnight|night|weekend|weeks?|month"
    r"|morning|afternoon|evening|recent|hours|days?|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
_BEFORE_ANCHOR = 32
_AFTER_ANCHOR = 24


def _matches(sentence: str) -> list[re.Match[str]]:
    """Matches of the full pattern, tried only in windows around anchors."""
    return windowed_matches(_PATTERN, _ANCHOR, sentence, _BEFORE_ANCHOR, _AFTER_ANCHOR)


_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|would\s+(?!have\b)|tomorrow|upcoming|later\s+this|next\s+(?:week|month)"
    r"|(?:is|are|was|were)\s+(?:due|expected|scheduled|set|slated|poised|going)\s+to"
    r"|on\s+track\s+to|plans?\s+to|planned\s+for|aims?\s+to|intends?\s+to|to\s+be\s+held)\b",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|held|took|ended|began|started)\b", re.IGNORECASE)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|claimed|declared|tweeted"
    r"|wrote|insisted|warned)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"^\s*,?\s*(?:that\b|[“\"]|it\s+said|he\s+said|she\s+said|confirmed\b|announced\b"
    r"|said\b|reported\b|denied\b)",
    re.I,
)
# "the July 2 attack", "the May 11 insider attack": a date that dates a noun after it.
_BACKGROUND_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:attacks?|bombings?|ambush|blasts?|explosion|incident|killings?"
    r"|assault|raid|strike)\b",
    re.IGNORECASE,
)
_SINCE_BEFORE = re.compile(r"\b(?:since|from)\s+$", re.IGNORECASE)
_START_WORD = re.compile(r"\b(?:began|begun|started|erupted|broke\s+out)\b", re.I)
# A date that dates a noun ("an attack Jan. 7", "Tuesday's attack", "the murder in
# March") tells the background of the event, not the event itself.
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:attacks?|bombings?|ambush(?:es)?|blasts?|explosions?|incidents?|murders?|killings?"
    r"|assassinations?|abductions?|kidnappings?)\s+(?:on\s+|in\s+|of\s+|since\s+)?$",
    re.IGNORECASE,
)
_PLANNED_NOUN = re.compile(
    r"^\s*(?:meeting|talks|summit|visit|vote|election|conference|deadline|session|session"
    r"|ceremony|trip|deal|negotiations|hearing)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    date: dt.date | None
    precision: int | None
    reason: str
    expression: str
    future: bool
    speech: bool
    start: int
    since: bool = False
    begins: bool = False
    background: bool = False


def find_dates(sentence: str) -> list[Mention]:
    """Date expressions in ``sentence``, as ``Mention(kind="date")`` with the rule as value."""
    if not sentence:
        return []
    out: list[Mention] = []
    for m in _matches(sentence):
        rule = _rule_of(m)
        if rule == "mon" and not _lone_month_ok(m):
            continue
        out.append(Mention("date", m.group(0), m.start(), m.end(), rule))
    return out


def resolve_date(
    sentence: str,
    published: dt.date | None,
    *,
    default: str = "published",
    tense_hint: str | None = None,
    year_hint: int | None = None,
) -> DateResolution:
    """The event date of ``sentence``, resolved against ``published``.

    ``default`` says what a sentence with no date expression gets:
    ``"published"`` (the publication day, precision 1), ``"week"`` (the
    publication day, precision 2, for text that reports recent but undated
    events) or ``"none"``.  ``tense_hint`` ("past"/"future") overrides the
    sentence's own tense cues.  ``year_hint`` is the year a text's header states
    when no publication date is known (a release number "2010-07-CA-129"): it
    places a month and day ("July 16") and nothing relative.
    """
    candidates = _candidates(sentence or "", published, tense_hint, year_hint)
    chosen = _choose(candidates)
    if chosen is not None:
        basis: DateBasis = (
            "speech" if chosen.speech else "background" if chosen.background else "event"
        )
        if chosen.date is None:
            return DateResolution(
                None, None, chosen.reason, chosen.expression, chosen.future, basis
            )
        return DateResolution(
            chosen.date.isoformat(),
            chosen.precision,
            chosen.reason,
            chosen.expression,
            chosen.future,
            basis,
        )
    if published is None:
        return DateResolution(
            None, None, "no date expression and no publication date", None, basis="default"
        )
    if default == "week":
        return DateResolution(
            published.isoformat(),
            2,
            "no date expression: within the week of publication",
            None,
            basis="default",
        )
    if default == "none":
        return DateResolution(None, None, "no date expression", None, basis="default")
    return DateResolution(published.isoformat(), 1, "publication date", None, basis="default")


# --- internals -----------------------------------------------------------------


def _rule_of(m: re.Match[str]) -> str:
    for name in ("iso", "md", "dm", "per", "my", "mon", "ord", "wd", "rel"):
        if m.group(name) is not None:
            return name
    return "rel"


def _lone_month_ok(m: re.Match[str]) -> bool:
    name = m.group("mon_name")
    # "may"/"march" as verbs are lower case; "of May" only in "the 1st of May" forms.
    return name[:1].isupper() and m.group("mon_prep").lower() != "of"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if year < settings.MIN_EVENT_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _candidates(
    sentence: str, published: dt.date | None, tense_hint: str | None, year_hint: int | None
) -> list[_Candidate]:
    found = _matches(sentence)
    if not found:
        return []
    if tense_hint == "future":
        future_sentence = True
    elif tense_hint == "past":
        future_sentence = False
    else:
        future_sentence = _FUTURE.search(sentence) is not None
    out: list[_Candidate] = []
    # Searched once, not once per match, so that a long sentence full of dates stays
    # linear: where "began"-like words end, and where the clause breaks [.;] fall.
    start_ends = [k.end() for k in _START_WORD.finditer(sentence)]
    breaks = [i for i, ch in enumerate(sentence) if ch in ".;"] if start_ends else []
    past_verb: bool | None = None
    for m in found:
        rule = _rule_of(m)
        if rule == "mon" and not _lone_month_ok(m):
            continue
        before = sentence[max(0, m.start() - 40) : m.start()]
        after = sentence[m.end() : m.end() + 30]
        speech = bool(_SPEECH_BEFORE.search(before)) or (
            rule in ("wd", "rel") and bool(_SPEECH_AFTER.search(after))
        )
        since = bool(_SINCE_BEFORE.search(before)) or (
            rule == "mon" and m.group("mon_prep").lower() in ("since", "from")
        )
        future = future_sentence and not speech and not since
        possessive = m.group(0).endswith(("'s", "’s"))
        background = (
            bool(_BACKGROUND_BEFORE.search(before))
            or possessive
            or (rule in ("md", "dm") and bool(_BACKGROUND_AFTER.match(after)))
        )
        if rule == "wd" and m.group("wd_poss") and tense_hint is None:
            # "Friday's meeting": a planned event unless the sentence is past tense.
            tail = sentence[m.end() : m.end() + 20]
            if _PLANNED_NOUN.search(tail):
                if past_verb is None:
                    past_verb = _PAST_VERB.search(sentence) is not None
                if not past_verb:
                    future = True
                    background = False
        try:
            cand = _resolve_match(m, rule, published, future, year_hint)
        except (ValueError, OverflowError):
            continue
        if cand is None:
            continue
        date, precision, reason, is_future = cand
        if since and date is not None and published is not None and date <= published:
            # "since May 1": the span from that day to publication, dated by its start.
            precision = 2 if (published - date).days <= 10 else 3
            reason = f"since {date.isoformat()}: the start of the period to publication"
        out.append(
            _Candidate(
                date,
                precision,
                reason,
                m.group(0),
                is_future,
                speech,
                m.start(),
                since,
                _begins_before(start_ends, breaks, m.start()),
                background,
            )
        )
    return out


def _begins_before(start_ends: list[int], breaks: list[int], pos: int) -> bool:
    """Whether a "began"-like word ends before ``pos`` with no [.;] between them."""
    i = bisect.bisect_right(start_ends, pos)
    if i == 0:
        return False
    j = bisect.bisect_left(breaks, pos)
    return j == 0 or breaks[j - 1] < start_ends[i - 1]


def _choose(cands: list[_Candidate]) -> _Candidate | None:
    """The expression that dates the sentence's event.

    Past expressions of the event itself beat speech dates ("said on Monday"),
    which beat planned (future) ones: a sentence about a plan is dated by when
    it was announced if it says so.  Among past ones the first wins, unless it
    marks when something began ("fighting began on Sunday ... by Monday"),
    then the last.
    """
    if not cands:
        return None
    resolved = [c for c in cands if c.date is not None] or cands
    event = [c for c in resolved if not c.speech and not c.future]
    # Dates of background nouns ("an attack Jan. 7") only when nothing else dates it.
    event = [c for c in event if not c.background] or event
    # "an overnight operation ... yesterday": the named day is the more precise.
    event = [c for c in event if c.expression.lower() != "overnight"] or event
    if event:
        plain = [c for c in event if not c.since]
        pool = plain or event
        # A named day beats a month named elsewhere in the sentence ("linked to a
        # murder in March ... detained yesterday"): the event is the precise one.
        best = min((c.precision or 9) for c in pool)
        pool = [c for c in pool if (c.precision or 9) == best]
        if len(pool) > 1:
            return pool[-1] if pool[0].begins else pool[0]
        return pool[0]
    speech = [c for c in resolved if c.speech]
    if speech:
        return speech[0]
    return resolved[0]


_Resolved = tuple[dt.date | None, int | None, str, bool]


def _resolve_match(
    m: re.Match[str], rule: str, published: dt.date | None, future: bool, year_hint: int | None
) -> _Resolved | None:
    if rule == "iso":
        d = _safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
        return None if d is None else (d, 1, "explicit date", _after(d, published))
    if rule in ("md", "dm"):
        p = rule
        month = month_number(m.group(f"{p}_mon"))
        day = int(m.group(f"{p}_day"))
        year_s = m.group(f"{p}_year")
        if year_s is None and published is None and year_hint is not None:
            found = _month_day(month, day, year_hint, None, future)
            if found is None or found[0] is None:
                return found
            return found[0], 1, "month and day, year from the header", found[3]
        return _month_day(month, day, int(year_s) if year_s else None, published, future)
    if rule in ("per", "my", "mon"):
        return _month_period(m, rule, published, future)
    if rule == "ord":
        return _ordinal_day(int(m.group("ord_day")), published, future)
    if rule == "wd":
        return _weekday(m, published, future)
    return _relative(m, published, future)


def _after(d: dt.date, published: dt.date | None) -> bool:
    return published is not None and d > published


def _in_horizon(d: dt.date, published: dt.date | None) -> bool:
    return published is None or (d - published).days <= settings.FUTURE_HORIZON_DAYS


def _month_day(
    month: int, day: int, year: int | None, published: dt.date | None, future: bool
) -> _Resolved | None:
    if year is not None:
        d = _safe_date(year, month, day)
        if d is None or not _in_horizon(d, published):
            return None
        return d, 1, "explicit date", _after(d, published)
    if published is None:
        # Without a year or a publication date the day cannot be placed.
        if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 allowed
            return None
        return None, None, "month and day without a year, and no publication date", future
    year = published.year
    d = _safe_date(year, month, day)
    if d is None:
        # Feb 29 outside a leap year: try the neighbouring year the tense points to.
        year = year + 1 if future else year - 1
        d = _safe_date(year, month, day)
        while d is None and abs(year - published.year) <= 4:
            year = year + 1 if future else year - 1
            d = _safe_date(year, month, day)
        if d is None:
            return None
    if future and d < published:
        d = _safe_date(d.year + 1, month, day) or d
    elif not future and d > published:
        d = _safe_date(d.year - 1, month, day) or d
    reason = "month and day, year of publication" + (
        " (the past tense puts it in the year before)" if d.year < published.year else ""
    )
    return d, 1, reason, d > published


_PERIOD_DAY = {"early": 1, "beginning": 1, "mid": 11, "middle": 11, "late": 21, "end": 21}


def _month_period(
    m: re.Match[str], rule: str, published: dt.date | None, future: bool
) -> _Resolved | None:
    if rule == "per":
        month = month_number(m.group("per_mon"))
        year_s = m.group("per_year")
        mod = m.group("per_mod").lower().split()
        key = "beginning" if "beginning" in mod else "end" if "end" in mod else mod[-1]
        if key == "of":
            key = mod[-2]
        day = _PERIOD_DAY.get(key, 1)
        precision = 2
        what = f"{' '.join(mod)} of the month: its first possible day"
    else:
        month = month_number(m.group("my_mon") if rule == "my" else m.group("mon_name"))
        year_s = m.group("my_year") if rule == "my" else None
        day = 1
        precision = 3
        what = "a month: its first day"
    if month == 0:
        return None
    if year_s is not None:
        d = _safe_date(int(year_s), month, day)
        return None if d is None else (d, precision, what, _after(d, published))
    if published is None:
        return None, None, "a month without a year, and no publication date", future
    d = _safe_date(published.year, month, day)
    if d is None:
        return None
    period_start_of_pub_month = published.replace(day=1)
    if future:
        if d < period_start_of_pub_month:
            d = _safe_date(d.year + 1, month, day) or d
    elif d > published:
        # A past event cannot lie in a later month; in the publication month the
        # start of the period may not be after publication either.
        if d.month == published.month and d.year == published.year:
            d = published
        else:
            d = _safe_date(d.year - 1, month, day) or d
    return d, precision, what, d > published


def _ordinal_day(day: int, published: dt.date | None, future: bool) -> _Resolved | None:
    if published is None:
        return None, None, "a day of the month, and no publication date", future
    d = _safe_date(published.year, published.month, day)
    if future and (d is None or d < published):
        nm = published.replace(day=1) + dt.timedelta(days=32)
        d = _safe_date(nm.year, nm.month, day)
    elif d is None or d > published:
        pm = published.replace(day=1) - dt.timedelta(days=1)
        d = _safe_date(pm.year, pm.month, day)
    if d is None:
        return None
    return d, 1, "a day of the month, month of publication", d > published


def _weekday(m: re.Match[str], published: dt.date | None, future: bool) -> _Resolved:
    pre = (m.group("wd_pre") or "").lower()
    target = _WEEKDAYS[m.group("wd_name").lower()]
    if published is None:
        return None, None, "a weekday, and no publication date", future
    if pre == "next":
        future = True
    back = (published.weekday() - target) % 7
    if future:
        ahead = (target - published.weekday()) % 7 or 7
        d = published + dt.timedelta(days=ahead)
        return d, 1, "weekday: the next one after publication", True
    if pre in ("last", "past") and back == 0:
        back = 7
    d = published - dt.timedelta(days=back)
    return d, 1, "weekday: the most recent on or before publication", False


def _relative(m: re.Match[str], published: dt.date | None, future: bool) -> _Resolved:
    raw = m.group("rel")
    text = " ".join(raw.lower().replace("’", "'").split())
    if text.endswith("'s"):
        text = text[:-2]
    if published is None:
        return None, None, f"relative expression {text!r} and no publication date", future
    p = published
    d: dt.date
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening") or (
        text in ("earlier today", "later today")
    ):
        return p, 1, "relative day: the publication date", text == "later today"
    if text == "overnight":
        # The night that ends as the report is written began the day before; events
        # are dated to the day they began.
        return p - dt.timedelta(days=1), 1, "overnight: the night before publication", False
    if "24 hours" in text:
        return p, 1, f"{text}: the publication date", False
    if text in ("yesterday", "last night", "the day before", "the previous day"):
        return p - dt.timedelta(days=1), 1, "relative day: the day before publication", False
    if text == "the day before yesterday":
        return p - dt.timedelta(days=2), 1, "relative day: two days before publication", False
    if text == "tomorrow":
        return p + dt.timedelta(days=1), 1, "relative day: the day after publication", True
    monday = p - dt.timedelta(days=p.weekday())
    text = text.replace("earlier in the ", "earlier this ")
    if text == "earlier this week":
        # Not a day: coded, as news coders do, to the day of the report (precision 2).
        return p, 2, "earlier this week: not a day, so the publication date", False
    if text == "this week":
        if future:
            return p + dt.timedelta(days=1), 2, "this week, still to come", True
        return monday, 2, "this week: its Monday, the first possible day", False
    if text in ("later this week", "next week"):
        d = p + dt.timedelta(days=1) if text == "later this week" else monday + dt.timedelta(7)
        return d, 2, f"{text}: the first possible day after publication", True
    if text in ("last week", "past week", "previous week", "over the past week"):
        d = monday - dt.timedelta(days=7) if text == "last week" else p - dt.timedelta(days=7)
        return d, 2, f"{text}: its first possible day", False
    if "weekend" in text:
        if text == "next weekend" or (future and "past" not in text and "last" not in text):
            d = p + dt.timedelta(days=(5 - p.weekday()) % 7 or 7)
            return d, 2, "the weekend to come: its Saturday", True
        back = (p.weekday() - 5) % 7
        if text == "last weekend" and back < 2:
            back += 7
        return p - dt.timedelta(days=back), 2, "the weekend: its Saturday", False
    if text in ("in recent days", "recent days", "over the past few days", "the past few days"):
        return p - dt.timedelta(days=7), 2, "recent days: a week before publication", False
    if text in ("in recent weeks", "recent weeks"):
        return p - dt.timedelta(days=30), 3, "recent weeks: a month before publication", False
    if text in ("this month", "earlier this month", "earlier this year"):
        d = p.replace(day=1) if "month" in text else p.replace(month=1, day=1)
        prec = 3
        return d, prec, f"{text}: its first day", False
    if text == "later this month":
        return p + dt.timedelta(days=1), 3, "later this month: the day after publication", True
    if text in ("last month", "past month", "previous month"):
        d = (p.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return d, 3, f"{text}: its first day", False
    if text == "next month":
        d = (p.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return d, 3, "next month: its first day", True
    ago = m.group("ago_n")
    if ago is not None:
        n = int(ago) if ago.isdigit() else _SMALL_NUMBERS.get(ago.lower(), 1)
        unit = m.group("ago_unit").lower()
        if unit.startswith("week"):
            return p - dt.timedelta(weeks=n), 2, f"{n} week(s) before publication", False
        return p - dt.timedelta(days=n), 1, f"{n} day(s) before publication", False
    return p, 1, f"relative expression {text!r}: the publication date", False
