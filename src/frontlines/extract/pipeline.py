"""From a cleaned article to reports: one event as told by one article.

The pipeline reads sentence by sentence.  A sentence with an event cue (a
trigger from ``classify``) becomes a candidate; its place, actors, date,
counts and sources are resolved by the resolve stages; negated cues are
dropped.  Candidates that tell the same event (the lead's "a key district in
Kunduz province" and a later "Imam Sahib district") are merged, so that the
event carries every source that speaks of it, and its claim status is read
from all of them.  Reports come out in the order of the text: the first is
the article's main event.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from frontlines import EXTRACTOR_VERSION, settings, taxonomy
from frontlines.errors import InputError
from frontlines.extract.attribution import Assessment, assess, attribute, claim_status, is_negated
from frontlines.extract.classify import (
    Trigger,
    classify_sentence,
    in_spans,
    merged_spans,
    profile_spans,
)
from frontlines.extract.happened import is_tally, long_ago, not_happened, repelled
from frontlines.extract.merge import (
    _DISTINCT_KINDS,
    _GOVERNMENT_SIDES,
    _Candidate,
    _date_from_elaboration,
    _merge,
    _taker_from_earlier_capture,
)
from frontlines.extract.numbers import additional_kinds, count_detained, count_fatalities
from frontlines.extract.scope import apply_scope
from frontlines.extract.sentences import Sentence, split_sentences
from frontlines.records import Article, Mention, Place, Report, Resolution, Source
from frontlines.resolve.actors import ActorList, ActorMatch, get_actor_list
from frontlines.resolve.dates import DateResolution, resolve_date
from frontlines.resolve.places import Gazetteer, PlaceMatch, get_gazetteer, normalise
from frontlines.theatres import Theatre, get_theatre

# A place named right after one of these cues is a reference point, an origin or a
# destination ("drove from Mazar-e-Sharif", "neighbour of Imam Sahib", "the road to
# Kabul", "west of Kunduz"), never where the event happened.
_REFERENCE_CUE = re.compile(
    r"(?:\b(?:(?<!withdrew )(?<!withdrawn )(?<!retreated )(?<!pulled out )(?<!driven )"
    r"(?<!ousted )(?<!expelled )(?<!pushed back )(?<!evicted )from|for|"
    # "to Kabul" is a destination; "claimed to have captured Nahrin" is not.
    r"to(?!\s+(?:have|be|take|capture|seize|retake|recapture|enter|control|overrun|hold)\b)|"
    r"towards?|via|"
    r"neighbou?r(?:ing)? of|neighbou?rs|bordering|borders|border with|"
    # "in the west of Kabul" is in Kabul; "west of Kabul" is outside it.
    r"(?<!in the )(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|"
    r"(?:kilomet(?:er|re)s?|km|miles?)\)?\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?of|like|as in|"
    r"reaching|reached|left|leave|fled to|flee to|return(?:ed)? to|outside of|"
    r"(?:officials?|official|spokes(?:man|woman)|sources?|residents?|governor|police|ministry"
    r"|ministries|government|authorities|headquarters|command|office|embassy) in)"
    # "west of Afghanistan's capital Kabul"; "just southwest of the capital, Kabul" (a
    # fronted "West of the capital, Maidan Shar, ... fell" names the place itself).
    r"\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}"
    r"|\w\s+(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?"
    r"|(?:kilomet(?:er|re)s?|km|miles?))\s+of\s+the\s+(?:\w+\s+)?capital,\s+)$",
    re.IGNORECASE,
)
# "the Kunduz provincial council", "Kunduz police": the place names who speaks or acts,
# not where the event happened.  ("Kabul airport" is in Kabul: a facility keeps its place.)
_MODIFIER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:provincial\s+(?:council(?:l?ors?|\s+members?)?|police|governor|government"
    r"|officials?|spokes\w+)|police|governor|council(?:l?ors?)?|officials?|senators?|deputy"
    r"|deputies|residents?|elders?|lawmakers?|MPs?|traders?|journalists?"
    r"|spokes(?:man|woman|person)|health)\b",
    re.IGNORECASE,
)
#: How far before a place name its cue is looked for (the cues are a few words long).
_CUE_WINDOW = 80
# "Dozens of districts have fallen": an aggregate, not an event, unless a district is named.
_AGGREGATE = re.compile(
    r"\b(?:dozens|scores|several|many|most|all|a number|some|\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|a string|a series|other|a dozen|dozen)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:other\s+)?(?:[\w'’-]+\s+){0,2}?(?:districts|district\s+(?:centres|centers|headquarters))\b",
    re.IGNORECASE,
)
# "the district", "the town": a place named by its kind, referring to one named before.
_SEAT_NOUN = r"the\s+(district|town|city|provincial\s+capital)\b"
_SEAT_CUE = re.compile(rf"\b{_SEAT_NOUN}(?!\s+of\b)", re.IGNORECASE)
_DISTRICT_SEAT = re.compile(r"\bdistrict (?:headquarters|centre|center|compound|seat)\b", re.I)
# "took the nearby Panjwai district": an adjective, the place itself, not "near" it.
# "the district" refers back; "the town of Kunduz" names its place.
_ANAPHOR = re.compile(rf"\b{_SEAT_NOUN}(?!\s+(?:of|centre|center)\b)", re.IGNORECASE)
# A change of hands still to come: a modal or an intention right before the cue.
_INTENDED = re.compile(
    r"(?:\b(?:will|would|shall|could|might|may|should|must|can|going\s+to|about\s+to)"
    r"\s+(?:not\s+|soon\s+|quickly\s+|also\s+|easily\s+|never\s+)?"
    r"|\b(?:plan(?:s|ned|ning)?|vow(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)"
    r"|threaten(?:s|ed|ing)?|aim(?:s|ed|ing)?|intend(?:s|ed|ing)?|prepar(?:e|es|ed|ing)"
    r"|hop(?:e|es|ed|ing)|want(?:s|ed)?|seek(?:s|ing)?|sought|determined|ready|order(?:s|ed)?"
    r"|in\s+order|expected|set|poised|attempt(?:s|ed|ing)?|tr(?:y|ies|ied|ying)|bid"
    r"|operations?|offensive|push|efforts?|campaign|drive|mission|plans?|reinforcements"
    r"|sent|dispatched|deployed|mobili[sz]ed|rushed|flown\s+in)"
    r"\s+to\s+(?:\w+\s+)?)$",
    re.IGNORECASE,
)
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might|should)(?:\s+not)?\s+have\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
# A statement already made, in the past tense: it dates the event even when what it
# says concerns the future.
_PAST_STATEMENT = re.compile(
    r"\b(?:said|reaffirmed|announced|confirmed|stated|told|declared|warned|insisted|"
    r"reiterated|pledged|promised|vowed)\b",
    re.IGNORECASE,
)
_DEFENDED = re.compile(
    r"\b(?:defen[cds]\w*|resist\w*|held out|holding out|fought back|repel\w*)", re.IGNORECASE
)
# "40 Taliban fighters had been killed", "three civilians were wounded": done to them.
_PASSIVE_HARM = re.compile(
    r"\W{0,3}(?:[\w-]+\s+){0,3}?(?:was|were|had\s+been|have\s+been|has\s+been|are|is|being)"
    r"\s+(?:\w+\s+)?(?:killed|wounded|injured|arrested|detained|captured|targeted|attacked"
    r"|executed|abducted|kidnapped|shot|slain|martyred|hurt|beheaded)\b"
    r"|\W{0,3}(?:[\w-]+\s+){0,3}?(?:had\s+|have\s+|has\s+)?suffered\s+(?:heavy\s+)?"
    r"(?:losses|casualties|defeats?)\b",
    re.IGNORECASE,
)
_ONE_SIDED_EVENT_TYPES = frozenset({taxonomy.VIOLENCE_CIVILIANS, taxonomy.EXPLOSIONS})
_DESTINATION = re.compile(r"\b(?:to|towards?|into|for|via)\b", re.IGNORECASE)
_LEAVING = re.compile(
    r"(?:withdr[ae]w|withdrawn|withdrawing|withdraws?|pull(?:ed|s|ing)?\s+out|retreated|abandon"
    r"|vacat|left|leaving|began\s+leaving|evacuated)",
    re.IGNORECASE,
)
_NAME_IN = re.compile(r"(?-i:[A-Z][\w'’-]+)\s+(?:districts?\s+)?in\s+(?:the\s+)?$", re.I)
_IN_PROVINCE = re.compile(r"\s+(?:districts?\s+)?in\s+(?:the\s+)?", re.IGNORECASE)
_CONJOINED = re.compile(r"\s*(?:,|and|or|as\s+well\s+as)\s*(?:\w+\s+)?", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_HARM_EVENT_TYPES = frozenset({taxonomy.BATTLES, *_ONE_SIDED_EVENT_TYPES})
#: Sides that take ground in a non-violent transfer when named with the side that leaves.
_TAKER_SIDES = frozenset({"insurgent", "resistance", "other"})
_NAMES_SEVERAL = re.compile(r"\bdistricts\b|\bincluding\b|\bsuch as\b|\bamong them\b", re.I)
_PROVINCE_PRECISION = 3


# Where one clause ends and another begins: "..., when the Taliban overran ...",
# "..., and in Kandahar the Taliban took ...", "..., tightening the ring around ...".
_CLAUSE_BREAK = re.compile(
    r",\s+(?:when|while|as|after|before|where|which|whereas|but|and|tightening|adding|"
    r"bringing|leaving|putting|pushing|raising|cutting|threatening|following)\b|;|\s[-\u2013\u2014]\s",
    re.IGNORECASE,
)


def _scope_to_trigger(
    text: str, matches: Sequence[PlaceMatch], trigger: Trigger
) -> list[PlaceMatch]:
    """The place matches inside the cue ("overran Qaisar and Dawlatabad"), else those
    in the cue's clause: a place named in another clause is somewhere else."""
    if trigger.subject_place:
        # "Sar-e Pul city, the capital of Sar-e Pul province, and Taloqan, the capital
        # of Takhar, also fell": what fell is named before the verb.
        return [m for m in matches if m.start < trigger.end]
    inside = [m for m in matches if trigger.start <= m.start < trigger.end]
    if inside:
        # "took Nahrin, Doshi and Khinjan": the cue's object runs on past the cue.
        for m in matches:
            if m.start > inside[-1].start and _JOINER.fullmatch(text, inside[-1].end, m.start):
                inside.append(m)
        return inside
    start, end = 0, len(text)
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.end() <= trigger.start:
            start = brk.start()
        elif brk.start() >= trigger.end:
            end = brk.start()
            break
    return [m for m in matches if start <= m.start < end]


