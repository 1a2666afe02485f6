"""Attribution: who said it, and how sure the text is that it happened.

Three questions are asked of an article's sentences:

* ``attribute(sentences)``: the sources each sentence is attributed to.  This is
  document-level, because later sentences point back: "Rahmani said" means the
  Inamuddin Rahmani introduced earlier as provincial police spokesman, and "he
  said" means the last person named.
* ``assess(sentence)`` and ``is_negated(sentence, start, end)``: negation of the
  event ("had not entered the city", "failed to capture", "repelled"), hedges
  ("if true", "reportedly"), claim verbs ("claimed", "said it had") and denials.
* ``claim_status(sources, assessment, actor1_side)``: confirmed, reported,
  claimed, unverified or denied, from the above (rules in its docstring).

Roles are kept in the source's own words; sides come from the theatre's actor
list (a police spokesman speaks for the government, witnesses are independent).
Everything is regular expressions over short spans around speech verbs, so an
article of forty sentences takes well under two milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from frontlines.records import Source
from frontlines.resolve.actors import ActorList, get_actor_list, trie_alternation

# --- vocabulary ---------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPEECH_VERBS = (
    "said|says|say|told|tells|confirmed|confirms|confirm|claimed|claims|claim|denied|denies|deny|"
    "added|adds|stated|announced|announces|insisted|insists|warned|warns|noted|notes|"
    "explained|tweeted|wrote|writes|acknowledged|acknowledges|admitted|admits|asserted|"
    "alleged|alleges|reported|reports|rejected|rejects|dismissed|dismisses|reaffirmed|reiterated|"
    "issued a statement"
)
# Case-sensitive on purpose: "Said" opening a sentence is more often a first name.
_VERB = re.compile(r"(?<![\w-])(?P<verb>" + trie_alternation(_SPEECH_VERBS.split("|")) + ")")

#: Words that head a speaker's role ("police spokesman", "Defense Secretary").
_ROLE_HEADS = _words(
    """spokesman spokeswoman spokesperson spokespeople secretary official officer commander
    governor chief head minister member lawmaker leader president adviser advisor director
    deputy general gen. elder resident witness analyst envoy ambassador representative mayor
    senator chairman chairwoman commissioner coordinator researcher professor expert
    journalist reporter correspondent doctor driver shopkeeper farmer student teacher
    colonel col. lieutenant lt. captain capt. major maj. sergeant sgt. admiral
    col lt gen capt maj sgt brig brig. dr dr. mr mr. mrs mrs. ms ms. lt.col. lt.col
    administrator manager owner father mother brother sister son daughter cleric
    spokesmen officials officers commanders leaders mp mps councilor councillor councilors
    councillors parliamentarian legislator"""
)
#: Last words of a speaker that is a group or a body ("officials", "the ministry").
_GROUP_HEADS = _words(
    """officials official sources source witnesses witness residents resident observers analysts
    experts diplomats leaders elders villagers locals police authorities ministry spokesman
    spokeswoman spokesperson statement office command headquarters government military army
    administration department embassy council commission mission agency doctors officers
    commanders lawmakers people families relatives survivors media reports report taliban
    forces troops militants insurgents group movement pentagon"""
)
#: Capitalised words that are never part of a person's name.
_NOT_NAME = _words(
    """the a an in on at by for but and or of to from with as when while after before since
    he she it they we i you his her its their this that these those there here
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    january february march april may june july august september october november december
    afghan afghans american americans pakistani iranian british us u.s. un nato
    significantly meanwhile however also later earlier separately elsewhere still
    district province city village capital border road highway
    ministry defense defence interior council department office command forces army police
    government corps house embassy"""
)
_NAME_PARTICLES = frozenset({"al", "bin", "ibn", "ul", "ud", "van", "de", "von", "da", "el"})
_DETERMINERS = re.compile(
    r"^(?:(?:the|a|an|some|several|many|other|two|three|four|one|its|their|his|her|also|"
    r"both|and|but|while|the\s+country['’]s)\s+)+",
    re.IGNORECASE,
)
# Where a speaker phrase before a verb begins: punctuation or a clause word.
_SEGMENT_START = re.compile(
    r"[,;:()\[\]\"“”‘—–]|’(?!\w)|(?<![\w'’])(?:that|but|while|as|when|although|though|because|"
    r"which|who|whom|after|before|since|if|so|where|whereas|until|whether)(?![\w'’])",
    re.IGNORECASE,
)
#: Verbs that may come before their speaker: "..., said Zabihullah Mujahid".
_INVERTING = frozenset({"said", "says", "added", "adds", "noted", "explained", "wrote", "told"})
# "the claims", "initial reports", "the Taliban's claim": the verb is a noun here.
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|these|those|their|its|his|her|our|such|initial|preliminary|media|news|"
    r"unconfirmed|intelligence|first|early|latest|recent|false)|['’]s?)\s+$",
    re.IGNORECASE,
)
# Words between a speaker and the verb: "officials have confirmed", "forces today confirmed".
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|later|earlier|previously|today|yesterday|again|repeatedly|"
    r"publicly|officially|separately|quickly|not|never|would|will|could|did|does|do|then|"
    r"themselves|himself|herself|itself|on\s+\w+day))+$",
    re.IGNORECASE,
)
# ", today, confirmed": an adverbial between commas hides the speaker before it.
_ADVERBIAL_AT_END = re.compile(
    r",\s*(?:today|yesterday|tonight|also|however|meanwhile|later|earlier|separately|"
    r"on\s+\w+day|last\s+\w+|this\s+\w+|in\s+(?:a|an|the)\s+(?:statement|tweet|"
    r"interview|press\s+release|briefing|video|audio\s+message))\s*,\s*$",
    re.IGNORECASE,
)
_WHO_BEFORE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|al|bin|ul|ud)){0,3})"
    r"(?:,\s+(?P<role>[^,;:“”\"()]{3,90}?))?,?\s+who\s+(?:also\s+|later\s+|earlier\s+)?$"
)
# The phrase after an inverted verb; title abbreviations ("Gen.", "Lt. Col.") keep their dots.
_AFTER_PHRASE = re.compile(r"\s+((?:[A-Z][a-z]{0,4}\.\s*)*[^,.;:“”\"()]{1,80})")
_NOT_AFTER_SPEAKER = re.compile(
    r"(?:on|in|at|last|this|late|early|yesterday|today|that|it|they|he|she|there)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = _words("in for of at from with on")
_CLAUSE_WORDS = _words(
    "had has have was were is are will would could can did does do that to not been being"
)
# "The governor of Kunduz, Abdul Sattar Mirzakwal, said": role first, then the name.
_ROLE_THEN_NAME = re.compile(
    r"(?:^|[,;:“”\"(]\s*)(?P<role>[^,;:“”\"()]{3,90}?),\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|al|bin|ul|ud)){0,3}),\s*$"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|it\s+is)\s+$", re.IGNORECASE)
_ANONYMOUS = re.compile(
    r"(?P<who>\b(?:an?|the|one|two|three|several)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:official|officer|commander|source|spokesman|member|diplomat|resident|soldier|"
    r"policeman|lawmaker|elder|chief|governor|head|spokeswoman|spokesperson|security\s+source)s?)"
    r"\s*,?\s+(?:who\s+)?(?:(?:was|were)\s+)?"
    r"(?:speaking|spoke|asked|requested|declined|insisted)\b[^.;]{0,40}?"
    r"\b(?:anonymity|condition|not\s+to\s+be\s+(?:named|identified)|not\s+being\s+(?:named|identified))",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|citing|quoting)\s+(?P<x>[^,.;:“”\"()]{1,90}?)"
    r"(?=\s*(?:[,.;:“”\"()]|$|\s+(?:that|who|which|on|in|as|and\s+(?:the|a)\s)\b))",
    re.IGNORECASE,
)
_STATEMENT_FROM = re.compile(
    r"\bstatement\s+(?:from|by|issued\s+by|released\s+by)\s+(?P<x>[^,.;:“”\"()]{1,70}?)"
    r"(?=\s*(?:[,.;:“”\"()]|$|\s+(?:that|said|says|on|in|as)\b))",
    re.IGNORECASE,
)
_LEADING_DOCUMENT = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:\w+\s+)?(?:statement|report|tweet|post|release)s?\s+"
    r"(?:from|by|issued\s+by|released\s+by|of)\s+(?:the\s+)?"
    # "a claim the government rejected": the government speaks.
    r"|(?:claims?|allegations?)\s+(?:that\s+)?)",
    re.IGNORECASE,
)
_TRAILING_DOCUMENT = re.compile(
    r"\s+(?:statement|report|reports|tweet|post|release|press\s+release|spokesman|website)$",
    re.IGNORECASE,
)
_APPOSITIVE_BEFORE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|al|bin|ul|ud)){0,3}),\s+"
    r"(?P<role>(?:(?:an?|the)\s+)?[^,;:“”\"()]{3,90}?),\s*$"
)
_APPOSITIVE_AFTER = re.compile(
    r"^,\s+(?P<role>(?:(?:an?|the)\s+)?[^,.;:“”\"()]{3,90}?)(?=[,.;:]|$)"
)
_NAME_AT_END = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})$")
_ROLE_AFTER_COMMA = re.compile(r",\s+(?P<role>(?:(?:an?|the)\s+)?[^,.;:“”\"()]{3,90}?)(?=[,.;:]|$)")
_SUBJECT_PERSON = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|al|bin|ul|ud)){1,3})\s+(?P<next>[a-z]+)\b"
)
# A subject followed by these is a place or a thing, not a person ("Lashkar Gah fell").
_NOT_PERSON_VERB = _words(
    """is was are were has had have fell falls lies sits remains borders became becomes
    district province city town village valley corridor highway road"""
)
_PRONOUN_PERSON = frozenset({"he", "she"})
_PRONOUN_BODY = frozenset({"they", "it", "group", "movement", "organisation", "organization"})

# --- assessment vocabulary ------------------------------------------------------

_EVENT_VERB = (
    r"(?:enter|fall|fell|fallen|captur|take|taken|took|seiz|overr[au]n|control|kill|attack|"
    r"reach|storm|retak|recaptur|occup|surrender|lose|lost|clash|destroy|injur|wound|abduct|"
    r"kidnap|arrest|detonat|explod|strik|struck|bomb|shell|fir(?:e|ed|ing)\b|shot|shoot|"
    r"advanc|push|breach|overwhelm|hit|target|withdr[ae]w|abandon|hand(?:ed)?\s+over)\w*"
)
_CASUALTY_VERB = r"(?:killed|injured|wounded|hurt|harmed|died)"
_NEG_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "casualties",
        re.compile(
            r"\b(?:no\s+(?:[\w'’-]+\s+){0,3}?(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
            + _CASUALTY_VERB
            + r"|no\s+(?:one|body)\s+(?:was\s+)?"
            + _CASUALTY_VERB
            + r"|nobody\s+(?:was\s+)?"
            + _CASUALTY_VERB
            + r"|no\s+(?:casualties|deaths|fatalities|injuries)"
            + r"|none\s+(?:of\s+\w+\s+)?(?:was|were)\s+"
            + _CASUALTY_VERB
            + r")\b",
            re.IGNORECASE,
        ),
    ),
    (
        "repelled",
        re.compile(
            r"\b(?:repelled|repulsed|pushed\s+back|beat\s+back|beaten\s+back|fought\s+off|"
            r"foiled|thwarted)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "event",
        re.compile(
            r"(?:\b(?:not|never)|n['’]t|\bno\s+longer)\s+(?:(?:yet|been|be|have|had|even|fully|"
            r"so\s+far|actually|completely|managed\s+to|able\s+to|been\s+able\s+to)\s+){0,3}"
            + _EVENT_VERB
            + r"|\b(?:failed|fail|fails|unable)\s+(?:\w+\s+)?to\s+"
            + _EVENT_VERB
            + r"|\bfailed\s+(?:attempt|bid|effort|push|offensive|assault|attack)s?\b",
            re.IGNORECASE,
        ),
    ),
)
_HEDGES = re.compile(
    r"\b(?:if\s+(?:this\s+is\s+|that\s+is\s+|it\s+is\s+|it\s+was\s+|they\s+are\s+)?true|"
    r"if\s+confirmed|reportedly|allegedly|purportedly|supposedly|apparently|"
    r"(?:(?:could|can|was|were|has|have|had|is|are|did|do|does)\s*(?:not|n['’]t)|cannot|"
    r"can\s+not)\s+(?:be\s+|been\s+)?(?:immediately\s+|independently\s+|yet\s+|officially\s+)*"
    r"(?:verified|confirmed|verify|confirm)"
    r"(?:\s+independently)?(?!\s+(?:how|whether|if|the\s+number|the\s+toll|casualt)\w*)|"
    r"no\s+(?:independent\s+|immediate\s+|official\s+)*(?:confirmation|verification)|"
    r"unconfirmed|unverified|unsubstantiated|"
    r"(?:it|this)\s+(?:was|is|remains|remained)\s+(?:still\s+)?(?:not\s+clear|unclear)"
    r"(?:\s+(?:whether|if|who))?(?!\s+how\s+(?:many|much))|"
    r"(?:not\s+clear|unclear)\s+(?:whether|if|who)|"
    r"(?:is|are|was|were)\s+(?:said|believed|thought|rumou?red)\s+to|"
    r"rumou?rs?|rumou?red)\b",
    re.IGNORECASE,
)
# "could not confirm how many" doubts a count, not the event: the look-ahead above skips it.
_CLAIM_VERBS = re.compile(
    r"\b(?:(?:claimed|claims|claim|claiming)(?!\s+(?:the\s+)?lives)|boasted|boasts|"
    r"said\s+(?:it|they|its\s+fighters|their\s+fighters)\s+(?:had|have|has)|"
    r"took\s+responsibility|claimed\s+responsibility)\b",
    re.IGNORECASE,
)
_DENIALS = re.compile(
    r"\b(?:denied|denies|deny|denying)\b(?!\s+(?:access|entry|permission|visas?|bail)\b)|"
    r"\b(?:dismissed|rejected|refuted|rebuffed|rejects|dismisses)\s+(?:it|this|that)\b|"
    # "refuted on Thursday the reports about an agreement"
    r"\b(?:dismissed|rejected|refuted|rebuffed|rejects|dismisses|refutes)\s+"
    r"(?:(?:on|late|early)\s+\w+\s+)?(?:the\s+|these\s+|those\s+|"
    r"such\s+|taliban\s+|media\s+)?(?:claims?|reports?|allegations?|rumou?rs?)\b|"
    r"\bcalled\s+(?:the\s+|these\s+|those\s+)?(?:claims?|reports?)\s+(?:false|baseless|untrue|"
    r"propaganda|lies)\b|"
    r"\b(?:claims?|reports?)\s+(?:were|was|are|is)\s+(?:false|baseless|untrue|propaganda|lies)\b|"
    r"\b(?:claims?|reports?|allegations?)\s+(?:were|was|have\s+been|has\s+been)\s+"
    r"(?:rejected|dismissed|denied)\b|"
    # "..., a claim the government rejected"
    r"\b(?:claims?|allegations?)\s+(?:that\s+)?(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:rejected|denied|dismissed|disputed)\b",
    re.IGNORECASE,
)
# Success verbs: a repelled attack still happened, but the capture it aimed at did not.
_SUCCESS_TRIGGER = re.compile(
    r"captur|take|took|seiz|overr[au]n|fall|fell|control|enter|retak|recaptur|occup|hands|"
    r"overtak",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:—–()\"“”]|,\s*(?=(?:but|although|though|while|whereas|however|yet|and)\b)|"
    r"\b(?:but|although|though|whereas|however)\b|,",
    re.IGNORECASE,
)
_PRE_NEG = re.compile(
    r"(?:\b(?:not|never|no|without|failed|unable|nor)|n['’]t|\bno\s+longer|\bfail(?:ed|s)?\s+to)"
    r"\s+(?P<between>(?:[\w'’-]+\s+){0,4})$",
    re.IGNORECASE,
)
_PRE_NEG_BLOCK = _words(
    "clear known sure whether if only just who how what when where why certain say said that "
    "confirm confirmed verify verified believe think know expect expected deny denied"
)
_PRE_REPELLED = re.compile(
    r"\b(?:repelled|repulsed|foiled|thwarted|beat\s+back|pushed\s+back|fought\s+off|prevented)"
    r"\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
_ATTEMPT_BEFORE = re.compile(
    r"\b(?:tried|try|tries|trying|attempted|attempting|attempts?|bid|sought|seeking|efforts?|"
    r"push|offensive)\s+(?:\w+\s+)?to\s+$",
    re.IGNORECASE,
)
_ATTEMPT_FAILED = re.compile(
    r"\b(?:repelled|repulsed|pushed\s+back|beaten\s+back|beat\s+back|fought\s+off|foiled|"
    r"thwarted|failed|in\s+vain|retreated|were\s+forced\s+to\s+(?:retreat|withdraw|flee))\b",
    re.IGNORECASE,
)
_POST_REPELLED = re.compile(
    r"^[^,;:]{0,60}?\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    r"(?:repelled|repulsed|foiled|thwarted|pushed\s+back|beaten\s+back|averted|prevented)\b",
    re.IGNORECASE,
)


# --- records ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assessment:
    """How a sentence presents its event: negated, hedged, claimed or denied.

    ``negation_kind`` says what the negation touches: "event" (it did not
    happen: "had not entered"), "repelled" (an attempt that failed: the attack
    happened, the capture did not) or "casualties" ("no one was killed": the
    event happened, the deaths did not).
    """

    negated: bool = False
    negation_cue: str | None = None
    hedge: str | None = None
    claim_verb: str | None = None
    denied: bool = False
    negation_kind: str | None = None
    denial_cue: str | None = None

    @property
    def claim_status(self) -> str:
        """The status this sentence alone supports, before its sources are weighed."""
        if self.denied:
            return "denied"
        if self.hedge:
            return "unverified"
        if self.claim_verb:
            return "claimed"
        return "reported"


@dataclass(slots=True)
class _Document:
    """What earlier sentences said about speakers, for surnames and pronouns."""

    actors: ActorList
    #: lower-cased surname (and first name) -> the full source seen earlier.
    people: dict[str, Source] = field(default_factory=dict)
    last_person: Source | None = None
    last_body: Source | None = None


# --- attribution ----------------------------------------------------------------


def attribute(sentences: Sequence[str], *, actors: ActorList | None = None) -> list[list[Source]]:
    """For each sentence of one article, the sources it is attributed to, in text order.

    Recognised: "<role> <Name> said", "<Name>, the <role>, said", "said <Name>, a
    spokesman for ...", "according to <X>", "a statement from <X>", "<body> said"
    (police, witnesses, residents, officials, the Ministry of Defense, the Taliban),
    anonymous officials, a surname alone (resolved to the full name and role met
    earlier) and "he/she said" (the last person named).  Sides come from the
    theatre's actor list.
    """
    doc = _Document(actors or get_actor_list())
    return [_sentence_sources(str(s), doc) for s in sentences]


def find_sources(
    sentence: str, context: str = "", *, actors: ActorList | None = None
) -> list[Source]:
    """The sources of ``sentence``, reading ``context`` (the text before it) for
    the names that surnames and pronouns point back to."""
    earlier = [p for p in re.split(r"(?<=[.!?])\s+", context) if p.strip()] if context else []
    return attribute([*earlier, sentence], actors=actors)[-1]


def _sentence_sources(text: str, doc: _Document) -> list[Source]:
    found: list[Source] = []

    def add(source: Source | None) -> None:
        if source is not None and source not in found:
            found.append(source)

    _register_subject(text, doc)
    anonymous = _ANONYMOUS.search(text) if _may_be_anonymous(text) else None
    if anonymous:
        who = _strip_determiners(anonymous.group("who"))
        add(Source(name=who, role=None, side=doc.actors.speaker_side(who)))
    for count, m in enumerate(_VERB.finditer(text)):
        if count >= _MAX_VERBS:
            break  # not prose: a real sentence has a handful of speech verbs
        start = m.start()
        if anonymous and anonymous.start() < start <= anonymous.end() + 120:
            continue
        # A speaker sits within a few words of its verb: reading a bounded tail
        # keeps the end-anchored patterns below linear in the sentence length.
        before = text[max(0, start - _WINDOW) : start]
        after = text[m.end() :]
        near = before[-40:]
        to_after = re.match(r"\s+to\b", after) and not m.group("verb").startswith("claim")
        if _PASSIVE_BEFORE.search(near) or _NOUN_BEFORE.search(near) or to_after:
            continue  # "is said to", "were reported", "initial reports": no speaker
        speaker = _speaker_before(before, doc)
        if speaker is None and m.group("verb") in _INVERTING:
            speaker = _speaker_after(before, after, doc)
        add(speaker)
    if "ccording" in text or "citing" in text or "quoting" in text:
        for m in _ACCORDING.finditer(text):
            add(_parse_speaker(m.group("x"), doc, start=m.start("x"), sentence=text))
    if "tatement" in text:
        for m in _STATEMENT_FROM.finditer(text):
            add(_parse_speaker(m.group("x"), doc, start=m.start("x"), sentence=text))
    _register_appositives(text, doc)
    return found


_WINDOW = 240
_MAX_VERBS = 16


def _may_be_anonymous(text: str) -> bool:
    lowered = text.lower()
    return "anonym" in lowered or "condition" in lowered or "to be named" in lowered


def _speaker_before(before: str, doc: _Document) -> Source | None:
    """The speaker in the clause just before a speech verb, if there is one."""
    cut = 0
    for m in _SEGMENT_START.finditer(before):
        cut = m.end()
    segment = _TRAILING_AUX.sub("", before[cut:].strip(" \t\n-")).strip()
    if not segment:
        appositive = _APPOSITIVE_BEFORE.search(before)
        if appositive and _has_role_head(appositive.group("role")):
            return _person(appositive.group("name"), _clean_role(appositive.group("role")), doc)
        role_first = _ROLE_THEN_NAME.search(before)
        if role_first and _has_role_head(role_first.group("role")):
            return _person(role_first.group("name"), _clean_role(role_first.group("role")), doc)
        who = _WHO_BEFORE.search(before)
        if who:
            role = who.group("role")
            role = _clean_role(role) if role and _has_role_head(role) else None
            return _person(who.group("name"), role, doc)
        adverbial = _ADVERBIAL_AT_END.search(before)
        if adverbial and adverbial.start() > 0:
            return _speaker_before(before[: adverbial.start()] + " ", doc)
        return None
    if len(segment.split()) > 12:
        return None
    return _parse_speaker(segment, doc, start=len(before) - len(segment), sentence=before)


def _speaker_after(before: str, after: str, doc: _Document) -> Source | None:
    """ "..., said Zabihullah Mujahid, a Taliban spokesman": the speaker follows the verb."""
    if not re.search(r"[,“”\"’]\s*$", before):
        return None
    head = _AFTER_PHRASE.match(after)
    if not head:
        return None
    phrase = head.group(1).strip()
    if _NOT_AFTER_SPEAKER.match(phrase) or any(w.lower() in _CLAUSE_WORDS for w in phrase.split()):
        return None  # "said on Monday", "said the police had fled": no speaker here
    source = _parse_speaker(phrase, doc, start=0, sentence="", strict=True)
    if source is None:
        return None
    apposition = _APPOSITIVE_AFTER.match(after[head.end() :])
    if apposition and _has_role_head(apposition.group("role")):
        source = _person(source.name, _clean_role(apposition.group("role")), doc)
    return source


def _parse_speaker(
    phrase: str, doc: _Document, *, start: int, sentence: str, strict: bool = False
) -> Source | None:
    """A speaker phrase: a pronoun, "[role] Name", or a body or group ("local officials")."""
    phrase = _LEADING_DOCUMENT.sub("", phrase.strip(" \t\n'’-–—"))
    phrase = _strip_determiners(phrase).strip()
    bare = _TRAILING_DOCUMENT.sub("", phrase).strip()
    # "the Taliban spokesman" speaks for the Taliban; "the provincial governor's
    # spokesman" or "a provincial spokesman" stays a spokesman.
    if bare != phrase and _is_body(bare, doc.actors):
        phrase = bare
    if not phrase:
        return None
    lowered = phrase.lower()
    if lowered in _PRONOUN_PERSON:
        return doc.last_person
    if lowered in _PRONOUN_BODY:
        return _body_before(sentence[:start], doc)
    if lowered in {"i", "we", "you"}:
        return None
    bodies = doc.actors.find(phrase)
    if bodies and bodies[-1].end == len(phrase):
        # "the Ministry of Defense", "Taliban": a body, not a person.
        source = Source(name=phrase, role=None, side=doc.actors.speaker_side(phrase))
        doc.last_body = source
        return source
    located = _IN_PLACE.match(phrase)
    if located and located.group("who").split()[-1].lower() in (_ROLE_HEADS | _GROUP_HEADS):
        # "a government official in Nimroz": an unnamed speaker where they are, not a
        # person called Nimroz.
        side = doc.actors.speaker_side(located.group("who"))
        return Source(name=phrase, role=None, side=side)
    tokens = phrase.split()
    name_tokens: list[str] = []
    for token in reversed(tokens):
        bare = token.strip("'’,")
        low = bare.lower()
        particle = bool(name_tokens) and low in _NAME_PARTICLES
        if not particle and (not _is_name_token(bare) or low in _NOT_NAME or low in _ROLE_HEADS):
            break
        name_tokens.insert(0, bare)
    if name_tokens and not doc.actors.find(" ".join(name_tokens)):
        name = " ".join(name_tokens)
        role_words = tokens[: len(tokens) - _count_tail(tokens, name_tokens)]
        role = " ".join(role_words).strip() or None
        if role and not _has_role_head(role):
            role = None
        return _person(name, role, doc)
    if _is_group(phrase, doc.actors, strict=strict):
        source = Source(name=phrase, role=None, side=doc.actors.speaker_side(phrase))
        doc.last_body = source
        return source
    return None


_IN_PLACE = re.compile(
    r"^(?P<who>[A-Za-z][\w'’ -]*?)\s+(?:in|from|of|for)\s+"
    r"(?P<place>[A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+)*)$"
)


def _is_body(phrase: str, actors: ActorList) -> bool:
    """The whole phrase names an actor or a body ("Taliban", "interior ministry")."""
    if not phrase or phrase.endswith(("'s", "’s", "s'", "s’")):
        return False
    found = actors.find(phrase)
    if found and found[0].start == 0 and found[-1].end == len(phrase):
        return True
    return phrase.split()[-1].lower() in _GROUP_HEADS


def _count_tail(tokens: list[str], name_tokens: list[str]) -> int:
    """How many of ``tokens`` (from the end) the name took, counting stripped ones."""
    count = 0
    remaining = list(name_tokens)
    for token in reversed(tokens):
        if not remaining:
            break
        if token.strip("'’") == remaining[-1]:
            remaining.pop()
        count += 1
    return count


def _is_name_token(token: str) -> bool:
    return bool(token) and token[0].isupper() and any(ch.islower() for ch in token[1:])


def _has_role_head(role: str) -> bool:
    return any(word.lower().strip(",") in _ROLE_HEADS for word in role.split())


def _is_group(phrase: str, actors: ActorList, *, strict: bool = False) -> bool:
    words = phrase.split()
    if not words or len(words) > 8:
        return False
    if words[-1].lower().strip("'’") in _GROUP_HEADS:
        return True
    if strict:
        # "a spokesman for the Taliban", "a police spokesman in the province"
        for i, word in enumerate(words[1:], start=1):
            if word.lower() in _PREPOSITIONS:
                return words[i - 1].lower().strip("'’") in _GROUP_HEADS
        return False
    return actors.speaker_side(phrase) is not None and len(words) <= 5


def _person(name: str, role: str | None, doc: _Document) -> Source:
    """A named person; a surname alone takes the full name and role seen earlier."""
    parts = name.split()
    titles: list[str] = []
    while len(parts) > 1 and parts[0].lower() in _ROLE_HEADS:
        titles.append(parts.pop(0))  # "Lt. Col. Ahmad Zia": the ranks are a role
    if titles:
        name = " ".join(parts)
        role = role or " ".join(titles)
    known = None
    if len(parts) == 1:
        known = doc.people.get(parts[0].lower())
    elif role is None:
        known = doc.people.get(parts[-1].lower())
        if known is not None and known.name != name:
            known = None
    if known is not None and (role is None or role == known.role):
        source = known
    elif known is not None:
        source = Source(name=known.name, role=role, side=_side_of(known.name, role, doc))
    else:
        source = Source(name=name, role=role, side=_side_of(name, role, doc))
    _remember(source, doc)
    return source


def _remember(source: Source, doc: _Document) -> None:
    doc.last_person = source
    parts = source.name.split()
    if len(parts) > 1 or source.role:
        doc.people[parts[-1].lower()] = source
        doc.people.setdefault(parts[0].lower(), source)


def _body_before(text: str, doc: _Document) -> Source | None:
    """ "they said", "it said": the last actor named before the pronoun, else the last body."""
    matches = doc.actors.find(text) if text else []
    if matches:
        last = matches[-1]
        name = _strip_determiners(last.surface)
        return Source(name=name, role=None, side=doc.actors.source_side(last.side))
    return doc.last_body


def _register_subject(text: str, doc: _Document) -> None:
    """A person who opens a sentence ("Syed Mohammad Mousavi drove ...") is who "he" means next."""
    m = _SUBJECT_PERSON.match(text)
    if not m or m.group("next") in _NOT_PERSON_VERB:
        return
    name = m.group("name")
    tokens = name.split()
    if any(t.lower() in _NOT_NAME or t.lower() in _ROLE_HEADS for t in tokens):
        return
    if doc.actors.find(name):
        return
    known = doc.people.get(tokens[-1].lower())
    _remember(known if known and known.name == name else _new_person(name, doc), doc)


def _new_person(name: str, doc: _Document) -> Source:
    return Source(name=name, role=None, side=doc.actors.speaker_side(name))


def _register_appositives(text: str, doc: _Document) -> None:
    """ "Abdullah Abdullah, the head of ..., ..." introduces a name with its role for later."""
    comma = text.find(", ")
    while comma > 0:
        at, comma = comma, text.find(", ", comma + 2)
        # Look from each comma back for a name and forward for a role: cheaper than
        # scanning every capitalised word for a following comma.
        named = _NAME_AT_END.search(text, max(0, at - 60), at)
        if named is None:
            continue
        after = _ROLE_AFTER_COMMA.match(text, at)
        if after is None:
            continue
        name = named.group("name")
        tokens = name.split()
        if any(t.lower() in _NOT_NAME or t.lower() in _ROLE_HEADS for t in tokens):
            continue
        role = _clean_role(after.group("role"))
        if not _has_role_head(role) or doc.actors.find(name):
            continue
        key = tokens[-1].lower()
        if key not in doc.people or doc.people[key].role is None:
            source = Source(name=name, role=role, side=_side_of(name, role, doc))
            doc.people[key] = source
            doc.people.setdefault(tokens[0].lower(), source)


def _side_of(name: str, role: str | None, doc: _Document) -> str | None:
    side = doc.actors.speaker_side(name)
    if side is None and role:
        side = doc.actors.speaker_side(role)
    return side


def _clean_role(role: str) -> str:
    return _strip_determiners(role.strip()).strip()


def _strip_determiners(text: str) -> str:
    return _DETERMINERS.sub("", text.strip())


# --- assessment -----------------------------------------------------------------


_NEG_SCREENS: dict[str, tuple[str, ...]] = {
    "casualties": ("no", "none"),
    "repelled": ("repel", "repuls", "back", "fought off", "foil", "thwart"),
    "event": ("not", "n't", "n’t", "never", "no longer", "fail", "unable"),
}
_HEDGE_SCREEN = (
    "true",
    "confirm",
    "report",
    "alleged",
    "purport",
    "suppos",
    "apparent",
    "verif",
    "clear",
    "said to",
    "believed",
    "thought",
    "rumo",
    "substantiat",
)
_CLAIM_SCREEN = ("claim", "boast", "said it", "said they", "said its", "said their", "responsib")
_DENIAL_SCREEN = ("den", "dismiss", "reject", "refut", "rebuff", "called", "false", "baseless")


def _screen(low: str, words: tuple[str, ...]) -> bool:
    return any(w in low for w in words)


def assess(sentence: str) -> Assessment:
    """Negation, hedge, claim verb and denial in ``sentence``.

    Negation is counted only where a negator governs an event verb ("had not
    entered", "did not fall", "failed to capture"), or for "repelled"/"pushed
    back" and "no ... were killed"; "they haven't seen any changes" is not a
    negated event.  "it was not clear how many" is about a count, not the event,
    so it is no hedge.  A denial ("denied", "rejected the claims") marks the
    event denied, not negated: someone else asserted it.
    """
    negation_cue: str | None = None
    negation_kind: str | None = None
    negation_start = len(sentence)
    low = sentence.lower()
    # Cheap word screens first: most sentences hold none of these cues, and the
    # full patterns cost far more than a few substring tests.
    for kind, pattern in _NEG_PATTERNS:
        if not _screen(low, _NEG_SCREENS[kind]):
            continue
        m = pattern.search(sentence)
        if m and m.start() < negation_start:
            negation_cue, negation_kind, negation_start = m.group(0), kind, m.start()
    hedge = _HEDGES.search(sentence) if _screen(low, _HEDGE_SCREEN) else None
    claim = _CLAIM_VERBS.search(sentence) if _screen(low, _CLAIM_SCREEN) else None
    denial = _DENIALS.search(sentence) if _screen(low, _DENIAL_SCREEN) else None
    return Assessment(
        negated=negation_cue is not None,
        negation_cue=negation_cue,
        hedge=hedge.group(0) if hedge else None,
        claim_verb=claim.group(0) if claim else None,
        denied=denial is not None,
        negation_kind=negation_kind,
        denial_cue=denial.group(0) if denial else None,
    )


def is_negated(sentence: str, trigger_start: int, trigger_end: int) -> bool:
    """Whether the event cue at ``sentence[trigger_start:trigger_end]`` is negated in its clause.

    Looks only at the clause around the cue: a negator up to four words before
    it ("had not yet entered", "no civilians were killed", "failed to capture"),
    unless those words make it about knowledge ("not clear whether ... captured").
    "Repelled", "pushed back" and "foiled" negate a success cue (capture, take,
    fall, enter) but not the attack itself, which did happen; so does a failure
    after an attempt ("tried to capture ... but were pushed back").
    """
    n = len(sentence)
    trigger_start = max(0, min(trigger_start, n))
    trigger_end = max(trigger_start, min(trigger_end, n))
    clause_start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, trigger_start):
        clause_start = m.end()
    brk = _CLAUSE_BREAK.search(sentence, trigger_end)
    clause_end = brk.start() if brk else n
    pre = sentence[clause_start:trigger_start]
    neg = _PRE_NEG.search(pre)
    if neg:
        between = neg.group("between").lower().split()
        if not any(w in _PRE_NEG_BLOCK for w in between):
            return True
    if _SUCCESS_TRIGGER.search(sentence[trigger_start:trigger_end]):
        if _PRE_REPELLED.search(pre):
            return True
        if _POST_REPELLED.search(sentence[trigger_end:clause_end]):
            return True
        # "tried to capture the district but were pushed back": the failure ends the sentence.
        if _ATTEMPT_BEFORE.search(pre) and _ATTEMPT_FAILED.search(sentence, trigger_end):
            return True
    return False


# --- claim status ---------------------------------------------------------------


def claim_status(
    sources: Sequence[Source],
    assessment: Assessment,
    actor1_side: str | None,
    *,
    actors: ActorList | None = None,
) -> str:
    """The claim status of an event from its sources and how they word it.

    Called with the merged sources and assessment of every mention of one event
    in an article.  ``actor1_side`` is the actor side of the perpetrator
    (actors.json: "insurgent", "government"...).  First rule that applies wins:

    1. ``denied``: a source denies it (assessment.denied).
    2. ``unverified``: the text hedges it ("if true", "reportedly", "could not
       be verified", "it was not clear whether").
    3. ``confirmed``: sources on opposing sides agree (a police spokesman and a
       Taliban spokesman), or two distinct sources that are independent of each
       other: not on the same side, at least one of them independent
       (witnesses, residents, the UN, a hospital).
    4. ``claimed``: a claim verb ("claimed", "said it had", "boasted"), or every
       source speaks for the perpetrator's own side (a Taliban spokesman on a
       Taliban capture).
    5. ``reported``: anything else: one side, a neutral outlet or official,
       or no named source, without a hedge.
    """
    actors = actors or get_actor_list()
    if assessment.denied:
        return "denied"
    if assessment.hedge:
        return "unverified"
    unique = list(dict.fromkeys(sources))
    sides = [s.side for s in unique]
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            if a.name == b.name:
                continue
            if actors.opposed(a.side, b.side) or "independent" in (a.side, b.side):
                return "confirmed"
    if assessment.claim_verb:
        return "claimed"
    own = actors.source_side(actor1_side)
    if unique and own is not None and all(side == own for side in sides):
        return "claimed"
    return "reported"
