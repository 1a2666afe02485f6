"""All quality figures in one run: ISAF dev, CASE 2021 dev, and the reference article.

Run: ``python benchmarks/quality.py``.  Each part skips with a message when
../shared is absent.  Targets (issue 2): ISAF date >= 0.80, province >= 0.93,
killed >= 0.85, detained >= 0.75; CASE 2021 weighted F1 >= 0.70.  Raised by issue 9: ISAF
date within a day (releases whose text has a year) >= 0.95, province >= 0.97, killed >= 0.93,
detained >= 0.85; CASE weighted F1 >= 0.85.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import shared_path  # noqa: E402

TARGETS = {"date_within_day": 0.95, "province": 0.97, "killed": 0.93, "detained": 0.85}


def main() -> int:
    isaf = shared_path("eval", "isaf-press-releases.dev.jsonl")
    if isaf is not None:
        from isaf import run_isaf

        scores = run_isaf(isaf)
        print("ISAF press releases (dev):")
        for field, target in TARGETS.items():
            value = scores.get(field, float("nan"))
            mark = "ok" if value >= target else "BELOW TARGET"
            print(f"  {field:15s} {value:.3f}  (target >= {target:.2f}) {mark}")
    case = shared_path("eval", "case2021-task2.dev.tsv")
    if case is not None:
        from case2021 import run_case

        scores = run_case(case)
        f1 = scores.get("weighted_f1", float("nan"))
        mark = "ok" if f1 >= 0.85 else "BELOW TARGET"
        print(
            f"CASE 2021 Task 2 (dev, 25 ACLED types): weighted F1 {f1:.3f} (target >= 0.85) {mark}"
        )
        for key in ("macro_f1", "accuracy", "n"):
            if key in scores:
                print(f"  {key}: {scores[key]:.3f}" if key != "n" else f"  rows: {scores[key]:.0f}")
    ref = shared_path("samples", "imam-sahib-2021-06-21.txt")
    if ref is not None:
        from reference import check_reference

        checks = check_reference(ref)
        passed = sum(ok for _, ok, _ in checks)
        print(f"reference article: {passed}/{len(checks)} checks pass")
        for name, ok, detail in checks:
            if not ok:
                print(f"  FAIL {name}: {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
