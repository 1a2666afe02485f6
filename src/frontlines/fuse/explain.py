"""Plain words for why a fused event has its claim status, read from its reports.

``derive_claim_status`` (merge.py) decides; this module says why, in the terms a
reader checks against the reports shown beside it: which accounts assert the event,
how firm each is, whether sources of both sides speak, and whether anyone
contradicts it.  Tests hold the two together: the status this text concludes with
is the event's own.
"""

from __future__ import annotations

from frontlines.fuse.merge import ASSERTS, CONTRADICTS
from frontlines.records import Event, Report

_FIRM = ("confirmed", "reported")


def _outlet(report: Report) -> str:
    return (report.outlet or "").strip() or f"article {report.article_id}"


def explain_claim_status(event: Event) -> list[str]:
    """Sentences, in order, from the reports to the event's claim status."""
    roles = dict(event.report_roles)
    asserting = [r for r in event.reports if roles.get(r.event_id, ASSERTS) == ASSERTS]
    contra = [r for r in event.reports if roles.get(r.event_id) == CONTRADICTS]
    lines: list[str] = []
    if not asserting:
        lines.append("No report asserts this event; every report contradicts it, so it is denied.")
        return lines
    counts: dict[str, int] = {}
    for r in asserting:
        counts[r.claim_status] = counts.get(r.claim_status, 0) + 1
    told = ", ".join(f"{n} {status}" for status, n in counts.items())
    outlets = sorted({_outlet(r) for r in asserting})
    lines.append(
        f"{len(asserting)} report(s) assert it ({told}), from {len(outlets)} outlet(s): "
        f"{', '.join(outlets)}; {event.corroboration} independent account(s) once wire "
        "copies of one story are counted once."
    )
    firm = {_outlet(r) for r in asserting if r.claim_status in _FIRM}
    sides = sorted({s.side for r in asserting for s in r.sources if s.side})
    if any(r.claim_status == "confirmed" for r in asserting):
        lines.append(
            "At least one report is confirmed on its own (its sources agree across sides, "
            "or an independent source backs another), so the event is confirmed."
        )
    elif event.corroboration >= 2 and len(firm) >= 2:
        lines.append(
            "Two or more independent outlets report it as fact (not as a claim), so the "
            "event is confirmed even though no single report is."
        )
    elif {"government", "insurgent"} <= set(sides):
        lines.append(
            "Sources of both sides (government and insurgents) say it happened, so the "
            "event is confirmed even though no single report is."
        )
    else:
        best = min(asserting, key=lambda r: _rank(r.claim_status)).claim_status
        lines.append(
            f"No report confirms it, fewer than two independent outlets report it as fact "
            f"and sources of only one side speak, so it keeps its firmest report's status: "
            f"{best}."
        )
    if contra:
        when = max(r.published or "" for r in contra) or "an unknown date"
        lines.append(
            f"{len(contra)} report(s) contradict it (the latest published {when}); "
            + (
                "it was confirmed again after that, so the contradiction does not stand."
                if event.claim_status != "disputed"
                else "nothing confirmed it after that, so it is disputed."
            )
        )
    lines.append(f"Claim status: {event.claim_status}.")
    return lines


def _rank(status: str) -> int:
    order = ("confirmed", "reported", "claimed", "unverified", "denied")
    return order.index(status) if status in order else len(order)


#: Why one report has its status: the rules of ``extract.attribution.claim_status``.
_REPORT_WHY = {
    "denied": "a source denies it",
    "unverified": "the text hedges it",
    "confirmed": "sources on opposing sides agree, or an independent source "
    "(witnesses, residents, the UN, a hospital) backs another",
    "claimed": "it is worded as a claim, or every source speaks for the side that did it",
    "reported": "it is stated without a hedge by one side, a neutral outlet or official, "
    "or with no named source",
}


def explain_report_status(report: Report) -> str:
    """One sentence: why this report, on its own, has its claim status."""
    why = _REPORT_WHY.get(report.claim_status, "")
    cue = f' (cue: "{report.hedge}")' if report.hedge else ""
    return f"{report.claim_status.capitalize()}: {why}{cue}." if why else report.claim_status
