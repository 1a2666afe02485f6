"""Word tables shared by the text parsers: month names and number words.

Plain data, no imports: datelines (``clean.dateline``), event dates
(``resolve.dates``), publication dates and casualty counts
(``extract.numbers``) all read these, so a month spelling or a number word is
added in one place.
"""

from __future__ import annotations

#: Month by the first three letters of its name, lower case ("sep" for "Sept.").
MONTHS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

#: Month names and abbreviations as regex alternatives (without the dot), lower case.
_MONTH_WORDS = (
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)

#: Number words from one to nineteen.
UNITS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
#: The tens from twenty to ninety.
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


def month_pattern(*, title: bool = False) -> str:
    """A non-capturing group matching a month name or abbreviation ("Sept", "August").

    Lower case for a pattern compiled with ``re.IGNORECASE``; ``title=True`` for a
    case-sensitive one that wants the month capitalised ("Jan", not "jan").
    """
    words = (w[0].upper() + w[1:] for w in _MONTH_WORDS) if title else _MONTH_WORDS
    return "(?:" + "|".join(words) + ")"


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "August"); 0 for another word."""
    return MONTHS.get(name[:3].lower(), 0)
