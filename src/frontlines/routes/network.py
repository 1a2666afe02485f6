"""The theatre's road graph: towns, crossings and the segments between them.

The graph is theatre data (``roads.json``): each segment already lists the
districts it passes through, worked out at build time from the district
polygons (``scripts/build_roads.py``), so nothing geometric happens at run time.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from frontlines.errors import InvalidRoadNetwork, UnknownPlace

NodeKind = Literal["capital", "town", "crossing", "pass"]
NODE_KINDS: tuple[str, ...] = ("capital", "town", "crossing", "pass")
District = tuple[str, str]


def norm(name: str) -> str:
    """Case, spacing and punctuation folded away: "Pul-e Khumri" == "pul e khumri"."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def skeleton(name: str) -> str:
    """Consonants only, so transliterations meet: "Doshi"/"Dushi", "Taloqan"/"Taluqan"."""
    return re.sub(r"[aeiouy]", "", norm(name))


def district_key(admin1: str, admin2: str) -> District:
    """The key districts are compared by, tolerant of spelling noise."""
    return (norm(admin1), norm(admin2))


@dataclass(frozen=True, slots=True)
class Node:
    """A town, provincial capital, mountain pass or border crossing."""

    id: str
    name: str
    kind: NodeKind
    lat: float
    lon: float
    admin1: str
    admin2: str
    aliases: tuple[str, ...] = ()
    #: For crossings: the country on the other side.
    neighbour: str | None = None
    #: For crossings: a customs post (revenue for whoever holds it).
    customs: bool = False
    #: For crossings: a port garrisoned apart from its district, so that the fall
    #: of the district centre alone does not hand it over (e.g. Hairatan).
    enclave: bool = False

    @property
    def district(self) -> District:
        return (self.admin1, self.admin2)


@dataclass(frozen=True, slots=True)
class Segment:
    """A road segment between two nodes, with the districts it passes through, in order."""

    id: str
    from_node: str
    to_node: str
    name: str
    km: float
    districts: tuple[District, ...]
    waypoints: tuple[tuple[float, float], ...] = ()
    source: str = ""


