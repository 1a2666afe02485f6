"""Place reading on the real 2021 news pages: does the gazetteer find each event's place?

Run: ``python benchmarks/realnews_places.py [--texts PATH]``.

For every event of ``../shared/eval/realnews-dev.json`` that is not background, the
page text (cleaned as ``frontlines extract`` cleans it) is searched with
``Gazetteer.find_places``; the event's place counts as found when some mention in the
text resolves to it: its district (as ``benchmarks/realnews.py`` matches places), one
of its spellings, or, for a province-wide event, its province.  This measures place
reading alone, whatever extraction then makes of the sentence.  Figures are printed for
both halves; per-event lines are never printed (the even half is looked at only through
its aggregate figures).  When the texts are absent it says how to rebuild them and
exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realnews import PlaceKeys, _norm, half_of, load_inputs  # noqa: E402


def found_places(entry: dict[str, Any], text: str, keys: PlaceKeys) -> tuple[int, int]:
    """(events whose place the text's place names reach, events) of one page."""
    from frontlines.ingest import read_text

    published = dt.date.fromisoformat(entry["published"]) if entry.get("published") else None
    article = read_text(text, article_id=entry["id"], published=published, url=entry["url"])
    gaz = keys.gaz
    seen_names: set[str] = set()
    seen_districts: set[tuple[str | None, str | None]] = set()
    seen_provinces: set[str | None] = set()
    for match in gaz.find_places(article.text):
        place, _ = gaz.resolve(match)
        seen_names.add(_norm(match.text))
        seen_districts.add((place.admin1, place.admin2))
        seen_provinces.add(place.admin1)
    hit = total = 0
    for event in entry.get("events", []):
        if event.get("background"):
            continue
        total += 1
        names = [event["place"], *event.get("aliases", [])]
        norms, districts = keys.keys(names, event.get("admin1"))
        province = keys.is_province(names, event.get("admin1"))
        if (
            norms & seen_names
            or districts & seen_districts
            or (province is not None and province in seen_provinces)
        ):
            hit += 1
    return hit, total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=None, help="texts.jsonl or a folder")
    args = parser.parse_args(argv)
    loaded = load_inputs(args.texts)
    if loaded is None:
        return 0
    entries, texts = loaded
    keys = PlaceKeys()
    tallies = {"odd": [0, 0], "even": [0, 0]}
    for entry in entries:
        if entry["id"] not in texts:
            continue
        hit, total = found_places(entry, texts[entry["id"]], keys)
        tally = tallies[half_of(entry["id"])]
        tally[0] += hit
        tally[1] += total
    print("event places reached by the page's place names (background events aside)")
    for label, (hit, total) in (
        ("all pages", [sum(t[i] for t in tallies.values()) for i in (0, 1)]),
        ("odd half (read by the developers)", tallies["odd"]),
        ("even half (not read: aggregate figures only)", tallies["even"]),
    ):
        share = f"{hit / total:.0%}" if total else "-"
        print(f"  {label:<48} {hit}/{total} ({share})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
