"""A directory of hostile entries: each bad one gets its own reason and the batch goes on,
and nothing (a named pipe with no writer) can stall it."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from frontlines.errors import InputError, InputNotFound
from frontlines.ingest import estimate_inputs, read_inputs
from frontlines.records import Article

GOOD = (
    "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
    "after days of fighting, a provincial official said.\n"
)
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def finishes(call: Callable[[], Any], seconds: float = 20) -> Any:
    """call() in a thread: fail (rather than hang the suite) if it blocks."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{call} blocked for {seconds} s"
    return out[0]


def reasons(items: list[Article | InputError]) -> dict[str, str]:
    return {Path(i.source).name: i.reason for i in items if isinstance(i, InputError)}


def read_all(path: Path) -> list[Article | InputError]:
    return list(read_inputs([str(path)]))


@needs_fifo
def test_a_named_pipe_in_a_directory_is_refused_not_opened(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "z.txt").write_text(GOOD.replace("Sunday", "Monday"))
    items = finishes(lambda: read_all(tmp_path))
    assert [i.article_id for i in items if isinstance(i, Article)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "z.txt"),
    ]
    why = reasons(items)
    assert "named pipe" in why["pipe.txt"] and "named pipe" in why["pipe.jsonl"]
    assert all(isinstance(i, InputNotFound) for i in items if isinstance(i, InputError))


@needs_fifo
def test_estimating_a_directory_with_a_named_pipe_does_not_block(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n')
    os.mkfifo(tmp_path / "pipe.jsonl")
    assert finishes(lambda: estimate_inputs([str(tmp_path)])) == 3


def test_a_symlink_loop_and_a_dangling_link_get_reasons(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "dangling.txt").symlink_to("missing.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")  # a directory loop: not followed
    (tmp_path / "sub" / "b.txt").write_text(GOOD.replace("Sunday", "Monday"))
    items = finishes(lambda: read_all(tmp_path))
    assert len([i for i in items if isinstance(i, Article)]) == 2
    why = reasons(items)
    assert set(why) == {"loop", "dangling.txt"}
    assert "symbolic links" in why["loop"] and "No such file" in why["dangling.txt"]


def test_a_file_that_vanishes_mid_batch_is_reported_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD.replace("Sunday", name))
    items: list[Article | InputError] = []
    for item in read_inputs([str(tmp_path)]):
        items.append(item)
        if len(items) == 1:
            (tmp_path / "b.txt").unlink()
    assert [Path(i.article_id).name for i in items if isinstance(i, Article)] == [
        "a.txt",
        "c.txt",
    ]
    assert "No such file" in reasons(items)["b.txt"]


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a mode-000 file is still readable")
        (tmp_path / "a.txt").write_text(GOOD)
        items = read_all(tmp_path)
        assert len([i for i in items if isinstance(i, Article)]) == 1
        assert "Permission denied" in reasons(items)["locked.txt"]
    finally:
        locked.chmod(0o600)


def test_an_unlistable_subdirectory_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "b.txt").write_text(GOOD)
    real = os.scandir
    locked = str(tmp_path / "secret")

    def scandir(path: Any = ".") -> Any:  # chmod 000 does not stop root: fake it
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = read_all(tmp_path)
    assert len([i for i in items if isinstance(i, Article)]) == 1
    why = reasons(items)
    assert "Permission denied" in why["secret"] and "listed" in why["secret"]
