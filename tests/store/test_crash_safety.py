"""Crash safety, proven (issue 12): a real ingest killed with SIGKILL at several points
and re-run gives the store a clean single run gives (same articles, events, event
membership and control states, and ``PRAGMA integrity_check`` ok); two concurrent
ingests of overlapping halves give it too, with no "database is locked".

Real processes, a real SQLite file, the generated corpus of ``benchmarks/ingest_scale``
with its stand-in extractor (so that a run takes seconds).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from frontlines import settings

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from ingest_scale import write_corpus  # noqa: E402

N = 1500
SCRIPT = """
import sys
sys.path.insert(0, {bench!r})
from pathlib import Path
from ingest_scale import articles_from_jsonl, synthetic_extract
from frontlines.store import ingest_articles, open_db
items = list(articles_from_jsonl(Path({corpus!r})))[{lo}:{hi}]
summary = ingest_articles(items, db=open_db({db!r}), workers={workers},
                          extractor=synthetic_extract)
print(summary.new, summary.duplicate, summary.failed)
for f in summary.failures:
    print(f.source, f.reason, file=sys.stderr)
"""


def run_ingest(
    corpus: Path, db: Path, lo: int = 0, hi: int = N, workers: int = 2
) -> subprocess.Popen[str]:
    code = SCRIPT.format(
        bench=str(REPO / "benchmarks"),
        corpus=str(corpus),
        db=str(db),
        lo=lo,
        hi=hi,
        workers=workers,
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def state(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db, timeout=60)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "articles": sorted(r[0] for r in conn.execute("SELECT article_id FROM articles")),
            "events": sorted(
                conn.execute(
                    "SELECT event_id, claim_status, corroboration, event_date, sub_event_type, "
                    "actor1, actor2, admin1, admin2, fatalities, sources, n_reports FROM events"
                )
            ),
            "membership": sorted(conn.execute("SELECT report_id, event_id, role FROM reports")),
            "control": sorted(
                conn.execute(
                    "SELECT counting, admin1, admin2, seq, valid_from, valid_to, controller, "
                    "status, claim_status, since, event_ids FROM control_states"
                )
            ),
        }
    finally:
        conn.close()


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=30)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # schema still being created


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "corpus.jsonl"
    write_corpus(path, N)
    return path


@pytest.fixture(scope="module")
def clean(corpus: Path) -> dict[str, Any]:
    db = corpus.parent / "clean.db"
    proc = run_ingest(corpus, db)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return state(db)


@pytest.mark.slow
@pytest.mark.parametrize("batches", [0, 2, 7])
def test_a_killed_ingest_rerun_equals_a_clean_run(
    corpus: Path, clean: dict[str, Any], tmp_path: Path, batches: int
) -> None:
    """Killed before its first commit, after two batches, and after seven."""
    db = tmp_path / "killed.db"
    proc = run_ingest(corpus, db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and stored(db) >= batches * settings.INGEST_BATCH_SIZE:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed: raise N"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    if db.exists():
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    rerun = run_ingest(corpus, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert state(db) == clean


@pytest.mark.slow
def test_two_concurrent_ingests_of_overlapping_halves_equal_a_clean_run(
    corpus: Path, clean: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "concurrent.db"
    first = run_ingest(corpus, db, 0, 2 * N // 3, workers=1)
    second = run_ingest(corpus, db, N // 3, N, workers=1)
    results = [p.communicate(timeout=600) for p in (first, second)]
    for proc, (out, err) in zip((first, second), results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.split()[2] == "0", err  # nothing failed
    assert state(db) == clean


def test_processes_creating_one_new_database_at_once_all_open_it(tmp_path: Path) -> None:
    """Each process migrates only what no other has: none fails with "already exists"."""
    code = (
        "import sys, time\n"
        "from frontlines.store import open_db\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "open_db(sys.argv[1]).conn.close()\n"
    )
    for round_ in range(3):
        db = tmp_path / f"new-{round_}.db"
        start = time.time() + 1.5  # all of them imported, then opening together
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(db), str(start)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
        assert state(db)["articles"] == []
