"""Actor resolution: find the theatre's actors in text and say which side each is on.

The actors are data (``theatres/<name>/actors.json``): canonical ACLED-style
names, a side, ACLED's inter code and whole-word aliases.  All aliases are
compiled into one regular expression shaped as a character trie, so a scan
costs one pass over the text whatever the number of aliases, and the longest
alias wins at each position ("US troops" before "US", "Afghan National Army"
before "army").

Alias conventions (see the ``about`` field of actors.json): matching ignores
case, except for tokens written with two or more capitals (``ANA``, ``US``,
``MoD``), which must appear as written so that "us" and "ana" stay words.
A hyphen in an alias also matches a space.  A generic head noun after an
alias ("Islamic State militants") belongs to the same mention, so it is not
read again as a second actor ("militants" alone means the Taliban).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from frontlines.errors import InvalidTheatreData

_FILE = "actors.json"

#: The sides an actor may have in actors.json.
SIDES: tuple[str, ...] = (
    "government",
    "insurgent",
    "international",
    "civilian",
    "militia_progov",
    "resistance",
    "other",
)


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of a theatre."""

    name: str
    side: str
    inter: int
    aliases: tuple[str, ...]
    #: The actor this one fights beside and is coded as an associate of (Haqqani -> Taliban).
    associate_of: str | None = None
    #: Stands for "someone unnamed" (unidentified gunmen): a later claim of the act names
    #: the real actor.
    placeholder: bool = False
    #: An armed force (the default); a civil government or its officials are not, so
    #: violence against them is an attack, not an armed clash.
    armed: bool = True


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor mentioned in a text: the canonical name and the span that named it."""

    name: str
    side: str
    inter: int
    start: int
    end: int
    surface: str


def _key(text: str) -> str:
    """The lookup key of an alias or a matched span: case, apostrophes, hyphens, spaces folded."""
    return " ".join(text.replace("\u2019", "'").replace("-", " ").lower().split())


def _tokens(text: str) -> list[str]:
    return text.replace("\u2019", "'").replace("-", " ").split()


def _is_cased(token: str) -> bool:
    return sum(ch.isupper() for ch in token) >= 2


def _units(alias: str) -> list[str]:
    """The alias as regex units, one per character; spaces and hyphens fold together."""
    units: list[str] = []
    for i, token in enumerate(_tokens(alias)):
        if i:
            units.append(r"[\s\-]+")
        for ch in token:
            units.append("['\u2019]" if ch == "'" else re.escape(ch.lower()))
    return units


_END = ""  # trie key marking the end of an alias
_MISSING = object()


def _trie_regex(aliases: Iterable[str]) -> str:
    """One alternation shaped as a character trie: each position tries few branches,
    and within a path the longer alias is tried first."""
    trie: dict[str, Any] = {}
    for alias in aliases:
        node = trie
        for unit in _units(alias):
            node = node.setdefault(unit, {})
        node[_END] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [unit + emit(child) for unit, child in node.items() if unit != _END]
        if _END in node:
            # Last, so that a longer alias is preferred; the lookahead keeps words whole.
            branches.append(r"(?!\w)")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


def trie_alternation(words: Iterable[str]) -> str:
    """A regex alternation of whole words (lower case; spaces and hyphens fold together),
    shaped as a character trie: much faster to scan than a flat ``a|b|c`` of many words."""
    return _trie_regex(words)


class _AliasFinder:
    """Finds whole-word aliases in text, longest first, honouring capitalised tokens.

    The regex ignores case (so that one trie serves every alias); an alias whose
    tokens need capitals (``US``) is then checked against the matched text, and
    if it fails a shorter alias at the same place, or a later one, is tried.
    """

    def __init__(self, aliases: Iterable[str], heads: Iterable[str] = ()) -> None:
        aliases = list(aliases)
        #: key -> for each alias with that key, the (token index, token) pairs that need capitals.
        self._rules: dict[str, list[tuple[tuple[int, str], ...]]] = {}
        for alias in aliases:
            cased = tuple((i, t) for i, t in enumerate(_tokens(alias)) if _is_cased(t))
            self._rules.setdefault(_key(alias), []).append(cased)
        heads = sorted(set(heads), key=len, reverse=True)
        head_part = ""
        if heads:
            head_part = r"(?:\s+(?:" + "|".join(re.escape(h) for h in heads) + r")(?!\w))?"
        self.pattern = re.compile(
            r"(?<![\w\-])(?P<a>" + _trie_regex(aliases) + ")" + head_part, re.IGNORECASE
        )

    def _case_ok(self, surface: str) -> bool:
        rules = self._rules.get(_key(surface))
        if not rules:
            return False
        tokens = _tokens(surface)
        return any(all(i < len(tokens) and tokens[i] == t for i, t in rule) for rule in rules)

    def iter(self, text: str) -> Iterator[re.Match[str]]:
        """Matches left to right; group ``a`` is the alias, group 0 adds any absorbed head."""
        pos = 0
        n = len(text)
        search = self.pattern.search
        while True:
            m = search(text, pos)
            if m is None:
                return
            start = m.start()
            found: re.Match[str] | None = m
            while found is not None and not self._case_ok(found.group("a")):
                # Only a shorter alias from the same start can still fit here.
                found = self.pattern.match(text, start, found.end("a") - 1)
                if (
                    found is not None
                    and found.end() < n
                    and (text[found.end()].isalnum() or text[found.end()] == "_")
                ):
                    found = None
            if found is None:
                pos = start + 1
                continue
            yield found
            pos = max(found.end(), start + 1)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.iter(text), None)


class ActorList:
    """A theatre's actors, with a fast finder and the side rules used for attribution."""

    def __init__(self, data: Mapping[str, Any], *, filename: str = _FILE) -> None:
        self.filename = filename
        actors: list[Actor] = []
        self._by_key: dict[str, Actor] = {}
        rows = data.get("actors")
        if not isinstance(rows, list) or not rows:
            raise InvalidTheatreData(filename, "no 'actors' list", "add a list of actor objects")
        for row in rows:
            actors.append(self._actor(row))
        self.actors: tuple[Actor, ...] = tuple(actors)
        self._by_name = {a.name: a for a in actors}
        self._found: dict[str, tuple[ActorMatch, ...]] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                other = self._by_key.setdefault(_key(alias), actor)
                if other is not actor:
                    raise InvalidTheatreData(
                        filename,
                        f"alias {alias!r} names both {other.name!r} and {actor.name!r}",
                        "keep each alias under one actor",
                    )
        for actor in actors:
            if actor.associate_of is not None and actor.associate_of not in self._by_name:
                raise InvalidTheatreData(
                    filename,
                    f"{actor.name!r} is an associate of unknown actor {actor.associate_of!r}",
                    "use the canonical name of an actor in the list",
                )
        self._controllers: dict[str, str] = {
            str(k): str(v) for k, v in dict(data.get("controllers", {})).items()
        }
        self._source_sides: dict[str, str | None] = {
            str(k): (None if v is None else str(v))
            for k, v in dict(data.get("source_sides", {})).items()
            if k != "about"
        }
        self._opposing: frozenset[frozenset[str]] = frozenset(
            frozenset(str(s) for s in pair) for pair in data.get("opposing_sides", [])
        )
        self._role_side: dict[str, str] = {}
        for side, words in dict(data.get("speaker_roles", {})).items():
            if side == "about":
                continue
            for word in words:
                self._role_side[_key(str(word))] = str(side)
        self._persons: dict[str, Actor] = {}
        for person, actor_name in dict(data.get("persons", {})).items():
            if person == "about":
                continue
            if actor_name not in self._by_name:
                raise InvalidTheatreData(
                    filename,
                    f"person {person!r} speaks for unknown actor {actor_name!r}",
                    "use the canonical name of an actor in the list",
                )
            self._persons[_key(person)] = self._by_name[actor_name]
        self._speaker_cache: dict[str, object] = {}
        heads = [str(h) for h in data.get("absorbed_heads", [])]
        self._finder = _AliasFinder(
            (alias for a in actors for alias in (a.name, *a.aliases)), heads
        )
        self._role_finder = _AliasFinder(self._role_side_aliases(data)) if self._role_side else None

    @staticmethod
    def _role_side_aliases(data: Mapping[str, Any]) -> list[str]:
        return [
            str(w)
            for side, words in dict(data.get("speaker_roles", {})).items()
            if side != "about"
            for w in words
        ]

    def _actor(self, row: Any) -> Actor:
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise InvalidTheatreData(
                self.filename, f"actor entry {row!r} has no name", "give each actor a 'name'"
            )
        name = row["name"]
        side = row.get("side")
        if side not in SIDES:
            raise InvalidTheatreData(
                self.filename,
                f"actor {name!r} has side {side!r}",
                f"use one of {', '.join(SIDES)}",
            )
        inter = row.get("inter")
        if not isinstance(inter, int) or not 1 <= inter <= 8:
            raise InvalidTheatreData(
                self.filename,
                f"actor {name!r} has inter {inter!r}",
                "use ACLED's inter code, an integer from 1 to 8",
            )
        aliases = row.get("aliases", [])
        if not isinstance(aliases, list) or not all(
            isinstance(a, str) and a.strip() for a in aliases
        ):
            raise InvalidTheatreData(
                self.filename,
                f"actor {name!r} has aliases {aliases!r}",
                "give a list of non-empty strings",
            )
        assoc = row.get("associate_of")
        return Actor(
            name=name,
            side=side,
            inter=inter,
            aliases=tuple(aliases),
            associate_of=assoc if isinstance(assoc, str) else None,
            placeholder=row.get("placeholder") is True,
            armed=row.get("armed") is not False,
        )

    # --- finding -------------------------------------------------------------

    def find(self, text: str) -> list[ActorMatch]:
        """Every actor mention in ``text``, left to right, longest alias at each position."""
        cached = self._found.get(text)
        if cached is None:
            cached = tuple(self._find(text))
            if len(self._found) >= 256:  # the extractor asks about the same few sentences
                self._found.clear()
            self._found[text] = cached
        return list(cached)

    def _find(self, text: str) -> list[ActorMatch]:
        out: list[ActorMatch] = []
        for m in self._finder.iter(text):
            actor = self._by_key.get(_key(m.group("a")))
            if actor is None:  # pragma: no cover - every trie leaf is a key
                continue
            out.append(
                ActorMatch(
                    name=actor.name,
                    side=actor.side,
                    inter=actor.inter,
                    start=m.start(),
                    end=m.end(),
                    surface=m.group(0),
                )
            )
        return out

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name or alias (any case), or None."""
        return self._by_name.get(name) or self._by_key.get(_key(name))

    def side_of(self, name: str) -> str | None:
        """The side of the actor with this name or alias, or None if unknown."""
        actor = self.get(name)
        return actor.side if actor else None

    def controller_for(self, side: str) -> str | None:
        """The controller name the control timeline uses for territory held by ``side``."""
        return self._controllers.get(side)

    # --- speakers ------------------------------------------------------------

    def person(self, name: str) -> Actor | None:
        """The actor a well-known person speaks for ("Zabihullah Mujahid" -> Taliban).

        An honorific or rank before the name ("Mawlawi Hibatullah Akhundzada",
        "Gen. Mark Milley") does not hide the person: the last two words are tried too.
        """
        key = _key(name)
        found = self._persons.get(key)
        if found is None:
            words = key.split()
            if len(words) > 2:
                found = self._persons.get(" ".join(words[-2:]))
        return found

    def source_side(self, actor_side: str | None) -> str | None:
        """The side a speaker for an ``actor_side`` actor speaks for (civilian -> independent)."""
        if actor_side is None:
            return None
        return self._source_sides.get(actor_side, actor_side)

    def speaker_side(self, text: str) -> str | None:
        """The side a speaker described by ``text`` (a name, a role, a body) speaks for.

        A known person decides first; then the leftmost role word or actor name
        in the description ("provincial police spokesman" -> police -> government;
        "Pentagon press secretary" -> Pentagon -> international; "witnesses" ->
        independent).  None when nothing in it says.
        """
        cached = self._speaker_cache.get(text, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        if len(self._speaker_cache) > 4096:
            self._speaker_cache.clear()
        side = self._speaker_side(text)
        self._speaker_cache[text] = side
        return side

    def _speaker_side(self, text: str) -> str | None:
        person = self.person(text)
        if person is not None:
            return self.source_side(person.side)
        role = self._role_finder.search(text) if self._role_finder else None
        actor = self._finder.search(text)
        if role is not None and (actor is None or role.start() <= actor.start()):
            return self._role_side.get(_key(role.group("a")))
        if actor is not None:
            found = self._by_key.get(_key(actor.group("a")))
            return self.source_side(found.side) if found else None
        return None

    def opposed(self, side_a: str | None, side_b: str | None) -> bool:
        """Whether speakers of these two source sides are adversaries (government vs insurgent)."""
        if side_a is None or side_b is None or side_a == side_b:
            return False
        return frozenset((side_a, side_b)) in self._opposing


@cache
def get_actor_list(theatre: str | None = None) -> ActorList:
    """The actor list of ``theatre`` (default: settings.DEFAULT_THEATRE), loaded once."""
    from frontlines.theatres import get_theatre

    th = get_theatre(theatre)
    if not th.has(_FILE):
        raise InvalidTheatreData(
            f"{th.name}/{_FILE}", "the file is missing", "add the theatre's actor list"
        )
    return ActorList(th.read_json(_FILE), filename=f"{th.name}/{_FILE}")
