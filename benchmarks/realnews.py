"""Real 2021 news pages: extraction measured against ../shared/eval/realnews-dev.json.

Run: ``python benchmarks/realnews.py [--texts PATH] [--half all|odd|even] [--detail]``.

The annotations hold no text.  The pages are third-party text, rebuilt locally (see
``../shared/eval/REALNEWS.md``) into the git-ignored ``.cache/realnews/``: either
``texts.jsonl`` (one ``{"id", "text", "published", "url"}`` a line) or ``pages/<id>.txt``.
When the texts are absent this script says how to rebuild them and exits 0.

Metrics follow REALNEWS.md:

- territorial F1: gold events of the three territorial sub-event types, matched by kind
  (or a kind the annotation lists as an alternative) and place (an alias, or the same
  district of the gazetteer); background events are neither required nor penalised;
  predictions at ``ambiguous`` places are ignored; an extra territorial prediction at a
  ``not_events`` place is a must-not violation;
- all-events F1: every event, matched the same way;
- on matched events (background excluded): date exact or an alternative, claim status
  exact or an alternative, fatalities exact or an alternative.

Predictions are one per (kind, place, day) per page, as the annotation codes events.

Honesty: the developers read only the odd-numbered entries (``--detail`` prints those
alone); the even half is looked at only through its aggregate figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import REPO, shared_path  # noqa: E402
from frontlines.errors import FrontlinesError  # noqa: E402
from frontlines.records import Report  # noqa: E402
from frontlines.taxonomy import TERRITORIAL  # noqa: E402

CACHE = REPO / ".cache" / "realnews"
TARGETS = {
    "territorial_f1": 0.90,
    "must_not": 0,
    "all_f1": 0.80,
    "claim": 0.90,
    "date": 0.95,
    "fatalities": 0.95,
}
REBUILD = """\
The real-news texts are absent ({where}).
Rebuild them as ../shared/eval/REALNEWS.md says: for each entry of realnews-dev.json, run the
search tool's pages corpus with the entry's `query`, keep the excerpt whose url equals the
entry's `url`, and write it whole to .cache/realnews/pages/<id>.txt (git-ignored; never commit
it). Then run this script again (or pass --texts PATH)."""


def _norm(name: str) -> str:
    """Lower case, no accents, letters and digits only: 'Pul-e-Alam' -> 'pulealam'."""
    text = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z0-9]", "", text.encode("ascii", "ignore").decode().lower())


def load_texts(path: Path) -> dict[str, str]:
    """id -> page text, from a JSONL file or a folder of ``<id>.txt``."""
    texts: dict[str, str] = {}
    if path.is_dir():
        for item in sorted(path.glob("*.txt")):
            texts[item.stem] = item.read_text(encoding="utf-8")
    elif path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    return texts


def load_inputs(
    texts_path: Path | None,
) -> tuple[list[dict[str, Any]], dict[str, str]] | None:
    """The annotated entries and the rebuilt texts, or None (having said why) when either
    is absent: ../shared, or the texts that must be rebuilt locally."""
    gold_path = shared_path("eval", "realnews-dev.json")
    if gold_path is None:
        return None
    entries = json.loads(gold_path.read_text(encoding="utf-8"))
    path = texts_path or default_texts()
    texts = load_texts(path)
    if not texts:
        print(REBUILD.format(where=path))
        return None
    return entries, texts


def default_texts() -> Path:
    jsonl = CACHE / "texts.jsonl"
    return jsonl if jsonl.exists() else CACHE / "pages"


def half_of(entry_id: str) -> str:
    """'odd' or 'even' by the last digit of the entry's number (dev-A07 is odd)."""
    digits = re.findall(r"\d", entry_id)
    return "odd" if digits and int(digits[-1]) % 2 else "even"


# --- place matching -------------------------------------------------------------------------


class PlaceKeys:
    """What a gold place (with its aliases) matches: names and gazetteer districts."""

    def __init__(self) -> None:
        from frontlines.resolve.places import get_gazetteer

        self.gaz = get_gazetteer()
        self.province_keys = {_norm(p.admin1 or ""): p.admin1 for p in self.gaz.provinces()}
        self._cache: dict[tuple[str, ...], tuple[frozenset[str], frozenset[tuple[str, str]]]] = {}

    def _province(self, name: str | None) -> str | None:
        if not name:
            return None
        try:
            return self.gaz.province(name).admin1
        except FrontlinesError:
            return None

    def keys(
        self, names: Sequence[str], admin1: str | None
    ) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """(normalised names, {(admin1, admin2)} districts) of a gold place."""
        cache_key = (*names, admin1 or "")
        if cache_key in self._cache:
            return self._cache[cache_key]
        province = self._province(admin1)
        districts: set[tuple[str, str]] = set()
        for name in names:
            for finder in (self.gaz.district, lambda n, a: self.gaz.city(n)):
                try:
                    place = finder(name, province)
                except FrontlinesError:
                    continue
                if place.admin1 and place.admin2 and (not province or place.admin1 == province):
                    districts.add((place.admin1, place.admin2))
                    break
        result = (frozenset(_norm(n) for n in names if n), frozenset(districts))
        self._cache[cache_key] = result
        return result

    def is_province(self, names: Sequence[str], admin1: str | None) -> str | None:
        """The province when the gold place names a whole province, else None."""
        for name in names:
            province = self._province(name) if _norm(name) in self.province_keys else None
            if province and (not admin1 or province == self._province(admin1)):
                return province
        return None


