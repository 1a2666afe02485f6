"""Scraping debris: lines that came with an article but are not its content.

Each classifier looks at one whole line (a paragraph, as scraped) and says
why it is debris, or None.  They match the *shape* of debris (a line that
opens with "Download the ... app", ends in a photo credit, holds only share
buttons), and refuse long lines, so that a news sentence that merely
mentions an app or a photographer survives.
"""

from __future__ import annotations

import re

from frontlines import settings

PROMOTION = "promotion"
CAPTION = "photo caption"
RELATED = "related link"
BYLINE = "byline"
SHARE = "share buttons"
CREDITS = "reporting credits"
COPYRIGHT = "copyright"
TIMESTAMP = "timestamp"
HEADER = "press-release header"
TITLE = "title"
FURNITURE = "site furniture"

_PROMOTION = re.compile(
    r"^(?:"
    r"(?:download|get|install|try)\s+(?:the|our)\b.{0,60}\bapps?\b"
    r"|sign\s*up\b.{0,80}\b(?:newsletters?|alerts?|e-?mails?|updates|briefings?)\b"
    r"|subscribe\b.{0,80}(?:newsletters?|alerts?|today|now|channel|podcast|\bto\s+(?:our|the)\b)"
    r"|(?:follow|like|join|find)\s+us\s+on\b"
    r"|click\s+here\b"
    r"|(?:get|receive)\s+(?:the\s+|our\s+)?(?:latest|breaking|top)\b.{0,80}"
    r"\b(?:newsletter|inbox|alerts?|app)\b"
    r"|advertisement$"
    r"|(?:story|article)\s+continues\s+(?:below|after)"
    r"|(?:we\s+)?(?:want|would\s+love)\s+to\s+hear\s+from\s+you\b"
    r"|(?:listen|watch)\s+(?:to\s+)?(?:the\s+)?(?:latest|live|now|podcast|full)\b.{0,60}$"
    r")",
    re.IGNORECASE,
)

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|coverage|content|news|topics))?"
    r"|read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?"
    r"|related\s+(?:video|videos|posts|links|reading|items)|you\s+may\s+also\s+like"
    r"|recommended(?:\s+stories)?|more\s+from\s+[\w .]{1,40}|most\s+read|trending|"
    r"watch|listen|more\s+stories)\s*(?:[:|»›>—–-]|$)",
    re.IGNORECASE,
)

