"""How far a change of hands reaches: one district, a whole province, or the country.

Most of August 2021 was told province by province and then for the whole
country ("the rest of Badghis province is in Taliban hands", "the government
collapsed", "the Taliban control the whole country except Panjshir").  The
sentence classifier codes the change of hands; this step reads its scope:

- a province-level capture told as covering the province ("all of", "the rest
  of", "the whole province", "the province except the capital") is marked
  ``scope="province"``, with the capital left out when the text says so;
- "X province fell" / "captured X province" with no such words is the fall of
  the province's capital (the coding rule of the real-news guide): the report
  is placed at the capital's district;
- a sentence about the whole country ("the government collapsed", "control of
  the whole country except Panjshir") adds a country-level capture
  (``scope="country"``, admin1 None) with the provinces it leaves out.

The control stage lets only such scoped reports set every district they cover.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from frontlines import taxonomy
from frontlines.extract.attribution import assess, claim_status, find_sources
from frontlines.extract.sentences import Sentence
from frontlines.records import Article, Report, Resolution
from frontlines.resolve.actors import ActorList
from frontlines.resolve.dates import resolve_date
from frontlines.resolve.places import Gazetteer

#: Words saying a change covers a whole province.
_PROVINCE_WIDE = re.compile(
    r"\b(?:all\s+of|the\s+rest\s+of|the\s+remainder\s+of|the\s+whole(?:\s+of)?|the\s+entire|"
    r"every\s+district\s+(?:of|in)|all\s+(?:the\s+)?districts\s+(?:of|in))\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w'-]*(?:[\s-](?-i:[A-Z])[\w'-]*)?\s+)?province\b"
    r"|\b(?:the\s+)?whole\s+province\b|\bthe\s+entire\s+province\b"
    r"|\bprovince\s+(?:except|apart\s+from|but\s+for|other\s+than)\b",
    re.IGNORECASE,
)

#: "... except the (provincial) capital": the capital is left out.
_EXCEPT_CAPITAL = re.compile(
    r"\b(?:except(?:\s+for)?|apart\s+from|but\s+for|other\s+than|save\s+for|"
    r"with\s+the\s+exception\s+of)\s+(?:the\s+)?(?:provincial\s+)?(?:capital|city|centre|center)\b",
    re.IGNORECASE,
)

#: "Helmand province fell", "captured Helmand province": a province falls with its capital.
_PROVINCE_FELL = re.compile(
    r"\bprovince\s+(?:has\s+|had\s+)?(?:fell|fallen|was\s+(?:captured|taken|seized|overrun)|"
    r"has\s+been\s+(?:captured|taken|seized|overrun))\b"
    r"|\b(?:captured|took|seized|overran|taken)\s+(?:(?-i:[A-Z])[\w'-]*\s+){1,3}province\b",
    re.IGNORECASE,
)

#: A change told for the whole country.
_COUNTRY_WIDE = re.compile(
    r"\b(?:the\s+)?(?:Afghan\s+|western-backed\s+|U\.?S\.?-backed\s+)?government\s+"
    r"(?:has\s+|had\s+)?collapsed\b"
    r"|\bcollapse\s+of\s+the\s+(?:Afghan\s+|western-backed\s+|U\.?S\.?-backed\s+)?government\b"
    r"|\b(?:control|hold|seized|took|taken|captured|overran|overrun)\s+(?:of\s+)?"
    r"(?:all\s+of|the\s+whole(?:\s+of)?|the\s+entire|the\s+rest\s+of|nearly\s+all\s+of|"
    r"almost\s+all\s+of)\s+(?:the\s+)?(?:country|Afghanistan)\b(?!['\u2019]s)",
    re.IGNORECASE,
)

#: "Only Panjshir remains outside Taliban control": the rest of the country is theirs.
_ONLY_OUTSIDE = re.compile(
    r"\bonly\s+(?P<what>[^.;:]{1,60}?)\s+(?:now\s+|still\s+)?(?:remains?|remained|is|was|"
    r"stays?|stayed|held\s+out)\s+(?:still\s+)?(?:outside|beyond|out\s+of|free\s+of)\s+"
    r"(?:the\s+)?[\w-]+\s+control\b",
    re.IGNORECASE,
)

#: What the country-wide change leaves out: "except Panjshir", "apart from the Panjshir valley".
_EXCEPT = re.compile(
    r"\b(?:except(?:\s+for)?|apart\s+from|but\s+for|other\s+than|save\s+for|"
    r"with\s+the\s+exception\s+of)\s+(?P<what>[^.;:,]{1,80})",
    re.IGNORECASE,
)

#: Where the list of exceptions ends: the next clause ("except Panjshir a day after ...").
_CLAUSE = re.compile(r"\b(?:after|as|when|while|since|because|but|a\s+day|days|said)\b", re.I)

#: Not a fact: a fear, a forecast or a condition ("could collapse", "before it collapses").
_NOT_YET = re.compile(
    r"\b(?:could|might|may|would|will|shall|likely\s+to|about\s+to|threat(?:en)?s?\s+to|"
    r"fears?|feared|warn(?:s|ed)?|unless|if|before|prevent|avert|risk)\b[^.]{0,60}"
    r"(?:collapse|control|seize|take|capture)",
    re.IGNORECASE,
)

_BEARING = re.compile(r"\b(?:of|near|from|towards?|beyond)\s+(?:the\s+)?$", re.IGNORECASE)

_TERRITORIAL_CAPTURES = (taxonomy.NSA_OVERTAKES, taxonomy.NONVIOLENT_TRANSFER)


def apply_scope(
    reports: Sequence[Report],
    article: Article,
    sentences: Sequence[Sentence],
    *,
    gazetteer: Gazetteer,
    actors: ActorList,
    country: str,
    insurgent: str | None,
    extractor_version: str = "",
) -> list[Report]:
    """``reports`` with their scope read, plus the article's country-wide captures."""
    out = [_province_scope(_place_province_wide(r, gazetteer, actors), gazetteer) for r in reports]
    wide = _country_reports(
        article,
        sentences,
        gazetteer=gazetteer,
        actors=actors,
        country=country,
        insurgent=insurgent,
        extractor_version=extractor_version,
    )
    # "took the whole country except Panjshir": the place named as the exception did not
    # change hands in that sentence, whatever the classifier read into it.
    left_out = {(w.evidence_start, a) for w in wide for a in w.excluded}
    out = [r for r in out if (r.evidence_start, r.admin1) not in left_out]
    return out + wide


