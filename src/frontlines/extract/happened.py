"""Did it happen, now?  The refusals that keep non-events out of the report.

News tells many things that are not events: what may happen ("in danger of
falling", "were to occupy the province"), what holds ("only the city is under
government control"), tallies over a period ("244 Taliban were killed in the
last 24 hours", "captured 17 provinces over the past nine days") and things
long past ("the heaviest fighting ... a decade ago", "in 2015").  Each check
here reads the evidence sentence around a cue and says why it is not an event
now, or None.  The pipeline asks once per candidate, before it resolves places
and actors, so a refusal costs little.
"""

from __future__ import annotations

import re
from datetime import date

from frontlines import taxonomy
from frontlines.extract.classify import Trigger

#: How far before a cue its modal or its state words are looked for.
_BEFORE = 60
#: An event dated this many days before publication is history, not news.
LONG_AGO_DAYS = 120

# A prospect: what may come, not what came ("these are in danger of falling to",
# "the fighters were to occupy", "could still be prevented", "threatens to").
_PROSPECT = re.compile(
    r"\b(?:in\s+danger\s+of|at\s+risk\s+of|on\s+the\s+(?:verge|brink|point)\s+of|close\s+to"
    r"|threat(?:en(?:s|ed|ing)?)?\s+(?:of|to)|(?:is|are|was|were)\s+(?:about\s+|due\s+|set\s+)?to"
    r"|likely\s+to|expected\s+to|feared?\s+(?:of|to)|fears?\s+of|could\s+still(?:\s+be)?"
    r"|in\s+a\s+bid\s+to|fight(?:s|ing)?\s+to|battl(?:e|es|ing)\s+to|struggl(?:e|es|ing)\s+to"
    r"|push(?:es|ing)?\s+to|would\s+(?:soon\s+)?be|will\s+(?:soon\s+)?be|prevent(?:ed)?"
    # "operations were under way to retake the area", "an offensive was launched to"
    r"|(?:under\s*way|in\s+progress|ongoing|launched|begun|began|started|continu\w+)\s+to)"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# A state, not a change: "is under government control", "are still in Taliban hands".
# "is now in Taliban hands" tells a change ("now").
_STATE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|remains?|remained|remaining|stays?|stayed|still|be|been|being)"
    r"\s+(?:still\s+|firmly\s+|largely\s+|completely\s+|mostly\s+|also\s+|fully\s+|effectively\s+)?$",
    re.IGNORECASE,
)
_HOLDING = re.compile(r"\b(?:still|remains?|remained|remaining|stays?|stayed|only|yet)\b", re.I)
_HOLDER_GOVERNMENT = re.compile(r"\b(?:government|army|state|security\s+forces?)\b", re.I)
_STATE_CUE = re.compile(r"^(?:in|under)\b", re.IGNORECASE)
# A period that makes a count a tally: "in the last 24 hours", "over the past nine days",
# "this month alone", "since the beginning of May", "so far this year".
_WINDOW = re.compile(
    r"\b(?:(?:in|over|during|within)\s+the\s+(?:last|past|previous|preceding)\s+"
    r"(?:\w+\s+){0,2}?(?:hours?|days?|weeks?|months?)"
    r"|(?:this|last)\s+(?:week|month|year)\s+alone|so\s+far\s+this\s+(?:week|month|year)"
    r"|since\s+the\s+(?:beginning|start)\s+of|since\s+(?:early\s+|mid-?|late\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\b)",
    re.IGNORECASE,
)
# One event named as one: "in an attack", "a strike on", "the blast" keep a count an event.
_ONE_EVENT = re.compile(
    r"\b(?:an?|the|one|this|that)\s+(?:[\w-]+\s+){0,3}?(?:attack|strike|airstrike|air\s+strike|raid"
    r"|blast|explosion|bombing|clash|ambush|assault|operation|battle|offensive|firefight|incident)\b",
    re.IGNORECASE,
)
# Several: a count of places or events ("17 provinces", "dozens of districts", "operations").
_SEVERAL = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|several"
    r"|many|hundreds)\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:provinces|districts|cities"
    r"|provincial\s+capitals|areas|towns|villages|posts|checkpoints|bases|outposts)\b"
    r"|\b(?:operations|attacks|clashes|strikes|airstrikes|air\s+strikes|raids|offensives)\b",
    re.IGNORECASE,
)
# Fighting told of a count of districts or provinces ("at least 60 districts have been
# captured or are being fought over", "clashes in 12 provinces"): a round-up of many fights,
# whatever its period.  A count that a list or an aside then names ("fighting in two
# districts, A and B") is left to the places the list names.
_UNITS_COUNT = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores"
    r"|several|many|hundreds)\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:provinces|districts"
    r"|provincial\s+capitals)\b"
    r"(?!\s*(?:,\s*(?:including|namely|such\s+as|(?-i:[A-Z]))|[:(\u2013\u2014]|including))",
    re.IGNORECASE,
)
_UNITS_REACH = 120
_LONG_AGO = re.compile(
    r"\b(?:(?:a|one|two|three|several|many|\d+)\s+(?:decades?|years?)\s+ago"
    r"|in\s+the\s+(?:19|20)\d0s|(?:a|one|two|several)\s+decades?\s+(?:ago|earlier|before))\b",
    re.IGNORECASE,
)


