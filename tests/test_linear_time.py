"""No input may make text handling superlinear (issue 12).

Three checks, each on inputs an attacker would write (long runs of digits,
punctuation, capitalised names, dates, casualty lists):

- the press-release header line that took 25 s before its patterns were fixed;
- every regular expression the package compiles (module constants and the
  lexicon's rules), timed on a string of size n and of size 4n: a catastrophic
  pattern shows as a blow-up far beyond the 16x a quadratic scan costs;
- the whole extractor on unpunctuated text of size n and 4n, which must grow by
  well under the 16x that a quadratic stage would cost.

Times are only ever compared with each other, never with a fixed budget; the
pattern check runs in a child process so that a hang fails instead of blocking.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator

import pytest

import frontlines
from frontlines.clean.debris import header_reason
from frontlines.extract.pipeline import extract_article
from frontlines.ingest import read_text

#: Repeated units of hostile text.  Whitespace is normalised before any pattern sees
#: article text, so runs of spaces are not among them.
UNITS = (
    "123456 ",
    "9",
    "1, ",
    "1,",
    ".",
    "-",
    "'",
    "(",
    "A",
    "a ",
    "Ab Cd ",
    "Al-",
    "ISAF ",
    "Mr. ",
    "By Ab ",
    "/A ",
    "and ",
    "the ",
    "Kabul ",
    "July 1, ",
    "Taliban fighters killed ",
)

#: Sentences repeated without a full stop: every stage sees one enormous sentence.
PROSE_UNITS = (
    "Kabul ",
    "Ab Cd ",
    "July 1, ",
    "June 21 ",
    "on Monday ",
    "Kunduz, Baghlan, ",
    "killing 3 civilians ",
    "killed 3, wounded 4 and ",
    "in Kabul on July 4 ",
    "KABUL, July 14 (Reuters) - ",
    "Taliban fighters killed 5 soldiers in Kunduz ",
    "the Taliban captured the district of Imam Sahib ",
    "Ghazni and Kandahar ",
    "Mr. ",
)


def _run_child(code: str, timeout: float) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"timed out after {timeout} s; last output: {exc.stdout!r} {exc.stderr!r}")


def test_numbers_in_a_header_line_are_read_in_linear_time() -> None:
    # 37 characters that took 25.7 s (and 42 nines more than 60 s) before the fix.
    result = _run_child(
        """
        from frontlines.clean.debris import header_reason
        for line in ("123456 123456 123456 123456 123456 x", "9" * 42 + "x",
                     "1, " * 60 + "x", "2013-01-S-025 " * 12 + "x"):
            print(header_reason(line))
        """,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None"] * 4


def test_header_lines_are_still_recognised() -> None:
    for line in (
        "2013-01-S-025",
        "ISAF Joint Command - Afghanistan",
        "For Immediate Release 1,234,567",
        "Release No. 2013-07 12",
        "123456",
    ):
        assert header_reason(line) == "press-release header", line
    assert header_reason("123456 soldiers were killed") is None


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled str pattern reachable from the package's modules and lexicon."""
    for info in pkgutil.walk_packages(frontlines.__path__, "frontlines."):
        if ".cli" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
    from frontlines.extract.classify import get_lexicon
    from frontlines.extract.pipeline import get_extractor

    roots: list[tuple[str, object]] = [
        ("lexicon", get_lexicon("en")),
        ("extractor", get_extractor()),
    ]
    roots += [(n, m) for n, m in sys.modules.items() if n.startswith("frontlines")]
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        where, obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, re.Pattern):
            if isinstance(obj.pattern, str):
                yield where, obj
            continue
        children: list[tuple[str, object]] = []
        if isinstance(obj, dict):
            children = [(f"{where}[{k!r}]", v) for k, v in obj.items()]
        elif isinstance(obj, list | tuple | set | frozenset):
            children = [(where, v) for v in obj]
        elif type(obj).__module__.startswith("frontlines") or isinstance(obj, type(sys)):
            if isinstance(obj, type(sys)) and not obj.__name__.startswith("frontlines"):
                continue
            attrs = dict(getattr(obj, "__dict__", {}))
            for cls in type(obj).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    if hasattr(obj, slot):
                        attrs[slot] = getattr(obj, slot)
            children = [(f"{where}.{k}", v) for k, v in attrs.items() if not k.startswith("__")]
        stack.extend(children)


def test_every_pattern_is_found() -> None:
    found = {p.pattern for _, p in _patterns()}
    assert any("HEADER" not in p and r"\d{1,6}(?!\d)" in p for p in found)  # debris header
    assert len(found) > 200  # module constants and lexicon rules


def test_no_pattern_blows_up_on_hostile_text() -> None:
    """Each pattern scans strings of size n and 4n; a catastrophic one hangs or shows a
    ratio far past the 16x of a quadratic scan (a finditer over a run of one repeated
    unit is quadratic for patterns that start anywhere and fail at the end)."""
    result = _run_child(
        f"""
        import sys, time
        sys.path.insert(0, {str(__file__.rsplit("/", 1)[0])!r})
        from test_linear_time import UNITS, _patterns
        bad = []
        for where, pattern in _patterns():
            for unit in UNITS:
                ratios = []
                # A ratio past 40 is measured again at sizes 4x larger: one slow run
                # (a collection, a context switch) must not fail the test.
                for n in (64, 256):
                    times = []
                    for size in (n, 4 * n):
                        text = (unit * (size // len(unit) + 1))[:size] + "x!"
                        print(where, repr(unit), size, file=sys.stderr, flush=True)
                        best = 1e9
                        for _ in range(5):
                            t = time.perf_counter()
                            for _m in pattern.finditer(text):
                                pass
                            best = min(best, time.perf_counter() - t)
                        times.append(best)
                    ratios.append(times[1] / max(times[0], 1e-7))
                    # Under 0.2 ms at 4n a ratio is only noise.
                    if times[1] < 2e-4 or ratios[-1] <= 40:
                        break
                else:
                    bad.append(f"{{where}} {{unit!r}} x{{ratios[-1]:.0f}} "
                               f"{{pattern.pattern[:120]!r}}")
        print("\\n".join(bad))
        """,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", "superlinear patterns:\n" + result.stdout


def _extract_seconds(text: str) -> float:
    article = read_text(text, article_id="hostile", published=dt.date(2021, 6, 21))
    best = 1e9
    for _ in range(3):
        t = time.perf_counter()
        extract_article(article)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.parametrize("unit", PROSE_UNITS)
def test_extraction_grows_linearly_on_unpunctuated_text(unit: str) -> None:
    _extract_seconds("Taliban fighters captured Imam Sahib district on Monday.")  # warm up
    seen = []
    # Linear is 4x, quadratic 16x; the margin absorbs timer noise and cache effects.  A
    # ratio past it is measured again at larger sizes: a busy machine can slow one run,
    # not two at different sizes, while a quadratic stage shows 16x at both.
    for n in (6_000, 12_000):
        small, large = (_extract_seconds((unit * (m // len(unit) + 1))[:m]) for m in (n, 4 * n))
        seen.append(f"{small:.3f} s at {n} chars, {large:.3f} s at {4 * n}")
        if large / small < 9:
            return
    pytest.fail(f"{unit!r} grows faster than linearly: " + "; ".join(seen))
