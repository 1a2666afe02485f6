"""Run a costly regex only in windows of text around cheap anchor matches.

Most sentences hold no date and no count, so the parsers (``resolve.dates``,
``extract.numbers``) first find an anchor word and try their full pattern only
from ``before`` characters ahead of each anchor to ``after`` characters past it;
overlapping windows are merged so that no match is found twice.
"""

from __future__ import annotations

import re


def windowed_matches(
    rx: re.Pattern[str], anchor: re.Pattern[str], text: str, before: int, after: int
) -> list[re.Match[str]]:
    """Matches of ``rx`` in ``text``, tried only in the windows around ``anchor``'s matches."""
    windows: list[list[int]] = []
    for a in anchor.finditer(text):
        start, end = max(0, a.start() - before), min(len(text), a.end() + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    out: list[re.Match[str]] = []
    for start, end in windows:
        out.extend(rx.finditer(text, start, end))
    return out
