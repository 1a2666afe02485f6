"""Place names: find them in text and resolve them to gazetteer entries.

The theatre gazetteer (``theatres/<name>/gazetteer.json``, built by
``scripts/build_gazetteer.py``) holds provinces, districts, cities, towns and
villages with their aliases; the world fallback (``theatres/world/places.json``)
holds countries and major cities so that "Washington" or "Qatar" resolve to
where they are and never to an Afghan village with a similar name.

Matching is by a transliteration-tolerant key (:func:`normalise`), so
"Pol-e Khomri", "Puli Khumri" and "Pul-e Khumri" are one name.  Everything is
pure Python and precomputed at load time: finding the places in a 900-word
article takes well under 3 ms.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from frontlines import settings
from frontlines.errors import UnknownPlace
from frontlines.records import Place, Resolution

# --- normalisation -----------------------------------------------------------

#: Words that join the parts of a Dari/Pashto name ("Sar-e Pul", "Khost wa Firing").
_CONNECTORS = frozenset({"e", "i", "y", "ye", "yi", "wa", "va", "o"})
_APOSTROPHES = re.compile(r"['’`ʼ‘]")
_WORDS = re.compile(r"[^\W_]+")
# Character rules applied to the joined key, in order.  Each folds a pair of
# common transliterations of the same Dari/Pashto sound into one spelling.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"t?sch"), "sh"),  # German spellings: Alischang/Alishang, Tschakhansur
    (re.compile(r"ck|q"), "k"),
    # Arabic dhad/zal: Ramadhan/Ramazan, Dhakir/Zakir; never an aspirated d ("Kandhar").
    (re.compile(r"(?:(?<=[aeiou])|^)dh(?=[aeiou])"), "z"),
    (re.compile(r"v"), "w"),  # Vardak/Wardak
    (re.compile(r"khail\b|khil\b"), "khel"),  # Ahmad Khail/Ahmad Khel (-khel folds to khil)
    (re.compile(r"[ao]w(?![aeiouy])"), "o"),  # Kowt/Kot, Jawzjan/Jozjan, Naw/Now
    (re.compile(r"ey"), "ay"),  # Meymaneh/Maymana
    (re.compile(r"oo|ou|o"), "u"),  # Kundoz/Kunduz, Pol/Pul
    (re.compile(r"ee|e|y"), "i"),  # Sheberghan/Shibirghan, Fayzabad/Faizabad
    (re.compile(r"(?<=[aiu])h(?![aiu])"), ""),  # Shahr/Shar, Mehtar/Mihtar, -gah/-ga
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: Jabbar/Jabar
)
_FINAL_EH = re.compile(r"eh$")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(key: str) -> str:
    for pattern, repl in _FOLDS:
        key = pattern.sub(repl, key)
    return key


def _words(name: str) -> list[str]:
    """Lower-case words of ``name`` without connectors, with the ezafe of
    every non-final word removed ("Sari Pul" -> sar, pul)."""
    words = [
        w
        for w in _WORDS.findall(_APOSTROPHES.sub("", _strip_marks(name).lower()))
        if w not in _CONNECTORS
    ]
    out: list[str] = []
    last = len(words) - 1
    for i, word in enumerate(words):
        if len(word) > 4:
            word = _FINAL_EH.sub("a", word)  # Meymaneh/Maymana
        if i < last and len(word) > 3 and word[-1] in "eiy":
            word = word[:-1]  # ezafe: Puli/Pul-e, Dashte/Dasht-e
        out.append(word)
    return out


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """A matching key that is the same for common transliterations of a name.

    Folds case, diacritics, hyphens and spaces, the "-e-"/"-i-" connectors and
    ezafe endings, doubled letters, o/u/oo, e/i/y, q/k and a silent h, so that
    "Pol-e Khomri" == "Puli Khumri" and "Qala-e-Naw" == "Qala Naw".
    """
    return _fold("".join(_words(name)))


@lru_cache(maxsize=65536)
def _first_key(name: str) -> str:
    """The key of the first word of a name, taken as a non-final word."""
    words = _words(name + " x")
    return _fold(words[0]) if len(words) > 1 else ""


_LOOSE_DROP = re.compile(r"[aeiouhw]")  # w: Dawlat/Dolat (aw folds to o before a consonant)
_REPEATS = re.compile(r"(.)\1+")


def loose_key(key: str) -> str:
    """The consonant skeleton of a :func:`normalise` key: its first letter, then its
    consonants without the h of kh/gh/sh/zh, so that dropped, added or changed
    vowels ("Kandhar", "Laghman"/"Lagman", "Badakshan") meet their name."""
    return key[:1] + _REPEATS.sub(r"\1", _LOOSE_DROP.sub("", key[1:])) if key else key


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one letter added, dropped or
    changed, or two neighbours swapped (a misprint)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def name_keys(name: str) -> list[Any]:
    """[key, first-word key, number of words] of a gazetteer name: what the
    index needs, precomputed by the build script so that loading is fast."""
    return [normalise(name), _first_key(name), len(_TOKEN_RE.findall(name)) or 1]


#: Names whose keys the build script stored: if the normaliser changed since,
#: stored keys are stale and the loader recomputes them.
NORMALISER_PROBES = (
    "Pol-e Khomri", "Qala-e-Naw", "Meymaneh", "Lashkar Gah", "Dasht-e-Archi", "Kundoz",
    "Sheberghan", "Tarin Kowt", "Maidan Shahr", "Mehtar Lam", "Jabbar", "Mazar-e-Sharif",
)  # fmt: skip


def normaliser_signature() -> dict[str, list[Any]]:
    """The keys of :data:`NORMALISER_PROBES`, stored beside precomputed keys."""
    return {name: name_keys(name) for name in NORMALISER_PROBES}


_NOT_LETTERS = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """The key of a world (English) name: case, diacritics and punctuation only."""
    return "=" + _NOT_LETTERS.sub("", _strip_marks(name).lower())


def world_keys(name: str, aliases: tuple[str, ...] = ()) -> list[list[Any]]:
    """Index keys of a world place: exact keys, first word taken as is."""
    out: list[list[Any]] = []
    for n in (name, *aliases):
        words = _TOKEN_RE.findall(n) or [n]
        out.append([exact_key(n), exact_key(words[0]), len(words)])
    return out


# --- records -------------------------------------------------------------------

#: Names whose key has this many letters or fewer are matched only as spelled.
SHORT_KEY = settings.PLACE_EXACT_MAX_KEY_LETTERS

#: Feature kinds, in the order a bare name (no hint) prefers them.
AFGHAN_KINDS = ("city", "town", "province", "district", "village")
WORLD_KINDS = ("country", "world_city")


class Feature(NamedTuple):
    """One gazetteer entry: a province, district, city, town, village or world place.

    A named tuple rather than a frozen dataclass: ten thousand are built at load
    time, and a tuple is several times cheaper to make."""

    kind: str
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    key: str
    aliases: tuple[str, ...] = ()
    #: Matched only with a cue: a district name that is also a common word
    #: ("Argo district"), a person-like village ("village of Abdul Wahed").
    #: Any village is also matched only when named in several words or with a cue.
    weak: bool = False


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in text, with its candidate features and context hints."""

    start: int
    end: int
    text: str
    candidates: tuple[Feature, ...]
    #: "province", "district", "city", "village" or "near", read from nearby words.
    feature_hint: str | None = None
    #: True when the words around say "near X", "outskirts of X", "within ... of X".
    near: bool = False
    #: A province named next to it ("Kandahar's Spin Boldak district").
    admin1_hint: str | None = None
    hints: tuple[str, ...] = field(default=())
    #: A province the rest of the text points to (an unambiguous name in it): the
    #: namesake there is preferred to one elsewhere, without overriding a stated one.
    implied_admin1: str | None = None
    #: How a spelling not in the gazetteer was read ("misprint of Kandahar"), if so.
    approx: str | None = None
    #: A district named like a word, kept while the text around it is read; never
    #: returned by :meth:`Gazetteer.find_places` unless confirmed.
    tentative: bool = False


