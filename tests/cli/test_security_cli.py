"""``frontlines extract`` and ``ingest`` on a directory of hostile entries: a real process;
each bad entry gets its own line on stderr and the batch goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "frontlines")
GOOD = (
    "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
    "after days of fighting, a provincial official said.\n"
)
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def hostile_directory(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD)
    (d / "loop").symlink_to("loop")
    os.mkfifo(d / "pipe.txt")
    os.mkfifo(d / "pipe.jsonl")
    (d / "z.txt").write_text(
        GOOD.replace("Kunduz city", "Taloqan city").replace("Kunduz", "Takhar")
    )
    return d


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)


@needs_fifo
def test_extract_cli_goes_on_past_every_bad_entry(tmp_path: Path) -> None:
    r = run("extract", "--published", "2021-08-08", str(hostile_directory(tmp_path)))
    assert r.returncode == 2, r.stderr
    assert len(r.stdout.splitlines()) >= 2
    assert "loop: cannot be opened" in r.stderr
    assert "pipe.txt: a named pipe" in r.stderr
    assert "3 input(s) failed" in r.stderr


@needs_fifo
def test_ingest_cli_stores_the_good_files_and_names_each_bad_entry(tmp_path: Path) -> None:
    d = hostile_directory(tmp_path)
    db = tmp_path / "f.db"
    r = run("ingest", "--db", str(db), "--published", "2021-08-08", "--workers", "1", str(d))
    assert r.returncode == 2, r.stderr
    out = r.stdout + r.stderr
    assert "new 2" in out and "failed 3" in out
    for name in ("loop: cannot be opened", "pipe.txt: a named pipe", "pipe.jsonl: a named pipe"):
        assert name in out