def _place_province_wide(report: Report, gazetteer: Gazetteer, actors: ActorList) -> Report:
    """An unplaced change of hands told for a whole province ("the rest of Badghis
    province is in Taliban hands"), placed at that province, with the side named."""
    if report.sub_event_type not in taxonomy.TERRITORIAL or report.admin1 or report.country:
        return report
    found = _PROVINCE_WIDE.search(report.evidence)
    if found is None:
        return report
    province = None
    for match in gazetteer.find_places(found.group(0)):
        province = next((c for c in match.candidates if c.kind == "province"), None)
        if province is not None:
            break
    if province is None:
        return report
    actor1 = report.actor1
    if actor1 is None:
        named = [a for a in actors.find(report.evidence) if a.side == "insurgent"]
        actor1 = named[0].name if named else None
    why = Resolution(
        stage="place",
        mention=found.group(0),
        chosen=province.admin1 or province.name,
        reason="told for the whole province: a province-level change of hands",
    )
    return dataclasses.replace(
        report,
        country=province.country,
        admin1=province.admin1 or province.name,
        admin2=None,
        location=province.name,
        latitude=province.latitude,
        longitude=province.longitude,
        geo_precision=3,
        actor1=actor1,
        resolutions=(*report.resolutions, why),
    )


def _province_scope(report: Report, gazetteer: Gazetteer) -> Report:
    province_level = report.admin1 and (report.admin2 is None or report.geo_precision == 3)
    if report.sub_event_type not in taxonomy.TERRITORIAL or not province_level:
        return report
    text = report.evidence
    assert report.admin1 is not None
    if _PROVINCE_WIDE.search(text):
        excluded: tuple[str, ...] = ()
        if _EXCEPT_CAPITAL.search(text):
            try:
                capital = gazetteer.capital_district(report.admin1)
            except Exception:  # a province with no capital on record: leave none out
                capital = None
            if capital is not None and capital.admin2:
                excluded = (f"{capital.admin1}/{capital.admin2}",)
        return dataclasses.replace(report, scope="province", excluded=excluded)
    if _PROVINCE_FELL.search(text):
        try:
            place = gazetteer.capital_district(report.admin1)
        except Exception:  # no capital on record: keep the province
            return report
        why = Resolution(
            stage="place",
            mention=report.admin1,
            chosen=f"{place.admin1}/{place.admin2}",
            reason="a province falls when its capital is taken: placed at the capital's district",
        )
        return dataclasses.replace(
            report,
            admin1=place.admin1,
            admin2=place.admin2,
            location=place.location,
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=1,
            resolutions=(*report.resolutions, why),
        )
    return report