# --- context cues ----------------------------------------------------------------

_AFTER_FEATURE = re.compile(
    r"^(?:['’]s)?\s+(provinces?|districts?|city|town|villages?|provincial capital)\b"
)
_AFTER_LIST_OF_DISTRICTS = re.compile(
    r"^(?:,\s*[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*){0,2}){0,4},?\s+and\s+"
    r"[A-Z][\w'’-]*(?:[\s-][A-Z][\w'’-]*){0,2}\s+districts\b"
)
_AFTER_FACILITY = re.compile(r"^\s+(?:air\s*base|airbase|air\s*field|airport|military\s+base)\b")
_AFTER_CAPITAL = re.compile(r"^,\s+(?:the\s+|its\s+|a\s+)?(?:provincial\s+)?capital\b")
_AFTER_POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z]+\s+){0,2}(district|province|outskirts)\b")
_AFTER_OUTSKIRTS = re.compile(r"^['’]s\s+(?:[a-z]+\s+)?outskirts\b")
_BEFORE_FEATURE = re.compile(
    r"\b(provinces?|districts?|city|town|villages?|capital|outskirts|suburbs|edge|gates)"
    r"\s+of\s+(?:the\s+)?$"
)
_BEFORE_CAPITAL = re.compile(r"\b(?:provincial|the)\s+capital,?\s+(?:city\s+)?(?:of\s+)?$")
_BEFORE_CAPITAL_OF = re.compile(r"\bcapital\s+(?:city\s+)?of\s+(?:the\s+)?(?:province\s+of\s+)?$")
_AFTER_CAPITAL_WORD = re.compile(r"^(?:['’]s)?\s+(?:(?:provincial|province['’]s)\s+)?capital\b")
_BEFORE_VILLAGE = re.compile(r"\bvillages?\s+(?:of\s+)?$")
_NEAR_CUE = (
    # "nearby" before a name is an adjective ("the nearby Panjwai district"): the place.
    # "west of Kabul" is outside it; "west Kabul" is a part of it (_BEFORE_REGION).
    # "50 kilometres from Kunduz": a distance or a bearing from a place is not in it.
    r"\b(?:near|outside|around|close\s+to|within\b.{0,40}\bof|"
    r"(?:kilomet(?:er|re)s?|km|miles?)\)?\s+(?:\([^)]{0,30}\)\s+)?(?:from|of)|"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of)"
    r"\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?"
)
_BEFORE_NEAR = re.compile(_NEAR_CUE + "$")
#: "southwest of the capital, Kabul", "35 km west of Afghanistan's capital Kabul",
#: "north of the provincial capital, Kunduz": the name is the capital's appositive.
#: ("West of the capital, Maidan Shar fell": a bare "the capital" then another city
#: opens a clause; the caller checks which.)
_BEFORE_NEAR_CAPITAL = re.compile(
    _NEAR_CUE + r"(?:\w+['’]s\s+)?(provincial\s+)?capital,?\s+(?:city\s+of\s+)?$"
)
_REGION = r"(?:(?:north|south|east|west)[a-z-]*ern\s+)?"
#: "northern Kunduz", "west Kabul", "central Kabul": a part of the place named.
_BEFORE_REGION = re.compile(
    r"\b(?:(?:north|south|east|west)[a-z-]*ern|(?:north|south)(?:-?(?:east|west))?|east|west|"
    r"central|downtown|inner)\s+$"
)
#: "police district 5 of Kabul", "PD 9 in Kabul city", "Kabul's PD5": a city's ward.
_BEFORE_WARD = re.compile(
    r"\b(?:police\s+district|pd|p\.d\.|district|ward|nahia|nahiya|zone)\s*-?\s*\d{1,2}"
    r"(?:st|nd|rd|th)?\s+(?:of|in)\s+(?:the\s+)?$"
)
_AFTER_WARD = re.compile(
    r"^(?:\s+city)?['’]s\s+(?:police\s+district|pd|p\.d\.|district|ward|nahia|nahiya|zone)"
    r"\s*-?\s*\d{1,2}\b"
)
#: "Sayed ul-Shuhada school", "Abdul Rahim Shaheed hospital": a place name inside a
#: longer name of a school, hospital or mosque names that facility, not where it is.
_AFTER_FACILITY_NAME = re.compile(
    r"^\s+(?:(?:girls['’]?|boys['’]?|primary|secondary|high)\s+)?"
    r"(?:school|hospital|clinic|mosque|madrass?a|university|institute|academy|college|"
    r"shrine|stadium|high\s+school)s?\b",
    re.IGNORECASE,
)
_JOINED_BEFORE = re.compile(
    r"(?:\b(?!(?:In|At|On|Of|To|By|The|A|An|And|But|From|Near|Outside|Inside)\s)"
    r"[A-Z][\w'’]*[ \t]+|\b(?:[uae]l|[ua]d|[ua]s|[ua]sh)[- ])$"
)
#: A preposition or verb of place right before a name: what a spelling that is not
#: in the gazetteer needs before it is read as a misprint or variant of one.
_BEFORE_LOCATIVE = re.compile(
    r"\b(?:in|of|at|near|into|outside|around|across|from|to|captured|seized|took|"
    r"overran|overrun|retook|recaptured|entered|stormed|attacked|control\s+of|fall\s+of|"
    r"(?:north|south|east|west)[a-z-]*ern|central)"
    r"\s+(?:the\s+)?(?:(?:city|town|district|province|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
#: Spellings with a longer key are never read approximately (deletions are quadratic).
_LONGEST_KEY = 40
#: First letters a transliteration may swap (a vowel, or an h before one: Aybak/Haibak).
_OPEN_START = frozenset("aeiouh")
#: English endings that Dari and Pashto names in English spelling do not have: a word
#: shaped so is never read as a variant or misprint of a place name.
_ENGLISH_SHAPE = re.compile(
    r"(?:[^ef]ed|[^aeiou]ings?|[st]ions?|ers|ments?|ness|[^a]ly|ies|ous|ives?|ful|less|"
    r"[ai]ble|men|ists?|ism)$",
    re.IGNORECASE,
)
#: A cache entry not yet made (a reading is a tuple, no reading None).
_NO_READING = "not looked up"
#: "The districts are ...", "the fallen districts include ...": a list of districts.
_BEFORE_DISTRICT_LIST = re.compile(
    r"\b[Dd]istricts?\s+(?:are|were|include|included|including|namely|such\s+as)\s*:?\s*"
    r"(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?,\s*){0,3}$"
)
#: Between two items of a list, perhaps past an item or two the gazetteer lacks.
_LIST_GAP = re.compile(
    r"\s*(?:,\s*and|,|and|&)\s*(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?\s*(?:,\s*and|,|and)\s*){0,2}"
)
_OF_THE_DISTRICT = "province of the district before it"
_GAP_PROVINCE = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?")
_GAP_IN = re.compile(rf"\s*(?:district|city|town|village)?\s*(?:in|of|,)\s*(?:the\s+)?{_REGION}")
_GAP_FEATURE_IN = re.compile(
    rf"\s*(?:districts?|city|town|villages?)\s+(?:in|of)\s+(?:the\s+)?{_REGION}"
)
_GAP_VILLAGE_IN = re.compile(r",?\s+(?:in|of)\s+(?:the\s+)?")
_GAP_POSSESSIVE = re.compile(r"(?:\s+province)?['’]s\s+|\s+")
_LIST_SEP = re.compile(r"^\s*(?:,\s*and|,|and|&)\s*$")
_KIND_OF_WORD = {
    "province": "province",
    "provinces": "province",
    "district": "district",
    "districts": "district",
    "city": "city",
    "town": "city",
    "capital": "city",
    "provincial capital": "city",
    "village": "village",
    "villages": "village",
    "outskirts": "near",
    "suburbs": "near",
    "edge": "near",
    "gates": "near",
}

# A run of capitalised words, joined by spaces, hyphens or a lower-case connector.
# An apostrophe inside a word is part of it ("Panjwa'i", "Qal'ah"); a possessive is not.
_TOKEN = (
    r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F]*"
    r"(?:['’](?![sS]\b)[A-Za-z\u00C0-\u024F]+|-[A-Za-z\u00C0-\u024F]+)*"
)
_TOKEN_RE = re.compile(_TOKEN)
_DANGLING = re.compile(r"-(?:e|i|y|ye|yi)$", re.IGNORECASE)
_CHAIN_RE = re.compile(
    rf"{_TOKEN}(?:(?:[ \t]+|-)(?:(?:e|i|wa|va|o|ul|al)[ \t]+|(?:ul|al|ud|us)-)?{_TOKEN})*"
)


