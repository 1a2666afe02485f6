"""Road and crossing layers the web map draws, as GeoJSON (coordinates are [lon, lat])."""

from __future__ import annotations

from typing import Any

from frontlines.routes.analysis import RoutesResult
from frontlines.routes.network import RoadNetwork, load_network


def _network(result: RoutesResult | None, network: RoadNetwork | None) -> RoadNetwork:
    if network is not None:
        return network
    return load_network(result.theatre if result is not None else None)


def roads_geojson(
    result: RoutesResult | None = None, *, network: RoadNetwork | None = None
) -> dict[str, Any]:
    """Every segment as a LineString with ``cut`` (and ``cut_by``) from ``result``, if given."""
    net = _network(result, network)
    cut_by = {s.id: s.cut_by for s in result.cut_segments} if result is not None else {}
    features = []
    for seg in net.segments:
        a, b = net.nodes[seg.from_node], net.nodes[seg.to_node]
        coords = [[a.lon, a.lat], *([lon, lat] for lat, lon in seg.waypoints), [b.lon, b.lat]]
        features.append(
            {
                "type": "Feature",
                "id": seg.id,
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "id": seg.id,
                    "name": seg.name,
                    "from": a.name,
                    "to": b.name,
                    "km": seg.km,
                    "cut": seg.id in cut_by,
                    "cut_by": [{"admin1": d[0], "admin2": d[1]} for d in cut_by.get(seg.id, ())],
                    "districts": [{"admin1": d[0], "admin2": d[1]} for d in seg.districts],
                    "source": seg.source,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def crossings_geojson(
    result: RoutesResult | None = None, *, network: RoadNetwork | None = None
) -> dict[str, Any]:
    """Crossings (with holder and since) and capitals (with reachability) as Points."""
    net = _network(result, network)
    holds = {c.name: c for c in result.crossings} if result is not None else {}
    dests = {d.name: d for d in result.destinations} if result is not None else {}
    features = []
    for node in net.nodes.values():
        if node.kind not in ("crossing", "capital"):
            continue
        props: dict[str, Any] = {
            "id": node.id,
            "name": node.name,
            "kind": node.kind,
            "admin1": node.admin1,
            "admin2": node.admin2,
        }
        if node.kind == "crossing":
            hold = holds.get(node.name)
            props.update(
                neighbour=node.neighbour,
                customs=node.customs,
                holder=hold.holder if hold else None,
                status=hold.status if hold else None,
                since=hold.since if hold else None,
                hypothetical=hold.hypothetical if hold else False,
            )
        else:
            dest = dests.get(node.name)
            props.update(
                reachable=dest.reachable if dest else None,
                path_km=dest.path_km if dest else None,
                baseline_km=dest.baseline_km if dest else None,
                detour=dest.detour if dest else None,
                effectively_cut=dest.effectively_cut if dest else None,
            )
        features.append(
            {
                "type": "Feature",
                "id": node.id,
                "geometry": {"type": "Point", "coordinates": [node.lon, node.lat]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}
