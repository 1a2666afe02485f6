"""A real SIGKILL in the middle of an ingest leaves a consistent database, and a
re-run completes it without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontlines import settings

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from ingest_scale import write_corpus  # noqa: E402

N = 3000
SCRIPT = """
import sys
sys.path.insert(0, {bench!r})
from pathlib import Path
from ingest_scale import articles_from_jsonl, synthetic_extract
from frontlines.store import ingest_articles, open_db
summary = ingest_articles(articles_from_jsonl(Path({corpus!r})), db=open_db({db!r}),
                          workers=2, extractor=synthetic_extract)
print(summary.new, summary.duplicate, summary.failed)
"""


def run_ingest(corpus: Path, db: Path) -> subprocess.Popen[str]:
    code = SCRIPT.format(bench=str(REPO / "benchmarks"), corpus=str(corpus), db=str(db))
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def counts(db: Path) -> tuple[int, int, int]:
    return (
        count(db, "SELECT count(*) FROM articles"),
        count(db, "SELECT count(*) FROM reports"),
        count(db, "SELECT count(*) FROM events"),
    )


@pytest.mark.slow
def test_killed_ingest_is_consistent_and_a_rerun_completes_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, N)
    db = tmp_path / "killed.db"
    proc = run_ingest(corpus, db)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = count(db, "SELECT count(*) FROM articles")
            except sqlite3.OperationalError:
                continue  # schema still being created
            if stored >= 3 * settings.INGEST_BATCH_SIZE:
                break
    assert proc.poll() is None, "ingest finished before it could be killed: raise N"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # Consistent: whole batches only, every article with its report, every report fused.
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    articles, reports, _ = counts(db)
    assert 0 < articles < N
    assert articles % settings.INGEST_BATCH_SIZE == 0
    assert reports == articles
    assert count(db, "SELECT count(*) FROM reports WHERE event_id IS NULL") == 0
    assert (
        count(
            db,
            "SELECT count(*) FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM reports r WHERE r.event_id = e.event_id)",
        )
        == 0
    )

    rerun = run_ingest(corpus, db)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    new, duplicate, failed = map(int, out.split())
    assert (new + duplicate, duplicate, failed) == (N, articles, 0)

    clean = tmp_path / "clean.db"
    once = run_ingest(corpus, clean)
    once.communicate(timeout=300)
    assert counts(db) == counts(clean)
    assert counts(db)[:2] == (N, N)
