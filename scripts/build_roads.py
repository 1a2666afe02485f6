"""Fill in the districts of the road graph from the district polygons.

Run by a developer after editing ``roads.json`` (never at run time)::

    .venv/bin/python scripts/build_roads.py [--polygons PATH] [--check]

For every node it sets ``admin1``/``admin2`` to the district that contains it
(or the nearest one within a few km, since simplified polygons miss border
posts), and for every edge it sets ``districts`` to the districts its polyline
(from, waypoints..., to) passes through, in order along the road.  Slivers
shorter than ``MIN_KM_INSIDE`` are dropped unless a node or waypoint lies in
them, because simplified boundaries make a road graze its neighbours.

Polygons: the theatre's ``districts.geojson`` (canonical ``admin1``/``admin2``
properties) when present, else geoBoundaries from ``../shared`` with the
province found by spatial join and names mapped through the gazetteer.
Review the diff before committing: the polygons are the authority, not the script.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, Point, shape
from shapely.strtree import STRtree

REPO = Path(__file__).resolve().parent.parent
THEATRE = REPO / "src" / "frontlines" / "theatres" / "afghanistan"
SHARED = REPO.parent / "shared" / "data" / "afghanistan"
MIN_KM_INSIDE = 1.5
NEAREST_MAX_KM = 12.0
KM_PER_DEGREE = 111.0


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def load_polygons(path: Path | None) -> list[tuple[str, str, Any]]:
    """(admin1, admin2, geometry) for every district."""
    if path is None and (THEATRE / "districts.geojson").is_file():
        path = THEATRE / "districts.geojson"
    if path is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            (f["properties"]["admin1"], f["properties"]["admin2"], shape(f["geometry"]))
            for f in data["features"]
        ]
    adm1 = json.loads((SHARED / "geoboundaries-adm1.geojson").read_text(encoding="utf-8"))
    adm2 = json.loads((SHARED / "geoboundaries-adm2.geojson").read_text(encoding="utf-8"))
    provinces = [(f["properties"]["shapeName"], shape(f["geometry"])) for f in adm1["features"]]
    fixes = {"Ghanzi": "Ghazni", "Sar-e Pol": "Sar-e Pul"}
    out = []
    for f in adm2["features"]:
        geom = shape(f["geometry"])
        # The province that covers most of the district: boundaries were
        # simplified separately, so a district grazes its neighbours.
        prov = max(provinces, key=lambda p: p[1].intersection(geom).area)
        admin1 = fixes.get(prov[0], prov[0])
        out.append((admin1, f["properties"]["shapeName"].strip(), geom))
    return _canonical(out)


def _canonical(polys: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
    """Map geoBoundaries spellings to the gazetteer's, when the gazetteer exists."""
    gaz_path = THEATRE / "gazetteer.json"
    if not gaz_path.is_file():
        return polys
    gaz = json.loads(gaz_path.read_text(encoding="utf-8"))
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for d in gaz.get("districts", []):
        canon = (d["admin1"], d["admin2"])
        for alias in [d["admin2"], *d.get("aliases", [])]:
            by_name[(_norm(d["admin1"]), _norm(alias))] = canon
    out = []
    for admin1, admin2, geom in polys:
        canon = by_name.get((_norm(admin1), _norm(admin2)), (admin1, admin2))
        out.append((canon[0], canon[1], geom))
    return out


class Locator:
    def __init__(self, polys: list[tuple[str, str, Any]]) -> None:
        self.polys = polys
        self.tree = STRtree([g for _, _, g in polys])

    def district(self, lat: float, lon: float) -> tuple[str, str]:
        p = Point(lon, lat)
        for i in self.tree.query(p, predicate="intersects"):
            a1, a2, _ = self.polys[int(i)]
            return a1, a2
        i = int(self.tree.nearest(p))
        a1, a2, g = self.polys[i]
        km = g.distance(p) * KM_PER_DEGREE
        if km > NEAREST_MAX_KM:
            raise SystemExit(f"point {lat},{lon} is {km:.0f} km from any district")
        return a1, a2

    def km_to(self, district: tuple[str, str], lat: float, lon: float) -> float:
        """Distance in km from a point to a district's polygon (inf if unknown)."""
        for a1, a2, g in self.polys:
            if (a1, a2) == district:
                return float(g.distance(Point(lon, lat)) * KM_PER_DEGREE)
        return math.inf

    def along(
        self, coords: list[tuple[float, float]], must: set[tuple[str, str]]
    ) -> list[list[str]]:
        line = LineString([(lon, lat) for lat, lon in coords])
        hits: list[tuple[float, tuple[str, str]]] = []
        for i in self.tree.query(line, predicate="intersects"):
            a1, a2, g = self.polys[int(i)]
            inside = line.intersection(g)
            km = inside.length * KM_PER_DEGREE * math.cos(math.radians(coords[0][0]))
            if km < MIN_KM_INSIDE and (a1, a2) not in must:
                continue
            first = min(
                line.project(Point(c))
                for part in getattr(inside, "geoms", [inside])
                for c in part.coords
            )
            hits.append((first, (a1, a2)))
        seen: set[tuple[str, str]] = set()
        ordered: list[list[str]] = []
        for _, key in sorted(hits):
            if key not in seen:
                seen.add(key)
                ordered.append([key[0], key[1]])
        missing = must - seen
        if missing:
            raise SystemExit(f"waypoint districts not on the polyline: {sorted(missing)}")
        return ordered