def _is_aggregate(
    text: str,
    trigger: Trigger,
    places: Sequence[tuple[Place, Resolution]],
    matches: Sequence[PlaceMatch] = (),
) -> bool:
    """True when the territorial cue is about a number of districts ("more than 20
    districts have fallen", "have taken several districts") and names none of them.
    "Dasht-e Archi and Qala-i-Zal, two other districts of Kunduz" names them."""
    if not any(p.geo_precision != _PROVINCE_PRECISION for p, _ in places):
        return _AGGREGATE.search(text) is not None
    if re.search(r"\bincluding\b|\bsuch as\b|\bamong them\b", text, re.I):
        return False
    for m in _AGGREGATE.finditer(text):
        appositive = text[: m.start()].rstrip().endswith(",") and any(
            0 <= m.start() - p.end <= 4 for p in matches if p.feature_hint != "province"
        )
        if appositive:
            continue
        # The aggregate is the cue's subject, its object, or inside the cue itself.
        if m.start() < trigger.end + 30 and m.end() > trigger.start - 60:
            return True
    return False


_FEATURE_RANK = {
    "district": 0,
    "city": 1,
    "town": 1,
    "village": 2,
    "near": 3,
    "province": 4,
    "country": 5,
}


_MAY_HAVE_DATE = re.compile(
    r"\d|day\b|night|morning|evening|week|month|year|yesterday|today|tonight|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|earlier|recent",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Context:
    """What earlier sentences said about where and when.

    A sentence that reports an event without naming its place or day ("The
    security force detained two more suspects") belongs to the place and day
    set earlier in its paragraph; the article's first event may also take them
    from the lead.  Each inheritance is recorded as a resolution.
    """

    paragraph: int = 0
    admin1: str | None = None
    place: tuple[Place, Resolution] | None = None
    date: DateResolution | None = None
    article_place: tuple[Place, Resolution] | None = None
    article_date: DateResolution | None = None
    #: The place of the latest paragraph that named one, for "the district" further on.
    last_place: tuple[Place, Resolution] | None = None
    #: The place each sentence named, in order (None where it named none).
    sentence_place: tuple[Place, Resolution] | None = None
    by_sentence: list[tuple[Place, Resolution] | None] = field(default_factory=list)

    def new_paragraph(self, paragraph: int) -> None:
        self.paragraph = paragraph
        if self.place is not None:
            self.last_place = self.place
        self.place = None
        self.date = None

    def inherited_place(self, is_lead: bool) -> tuple[Place, Resolution] | None:
        found = self.place or (self.article_place if is_lead else None)
        if found is None:
            return None
        place, resolution = found
        why = "from an earlier sentence of the paragraph" if self.place else "from the lead"
        return place, Resolution(
            "place", resolution.mention, resolution.chosen, f"inherited {why}: {resolution.reason}"
        )

    def inherited_date(self, is_lead: bool) -> DateResolution | None:
        found = self.date or (self.article_date if is_lead else None)
        if found is None:
            return None
        why = "from an earlier sentence of the paragraph" if self.date else "from the lead"
        return DateResolution(
            found.event_date,
            found.time_precision,
            f"inherited {why}: {found.reason}",
            found.expression,
            found.future,
            found.basis,
        )


# What a strike or an attack is aimed at, right after its cue: "on Taliban positions",
# "against the police", "targeting Taliban hideouts".
_AIMED_AT = re.compile(
    r"\s*(?:on|against|targeting|targeted\s+at|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?", re.I
)
_AIMED_REACH = 40


class Extractor:
    """Extracts reports from articles with one theatre's gazetteer and actor list."""

    def __init__(self, theatre: Theatre | str | None = None) -> None:
        self.theatre = theatre if isinstance(theatre, Theatre) else get_theatre(theatre)
        self.gazetteer: Gazetteer = get_gazetteer(self.theatre.name)
        self.actors: ActorList = get_actor_list(self.theatre.name)
        self._province_keys: dict[str, str] | None = None
        self._period = _period_of(self.theatre)
        #: The theatre's protesters (ACLED inter code 6), actor1 of every peaceful protest.
        self._protesters = next((a for a in self.actors.actors if a.inter == 6), None)

    # -- public --------------------------------------------------------------

    def extract(self, article: Article) -> list[Report]:
        """Reports of ``article`` in text order; the first is the main event."""
        article = self._date_by_period(article)
        sentences = split_sentences(article.text)
        if not sentences:
            return []
        sources_by_sentence = attribute([s.text for s in sentences], actors=self.actors)
        candidates: list[_Candidate] = []
        context = _Context()
        last_change: tuple[int, Trigger] | None = None
        for index, sentence in enumerate(sentences):
            if sentence.paragraph != context.paragraph:
                context.new_paragraph(sentence.paragraph)
            found = classify_sentence(sentence.text)
            triggers = _main_triggers([t for t in found if not t.background])
            if triggers and triggers[0].sub_event_type in taxonomy.TERRITORIAL:
                last_change = (index, triggers[0])
            elif not triggers and last_change is not None:
                listed = _listed_change(sentence.text, index, last_change)
                triggers = [listed] if listed is not None else []
            # Places and days inside a profile of someone ("responsible for attacks in
            # Kabul last May") are not where or when anything in this report happened.
            scan = sentence.text
            if any(t.background for t in found):
                scan = _blank(scan, profile_spans(scan))
            matches = self._places_in(scan)
            whole = (
                self._places_in(sentence.text)
                if triggers
                and scan is not sentence.text
                and all(m.feature_hint == "province" for m in matches)
                else None
            )
            if whole is not None and len(whole) > len(matches):
                # The event has no place of its own finer than a province outside the
                # profile ("detained a leader responsible for the attack in Zharay
                # district", "in Kunduz province, police detained men suspected of
                # planting a bomb in Khan Abad district"): the profile's place is then
                # the best there is.
                scan, matches = sentence.text, whole
            province = self._province_in(matches)
            # One date resolution per sentence serves both its event and the context.
            dated = (
                resolve_date(scan, article.published, default="none", year_hint=article.year_hint)
                if triggers or _MAY_HAVE_DATE.search(scan)
                else None
            )
            here = sources_by_sentence[index] if index < len(sources_by_sentence) else []
            claim = (
                _CLAIMS_RESPONSIBILITY.search(sentence.text) if triggers and candidates else None
            )
            if claim and self._claim_latest_attack(candidates, sentence.text, claim, here):
                triggers = []  # the claim is of the attack told before, not a new one
            denial = _DENIES_CLAIM.search(sentence.text) if not triggers and candidates else None
            if denial:
                self._deny_latest_capture(candidates, denial, here)
            elif not triggers and candidates and candidates[-1].order >= index - _ECHO_REACH:
                _echo_latest(candidates, sentence.text, here)
            if triggers:
                chosen = self._choose_trigger(sentence.text, triggers, matches)
                for trigger in [chosen, *_second_changes(sentence.text, chosen, triggers, matches)]:
                    candidates.extend(
                        self._candidates(
                            index,
                            sentence,
                            trigger,
                            matches,
                            province or context.admin1,
                            here,
                            article.published,
                            context,
                            dated,
                            is_lead=not candidates,
                        )
                    )
            self._update_context(context, scan, matches, province, dated)
            context.by_sentence.append(context.sentence_place)
        _place_from_later(candidates, sentences, context.by_sentence, self.theatre.country)
        merged = _merge(candidates)
        _date_from_elaboration(merged)
        _taker_from_earlier_capture(merged)
        self._name_defenders(merged, sentences)
        reports: list[Report] = []
        for c in merged:
            if long_ago("", c.date.event_date, article.published):
                continue  # dated long before publication: history retold, not news
            if (
                (
                    c.place is None
                    or (c.admin1 is None and c.sub_event_type not in taxonomy.TERRITORIAL)
                )
                and c.order > 0
                and c.fatalities is None
                and c.detained is None
                and c.sub_event_type not in _DISTINCT_KINDS
            ):
                # An event placed nowhere (or only in the country), after the lead and
                # without a count: a passing mention ("people were carrying the injured
                # to hospitals", "Hazaras are often the target of attacks"), not one the
                # article tells.
                continue
            reports.extend(self._reports(article, c))
        # How far each change of hands reaches (a district, a province, the country).
        return apply_scope(
            reports,
            article,
            sentences,
            gazetteer=self.gazetteer,
            actors=self.actors,
            country=self.theatre.country,
            insurgent=self.theatre.meta.get("insurgent_actor"),
            extractor_version=EXTRACTOR_VERSION,
        )

    def _date_by_period(self, article: Article) -> Article:
        """Give a year to a dateline that has none ("KABUL, July 14 (Reuters)") when the
        theatre's period holds that day in exactly one year; otherwise leave it undated.

        Wire copy pasted from an archive often keeps only the day and month; without a
        year no relative date ("on Tuesday") could be placed on the timeline at all.
        """
        if (
            article.published is not None
            or article.dateline_month_day is None
            or self._period is None
        ):
            return article
        start, end = self._period
        month, day = article.dateline_month_day
        found: list[date] = []
        for year in range(start.year, end.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if start <= candidate <= end:
                found.append(candidate)
        if len(found) != 1:
            return article
        note = (
            f"the dateline gives {found[0]:%B} {day} without a year; dated "
            f"{found[0].isoformat()}, the only such day in the {self.theatre.name} theatre's "
            f"period ({start.isoformat()} to {end.isoformat()})"
        )
        return dataclasses.replace(
            article,
            published=found[0],
            published_source="theatre",
            warnings=(*article.warnings, note),
        )

    def _claim_latest_attack(
        self,
        candidates: Sequence[_Candidate],
        text: str,
        claim: re.Match[str],
        sources: Sequence[Source],
    ) -> bool:
        """ "ISIS-K claimed responsibility for the attack": the claimant becomes actor1
        of the latest act of violence told before, if it names none or only "gunmen",
        and the sentence's sources join it.  The event keeps the status its own
        sources give: the claim is of who did it, not of whether it happened.  True
        when the sentence was taken so."""
        latest = next(
            (
                c
                for c in reversed(candidates)
                if c.trigger.event_type in _HARM_EVENT_TYPES
                and c.sub_event_type not in taxonomy.TERRITORIAL
            ),
            None,
        )
        if latest is None:
            return False
        claimants = [a for a in self.actors.find(text) if a.end <= claim.start()]
        current = self.actors.get(latest.actor1) if latest.actor1 else None
        if claimants and (latest.actor1 is None or (current is not None and current.placeholder)):
            latest.actor1, latest.actor1_side = claimants[-1].name, claimants[-1].side
            latest.resolutions.append(
                Resolution(
                    "actor",
                    claimants[-1].surface,
                    claimants[-1].name,
                    "actor1: claimed responsibility for the attack in a later sentence",
                )
            )
        for source in sources:
            if source not in latest.sources:
                latest.sources.append(source)
        return True

    def _deny_latest_capture(
        self, candidates: Sequence[_Candidate], denial: re.Match[str], sources: Sequence[Source]
    ) -> None:
        """ "Interior ministry spokesman Tariq Arian denied the claim": a sentence that
        only denies what was told before marks the latest change of territory denied,
        with its speakers among the event's sources (the split into claim and denial
        reports happens when the reports are made)."""
        latest = next(
            (c for c in reversed(candidates) if c.sub_event_type in taxonomy.TERRITORIAL), None
        )
        if latest is None or not sources:
            return
        latest.assessment = dataclasses.replace(
            latest.assessment, denied=True, denial_cue=denial.group(0)
        )
        for source in sources:
            if source not in latest.sources:
                latest.sources.append(source)

    def _places_in(self, text: str) -> list[PlaceMatch]:
        """Place names in ``text``, less those inside an actor's name: the Islamic
        Movement of Uzbekistan does not put an event in Uzbekistan."""
        matches = self.gazetteer.find_places(text)
        if not matches:
            return matches
        spans = sorted((a.start, a.end) for a in self.actors.find(text))
        if not spans:
            return matches
        # Only spans starting at most the longest span's length before a place can hold
        # it: a bisection instead of a scan of every actor for every place.
        los = [lo for lo, _ in spans]
        longest = max(hi - lo for lo, hi in spans)
        return [
            m
            for m in matches
            if not any(
                lo <= m.start and m.end <= hi and hi - lo > m.end - m.start
                for lo, hi in spans[
                    bisect.bisect_left(los, m.start - longest) : bisect.bisect_right(los, m.start)
                ]
            )
        ]

    def _name_defenders(
        self, candidates: Sequence[_Candidate], sentences: Sequence[Sentence]
    ) -> None:
        """A capture's actor2 is the side that lost the ground.  When its sentence does
        not name it, take the government force that the article says defended that
        place: a sentence naming the place, or "the district" right after its capture
        ("police and army soldiers jointly attempted to defend the district")."""
        needy = [
            c
            for c in candidates
            if c.sub_event_type == taxonomy.NSA_OVERTAKES and c.actor2 is None and c.place
        ]
        if not needy:
            return
        captures = sorted(
            (c for c in candidates if c.sub_event_type in taxonomy.TERRITORIAL),
            key=lambda c: c.order,
        )
        orders = [c.order for c in captures]
        for index, sentence in enumerate(sentences):
            if not _DEFENDED.search(sentence.text):
                continue
            defender = next(
                (a for a in self._event_actors(sentence.text) if a.side == "government"), None
            )
            if defender is None:
                continue
            low = sentence.text.lower()
            k = bisect.bisect_right(orders, index)
            latest = captures[k - 1] if k else None
            refers_back = _ANAPHOR.search(sentence.text) is not None
            for c in needy:
                where = (c.place.location or "").lower() if c.place else ""
                named = bool(where) and where in low
                anaphoric = refers_back and latest is c
                if c.actor2 is None and c.actor1 != defender.name and (named or anaphoric):
                    c.actor2 = defender.name
                    c.resolutions.append(
                        Resolution(
                            "actor",
                            defender.surface,
                            defender.name,
                            "actor2: the government force said to have defended the place",
                        )
                    )

    def _update_context(
        self,
        context: _Context,
        text: str,
        matches: Sequence[PlaceMatch],
        province: str | None,
        found: DateResolution | None,
    ) -> None:
        """Remember the place and date a sentence sets, for the sentences that follow."""
        if province:
            context.admin1 = province
        best: tuple[int, Place, Resolution] | None = None
        for match in matches:
            if (
                _REFERENCE_CUE.search(text, max(0, match.start - _CUE_WINDOW), match.start)
                or _MODIFIER_AFTER.match(text, match.end)
                or _in_facility_name(text, match)
            ):
                continue
            place, resolution = self.gazetteer.resolve(
                match, admin1_hint=province or context.admin1
            )
            if place.country != self.theatre.country or place.feature == "country":
                continue
            rank = _FEATURE_RANK.get(match.feature_hint or place.feature, 3)
            if best is None or rank < best[0]:
                best = (rank, place, resolution)
        context.sentence_place = (best[1], best[2]) if best is not None else None
        if best is not None:
            context.place = (best[1], best[2])
            if context.article_place is None:
                context.article_place = context.place
        # Only a named day carries over: "in recent days" said of one thing is no date
        # for the next sentence's event.
        if (
            found is not None
            and _MAY_HAVE_DATE.search(text)
            and found.event_date is not None
            and found.time_precision == 1
        ):
            context.date = found
            if context.article_date is None:
                context.article_date = found

    # -- candidates ------------------------------------------------------------

    def _choose_trigger(
        self, text: str, triggers: Sequence[Trigger], matches: Sequence[PlaceMatch]
    ) -> Trigger:
        """The cue that codes the sentence: a change of territory first, and among
        those the first whose own clause names a place ("Qalat ... was taken by the
        Taliban, ..., adding that officials had withdrawn to a base")."""
        first = triggers[0]
        if first.sub_event_type not in taxonomy.TERRITORIAL:
            # Of the cues of the winning kind, the first in the text: its subject is the
            # one who acted ("Taliban fighters attacked ... after hours of fighting").
            same = [t for t in triggers if t.sub_event_type == first.sub_event_type]
            return min(same, key=lambda t: t.start)
        for trigger in triggers:
            if trigger.sub_event_type not in taxonomy.TERRITORIAL:
                break
            if _scope_to_trigger(text, matches, trigger):
                return trigger
        return first

    def _candidates(
        self,
        index: int,
        sentence: Sentence,
        trigger: Trigger,
        matches: Sequence[PlaceMatch],
        admin1_hint: str | None,
        sources: Sequence[Source],
        published: date | None,
        context: _Context,
        dated: DateResolution | None,
        *,
        is_lead: bool,
    ) -> list[_Candidate]:
        text = sentence.text
        if is_negated(text, trigger.start, trigger.end):
            return []
        # The cheap refusals first: they need only the words before the cue.
        if _COUNTERFACTUAL.search(text, max(0, trigger.start - 40), trigger.start):
            return []  # "would have taken the town if not for air strikes"
        if _is_territorial(trigger) and _INTENDED.search(
            text, max(0, trigger.start - 60), trigger.start
        ):
            return []  # "would soon retake the area", "vowed to recapture": not yet done
        if repelled(text, trigger):
            # "Taliban attacks in Nijrab were pushed back": fighting, no change of hands.
            trigger = dataclasses.replace(
                trigger,
                sub_event_type=taxonomy.ARMED_CLASH,
                event_type=taxonomy.event_type_of(taxonomy.ARMED_CLASH),
                invert=False,
            )
        if not_happened(text, trigger) or is_tally(text, trigger):
            return []  # "in danger of falling", "244 killed in the last 24 hours"
        assessment = assess(text)
        starts, ends = merged_spans(profile_spans(text))
        # An actor inside a profile or a background clause ("since the United States
        # began withdrawing") takes no part in this event.
        actor_matches = [a for a in self._event_actors(text) if not in_spans(a.start, starts, ends)]
        claimant = self._self_claimant(text)
        if claimant is not None and not any(a.name == claimant.name for a in actor_matches):
            actor_matches = [claimant, *actor_matches]
        if _is_territorial(trigger) and not trigger.invert and _ENDS_WITH_TO.search(trigger.cue):
            # "Security forces left Nijrab, while Tagab fell to the group": the taker of
            # "fell to" is its object, named or not; a subject before it lost the place.
            subject = next(
                (a for a in reversed(actor_matches) if a.end <= trigger.start and a.side),
                None,
            )
            actor_matches = [a for a in actor_matches if a.start >= trigger.end]
            actor1, actor2, actor1_side = self._code_actors(actor_matches, trigger, text)
            if actor2 is None and subject is not None and subject.name != actor1:
                actor2 = subject.name
        else:
            actor1, actor2, actor1_side = self._code_actors(actor_matches, trigger, text)
        responsible = _CLAIMS_RESPONSIBILITY.search(text)
        if responsible is not None and not _is_territorial(trigger):
            # "The Taliban claimed responsibility for the attack ...": the claimant is
            # the attacker, whoever else the sentence names.
            claimant_match = next(
                (a for a in reversed(self.actors.find(text)) if a.end <= responsible.start()),
                None,
            )
            if claimant_match is not None and claimant_match.name != actor1:
                if actor2 is None or actor2 == claimant_match.name:
                    actor2 = actor1
                actor1, actor1_side = claimant_match.name, claimant_match.side
        subject_named = any(a.name == actor1 and a.end <= trigger.start for a in actor_matches)
        if trigger.subject_place and actor1_side not in _GOVERNMENT_SIDES:
            # "The Taliban launched their attack and the district fell": what fell is the
            # place; an attacker named before it took it, it did not lose it.
            subject_named = False
        if _is_territorial(trigger) and trigger.invert and subject_named:
            # "before they were driven out", "the army lost control of": the subject is
            # the side that lost the ground; the taker is whoever else is named.
            actor1, actor2 = actor2, actor1
            gainer = self.actors.get(actor1) if actor1 else None
            actor1_side = gainer.side if gainer else None
            loser = self.actors.get(actor2) if actor2 else None
            if actor1_side is None and loser is not None:
                # No taker named: the side opposite the loser took it.
                lost_by_government = loser.side in _GOVERNMENT_SIDES
                trigger = dataclasses.replace(
                    trigger,
                    sub_event_type=(
                        taxonomy.NSA_OVERTAKES if lost_by_government else taxonomy.GOV_REGAINS
                    ),
                )
        if _is_territorial(trigger) and not assessment.denied:
            counter = _COUNTER_CLAIM.search(text, trigger.end)
            taker = actor1_side or next((s.side for s in sources if s.side), None)
            if (
                counter is not None
                and taker is not None
                and _CONTRAST.search(text, trigger.end, counter.start())
                and any(s.side == taker for s in sources)
                and any(self.actors.opposed(s.side, taker) for s in sources)
            ):
                # "seized the crossing, the group said, but the ministry said the attack
                # had been repelled": the other side's account is a denial of the capture.
                # A council member telling the capture while the army holds the airport
                # is no such dispute: both speak for the same side.
                assessment = dataclasses.replace(
                    assessment, denied=True, denial_cue=counter.group(0)
                )
        sub_event_type = self._direct_territory(trigger.sub_event_type, actor1_side)
        sub_event_type = self._recode_attack(sub_event_type, actor_matches)
        if sub_event_type == taxonomy.PEACEFUL_PROTEST:
            # ACLED codes a peaceful protest by its protesters alone; whom they rally for
            # or against ("in support of the security forces") is what it is about.
            protesters = self._protesters
            if protesters is not None:
                actor1, actor2, actor1_side = protesters.name, None, protesters.side
        if sub_event_type == taxonomy.OTHER and actor1 is None:
            # A statement or an order ("Taliban leader ... issued a statement ordering"):
            # whoever speaks acts.
            speaker = next(
                (
                    a
                    for a in self.actors.find(text)
                    if self._SPEAKER_AFTER.match(text[a.end : a.end + 30])
                ),
                None,
            )
            if speaker is not None:
                actor1, actor1_side = speaker.name, speaker.side
        if (
            sub_event_type in (taxonomy.NSA_OVERTAKES, taxonomy.GOV_REGAINS)
            and not assessment.denied
            and _STILL_HELD.search(text)
        ):
            # "forces still controlled the district centre but the Taliban had taken 12
            # villages around it": ground was lost around a centre still held; the
            # district is fought over, not handed over.
            sub_event_type = taxonomy.ARMED_CLASH

        places = self._event_places(text, matches, trigger, admin1_hint)
        if (
            not places
            and sub_event_type in taxonomy.TERRITORIAL
            and any(m.near and m.start >= trigger.start for m in matches)
        ):
            return []  # "evacuated the outskirts of Faizabad": not the city, nor one before
        if not places and trigger.subject_place and not _ANAPHOR.search(text, 0, trigger.start):
            return []  # "Rain fell on Sunday": only a place ("the district") falls
        if sub_event_type in taxonomy.TERRITORIAL and _is_aggregate(text, trigger, places, matches):
            return []  # "dozens of districts have fallen": no single event to code
        if not places and _AGGREGATE.search(text):
            return []  # "60 districts have been captured or are being fought over": a tally

        date_res = dated or resolve_date(text, published, default="none")
        if date_res.future and sub_event_type not in _DISTINCT_KINDS:
            return []  # a plan or a forecast ("would withdraw in September") is no event yet
        if date_res.future and published is not None and _PAST_STATEMENT.search(text):
            # "The Pentagon reaffirmed that the withdrawal will end in early September":
            # the event is the statement, made by publication; the plan's date is kept.
            date_res = DateResolution(
                published.isoformat(),
                1,
                f"a statement about a future date ({date_res.event_date}): dated to "
                "publication, when it was made",
                date_res.expression,
                False,
            )
        if long_ago(text, date_res.event_date if date_res.basis == "event" else None, published):
            return []  # "the heaviest fighting ... a decade ago", "on October 2, 2015"
        if date_res.event_date is None:
            date_res = context.inherited_date(is_lead) or resolve_date(
                text, published, default="published" if is_lead else "week"
            )
        date_res = _offset_by_after(text, trigger, date_res)
        fatalities = count_fatalities(text)
        detained = count_detained(text)
        mentions = [Mention("trigger", trigger.cue, trigger.start, trigger.end, sub_event_type)]
        mentions += [Mention("actor", a.surface, a.start, a.end, a.name) for a in actor_matches]
        date_resolution = Resolution(
            "date", date_res.expression or "", date_res.event_date, date_res.reason
        )
        # A territorial sentence naming several districts tells one event per district.
        chosen: list[tuple[Place, Resolution]] = places[:1]
        if sub_event_type in taxonomy.TERRITORIAL and (
            _NAMES_SEVERAL.search(text)
            or trigger.subject_place
            or _coordinated(text, matches, trigger)
        ):
            districts = [p for p in places if p[0].admin2 and p[0].geo_precision != 3]
            chosen = districts or chosen
        targets: list[tuple[Place | None, Resolution | None]] = list(chosen)
        if not targets:
            inherited = context.inherited_place(is_lead)
            anaphor = _ANAPHOR.search(text)
            if inherited is None and anaphor and context.last_place:
                # "retreated from the district headquarters": the district named last.
                last, why = context.last_place
                reason = f"'the {anaphor.group(1)}': the place named last ({why.reason})"
                inherited = (last, Resolution("place", why.mention, why.chosen, reason))
            targets = [inherited] if inherited else [(None, None)]
        out = []
        for place, place_res in targets:
            resolutions = [date_resolution]
            if place_res is not None:
                resolutions.insert(0, place_res)
            out.append(
                _Candidate(
                    order=index,
                    sentence=sentence,
                    trigger=trigger,
                    sub_event_type=sub_event_type,
                    place=place,
                    place_resolution=place_res,
                    actor1=actor1,
                    actor2=actor2,
                    actor1_side=actor1_side,
                    date=date_res,
                    fatalities=fatalities,
                    detained=detained,
                    sources=list(sources),
                    assessment=assessment,
                    mentions=list(mentions),
                    resolutions=resolutions,
                    added=additional_kinds(text),
                )
            )
        return out

    def _province_in(self, matches: Sequence[PlaceMatch]) -> str | None:
        for match in matches:
            if match.feature_hint == "province":
                place, _ = self.gazetteer.resolve(match)
                if place.admin1 and place.country == self.theatre.country:
                    return place.admin1
        return None

    def _event_places(
        self,
        text: str,
        matches: Sequence[PlaceMatch],
        trigger: Trigger,
        admin1_hint: str | None = None,
    ) -> list[tuple[Place, Resolution]]:
        """The places where the event happened, best first.

        Reference points ("west of Kunduz"), origins and destinations, and names
        used as modifiers ("Kunduz police") are left out.  A change of territory
        happens where its cue says ("overran Qaisar and Dawlatabad"), else in the
        cue's own clause; it never happens "around" or "near" a place.
        """
        territorial = trigger.sub_event_type in taxonomy.TERRITORIAL
        usable = [
            m
            for m in matches
            if (
                # "left Bagram air base": inside a withdrawal's own cue, "left" names
                # the place given up, not an origin ("withdrew to Andkhoy" still goes to).
                (
                    territorial
                    and trigger.start <= m.start < trigger.end
                    and not _DESTINATION.search(text, trigger.start, m.start)
                )
                or not _REFERENCE_CUE.search(text, max(0, m.start - _CUE_WINDOW), m.start)
            )
            and not _MODIFIER_AFTER.match(text, m.end)
            and not (territorial and m.near)
            and not _in_facility_name(text, m)
        ]
        if territorial:
            named = usable
            usable = _scope_to_trigger(text, named, trigger)
            if not usable and _DISTRICT_SEAT.search(trigger.cue):
                # "fighting around Imam Sahib district ... the Taliban had invaded the
                # district headquarters": the seat taken is that district's.
                usable = [m for m in matches if m.feature_hint == "district"][:1]
            seat = _SEAT_CUE.search(trigger.cue)
            if not usable and seat:
                # "fighting raged in the city of Lashkar Gah ..., as the Taliban pushed
                # into the city centre": the city this sentence named.
                kind = "district" if seat.group(1).lower() == "district" else "city"
                usable = [m for m in named if m.feature_hint == kind][:1] or [
                    m for m in named if m.feature_hint != "province"
                ][:1]
        usable, hints = self._province_after(text, usable, matches)
        resolved = [(m, *self._resolve_hinted(m, hints.get(m.start), admin1_hint)) for m in usable]
        # A bare "Kandahar" next to a district of Kandahar province means the province.
        named_districts = {
            p.admin1 for m, p, _ in resolved if m.feature_hint == "district" and p.admin2
        }
        ranked: list[tuple[tuple[int, int, int], Place, Resolution]] = []
        for match, place, resolution in resolved:
            if (
                match.feature_hint is None
                and place.admin1 in named_districts
                and place.feature in ("district", "city")
                and normalise(match.text) == normalise(place.admin1 or "")
            ):
                continue
            in_theatre = place.country == self.theatre.country
            if place.feature in ("country", "world_city"):
                rank = _FEATURE_RANK["country"]
            else:
                rank = _FEATURE_RANK.get(match.feature_hint or place.feature, 3)
            distance = min(abs(match.start - trigger.end), abs(trigger.start - match.end))
            if trigger.start <= match.start < trigger.end:
                distance = 0
            ranked.append(((0 if in_theatre else 1, rank, distance), place, resolution))
        ranked.sort(key=lambda item: item[0])
        seen: set[tuple[str | None, str | None, str | None]] = set()
        out: list[tuple[Place, Resolution]] = []
        for _, place, resolution in ranked:
            key = (place.admin1, place.admin2, place.location)
            if key in seen:
                continue
            seen.add(key)
            out.append((place, resolution))
        return out

    def _resolve_hinted(
        self, m: PlaceMatch, hint: str | None, admin1_hint: str | None
    ) -> tuple[Place, Resolution]:
        if hint is not None and normalise(m.text) == normalise(hint):
            place = self.gazetteer.province(hint)
            return place, Resolution(
                "place", m.text, hint, f"'{m.text}' after a name and 'in': the province"
            )
        return self.gazetteer.resolve(m, admin1_hint=hint or admin1_hint)

    def _province_after(
        self, text: str, usable: Sequence[PlaceMatch], matches: Sequence[PlaceMatch]
    ) -> tuple[list[PlaceMatch], dict[int, str]]:
        """ "Obe in Herat, Saghar in Ghor": a province named right after a place with
        "in" is where that place lies, not a place of its own.  Returns the places
        left and the province hint of each place (by its start)."""
        if self._province_keys is None:
            self._province_keys = {
                normalise(p.admin1 or ""): p.admin1 or "" for p in self.gazetteer.provinces()
            }
        hints: dict[int, str] = {}
        dropped: set[int] = set()
        for m in matches:
            # "Obe in Herat" with "Obe" unknown: "Herat" is still the province, not its city.
            province = self._province_keys.get(normalise(m.text))
            if province and m.feature_hint is None and _NAME_IN.search(text, 0, m.start):
                hints[m.start] = province
        for m in usable:
            nxt = _IN_PROVINCE.match(text, m.end)
            if nxt is None:
                continue
            after = next((p for p in matches if p.start == nxt.end()), None)
            province = self._province_keys.get(normalise(after.text)) if after else None
            if after is not None and province and after.feature_hint != "city":
                hints[m.start] = province
                dropped.add(after.start)
        return [m for m in usable if m.start not in dropped], hints

    # -- actors ----------------------------------------------------------------

    _SPEAKER_AFTER = re.compile(
        r"^\W{0,2}(?:spokes(?:man|woman|person)|official|officials|chief|commander|"
        r"statement|said|says|told|claimed|denied|confirmed|leader|media|website|sources?|"
        r"rejected|dismissed|insisted|announced|stated|added|reported|tweeted|wrote)\b",
        re.IGNORECASE,
    )

    # "police headquarters", "army base": a target or a place, not a participant.
    _FACILITY_AFTER = re.compile(
        r"^\W{0,2}(?:headquarters|hq|station|stations|checkpoints?|check posts?|posts?|"
        r"outposts?|bases?|compound|barracks|building|vehicles?|convoy|academy|recruits?)\b",
        re.IGNORECASE,
    )

    # "The Taliban said they had taken ...": a speaker claiming its own action.
    _SELF_CLAIM = re.compile(
        r"^\W{0,2}(?:said|says|claimed|claims|announced|stated)\b(?:\s+(?:on|late|early)\s+\w+)?"
        r"(?:\s+in\s+a\s+statement)?,?\s+(?:that\s+)?(?:they|it|its|their)\b",
        re.IGNORECASE,
    )

    def _self_claimant(self, text: str) -> ActorMatch | None:
        """The speaker of a self-claim ("the Taliban said they had captured ...")."""
        for a in self.actors.find(text):
            if self._SELF_CLAIM.match(text[a.end : a.end + 60]):
                return a
        return None

    def _event_actors(self, text: str) -> list[ActorMatch]:
        """Actor mentions that take part in the event: not speakers ("police said")
        and not facilities ("the police headquarters")."""
        return [
            a
            for a in self.actors.find(text)
            if not self._SPEAKER_AFTER.match(text[a.end : a.end + 30])
            and not self._FACILITY_AFTER.match(text[a.end : a.end + 20])
            # "told reporters", "briefed journalists": whom a speaker spoke to
            and not _ADDRESSEE_BEFORE.search(text[max(0, a.start - 20) : a.start])
            # "ordering his soldiers": someone's own men, not the army of the theatre
            and not (
                _POSSESSIVE_BEFORE.search(text[max(0, a.start - 8) : a.start])
                and _GENERIC_FORCE.fullmatch(a.surface)
            )
        ]

    def _code_actors(
        self, actor_matches: Sequence[ActorMatch], trigger: Trigger, text: str = ""
    ) -> tuple[str | None, str | None, str | None]:
        """actor1 is the one who acts (the agent of "by X", else the first before the cue).

        In violence and arrests, those it was done to are never actor1: civilians, and
        any actor named as the subject of a passive harm ("40 Taliban fighters had
        been killed in air strikes").  With no one else named, actor1 stays empty.
        """
        if not actor_matches:
            return None, None, None
        if trigger.event_type in _HARM_EVENT_TYPES:
            # "air strikes on Taliban positions", "an attack against the police": the side
            # the cue is aimed at is the target, whoever else the sentence names as harmed.
            aimed = next(
                (
                    a
                    for a in actor_matches
                    if a.side != "civilian"
                    and 0 <= a.start - trigger.end <= _AIMED_REACH
                    and _AIMED_AT.fullmatch(text, trigger.end, a.start)
                ),
                None,
            )
            if aimed is not None:
                agents = [a for a in actor_matches if a.name != aimed.name and a.side != "civilian"]
                if agents:
                    actor1, _, side = self._code_actors(agents, trigger, text)
                    if actor1 is not None:
                        return actor1, aimed.name, side
        if trigger.event_type in _HARM_EVENT_TYPES or trigger.sub_event_type == taxonomy.ARRESTS:
            victims = [
                a for a in actor_matches if a.side == "civilian" or _PASSIVE_HARM.match(text, a.end)
            ]
            if victims:
                victim_set = set(victims)  # a set: a list check is quadratic on long lists
                agents = [a for a in actor_matches if a not in victim_set]
                if not agents:
                    return None, victims[0].name, None
                actor1, _, side = self._code_actors(agents, trigger, text)
                # "Taliban fighters attacked ... 20 Taliban were killed": never both sides.
                target = next((v.name for v in victims if v.name != actor1), None)
                return actor1, target, side
        before = [a for a in actor_matches if a.end <= trigger.start]
        if not before and trigger.event_type in _ONE_SIDED_EVENT_TYPES:
            # "Afghan air force strikes killed 30 Taliban": a maker named inside the cue.
            before = [a for a in actor_matches if a.start < trigger.end and a.end > trigger.start]
            if before:
                others = [a for a in actor_matches if a.name != before[0].name]
                return before[0].name, others[0].name if others else None, before[0].side
        if not before and trigger.event_type in _ONE_SIDED_EVENT_TYPES:
            # "an air strike killed 11 Taliban fighters": named only after the cue and
            # not as its agent ("by the Taliban"), an actor is the target.
            agent = next(
                (
                    a
                    for a in actor_matches
                    if _BY_BEFORE.search(text, 0, a.start)
                    # "two suicide bombers and gunmen attacked": a co-subject of the cue
                    or _CONJOINED.fullmatch(text, trigger.end, a.start)
                ),
                None,
            )
            if agent is None:
                return None, actor_matches[0].name, None
        before = [a for a in actor_matches if a.end <= trigger.start]
        after = [a for a in actor_matches if a.start >= trigger.end]
        # The subject of the cue is the actor named closest before it, or the first of
        # a pair joined by "and" ("Afghan security forces and local militias retook").
        first = before[-1] if before else actor_matches[0]
        if before:
            at = len(before) - 1
            while at > 0 and _CONJOINED.fullmatch(text, before[at - 1].end, before[at].start):
                at -= 1
            first = before[at]
        if trigger.sub_event_type in taxonomy.TERRITORIAL and not before:
            # "fell to the Taliban", "in Taliban hands": the taker follows the cue,
            # right after it ("had fallen to their fighters and that 30 soldiers had
            # surrendered" names no taker; the soldiers are not one).
            near = [a for a in after if a.start - trigger.end <= _TAKER_REACH]
            if not near:
                return None, None, None
            first = near[0]
        if trigger.sub_event_type == taxonomy.NONVIOLENT_TRANSFER:
            # "government forces withdrew", "handed over to the Taliban": actor1 is the
            # side that takes the ground, not the one that gives it up.
            takers = [a for a in actor_matches if a.side in _TAKER_SIDES]
            if takers:
                first = takers[0]
            elif first.side == "government" or (
                first.end <= trigger.start and _LEAVING.match(trigger.cue)
            ):
                # "Security forces retreated from the district", "U.S. forces left
                # Bagram air base": the side that left is actor2; the taker is not named.
                return None, first.name, None
        others = [a for a in actor_matches if a.name != first.name]
        # actor2 is the other side, not an ally named beside actor1 ("security forces and
        # local militias"): ACLED keeps allies as associates, not as the opponent.
        opposed = [a for a in others if not _allied(first.side, a.side)]
        second = opposed[0] if opposed else None
        return first.name, second.name if second else None, first.side

    def _recode_attack(self, sub_event_type: str, actor_matches: Sequence[ActorMatch]) -> str:
        """ACLED's "Attack" is violence against civilians: when the only parties are
        armed on opposing sides ("six soldiers and four Taliban were killed"), it is
        an armed clash."""
        if sub_event_type != taxonomy.ATTACK:
            return sub_event_type
        sides = {a.side for a in actor_matches}
        if "civilian" in sides or len(sides) < 2:
            return sub_event_type
        # A civil government's officials are not a fighting side.
        sides = {
            a.side
            for a in actor_matches
            if (actor := self.actors.get(a.name)) is None or actor.armed
        }
        armed = {"government", "insurgent", "international", "militia_progov", "resistance"}
        if len(sides & armed) >= 2:
            return taxonomy.ARMED_CLASH
        return sub_event_type

    def _direct_territory(self, sub_event_type: str, actor1_side: str | None) -> str:
        """The theatre's actor sides decide which way territory changed hands."""
        if sub_event_type not in (taxonomy.NSA_OVERTAKES, taxonomy.GOV_REGAINS):
            return sub_event_type
        if actor1_side == "government":
            return taxonomy.GOV_REGAINS
        if actor1_side in ("insurgent", "resistance", "other", "militia_progov"):
            return taxonomy.NSA_OVERTAKES
        return sub_event_type

    # -- report ----------------------------------------------------------------

    def _reports(self, article: Article, c: _Candidate) -> list[Report]:
        """One report, or two when the article tells a claim and its denial ("the
        Taliban said they had taken Panjshir, but the resistance rejected it"): the
        claim with its claimant's sources, and the denial with the deniers'. Fusion
        then shows the event as disputed, with both sides kept."""
        # With no actor named ("fighters had captured"), the side that first told it claims it.
        claimant = c.actor1_side or next((s.side for s in c.sources if s.side), None)
        if c.assessment.denied and claimant:
            deniers = [s for s in c.sources if self.actors.opposed(s.side, claimant)]
            own = [s for s in c.sources if s not in deniers]
            if own and deniers and any(s.side == claimant for s in own):
                claim = self._report(
                    article, c, sources=own, status=claim_status(own, _undenied(c), claimant)
                )
                denial = self._report(article, c, sources=deniers, status="denied", suffix="denial")
                return [claim, denial]
        return [self._report(article, c)]

    def _report(
        self,
        article: Article,
        c: _Candidate,
        *,
        sources: Sequence[Source] | None = None,
        status: str | None = None,
        suffix: str = "",
    ) -> Report:
        place = c.place
        sources = c.sources if sources is None else sources
        if status is None:
            # A clash has no one perpetrator: one side telling it is a report, not a claim.
            side = None if c.sub_event_type == taxonomy.ARMED_CLASH else c.actor1_side
            status = claim_status(sources, c.assessment, side)
        event_id = _event_id(article.article_id, c, suffix)
        return Report(
            event_id=event_id,
            article_id=article.article_id,
            event_type=taxonomy.event_type_of(c.sub_event_type),
            sub_event_type=c.sub_event_type,
            evidence=c.sentence.text,
            evidence_start=c.sentence.start,
            evidence_end=c.sentence.end,
            event_date=c.date.event_date,
            time_precision=c.date.time_precision,
            actor1=c.actor1,
            actor2=c.actor2 if c.actor2 != c.actor1 else None,
            country=place.country if place else None,
            admin1=place.admin1 if place else None,
            admin2=place.admin2 if place and place.geo_precision != _PROVINCE_PRECISION else None,
            location=place.location if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=place.geo_precision if place else None,
            fatalities=c.fatalities,
            detained=c.detained,
            sources=tuple(sources),
            claim_status=status,  # type: ignore[arg-type]
            notes=_notes(c),
            hedge=c.assessment.hedge,
            mentions=tuple(c.mentions),
            resolutions=tuple(c.resolutions),
            extractor_version=EXTRACTOR_VERSION,
            outlet=article.outlet,
            url=article.url,
            published=article.published.isoformat() if article.published else None,
        )


def _place_from_later(
    candidates: list[_Candidate],
    sentences: Sequence[Sentence],
    places: Sequence[tuple[Place, Resolution] | None],
    country: str | None = None,
) -> None:
    """A summary lead ("insurgents were killed in southern Afghanistan") is placed by
    the sentences that detail it; a placeless event elsewhere, by the rest of its
    paragraph."""
    for n, cand in enumerate(candidates):
        if cand.place is not None and not (
            n == 0 and cand.place.admin1 is None and cand.place.country == country
        ):
            continue  # placed; but a lead placed only in the theatre's country is detailed
        start = cand.order + 1
        for index in range(start, len(places)):
            if n > 0 and sentences[index].paragraph != cand.sentence.paragraph:
                break
            found = places[index]
            if found is not None:
                place, resolution = found
                cand.place = place
                cand.place_resolution = Resolution(
                    "place",
                    resolution.mention,
                    resolution.chosen,
                    f"taken from a later sentence that details the event: {resolution.reason}",
                )
                cand.resolutions.insert(0, cand.place_resolution)
                break


# "The fallen districts are Obe in Herat, Saghar in Ghor, ...", "The districts include
# A, B and C": a list that names the places a change told just before was about.
_PLACE_LIST = re.compile(
    r"^\W*(?:the\s+|these\s+|those\s+)(?:\w+\s+){0,2}?(?:districts?|district\s+cent(?:re|er)s"
    r"|provinces|provincial\s+capitals|cities|towns|areas)\s+(?:are|were|include|included"
    r"|includes|being|:)\s",
    re.IGNORECASE,
)
#: How many sentences after a change of hands a list of its places may come.
_LIST_REACH = 2


def _listed_change(text: str, index: int, last: tuple[int, Trigger]) -> Trigger | None:
    """The change of hands a list sentence names the places of, as a cue over its
    opening words, or None when the sentence is no such list."""
    at, trigger = last
    m = _PLACE_LIST.match(text)
    if m is None or index - at > _LIST_REACH:
        return None
    # The cue spans the whole list: every place it names is inside it.
    return dataclasses.replace(
        trigger,
        start=m.start(),
        end=len(text),
        cue=m.group(0).strip(),
        invert=False,
        subject_place=False,
    )


# "The Taliban confirmed they took the headquarters.", "The claim could not be verified.":
# a sentence with no cue of its own that confirms or doubts what was just told.
_CONFIRMS = re.compile(
    r"\b(?:confirmed|confirms|acknowledged|acknowledges|verified|admitted|admits)\b", re.I
)
_DOUBTS = re.compile(
    r"\b(?:could\s*n[o']t|can\s*n[o']t|cannot|could\s+not|can\s+not|was\s+not|were\s+not"
    r"|has\s+not\s+been|have\s+not\s+been|had\s+not\s+been|is\s+not)\s+(?:be\s+)?"
    r"(?:immediately\s+|yet\s+|independently\s+)*(?:be\s+)?(?:verified|confirmed|corroborated)"
    r"|\bunable\s+to\s+(?:independently\s+)?(?:verify|confirm)\b"
    r"|\bno\s+(?:independent\s+)?(?:confirmation|verification)\b",
    re.IGNORECASE,
)
_NEGATOR = re.compile(r"\b(?:not|n't|never|no|yet\s+to)\b", re.IGNORECASE)
#: How many sentences after an event a confirmation or a doubt may follow it.
_ECHO_REACH = 2


def _echo_latest(candidates: Sequence[_Candidate], text: str, sources: Sequence[Source]) -> None:
    """Add a confirming sentence's speakers to the latest event, or mark it hedged."""
    latest = candidates[-1]
    doubt = _DOUBTS.search(text)
    if doubt is not None:
        if not latest.assessment.hedge:
            latest.assessment = dataclasses.replace(latest.assessment, hedge=doubt.group(0))
        return
    confirms = _CONFIRMS.search(text)
    if confirms and not _NEGATOR.search(text, 0, confirms.start()):
        for source in sources:
            if source not in latest.sources:
                latest.sources.append(source)


#: How far after its cue a territorial cue's object (the first place taken) may start.
_OBJECT_REACH = 25
# A second clause joined to the first: ", and took control of ...".
_AND_CLAUSE = re.compile(r",\s+and\s+|;\s", re.IGNORECASE)
_ENDS_WITH_TO = re.compile(r"\b(?:in)?to$", re.IGNORECASE)
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*)")


def _coordinated(text: str, matches: Sequence[PlaceMatch], trigger: Trigger) -> bool:
    """ "took Kang, Khash Rod and Delaram": the cue's object is places joined by commas
    and "and" (not "the road between Spin Boldak, Chaman and Kandahar" further on)."""
    for i, a in enumerate(matches[:-1]):
        if trigger.start <= a.start <= trigger.end + _OBJECT_REACH:
            return _JOINER.fullmatch(text, a.end, matches[i + 1].start) is not None
    return False


# "the Sayedul Shuhada School", "the Abdul Haq Hospital": a name inside a facility's
# name (after another capitalised word) is not the place of the facility.
_FACILITY_AFTER_NAME = re.compile(
    r"\s+(?:(?:high|girls['’]?|boys['’]?)\s+)?(?:school|hospital|mosque|madrasa|university|academy"
    r"|stadium|hotel|shrine|clinic|high\s+school)\b",
    re.IGNORECASE,
)
_NAME_WORD_BEFORE = re.compile(r"(?:(?-i:[A-Z][\w'’-]+)\s+|\b[A-Za-z]{1,4}-)$")


def _in_facility_name(text: str, m: PlaceMatch) -> bool:
    return bool(
        _FACILITY_AFTER_NAME.match(text, m.end)
        and _NAME_WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
        and not text[max(0, m.start - 30) : m.start].rstrip().lower().endswith(("the", "a"))
    )


def _is_territorial(trigger: Trigger) -> bool:
    return trigger.sub_event_type in taxonomy.TERRITORIAL


# The other side's account of a capture: "the attack had been repelled", "government
# forces were in control", "still held the town".
_COUNTER_CLAIM = re.compile(
    r"\b(?:had\s+been|was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:repelled|repulsed"
    r"|pushed\s+back|beaten\s+back|foiled|thwarted)\b"
    r"|\b(?:remain(?:ed|s)?|were|was|are|is)\s+(?:still\s+|firmly\s+|fully\s+)?in\s+"
    r"(?:full\s+|complete\s+)?control\b"
    r"|\bstill\s+(?:held|holds|hold|controlled|controls)\b"
    r"|\b(?:remain(?:ed|s)?|(?:is|was|were|are)\s+still)\s+(?:firmly\s+)?under\s+(?:the\s+)?"
    r"(?:government|army|state|security\s+forces['’]?)\s+control\b",
    re.IGNORECASE,
)
# "claimed responsibility for the attack": a claim of an act told before.
_CLAIMS_RESPONSIBILITY = re.compile(
    r"\b(?:claimed|claims|claiming|took|taken|takes|accepted|accepts)\s+(?:the\s+)?"
    r"(?:responsibility|credit)\s+for\s+(?:the|this|that|these|those|\w+day['’]s)\b"
    # "said the group's fighters had carried out the attack"
    r"|\b(?:carried\s+out|conducted|was\s+behind|were\s+behind)\s+(?:the|this|that)\s+"
    r"(?:attack|killing|assassination|bombing|blast|ambush)\b",
    re.IGNORECASE,
)
# A sentence denying what was told before: "denied the claim", "rejected the reports".
_DENIES_CLAIM = re.compile(
    r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+"
    r"(?:the\s+|these\s+|this\s+|that\s+|such\s+|those\s+|taliban\s+|the\s+taliban['’]s\s+)?"
    r"(?:claims?|reports?|it|this|that)\b"
    r"|\bcalled\s+(?:the\s+|these\s+|those\s+)?(?:claims?|reports?)\s+(?:false|baseless|untrue"
    r"|propaganda|lies)\b",
    re.IGNORECASE,
)
# The centre itself still held (not an airport or a base outside the city).
_SEAT_WORDS = r"(?:district\s+)?(?:centre|center|headquarters|city|town|capital|district|compound)"
_STILL_HELD = re.compile(
    rf"\bstill\s+(?:controll?(?:ed|s)?|held|holds?)\s+(?:the\s+)?{_SEAT_WORDS}\b"
    rf"|\b{_SEAT_WORDS}\s+(?:[\w'’-]+\s+){{0,3}}?(?:remain(?:ed|s)?|(?:is|was)\s+still)\s+"
    r"(?:firmly\s+)?(?:under|in)\s+(?:\w+\s+){0,2}(?:control|hands)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\b(?:but|however|while|whereas|although|though)\b", re.IGNORECASE)


# "entered Kabul on Sunday, a day after they seized Mazar-i-Sharif": the cue's clause
# happened that long before the day the sentence names.
_DAYS_AFTER = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>days?|weeks?)\s+after\s+"
    r"(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _offset_by_after(text: str, trigger: Trigger, found: DateResolution) -> DateResolution:
    """Move the date back when the cue sits in an "N days after ..." clause dated by an
    expression before it."""
    if found.event_date is None:
        return found
    m = _DAYS_AFTER.search(text, max(0, trigger.start - 60), trigger.start)
    if m is None:
        return found
    where = text.find(found.expression) if found.expression else -1
    if where > m.start():
        return found  # the day named is the "after" clause's own
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _SMALL.get(word, 0)
    days = n * (7 if m.group("unit").lower().startswith("week") else 1)
    if not days:
        return found
    shifted = date.fromisoformat(found.event_date) - timedelta(days=days)
    return dataclasses.replace(
        found,
        event_date=shifted.isoformat(),
        reason=f"'{m.group('n')} {m.group('unit')} after' the day named: {days} day(s) "
        f"before {found.event_date} ({found.reason})",
    )


