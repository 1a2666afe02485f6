"""Plain-text tables of a ``RoutesResult`` for the terminal."""

from __future__ import annotations

from frontlines.routes.analysis import RoutesResult


def _district(d: tuple[str, str]) -> str:
    return f"{d[1]} ({d[0]})"


def format_table(result: RoutesResult, *, top: int = 10) -> str:
    """Destinations, crossings, cut segments and the most critical districts."""
    lines = [
        f"Routes from {result.hub} (held by {result.hub_holder or 'unknown'}) "
        f"on {result.date or 'baseline'}, counting {result.counting or 'n/a'}; "
        f"opponent: {result.opponent}"
    ]
    if "hub_holder" in result.notes:
        lines.append(f"  ({result.notes['hub_holder']})")
    if result.if_falls:
        lines.append("If these fell: " + ", ".join(_district(d) for d in result.if_falls))
    lines += [
        "",
        f"{'capital':<16} {'province':<12} {'reach':<6} {'km':>7} {'base':>7} "
        f"{'detour':>6}  cut by",
    ]
    for d in result.destinations:
        km = f"{d.path_km:.0f}" if d.path_km is not None else "-"
        detour = f"{d.detour:.2f}" if d.detour is not None else "-"
        reach = "CUT" if d.effectively_cut else "yes"
        by = ", ".join(_district(x) for x in d.cut_by)
        base = f"{d.baseline_km:.0f}"
        lines.append(f"{d.name:<16} {d.admin1:<12} {reach:<6} {km:>7} {base:>7} {detour:>6}  {by}")
    lines += [
        "",
        f"{'crossing':<18} {'neighbour':<13} {'district':<24} {'holder':<28} {'since':<12} basis",
    ]
    for h in result.crossings:
        since = h.since or ("hypothetical" if h.hypothetical else "-")
        lines.append(
            f"{h.name:<18} {h.neighbour or '-':<13} {h.admin2:<24} {h.holder or '-':<28} "
            f"{since:<12} {h.basis}"
        )
    lines += ["", f"cut segments: {len(result.cut_segments)}"]
    if not result.cut_segments and "cut_segments" in result.notes:
        lines.append(f"  ({result.notes['cut_segments']})")
    for s in result.cut_segments:
        lines.append(
            f"  {s.from_name} - {s.to_name} ({s.name}, {s.km:.0f} km): "
            + ", ".join(_district(x) for x in s.cut_by)
        )
    lines += ["", f"most critical districts (capitals cut if it alone falls next), top {top}:"]
    if not result.critical_districts and "critical_districts" in result.notes:
        lines.append(f"  ({result.notes['critical_districts']})")
    for c in result.critical_districts[:top]:
        lines.append(f"  {c.capitals_cut:>2}  {c.admin2} ({c.admin1}): {', '.join(c.capitals)}")
    return "\n".join(lines)
