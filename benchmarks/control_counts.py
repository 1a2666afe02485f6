"""The demo's district counts beside the Long War Journal's published counts of 2021.

Builds the demo database (``frontlines.demo.build_demo``) in a temporary folder (or reads
``--db``), counts districts by controller (government, taliban, resistance, contested,
unknown) on each date LWJ published a count for (``docs/long-war-journal-counts.md``),
and prints both side by side, with the shares of the districts each counts.

    .venv/bin/python benchmarks/control_counts.py [--db existing.db] [--counting all]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

#: (date, label, LWJ Taliban-controlled, LWJ contested, LWJ total) from the docs table.
PUBLISHED: list[tuple[str, str, int, int | None, int | None]] = [
    ("2021-04-30", "just before 1 May", 73, None, None),
    ("2021-04-15", "mid-April", 77, 194, None),
    ("2021-06-15", "mid-June", 106, None, None),
    ("2021-07-27", "27 July", 224, 110, 421),
]
#: LWJ's usual district total, for shares when an article gives none.
LWJ_DISTRICTS = 407


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database (default: build the demo)")
    parser.add_argument("--counting", default="all", choices=("confirmed", "reported", "all"))
    args = parser.parse_args()

    from frontlines.control import SUMMARY_KEYS, category, control_at
    from frontlines.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            from frontlines.demo import build_demo

            path = str(Path(tmp) / "demo.db")
            build_demo(path, workers=1)
        db = open_db(path, create=False)
        print(f"district counts, demo (counting {args.counting}) beside FDD's Long War Journal")
        head = f"{'date':<11} {'LWJ as of':<18} {'LWJ Taliban':>11} {'LWJ contested':>13}"
        head += " | " + " ".join(f"{k:>10}" for k in SUMMARY_KEYS) + "  demo Taliban share"
        print(head)
        for day, label, taliban, contested, total in PUBLISHED:
            # The theatre's period starts on 1 May: earlier dates read the baseline.
            when = max(day, "2021-05-01")
            counts = dict.fromkeys(SUMMARY_KEYS, 0)
            for state in control_at(db, when, args.counting):
                counts[category(state)] += 1
            n = sum(counts.values())
            lwj_share = taliban / (total or LWJ_DISTRICTS)
            shown = "-" if contested is None else str(contested)
            print(
                f"{day:<11} {label:<18} {taliban:>11} {shown:>13} | "
                + " ".join(f"{counts[k]:>10}" for k in SUMMARY_KEYS)
                + f"  {counts['taliban'] / n:6.1%} (LWJ {lwj_share:.1%})"
            )
        for day in ("2021-08-16", "2021-09-10"):
            counts = dict.fromkeys(SUMMARY_KEYS, 0)
            for state in control_at(db, day, args.counting):
                counts[category(state)] += 1
            print(
                f"{day:<11} {'(all but Panjshir)':<18} {'-':>11} {'-':>13} | "
                + " ".join(f"{counts[k]:>10}" for k in SUMMARY_KEYS)
                + f"  {counts['taliban'] / sum(counts.values()):6.1%}"
            )


if __name__ == "__main__":
    main()