_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|their|its)\s+$", re.IGNORECASE)
_GENERIC_FORCE = re.compile(
    r"(?:soldiers|troops|fighters|forces|men|militants|commanders)", re.IGNORECASE
)
_ADDRESSEE_BEFORE = re.compile(r"\b(?:told|tell|tells|telling|informed|briefed)\s+$", re.I)
#: How far after "fell to"/"in ... hands" the taker may be named (characters).
_TAKER_REACH = 30


def _allied(side_a: str | None, side_b: str | None) -> bool:
    """Both fight for the government, or both are the same side."""
    if side_a is None or side_b is None:
        return False
    return side_a == side_b or (side_a in _GOVERNMENT_SIDES and side_b in _GOVERNMENT_SIDES)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out, every offset kept."""
    chars = list(text)
    for lo, hi in spans:
        chars[lo:hi] = " " * (hi - lo)
    return "".join(chars)


def _second_changes(
    text: str, chosen: Trigger, triggers: Sequence[Trigger], matches: Sequence[PlaceMatch]
) -> list[Trigger]:
    """ "captured Torkham ..., and took control of Jalalabad city": another change of
    hands in another clause, whose object is a place the chosen cue does not cover, is
    another event."""
    if chosen.sub_event_type not in taxonomy.TERRITORIAL:
        return []
    covered = {m.start for m in _scope_to_trigger(text, matches, chosen)}
    covered |= {m.start for m in matches if chosen.start <= m.start < chosen.end + _OBJECT_REACH}
    for t in triggers:
        if t is chosen or t.sub_event_type not in taxonomy.TERRITORIAL or t.subject_place:
            continue
        if t.start < chosen.end and chosen.start < t.end:
            continue  # overlapping cues tell one change
        lo, hi = (t.end, chosen.start) if t.start < chosen.start else (chosen.end, t.start)
        if not _AND_CLAUSE.search(text, lo, hi):
            continue
        own = [m for m in matches if t.start <= m.start < t.end + _OBJECT_REACH]
        if own and not any(m.start in covered for m in own):
            if chosen.sub_event_type == taxonomy.NONVIOLENT_TRANSFER and chosen.start > t.end:
                # "..., with no battles or clashes early Sunday" closes both clauses.
                t = dataclasses.replace(t, sub_event_type=taxonomy.NONVIOLENT_TRANSFER)
            return [t]
    return []


def _main_triggers(triggers: list[Trigger]) -> list[Trigger]:
    """Put a change of territory first: when fighting ends in a capture, ACLED codes
    the capture ("fighting began on Sunday ... the Taliban had taken the district")."""
    territorial = [t for t in triggers if t.sub_event_type in taxonomy.TERRITORIAL]
    if territorial:
        return territorial + [t for t in triggers if t.sub_event_type not in taxonomy.TERRITORIAL]
    return triggers


def _notes(c: _Candidate) -> str:
    where = c.place.location if c.place and c.place.location else "unknown place"
    who = c.actor1 or "unknown actor"
    return f"{c.sub_event_type}: {who} at {where} ({c.trigger.cue!r})"


def _undenied(c: _Candidate) -> Assessment:
    """The candidate's assessment without its denial: how the claimant tells it."""
    return dataclasses.replace(c.assessment, denied=False, denial_cue=None)


