"""Ingest at scale: throughput and peak memory on N generated articles.

Generates N short synthetic wire-style articles (JSONL on disk, written as a
stream), ingests them into a fresh database and prints articles/s and peak
memory (ru_maxrss of the ingesting process and of its workers).  ``--compare``
runs two sizes (N/10 and N), each in its own process, to show that peak
memory does not grow with the corpus: only the database file does.

``--extractor synthetic`` replaces the NLP extractor with a parser of the
generated lead sentence, to measure the store, fusion and control alone.

    .venv/bin/python benchmarks/ingest_scale.py --n 100000 --extractor synthetic --compare
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from frontlines import taxonomy
from frontlines.records import Article, Report, Source

# Real districts, so the synthetic timeline lands on the map (all of them when the
# gazetteer is installed; this handful otherwise).
FALLBACK_DISTRICTS = (
    ("Kunduz", "Imam Sahib"),
    ("Kunduz", "Dashte Archi"),
    ("Kunduz", "Khan Abad"),
    ("Baghlan", "Doshi"),
    ("Baghlan", "Pul-e Khumri"),
    ("Balkh", "Chahar Bolak"),
    ("Takhar", "Taloqan"),
    ("Badakhshan", "Faizabad"),
    ("Faryab", "Maymana"),
    ("Helmand", "Lashkar Gah"),
    ("Kandahar", "Spin Boldak"),
    ("Herat", "Herat"),
    ("Ghazni", "Ghazni"),
    ("Nimroz", "Zaranj"),
    ("Jowzjan", "Sheberghan"),
    ("Samangan", "Aybak"),
)
OUTLETS = ("Wire One", "Daily Two", "Radio Three", "Kabul Four", "Gazette Five")
ACTIONS = (
    ("seized", taxonomy.NSA_OVERTAKES, "Taliban"),
    ("recaptured", taxonomy.GOV_REGAINS, "Military Forces of Afghanistan"),
    ("clashed in", taxonomy.ARMED_CLASH, "Taliban"),
)
STATUSES = ("confirmed", "reported", "claimed", "unverified")
_WORDS = re.findall(
    r"\w+",
    "road market convoy village river checkpoint bridge valley council elders school clinic "
    "harvest wheat fuel price border trader bus driver family shop mosque governor police "
    "army militia fighters residents morning evening night week month highway district "
    "province capital crossing supply water power line office compound hill pass",
)
_LEAD = re.compile(
    r"^On (?P<date>\d{4}-\d\d-\d\d), (?P<who>Taliban fighters|government troops) "
    r"(?P<verb>seized|recaptured|clashed in) (?P<admin2>[^,]+?) district of "
    r"(?P<admin1>[^,]+?) province, (?P<status>\w+) sources said\."
)


def districts() -> list[tuple[str, str]]:
    try:
        from frontlines.resolve.places import get_gazetteer

        pairs = sorted(
            (p.admin1, p.admin2) for p in get_gazetteer().districts() if p.admin1 and p.admin2
        )
    except ImportError:
        pairs = []
    return [p for p in pairs if "," not in p[0] + p[1]] or list(FALLBACK_DISTRICTS)


def generate(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` synthetic articles as JSONL records (text, title, outlet, published)."""
    rng = random.Random(seed)
    places = districts()
    start = dt.date(2021, 5, 1)
    for i in range(n):
        admin1, admin2 = rng.choice(places)
        verb, _, _ = rng.choice(ACTIONS)
        who = "government troops" if verb == "recaptured" else "Taliban fighters"
        day = start + dt.timedelta(days=rng.randrange(130))
        status = rng.choice(STATUSES)
        filler = " ".join(
            " ".join(rng.choice(_WORDS) for _ in range(12)).capitalize() + "." for _ in range(8)
        )
        text = (
            f"On {day.isoformat()}, {who} {verb} {admin2} district of {admin1} province, "
            f"{status} sources said. Report number {i}. {filler}"
        )
        yield {
            "id": f"syn-{i}",
            "text": text,
            "title": f"{admin2}: fighting report {i}",
            "outlet": rng.choice(OUTLETS),
            "published": (day + dt.timedelta(days=1)).isoformat(),
        }


