"""How many articles a batch holds, for the ingest progress bar."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from frontlines.cli.ingest import _progress_line
from frontlines.ingest import estimate_inputs


def test_one_per_file_and_one_per_jsonl_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one article", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text("<p>another</p>", encoding="utf-8")
    (sub / "c.jsonl").write_text('{"id": 1}\n{"id": 2}\n{"id": 3}', encoding="utf-8")
    (sub / ".hidden.txt").write_text("skipped like the reader skips it", encoding="utf-8")
    assert estimate_inputs([str(tmp_path)]) == 5
    assert estimate_inputs([str(sub / "c.jsonl"), str(tmp_path / "a.txt")]) == 4


def test_stdin_has_no_known_total() -> None:
    assert estimate_inputs(["-"]) is None


def test_the_progress_line_shows_a_bar_only_with_a_total() -> None:
    summary = SimpleNamespace(read=30, new=25, duplicate=4, failed=1)
    with_total = _progress_line(summary, 60, 2.0)
    assert "[" + "#" * 15 + "." * 15 + "]" in with_total and "30/60" in with_total
    assert "50%" in with_total and "1 failed" in with_total and "15/s" in with_total
    assert "[" not in _progress_line(summary, None, 2.0)