def not_happened(text: str, trigger: Trigger) -> str | None:
    """Why the cue at ``trigger`` tells no event that happened, from its words alone."""
    before = text[max(0, trigger.start - _BEFORE) : trigger.start]
    if _PROSPECT.search(before):
        return "a prospect: what may happen, not what happened"
    # "confirmed that the district was in Taliban hands" retells a capture; "only the
    # city is under government control", "remain in their hands" tell who holds.
    if (
        trigger.sub_event_type in taxonomy.TERRITORIAL
        and _STATE_CUE.match(trigger.cue)
        and _STATE_BEFORE.search(before)
        and (_HOLDING.search(before) or _HOLDER_GOVERNMENT.search(trigger.cue))
    ):
        return "a state of control, not a change of hands"
    return None


def is_tally(text: str, trigger: Trigger) -> bool:
    """A count over a period ("244 Taliban were killed in the last 24 hours", "the
    group, which captured 17 provinces over the past nine days"): a round-up of many
    events, none of them coded from it.  One event named as one ("in an attack on
    their outpost in the last 24 hours") is still an event.  Fighting told of a count of
    districts or provinces is a round-up too, with or without a period."""
    if trigger.sub_event_type == taxonomy.ARMED_CLASH and _UNITS_COUNT.search(
        text, max(0, trigger.start - _UNITS_REACH), trigger.end + _UNITS_REACH
    ):
        return True
    window = _WINDOW.search(text)
    if window is None:
        return False
    if _SEVERAL.search(text):
        return True
    return trigger.sub_event_type not in taxonomy.TERRITORIAL and not _ONE_EVENT.search(text)


def long_ago(text: str, event_date: str | None, published: date | None) -> str | None:
    """Why the sentence tells history ("a decade ago", "in 2015", a date long before
    publication), or None."""
    phrase = _LONG_AGO.search(text)
    if phrase is not None:
        return f"long ago: {phrase.group(0)}"
    if published is None:
        return None
    if event_date is not None:
        days = (published - date.fromisoformat(event_date)).days
        if days > LONG_AGO_DAYS:
            return f"long ago: {days} days before publication"
    return None


# The subject of a "pushed back" is an attack, not a force: "Taliban attacks in Nijrab
# district ... were pushed back".
_ATTACK_SUBJECT = re.compile(
    r"\W*(?:(?:the|their|a|an|several|two|three|[A-Z][\w'’-]*)\s+){0,3}"
    r"(?:attacks?|assaults?|offensives?|advances?|raids?|attempts?|onslaughts?)\b",
)
_PUSH = re.compile(r"\b(?:push|pushed|driv|drove|repel|repuls|forced|chased|beaten)", re.I)
_CLAUSE_START = re.compile(r"(?:\bthat|[,;:“\"])\s+|^")
#: How far back a repelled cue's subject may start.
_SUBJECT_REACH = 160


def repelled(text: str, trigger: Trigger) -> bool:
    """An attack pushed back: the cue ("were pushed back") has an attack as its subject."""
    if trigger.sub_event_type not in taxonomy.TERRITORIAL or not _PUSH.search(trigger.cue):
        return False
    start = max(0, trigger.start - _SUBJECT_REACH)
    clause = start
    for m in _CLAUSE_START.finditer(text, start, trigger.start):
        clause = m.end()
    return _ATTACK_SUBJECT.match(text, clause, trigger.start) is not None
