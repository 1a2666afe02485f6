"""Typed, immutable records passed between pipeline stages.

The same names are used end to end, and ACLED's field names wherever ACLED
has the concept (event_date, time_precision, event_type, sub_event_type,
actor1, actor2, country, admin1, admin2, location, latitude, longitude,
geo_precision, fatalities).  ``detained`` is our addition: ACLED has no
column for people detained.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

ClaimStatus = Literal["confirmed", "reported", "claimed", "unverified", "denied"]
#: Claim statuses a fused event may carry: a report's, plus ``disputed``.
FusedClaimStatus = Literal["confirmed", "reported", "claimed", "unverified", "denied", "disputed"]
PublishedSource = Literal["cli", "metadata", "dateline", "theatre"]
ControlStatus = Literal["controlled", "contested", "unknown"]
#: What a control state rests on: an event at the district ("event"), a province-wide or
#: country-wide event ("province", "country"), the theatre's cited baseline, or nothing.
ControlBasis = Literal["event", "province", "country", "baseline", "none"]
MentionKind = Literal["place", "actor", "date", "trigger", "quote", "number"]

CLAIM_STATUSES: tuple[str, ...] = ("confirmed", "reported", "claimed", "unverified", "denied")


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read by ``ingest`` and tidied by ``clean``.

    ``text`` is the body the extractor reads.  After ``clean`` it has no
    scraping debris and no dateline; ``raw_text`` keeps what was read.
    """

    article_id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_source: PublishedSource | None = None
    raw_text: str | None = None
    #: Where the reporter filed from ("KABUL, Afghanistan"); never an event place.
    dateline: str | None = None
    #: Lines that ``clean`` dropped, with the reason, for provenance.
    dropped: tuple[tuple[str, str], ...] = ()
    #: How the input was read: "text", "html", "jsonl", "feed".
    input_format: str = "text"
    #: Things the reader fixed and the user should know (e.g. decoded as Latin-1).
    warnings: tuple[str, ...] = ()
    #: The year a header states when no publication date is known (a release number
    #: such as "2010-07-CA-129"): it places "July 16", never "yesterday".
    year_hint: int | None = None
    #: (month, day) of a dateline that gives no year ("KABUL, July 14 (Reuters)"): the
    #: extractor may place it with its theatre's period.
    dateline_month_day: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article's cleaned text that means something to the extractor."""

    kind: MentionKind
    text: str
    start: int
    end: int
    #: What the span was recognised as (a gazetteer key, an actor name, a rule name).
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """Who said it: a person or body, and their role ("witnesses" has no role)."""

    name: str
    role: str | None = None
    #: Which side the speaker speaks for: "government", "insurgent", "international",
    #: "independent" (witnesses, residents, officials of neither side), or None if unknown.
    side: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "role": self.role}


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place.  Fields follow ACLED; ``geo_precision`` 1 = the place,
    2 = near it or part of a district, 3 = province level."""

    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    #: "province", "district", "city", "village", "country", "world_city"
    feature: str = "district"
    #: The gazetteer key, stable across runs (e.g. "AF/Kunduz/Imam Sahib").
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """One choice a resolver made, and why, so a user can inspect it."""

    stage: str  # "place", "date", "actor"
    mention: str
    chosen: str | None
    reason: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """One event as told by one article, with its evidence sentence."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    evidence: str
    event_date: str | None = None  # YYYY-MM-DD
    time_precision: int | None = None  # 1 day, 2 week / few days, 3 month
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    detained: int | None = None
    sources: tuple[Source, ...] = ()
    claim_status: ClaimStatus = "reported"
    #: Offsets of the evidence sentence in the article's cleaned text.
    evidence_start: int | None = None
    evidence_end: int | None = None
    #: "Taliban take Imam Sahib": a short machine summary, ACLED's notes column.
    notes: str | None = None
    #: The hedge or negation cue that set the claim status, if any.
    hedge: str | None = None
    mentions: tuple[Mention, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    extractor_version: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    #: Places a province- or country-wide report leaves out ("the whole country except
    #: Panjshir"): province names, or "Province/District" for one district.
    excluded: tuple[str, ...] = ()
    #: "province" or "country" when the text says the change covers the whole province
    #: or country ("all of Badghis province", "the whole country"); None otherwise.
    scope: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stable output contract of ``frontlines extract``."""
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "event_date": self.event_date,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "detained": self.detained,
            "sources": [s.as_dict() for s in self.sources],
            "claim_status": self.claim_status,
            "evidence": self.evidence,
            "notes": self.notes,
            "hedge": self.hedge,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "extractor_version": self.extractor_version,
            "scope": self.scope,
            "excluded": list(self.excluded),
            "resolutions": [
                {
                    "stage": r.stage,
                    "mention": r.mention,
                    "chosen": r.chosen,
                    "reason": r.reason,
                    "alternatives": list(r.alternatives),
                }
                for r in self.resolutions
            ],
        }


@dataclass(frozen=True, slots=True)
class Event:
    """A fused event: every report of one real-world event, with corroboration."""

    event_id: str
    reports: tuple[Report, ...]
    claim_status: FusedClaimStatus
    corroboration: int
    event_date: str | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    detained: int | None
    sources: tuple[Source, ...] = field(default=())
    #: (report event_id, role) for each report: "asserts", or "contradicts" (a denial,
    #: or a report that the attack was repelled), so a disputed event shows both sides.
    report_roles: tuple[tuple[str, str], ...] = field(default=())
    #: Places a province- or country-wide event leaves out (see ``Report.excluded``).
    excluded: tuple[str, ...] = field(default=())
    #: "province"/"country" when a report says the change covers all of it (``Report.scope``).
    scope: str | None = field(default=None)


@dataclass(frozen=True, slots=True)
class ControlState:
    """Who held one district from ``since``, on what evidence."""

    admin1: str
    admin2: str
    controller: str | None
    status: ControlStatus
    claim_status: FusedClaimStatus | None
    since: str | None
    event_ids: tuple[str, ...] = ()
    #: What the state rests on; None: derived (an event if it has one, else the baseline).
    basis: ControlBasis | None = None
    #: The citation of a baseline state.
    source: str | None = None
