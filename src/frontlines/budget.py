"""A time budget per article: one slow input is abandoned, never the batch.

Every stage is meant to be linear, but text from the open web is hostile and a
stage may still meet an input it handles badly.  ``time_budget`` arms a timer
(SIGALRM, which also interrupts a running regular expression) around one
article's stage; when it fires, the article is abandoned with
``TimeBudgetExceeded`` naming the article, the stage and the function that was
running, and the caller counts it as failed and goes on.

Signals reach only the main thread of a process: elsewhere (a server's worker
thread) the budget is not armed here, and the caller runs the work in a process
of its own instead (see ``api``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from frontlines import settings
from frontlines.errors import TimeBudgetExceeded

__all__ = ["armed", "time_budget"]


class _Expired(BaseException):
    """Raised by the timer; a BaseException so that no ``except Exception`` swallows it."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _where(frame: FrameType | None) -> str:
    """The innermost frontlines function on the interrupted stack ("resolve.dates._candidates")."""
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if module.startswith("frontlines.") and module != __name__:
            return f"{module.removeprefix('frontlines.')}.{frame.f_code.co_name}"
        frame = frame.f_back
    return "unknown"


def armed() -> bool:
    """Whether a budget can be enforced here (the main thread of a POSIX process)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(article_id: str, stage: str, seconds: float | None = None) -> Iterator[None]:
    """Run the body for at most ``seconds`` (default the setting), else TimeBudgetExceeded."""
    limit = settings.ARTICLE_TIME_BUDGET_SECONDS if seconds is None else seconds
    if limit <= 0 or not armed() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        # No limit, no signals here, or an outer budget already runs (it still applies).
        yield
        return
    active = [True]

    def expire(signum: int, frame: FrameType | None) -> None:
        if active[0]:
            raise _Expired(_where(frame))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    except _Expired as exc:
        raise TimeBudgetExceeded(
            article_id,
            f"abandoned after {limit:g} s in {stage} (at {exc.where}); the limit is "
            "settings.ARTICLE_TIME_BUDGET_SECONDS ($FRONTLINES_ARTICLE_SECONDS): raise it, "
            "or split the article",
        ) from None
    finally:
        active[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