def synthetic_extract(article: Article) -> list[Report]:
    """The stand-in extractor: parses the generated lead sentence into one report."""
    m = _LEAD.match(article.text)
    if m is None:
        return []
    verb = m["verb"]
    sub = next(s for v, s, _ in ACTIONS if v == verb)
    actor1 = next(a for v, _, a in ACTIONS if v == verb)
    status = m["status"] if m["status"] in STATUSES else "reported"
    return [
        Report(
            event_id=f"FL-{article.article_id}-1",
            article_id=article.article_id,
            event_type=taxonomy.event_type_of(sub),
            sub_event_type=sub,
            evidence=m.group(0),
            event_date=m["date"],
            time_precision=1,
            actor1=actor1,
            actor2="Military Forces of Afghanistan" if actor1 == "Taliban" else "Taliban",
            country="Afghanistan",
            admin1=m["admin1"],
            admin2=m["admin2"],
            location=m["admin2"],
            geo_precision=1,
            sources=(Source(name=f"{status} sources"),),
            claim_status=status,  # type: ignore[arg-type]
            evidence_start=0,
            evidence_end=m.end(),
            extractor_version="synthetic",
            published=article.published.isoformat() if article.published else None,
            outlet=article.outlet,
        )
    ]


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in generate(n, seed):
            out.write(json.dumps(record) + "\n")


def articles_from_jsonl(path: Path) -> Iterator[Article]:
    """Stream the corpus as Articles (used when the ingest readers are not installed)."""
    with path.open(encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            rec = json.loads(line)
            yield Article(
                article_id=f"syn-{i}",
                text=rec["text"],
                title=rec["title"],
                outlet=rec["outlet"],
                published=dt.date.fromisoformat(rec["published"]),
                published_source="metadata",
                input_format="jsonl",
            )


def run(n: int, workers: int, extractor: str, workdir: Path) -> dict[str, float]:
    from frontlines.store import ingest_articles, open_db

    corpus = workdir / f"corpus-{n}.jsonl"
    db_path = workdir / f"bench-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    write_corpus(corpus, n)
    db = open_db(db_path)
    try:
        from frontlines.ingest import read_inputs  # type: ignore[attr-defined,unused-ignore]

        items = read_inputs([str(corpus)])
    except ImportError:
        items = articles_from_jsonl(corpus)
    t0 = time.perf_counter()
    summary = ingest_articles(
        items,
        db=db,
        workers=workers,
        extractor=synthetic_extract if extractor == "synthetic" else None,
    )
    elapsed = time.perf_counter() - t0
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        "n": n,
        "workers": workers,
        "articles_per_s": round(summary.read / elapsed, 1),
        "seconds": round(elapsed, 1),
        "new": summary.new,
        "near_duplicate": summary.near_duplicate,
        "failed": summary.failed,
        "events": summary.events,
        "peak_rss_mb_parent": round(self_kb / 1024, 1),
        "peak_rss_mb_worker": round(child_kb / 1024, 1),
        "db_mb": round(db_path.stat().st_size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--extractor", choices=("real", "synthetic"), default="real")
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--compare", action="store_true", help="run N/10 and N, compare memory")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="frontlines-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if not args.compare:
        print(json.dumps(run(args.n, args.workers, args.extractor, workdir)))
        return
    results = []
    for n in (max(1, args.n // 10), args.n):
        cmd = [sys.executable, __file__, "--n", str(n), "--workers", str(args.workers)]
        cmd += ["--extractor", args.extractor, "--workdir", str(workdir)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(out.strip())
    small, large = results
    growth = large["peak_rss_mb_parent"] - small["peak_rss_mb_parent"]
    print(
        f"peak parent memory {small['peak_rss_mb_parent']} MB at n={small['n']} -> "
        f"{large['peak_rss_mb_parent']} MB at n={large['n']} (+{growth:.1f} MB for "
        f"{large['n'] / small['n']:.0f}x the articles; db {small['db_mb']} -> {large['db_mb']} MB)"
    )


if __name__ == "__main__":
    main()