def place_matches(pred: Report, names: Sequence[str], admin1: str | None, keys: PlaceKeys) -> bool:
    """True when the prediction's place is the gold place."""
    norm_names, districts = keys.keys(names, admin1)
    province = keys.is_province(names, admin1)
    if province and pred.admin2 is None and pred.admin1 == province:
        return True  # a province-wide event, told province-wide
    # Else the name as a district or city ("Farah" is a province and its capital's district).
    if pred.admin1 and pred.admin2 and (pred.admin1, pred.admin2) in districts:
        return True
    return pred.admin2 is not None and any(
        _norm(v) in norm_names for v in (pred.location, pred.admin2) if v
    )


# --- scoring --------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts over a set of pages."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    must_not: int = 0
    date_ok: int = 0
    claim_ok: int = 0
    fatal_ok: int = 0
    matched: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("tp", "fp", "fn", "must_not", "date_ok", "claim_ok", "fatal_ok", "matched"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ok(value: Any, gold: dict[str, Any], field_name: str, gold_key: str | None = None) -> bool:
    allowed = [gold.get(gold_key or field_name)]
    allowed += (gold.get("alternatives") or {}).get(field_name, [])
    return value in allowed


def _kinds(gold: dict[str, Any]) -> set[str]:
    return {gold["kind"], *(gold.get("alternatives") or {}).get("kind", [])}


def _names(item: dict[str, Any]) -> list[str]:
    return [item["place"], *item.get("aliases", [])]


def dedupe(reports: Iterable[Report]) -> list[Report]:
    """One prediction per (kind, place, day), as the annotation counts events."""
    seen: set[tuple[Any, ...]] = set()
    out: list[Report] = []
    for r in reports:
        key = (r.sub_event_type, r.admin1, r.admin2, _norm(r.location or ""), r.event_date)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def score_page(
    entry: dict[str, Any], reports: Sequence[Report], keys: PlaceKeys, *, territorial: bool
) -> Tally:
    """Match one page's predictions to its gold events."""
    tally = Tally()
    golds = [g for g in entry["events"] if not territorial or g["kind"] in TERRITORIAL]
    preds = [r for r in reports if not territorial or r.sub_event_type in TERRITORIAL]
    used: set[int] = set()

    def find(gold: dict[str, Any]) -> int | None:
        candidates = [
            i
            for i, r in enumerate(preds)
            if i not in used
            and r.sub_event_type in _kinds(gold)
            and place_matches(r, _names(gold), gold.get("admin1"), keys)
        ]
        if not candidates:
            return None
        # Prefer the prediction on the gold day, then the earliest in the text.
        candidates.sort(key=lambda i: (preds[i].event_date != gold.get("event_date"), i))
        return candidates[0]

    for gold in sorted(golds, key=lambda g: bool(g.get("background"))):
        i = find(gold)
        if gold.get("background"):
            if i is not None:
                used.add(i)
            continue
        if i is None:
            tally.fn += 1
            tally.notes.append(f"  missed   {gold['kind']} @ {gold['place']} {gold['event_date']}")
            continue
        used.add(i)
        pred = preds[i]
        tally.tp += 1
        tally.matched += 1
        checks = (
            ("date", _ok(pred.event_date, gold, "event_date")),
            ("claim", _ok(pred.claim_status, gold, "claim_status")),
            ("fatalities", _ok(pred.fatalities, gold, "fatalities")),
        )
        tally.date_ok += checks[0][1]
        tally.claim_ok += checks[1][1]
        tally.fatal_ok += checks[2][1]
        wrong = [
            f"{name}: {getattr(pred, attr)} (gold {gold.get(gold_attr)})"
            for (name, ok), attr, gold_attr in zip(
                checks,
                ("event_date", "claim_status", "fatalities"),
                ("event_date", "claim_status", "fatalities"),
                strict=True,
            )
            if not ok
        ]
        if wrong:
            tally.notes.append(f"  matched  {gold['kind']} @ {gold['place']}; " + "; ".join(wrong))
    # Predictions left over: wrong, unless at a place the annotation calls ambiguous, or the
    # same kind and place as a gold event of another kind's alternative.
    for i, pred in enumerate(preds):
        if i in used:
            continue
        if any(
            place_matches(pred, _names(a), a.get("admin1"), keys)
            for a in entry.get("ambiguous", [])
        ):
            continue
        if any(
            pred.sub_event_type in _kinds(g)
            and place_matches(pred, _names(g), g.get("admin1"), keys)
            for g in entry["events"]
        ):
            continue  # a duplicate of a gold event matched already, or one of another metric
        tally.fp += 1
        where = pred.admin2 or pred.location or pred.admin1
        bad = [
            n
            for n in entry.get("not_events", [])
            if place_matches(pred, _names(n), n.get("admin1"), keys)
        ]
        if bad and pred.sub_event_type in TERRITORIAL:
            tally.must_not += 1
            why = bad[0].get("reason", "")
            tally.notes.append(f"  MUST-NOT {pred.sub_event_type} @ {where}: {why}")
        else:
            tally.notes.append(
                f"  extra    {pred.sub_event_type} @ {where} ({pred.admin1}) {pred.event_date}"
            )
    return tally


def extract_pages(
    entries: Sequence[dict[str, Any]], texts: dict[str, str]
) -> tuple[dict[str, list[Report]], float]:
    """Reports per entry id, and the seconds extraction took."""
    from frontlines.extract.pipeline import extract_article
    from frontlines.ingest import read_text

    out: dict[str, list[Report]] = {}
    start = time.perf_counter()
    for entry in entries:
        published = dt.date.fromisoformat(entry["published"]) if entry.get("published") else None
        try:
            article = read_text(
                texts[entry["id"]], article_id=entry["id"], published=published, url=entry["url"]
            )
            out[entry["id"]] = dedupe(extract_article(article))
        except FrontlinesError as exc:
            print(f"{entry['id']}: {exc}", file=sys.stderr)
            out[entry["id"]] = []
    return out, time.perf_counter() - start


def run(
    entries: Sequence[dict[str, Any]], reports: dict[str, list[Report]], keys: PlaceKeys
) -> dict[str, Any]:
    """Figures over ``entries``: territorial and all-event tallies."""
    terr, every = Tally(), Tally()
    for entry in entries:
        terr.add(score_page(entry, reports[entry["id"]], keys, territorial=True))
        every.add(score_page(entry, reports[entry["id"]], keys, territorial=False))
    return {"territorial": terr, "all": every, "pages": len(entries)}


def _frac(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.0%})" if d else "0/0"


