"""CASE 2021 Task 2 (dev): ACLED sub-event types of news snippets.

Run: ``python benchmarks/case2021.py [--confusion]``.  Keeps the rows whose gold
code is one of ACLED's 25 sub-event types, predicts each snippet's main event
with ``classify_text`` and prints weighted F1 (weights = gold support), macro F1,
accuracy and a per-class table.  A prediction of None counts as wrong.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import shared_path  # noqa: E402
from frontlines.extract.classify import classify_text  # noqa: E402
from frontlines.taxonomy import CASE2021_CODES  # noqa: E402

NONE = "(none)"


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, gold ACLED sub-event type) for the rows with an ACLED code."""
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            code = (row.get("SubType") or "").strip()
            if code in CASE2021_CODES:
                rows.append((row["id"], row["EventSnippet"], CASE2021_CODES[code]))
    return rows


def per_class(gold: list[str], pred: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """label -> (precision, recall, F1, gold support) over the gold labels."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    table: dict[str, tuple[float, float, float, int]] = {}
    for label in sorted(set(gold)):
        support = tp[label] + fn[label]
        precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        recall = tp[label] / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, support)
    return table


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Weighted F1, macro F1 and accuracy over the gold labels (sklearn's definitions)."""
    table = per_class(gold, pred)
    n = len(gold)
    weighted = sum(f1 * support for _, _, f1, support in table.values()) / n if n else 0.0
    macro = sum(f1 for _, _, f1, _ in table.values()) / len(table) if table else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / n if n else 0.0
    return {"weighted_f1": weighted, "macro_f1": macro, "accuracy": accuracy, "n": float(n)}


def predict(rows: list[tuple[str, str, str]]) -> list[str]:
    return [classify_text(text) or NONE for _, text, _ in rows]


def run_case(path: Path | str) -> dict[str, float]:
    """Weighted F1, macro F1, accuracy and row count on a CASE 2021 Task 2 TSV."""
    rows = read_rows(Path(path))
    return scores([g for _, _, g in rows], predict(rows))


def main(argv: list[str]) -> int:
    path = shared_path("eval", "case2021-task2.dev.tsv")
    if path is None:
        return 0
    rows = read_rows(path)
    gold = [g for _, _, g in rows]
    began = time.perf_counter()
    pred = predict(rows)
    elapsed = time.perf_counter() - began
    result = scores(gold, pred)
    print(f"CASE 2021 Task 2 dev, {len(rows)} rows with an ACLED code")
    print(
        f"  weighted F1 {result['weighted_f1']:.3f}   macro F1 {result['macro_f1']:.3f}   "
        f"accuracy {result['accuracy']:.3f}   ({1000 * elapsed / max(1, len(rows)):.2f} ms/row)"
    )
    print(f"\n  {'sub-event type':40s} {'P':>5s} {'R':>5s} {'F1':>5s} {'n':>4s}")
    for label, (p, r, f1, support) in per_class(gold, pred).items():
        print(f"  {label:40s} {p:5.2f} {r:5.2f} {f1:5.2f} {support:4d}")
    if "--confusion" in argv:
        confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
        print("\n  most frequent confusions (gold -> predicted):")
        for (g, p), count in confusions.most_common(30):
            print(f"  {count:3d}  {g} -> {p}")
    if "--errors" in argv:
        for (row_id, text, g), p in zip(rows, pred, strict=True):
            if g != p:
                print(f"\n[{row_id}] gold {g} / predicted {p}\n  {text[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
