"""Claims that both sides make are confirmed: fusion across reports raises the claim status
when independent or opposing sources agree (issue 10, on reports written here)."""

from __future__ import annotations

from frontlines import taxonomy
from frontlines.fuse import ASSERTS, derive_claim_status
from frontlines.records import Report, Source


def report(rid: str, status: str, *sources: Source, outlet: str = "A") -> Report:
    return Report(
        event_id=rid,
        article_id=rid,
        event_type=taxonomy.event_type_of(taxonomy.NSA_OVERTAKES),
        sub_event_type=taxonomy.NSA_OVERTAKES,
        evidence="Fighters took the city.",
        claim_status=status,  # type: ignore[arg-type]
        sources=sources,
        outlet=outlet,
        published="2021-08-16",
    )


TALIBAN = Source("Zabihullah Mujahid", "Taliban spokesman", side="insurgent")
OFFICIAL = Source("an Interior Ministry official", None, side="government")


def status(*reports: Report) -> str:
    roles = {r.event_id: ASSERTS for r in reports}
    return derive_claim_status(reports, roles, {r.article_id: r.article_id for r in reports})[0]


def test_one_sides_claim_alone_stays_claimed() -> None:
    assert status(report("r1", "claimed", TALIBAN)) == "claimed"


def test_the_same_claim_from_the_other_side_confirms_it() -> None:
    assert (
        status(report("r1", "claimed", TALIBAN), report("r2", "claimed", OFFICIAL, outlet="B"))
        == "confirmed"
    )


def test_two_independent_firm_accounts_confirm() -> None:
    a = report("r1", "reported", OFFICIAL)
    b = report("r2", "reported", Source("residents", None, side="independent"), outlet="B")
    assert status(a, b) == "confirmed"