def _event_id(article_id: str, c: _Candidate, suffix: str = "") -> str:
    parts = [
        article_id,
        str(c.sentence.start),
        c.sub_event_type,
        c.admin1 or "",
        c.admin2 or "",
        c.place.location if c.place and c.place.location else "",
    ]
    if suffix:
        parts.append(suffix)
    key = "|".join(parts)
    return "FL-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- merging mentions of one event ---------------------------------------------


def _period_of(theatre: Theatre) -> tuple[date, date] | None:
    """The theatre's period as (first day, last day), or None when it states none."""
    period = theatre.meta.get("period") or {}
    try:
        return date.fromisoformat(str(period["start"])), date.fromisoformat(str(period["end"]))
    except (KeyError, TypeError, ValueError):
        return None


_EXTRACTORS: dict[str, Extractor] = {}


def get_extractor(theatre: Theatre | str | None = None) -> Extractor:
    """A cached extractor for ``theatre`` (default settings.DEFAULT_THEATRE)."""
    name = theatre.name if isinstance(theatre, Theatre) else (theatre or settings.DEFAULT_THEATRE)
    if name not in _EXTRACTORS:
        _EXTRACTORS[name] = Extractor(theatre)
    return _EXTRACTORS[name]


def extract_article(article: Article, theatre: Theatre | str | None = None) -> list[Report]:
    """Reports of one cleaned article, in text order (the first is the main event)."""
    return get_extractor(theatre).extract(article)


def extract_inputs(
    paths: Sequence[str],
    *,
    published: date | None = None,
    theatre: str | None = None,
    on_warning: Callable[[str, str], None] | None = None,
) -> Iterator[Report | InputError]:
    """Read every input and yield its reports, or an InputError per failed input."""
    from frontlines.budget import time_budget
    from frontlines.errors import TimeBudgetExceeded
    from frontlines.ingest import read_inputs

    extractor = get_extractor(theatre)
    for item in read_inputs(paths, published=published, on_warning=on_warning):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            with time_budget(item.article_id, "extraction"):
                reports = extractor.extract(item)
        except TimeBudgetExceeded as exc:
            yield exc
            continue
        except Exception as exc:  # one bad article must not stop a batch; its reason is reported
            yield InputError(item.article_id, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        yield from reports