# --- the gazetteer -----------------------------------------------------------------


class Gazetteer:
    """A theatre's places plus the world fallback, indexed by :func:`normalise`."""

    def __init__(
        self,
        data: dict[str, Any],
        world: dict[str, Any] | None = None,
        *,
        theatre: str | None = None,
    ) -> None:
        #: The theatre whose ``districts.geojson`` ``district_of_point`` reads.
        self.theatre = theatre
        self.country: str = str(data.get("country", ""))
        self.iso: str = str(data.get("iso", ""))
        self.national_capital: str | None = data.get("national_capital")
        phrases = [str(p) for p in data.get("capital_phrases", ()) if str(p).strip()]
        #: "the Afghan capital": the national capital named without its name.
        self._capital_phrase: re.Pattern[str] | None = (
            re.compile(
                r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + r")\b",
                re.IGNORECASE,
            )
            if phrases
            else None
        )
        self._features: list[Feature] = []
        self._provinces: dict[str, Feature] = {}
        self._districts: dict[tuple[str, str], Feature] = {}
        self._cities: dict[str, Feature] = {}
        self._capital_district: dict[str, str] = {}
        #: Province -> the name of its capital city (a key of ``_cities``).
        self._capital_city: dict[str, str] = {}
        self._index: dict[str, list[Feature]] = {}
        self._first: dict[str, int] = {}  # first-word key -> most words in a name
        #: Keys of at most SHORT_KEY letters -> the exact spellings behind them: a
        #: short name is matched as spelled, since folding makes "Nile" "Nili".
        self._short: dict[str, set[str]] = {}
        self._shapes: Any = None
        self._shapes_lock = threading.Lock()
        #: Consonant skeleton -> (key, feature) of theatre names (see :func:`loose_key`).
        self._loose: dict[str, list[tuple[str, Feature]]] = {}
        #: A key and each of its one-letter deletions -> keys: misprints by index.
        self._deletes: dict[str, set[str]] = {}
        #: The same for consonant skeletons: a vowel changed and a consonant misprinted.
        self._loose_deletes: dict[str, set[str]] = {}
        #: First word of a multi-word theatre name shared by no other name -> features
        #: ("Chesht" for Chisht-e Sharif).
        self._first_only: dict[str, list[Feature]] = {}
        self._person: set[str] = set()
        self._approx_cache: dict[str, tuple[list[Feature], str] | None] = {}
        self._load(data, world or {})
        #: The spelling indexes are built on the first spelling not in the gazetteer
        #: (about 15 ms), not at start-up.
        self._spellings_ready = False

    # -- loading --

    def _add(
        self, feature: Feature, names: tuple[str, ...], *, keys: list[list[Any]] | None = None
    ) -> None:
        """Index ``feature`` under each name; ``keys`` are the names' precomputed
        (key, first-word key, word count), as the build script stores them."""
        self._features.append(feature)
        if keys is None:
            keys = [name_keys(name) for name in names]
        index, first = self._index, self._first
        for (key, first_word, n_words), name in zip(keys, names, strict=False):
            if not key:
                continue
            if len(key) <= SHORT_KEY and not key.startswith("="):
                self._short.setdefault(key, set()).add(exact_key(name))
            bucket = index.get(key)
            if bucket is None:
                index[key] = [feature]
            elif not any(f is feature for f in bucket):
                bucket.append(feature)
            first_word = first_word or key
            if first.get(first_word, 0) < n_words:
                first[first_word] = n_words

    def _load(self, data: dict[str, Any], world: dict[str, Any]) -> None:
        country, iso = self.country, self.iso
        weak = {normalise(w) for w in data.get("weak", [])}
        self._person = {normalise(w) for w in data.get("person_words", [])}
        stored = data.get("normaliser")
        fresh = stored is not None and stored == normaliser_signature()

        def keys_of(entry: dict[str, Any]) -> list[list[Any]] | None:
            return entry.get("keys") if fresh else None

        for p in data.get("provinces", []):
            name = p["name"]
            feat = Feature(
                "province", name, country, name, None, p["lat"], p["lon"],
                f"{iso}/{name}", tuple(p.get("aliases", ())),
            )  # fmt: skip
            self._provinces[name] = feat
            if p.get("capital_district"):
                self._capital_district[name] = p["capital_district"]
            if p.get("capital"):
                self._capital_city[name] = p["capital"]
            self._add(feat, (name, *feat.aliases), keys=keys_of(p))
        districts = data.get("districts", [])
        for d in districts:
            a1, a2 = d["admin1"], d["admin2"]
            is_weak = normalise(a2) in weak
            feat = Feature(
                "district", a2, country, a1, a2, d["lat"], d["lon"],
                f"{iso}/{a1}/{a2}", tuple(d.get("aliases", ())), is_weak,
            )  # fmt: skip
            self._districts[(a1, a2)] = feat
            self._add(feat, (a2, *feat.aliases), keys=keys_of(d))
        for c in data.get("cities", []):
            a1, a2, name = c["admin1"], c["admin2"], c["name"]
            kind = c.get("kind", "city")
            # "what" tells a site, a part of a city or a post-2014 district from a town
            # (features.json); the key keeps it so that the choice explains itself.
            what = c.get("what")
            feat = Feature(
                kind, name, country, a1, a2, c["lat"], c["lon"],
                f"{iso}/{a1}/{a2}/{what or kind}:{name}", tuple(c.get("aliases", ())),
            )  # fmt: skip
            if what is None or what == "crossing":
                self._cities.setdefault(name, feat)
            self._add(feat, (name, *feat.aliases), keys=keys_of(c))
        person = {w.lower() for w in data.get("person_words", [])}
        for name, di, lat, lon, *vkeys in data.get("villages", []):
            a1, a2 = districts[di]["admin1"], districts[di]["admin2"]
            words = name.split()
            strong = len(words) > 1 and words[0].lower() not in person
            feat = Feature(
                "village", name, country, a1, a2, lat, lon, f"{iso}/{a1}/{a2}/village:{name}",
                (), not strong,
            )  # fmt: skip
            self._add(feat, (name,), keys=[vkeys] if fresh and vkeys else None)
        # World names are English exonyms: matched on case and punctuation only
        # (a "=" key), so that the transliteration folds cannot make "Aman" Amman.
        for c in world.get("countries", []):
            feat = Feature(
                "country", c["name"], c["name"], None, None, c["lat"], c["lon"],
                f"WORLD/{c['iso3']}", tuple(c.get("aliases", ())),
            )  # fmt: skip
            self._add(feat, (c["name"], *feat.aliases), keys=world_keys(c["name"], feat.aliases))
        for c in world.get("cities", []):
            feat = Feature(
                "world_city", c["name"], c["country"], c.get("admin1"), None, c["lat"], c["lon"],
                f"WORLD/{c['iso3']}/{c['name']}", tuple(c.get("aliases", ())),
            )  # fmt: skip
            self._add(feat, (c["name"], *feat.aliases), keys=world_keys(c["name"], feat.aliases))

    def _index_spellings(self) -> None:
        """Index theatre names (not villages, not world names) by consonant skeleton
        and by one-letter deletions, so that a variant or a misprint is looked up,
        never searched for."""
        kinds = ("province", "district", "city", "town")
        for key, feats in self._index.items():
            if key.startswith("=") or len(key) <= SHORT_KEY:
                continue
            ours = [f for f in feats if f.kind in kinds and not f.weak]
            if not ours:
                continue
            loose = loose_key(key)
            if len(loose) >= settings.PLACE_LOOSE_MIN_CONSONANTS:
                bucket = self._loose.setdefault(loose, [])
                bucket.extend((key, f) for f in ours if (key, f) not in bucket)
                if len(loose) > settings.PLACE_LOOSE_MIN_CONSONANTS:
                    for k in (loose, *_deletions(loose)):
                        self._loose_deletes.setdefault(k, set()).add(loose)
            if len(key) >= settings.PLACE_EDIT_MIN_LETTERS - 1:
                for k in (key, *_deletions(key)):
                    self._deletes.setdefault(k, set()).add(key)
        firsts: dict[str, list[Feature]] = {}
        for f in self._features:
            if f.kind not in ("province", "district", "city") or f.weak:
                continue
            for name in (f.name, *f.aliases):
                words = _words(name)
                if len(words) > 1 and _first_key(name) not in self._person:
                    same = firsts.setdefault(_first_key(name), [])
                    if f not in same:
                        same.append(f)
        for k, feats in firsts.items():
            if len(k) > SHORT_KEY and k not in self._index and len({f.name for f in feats}) == 1:
                self._first_only[k] = feats

    def _approximate_cached(self, surface: str) -> tuple[list[Feature], str] | None:
        if _DANGLING.search(surface):
            return None  # "Baghlan-e" of an unknown "Baghlan-e Markazi"
        cache = self._approx_cache
        if surface in cache:
            return cache.get(surface)
        read = self._approximate(surface)
        if len(cache) > 50_000:
            cache.clear()  # bounded: a long batch of hostile text cannot grow it
        cache[surface] = read
        return read

    def _approximate(self, surface: str) -> tuple[list[Feature], str] | None:
        """The features a spelling not in the gazetteer most likely means, and why:
        its consonant skeleton, else a misprint of one letter; only when every
        reading lies in one province (else which one is a guess)."""
        if not self._spellings_ready:
            with self._shapes_lock:
                if not self._spellings_ready:
                    self._index_spellings()
                    self._spellings_ready = True
        if _ENGLISH_SHAPE.search(surface):
            return None  # "Crashed", "Policemen", "Constitution": an English word's shape
        key = normalise(surface)
        # A village of that spelling does not stop it: a one-word village needs a cue.
        if (
            len(key) <= SHORT_KEY
            or len(key) > _LONGEST_KEY  # no name is longer: and a hostile run stays linear
            or any(f.kind != "village" for f in self._index.get(key, ()))
        ):
            return None
        found: list[tuple[str, Feature]] = []
        how = ""
        loose = loose_key(key)
        if len(loose) >= settings.PLACE_LOOSE_MIN_CONSONANTS:
            # Vowels only: a name about as long as the spelling ("Zabihullah" is no Zabul).
            found = [(k, f) for k, f in self._loose.get(loose, ()) if abs(len(k) - len(key)) <= 2]
            how = "vowels aside"
        if not found and len(key) >= settings.PLACE_EDIT_MIN_LETTERS:
            near: set[str] = set(self._deletes.get(key, ()))
            for k in _deletions(key):
                near.update(self._deletes.get(k, ()))
            keys = [k for k in near if within_one_edit(key, k)]
            found = [(k, f) for k in keys for f in self._index[k] if f.kind != "village"]
            found = [(k, f) for k, f in found if f.country == self.country and not f.weak]
            how = "one letter off"
        if (
            not found
            and len(loose) >= settings.PLACE_LOOSE_MIN_CONSONANTS
            and len(key) >= settings.PLACE_LOOSE_EDIT_MIN_LETTERS
        ):
            # "Dawalabad", "Sheikh Khan Bandar": vowels aside, one consonant off; only in
            # a long name, and never its first letter ("Program" is no Nurgaram).
            skeletons: set[str] = set(self._loose_deletes.get(loose, ()))
            for k in _deletions(loose):
                skeletons.update(self._loose_deletes.get(k, ()))
            found = [
                (k, f)
                for sk in skeletons
                if (sk[:1] == loose[:1] or {sk[:1], loose[:1]} <= _OPEN_START)
                and within_one_edit(loose, sk)
                for k, f in self._loose[sk]
                if abs(len(k) - len(key)) <= 2
            ]
            how = "vowels aside, one letter off"
        if not found and _first_key(surface + " x") in self._first_only:
            found = [(key, f) for f in self._first_only[_first_key(surface + " x")]]
            how = "the first word of its name"
        # One reading: one province, or one name (namesakes in several provinces are
        # then told apart as an exact name is, by the province the text points to).
        if not found or (
            len({f.admin1 for _, f in found}) != 1 and len({f.name for _, f in found}) != 1
        ):
            return None
        feats: list[Feature] = []
        for _, f in found:
            if f not in feats:
                feats.append(f)
        return feats, f"{surface!r} read as {feats[0].name!r} ({how})"

    # -- finding names in text --

    def find_places(self, text: str) -> list[PlaceMatch]:
        """Place names in ``text``, in order, each with its candidates and hints.

        Never raises on hostile input; villages are matched only when the name
        is strong (several words) or a cue says it is a village.
        """
        matches: list[PlaceMatch] = []
        index, first = self._index, self._first
        for chain in _CHAIN_RE.finditer(text):
            tokens = [(m.start() + chain.start(), m.end() + chain.start(), m.group())
                      for m in _TOKEN_RE.finditer(chain.group())]  # fmt: skip
            i, n = 0, len(tokens)
            while i < n:
                tok = tokens[i][2]
                longest = max(
                    first.get(_first_key(tok), 0),
                    first.get(exact_key(tok), 0),
                    1 if normalise(tok) in index else 0,
                )
                found = False
                for j in range(min(n, i + longest), i, -1):
                    start, end = tokens[i][0], tokens[j - 1][1]
                    surface = text[start:end]
                    if _DANGLING.search(surface):
                        continue  # "Baghlan-e" of an unknown "Baghlan-e Markazi"
                    feats = index.get(normalise(surface), []) + index.get(exact_key(surface), [])
                    if not feats:
                        continue
                    match = self._make_match(text, start, end, surface, feats, chain.end())
                    if match is None:
                        continue
                    matches.append(match)
                    i, found = j, True
                    break
                if not found:
                    i = self._approximate_at(text, tokens, i, chain.end(), matches)
        self._province_after_district(text, matches)
        self._propagate_list_hints(text, matches)
        if any(m.tentative for m in matches):
            matches[:] = self._confirm_tentative(text, matches)
        self._imply_provinces(matches)
        if self._capital_phrase is not None and self.national_capital in self._cities:
            capital = self._cities[self.national_capital]
            extra = [
                PlaceMatch(m.start(), m.end(), m.group(), (capital,), "city")
                for m in self._capital_phrase.finditer(text)
                if not any(p.start < m.end() and m.start() < p.end for p in matches)
            ]
            if extra:
                matches = sorted([*matches, *extra], key=lambda p: p.start)
        return matches

    def _approximate_at(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        i: int,
        chain_end: int,
        matches: list[PlaceMatch],
    ) -> int:
        """Read the run of capitalised tokens at ``i`` as a variant or misprint of a
        gazetteer name (longest run first, at most three tokens); the next index."""
        start = tokens[i][0]
        cache = self._approx_cache
        cued: bool | None = None
        listed = False
        for j in range(min(len(tokens), i + 3), i, -1):
            end = tokens[j - 1][1]
            surface = text[start:end]
            # Most runs (a person, an outlet, a sentence's first word) have no reading:
            # a dictionary look-up tells, and only a reading has its cue checked.
            read = cache.get(surface, _NO_READING)
            if read is _NO_READING:
                read = self._approximate_cached(surface)
            if read is None or isinstance(read, str):
                continue
            if cued is None:
                # "took Kunduz, Sheberghan and Zaranj": a list of places cues each one.
                listed = bool(matches) and bool(_LIST_SEP.match(text[matches[-1].end : start]))
                cued = listed or bool(_BEFORE_LOCATIVE.search(text, max(0, start - 60), start))
            if not cued and not _AFTER_FEATURE.match(text[end : end + 40].lower()):
                continue
            match = self._make_match(
                text, start, end, surface, read[0], chain_end, read[1], listed=listed
            )
            if match is not None:
                matches.append(match)
                return j
        return i + 1

    def _confirm_tentative(self, text: str, matches: list[PlaceMatch]) -> list[PlaceMatch]:
        """Keep a district named like a word ("Obe", "Saghar") when a list of
        districts holds it, or when its own province follows it ("Obe in Herat")."""
        out: list[PlaceMatch] = []
        for k, m in enumerate(matches):
            if not m.tentative:
                out.append(m)
                continue
            nxt = matches[k + 1] if k + 1 < len(matches) else None
            homes = {c.admin1 for c in m.candidates}
            province = None
            if nxt is not None and _GAP_PROVINCE.fullmatch(text[m.end : nxt.start]):
                province = next(
                    (
                        c.admin1
                        for c in nxt.candidates
                        if c.kind == "province" and c.admin1 in homes
                    ),
                    None,
                )
            if province is not None or m.feature_hint == "district":
                out.append(
                    dataclasses.replace(
                        m, tentative=False, feature_hint="district",
                        admin1_hint=m.admin1_hint or province,
                    )
                )  # fmt: skip
        return out

    @staticmethod
    def _province_after_district(text: str, matches: list[PlaceMatch]) -> None:
        """ "Obe in Herat", "Nish and Mianshin in Kandahar": after a district, a name
        that is also the district's province is that province, not its capital."""
        for k in range(len(matches) - 1):
            cur, nxt = matches[k], matches[k + 1]
            if nxt.feature_hint is not None or not _GAP_PROVINCE.fullmatch(
                text[cur.end : nxt.start]
            ):
                continue
            homes = {c.admin1 for c in cur.candidates if c.kind == "district"}
            if cur.feature_hint != "district" and {c.kind for c in cur.candidates} != {"district"}:
                continue
            prov = next(
                (c.admin1 for c in nxt.candidates if c.kind == "province" and c.admin1 in homes),
                None,
            )
            if prov is not None:
                # (Marked so that the list rule does not pass "province" on to the next
                # item of "Obe in Herat, Saghar in Ghor".)
                matches[k + 1] = dataclasses.replace(
                    nxt, feature_hint="province", hints=("province", _OF_THE_DISTRICT)
                )
                if cur.admin1_hint is None:
                    matches[k] = dataclasses.replace(cur, admin1_hint=prov)

    def _imply_provinces(self, matches: list[PlaceMatch]) -> None:
        """A name found in several provinces is read in the one the rest of the text
        points to: a province, district or city named there that is unambiguous."""
        if len(matches) < 2:
            return
        theatre = ("province", "district", "city", "town")
        homes = [{c.admin1 for c in m.candidates if c.kind in theatre} for m in matches]
        implied = {next(iter(h)) for h in homes if len(h) == 1}
        if not implied:
            return
        for k, (match, home) in enumerate(zip(matches, homes, strict=True)):
            if len(home) < 2 or match.admin1_hint is not None:
                continue
            fits = home & implied
            if len(fits) == 1:
                matches[k] = dataclasses.replace(match, implied_admin1=fits.pop())

    def _make_match(
        self,
        text: str,
        start: int,
        end: int,
        surface: str,
        feats: list[Feature],
        chain_end: int,
        approx: str | None = None,
        listed: bool = False,
    ) -> PlaceMatch | None:
        key = normalise(surface)
        if key in self._short and exact_key(surface) not in self._short[key]:
            feats = [f for f in feats if f.kind in WORLD_KINDS]
            if not feats:
                return None
        after = text[end : end + 60]
        lower = after.lower()
        raw_before = text[max(0, start - 60) : start]
        before = raw_before.lower()
        if _AFTER_FACILITY_NAME.match(after) and _JOINED_BEFORE.search(raw_before):
            return None  # "Sayed ul-Shuhada school": the school's name, not a place
        if approx is not None and not (
            listed or _BEFORE_LOCATIVE.search(raw_before) or _AFTER_FEATURE.match(lower)
        ):
            return None  # a spelling off the gazetteer is read only where a place is due
        hints: list[str] = []
        near = False
        m = _AFTER_FEATURE.match(lower)
        if m:
            # "Badakhshan districts" are districts of a province; "Pashtun Kot
            # and Khan Charbagh districts" are districts.
            plural_of_province = m.group(1) == "districts" and any(
                f.kind == "province" for f in feats
            )
            hints.append("province" if plural_of_province else _KIND_OF_WORD[m.group(1)])
        if not m and _AFTER_LIST_OF_DISTRICTS.match(after):
            # "Nesh and Mianshin districts": the first of a list of districts is one too.
            hints.append("district")
        if _AFTER_CAPITAL.match(lower):
            hints.append("city")
        if _AFTER_OUTSKIRTS.match(lower):
            near = True
        else:
            m = _AFTER_POSSESSIVE.match(lower)
            if m:
                # "Kandahar's Spin Boldak district": Kandahar is the province;
                # "Kunduz's central district": Kunduz is the district.
                between = after[2 : m.start(1)]
                named = any(w[:1].isupper() for w in between.split())
                hints.append("province" if named else m.group(1))
        m = _BEFORE_FEATURE.search(before)
        if m and m.group(1) != "villages":
            # "districts of Kunduz": Kunduz holds districts, so it is a province.
            kind = "province" if m.group(1) == "districts" else _KIND_OF_WORD[m.group(1)]
            if kind == "near":
                near = True
            else:
                hints.append(kind)
        # (Substring tests first: the two searches run only where they can match.)
        ward_before = _DIGIT.search(before[-24:]) and _BEFORE_WARD.search(before)
        if ward_before or ("'" in lower[:12] or "’" in lower[:12]) and _AFTER_WARD.match(lower):
            hints.insert(0, "city")  # "police district 5 of Kabul": a ward of the city
        if not hints and _BEFORE_REGION.search(before):
            if any(f.kind == "city" and f.name == self.national_capital for f in feats):
                # "west Kabul", "western Kabul": a part of the capital, a city of millions.
                hints.append("city")
            elif any(f.kind == "province" for f in feats):
                # "in northern Kunduz": a region of the province, not the city.
                hints.append("province")
        if _BEFORE_CAPITAL.search(before):
            hints.append("city")
        if (
            "capital" in before[-40:] and _BEFORE_CAPITAL_OF.search(before)
        ) or _AFTER_CAPITAL_WORD.match(lower):
            # "the capital of Helmand (province)", "the Helmand capital": the province's
            # capital city, whatever the feature word after the name says.
            names = [self._capital_city.get(f.admin1 or "") for f in feats if f.kind == "province"]
            capitals = [self._cities[n] for n in names if n in self._cities]
            if capitals:
                feats = capitals
                hints = ["city", *(h for h in hints if h != "city"), "capital of the province"]
        if _BEFORE_VILLAGE.search(before):
            hints.append("village")
        if _BEFORE_NEAR.search(before):
            near = True
        m = _BEFORE_NEAR_CAPITAL.search(before) if "capital" in before[-30:] else None
        if m and (
            m.group(1) or any(f.kind == "city" and f.name == self.national_capital for f in feats)
        ):
            near = True
        if not hints and "istrict" in raw_before and _BEFORE_DISTRICT_LIST.search(raw_before):
            hints.append("district")  # "The districts are Obe, Saghar and Sayad"
        if not hints and _AFTER_FACILITY.match(lower) and any(f.weak for f in feats):
            # "Bagram air base": a district's name that is also a word, named by its base.
            hints.append("district")
        # A weak name needs a cue: any feature word for a district ("Argo
        # district"), the word village for a one-word village ("village of Dand").
        village_cue = "village" in hints
        several_words = len(_TOKEN_RE.findall(surface)) > 1
        # "the village of Chah Mowia": a cue names the whole run of capitals,
        # so a village that is only its first word is not it.
        whole_run = end == chain_end
        cands = [
            f
            for f in feats
            if (
                whole_run and (village_cue or (several_words and not f.weak))
                if f.kind == "village"
                else (not f.weak or bool(hints))
            )
        ]
        tentative = False
        if not cands:
            # A district whose name is also a word may yet be confirmed by the text
            # around it: a list of districts, or its own province after it.
            cands = [f for f in feats if f.kind == "district" and f.weak]
            if not cands or near:
                return None
            tentative = True
        hint = hints[0] if hints else ("near" if near else None)
        return PlaceMatch(
            start, end, surface, tuple(cands), hint, near, None, tuple(hints),
            approx=approx, tentative=tentative,
        )  # fmt: skip

    def _propagate_list_hints(self, text: str, matches: list[PlaceMatch]) -> None:
        """ "provinces of Kunduz, Baghlan and Balkh" / "Kunduz and Baghlan provinces":
        the feature word applies to every name of the list."""
        for order in (range(1, len(matches)), range(len(matches) - 2, -1, -1)):
            for k in order:
                other = k - 1 if order.step == 1 else k + 1
                a, b = sorted((k, other))
                gap = text[matches[a].end : matches[b].start]
                if not _LIST_SEP.match(gap) and not (
                    matches[other].feature_hint == "district" and _LIST_GAP.fullmatch(gap)
                ):
                    continue
                src, dst = matches[other], matches[k]
                if _OF_THE_DISTRICT in src.hints:
                    continue
                if dst.feature_hint is None and src.feature_hint in ("province", "district"):
                    # (A tentative district in a list of districts is confirmed by it.)
                    matches[k] = dataclasses.replace(
                        dst, feature_hint=src.feature_hint, hints=(src.feature_hint,)
                    )
        # "Kandahar's Spin Boldak district": the province named first is context.
        for k in range(1, len(matches)):
            prev, cur = matches[k - 1], matches[k]
            gap = text[prev.end : cur.start]
            if (
                prev.feature_hint == "province"
                and cur.feature_hint != "province"
                and _GAP_POSSESSIVE.fullmatch(gap)
            ):
                prov = next((c.admin1 for c in prev.candidates if c.kind == "province"), None)
                if prov:
                    matches[k] = dataclasses.replace(cur, admin1_hint=prov)
        # "Imam Sahib district in Kunduz (province)", "Qarabagh district of Ghazni":
        # the province after is context too.
        for k in range(len(matches) - 1):
            cur, nxt = matches[k], matches[k + 1]
            gap = text[cur.end : nxt.start].lower()
            prov = next((c.admin1 for c in nxt.candidates if c.kind == "province"), None)
            if prov is None or cur.feature_hint == "province" or cur.admin1_hint is not None:
                continue
            said = _GAP_FEATURE_IN.fullmatch(gap)
            if nxt.feature_hint == "province" and _GAP_IN.fullmatch(gap) or said:
                matches[k] = dataclasses.replace(cur, admin1_hint=prov)
            if said and nxt.feature_hint != "province":
                matches[k + 1] = dataclasses.replace(
                    nxt, feature_hint="province", hints=("province",)
                )

        # "the village of Adirah in Arghandab district": the village is looked for
        # in the provinces that hold a district of that name.
        for k in range(len(matches) - 1):
            cur, nxt = matches[k], matches[k + 1]
            if cur.admin1_hint is not None or cur.feature_hint != "village":
                continue
            if not _GAP_VILLAGE_IN.fullmatch(text[cur.end : nxt.start].lower()):
                continue
            theirs = {c.admin1 for c in nxt.candidates if c.kind in ("district", "province")}
            ours = [c.admin1 for c in cur.candidates if c.kind == "village" and c.admin1 in theirs]
            if ours and ours[0] is not None:
                matches[k] = dataclasses.replace(cur, admin1_hint=ours[0])
        # "Sayyidabad and Jaghatu districts": a name found in several provinces
        # is read in the province of the list's unambiguous neighbour.
        for k in range(len(matches)):
            cur = matches[k]
            if cur.admin1_hint is not None or cur.feature_hint != "district":
                continue
            homes = {c.admin1 for c in cur.candidates if c.kind == "district"}
            if len(homes) < 2:
                continue
            for other in (k - 1, k + 1):
                if not 0 <= other < len(matches):
                    continue
                a, b = sorted((k, other))
                if not _LIST_SEP.match(text[matches[a].end : matches[b].start]):
                    continue
                theirs = {c.admin1 for c in matches[other].candidates if c.kind == "district"}
                if len(theirs) == 1 and theirs <= homes:
                    matches[k] = dataclasses.replace(cur, admin1_hint=theirs.pop())
                    break

    # -- resolving --

    def resolve(
        self, match: PlaceMatch, *, admin1_hint: str | None = None
    ) -> tuple[Place, Resolution]:
        """Choose among a match's candidates using its hints and a province
        named nearby (``admin1_hint``), and say why."""
        admin1 = admin1_hint or match.admin1_hint
        cands = list(match.candidates)
        # A namesake in the province the text names (beside the name, or earlier:
        # ``admin1_hint``) or points to (``implied_admin1``) beats one elsewhere, of
        # whatever kind; without one there, kinds are taken in the usual order.
        implied = admin1 or match.implied_admin1
        there = [c for c in cands if implied and c.admin1 == implied and c.kind in AFGHAN_KINDS]
        if there and all(c.admin1 == implied for c in cands if c.kind in AFGHAN_KINDS):
            there = []  # no namesake elsewhere: nothing to prefer
        by_kind: dict[str, list[Feature]] = {}
        for c in there or cands:
            by_kind.setdefault(c.kind, []).append(c)
        hint = match.feature_hint
        order: tuple[str, ...]
        if hint == "province":
            order = ("province", "district", "city", "town")
        elif hint == "district":
            order = ("district", "city", "town", "province")
        elif hint == "city":
            order = ("city", "town", "world_city", "district", "village", "province")
        elif hint == "village":
            order = ("village", "town", "city", "district")
        else:
            order = ("city", "town", "province", "district")
            afghan = any(k in by_kind for k in order)
            order = (*order, "country", "world_city", "village") if afghan else (
                "country", "world_city", "village")  # fmt: skip
        order = (*order, *(k for k in (*AFGHAN_KINDS, *WORLD_KINDS) if k not in order))
        chosen: Feature | None = None
        why = ""
        for kind in order:
            group = by_kind.get(kind)
            if not group:
                continue
            in_hint = [g for g in group if admin1 and g.admin1 == admin1]
            chosen = (in_hint or group)[0]
            why = f"{kind}"
            if hint and hint != "near":
                why += f" (text says {hint})" if kind == hint else f" (no {hint} of that name)"
            elif not hint:
                why += " (no feature word nearby; cities before provinces before districts)"
            if in_hint:
                why += f", inside {admin1} named nearby"
            elif there:
                why += f", in {implied}, which the text names or points to"
            elif len(group) > 1:
                why += f", first of {len(group)} of that name"
            break
        if chosen is None:  # cannot happen: a match has candidates
            chosen = cands[0]
            why = chosen.kind
        stated = match.admin1_hint
        if (
            stated
            and stated in self._provinces
            and chosen.kind in ("district", "city", "town", "village")
            and chosen.admin1 != stated
        ):
            # "Wali Kot district, Kandahar province": the text names the province
            # next to it, and no such place lies there; a namesake elsewhere is
            # less likely than a name the gazetteer lacks, so code the province.
            province = self._provinces[stated]
            why = (
                f"province (no {chosen.kind} {match.text!r} in {stated}, which the text "
                f"names beside it; {chosen.key} is elsewhere)"
            )
            alternatives = tuple(c.key for c in cands)
            place = self._place_of(province)
            return place, Resolution("place", match.text, province.key, why, alternatives)
        near = match.near or hint == "near"
        place = self._place_of(chosen, near=near)
        why += _what_it_is(chosen)
        if "capital of the province" in match.hints:
            why += f"; {match.text!r} named by its capital, {chosen.name}"
        if match.approx:
            why = f"{match.approx}; {why}"
        if near:
            why += "; near it, not in it"
        alternatives = tuple(c.key for c in cands if c is not chosen)
        return place, Resolution("place", match.text, chosen.key, why, alternatives)

    def _place_of(self, f: Feature, *, near: bool = False) -> Place:
        precision = {"province": 3, "district": 2, "country": 3}.get(f.kind, 1)
        if near:
            precision = max(precision, 2)
        location = f.name
        return Place(
            country=f.country,
            admin1=f.admin1,
            admin2=f.admin2,
            location=location,
            latitude=f.latitude,
            longitude=f.longitude,
            geo_precision=precision,
            feature=f.kind,
            key=f.key,
        )

    # -- direct look-ups --

    def _suggest(self, name: str, pool: list[str]) -> list[str]:
        key = normalise(name)
        scored = sorted(
            ((difflib.SequenceMatcher(None, key, normalise(p)).ratio(), p) for p in pool),
            reverse=True,
        )
        return [p for score, p in scored[:3] if score >= 0.6]

    def district(self, name: str, admin1: str | None = None) -> Place:
        """The district called ``name`` (any alias), inside ``admin1`` if given."""
        prov = self._province_feature(admin1).name if admin1 else None
        found = [f for f in self._index.get(normalise(name), []) if f.kind == "district"]
        if prov:
            found = [f for f in found if f.admin1 == prov]
        if not found:
            pool = [f"{a2} ({a1})" for (a1, a2) in self._districts if not prov or a1 == prov]
            fuzzy = self._fuzzy(name, "district", prov)
            if fuzzy is not None:
                return self._place_of(fuzzy)
            raise UnknownPlace(
                name if not admin1 else f"{name}, {admin1}", self._suggest(name, pool)
            )
        return self._place_of(found[0])

    def _fuzzy(self, name: str, kind: str, admin1: str | None) -> Feature | None:
        """The single feature whose key is close to ``name``'s (a typo, a rare spelling)."""
        key = normalise(name)
        best: list[tuple[float, Feature]] = []
        for k, feats in self._index.items():
            if abs(len(k) - len(key)) > 3:
                continue
            for f in feats:
                if f.kind == kind and (admin1 is None or f.admin1 == admin1):
                    score = difflib.SequenceMatcher(None, key, k).ratio()
                    if score >= settings.PLACE_FUZZY_MIN_SIMILARITY:
                        best.append((score, f))
        best.sort(key=lambda sf: -sf[0])
        if best and (len(best) == 1 or best[0][0] > best[1][0] or best[0][1] == best[1][1]):
            return best[0][1]
        return None

    def _province_feature(self, name: str) -> Feature:
        if name in self._provinces:
            return self._provinces[name]
        for f in self._index.get(normalise(name), []):
            if f.kind == "province":
                return f
        fuzzy = self._fuzzy(name, "province", None)
        if fuzzy is not None:
            return fuzzy
        raise UnknownPlace(name, self._suggest(name, list(self._provinces)))

    def province(self, name: str) -> Place:
        """The province called ``name`` (any alias)."""
        return self._place_of(self._province_feature(name))

    def provinces(self) -> list[Place]:
        """Every province, in gazetteer order."""
        return [self._place_of(f) for f in self._provinces.values()]

    def districts(self, admin1: str | None = None) -> list[Place]:
        """Every district (of ``admin1`` if given), in gazetteer order."""
        prov = self._province_feature(admin1).name if admin1 else None
        return [self._place_of(f) for f in self._districts.values() if not prov or f.admin1 == prov]

    def capital_district(self, admin1: str) -> Place:
        """The district that holds the province's capital."""
        prov = self._province_feature(admin1).name
        return self._place_of(self._districts[(prov, self._capital_district[prov])])

    def city(self, name: str) -> Place:
        """A city or town of the theatre by name (any alias)."""
        for f in self._index.get(normalise(name), []):
            if f.kind in ("city", "town"):
                return self._place_of(f)
        raise UnknownPlace(name, self._suggest(name, list(self._cities)))

    def cities(self) -> list[Place]:
        """Every city and town of the theatre (provincial capitals first)."""
        return [self._place_of(f) for f in self._cities.values()]

    def iter_names(self) -> Iterator[tuple[str, Place]]:
        """(name or alias, place) for every theatre province, district, city and town:
        what later stages (routes, web) need to label and look up places."""
        for f in self._features:
            if f.kind in ("province", "district", "city", "town"):
                place = self._place_of(f)
                yield f.name, place
                for alias in f.aliases:
                    yield alias, place

    def district_of_point(self, lat: float, lon: float) -> Place | None:
        """The district whose polygon holds the point, or None outside the theatre."""
        tree, keys = self._district_shapes()
        from shapely.geometry import Point

        point = Point(lon, lat)
        for i in tree.query(point, predicate="intersects"):
            return self._place_of(self._districts[keys[int(i)]])
        return None

    def _district_shapes(self) -> tuple[Any, list[tuple[str, str]]]:
        with self._shapes_lock:
            if self._shapes is None:
                from shapely import STRtree
                from shapely.geometry import shape

                from frontlines.theatres import get_theatre

                gj = get_theatre(self.theatre).read_json("districts.geojson")
                geoms, keys = [], []
                for feat in gj["features"]:
                    props = feat["properties"]
                    geoms.append(shape(feat["geometry"]))
                    keys.append((props["admin1"], props["admin2"]))
                self._shapes = (STRtree(geoms), keys)
            return self._shapes  # type: ignore[no-any-return]


def _what_it_is(f: Feature) -> str:
    """What a feature of ``features.json`` is, read from its key, for a reason."""
    if f.kind == "city" or ":" not in f.key:
        return ""
    what = f.key.rsplit("/", 1)[-1].split(":", 1)[0]
    if what == "new_district":
        return f"; created after 2014: coded as {f.admin2}, the district it was carved from"
    if what == "city_part":
        return f"; a part of the city of {f.admin2}"
    if what in ("crossing", "base", "pass", "dam", "landmark"):
        return f"; a {what} in {f.admin2} district"
    return ""


_CACHE: dict[str | None, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()


def get_gazetteer(theatre: str | None = None) -> Gazetteer:
    """The gazetteer of ``theatre`` (default: settings.DEFAULT_THEATRE), built once."""
    with _CACHE_LOCK:
        if theatre not in _CACHE:
            import json

            from frontlines.theatres import get_theatre, world_path

            th = get_theatre(theatre)
            world_file = world_path().joinpath("places.json")
            world = json.loads(world_file.read_text("utf-8")) if world_file.is_file() else {}
            _CACHE[theatre] = Gazetteer(th.read_json("gazetteer.json"), world, theatre=th.name)
        return _CACHE[theatre]
