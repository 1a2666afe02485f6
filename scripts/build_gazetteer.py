#!/usr/bin/env python3
"""Build the Afghanistan gazetteer from the shared source data.

Run once by a developer; the output is committed:

    .venv/bin/python scripts/build_gazetteer.py [--shared ../shared]

Reads ``../shared/data/afghanistan`` (geoBoundaries ADM1/ADM2, the MIT
provinces/districts/villages lists), ``theatres/afghanistan/aliases.json``
(hand-written names) and ``theatres/afghanistan/features.json`` (hand-written
sites, city parts and post-2014 districts), and writes into
``src/frontlines/theatres/afghanistan``: ``gazetteer.json``, ``districts.geojson``
and ``provinces.geojson``.
Nothing here runs at run time.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

from shapely import STRtree
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from frontlines.resolve.places import name_keys, normalise, normaliser_signature  # noqa: E402

OUT = REPO / "src" / "frontlines" / "theatres" / "afghanistan"
#: Polygons are simplified by this many degrees (~50 m) and rounded to 5 decimals.
SIMPLIFY_DEG = 0.0005
ROUND = 5

#: Provincial capitals and major towns: public-knowledge coordinates (WGS84),
#: with the canonical district expected to hold them (checked by point in polygon).
PLACES: list[tuple[str, str, str, str, float, float]] = [
    # kind, name, admin1, admin2, lat, lon
    ("city", "Kunduz", "Kunduz", "Kunduz", 36.7286, 68.8570),
    ("city", "Taloqan", "Takhar", "Taloqan", 36.7361, 69.5345),
    ("city", "Faizabad", "Badakhshan", "Faizabad", 37.1166, 70.5800),
    ("city", "Pul-e Khumri", "Baghlan", "Pul-e Khumri", 35.9446, 68.7151),
    ("city", "Aybak", "Samangan", "Aybak", 36.2650, 68.0160),
    ("city", "Mazar-e Sharif", "Balkh", "Mazar-e Sharif", 36.7090, 67.1100),
    ("city", "Sheberghan", "Jowzjan", "Sheberghan", 36.6650, 65.7520),
    ("city", "Sar-e Pul", "Sar-e Pul", "Sar-e Pul", 36.2160, 65.9330),
    ("city", "Maymana", "Faryab", "Maymana", 35.9210, 64.7840),
    ("city", "Qala-i-Naw", "Badghis", "Qala-i-Naw", 34.9850, 63.1290),
    ("city", "Herat", "Herat", "Herat", 34.3520, 62.2040),
    ("city", "Farah", "Farah", "Farah", 32.3750, 62.1160),
    ("city", "Zaranj", "Nimruz", "Zaranj", 30.9600, 61.8600),
    ("city", "Lashkar Gah", "Helmand", "Lashkar Gah", 31.5930, 64.3710),
    ("city", "Kandahar", "Kandahar", "Kandahar", 31.6130, 65.7100),
    ("city", "Tarin Kowt", "Uruzgan", "Tarin Kowt", 32.6270, 65.8780),
    ("city", "Qalat", "Zabul", "Qalat", 32.1060, 66.9070),
    ("city", "Ghazni", "Ghazni", "Ghazni", 33.5490, 68.4210),
    ("city", "Sharana", "Paktika", "Sharan", 33.1760, 68.7300),
    ("city", "Gardez", "Paktia", "Gardez", 33.5970, 69.2260),
    ("city", "Khost", "Khost", "Khost", 33.3390, 69.9200),
    ("city", "Pul-e Alam", "Logar", "Pul-e Alam", 33.9950, 69.0230),
    ("city", "Maidan Shar", "Wardak", "Maidan Shar", 34.3960, 68.8660),
    ("city", "Kabul", "Kabul", "Kabul", 34.5260, 69.1780),
    ("city", "Charikar", "Parwan", "Charikar", 35.0130, 69.1710),
    ("city", "Mahmud-i-Raqi", "Kapisa", "Mahmud-i-Raqi", 35.0170, 69.3360),
    ("city", "Bazarak", "Panjshir", "Bazarak", 35.3130, 69.5150),
    ("city", "Mehtar Lam", "Laghman", "Mehtar Lam", 34.6710, 70.2090),
    ("city", "Jalalabad", "Nangarhar", "Jalalabad", 34.4300, 70.4470),
    ("city", "Asadabad", "Kunar", "Asadabad", 34.8730, 71.1470),
    ("city", "Parun", "Nuristan", "Parun", 35.4210, 70.9220),
    ("city", "Bamyan", "Bamyan", "Bamyan", 34.8210, 67.8270),
    ("city", "Nili", "Daykundi", "Nili", 33.7220, 66.1310),
    ("city", "Chaghcharan", "Ghor", "Chaghcharan", 34.5220, 65.2520),
    ("town", "Spin Boldak", "Kandahar", "Spin Boldak", 31.0050, 66.3960),
    ("town", "Islam Qala", "Herat", "Kohsan", 34.6600, 61.0660),
    ("town", "Sher Khan Bandar", "Kunduz", "Imam Sahib", 37.1700, 68.6300),
    ("town", "Hairatan", "Balkh", "Kaldar", 37.2200, 67.4200),
    ("town", "Torkham", "Nangarhar", "Muhmand Dara", 34.1150, 71.0850),
    ("town", "Girishk", "Helmand", "Nahr-e Saraj", 31.8200, 64.5700),
    ("town", "Delaram", "Nimruz", "", 32.1600, 63.4300),
]

#: Entries of the districts list that are city wards or placeholders, not districts.
JUNK = re.compile(
    r"^(?:PD\b|\d|District\b|City District|Zone\b|N/\s?A|NA$|Provincial$)|District\.?$"
)


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip())
    name = re.sub(r"-I-\s*", "-i-", name)
    return re.sub(r"\(\s*(.*?)\s*\)", r"(\1)", name)


def rounded(geom: BaseGeometry) -> dict[str, Any]:
    simple = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
    gj = mapping(simple)

    def rnd(coords: Any) -> Any:
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], ROUND), round(coords[1], ROUND)]
        return [rnd(c) for c in coords]

    return {"type": gj["type"], "coordinates": rnd(gj["coordinates"])}


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def names_of(district: dict[str, Any]) -> list[str]:
    return [district["admin2"], *district["aliases"]]


def extra_features(
    districts: list[dict[str, Any]],
    index: dict[tuple[str, str], int],
    district_at: Any,
    tree: STRtree,
    dist_geoms: list[BaseGeometry],
    cities: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Sites, city parts and post-2014 districts of ``features.json``, each with the
    2014 district that holds it (a city part: its city's district, always)."""
    data = json.loads((OUT / "features.json").read_text("utf-8"))
    out: list[dict[str, Any]] = []

    def holder(name: str, lat: float, lon: float, admin1: str | None) -> tuple[str, str]:
        at = district_at(lat, lon)
        if at is None:
            at = int(tree.nearest(Point(lon, lat)))
            if dist_geoms[at].distance(Point(lon, lat)) > 0.02:
                sys.exit(f"features.json: {name} ({lat}, {lon}) is outside every district")
        found = (districts[at]["admin1"], districts[at]["admin2"])
        if admin1 and found[0] != admin1:
            sys.exit(f"features.json: {name} ({lat}, {lon}) falls in {found}, not in {admin1}")
        return found  # type: ignore[return-value]

    def entry(
        name: str, kind: str, what: str, a12: tuple[str, str], f: dict[str, Any]
    ) -> dict[str, Any]:
        aliases = sorted(set(f.get("aliases", [])) - {name})
        return {
            "name": name,
            "kind": kind,
            "what": what,
            "admin1": a12[0],
            "admin2": a12[1],
            "lat": f["lat"],
            "lon": f["lon"],
            "aliases": aliases,
            "keys": [name_keys(n) for n in (name, *aliases)],
        }

    for f in data.get("sites", []):
        a12 = holder(f["name"], f["lat"], f["lon"], f.get("admin1"))
        out.append(entry(f["name"], "town", f.get("what", "site"), a12, f))
    capitals = {c["name"]: (c["admin1"], c["admin2"]) for c in cities if c["kind"] == "city"}
    for city, parts in data.get("city_parts", {}).items():
        if city not in capitals:
            sys.exit(f"features.json: city_parts of {city!r}, which is not a city of PLACES")
        for f in parts:
            inside = district_at(f["lat"], f["lon"])
            if (
                inside is None
                or (districts[inside]["admin1"], districts[inside]["admin2"]) != (capitals[city])
            ):
                print(f"note: {f['name']} lies outside {capitals[city]}; kept in {city}",
                      file=sys.stderr)  # fmt: skip
            out.append(entry(f["name"], "town", "city_part", capitals[city], f))
    for f in data.get("new_districts", []):
        a12 = holder(f["name"], f["lat"], f["lon"], f.get("admin1"))
        if a12 not in index:
            sys.exit(f"features.json: unknown district {a12} for {f['name']}")
        out.append(entry(f["name"], "district", "new_district", a12, f))
    for e in out:
        print(f"feature: {e['name']} ({e['what']}) -> {e['admin1']}/{e['admin2']}", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    src = args.shared / "data" / "afghanistan"
    names = json.loads((OUT / "aliases.json").read_text("utf-8"))

    # --- provinces (ADM1) ---
    adm1 = json.loads((src / "geoboundaries-adm1.geojson").read_text("utf-8"))
    pairs = []
    for f in adm1["features"]:
        raw = f["properties"]["shapeName"].strip()
        name = names["province_names"].get(raw, raw)
        pairs.append(({"name": name, "shape_name": raw}, shape(f["geometry"]).buffer(0)))
    pairs.sort(key=lambda pg: str(pg[0]["name"]))
    provinces = [p for p, _ in pairs]
    prov_geoms = [g for _, g in pairs]
    by_prov_key = {normalise(p["name"]): p["name"] for p in provinces}
    for p in provinces:
        by_prov_key[normalise(p["shape_name"])] = p["name"]
        for alias in names["provinces"].get(p["name"], []):
            by_prov_key[normalise(alias)] = p["name"]
    if len(provinces) != 34:
        sys.exit(f"expected 34 provinces, read {len(provinces)}")

    # --- districts (ADM2), province by spatial join ---
    adm2 = json.loads((src / "geoboundaries-adm2.geojson").read_text("utf-8"))
    districts: list[dict[str, Any]] = []
    dist_geoms: list[BaseGeometry] = []
    for f in adm2["features"]:
        raw = f["properties"]["shapeName"]
        geom = shape(f["geometry"]).buffer(0)
        rep = geom.representative_point()
        # ADM1 and ADM2 are not drawn from the same lines: the province holding
        # the representative point is checked against the one sharing most area.
        holder = next((i for i, g in enumerate(prov_geoms) if g.contains(rep)), None)
        shares = [g.intersection(geom).area / geom.area for g in prov_geoms]
        if holder is None or shares[holder] < 0.5:
            holder = max(range(len(prov_geoms)), key=shares.__getitem__)
        prov = names["district_province"].get(raw.strip(), provinces[holder]["name"])
        canon = names["district_names"].get(
            raw.strip(),
            names["district_names"].get(re.sub(r"\s+", " ", raw.strip()), clean_name(raw)),
        )
        aliases = {clean_name(raw)}
        paren = re.match(r"^(.*?)\s*\((.*)\)$", clean_name(raw))
        if paren:
            aliases.update({paren.group(1), paren.group(2)})
        paren = re.match(r"^(.*?)\s*\((.*)\)$", canon)
        if paren:
            aliases.update({paren.group(1), paren.group(2)})
        districts.append(
            {
                "admin1": prov,
                "admin2": canon,
                "shape_name": raw.strip(),
                "aliases": aliases,
                "rep": (rep.y, rep.x),
                "centre": None,
            }
        )
        dist_geoms.append(geom)
    keys = {(d["admin1"], d["admin2"]) for d in districts}
    if len(districts) != 398 or len(keys) != 398:
        sys.exit(f"expected 398 distinct districts, read {len(districts)} ({len(keys)} distinct)")
    for key, extra in names["districts"].items():
        a1, a2 = key.split("/")
        hit = [d for d in districts if (d["admin1"], d["admin2"]) == (a1, a2)]
        if not hit:
            similar = [
                (d["admin1"], d["admin2"]) for d in districts if ratio(d["admin2"], a2) > 0.8
            ]
            sys.exit(f"aliases.json: no district {key}; similar: {similar}")
        hit[0]["aliases"].update(extra)
    tree = STRtree(dist_geoms)

    def district_at(lat: float, lon: float) -> int | None:
        found = tree.query(Point(lon, lat), predicate="intersects")
        return int(found[0]) if len(found) else None

    # --- Dari/Pashto names and district centres from the MIT list ---
    pd = json.loads((src / "provinces-and-districts.json").read_text("utf-8"))
    linked = unlinked = 0
    for p in pd:
        prov = by_prov_key.get(normalise(p["name"]))
        if prov:
            target = next(x for x in provinces if x["name"] == prov)
            target.setdefault("aliases", set()).update(
                {p["name"].strip(), p.get("nameFa", "").strip(), p.get("namePa", "").strip()}
            )
        for d in p["districts"]:
            ename = clean_name(d["name"])
            lat, lon = float(d["latitude"] or 0), float(d["longitude"] or 0)
            has_xy = not (lat == 0 and lon == 0)
            best: int | None = None
            best_score = 0.0
            for i, dd in enumerate(districts):
                if dd["admin1"] != prov:
                    continue
                score = max(ratio(ename, n) for n in (dd["admin2"], *dd["aliases"]))
                if score > best_score:
                    best, best_score = i, score
            by_name = best is not None and best_score >= 0.8
            if not by_name:
                best = district_at(lat, lon) if has_xy else None
                if best is not None and prov and districts[best]["admin1"] != prov:
                    best = None  # a centroid in another province is a bad centroid
            if best is None:
                unlinked += 1
                continue
            linked += 1
            dd = districts[best]
            new = {d.get("nameFa", "").strip(), d.get("namePa", "").strip()}
            if not JUNK.search(ename):
                new.add(ename)
            dd["aliases"].update(n for n in new if n)
            if by_name and has_xy and dist_geoms[best].contains(Point(lon, lat)):
                dd["centre"] = (lat, lon)
    print(f"districts list: {linked} entries linked, {unlinked} not", file=sys.stderr)

    # --- cities and towns ---
    index = {(d["admin1"], d["admin2"]): i for i, d in enumerate(districts)}
    cities = []
    for kind, name, a1, a2, lat, lon in PLACES:
        at: int | None = district_at(lat, lon)
        if at is None:  # a border town just outside a simplified border line
            at = int(tree.nearest(Point(lon, lat)))
            if dist_geoms[at].distance(Point(lon, lat)) > 0.02:
                sys.exit(f"{name} ({lat}, {lon}) is outside every district")
        found = (districts[at]["admin1"], districts[at]["admin2"])
        if a2 and found != (a1, a2):
            print(
                f"note: {name} falls in {found}, expected {(a1, a2)}; keeping expected",
                file=sys.stderr,
            )
            found = (a1, a2)
            if found not in index:
                sys.exit(f"unknown district {found} for {name}")
        city_aliases = sorted(set(names["cities"].get(name, [])) - {name})
        cities.append(
            {
                "name": name,
                "kind": kind,
                "admin1": found[0],
                "admin2": found[1],
                "lat": lat,
                "lon": lon,
                "aliases": city_aliases,
                "keys": [name_keys(n) for n in (name, *city_aliases)],
            }
        )
        d = districts[index[found]]
        if normalise(d["admin2"]) == normalise(name) or kind == "city":
            d.setdefault("city", (lat, lon))
    cities += extra_features(districts, index, district_at, tree, dist_geoms, cities)
    for p in provinces:
        cap = next(c for c in cities if c["kind"] == "city" and c["admin1"] == p["name"])
        p["capital"] = cap["name"]
        p["capital_district"] = cap["admin2"]

    # --- villages ---
    villages_raw = json.loads((src / "villages.json").read_text("utf-8"))
    villages = []
    fallback = 0
    for v in villages_raw:
        lat, lon = round(float(v["Latitude"]), ROUND), round(float(v["Longitude"]), ROUND)
        at = district_at(lat, lon)
        if at is None:
            prov = by_prov_key.get(normalise(v["Province"]))
            cands = [i for i, d in enumerate(districts) if d["admin1"] == prov]
            if not cands:
                continue
            stated = v["District"]
            at = max(cands, key=lambda i: max(ratio(stated, n) for n in names_of(districts[i])))
            fallback += 1
        name = re.sub(r"\s+", " ", v["Village Name"].strip())
        if name:
            name = name[:1].upper() + name[1:]
            villages.append([name, at, lat, lon, *name_keys(name)])
    print(f"villages: {len(villages)} ({fallback} by stated district)", file=sys.stderr)

    # --- write ---
    def district_point(i: int) -> tuple[float, float]:
        d = districts[i]
        # A district's point: its namesake town, else the listed centre, else inside it.
        return d.get("city") or d["centre"] or d["rep"]  # type: ignore[no-any-return]

    prov_out = []
    for p, g in zip(provinces, prov_geoms, strict=True):
        rep = g.representative_point()
        aliases = (
            p.get("aliases", set()) | set(names["provinces"].get(p["name"], [])) | {p["shape_name"]}
        ) - {p["name"], ""}
        prov_out.append(
            {
                "name": p["name"],
                "shape_name": p["shape_name"],
                "lat": round(rep.y, ROUND),
                "lon": round(rep.x, ROUND),
                "capital": p["capital"],
                "capital_district": p["capital_district"],
                "aliases": sorted(aliases),
            }
        )
        prov_out[-1]["keys"] = [name_keys(n) for n in (p["name"], *sorted(aliases))]
    dist_out = []
    for i, d in enumerate(districts):
        lat, lon = district_point(i)
        dist_out.append(
            {
                "admin1": d["admin1"],
                "admin2": d["admin2"],
                "shape_name": d["shape_name"],
                "lat": round(lat, ROUND),
                "lon": round(lon, ROUND),
                "aliases": sorted(d["aliases"] - {d["admin2"], ""}),
            }
        )
        dist_out[-1]["keys"] = [name_keys(n) for n in (d["admin2"], *dist_out[-1]["aliases"])]
    gazetteer = {
        "country": "Afghanistan",
        "iso": "AF",
        "iso3": "AFG",
        "national_capital": "Kabul",
        # How English reporting names the capital without naming it.
        "capital_phrases": ["the Afghan capital", "Afghanistan's capital", "the country's capital"],
        "sources": "see ATTRIBUTION.md; built by scripts/build_gazetteer.py",
        "provinces": prov_out,
        "districts": dist_out,
        "cities": cities,
        "villages": villages,
        "weak": names["weak"],
        "person_words": names["person_words"],
        # Keys above were made by this normaliser; the loader checks it is unchanged.
        "normaliser": normaliser_signature(),
    }
    (OUT / "gazetteer.json").write_text(
        json.dumps(gazetteer, ensure_ascii=False, separators=(",", ":")), "utf-8"
    )
    caps_by = {(p["name"], p["capital_district"]) for p in prov_out}
    dfeats = [
        {
            "type": "Feature",
            "properties": {
                "admin1": d["admin1"],
                "admin2": d["admin2"],
                "shape_name": d["shape_name"],
                "is_capital_district": (d["admin1"], d["admin2"]) in caps_by,
            },
            "geometry": rounded(g),
        }
        for d, g in zip(districts, dist_geoms, strict=True)
    ]
    (OUT / "districts.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": dfeats}, separators=(",", ":")),
        "utf-8",
    )
    pfeats = [
        {
            "type": "Feature",
            "properties": {
                "admin1": p["name"],
                "shape_name": p["shape_name"],
                "capital": p["capital"],
                "capital_district": p["capital_district"],
            },
            "geometry": rounded(g),
        }
        for p, g in zip(prov_out, prov_geoms, strict=True)
    ]
    (OUT / "provinces.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": pfeats}, separators=(",", ":")),
        "utf-8",
    )
    for f in ("gazetteer.json", "districts.geojson", "provinces.geojson"):
        print(f"{f}: {(OUT / f).stat().st_size / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
