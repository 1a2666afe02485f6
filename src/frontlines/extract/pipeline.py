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
from collections.abc import Iterator, Sequence
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
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|"
    r"(?:kilomet(?:er|re)s?|km|miles?)\)?\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?of|like|as in|"
    r"reaching|reached|left|leave|fled to|flee to|return(?:ed)? to|outside of|"
    r"(?:officials?|official|spokes(?:man|woman)|sources?|residents?|governor|police) in)"
    r"\s+(?:the\s+)?(?:\w+\s+){0,2})$",
    re.IGNORECASE,
)
# "the Kunduz provincial council", "Kunduz police": the place names who speaks or acts,
# not where the event happened.  ("Kabul airport" is in Kabul: a facility keeps its place.)
_MODIFIER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:provincial\s+(?:council(?:l?ors?)?|police|governor|government|officials?|"
    r"spokes\w+)|police|governor|council(?:l?ors?)?|officials?|residents?|elders?|lawmakers?|"
    r"MPs?|traders?|journalists?|spokes(?:man|woman|person)|health)\b",
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


@dataclass(slots=True)
class _Candidate:
    """A report under assembly (mutable while mentions of one event are merged)."""

    order: int
    sentence: Sentence
    trigger: Trigger
    sub_event_type: str
    place: Place | None
    place_resolution: Resolution | None
    actor1: str | None
    actor2: str | None
    actor1_side: str | None
    date: DateResolution
    fatalities: int | None
    detained: int | None
    sources: list[Source]
    assessment: Assessment
    mentions: list[Mention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    #: Count kinds this mention adds to the event rather than retells ("also detained
    #: two others").
    added: frozenset[str] = frozenset()

    @property
    def admin1(self) -> str | None:
        return self.place.admin1 if self.place else None

    @property
    def admin2(self) -> str | None:
        return self.place.admin2 if self.place and self.place.geo_precision != 3 else None


class Extractor:
    """Extracts reports from articles with one theatre's gazetteer and actor list."""

    def __init__(self, theatre: Theatre | str | None = None) -> None:
        self.theatre = theatre if isinstance(theatre, Theatre) else get_theatre(theatre)
        self.gazetteer: Gazetteer = get_gazetteer(self.theatre.name)
        self.actors: ActorList = get_actor_list(self.theatre.name)
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
        for index, sentence in enumerate(sentences):
            if sentence.paragraph != context.paragraph:
                context.new_paragraph(sentence.paragraph)
            found = classify_sentence(sentence.text)
            triggers = _main_triggers([t for t in found if not t.background])
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
            if triggers:
                candidates.extend(
                    self._candidates(
                        index,
                        sentence,
                        self._choose_trigger(sentence.text, triggers, matches),
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
        spans = [(a.start, a.end) for a in self.actors.find(text)]
        if not spans:
            return matches
        return [
            m
            for m in matches
            if not any(
                lo <= m.start and m.end <= hi and hi - lo > m.end - m.start for lo, hi in spans
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
            if _REFERENCE_CUE.search(
                text, max(0, match.start - _CUE_WINDOW), match.start
            ) or _MODIFIER_AFTER.match(text, match.end):
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
        assessment = assess(text)
        starts, ends = merged_spans(profile_spans(text))
        # An actor inside a profile or a background clause ("since the United States
        # began withdrawing") takes no part in this event.
        actor_matches = [a for a in self._event_actors(text) if not in_spans(a.start, starts, ends)]
        claimant = self._self_claimant(text)
        if claimant is not None and not any(a.name == claimant.name for a in actor_matches):
            actor_matches = [claimant, *actor_matches]
        actor1, actor2, actor1_side = self._code_actors(actor_matches, trigger, text)
        subject_named = any(a.name == actor1 and a.end <= trigger.start for a in actor_matches)
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
            _NAMES_SEVERAL.search(text) or trigger.subject_place
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
        resolved = [(m, *self.gazetteer.resolve(m, admin1_hint=admin1_hint)) for m in usable]
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
        if trigger.event_type in _HARM_EVENT_TYPES or trigger.sub_event_type == taxonomy.ARRESTS:
            victims = [
                a for a in actor_matches if a.side == "civilian" or _PASSIVE_HARM.match(text, a.end)
            ]
            if victims:
                agents = [a for a in actor_matches if a not in victims]
                if not agents:
                    return None, victims[0].name, None
                actor1, _, side = self._code_actors(agents, trigger, text)
                # "Taliban fighters attacked ... 20 Taliban were killed": never both sides.
                target = next((v.name for v in victims if v.name != actor1), None)
                return actor1, target, side
        before = [a for a in actor_matches if a.end <= trigger.start]
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
            status = claim_status(sources, c.assessment, c.actor1_side)
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
_GOVERNMENT_SIDES = frozenset({"government", "militia_progov", "international"})


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


def _main_triggers(triggers: list[Trigger]) -> list[Trigger]:
    """Put a change of territory first: when fighting ends in a capture, ACLED codes
    the capture ("fighting began on Sunday ... the Taliban had taken the district")."""
    territorial = [t for t in triggers if t.sub_event_type in taxonomy.TERRITORIAL]
    if territorial:
        return territorial + [t for t in triggers if t not in territorial]
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


def _taker_from_earlier_capture(candidates: Sequence[_Candidate]) -> None:
    """ "Sar-e Pul and Taloqan also fell on Sunday": a change of territory that names
    no taker has the taker of the article's latest earlier change of the same kind."""
    latest: dict[str, _Candidate] = {}
    attacker_at: dict[tuple[str | None, str | None], _Candidate] = {}
    for cand in candidates:
        kind = cand.sub_event_type
        if (
            kind == taxonomy.ARMED_CLASH
            and cand.actor1
            and cand.actor1_side not in _GOVERNMENT_SIDES
        ):
            attacker_at[(cand.admin1, cand.admin2)] = cand
        if kind not in (taxonomy.NSA_OVERTAKES, taxonomy.GOV_REGAINS):
            continue
        earlier = latest.get(kind)
        if earlier is None and kind == taxonomy.NSA_OVERTAKES and cand.admin2:
            # "Taliban fighters attacked Khan Abad ... The district fell at 6 a.m.": the
            # attackers of that very place took it.
            earlier = attacker_at.get((cand.admin1, cand.admin2))
        if cand.actor1 is None and earlier is not None:
            cand.actor1, cand.actor1_side = earlier.actor1, earlier.actor1_side
            cand.resolutions.append(
                Resolution(
                    "actor",
                    "",
                    earlier.actor1,
                    "actor1: no taker named; the actor of the article's earlier capture, or "
                    f"of the attack on this place ({earlier.sentence.text[:60]!r})",
                )
            )
        if cand.actor1 is not None:
            latest[kind] = cand


def _date_from_elaboration(candidates: Sequence[_Candidate]) -> None:
    """Date an event that its sentence dates only by a statement ("forces today
    confirmed they recently detained two insurgents") or by a background noun ("the
    insurgent behind the May 11 attack") from the next sentences that tell when
    ("Haji Mama was arrested Oct. 4", "was killed in an airstrike Saturday")."""
    for i, cand in enumerate(candidates):
        if cand.date.basis not in ("speech", "background"):
            continue
        for k in range(i + 1, len(candidates)):
            later = candidates[k]
            if later.order > cand.order + settings.ELABORATION_SENTENCES:
                break
            when = later.date
            if when.basis != "event" or when.time_precision != 1 or when.event_date is None:
                continue
            said = cand.date.basis == "speech"
            if said and cand.date.event_date is not None and when.event_date > cand.date.event_date:
                continue  # what was said on a day happened by that day
            if later.place is None or not _place_fits(cand, later):
                continue  # an unplaced round-up ("more than a dozen districts") dates nothing
            cand.date = dataclasses.replace(
                when,
                reason=f"told in a later sentence ({when.reason}); its own sentence dated "
                f"only {'when it was said' if said else 'a noun'}",
            )
            cand.resolutions = [r for r in cand.resolutions if r.stage != "date"] + [
                Resolution("date", when.expression or "", when.event_date, cand.date.reason)
            ]
            break


def _date_compatible(a: _Candidate, b: _Candidate) -> bool:
    if a.date.event_date is None or b.date.event_date is None:
        return True
    slack = settings.TIME_PRECISION_SLACK_DAYS
    window = max(slack.get(a.date.time_precision or 1, 0), slack.get(b.date.time_precision or 1, 0))
    da = date.fromisoformat(a.date.event_date)
    db = date.fromisoformat(b.date.event_date)
    return abs((da - db).days) <= max(window, settings.ARTICLE_MERGE_DAYS)


def _place_relation(a: _Candidate, b: _Candidate) -> str | None:
    """ "same", "a_in_b" (a is the province of b's district), "b_in_a", or None."""
    if a.place is None or b.place is None:
        return None
    if a.admin2 and b.admin2:
        return "same" if (a.admin1, a.admin2) == (b.admin1, b.admin2) else None
    if a.admin1 and a.admin1 == b.admin1:
        if not a.admin2 and b.admin2:
            return "a_in_b"
        if a.admin2 and not b.admin2:
            return "b_in_a"
        return "same"
    return None


def _absorb(keep: _Candidate, other: _Candidate, *, take_place: bool) -> None:
    """Fold ``other`` (another mention of the same event) into ``keep``."""
    if taxonomy.NONVIOLENT_TRANSFER in (keep.sub_event_type, other.sub_event_type) and (
        _merge_kind(keep) == _merge_kind(other)
    ):
        # Told as a capture and as a handover: it went without a fight (ACLED's coding).
        keep.sub_event_type = taxonomy.NONVIOLENT_TRANSFER
    if take_place:
        keep.place, keep.place_resolution = other.place, other.place_resolution
        keep.sentence = other.sentence  # the evidence names the place
        keep.mentions.extend(other.mentions)
    for source in other.sources:
        if source not in keep.sources:
            keep.sources.append(source)
    if other.date.event_date and (
        keep.date.event_date is None
        or (other.date.time_precision or 9) < (keep.date.time_precision or 9)
        # "officials said on Thursday ... the clashes erupted late Wednesday night":
        # the day the event is told to have happened beats the day it was told.
        or (
            keep.date.basis in ("speech", "background", "default")
            and other.date.basis == "event"
            and (other.date.time_precision or 9) <= (keep.date.time_precision or 9)
            and (keep.date.basis != "speech" or other.date.event_date <= keep.date.event_date)
        )
    ):
        keep.date = other.date
    # A retelling repeats the count ("detained two ... The two were taken"); a
    # mention marked as more people ("also detained two others") adds to it.  One
    # side's claimed or denied count never raises a count reported plainly: as ACLED
    # does with conflicting tolls, the lower stands.
    keep.fatalities = _merged_count(keep.fatalities, other.fatalities, "killed", keep, other)
    keep.detained = _merged_count(keep.detained, other.detained, "detained", keep, other)
    if keep.actor1 is None:
        keep.actor1, keep.actor1_side = other.actor1, other.actor1_side
    if keep.actor2 is None:
        keep.actor2 = other.actor2
    told = other.assessment
    if keep.sub_event_type not in taxonomy.TERRITORIAL and not _partisan(keep):
        # An attack told plainly stays told plainly when one side later claims a higher
        # toll and the other rejects that claim: they dispute the count, not the attack.
        told = dataclasses.replace(told, denied=False, denial_cue=None, claim_verb=None)
    keep.assessment = _combine_assessments(keep.assessment, told)
    keep.resolutions.extend(r for r in other.resolutions if r not in keep.resolutions)


def _merged_count(
    mine: int | None, theirs: int | None, kind: str, keep: _Candidate, other: _Candidate
) -> int | None:
    if mine is not None and _partisan(other) and not _partisan(keep):
        return mine
    if kind in other.added and mine is not None:
        return mine + (theirs or 0)
    return _max_count(mine, theirs)


def _partisan(c: _Candidate) -> bool:
    """A mention that one side claims ("said they had killed 15") or the other denies."""
    return bool(c.assessment.claim_verb) or c.assessment.denied


def _combine_assessments(a: Assessment, b: Assessment) -> Assessment:
    # An unhedged mention outweighs a hedged one; a denial anywhere is kept.
    base = b if a.hedge and not b.hedge else a
    if (a.denied or b.denied) and not base.denied:
        return b if b.denied else a
    return base


def _max_count(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


#: Statements and decisions: two of them in one article are two events, even unplaced.
_DISTINCT_KINDS = frozenset({taxonomy.OTHER, taxonomy.AGREEMENT, taxonomy.CHANGE_TO_GROUP})


def _merge_kind(c: _Candidate) -> str:
    """Kinds that may be one event: a capture told again as a handover ("captured
    Zaranj ... the city had fallen without a fight") is one change of hands."""
    if c.sub_event_type == taxonomy.NSA_OVERTAKES or (
        c.sub_event_type == taxonomy.NONVIOLENT_TRANSFER and _NO_FIGHT.search(c.trigger.cue)
    ):
        return "taken by a non-state actor"
    return c.sub_event_type


# A handover told as such; a retreat alone does not say there was no fight.
_NO_FIGHT = re.compile(
    r"without|hand(?:ed|s|ing)?\s+(?:over|back)|handover|surrender|ceded|peaceful", re.IGNORECASE
)


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    """Merge the mentions of one event, keeping the text order of first mentions.

    Two mentions are one event when they are of the same kind, their dates fit,
    and their places agree: the same district, or a province-level mention
    ("a key district in Kunduz province") and a district of that province named
    later ("Imam Sahib district"), which then gives the event its place.
    """
    out: list[_Candidate] = []
    # Mentions can merge only within one kind and one province: index them so that a
    # long article costs time in proportion to its length, not to its square.
    by_province: dict[tuple[str, str], list[_Candidate]] = {}
    by_kind: dict[str, list[_Candidate]] = {}
    for cand in candidates:
        merged = False
        if _SEPARATE_EVENT.search(cand.sentence.text):
            pass  # "in a separate operation": a new event even at the same place and day
        elif cand.place is not None and cand.admin1:
            for kept in by_province.get((_merge_kind(cand), cand.admin1), ()):
                if not _date_compatible(kept, cand):
                    continue
                relation = _place_relation(kept, cand)
                if relation is not None:
                    _mark_toll_added(kept, cand)
                    _absorb(kept, cand, take_place=relation == "a_in_b")
                    merged = True
                    break
        elif cand.place is None and cand.sub_event_type not in _DISTINCT_KINDS:
            # A mention with no place of its own ("had captured the district centre")
            # refers back to the latest event of its kind in the article.
            for kept in reversed(by_kind.get(_merge_kind(cand), ())):
                if _date_compatible(kept, cand):
                    _mark_toll_added(kept, cand)
                    _absorb(kept, cand, take_place=False)
                    merged = True
                    break
        if not merged:
            out.append(cand)
            by_kind.setdefault(_merge_kind(cand), []).append(cand)
            if cand.admin1:
                by_province.setdefault((_merge_kind(cand), cand.admin1), []).append(cand)
    return _merge_retold_counts(out)


_SEPARATE_EVENT = re.compile(
    r"\b(?:separate(?:ly)?|in\s+(?:a|another)\s+(?:second|different|later|earlier|new)"
    r"|(?:an)?other\s+(?:attack|operation|incident|raid|strike|clash|ambush|bombing))\b",
    re.IGNORECASE,
)
# "in the operation", "during the fighting": the event told just before.
_REFERS_BACK = re.compile(
    r"\b(?:in|during|after|since)\s+the\s+(?:operation|fighting|clash(?:es)?|attack|assault|raid"
    r"|battle|offensive|strike|air\s*strikes?|ambush|bombing|blast|explosion|incident|firefight)\b",
    re.IGNORECASE,
)
_SEPARATE = re.compile(
    r"\b(?:separate(?:ly)?|another|elsewhere|meanwhile|second|different|also|additional)\b",
    re.IGNORECASE,
)


def _retells(kept: _Candidate, cand: _Candidate) -> bool:
    """``cand`` tells ``kept``'s dead or detained again ("killed two insurgents ... The
    two insurgents were killed when they opened fire"): every count it gives equals
    the event's, at least one is more than zero, and nothing marks it as separate."""
    pairs = [(cand.fatalities, kept.fatalities), (cand.detained, kept.detained)]
    told = [(mine, theirs) for mine, theirs in pairs if mine is not None]
    if not told or not any(mine for mine, _ in told):
        return False
    if any(mine != theirs for mine, theirs in told) or cand.added:
        return False
    return _SEPARATE.search(cand.sentence.text) is None


def _merge_retold_counts(candidates: list[_Candidate]) -> list[_Candidate]:
    """Fold a later mention that only retells an event's counts into that event,
    whatever kind its own cue suggests: otherwise the same dead are counted twice.
    Failing that, a mention that refers back ("in the operation") gives its toll to
    the event told just before."""
    out: list[_Candidate] = []
    for cand in candidates:
        target = None
        if cand.sub_event_type not in _DISTINCT_KINDS:
            for kept in reversed(out):
                if kept.fatalities is None and kept.detained is None:
                    continue  # an event with no count in between cannot be the one retold
                if kept.sub_event_type in _DISTINCT_KINDS or not _date_compatible(kept, cand):
                    break
                if _retells(kept, cand) and _place_fits(kept, cand):
                    target = kept
                break  # only the latest counted event before it can be the one retold
        if (
            target is None
            and out
            and _place_fits(out[-1], cand)
            and cand.sub_event_type not in _DISTINCT_KINDS
            and out[-1].sub_event_type not in _DISTINCT_KINDS
            and not cand.added
            and _REFERS_BACK.search(cand.sentence.text)
            and _SEPARATE_EVENT.search(cand.sentence.text) is None
            and _date_compatible(out[-1], cand)
        ):
            # "28 insurgents were killed in the operation": the toll of the event just told,
            # added to what it already counts.
            target = out[-1]
            _mark_toll_added(target, cand)
        if target is None:
            out.append(cand)
        else:
            refines = target.admin1 is None or _place_relation(target, cand) == "a_in_b"
            _absorb(target, cand, take_place=refines and cand.place is not None)
    return out


def _mark_toll_added(kept: _Candidate, cand: _Candidate) -> None:
    """A mention that refers back ("one soldier was killed during the operation") and
    does not just repeat the event's count adds its dead and detained to it."""
    if (
        _REFERS_BACK.search(cand.sentence.text)
        and not _retells(kept, cand)
        # "The Taliban said they had killed 15 soldiers in the attack": the other side's
        # count of the same dead, not more dead.
        and not cand.assessment.claim_verb
        and not cand.assessment.denied
    ):
        cand.added = frozenset({"killed", "detained"})


def _place_fits(kept: _Candidate, cand: _Candidate) -> bool:
    """No place, the same place, one inside the other, or an event placed only at the
    country level ("in southern Afghanistan") that the retelling places finer."""
    if cand.place is None or kept.place is None or kept.admin1 is None:
        return True
    return _place_relation(kept, cand) is not None


# -- module-level conveniences ---------------------------------------------------

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
    paths: Sequence[str], *, published: date | None = None, theatre: str | None = None
) -> Iterator[Report | InputError]:
    """Read every input and yield its reports, or an InputError per failed input."""
    from frontlines.ingest import read_inputs

    extractor = get_extractor(theatre)
    for item in read_inputs(paths, published=published):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            reports = extractor.extract(item)
        except Exception as exc:  # one bad article must not stop a batch; its reason is reported
            yield InputError(item.article_id, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        yield from reports
