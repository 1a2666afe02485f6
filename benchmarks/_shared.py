"""Where the benchmarks find ../shared, and a clear skip when it is absent."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRONTLINES_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path | None:
    """The path under ../shared, or None (with a message on stderr) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"skipped: {path} is absent (../shared is not beside the checkout)", file=sys.stderr)
        return None
    return path
