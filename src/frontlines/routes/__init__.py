"""Roads, border crossings and what a change of control cuts off.

``analyse(db, date)`` reads the control timeline at a date; ``analyse_states``
does the same from control states you pass in (no database).  The road graph
is theatre data (``roads.json``), loaded once by ``load_network``.
"""

from __future__ import annotations

from frontlines.routes.analysis import (
    CRITICALITY_SORT_KEYS,
    Criticality,
    CrossingHold,
    CutSegment,
    Destination,
    RoutesResult,
    analyse,
    analyse_states,
    resolve_districts,
)
from frontlines.routes.geojson import crossings_geojson, roads_geojson
from frontlines.routes.network import Node, RoadNetwork, Segment, load_network
from frontlines.routes.report import format_table

__all__ = [
    "CRITICALITY_SORT_KEYS",
    "Criticality",
    "CrossingHold",
    "CutSegment",
    "Destination",
    "Node",
    "RoadNetwork",
    "RoutesResult",
    "Segment",
    "analyse",
    "analyse_states",
    "crossings_geojson",
    "format_table",
    "load_network",
    "resolve_districts",
    "roads_geojson",
]