def print_table(label: str, figures: dict[str, Any]) -> None:
    terr: Tally = figures["territorial"]
    every: Tally = figures["all"]
    tp, tr, tf = terr.prf()
    ap, ar, af = every.prf()
    print(f"\n{label} ({figures['pages']} pages)")
    print(f"  {'measure':58s} {'measured':>22s}  bar")
    rows = [
        (
            "territorial events F1 (kind and place)",
            f"{tf:.3f} (P {tp:.2f}, R {tr:.2f})",
            f">= {TARGETS['territorial_f1']:.2f}",
        ),
        ("places that must never be coded as taken, coded as taken", str(terr.must_not), "0"),
        (
            "all events F1 (25 types, kind and place)",
            f"{af:.3f} (P {ap:.2f}, R {ar:.2f})",
            f">= {TARGETS['all_f1']:.2f}",
        ),
        (
            "claim status right, of matched territorial events",
            _frac(terr.claim_ok, terr.matched),
            ">= 90%",
        ),
        ("date right, of matched territorial events", _frac(terr.date_ok, terr.matched), ">= 95%"),
        ("fatalities right, of matched events", _frac(every.fatal_ok, every.matched), ">= 95%"),
    ]
    for name, value, bar in rows:
        print(f"  {name:58s} {value:>22s}  {bar}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=None, help="texts.jsonl or a folder")
    parser.add_argument("--half", choices=("all", "odd", "even"), default="all")
    parser.add_argument(
        "--detail", action="store_true", help="per-page misses and extras (odd entries only)"
    )
    args = parser.parse_args(argv)
    loaded = load_inputs(args.texts)
    if loaded is None:
        return 0
    entries, texts = loaded
    missing = [e["id"] for e in entries if e["id"] not in texts]
    if missing:
        print(
            f"note: {len(missing)} of {len(entries)} texts absent, scored without them: "
            + ", ".join(missing)
        )
    entries = [e for e in entries if e["id"] in texts]
    if args.half != "all":
        entries = [e for e in entries if half_of(e["id"]) == args.half]
    reports, seconds = extract_pages(entries, texts)
    keys = PlaceKeys()
    print(
        f"extracted {len(entries)} pages in {seconds:.1f} s "
        f"({len(entries) / seconds if seconds else 0:.0f} pages/s)"
    )
    print_table(
        "all pages" if args.half == "all" else f"{args.half} half", run(entries, reports, keys)
    )
    if args.half == "all":
        for half in ("odd", "even"):
            part = [e for e in entries if half_of(e["id"]) == half]
            label = f"{half} half" + (
                " (read by the developers)"
                if half == "odd"
                else " (not read: aggregate figures only)"
            )
            print_table(label, run(part, reports, keys))
    if args.detail:
        print("\nper page (odd entries only):")
        for entry in entries:
            if half_of(entry["id"]) != "odd":
                continue
            for territorial in (False,):
                tally = score_page(entry, reports[entry["id"]], keys, territorial=territorial)
                if tally.notes:
                    print(entry["id"])
                    print("\n".join(tally.notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
