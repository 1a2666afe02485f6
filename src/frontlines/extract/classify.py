"""ACLED sub-event types from sentence text, by trigger patterns kept as data.

The patterns live in ``lexicon/<language>.json`` so that another language or
theatre can bring its own file without code changes.  Each rule names an ACLED
sub-event type and a score; the score encodes ACLED's coding precedence (a
suicide bombing is "Suicide bomb" even when the sentence also says "attack"),
so the best trigger of a sentence is simply the highest-scoring one.

Rules run only when a word that their matches must contain occurs in the
sentence.  Those words are derived from the patterns when the lexicon is
compiled, so the screen cannot drift from the patterns; a cheap word lookup
keeps a typical sentence under 0.1 ms.

Pattern syntax (compiled once, on first use): matching ignores case; a space
matches any whitespace run; ``_`` matches a space, a hyphen or nothing;
``{wN}`` skips up to N words;
``{oN}`` skips up to N words of an object, stopping at "in", "at", "during"...;
``{name}`` inserts a named set; every cue is anchored at word edges.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from frontlines import settings, taxonomy

__all__ = [
    "Lexicon",
    "Trigger",
    "classify_sentence",
    "classify_text",
    "get_lexicon",
    "profile_spans",
    "territory_direction",
]

#: Marks rules whose sub-event type depends on who took the ground.
_TERRITORY = "territory"
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_GAP = re.compile(r"( ?)\{([wo])(\d+)\} ?")
#: The words a gap may skip: any ("w"), or an object's, which stop at a preposition of
#: place or time ("o": "captured another in Sabari district" takes no district).
_GAP_WORD = {
    "w": r"\S+\s+",
    "o": r"(?!(?:in|at|near|inside|outside|during|while|from|after|before|with)\s)\S+\s+",
}
_SET = re.compile(r"\{([a-z_]+)\}")
#: Words that make the next actor mention an object, not the subject.
_PREPOSITIONS = frozenset(
    [
        "with",
        "from",
        "against",
        "to",
        "by",
        "of",
        "on",
        "at",
        "between",
        "near",
        "targeting",
        "among",
        "toward",
        "towards",
        "into",
        "over",
        "under",
        "upon",
        "versus",
        "vs",
    ]
)
_MODIFIER_AFTER = re.compile(
    r"(?:-|\s+)(?:held|controlled|occupied|backed|linked|allied|affiliated|led|run|dominated|"
    r"besieged|spokes(?:man|person|woman)|officials?|sources?|statement|media|said|says|told|reported|announced|claimed|stated)\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\b", re.IGNORECASE)
# Possessive \W*+: punctuation is taken once, not re-split among the words (cubic).
_BY_ACTOR = re.compile(r"\W*+(?:\S+\s+){0,6}?by\s+", re.IGNORECASE)
_ENDS_WITH_LINK = re.compile(r"\b(?:to|of|by)(?:\s+the)?\s*$", re.IGNORECASE)
_ENDS_WITH_HANDS = re.compile(r"\b(?:hands|control)$", re.IGNORECASE)
_ENDS_WITH_TO = re.compile(r"\b(?:in)?to(?:\s+the)?\s*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:!?]|,\s|\s(?:but|while|after|before|as|when)\s")
_Text = tuple[str, str]
#: Words too common to screen on: the screen looks at the word after them.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "on",
        "at",
        "for",
        "of",
        "to",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "been",
        "being",
        "be",
        "set",
        "by",
        "and",
        "with",
        "from",
        "not",
        "it",
        "its",
        "their",
        "his",
        "her",
        "them",
        "him",
        "up",
        "down",
        "out",
        "into",
        "under",
        "over",
        "after",
        "as",
        "or",
        "this",
        "that",
        "these",
        "those",
        "there",
        "which",
        "who",
    ]
)
#: How far back from a territorial cue its subject is looked for.
_SUBJECT_WINDOW_CHARS = 400
#: Longer than any cue a pattern can match (gaps skip at most a dozen words).
_MAX_CUE_CHARS = 2000
#: Distinct words whose screen result is remembered (bounded: article text is hostile).
_WORD_CACHE_SIZE = 1 << 17
#: Lower-cases ASCII only, so that offsets in the lowered copy equal the original's.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One ACLED sub-event cue found in a sentence."""

    sub_event_type: str
    event_type: str
    start: int
    end: int
    cue: str
    score: float
    #: The cue describes who someone is ("a roadside bomb facilitator", "responsible
    #: for attacks"), not something that happened: no event is coded from it.
    background: bool = False
    #: From a rule whose cue's subject lost the ground ("were driven out", "had fallen").
    invert: bool = False
    #: From a rule whose cue names what changed hands before it ("Taloqan also fell",
    #: "Bamiyan and Maidan Shahr were handed over"), not after.
    subject_place: bool = False


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A compiled pattern and the text it runs on: the ASCII-lowered copy (fast,
    case-sensitive matching) unless it holds a case-sensitive part such as "IS"."""

    regex: re.Pattern[str]
    on_original: bool

    def finditer(self, original: str, lowered: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(original if self.on_original else lowered)

    def search(self, original: str, lowered: str) -> bool:
        return self.regex.search(original if self.on_original else lowered) is not None


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    sub_event_type: str
    score: float
    #: All cues of the rule in one alternation: one scan of the sentence per rule.
    cues: _Pattern
    #: Each must occur in the context (the sentence, or the snippet around it).
    requires: tuple[_Pattern, ...]
    excludes: tuple[_Pattern, ...]
    prefix_excludes: tuple[re.Pattern[str], ...]
    #: For territory rules: the side that takes ground when no actor says otherwise.
    direction: str | None
    #: For territory rules: the subject of the cue lost the ground.
    invert: bool = False
    #: One of these must end right before a cue ("Taloqan, the capital of Takhar, also"
    #: before "fell"): what the cue needs before it, kept out of the cue so that the
    #: rule can still be screened by the cue's own words.
    prefix_requires: tuple[re.Pattern[str], ...] = ()
    #: What changed hands is named before the cue, as its subject.
    subject_place: bool = False


class Lexicon:
    """A language's compiled trigger rules, with the screen that picks which to run."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.language: str = str(data.get("language", ""))
        sets: dict[str, str] = dict(data.get("sets", {}))
        ordered = tuple(
            _compile_rule(raw, sets)
            for raw in sorted(data["rules"], key=lambda r: -float(r["score"]))
        )
        self.rules: tuple[_Rule, ...] = ordered
        grievance = data.get("grievance") or {}
        self.grievance: _Pattern | None = (
            _pattern([grievance["markers"]], sets) if grievance.get("markers") else None
        )
        self.clause_end = re.compile(str(grievance.get("clause_end", r"[,;:.!?]")))
        profile = data.get("profile") or {}
        self.profile_scopes: tuple[tuple[_Pattern, re.Pattern[str]], ...] = tuple(
            (_pattern([str(scope["marker"])], sets), re.compile(_expand(str(scope["end"]), sets)))
            for scope in profile.get("scopes", ())
        )
        self.role_after: re.Pattern[str] | None = (
            re.compile(_expand(str(profile["role_after"]), sets))
            if profile.get("role_after")
            else None
        )
        self.role_cue = re.compile(str(profile.get("role_cue", "(?!x)x")))
        # The screen, derived from the patterns themselves: words one of which
        # every match holds.  Complete words are looked up exactly; stems ("seiz"
        # of "seiz[a-z]*") by their first two letters.  A rule with no such word
        # runs on every sentence.
        self._exact: dict[str, set[int]] = {}
        self._index: dict[str, list[tuple[str, int]]] = {}
        self._always: frozenset[int] = frozenset()
        always: set[int] = set()
        for i, rule in enumerate(ordered):
            starts = _first_words(rule.cues.regex.pattern)
            if starts is None:
                always.add(i)
                continue
            for word, complete in starts:
                if complete:
                    self._exact.setdefault(word, set()).add(i)
                else:
                    self._index.setdefault(word[:2], []).append((word, i))
        self._always = frozenset(always)
        # Words recur across articles: remember which rules each word screens in.
        self._word_rules: dict[str, frozenset[int]] = {}
        self._actors = re.compile(
            r"(?<![A-Za-z0-9])(?:(?P<nonstate>"
            + _expand(sets.get("nonstate", "(?!x)x"), sets)
            + r")|(?P<state>"
            + _expand(sets.get("state", "(?!x)x"), sets)
            + r"))(?![A-Za-z0-9])",
            re.IGNORECASE,
        )

    def unscreened(self) -> list[str]:
        """Names of the rules that run on every sentence (no word to screen them by)."""
        return [self.rules[i].name for i in sorted(self._always)]

    def candidates(self, lowered: str) -> list[int]:
        """Indices of the rules whose screen words occur in the (lower-cased) text."""
        found: set[int] = set(self._always)
        known = self._word_rules
        for word in set(_WORD.findall(lowered)):
            rules = known.get(word)
            if rules is None:
                rules = self._screen_word(word)
                if len(known) < _WORD_CACHE_SIZE:
                    known[word] = rules
            if rules:
                found.update(rules)
        return sorted(found)

    def _screen_word(self, word: str) -> frozenset[int]:
        index = self._index
        # Stems are keyed by their first two letters; one-letter stems by that letter.
        entries = [*index.get(word[:2], ()), *index.get(word[:1], ())] if word else []
        return frozenset(rule for stem, rule in entries if word.startswith(stem)) | frozenset(
            self._exact.get(word, ())
        )

    # Small: it only spares re-scanning one sentence for its several territorial cues,
    # and it holds the texts themselves.
    @lru_cache(maxsize=16)  # noqa: B019 - one lexicon per language, kept for the process
    def mentions(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Actor mentions in ``text`` as (start, end, side), side "state" or "nonstate"."""
        return tuple(
            (m.start(), m.end(), "nonstate" if m.lastgroup == "nonstate" else "state")
            for m in self._actors.finditer(text)
        )

    def _mentions_in(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        mentions = self.mentions(text)
        lo = bisect.bisect_left(mentions, (start, -1, ""))
        hi = bisect.bisect_left(mentions, (end, -1, ""), lo)
        return [m for m in mentions[lo:hi] if m[1] <= end]

    def side_of(self, text: str, start: int, end: int) -> str | None:
        """The side ("state" or "nonstate") of the first actor named in text[start:end]."""
        for _, m_end, side in self._mentions_in(text, start, end):
            if not _MODIFIER_AFTER.match(text, m_end):
                return side
        return None

    def subject_side(self, text: str, start: int, end: int) -> str | None:
        """The side of the first actor in text[start:end] that is not an object or modifier."""
        for m_start, m_end, side in self._mentions_in(text, start, end):
            before = _WORD.findall(text[max(0, m_start - 25) : m_start].lower())[-2:]
            if any(word in _PREPOSITIONS for word in before):
                continue
            if _MODIFIER_AFTER.match(text, m_end):
                continue
            return side
        return None


def _first_words(pattern: str) -> set[tuple[str, bool]] | None:
    """Words one of which every match of ``pattern`` contains, as (word, complete)
    pairs: complete when the word ends there, a stem when more letters may follow.

    Usually the first word of the match; when that is a function word ("in",
    "were") the next word is taken, so that the screen stays selective.  None when
    no such word is found (the rule then always runs).
    """
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - a Python without the parser module
        return None
    budget = [20000]
    Found = set[tuple[str, bool]]

    def word_end(prefix: str, rest: list[Any]) -> Found | None:
        if not prefix:
            return None
        if prefix in _FUNCTION_WORDS:
            following = walk(rest, "")
            if following:
                return following
        return {(prefix, True)}

    def walk(items: list[Any], prefix: str) -> Found | None:
        budget[0] -= 1
        if budget[0] < 0:
            return None
        if not items:
            return {(prefix, True)} if prefix else None
        op, av = items[0]
        rest = items[1:]
        if op is sre.LITERAL:
            char = chr(av).lower()
            if char.isascii() and char.isalnum():
                return walk(rest, prefix + char)
            return word_end(prefix, rest)
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            return walk(rest, prefix)
        if op is sre.SUBPATTERN:
            return walk(list(av[-1]) + rest, prefix)
        alternatives: list[list[Any]] = []
        if op is sre.BRANCH:
            alternatives = [list(alt) + rest for alt in av[1]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, sub = av
            if high != 0:
                alternatives.append(list(sub) + rest)
            if low == 0:
                alternatives.append(rest)
        elif op is sre.IN and av and all(o is sre.LITERAL for o, _ in av) and len(av) <= 4:
            alternatives = [[(sre.LITERAL, c)] + rest for _, c in av]
        elif op is sre.IN and (sre.CATEGORY, sre.CATEGORY_SPACE) in av:
            return word_end(prefix, rest)
        else:
            return {(prefix, False)} if prefix else None
        found: Found = set()
        for alternative in alternatives:
            words = walk(alternative, prefix)
            if words is None:
                return None
            found |= words
        return found

    return walk(list(sre_parse.parse(pattern)), "")


def _expand(pattern: str, sets: dict[str, str]) -> str:
    for _ in range(3):  # sets may refer to sets
        pattern = _SET.sub(lambda m: f"(?:{sets[m.group(1)]})", pattern)
    # "a {w2}b": a, whitespace, up to two words, b; "(?:a )?{w2}b": the space is already in.
    pattern = _GAP.sub(
        lambda m: (r"\s+" if m.group(1) else "") + f"(?:{_GAP_WORD[m.group(2)]}){{0,{m.group(3)}}}",
        pattern,
    )
    return pattern.replace(" ", r"\s+").replace("_", r"(?:\s+|-)?")


def _pattern(patterns: Iterable[str], sets: dict[str, str]) -> _Pattern:
    """One alternation of ``patterns``, anchored at word edges."""
    body = "|".join(_expand(p, sets) for p in patterns)
    if "(?-i:" in body:
        return _Pattern(
            re.compile(r"(?<![A-Za-z0-9])(?:" + body + r")(?![A-Za-z0-9])", re.IGNORECASE), True
        )
    return _Pattern(re.compile(r"(?<![a-z0-9])(?:" + body + r")(?![a-z0-9])"), False)


def _compile_rule(raw: dict[str, Any], sets: dict[str, str]) -> _Rule:
    sub = str(raw["sub_event_type"])
    if sub != _TERRITORY and sub not in taxonomy.SUB_EVENT_TYPES:
        taxonomy.event_type_of(sub)  # raises UnknownSubEventType with a clear message
    direction = raw.get("direction")
    return _Rule(
        name=str(raw["name"]),
        sub_event_type=sub,
        score=float(raw["score"]),
        cues=_pattern(raw["cues"], sets),
        requires=tuple(_pattern([p], sets) for p in raw.get("requires", ())),
        excludes=tuple(_pattern([p], sets) for p in raw.get("excludes", ())),
        prefix_requires=tuple(re.compile(_expand(p, sets)) for p in raw.get("prefix_requires", ())),
        prefix_excludes=tuple(
            re.compile(_expand(p, sets), re.IGNORECASE) for p in raw.get("prefix_excludes", ())
        ),
        direction=str(direction) if direction else None,
        invert=bool(raw.get("invert", False)),
        subject_place=bool(raw.get("subject_place", False)),
    )


@cache
def get_lexicon(language: str = "en") -> Lexicon:
    """The compiled lexicon for ``language`` (``lexicon/<language>.json``), built once."""
    path = resources.files(__package__).joinpath("lexicon", f"{language}.json")
    return Lexicon(json.loads(path.read_text(encoding="utf-8")))


def _direct(
    lex: Lexicon, text: str, start: int, end: int, default: str | None, invert: bool = False
) -> str:
    """Which way a territorial cue at text[start:end] goes, from the actor who took it.

    ``invert``: the cue's subject lost the ground ("were driven out", "lost control of").
    """
    side = None
    if _ENDS_WITH_HANDS.search(text, start, end):  # "in rebel hands", "under Taliban control"
        side = lex.side_of(text, start, end)
    if side is None and _ENDS_WITH_LINK.search(text, start, end):  # "fell to the Taliban"
        side = lex.side_of(text, end, min(len(text), end + 40))
    if side is None and not invert and _ENDS_WITH_TO.search(text, start, end):
        # "fell to the group": the taker is the object, named or not; the subject is
        # the place or the side that lost it.
        side = default
    if side is None and _PASSIVE.search(text, max(0, start - 12), end):
        by = _BY_ACTOR.match(text, end)
        if by:
            side = lex.side_of(text, by.end(), min(len(text), by.end() + 40))
    if side is None:
        # The subject is near: look back a few hundred characters at most.
        window = max(0, start - _SUBJECT_WINDOW_CHARS)
        clause_start = window
        for m in _CLAUSE_BREAK.finditer(text, window, start):
            clause_start = m.end()
        side = lex.subject_side(text, clause_start, start)
        if side is None and clause_start > window:
            side = lex.subject_side(text, window, start)
        if invert and side is not None:
            side = "nonstate" if side == "state" else "state"
    if side is None:
        side = default
    return taxonomy.GOV_REGAINS if side in ("state", "government") else taxonomy.NSA_OVERTAKES


def _rule_applies(rule: _Rule, sentence: _Text, context: _Text) -> bool:
    if not all(p.search(*context) for p in rule.requires):
        return False
    return not any(p.search(*sentence) for p in rule.excludes)


def _match(sentence: str, context: str, lex: Lexicon, rules: Iterable[int]) -> list[Trigger]:
    found: list[Trigger] = []
    text: _Text = (sentence, _ascii_lower(sentence))
    ctx: _Text = text if context is sentence else (context, _ascii_lower(context))
    for index in rules:
        rule = lex.rules[index]
        applies: bool | None = None
        for m in rule.cues.finditer(*text):
            if rule.prefix_requires:
                before = sentence[max(0, m.start() - 60) : m.start()]
                if not any(p.search(before) for p in rule.prefix_requires):
                    continue
            if rule.prefix_excludes:
                before = sentence[max(0, m.start() - 60) : m.start()]
                if any(p.search(before) for p in rule.prefix_excludes):
                    continue
            if applies is None:
                applies = _rule_applies(rule, text, ctx)
            if not applies:
                break
            sub = rule.sub_event_type
            if sub == _TERRITORY:
                sub = _direct(lex, sentence, m.start(), m.end(), rule.direction, rule.invert)
            found.append(
                Trigger(
                    sub_event_type=sub,
                    event_type=taxonomy.SUB_EVENT_TYPES[sub],
                    start=m.start(),
                    end=m.end(),
                    cue=sentence[m.start() : m.end()],
                    score=rule.score,
                    invert=rule.invert,
                    subject_place=rule.subject_place,
                )
            )
    if lex.grievance is not None:
        found = _demote_grievances(lex, text, found)
    if found and (lex.profile_scopes or lex.role_after is not None):
        found = _mark_background(lex, text, found)
    return _best_first(found)


def _demote_grievances(lex: Lexicon, text: _Text, found: list[Trigger]) -> list[Trigger]:
    """Demote what a protest is about ("rallied to decry the arrests") below the protest."""
    protests = [t.start for t in found if t.sub_event_type == taxonomy.PEACEFUL_PROTEST]
    if not protests or lex.grievance is None:
        return found
    sentence = text[0]
    scopes: list[tuple[int, int]] = []
    for m in lex.grievance.finditer(*text):
        if m.start() > min(protests):
            end = lex.clause_end.search(sentence, m.end())
            scopes.append((m.start(), end.start() if end else len(sentence)))
    if not scopes:
        return found
    penalty = settings.CLASSIFY_GRIEVANCE_PENALTY
    return [
        dataclasses.replace(t, score=round(t.score - penalty, 6))
        if t.sub_event_type != taxonomy.PEACEFUL_PROTEST
        and any(lo <= t.start < hi for lo, hi in scopes)
        else t
        for t in found
    ]


def _mark_background(lex: Lexicon, text: _Text, found: list[Trigger]) -> list[Trigger]:
    """Mark cues that profile a person rather than report an event, and rank them lower.

    Release and wire text describes its targets ("a Taliban facilitator responsible
    for roadside bomb attacks", "the leader conducts attacks against police", "a
    suicide bomb facilitator"); coding those cues would add attacks that no one
    reported as happening.
    """
    sentence, lowered = text
    # The pipeline asks for the same sentence's spans next: share the cached ones.
    starts, ends = merged_spans(_cached_profile_spans(sentence, lex.language or "en"))
    penalty = settings.CLASSIFY_PROFILE_PENALTY
    out: list[Trigger] = []
    for t in found:
        inside = in_spans(t.start, starts, ends)
        modifier = (
            lex.role_after is not None
            and lex.role_cue.search(lowered, t.start, t.end) is not None
            and lex.role_after.match(lowered, t.end) is not None
        )
        if inside or modifier:
            t = dataclasses.replace(t, score=round(t.score - penalty, 6), background=True)
        out.append(t)
    return out


def merged_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans merged and sorted, as parallel start and end lists for ``in_spans``."""
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in sorted(spans):
        if starts and lo <= ends[-1]:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def in_spans(pos: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``pos`` lies in one of the merged spans (logarithmic, not linear: a
    hostile sentence can hold thousands of scopes and cues)."""
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < ends[k]


def _profile_scopes(lex: Lexicon, text: _Text) -> list[tuple[int, int]]:
    sentence, lowered = text
    scopes: list[tuple[int, int]] = []
    for marker, end in lex.profile_scopes:
        reach = -1
        for m in marker.finditer(sentence, lowered):
            if m.end() <= reach:
                continue  # inside the scope just found, which ends where this one would
            stop = end.search(lowered, m.end())
            reach = stop.start() if stop else len(sentence)
            scopes.append((m.start(), reach))
    return scopes


def profile_spans(sentence: str, *, language: str = "en") -> list[tuple[int, int]]:
    """Spans of ``sentence`` that profile someone ("responsible for attacks in Kabul"):
    what they hold is who a person is, not where or when the reported event was."""
    if not sentence:
        return []
    return list(_cached_profile_spans(sentence, language))


# The pipeline asks for a sentence's spans after classifying it: remember the last few.
@lru_cache(maxsize=64)
def _cached_profile_spans(sentence: str, language: str) -> tuple[tuple[int, int], ...]:
    return tuple(_profile_scopes(get_lexicon(language), (sentence, _ascii_lower(sentence))))


def _best_first(triggers: list[Trigger]) -> list[Trigger]:
    """Sort best first; drop a cue that lies inside a better cue's span, and repeats."""
    triggers.sort(key=lambda t: (-t.score, t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    seen: set[tuple[str, int]] = set()
    # Kept spans sorted by start, so that each check looks only at nearby cues:
    # hostile text can hold tens of thousands of cues.
    starts: list[int] = []
    spans: list[tuple[int, int, float]] = []
    for t in triggers:
        if (t.sub_event_type, t.start) in seen:
            continue
        lo = bisect.bisect_left(starts, t.start - _MAX_CUE_CHARS)
        hi = bisect.bisect_right(starts, t.start)
        if any(end >= t.end and score > t.score for _, end, score in spans[lo:hi]):
            continue
        seen.add((t.sub_event_type, t.start))
        kept.append(t)
        at = bisect.bisect_right(starts, t.start)
        starts.insert(at, t.start)
        spans.insert(at, (t.start, t.end, t.score))
    return kept


def classify_sentence(
    text: str, *, context: str | None = None, language: str = "en"
) -> list[Trigger]:
    """Every ACLED sub-event cue in a sentence, best first; empty when it reports no event.

    ``context`` (default: the sentence) is where a rule's required context is looked
    for, e.g. a protest named in the previous sentence for "police fired tear gas".
    """
    if not text:
        return []
    lex = get_lexicon(language)
    rules = lex.candidates(_ascii_lower(text))
    if not rules:
        return []
    return _match(text, text if context is None else context, lex, rules)


def split_snippet(text: str) -> list[tuple[int, str]]:
    """A snippet's sentences as (offset, text); a light splitter for short snippets."""
    parts: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        parts.append((start, text[start : m.start()]))
        start = m.end()
    parts.append((start, text[start:]))
    return [(offset, part) for offset, part in parts if part.strip()]


def classify_text(text: str, *, language: str = "en") -> str | None:
    """The main ACLED sub-event type of a snippet (one or a few sentences), or None.

    The best trigger wins, with a small penalty per sentence so that the lead
    sentence, which usually states the event, breaks near-ties.
    """
    best: tuple[float, str] | None = None
    for position, (_, sentence) in enumerate(split_snippet(text)):
        triggers = classify_sentence(sentence, context=text, language=language)
        if triggers:
            score = triggers[0].score - settings.CLASSIFY_SENTENCE_DECAY * position
            if best is None or score > best[0]:
                best = (score, triggers[0].sub_event_type)
    return best[1] if best else None


def territory_direction(sentence: str, *, language: str = "en") -> str | None:
    """ "Non-state actor overtakes territory" or "Government regains territory" for a
    sentence that reports ground changing hands by force, else None.

    The taker is read from the sentence (its subject, "fell to X", "in X hands",
    "was captured by X"); with no actor named, "recaptured/retook/liberated" count
    as the government's and "captured/seized/overran" as a non-state actor's.  The
    pipeline may override this with the theatre's actor sides.
    """
    for trigger in classify_sentence(sentence, language=language):
        if trigger.sub_event_type in (taxonomy.NSA_OVERTAKES, taxonomy.GOV_REGAINS):
            return trigger.sub_event_type
    return None
