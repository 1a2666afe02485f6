"""How fast GET /api/control answers on the demo database, over real HTTP on loopback.

Builds the demo database (``frontlines.demo.build_demo``) in a temporary folder,
starts the server in a thread, warms it up, then times N requests for
``/api/control?date=2021-08-16`` (full district GeoJSON) and the lighter
``geometry=false`` form the page uses while the slider moves.  Prints the median
and p95 of each, and exits 1 if the full form's p95 is over the 200 ms budget.

    .venv/bin/python benchmarks/api_control.py [--requests 200] [--db existing.db]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

BUDGET_MS = 200.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def measure(client: httpx.Client, url: str, n: int) -> tuple[list[float], int, int]:
    for _ in range(5):  # warm-up: connection, caches, first query plans
        client.get(url).raise_for_status()
    times: list[float] = []
    size = wire = 0
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        response.raise_for_status()
        body = response.content
        times.append((time.perf_counter() - started) * 1000)
        size, wire = len(body), response.num_bytes_downloaded
    return times, size, wire


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", default=None, help="Use this database instead of a fresh demo.")
    parser.add_argument("--date", default="2021-08-16")
    args = parser.parse_args()

    from frontlines.api.server import start_background

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from frontlines.demo import build_demo

            started = time.perf_counter()
            summary = build_demo(Path(tmp) / "demo.db")
            print(
                f"demo database: {summary.ingest.events} events, built in "
                f"{time.perf_counter() - started:.1f} s"
            )
            db = summary.db_path
        with (
            start_background(db) as server,
            httpx.Client(base_url=server.url, timeout=30) as client,
        ):
            ok = True
            for label, url in (
                ("full GeoJSON", f"/api/control?date={args.date}"),
                ("states only", f"/api/control?date={args.date}&geometry=false"),
            ):
                times, size, wire = measure(client, url, args.requests)
                median = statistics.median(times)
                p95 = percentile(times, 0.95)
                print(
                    f"GET {url}  [{label}, {size / 1024:.0f} KiB, {wire / 1024:.0f} KiB gzipped, "
                    f"{len(times)} requests]  "
                    f"median {median:.1f} ms  p95 {p95:.1f} ms  max {max(times):.1f} ms"
                )
                if label == "full GeoJSON" and p95 > BUDGET_MS:
                    ok = False
            print(
                f"budget: p95 of the full GeoJSON under {BUDGET_MS:.0f} ms: "
                f"{'met' if ok else 'MISSED'}"
            )
            return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