_NAME = r"[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]+|van|von|de|al|bin|el|ul)){0,4}"
_BYLINE = re.compile(
    rf"^By\s+{_NAME}(?:\s*(?:,|and|&)\s+{_NAME})*"
    r"(?:\s*(?:[,|/•·]|and|for|-)\s*(?:The\s+)?[A-Z][\w.\- ]{1,40})?\s*$"
)
_AGENCY = (
    r"(?:The\s+)?(?:Associated\s+Press|Reuters|AFP|Agence\s+France-Presse|Xinhua|"
    r"Reuters\s+Staff|Staff\s+(?:writer|reporter)s?|NBC\s+News|Al\s+Jazeera|Anadolu\s+Agency|"
    r"TOLOnews|Pajhwok(?:\s+Afghan\s+News)?|dpa|Bloomberg)"
    r"(?:\s+(?:staff|reporters?|correspondents?))?"
)
_AGENCY_LINE = re.compile(rf"^{_AGENCY}\s*$", re.IGNORECASE)
#: "Jane Example, Associated Press": a name and an agency with nothing else.
_NAME_AGENCY = re.compile(rf"^{_NAME}\s*[,|/•·—–-]\s*{_AGENCY}\s*$")
_CREDITS = re.compile(
    r"^[\[(]?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|"
    r"contributing|contributed)\b.{0,40}\bby\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)|all\s+rights\s+reserved\.?$", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"^(?:published|updated|posted|last\s+updated|first\s+published)\s*(?:on|at|:)?\s*"
    r"(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\w+day\b)",
    re.IGNORECASE,
)
_TIMESTAMP_MAX_WORDS = 12
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_ONLY = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+\d{{4}}"
    rf"|{_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}})"
)
_CLOCK = (
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:ist|gmt|utc|[a-z]{2,4}t)\)?)?"
)
#: Lines a site wraps every article in: a date and time alone ("Monday, 25 November 2024,
#: 05:25:43 pm", "July 20, 2021 / 3:25 PM"), "(Last Updated On: ...)", an item's metadata
#: ("publish: 15 June 2021", "category: Social"), a line of pipe-separated source/editor
#: fields, rating and login prompts, tickers, "KEY WORDS:" and "Enditem".
_FURNITURE = re.compile(
    rf"^\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?{_DATE_ONLY}"
    rf"(?:\s*[,/|•·-]?\s*{_CLOCK})?\W*$"
    r"|^\W*(?:last\s+updated\s+on|updated\s+on)\b"
    r"|^\W*(?:publish(?:ed)?|time|category|no|section|tags?|editor)\s*:"
    r"|^[^|]{0,60}\|\s*(?:updated|editor|source|published|posted)\b[^|]{0,60}(?:\|[^|]{0,60})*$"
    r"|^(?:source|editor)\s*:[^|]{0,60}\|"
    r"|^(?:rate\s+this\s+(?:item|article)|\(\d+\s+votes?\)|log\s*in\s+to\s+(?:post\s+)?comment"
    r"|go\s+to\s+top|back\s+to\s+top|video\s*player\s*close|enditem|key\s*words?\s*:"
    r"|(?:file\s+)?photos?\s*$|(?:\d+\s+)?comments?\s*$|print\s+this|skip\s+to\s+(?:main\s+)?content)"
    r"|\b(?:increased|decreased)\s+by\s*[▲▼]",
    re.IGNORECASE,
)

_SHARE_WORDS = frozenset(
    [
        "share",
        "shares",
        "sharing",
        "tweet",
        "email",
        "e-mail",
        "mail",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "linkedin",
        "print",
        "copy",
        "link",
        "links",
        "save",
        "reddit",
        "telegram",
        "pinterest",
        "messenger",
        "comments",
        "comment",
        "this",
        "article",
        "story",
        "on",
        "via",
        "url",
        "flipboard",
        "sms",
    ]
)
_SHARE_CORE = frozenset(
    [
        "share",
        "tweet",
        "email",
        "e-mail",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "print",
        "reddit",
        "telegram",
        "pinterest",
        "messenger",
        "flipboard",
    ]
)
_WORD = re.compile(r"[\w-]+")

_AGENCIES = (
    r"(?:Getty\s+Images|AFP|Xinhua|AP|EPA(?:-EFE)?|Reuters|REUTERS|Anadolu\s+Agency|Sipa|"
    r"Shutterstock|Pool|NurPhoto|SOPA\s+Images|LightRocket|Bloomberg|Redux|"
    r"The\s+New\s+York\s+Times|The\s+Washington\s+Post|Corbis|Alamy|TASS|UPI|DVIDS)"
)
_CREDIT_TAIL = r"(?:\s+(?:File(?:\s+Photo)?|Photo|via\s+Getty\s+Images(?:\s+File)?))?\s*\)?\s*$"
_CAPTION = re.compile(
    # "(AP Photo/Rahmat Gul)", "(Photo by Wakil Kohsar/AFP)"
    r"\((?:AP|AFP|EPA|Reuters|Xinhua)?\s*(?:Photo|Photograph|Picture|Image)s?\b[^()]{0,80}\)\s*$"
    # "REUTERS/Omar Sobhani/File Photo"
    r"|\bREUTERS/[A-Z][^/\n]{1,40}(?:/File(?:\s+Photo)?)?\s*$"
    # "Ajmal Kakar / Xinhua / Getty Images File", "Wakil Kohsar / AFP via Getty Images"
    rf"|(?:[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,3}}\s*/\s*)+{_AGENCIES}{_CREDIT_TAIL}"
    rf"|\b[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){{0,3}}\s+via\s+Getty\s+Images(?:\s+File)?\s*$"
    # "Photo: Rahmat Gul", "Photo credit: ...", "Image: ..." (opening the line)
    r"|^(?:File\s+)?(?:Photo|Photograph|Picture|Image)s?(?:\s+credit)?\s*:"
    # "Image source, Getty Images", "Image caption, ...", "Media caption, ..."
    r"|^(?:Image|Media|Video)\s+(?:source|caption)\b"
    # "... after taking the city [AFP]", "... on May 8, 2021. Reuters"
    rf"|[\[(]\s*{_AGENCIES}\s*[\])]\s*$|[.!]\s+{_AGENCIES}\s*$"
    # "... during prayers in Kabul on Tuesday. Photo by Jane Roe/EPA-EFE"
    r"|\bPhoto(?:graph)?\s+(?:by|courtesy(?:\s+of)?)\s+[^.]{1,60}$"
    # "... on July 30, 2015. JANE ROE/U.S. ARMY": an upper-case credit closing a line.
    r"|[.!]\s+[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}\s*/\s*[A-Z][A-Z.\s\-]{1,30}$"
)
#: Captions are short; a long paragraph ending in an agency name is text.
_CAPTION_MAX_CHARS = 400

