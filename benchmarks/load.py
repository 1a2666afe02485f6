"""Load: many concurrent readers against a served demo database while an ingest writes.

Builds the demo database in a temporary folder, serves it with ``frontlines serve``
(a real server on loopback, in its own process), starts ``frontlines ingest`` of
generated articles into the same database, and runs ``--readers`` concurrent
clients asking for ``/api/events`` and ``/api/control`` on random dates and
countings for ``--seconds``.  Prints throughput, p50/p95/p99 latency and every
error (any status but 200, any "database is locked").  Then ``--routes-readers``
clients ask for ``/api/routes`` while the server's peak memory is sampled.

Run: ``python benchmarks/load.py [--readers 200] [--seconds 20] [--routes-readers 50]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "frontlines"
START = dt.date(2021, 5, 1)
DAYS = 130


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _articles(path: Path, n: int) -> None:
    """``n`` generated articles of real shapes (the demo corpus's, re-dated and renamed)."""
    from frontlines.demo import corpus_files

    records = [json.loads(line) for f in corpus_files() for line in f.read_text().splitlines()]
    rng = random.Random(7)
    with path.open("w") as out:
        for i in range(n):
            base = rng.choice(records)
            words = " ".join(rng.choice(["road", "market", "convoy", "elders"]) for _ in range(30))
            out.write(
                json.dumps(
                    {
                        "id": f"load-{i}",
                        "text": base["text"] + f"\n\nLoad note {i}: {words}.",
                        "published": base.get("published"),
                        "outlet": f"Load Wire {i % 7}",
                    }
                )
                + "\n"
            )


class _Connection:
    """A minimal keep-alive HTTP/1.1 client: the benchmark's own cost must stay small
    next to the server's (an HTTP library decoding every body would measure itself)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Accept-Encoding: gzip\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        body = await self.reader.readexactly(length)
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _reader(
    port: int, paths: list[str], until: float, out: list[tuple[float, int, str]]
) -> None:
    rng = random.Random()
    conn = _Connection("127.0.0.1", port)
    try:
        while time.monotonic() < until:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                status, body = await conn.get(path)
                text = "" if status == 200 else body[:200].decode("utf-8", "replace")
            except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                status, text = 0, f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = _Connection("127.0.0.1", port)
            out.append((time.perf_counter() - started, status, text))
    finally:
        conn.close()


async def _run(
    port: int, readers: int, seconds: float, paths: list[str]
) -> list[tuple[float, int, str]]:
    out: list[tuple[float, int, str]] = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(_reader(port, paths, until, out) for _ in range(readers)))
    return out


def _report(name: str, results: list[tuple[float, int, str]], seconds: float) -> int:
    times = sorted(t for t, _, _ in results)
    errors = [(s, t) for _, s, t in results if s != 200]
    locked = sum("locked" in t for _, t in errors)

    def pct(q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))] * 1000 if times else float("nan")

    print(
        f"{name}: {len(results)} requests, {len(results) / seconds:.0f}/s, "
        f"p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, p99 {pct(0.99):.1f} ms, "
        f"max {times[-1] * 1000 if times else 0:.0f} ms, errors {len(errors)} "
        f"(database is locked: {locked})"
    )
    for status, text in errors[:5]:
        print(f"  error {status}: {text}")
    return len(errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--routes-readers", type=int, default=50)
    parser.add_argument("--ingest-articles", type=int, default=3000)
    parser.add_argument("--db", help="serve this database instead of a fresh demo one")
    parser.add_argument("--workers", type=int, default=0, help="server processes (0: cores)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="frontlines-load-"))
    db = Path(args.db) if args.db else tmp / "demo.db"
    if not args.db:
        from frontlines.demo import build_demo

        build_demo(db, workers=1)
    generated = tmp / "load.jsonl"
    _articles(generated, args.ingest_articles)
    port = _free_port()
    env = {**os.environ, "FRONTLINES_DB": str(db)}
    server = subprocess.Popen(
        [str(BIN), "serve", "--db", str(db), "--port", str(port)]
        + (["--workers", str(args.workers)] if args.workers else []),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    errors = 0
    try:
        assert server.stdout is not None
        print(server.stdout.readline().strip())
        base = f"http://127.0.0.1:{port}"
        import httpx

        ready = time.monotonic() + 60
        while True:  # every worker process is up before the clock starts
            try:
                if all(
                    httpx.get(base + "/api/meta", timeout=2).status_code == 200 for _ in range(8)
                ):
                    break
            except httpx.TransportError:
                if time.monotonic() > ready:
                    raise
            time.sleep(0.2)
        dates = [(START + dt.timedelta(days=d)).isoformat() for d in range(DAYS)]
        countings = ["all", "reported", "confirmed"]
        paths = [
            f"/api/control?date={d}&counting={c}&geometry=false" for d in dates for c in countings
        ] + [
            f"/api/events?since={d}&until={(dt.date.fromisoformat(d) + dt.timedelta(days=7))}"
            f"&limit=100"
            for d in dates
        ]
        ingest = subprocess.Popen(
            [str(BIN), "ingest", str(generated), "--db", str(db), "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        if not args.ingest_articles:
            ingest.terminate()
        time.sleep(1.0)  # the ingest is under way
        results = asyncio.run(_run(port, args.readers, args.seconds, paths))
        still_writing = ingest.poll() is None
        errors += _report(
            f"{args.readers} readers of /api/events and /api/control"
            + (" during an ingest" if still_writing else " (the ingest had finished)"),
            results,
            args.seconds,
        )
        ingest.terminate()
        ingest.wait(30)

        peak = [0.0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _rss_mb(server.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        route_paths = [f"/api/routes?date={d}&counting={c}" for d in dates[::3] for c in countings]
        results = asyncio.run(_run(port, args.routes_readers, args.seconds / 2, route_paths))
        stop.set()
        sampler.join()
        errors += _report(
            f"{args.routes_readers} readers of /api/routes", results, args.seconds / 2
        )
        print(f"server peak memory under /api/routes readers: {peak[0]:.0f} MB (target < 300 MB)")
    finally:
        server.terminate()
        server.wait(30)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
