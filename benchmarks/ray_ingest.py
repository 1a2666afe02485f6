"""Ray engine throughput with 1 and 2 workers, on the real extractor.

The corpus is the demo corpus repeated ``--copies`` times, each copy's articles made
distinct (a new id and a closing sentence naming the copy, so no two texts hash
alike), written as JSONL files of ``--per-file`` articles (one file is one unit of
work).  For each worker count it prints:

- pipeline: reading, cleaning and extraction on the cluster, consumed here in input
  order (``ray_rows``): what the workers deliver;
- ingest: the whole ``ingest_ray`` into a fresh SQLite database, whose writes, fusion
  and control refold run here, in the driver, on the same machine's cores.

Both from the first call (actor start-up and the extractor's loading included) and,
for the pipeline, also from the first result on (steady state).  The cluster is one
started on this machine with 2 CPUs, or ``--ray-address HOST:PORT``.

    .venv/bin/python benchmarks/ray_ingest.py --copies 8
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "src" / "frontlines" / "demo" / "corpus"


def write_corpus(folder: Path, copies: int, per_file: int) -> int:
    records = []
    for path in sorted(DEMO.glob("*.jsonl")):
        records.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    out = []
    for copy in range(copies):
        for record in records:
            varied = dict(record)
            varied["id"] = f"{record['id']}-copy{copy}"
            varied["text"] = f"{record['text']}\n\nThis is copy {copy} of the report."
            out.append(varied)
    for start in range(0, len(out), per_file):
        chunk = out[start : start + per_file]
        name = folder / f"part-{start // per_file:05d}.jsonl"
        name.write_text("".join(json.dumps(r) + "\n" for r in chunk))
    return len(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=8, help="times the demo corpus is repeated")
    parser.add_argument("--per-file", type=int, default=8, help="articles per JSONL file")
    parser.add_argument("--ray-address", default=None, help="a running cluster (HOST:PORT)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-ingest", action="store_true", help="time the pipeline only")
    args = parser.parse_args()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

    import ray

    from frontlines.engines.ray_engine import connect, ingest_ray, plan_units, ray_rows

    if args.ray_address:
        connect(args.ray_address)
    else:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    print(f"cluster: {ray.cluster_resources().get('CPU', 0):.0f} CPUs, {len(ray.nodes())} node(s)")
    # Other processes on the machine take cores from the workers: the figures say so.
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="fl-ray-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        n = write_corpus(folder, args.copies, args.per_file)
        units = plan_units([str(folder)])
        print(f"corpus: {n} articles in {len(units)} files")
        # The same work in this process, on one core, without Ray: the ceiling per worker.
        from frontlines.engines.ray_engine import process_unit
        from frontlines.store.ingest import _warm

        _warm()
        sample = units[: max(1, len(units) // 4)]
        started = time.perf_counter()
        done_articles = sum(len(process_unit(unit, None, None)) for unit in sample)
        alone = done_articles / (time.perf_counter() - started)
        print(f"no Ray, one core: {alone:6.1f} articles/s (a quarter of the corpus)")
        rates: dict[int, tuple[float, float, float]] = {}
        for workers in args.workers:
            started = time.perf_counter()
            first = None
            articles = 0
            for entries in ray_rows(units, workers=workers):
                if first is None:
                    first = time.perf_counter()
                    first_count = len(entries)
                articles += len(entries)
            done = time.perf_counter()
            assert articles == n and first is not None, (articles, n)
            pipeline = n / (done - started)
            steady = (n - first_count) / max(done - first, 1e-9)
            whole = 0.0
            events = ""
            if not args.skip_ingest:
                started = time.perf_counter()
                summary = ingest_ray([folder], db=Path(tmp) / f"w{workers}.db", workers=workers)
                whole = n / (time.perf_counter() - started)
                assert summary.read == n and summary.failed == 0, summary.as_dict()
                events = f", ingest {whole:6.1f} articles/s ({summary.events} events)"
            rates[workers] = (pipeline, steady, max(whole, 1e-9))
            print(
                f"workers {workers}: pipeline {pipeline:6.1f} articles/s "
                f"(steady {steady:6.1f}/s){events}; load average {os.getloadavg()[0]:.1f}"
            )
        if 1 in rates and 2 in rates:
            one, two = rates[1], rates[2]
            print(
                f"2 workers / 1 worker: pipeline {two[0] / one[0]:.2f}x "
                f"(steady {two[1] / one[1]:.2f}x), ingest {two[2] / one[2]:.2f}x"
            )
    ray.shutdown()


if __name__ == "__main__":
    main()