#: Press-release header lines: "2013-01-S-025", "For Immediate Release", "Download PDF",
#: "ISAF Joint Command - Afghanistan", "NEWS RELEASE", "IJC Operational Update".
_HEADER_TOKEN = (
    r"(?:\d{2,4}-\d{1,2}-[A-Z]{1,4}\s*[-–]\s*\d+(?!\d)"
    r"|for\s+immediate\s+release|(?:download|view)\s+pdf|(?:news|press)\s+release"
    r"|(?:ISAF|IJC)\b[\w\s\-–,]{0,60}?(?:command|update|afghanistan)\b"
    r"|RC[\s\-–]+(?:north|south|east|west|capital|southwest)"
    r"|release\s+(?:no\.?|number)\s*:?\s*[\w\-]+(?![\w\-])"
    # A number ends where its digits end: were "123456" allowed to split into "12" and
    # "3456", a line of digits would have exponentially many readings to try.
    r"|(?>\d+(?:,\s?\d+){2,})(?!\d)|\d{1,6}(?!\d))"
)
_HEADER = re.compile(rf"^(?:{_HEADER_TOKEN}[\s,.;:|\-–]*)+$", re.IGNORECASE)


def header_reason(line: str) -> str | None:
    """Why a line above the body is press-release header junk, or None."""
    if len(line) > settings.HEADER_MAX_LINE_CHARS:
        return None
    return HEADER if _HEADER.match(line) else None


def _is_share_line(line: str) -> bool:
    words = [w.lower() for w in _WORD.findall(line)]
    if not words or len(words) > 12:
        return False
    return all(w in _SHARE_WORDS for w in words) and any(w in _SHARE_CORE for w in words)


def debris_reason(line: str) -> str | None:
    """Why a (stripped, whitespace-normalised) line is debris, or None to keep it."""
    if not line:
        return None
    if len(line) <= _CAPTION_MAX_CHARS and _CAPTION.search(line):
        return CAPTION
    if len(line) > settings.DEBRIS_MAX_LINE_CHARS:
        return None
    if _PROMOTION.match(line):
        return PROMOTION
    if _RELATED.match(line):
        return RELATED
    if _BYLINE.match(line) or _AGENCY_LINE.match(line) or _NAME_AGENCY.match(line):
        return BYLINE
    if _is_share_line(line):
        return SHARE
    if _CREDITS.match(line):
        return CREDITS
    if _COPYRIGHT.search(line) and len(line) <= 200:
        return COPYRIGHT
    if _TIMESTAMP.match(line) and len(line.split()) <= _TIMESTAMP_MAX_WORDS:
        return TIMESTAMP
    if len(line) <= 200 and _FURNITURE.search(line):
        return FURNITURE
    return None
