"""Count the people killed, detained and injured that a sentence reports.

Counts are minimums, as ACLED and the ISAF annotation code them: "several
insurgents" is a small fixed number (``settings.VAGUE_COUNT_MINIMUMS``),
"dozens" a dozen.  A count is tied to a verb of killing, detaining or
injuring, in either voice ("killed two insurgents", "two suspects were
detained", "killing one and wounding another"), or to a noun that implies it
("the death of", "bodies", "left three dead").  Casualties are not deaths:
"five casualties" is kept apart as kind ``"casualties"``.

Explicit negation gives 0 ("no one was killed", "no casualties"); a count the
text says is unknown ("not clear how many were killed") gives ``None``, as
does silence.  "No civilians were harmed" says nothing about the dead.

``find_counts`` returns every count with its span, so the pipeline can tell a
repeated mention of one count from a second count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from frontlines import settings
from frontlines.lexicon import TENS, UNITS
from frontlines.windows import windowed_matches

__all__ = ["Count", "count_detained", "count_fatalities", "count_injured", "find_counts"]

CountKind = Literal["killed", "detained", "injured", "casualties"]


@dataclass(frozen=True, slots=True)
class Count:
    """One count in a sentence: ``value`` people ``kind``; None when said to be unknown."""

    kind: CountKind
    value: int | None
    start: int
    end: int
    #: The words that carried the count ("killed two insurgents").
    cue: str
    #: A running total or a round-up of other reports ("have detained more than 35
    #: leaders since June", "during separate operations"): not one event's count.
    aggregate: bool = False
    #: Said to be more people than those already counted ("also detained one other
    #: suspect", "an additional insurgent"): to be added, not merged.
    additional: bool = False


_SINGLE = {"a": 1, "an": 1, "another": 1, "one": 1, "him": 1, "her": 1, "the": 1, "his": 1}

_UNIT_RE = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
_VAGUE_RE = "|".join(
    re.escape(k).replace(r"\ ", r"\s+")
    for k in sorted(settings.VAGUE_COUNT_MINIMUMS, key=len, reverse=True)
)
_APPROX = (
    r"(?:(?:at\s+least|more\s+than|over|about|around|approximately|nearly|almost|roughly"
    r"|an\s+estimated|up\s+to|as\s+many\s+as|some|a\s+total\s+of|another|an\s+additional)\s+)?"
)
# A number: digits, number words ("twenty-five", "one hundred"), vague quantities.
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,5}"
    rf"|(?:{_TENS_RE})(?:[\s-]+(?:{_UNIT_RE}))?"
    rf"|(?:{_UNIT_RE})(?:\s+hundred)?"
    rf"|(?:{_VAGUE_RE})(?:\s+of)?"
    r"|an?|another"
    r")"
)
_HEAD = (
    r"(?:insurgents?|militants?|fighters?|suspects?|individuals?|people|persons?|civilians?"
    r"|soldiers?|troops|service\s?(?:men|man|members?)|police\s?(?:men|man|officers?)"
    r"|policem[ae]n|police|officers?|members?|men|man|women|woman|children|child|boys?|girls?"
    r"|leaders?|commanders?|sub-?commanders?|facilitators?|associates?|operatives?|bombers?"
    r"|attackers?|gunm[ae]n|taliban|terrorists?|rebels?|personnel|guards?|others?|emirs?"
    r"|financiers?|couriers?|experts?|makers?|recruiters?|planners?|governors?|officials?"
    r"|villagers?|residents?|students?|workers?|contractors?|agents?|afghans|americans"
    r"|detainees?|prisoners?|hostages?|extremists?|jihadists?|smugglers?|traffickers?"
    r"|kidnappers?|snipers?|victims?|passengers?|journalists?|teachers?|doctors?|marines?"
    r"|commandos?|enemy|emplacers?|cell\s+leaders?|mullahs?|family\s+members|relatives"
    r"|spotters?|sympathi[sz]ers?|supporters?|deputies|deputy|brothers?|sons?|fathers?"
    r"|occupants?|drivers?|persons?\s+of\s+interest|males?|females?|coordinators?"
    r"|employees?|staff(?:ers)?|servants?|workers?|activists?|clerics?|elders?"
    r"|suspected(?=\s+(?:during|in|at|and|for|as|while|after|from)\b|\s*[,.;]))"
)
# Words that may stand between a number and its head noun ("two suspected Taliban
# insurgents", "an Islamic Movement of Uzbekistan leader"), but never a verb or a
# conjunction that would join two phrases.
_STOP = (
    r"(?:and|or|but|were|was|is|are|had|have|has|been|who|which|that|in|during|after|while"
    r"|with|from|at|on|by|for|to|as|killed|detained|arrested|captured|wounded|injured"
    r"|killing|detaining|the|a|an|their|his|its)"
)
_MODS = rf"(?:(?!{_STOP}\b)[A-Za-z][\w'’.-]*\s+){{0,5}}?"
_PARTITIVE = r"(?:of\s+(?:the|his|their|her|its|those|these|them)\s+)?"
_NP = rf"(?:{_PARTITIVE}{_MODS}{_HEAD}\b(?:\s+{_HEAD}\b)*)"
# "how many were killed" asks, it does not count.
_SINGULAR = (
    r"(?:leader|commander|facilitator|emir|governor|financier|suspect|insurgent|bomber"
    r"|attacker|gunman|individual|man|person|militant|fighter|associate|operative|member"
    r"|expert|maker|planner|courier|recruiter|official|soldier|policeman|civilian|deputy"
    r"|brother|son|bodyguard|driver|aide|lieutenant|guard|head|chief|director|spokesman"
    r"|spokeswoman|journalist|reporter|judge|prosecutor|mayor|activist|cleric|elder|officer"
    r"|engineer|doctor|teacher|employee|worker|presenter)"
)
_QTY = rf"(?<!how\s)(?P<qty>{_APPROX}(?P<num>{_NUMBER}))"

#: Participles that say someone was killed, active or passive: one list for every pattern.
_KILLED = ("killed", "executed", "beheaded", "massacred", "murdered", "assassinated")
#: Word starts of the killing verbs (counting kinds, and the cheap screen).
_KILLING_STEMS = (
    "kill", "shot", "gunned", "elimin", "slew", "slain", "dead", "died", "peri", "exec",
    "behead", "massac", "murder", "assass", "lost",
)  # fmt: skip
_KILL_V = (
    r"(?:killed|killing|shot\s+dead|shot\s+and\s+killed|gunned\s+down|eliminated"
    r"|eliminating|slew|slain|executed|executing|beheaded|beheading|massacred|murdered"
    r"|murdering|assassinated)"
)
_DETAIN_V = (
    r"(?:detained|detaining|arrested|arresting|captured|capturing"
    r"|apprehended|apprehending|took\s+into\s+custody|taking\s+into\s+custody)"
)
# Only past and -ing forms: "an operation to detain", "the capture of" and headline
# verbs ("Force Detains Leader") tell intent or repeat the body, not a new count.
_INJURE_V = r"(?:wounded|wounding|injured|injuring)"
_VERB = rf"(?P<verb>{_KILL_V}|{_DETAIN_V}|{_INJURE_V})"

# An active verb and its object: "killed two insurgents", "detaining one,", "killed
# the Taliban leader", "captured Taliban commander Mullah X".
_ACTIVE = re.compile(
    # "a murdered Afghan", "the killed insurgents": a participle as an adjective.
    rf"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)\b{_VERB}\s+(?:(?:also|only|reportedly)\s+)?"
    rf"(?:{_QTY}(?:\s+{_NP}|\s+of\s+(?:them|those|these)\b|(?=\s*(?:[,.;)]|and\b|$)))"
    rf"|(?P<def>(?:him|her)\b|(?:the|his)\s+{_MODS}{_SINGULAR}\b)"
    rf"|(?P<named>(?:[\w-]+\s+){{0,4}}?(?:leader|commander|facilitator|emir|governor"
    rf"|financier|mullah|mawlawi|maulawi|qari|haji)\s*,?\s+(?-i:[A-Z]))"
    # A person named as the object: "killed Rostum", not "killed Afghan civilians".
    rf"|(?P<person>(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+)){{0,2}}"
    rf"(?=\s*(?:[,.;]|and\b|during\b|in\b|on\b|with\b|after\b|while\b|who\b|$))))",
    re.IGNORECASE,
)
_COORD = re.compile(
    rf"(?:\s*,\s*(?:an?|the)\s+[^,.;]{{1,60}}?,)?\s*,?\s*(?:and|as\s+well\s+as|along\s+with|plus)"
    rf"\s+(?:{_QTY}\s+{_NP}|(?P<poss>his|her|their)\s+{_MODS}{_SINGULAR}\b"
    rf"|(?P<bare>other|more)\s+{_MODS}{_HEAD}(?<=s)\b)",
    re.IGNORECASE,
)
_AUX = (
    r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|been|got|remain|remained)\s+)?"
    r"(?:(?:also|reportedly|allegedly|later|subsequently|all|both|initially|eventually)\s+)?"
)
_PASSIVE_V = (
    rf"(?P<pverb>{'|'.join(_KILLED)}|detained|arrested"
    r"|captured|apprehended|taken\s+into\s+custody|wounded"
    r"|injured|dead|died|perished|shot\s+dead|lost\s+their\s+lives)"
)
# "two suspects were detained", "three were killed", "one insurgent killed and two
# others wounded" -- but not an active subject ("two soldiers killed three insurgents").
_PASSIVE = re.compile(
    rf"\b{_QTY}(?:\s+{_NP}(?:\s+of\s+(?:the\s+|an?\s+|his\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?)?)?"
    # "25 militants, including a shadow district chief, were killed"
    # "14 Taliban, two of them foreign fighters, lost their lives"
    r"(?:\s*,\s*(?:(?:including|among\s+them|among\s+whom)\s+)?[^,;.]{1,80},)?"
    rf"\s+{_AUX}{_PASSIVE_V}\b"
    r"(?!\s+(?:\d|a\b|an\b|the\b|two\b|three\b|four\b|five\b|several\b|his\b|their\b|him\b"
    r"|them\b|one\b|numerous\b|multiple\b))",
    re.IGNORECASE,
)
_COORD_SUBJECT = re.compile(
    rf"\b{_QTY}\s+{_NP}\s*(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+)$", re.IGNORECASE
)
_BARE_ARTICLE = re.compile(r"an?\s+\w+$", re.IGNORECASE)
_NOUN_COUNT = re.compile(
    rf"\b(?:the\s+(?:deaths?|killing)\s+of\s+(?P<dqty>{_APPROX}(?P<dnum>{_NUMBER}|the|an?)\b)\s*(?:{_NP}|of\s+(?:them|those|these)\b)"
    rf"|(?P<bqty>{_APPROX}(?P<bnum>{_NUMBER}))\s+(?:dead\s+)?bodies"
    rf"|(?:left|leaving)\s+(?P<lqty>{_APPROX}(?P<lnum>{_NUMBER}))\s+(?:{_NP}\s+)?dead"
    rf"|(?P<cqty>{_APPROX}(?P<cnum>{_NUMBER}))\s+(?:\w+\s+)?casualties"
    # "confirmed the arrest of an insurgent": new people only with a number or a/an.
    rf"|the\s+(?:arrest|capture|detention)\s+of\s+(?P<aqty>{_APPROX}(?P<anum>{_NUMBER}))\s+{_NP}"
    rf"|took\s+(?:the\s+)?(?P<tqty>{_APPROX}(?P<tnum>{_NUMBER}))\s+{_NP}"
    rf"(?:\s+of\s+the\s+[\w-]+)?\s+into\s+custody)",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:no\s+one|nobody|none|no\s+(?:\w+\s+){0,2}?(?:people|persons?|civilians?|soldiers?"
    r"|insurgents?|troops|police(?:men)?|one|children|members|personnel|individuals?|others?)"
    r"|not\s+a\s+single\s+\w+|neither\s+\w+)"
    r"\s+(?:\w+\s+)?(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:reportedly\s+)?"
    r"(?P<nverb>killed|hurt|injured|wounded|detained|arrested|harmed|captured)\b"
    r"|\b(?:no\s+|without\s+(?:any\s+)?|zero\s+)(?P<nnoun>casualties|deaths|fatalities|injuries"
    r"|arrests|detentions|loss\s+of\s+life)\b"
    r"|\bno\s+(?:one|body|civilians?)\s+died\b",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:clear|known|immediately\s+(?:clear|known))|unclear|unknown"
    r"|no\s+word\s+on|could\s+not\s+(?:be\s+)?(?:confirm|say|determine))\b[^.;]*?"
    r"\b(?P<uverb>killed|dead|died|casualties|injured|wounded|detained|arrested)\b"
    r"|\bhow\s+many\s+[^.;]*?\b(?P<hverb>killed|dead|died|casualties|injured|wounded|detained"
    r"|arrested)\b",
    re.IGNORECASE,
)
# A sentence that totals a campaign or rounds up several operations: its counts
# summarise counts told elsewhere, so adding them would count people twice.
_AGGREGATE = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:start|beginning|\d{4}|jan|feb|march|april|may|june|july|aug"
    r"|sep|oct|nov|dec|last)|so\s+far|to\s+date|this\s+(?:year|month)|in\s+total|altogether"
    # "captured or killed a large number": no count of either.
    r"|(?:captured|detained|arrested)\s+or\s+killed|killed\s+or\s+(?:captured|detained|arrested)"
    r"|(?:in|over|during)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:months?|weeks?|years?|days"
    r"|24\s+hours)"
    # A round-up of operations across several provinces or regions.
    r"|(?-i:operations)\b[^.;]{0,60}?\b(?:across|throughout|provinces\b|(?:(?:north|south|east|west)"
    r"(?:ern)?(?:\s*,\s*|\s+and\s+|\s+)){2,}|(?:north|south|east|west)(?:ern)?\s+and\s+)"
    r"|(?:have|has|['’]ve)\s+(?:\w+\s+)?(?:detained|killed|captured|arrested)\s+more\s+than)",
    re.IGNORECASE,
)
_ADDITIONAL = re.compile(
    # "more than 200" is an approximate count, not more people.
    r"\b(?:also|additional|other|others|another|further|more(?!\s+than\b))\b",
    re.IGNORECASE,
)
_RETOLD_GROUP = re.compile(
    r"\b(?:the|this|that|one\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?(?:and|along\s+with|with)\s+",
    re.IGNORECASE,
)
# Substring tests in C are far cheaper than a regex over every sentence.
_STEMS = (
    *_KILLING_STEMS, "detain", "arrest", "captur", "apprehen", "custody", "wound", "injur",
    "death", "bodies", "casualt", "harm", "hurt",
)  # fmt: skip
# The costly patterns run only in windows around the word they must end or start at.
_PASSIVE_ANCHOR = re.compile(
    rf"\b(?:{'|'.join(_KILLED)}|detained|arrested|captured|apprehended|custody|wounded"
    r"|injured|dead|died|perished|lives)\b",
    re.IGNORECASE,
)
_NOUN_ANCHOR = re.compile(
    r"\b(?:deaths?|killing|bodies|dead|casualties|arrest|capture|detention|custody)\b",
    re.IGNORECASE,
)
# "He was engaged and killed": one person, named by a pronoun.
_PRONOUN = re.compile(
    r"\b(?:he|she)\s+(?:was|had\s+been)\s+(?:\w+\s+and\s+)?(?:also\s+)?"
    r"(?P<prverb>killed|detained|arrested|captured|apprehended|wounded|injured)\b",
    re.IGNORECASE,
)
_WINDOW = 140


def find_counts(sentence: str) -> list[Count]:
    """Every count of people killed, detained, injured (or casualties) in ``sentence``.

    Counts in a headline are left out (the body tells them again); counts in a
    running total or a round-up are returned with ``aggregate=True``.
    """
    return list(_find_counts(sentence))


@lru_cache(maxsize=4096)
def _find_counts(sentence: str) -> tuple[Count, ...]:
    # Cached: the pipeline asks for the killed and the detained of the same sentence.
    low = sentence.lower()
    if not any(stem in low for stem in _STEMS) or _is_headline(sentence):
        return ()
    found: list[Count] = []
    # Spans already counted, sorted and disjoint: a new span can only overlap its
    # neighbours, so each check is a bisection, not a scan (long lists of counts).
    taken: list[tuple[int, int]] = []

    def add(kind: CountKind, value: int | None, start: int, end: int) -> None:
        i = bisect.bisect_left(taken, (start, end))
        if (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end):
            return
        taken.insert(i, (start, end))
        cue = sentence[start:end]
        more = _ADDITIONAL.search(sentence, max(0, start - 6), end)
        # "detained the commander and one additional suspect": the group told again,
        # the person named before, so the count is a retelling, not an addition.
        extra = more is not None and not _RETOLD_GROUP.search(
            sentence, max(0, start - 30), more.start()
        )
        found.append(Count(kind, value, start, end, cue, additional=extra))

    for m in _NEGATED.finditer(sentence):
        word = (m.group("nverb") or m.group("nnoun") or "killed").lower()
        if word in ("harmed", "hurt", "injured", "wounded", "injuries"):
            add("injured", 0, m.start(), m.end())
        elif word in ("detained", "arrested", "captured", "arrests", "detentions"):
            add("detained", 0, m.start(), m.end())
        else:
            add("killed", 0, m.start(), m.end())
            if word == "casualties":
                # No casualties: no dead and no wounded, told by the same words.
                found.append(Count("injured", 0, m.start(), m.end(), m.group(0)))
    for m in _UNKNOWN.finditer(sentence):
        add(_kind_of(m.group("uverb") or m.group("hverb")), None, m.start(), m.end())
    for m in _ACTIVE.finditer(sentence):
        kind: CountKind = _kind_of(m.group("verb"))
        value = _value(m.group("num")) if m.group("qty") is not None else 1
        end = m.end()
        # "detained a leader and two associates": the coordinated objects share the verb.
        while value is not None:
            c = _COORD.match(sentence, end)
            if c is None:
                break
            more: int | None
            if c.group("bare"):
                more = 2  # "and other suspects": a plural, so at least two
            elif c.group("poss"):
                more = 1
            else:
                more = _value(c.group("num"))
            if more is None:
                break
            value += more
            end = c.end()
        if value is None:
            continue
        add(kind, value, m.start(), end)
    for m in windowed_matches(_PASSIVE, _PASSIVE_ANCHOR, sentence, _WINDOW, 24):
        value = _value(m.group("num"))
        if value is None:
            continue
        if m.group("num").lower() in ("a", "an") and _BARE_ARTICLE.match(m.group(0)):
            continue  # "a murdered Afghan": an adjective, not "one was murdered"
        kind = _kind_of(m.group("pverb"))
        # "At least eight soldiers and 40 Taliban were killed": the first subject too.
        lead = _COORD_SUBJECT.search(sentence, max(0, m.start() - 120), m.start())
        if lead is not None and (first := _value(lead.group("num"))) is not None:
            add(kind, first, lead.start(), lead.end())
        add(kind, value, m.start(), m.end())
    for m in _PRONOUN.finditer(sentence):
        add(_kind_of(m.group("prverb")), 1, m.start(), m.end())
    for m in windowed_matches(_NOUN_COUNT, _NOUN_ANCHOR, sentence, _WINDOW, _WINDOW):
        if m.group("dqty") is not None:
            num = m.group("dnum").lower()
            value = 1 if num in ("the", "a", "an") else _value(num)
            kind = "killed"
        elif m.group("bqty") is not None:
            value, kind = _value(m.group("bnum")), "killed"
        elif m.group("lqty") is not None:
            value, kind = _value(m.group("lnum")), "killed"
        elif m.group("aqty") is not None:
            value, kind = _value(m.group("anum")), "detained"
        elif m.group("tqty") is not None:
            value, kind = _value(m.group("tnum")), "detained"
        else:
            value, kind = _value(m.group("cnum")), "casualties"
        if value is not None:
            add(kind, value, m.start(), m.end())
    if found and _AGGREGATE.search(sentence):
        found = [replace(c, aggregate=True) for c in found]
    found.sort(key=lambda c: c.start)
    return tuple(found)


def count_fatalities(sentence: str) -> int | None:
    """People reported killed in ``sentence``: a minimum, 0 if denied, None if unknown."""
    return _total(find_counts(sentence), "killed")


def count_detained(sentence: str) -> int | None:
    """People reported detained, arrested or captured in ``sentence``; None if not said."""
    return _total(find_counts(sentence), "detained")


def additional_kinds(sentence: str) -> frozenset[str]:
    """Kinds ("killed", "detained"...) whose every count in ``sentence`` is marked as
    more people ("also detained two others", "an additional suspect"): a later
    mention of an event adds these to the earlier count instead of retelling it."""
    kinds: dict[str, bool] = {}
    for c in find_counts(sentence):
        if c.aggregate or not c.value:
            continue
        kinds[c.kind] = kinds.get(c.kind, True) and c.additional
    return frozenset(kind for kind, extra in kinds.items() if extra)


def count_injured(sentence: str) -> int | None:
    """People reported wounded or injured in ``sentence``; None if not said."""
    return _total(find_counts(sentence), "injured")


# --- internals -----------------------------------------------------------------


def _is_headline(sentence: str) -> bool:
    """Title case with no closing stop: "Afghan Force Detains Several Insurgents in Khost"."""
    text = sentence.strip()
    if not text or text[-1] in '.!?"”':
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    if len(words) < 3:
        return False
    upper = sum(1 for w in words if w[0].isupper())
    return upper >= 0.8 * len(words)


def _total(counts: list[Count], kind: str) -> int | None:
    known: list[int] = []
    for c in sorted(counts, key=lambda c: c.start):
        if c.kind != kind or c.aggregate or c.value is None:
            continue
        if known and c.value in known and _BOTH.search(c.cue):
            continue  # "two were killed ... returned fire, killing both": the same two
        known.append(c.value)
    if not known:
        return None
    return sum(known)


_BOTH = re.compile(r"\b(?:both|all\s+(?:of\s+)?(?:them|the|three|four|five))\b", re.IGNORECASE)


def _kind_of(verb: str) -> CountKind:
    v = verb.lower()
    if v.startswith(_KILLING_STEMS):
        return "killed"
    if v.startswith(("wound", "injur")):
        return "injured"
    if v.startswith("casualt"):
        return "casualties"
    return "detained"


def _value(num: str) -> int | None:
    """The minimum number a quantity phrase stands for; None if it is not one."""
    text = " ".join(num.lower().replace("-", " ").split())
    if text in settings.VAGUE_COUNT_MINIMUMS:
        return settings.VAGUE_COUNT_MINIMUMS[text]
    if text.endswith(" of"):
        text = text[:-3]
    if text in _SINGLE:
        return _SINGLE[text]
    if text in settings.VAGUE_COUNT_MINIMUMS:
        return settings.VAGUE_COUNT_MINIMUMS[text]
    digits = text.replace(",", "")
    if digits.isdigit():
        value = int(digits)
        # A year or a unit number is not a head count.
        return value if value < 10000 else None
    parts = text.split()
    if parts and parts[-1] == "hundred" and len(parts) == 2 and parts[0] in UNITS:
        return UNITS[parts[0]] * 100
    if parts and parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    if text in UNITS:
        return UNITS[text]
    return None
