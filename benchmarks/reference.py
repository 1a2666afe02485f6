"""The reference article against what a careful analyst codes (expected.json).

Run: ``python benchmarks/reference.py``.  Prints each check and a score.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import shared_path  # noqa: E402

OVERTAKES = "Non-state actor overtakes territory"
TERRITORIAL = (OVERTAKES, "Non-violent transfer of territory")


def extract_reference(path: Path) -> list[dict[str, Any]]:
    from frontlines.extract.pipeline import extract_article
    from frontlines.ingest import read_inputs

    items = list(read_inputs([str(path)], published=dt.date(2021, 6, 21)))
    reports = []
    for item in items:
        if isinstance(item, Exception):
            raise item
        reports += [r.to_dict() for r in extract_article(item)]
    return reports


def _find(reports: list[dict[str, Any]], admin1: str, admin2: str) -> dict[str, Any] | None:
    for r in reports:
        if r["admin1"] == admin1 and r["admin2"] == admin2 and r["sub_event_type"] == OVERTAKES:
            return r
    return None


def check_reference(path: Path) -> list[tuple[str, bool, str]]:
    """(check, passed, detail) for every done-when item of the reference article."""
    reports = extract_reference(path)
    checks: list[tuple[str, bool, str]] = []

    def check(name: str, ok: object, detail: object) -> None:
        checks.append((name, bool(ok), str(detail)))

    first = reports[0] if reports else None
    imam = _find(reports, "Kunduz", "Imam Sahib")
    names = {s["name"] for s in (imam or {}).get("sources", [])}
    check("Imam Sahib overtaken by Taliban", imam and imam["actor1"] == "Taliban", imam)
    check(
        "Imam Sahib is the first (main) event",
        first and imam and first["event_id"] == imam["event_id"],
        first and first["admin2"],
    )
    check(
        "Imam Sahib dated 2021-06-21",
        imam and imam["event_date"] == "2021-06-21",
        imam and imam["event_date"],
    )
    check(
        "Imam Sahib confirmed",
        imam and imam["claim_status"] == "confirmed",
        imam and imam["claim_status"],
    )
    check(
        "Imam Sahib sources: both spokesmen",
        {"Inamuddin Rahmani", "Zabihullah Mujahed"} <= names,
        sorted(names),
    )
    archi = _find(reports, "Kunduz", "Dashte Archi")
    check(
        "Dashte Archi overtaken, reported",
        archi and archi["actor1"] == "Taliban" and archi["claim_status"] == "reported",
        archi and archi["claim_status"],
    )
    doshi = _find(reports, "Baghlan", "Doshi")
    check(
        "Doshi overtaken, unverified",
        doshi and doshi["actor1"] == "Taliban" and doshi["claim_status"] == "unverified",
        doshi and doshi["claim_status"],
    )
    check(
        "Doshi source: witnesses",
        doshi and any(s["name"].lower() == "witnesses" for s in doshi["sources"]),
        doshi and doshi["sources"],
    )
    territorial = [r for r in reports if r["sub_event_type"] in TERRITORIAL]
    kunduz = [r for r in territorial if (r["admin1"], r["admin2"]) == ("Kunduz", "Kunduz")]
    check("no Kunduz city/district overtaken", not kunduz, [r["evidence"][:60] for r in kunduz])
    kabul = [r for r in reports if r["admin2"] == "Kabul" and r["sub_event_type"] == OVERTAKES]
    check("no capture placed in Kabul (dateline)", not kabul, len(kabul))
    mazar = [r for r in territorial if r["admin2"] == "Mazar-e Sharif"]
    check("Mazar-e-Sharif never a capture location", not mazar, len(mazar))
    debris = [r for r in reports if "Download" in r["evidence"] or "Getty" in r["evidence"]]
    check("no boilerplate or caption as evidence", not debris, len(debris))
    title = "Taliban capture key Afghanistan district"
    titles = [r for r in reports if r["evidence"].startswith(title)]
    check("duplicated title not a report", not titles, len(titles))
    return checks


def main() -> int:
    path = shared_path("samples", "imam-sahib-2021-06-21.txt")
    if path is None:
        return 0
    checks = check_reference(path)
    for name, ok, detail in checks:
        print(f"  [{'ok' if ok else 'FAIL'}] {name}" + ("" if ok else f"  -> {detail}"))
    passed = sum(ok for _, ok, _ in checks)
    print(f"reference article: {passed}/{len(checks)} checks pass")
    if "-v" in sys.argv:
        keys = ("sub_event_type", "actor1", "actor2", "admin1", "admin2", "event_date")
        keys += ("time_precision", "claim_status", "fatalities")
        for r in extract_reference(path):
            row = json.dumps({k: r[k] for k in keys}, ensure_ascii=False)
            print(row, "|", r["evidence"][:100])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