def gazetteer_towns() -> dict[str, tuple[str, str]]:
    """Town name or alias -> the gazetteer's (admin1, admin2) for it."""
    path = THEATRE / "gazetteer.json"
    if not path.is_file():
        return {}
    gaz = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for c in gaz.get("cities", []):
        if c.get("admin1") and c.get("admin2"):
            for name in [c["name"], *c.get("aliases", [])]:
                out.setdefault(_norm(name), (c["admin1"], c["admin2"]))
    return out


def build(data: dict[str, Any], loc: Locator) -> dict[str, Any]:
    nodes = {n["id"]: n for n in data["nodes"]}
    towns = gazetteer_towns()
    for n in data["nodes"]:
        n["admin1"], n["admin2"] = loc.district(n["lat"], n["lon"])
        # Where the gazetteer files the town wins when its polygon is close: the
        # extractor places events there, and simplified boundaries blur border posts.
        for name in [n["name"], *n.get("aliases", [])]:
            hit = towns.get(_norm(name))
            if hit and loc.km_to(hit, n["lat"], n["lon"]) <= NEAREST_MAX_KM:
                n["admin1"], n["admin2"] = hit
                break
    for e in data["edges"]:
        a, b = nodes[e["from"]], nodes[e["to"]]
        coords = [
            (a["lat"], a["lon"]),
            *[(p[0], p[1]) for p in e["waypoints"]],
            (b["lat"], b["lon"]),
        ]
        must = {loc.district(lat, lon) for lat, lon in coords[1:-1]}
        must |= {(a["admin1"], a["admin2"]), (b["admin1"], b["admin2"])}
        seq = loc.along(coords, must)
        # A road that re-enters a district is listed at first entry; the towns'
        # own districts still open and close the list.
        for key, pos in (([a["admin1"], a["admin2"]], 0), ([b["admin1"], b["admin2"]], None)):
            seq.remove(key)
            seq.insert(len(seq) if pos is None else pos, key)
        e["districts"] = seq
    return data


def dump(data: dict[str, Any]) -> str:
    """One node or edge a line, so that a review diff shows what changed."""

    def one(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False)

    head = {k: v for k, v in data.items() if k not in ("nodes", "edges")}
    lines = ["{"]
    lines += [f" {one(k)}: {one(v)}," for k, v in head.items()]
    lines.append(' "nodes": [')
    lines.append(",\n".join(f"  {one(n)}" for n in data["nodes"]))
    lines.append(" ],")
    lines.append(' "edges": [')
    lines.append(",\n".join(f"  {one(e)}" for e in data["edges"]))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polygons", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args()
    path = THEATRE / "roads.json"
    before = json.loads(path.read_text(encoding="utf-8"))
    after = build(
        json.loads(path.read_text(encoding="utf-8")), Locator(load_polygons(args.polygons))
    )
    changed = [
        e["id"]
        for e, f in zip(before["edges"], after["edges"], strict=True)
        if e.get("districts") != f["districts"]
    ]
    changed += [
        n["id"]
        for n, m in zip(before["nodes"], after["nodes"], strict=True)
        if (n.get("admin1"), n.get("admin2")) != (m["admin1"], m["admin2"])
    ]
    if args.check:
        print("\n".join(changed) or "roads.json is up to date")
        return 1 if changed else 0
    path.write_text(dump(after), encoding="utf-8")
    print(f"updated {len(changed)} nodes/edges in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
