"""A long fuzzing run and the growth of extraction time up to the 5 MB input limit.

Part 1 runs the test suite's Hypothesis strategies (``tests/test_fuzz_properties.py``)
for many more examples, through every reader (text, HTML, JSON Lines, feeds), the
cleaner and the extractor, and prints the inputs tried, the crashes (any exception
other than an InputError) and the slowest inputs per 1,000 characters.

Part 2 times reading and extraction of hostile unpunctuated text (one repeated
unit) from 10 kB up to the input limit, and prints seconds per MB at each size:
linear growth keeps that column flat.

Run: ``python benchmarks/fuzz.py [--examples 5000] [--max-mb 5] [--seed 1]``.
A crash or a slow input found here becomes a regression test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

GROWTH_UNITS = (
    "the Taliban captured the district of Imam Sahib ",
    "July 1, ",
    "Kabul ",
    "killing 3 civilians ",
    "Ab Cd ",
    "123456 123456 x ",
)


def fuzz(examples: int, seed: int, save: str | None = None) -> int:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hyp_seed
    from hypothesis import strategies as st

    from frontlines.errors import InputError
    from frontlines.extract.pipeline import extract_article
    from frontlines.ingest import read_bytes
    from test_fuzz_properties import DATES, NEWSY, _escape

    for warm in ("w.txt", "w.html", "w.jsonl"):  # load each reader's libraries before timing
        body = b"Taliban fighters took Kunduz city on Sunday, officials said."
        if warm.endswith("jsonl"):
            body = json.dumps({"id": "w", "text": body.decode()}).encode()
        extract_article(read_bytes(body, source=warm)[0])
    # And the HTML path that finds no article in a page (it loads more on first use).
    with contextlib.suppress(InputError):
        read_bytes(b"<html><body><p>x</p></body></html>", source="w.html")
    tried = 0
    crashes: list[str] = []
    slowest: list[tuple[float, int, str, str, bytes]] = []
    refused = 0

    def wrap(kind: str, text: str) -> tuple[bytes, str]:
        if kind == "html":
            return f"<html><body><p>{_escape(text)}</p></body></html>".encode(), "x.html"
        if kind == "jsonl":
            line = json.dumps({"id": "f", "text": text, "published": "2021-06-21"})
            return line.encode() + b"\n", "x.jsonl"
        if kind == "feed":
            item = f"<item><title>t</title><description>{_escape(text)}</description></item>"
            doc = f'<?xml version="1.0"?><rss><channel>{item}</channel></rss>'
            return doc.encode(), "x.xml"
        return text.encode("utf-8", "surrogatepass"), "x.txt"

    @hyp_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        text=st.lists(NEWSY, min_size=1, max_size=8).map("\n\n".join),
        kind=st.sampled_from(["text", "html", "jsonl", "feed"]),
        published=st.one_of(st.none(), DATES),
        raw=st.binary(max_size=30),
    )
    def run(text: str, kind: str, published: dt.date | None, raw: bytes) -> None:
        nonlocal tried, refused
        tried += 1
        data, name = wrap(kind, text)
        if raw and tried % 5 == 0:
            data += raw
        started = time.perf_counter()
        try:
            for article in read_bytes(data, source=name, published=published):
                extract_article(article)
        except InputError:
            refused += 1
        except Exception:  # a crash: recorded, and the search goes on
            crashes.append(f"{kind} {data[:200]!r}\n{traceback.format_exc(limit=4)}")
        seconds = time.perf_counter() - started
        # Seconds per 1,000 bytes, a shorter input counted as 1,000 (its fixed costs).
        per_k = seconds / max(1000, len(data)) * 1000
        slowest.append((per_k, len(data), f"{kind} {data[:80]!r}", kind, data))
        if len(slowest) > 50:
            slowest.sort(reverse=True)
            del slowest[5:]

    started = time.perf_counter()
    run()
    took = time.perf_counter() - started
    slowest.sort(reverse=True)
    print(f"inputs tried: {tried} in {took:.0f} s ({refused} refused with a clear InputError)")
    print(f"crashes: {len(crashes)}")
    for crash in crashes[:10]:
        print("  " + crash.replace("\n", "\n  "))
    print("slowest inputs, seconds per 1,000 bytes:")
    for per_k, size, what, _, _ in slowest[:5]:
        print(f"  {per_k:.4f} s/kB  ({size} bytes)  {what}")
    if save:
        with open(save, "w", encoding="utf-8") as out:
            for per_k, _, _, kind, data in slowest[:5]:
                out.write(json.dumps({"s_per_kb": per_k, "kind": kind, "data": data.hex()}) + "\n")
        print(f"the slowest inputs in full: {save}")
    return len(crashes)


def growth(max_mb: float) -> float:
    from frontlines import settings
    from frontlines.extract.pipeline import extract_article
    from frontlines.ingest import read_text

    settings.ARTICLE_TIME_BUDGET_SECONDS = 0  # measure, do not abandon
    published = dt.date(2021, 6, 21)
    extract_article(read_text("Taliban fighters took Kunduz on Sunday.", article_id="w"))
    sizes = [10_000, 100_000, 1_000_000]
    limit = int(max_mb * 1_000_000)
    sizes = [s for s in sizes if s < limit] + [min(limit, settings.MAX_INPUT_BYTES - 1)]
    print("\nextraction time of one unpunctuated hostile article (read, clean, extract):")
    print(f"{'unit':50} " + " ".join(f"{s / 1e6:>8.2f}MB" for s in sizes) + "   s/MB at each size")
    worst_10k = 0.0
    for unit in GROWTH_UNITS:
        row = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            started = time.perf_counter()
            try:
                extract_article(read_text(text, article_id="g", published=published))
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"  {unit!r}: {type(exc).__name__}: {exc}")
                break
            row.append(time.perf_counter() - started)
        if row:
            worst_10k = max(worst_10k, row[0])
        per_mb = " ".join(f"{t / (s / 1e6):6.1f}" for t, s in zip(row, sizes, strict=False))
        print(f"{unit!r:50} " + " ".join(f"{t:9.2f}s" for t in row) + f"   {per_mb}")
    print(f"slowest 10 kB hostile article: {worst_10k:.3f} s (target: under 1 s)")
    return worst_10k


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--max-mb", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--save", help="write the slowest inputs in full (JSON Lines, hex)")
    args = parser.parse_args()
    crashes = fuzz(args.examples, args.seed, args.save)
    if not args.skip_growth:
        growth(args.max_mb)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
