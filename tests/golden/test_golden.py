"""Whole-article expectations kept as golden files: what must be coded, what must not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from frontlines.extract.pipeline import extract_article
from frontlines.ingest import read_inputs
from frontlines.records import Article, Report

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLDEN = sorted(HERE.glob("*.expected.json"))


def _extract(spec: dict[str, Any]) -> list[Report]:
    path = REPO / spec["article"]
    items = list(read_inputs([str(path)], published=dt.date.fromisoformat(spec["published"])))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return extract_article(items[0])


def _matches(report: Report, want: dict[str, Any]) -> bool:
    for key, value in want.items():
        if key in ("first", "why"):
            continue
        if key == "source_names":
            if not set(value) <= {s.name for s in report.sources}:
                return False
        elif key == "min_fatalities":
            if (report.fatalities or 0) < value:
                return False
        elif key == "evidence_contains":
            if value.lower() not in report.evidence.lower():
                return False
        elif getattr(report, key) != value:
            return False
    return True


@pytest.mark.parametrize("golden", GOLDEN, ids=[p.name for p in GOLDEN])
def test_golden_article(golden: Path) -> None:
    spec = json.loads(golden.read_text(encoding="utf-8"))
    reports = _extract(spec)
    assert reports, "no events extracted"
    for want in spec["events"]:
        found = [r for r in reports if _matches(r, want)]
        assert found, f"missing event {want}; got {[r.to_dict()['notes'] for r in reports]}"
        if want.get("first"):
            assert _matches(reports[0], want), f"the main event should come first: {want}"
    for never in spec["must_not"]:
        bad = [r for r in reports if _matches(r, never)]
        assert not bad, f"{never['why']}: {[r.evidence for r in bad]}"
