"""How the map page performs in Debian's Chromium on the demo database.

Builds the demo database in a temporary folder, serves it on loopback, opens the page
headless and prints: time until the page is ready, time for one replay day (the
slider's date moves, districts, roads, markers, labels and the event list are all
redrawn: median and p95 over a run of days), markers and labels drawn at country
zoom, and the screenshots it saved under benchmarks/out/.

    .venv/bin/python benchmarks/map_page.py [--days 40] [--db existing.db]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
OUT = Path(__file__).resolve().parent / "out"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument(
        "--db", default=None, help="An existing database (default: build the demo)."
    )
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        print(f"skipped: {CHROMIUM} is absent (apt-get install chromium)", file=sys.stderr)
        return 0
    from playwright.sync_api import sync_playwright

    from frontlines.api.server import start_background
    from frontlines.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "demo.db")
        if args.db is None:
            build_demo(db)
        with start_background(db) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            started = time.perf_counter()
            page.goto(f"{server.url}/#date=2021-06-01&counting=all")
            page.wait_for_selector("body[data-shown]", timeout=30000)
            page.wait_for_load_state("networkidle")
            ready = (time.perf_counter() - started) * 1000
            steps: list[float] = []
            for _ in range(args.days):
                shown = page.evaluate("() => document.body.dataset.shown")
                t0 = time.perf_counter()
                page.click("#next-day")
                page.wait_for_function(
                    "s => document.body.dataset.shown !== s", arg=shown, timeout=30000
                )
                steps.append((time.perf_counter() - t0) * 1000)
            markers = page.locator("g.evm, g.evc").count()
            labels = page.locator("text.maplabel").count()
            OUT.mkdir(parents=True, exist_ok=True)
            shot = OUT / "map-benchmark.png"
            page.screenshot(path=str(shot))
            browser.close()
    ordered = sorted(steps)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"page ready (first load, demo database): {ready:.0f} ms")
    print(
        f"one replay day, {len(steps)} days: median {statistics.median(steps):.0f} ms, "
        f"p95 {p95:.0f} ms"
    )
    print(f"at country zoom after the run: {markers} markers/clusters, {labels} labels")
    print(f"screenshot: {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
