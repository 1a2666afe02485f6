"""Merging the mentions of one event within an article.

An article tells one event several times: the headline, the lead, a quote, a
later sentence with the district's name.  The pipeline turns each mention into
a :class:`_Candidate`; this module folds mentions of the same event into one
(same kind, fitting dates, agreeing places), lets a later sentence date an event
its own sentence dated only by speech, gives a capture that names no taker the
taker of the article's earlier capture, and merges retold counts.  Nothing here
reads text for events: it only decides which candidates are one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from frontlines import settings, taxonomy
from frontlines.extract.attribution import Assessment
from frontlines.extract.classify import Trigger
from frontlines.extract.sentences import Sentence
from frontlines.records import Mention, Place, Resolution, Source
from frontlines.resolve.dates import DateResolution

#: Sides that speak for or fight with the government.
_GOVERNMENT_SIDES = frozenset({"government", "militia_progov", "international"})


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
    # A hedge anywhere holds ("reportedly captured ... the district fell on Monday": the
    # text never vouches for it); a denial anywhere is kept.
    base = b if b.hedge and not a.hedge else a
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
    r"\b(?:in|during|after|since)\s+the\s+((?:operation|fighting|clash(?:es)?|attack|assault|raid"
    r"|battle|offensive|strike|air\s*strikes?|ambush|bombing|blast|explosion|incident|firefight))\b",
    re.IGNORECASE,
)
#: The kinds of event a noun that refers back can name ("in the strike": an air strike).
_KINDS_OF_NOUN: dict[str, frozenset[str]] = {
    "strike": frozenset({taxonomy.AIR_STRIKE, taxonomy.SHELLING}),
    "airstrike": frozenset({taxonomy.AIR_STRIKE}),
    "bombing": frozenset({taxonomy.REMOTE_EXPLOSIVE, taxonomy.SUICIDE_BOMB, taxonomy.AIR_STRIKE}),
    "blast": frozenset({taxonomy.REMOTE_EXPLOSIVE, taxonomy.SUICIDE_BOMB}),
    "explosion": frozenset({taxonomy.REMOTE_EXPLOSIVE, taxonomy.SUICIDE_BOMB}),
}
#: How many events back a mention that refers back may reach.
_BACK_REACH = 3
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
        back = _REFERS_BACK.search(cand.sentence.text)
        if target is None and back and out and cand.place is None:
            # "More than 200 fighters were killed in the strike": the latest strike told,
            # even with other events told in between.
            kinds = _KINDS_OF_NOUN.get(back.group(1).split()[-1].lower().rstrip("s"))
            if kinds:
                earlier = next(
                    (k for k in reversed(out[-_BACK_REACH:]) if k.sub_event_type in kinds), None
                )
                if (
                    earlier is not None
                    and earlier is not out[-1]
                    and not cand.added
                    and _SEPARATE_EVENT.search(cand.sentence.text) is None
                    and _date_compatible(earlier, cand)
                ):
                    target = earlier
                    _mark_toll_added(target, cand)
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