def _country_reports(
    article: Article,
    sentences: Sequence[Sentence],
    *,
    gazetteer: Gazetteer,
    actors: ActorList,
    country: str,
    insurgent: str | None,
    extractor_version: str,
) -> list[Report]:
    out: list[Report] = []
    days: set[str | None] = set()
    # "Only Panjshir remains outside Taliban control" anywhere in the article says what
    # every country-wide change it tells leaves out.
    left_out: list[str] = []
    for sentence in sentences:
        for only in _ONLY_OUTSIDE.finditer(sentence.text):
            left_out += _provinces_in(only.group("what"), gazetteer)
    for index, sentence in enumerate(sentences):
        text = sentence.text
        found = _COUNTRY_WIDE.search(text) or _ONLY_OUTSIDE.search(text)
        if found is None or _NOT_YET.search(text):
            continue
        assessment = assess(text)
        if assessment.negated:
            continue
        excluded = tuple(
            dict.fromkeys([*_excluded_provinces(text[found.start() :], gazetteer), *left_out])
        )
        named = [a for a in actors.find(text) if a.side == "insurgent"]
        actor1 = named[0].name if named else insurgent
        date = resolve_date(text, article.published, year_hint=article.year_hint)
        if date.event_date in days:
            continue  # one country-wide capture a day per article
        days.add(date.event_date)
        context = " ".join(s.text for s in sentences[max(0, index - 3) : index])
        sources = find_sources(text, context, actors=actors)
        status = claim_status(sources, assessment, "insurgent" if actor1 else None)
        key = f"{article.article_id}|{sentence.start}|country|{country}"
        out.append(
            Report(
                event_id="FL-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
                article_id=article.article_id,
                event_type=taxonomy.event_type_of(taxonomy.NSA_OVERTAKES),
                sub_event_type=taxonomy.NSA_OVERTAKES,
                evidence=text,
                evidence_start=sentence.start,
                evidence_end=sentence.end,
                event_date=date.event_date,
                time_precision=date.time_precision,
                actor1=actor1,
                country=country,
                sources=tuple(sources),
                claim_status=status,  # type: ignore[arg-type]
                notes=f"{actor1 or 'unnamed'} take the whole country"
                + (f" except {', '.join(excluded)}" if excluded else ""),
                hedge=assessment.hedge,
                resolutions=(
                    Resolution(
                        stage="place",
                        mention=found.group(0),
                        chosen=country,
                        reason="told for the whole country: a country-level change of hands",
                        alternatives=excluded,
                    ),
                ),
                extractor_version=extractor_version,
                outlet=article.outlet,
                url=article.url,
                published=article.published.isoformat()
                if isinstance(article.published, dt.date)
                else None,
                scope="country",
                excluded=excluded,
            )
        )
    return out


def _excluded_provinces(text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The provinces named after "except" ("except Panjshir and parts of Baghlan")."""
    found = _EXCEPT.search(text)
    if found is None:
        return ()
    return _provinces_in(_CLAUSE.split(found.group("what"), maxsplit=1)[0], gazetteer)


def _provinces_in(text: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The provinces named in ``text`` (a place named in a province counts as it)."""
    names: list[str] = []
    provinces = {(p.admin1 or "").casefold(): p.admin1 for p in gazetteer.provinces() if p.admin1}
    for match in gazetteer.find_places(text):
        if _BEARING.search(text[: match.start]):
            continue  # "Panjshir, north of Kabul": a landmark, not a place left out
        for candidate in match.candidates:
            admin1 = getattr(candidate, "admin1", None)
            if admin1 and admin1.casefold() in provinces and admin1 not in names:
                names.append(admin1)
                break
    return tuple(names)
