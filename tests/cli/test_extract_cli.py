"""``frontlines extract`` as a user runs it: a real process, real files, stdout and exit code."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from frontlines.taxonomy import ACLED_COLUMNS

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "frontlines" / "demo" / "sample-article.txt"
EXE = [str(Path(sys.executable).parent / "frontlines")]
CONTRACT = {
    "event_id", "article_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "detained", "sources", "claim_status", "evidence",
}  # fmt: skip

GOOD = (
    "KABUL, Afghanistan — Taliban fighters captured Shortepa district of Balkh province on "
    "Sunday, a provincial spokesman said.\n"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EXE, "extract", *args],
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def events(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_the_sample_article_meets_the_output_contract() -> None:
    done = run(str(SAMPLE), "--published", "2021-07-01")
    assert done.returncode == 0, done.stderr
    rows = events(done.stdout)
    assert rows and all(set(r) >= CONTRACT for r in rows)
    assert rows[0]["article_id"] == str(SAMPLE)
    assert rows[0]["sub_event_type"] == "Non-state actor overtakes territory"
    assert all(
        isinstance(s, dict) and set(s) >= {"name", "role"} for r in rows for s in r["sources"]
    )  # type: ignore[union-attr]


def test_a_hostile_batch_yields_the_good_events_and_one_reason_per_failure(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1_text = GOOD.replace("\u2014", "-").replace("Sunday", "Sunday, caf\u00e9 owners said")
    latin1.write_bytes(latin1_text.encode("latin-1"))
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><p>" + GOOD + "<div><span>unclosed", encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "ok-1", "text": GOOD, "published": "2021-06-21"})
        + "\n{not json at all\n",
        encoding="utf-8",
    )
    paths = [good, latin1, binary, empty, huge, broken, jsonl]
    done = run(*map(str, paths), "--published", "2021-06-21")
    assert done.returncode == 2
    rows = events(done.stdout)
    from_inputs = {r["article_id"] for r in rows}
    assert {str(good), str(latin1), str(broken), "ok-1"} <= from_inputs
    lines = [line for line in done.stderr.splitlines() if line.startswith("frontlines: skipped")]
    assert len(lines) == 4, done.stderr  # binary, empty, huge, the bad JSONL line
    assert any("image.png" in line for line in lines)
    assert any("empty.txt" in line for line in lines)
    assert any("huge.txt" in line for line in lines)
    assert any("batch.jsonl" in line and "line 2" in line for line in lines)


def test_stdin_and_csv_in_acled_column_order() -> None:
    done = run("-", "--published", "2021-06-21", "--format", "csv", stdin=GOOD.encode())
    assert done.returncode == 0, done.stderr
    reader = csv.reader(io.StringIO(done.stdout))
    header = next(reader)
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    rows = list(reader)
    assert rows and rows[0][header.index("admin2")] == "Shortepa"


def test_an_impossible_published_date_is_refused_clearly() -> None:
    done = run(str(SAMPLE), "--published", "2021-02-30")
    assert done.returncode == 2
    assert "2021-02-30" in done.stderr and "YYYY-MM-DD" in done.stderr


@pytest.mark.parametrize("missing", ["does-not-exist.txt"])
def test_a_missing_path_is_a_failure_with_its_reason(missing: str) -> None:
    done = run(missing, str(SAMPLE))
    assert done.returncode == 2
    assert missing in done.stderr
    assert events(done.stdout)  # the sample still gives its events