@dataclass(frozen=True)
class RoadNetwork:
    """An undirected road graph.  Build one with ``from_dict`` (tests inject tiny ones)."""

    nodes: Mapping[str, Node]
    segments: tuple[Segment, ...]
    theatre: str | None = None
    _adjacency: dict[str, list[tuple[str, Segment]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        adj: dict[str, list[tuple[str, Segment]]] = {nid: [] for nid in self.nodes}
        for seg in self.segments:
            adj[seg.from_node].append((seg.to_node, seg))
            adj[seg.to_node].append((seg.from_node, seg))
        self._adjacency.update(adj)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], theatre: str | None = None) -> RoadNetwork:
        """Validate and build from the ``roads.json`` layout; InvalidRoadNetwork otherwise."""
        nodes: dict[str, Node] = {}
        try:
            for raw in data["nodes"]:
                kind = raw["kind"]
                if kind not in NODE_KINDS:
                    raise InvalidRoadNetwork(
                        f"node {raw.get('id')!r}", f"kind {kind!r} is not one of {NODE_KINDS}"
                    )
                node = Node(
                    id=str(raw["id"]),
                    name=str(raw["name"]),
                    kind=kind,
                    lat=float(raw["lat"]),
                    lon=float(raw["lon"]),
                    admin1=str(raw["admin1"]),
                    admin2=str(raw["admin2"]),
                    aliases=tuple(str(a) for a in raw.get("aliases", ())),
                    neighbour=raw.get("neighbour"),
                    customs=bool(raw.get("customs", False)),
                    enclave=bool(raw.get("enclave", False)),
                )
                if node.id in nodes:
                    raise InvalidRoadNetwork(f"node {node.id!r}", "the id is used twice")
                nodes[node.id] = node
            segments = []
            seen: set[str] = set()
            for raw in data["edges"]:
                sid = str(raw["id"])
                for end in (raw["from"], raw["to"]):
                    if end not in nodes:
                        raise InvalidRoadNetwork(f"edge {sid!r}", f"node {end!r} does not exist")
                km = float(raw["km"])
                if not km > 0:
                    raise InvalidRoadNetwork(f"edge {sid!r}", f"km must be positive, got {km}")
                if sid in seen:
                    raise InvalidRoadNetwork(f"edge {sid!r}", "the id is used twice")
                seen.add(sid)
                segments.append(
                    Segment(
                        id=sid,
                        from_node=str(raw["from"]),
                        to_node=str(raw["to"]),
                        name=str(raw["name"]),
                        km=km,
                        districts=tuple((str(a), str(b)) for a, b in raw["districts"]),
                        waypoints=tuple(
                            (float(p[0]), float(p[1])) for p in raw.get("waypoints", ())
                        ),
                        source=str(raw.get("source", "")),
                    )
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidRoadNetwork("data", f"missing or malformed field ({exc})") from None
        return cls(nodes=nodes, segments=tuple(segments), theatre=theatre)

    # --- look-ups ------------------------------------------------------------

    def capitals(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "capital"]

    def crossings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "crossing"]

    def capital_of(self, admin1: str) -> Node | None:
        """The provincial capital node of ``admin1``, if the graph has it."""
        key = norm(admin1)
        return next((n for n in self.capitals() if norm(n.admin1) == key), None)

    def neighbours(self, node_id: str) -> list[tuple[str, Segment]]:
        return self._adjacency.get(node_id, [])

    def districts(self) -> list[District]:
        """Every district that a node or a segment lies in, each once."""
        seen: dict[District, District] = {}
        for seg in self.segments:
            for d in seg.districts:
                seen.setdefault(district_key(*d), d)
        for node in self.nodes.values():
            seen.setdefault(district_key(*node.district), node.district)
        return list(seen.values())

    def find_node(self, name: str) -> Node:
        """A node by id, name or alias (spelling-tolerant); UnknownPlace otherwise."""
        wanted = norm(name)
        if not wanted:
            raise UnknownPlace(name, [n.name for n in self.capitals()][:5])
        for matcher in (norm, skeleton):
            key = matcher(name)
            hits = [
                n
                for n in self.nodes.values()
                if key in {matcher(n.id), matcher(n.name), *(matcher(a) for a in n.aliases)}
            ]
            # Prefer a capital when an alias is shared (e.g. a district town).
            hits.sort(key=lambda n: n.kind != "capital")
            if hits:
                return hits[0]
        names = [n.name for n in self.nodes.values()]
        raise UnknownPlace(name, difflib.get_close_matches(name, names, n=3, cutoff=0.6))

    # --- shortest paths ------------------------------------------------------

    def shortest(
        self, start: str, is_open: Callable[[Segment], bool] = lambda s: True
    ) -> tuple[dict[str, float], dict[str, Segment]]:
        """Dijkstra from ``start`` over the open segments: (km to each node, last segment)."""
        dist: dict[str, float] = {start: 0.0}
        via: dict[str, Segment] = {}
        heap: list[tuple[float, str]] = [(0.0, start)]
        done: set[str] = set()
        while heap:
            d, here = heapq.heappop(heap)
            if here in done:
                continue
            done.add(here)
            for there, seg in self._adjacency.get(here, ()):
                if there in done or not is_open(seg):
                    continue
                nd = d + seg.km
                if nd < dist.get(there, float("inf")):
                    dist[there] = nd
                    via[there] = seg
                    heapq.heappush(heap, (nd, there))
        return dist, via

    def path(self, start: str, end: str, via: Mapping[str, Segment]) -> list[Segment]:
        """The segments from ``start`` to ``end`` read back from Dijkstra's ``via``."""
        out: list[Segment] = []
        here = end
        while here != start and here in via:
            seg = via[here]
            out.append(seg)
            here = seg.from_node if seg.to_node == here else seg.to_node
        out.reverse()
        return out

    def is_connected(self) -> bool:
        if not self.nodes:
            return True
        first = next(iter(self.nodes))
        dist, _ = self.shortest(first)
        return len(dist) == len(self.nodes)


def network_from_dict(data: Mapping[str, Any]) -> RoadNetwork:
    """Shorthand for ``RoadNetwork.from_dict`` (used by tests and other theatres' tools)."""
    return RoadNetwork.from_dict(data)


@cache
def load_network(theatre: str | None = None) -> RoadNetwork:
    """The theatre's road graph from its ``roads.json`` (cached)."""
    from frontlines.theatres import get_theatre

    th = get_theatre(theatre)
    if not th.has("roads.json"):
        raise InvalidRoadNetwork(f"of theatre {th.name!r}", "the theatre ships no roads.json")
    return RoadNetwork.from_dict(th.read_json("roads.json"), theatre=th.name)


def iter_districts(pairs: Iterable[District]) -> list[District]:
    """Pairs de-duplicated (spelling-tolerant), first occurrence kept, in order."""
    seen: set[District] = set()
    out: list[District] = []
    for a1, a2 in pairs:
        key = district_key(a1, a2)
        if key not in seen:
            seen.add(key)
            out.append((a1, a2))
    return out
