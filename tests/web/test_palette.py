"""The district palette read by someone with deuteranopia.

The state colours are read from style.css, simulated for deuteranopia and
protanopia (Viénot, Brettel & Mollon 1999, in linear RGB) and compared in CIELAB.  Two states whose
simulated colours are closer than a clear difference must not both rely on colour
alone: at least one of them has to be drawn with a pattern.  The selection must not
look like any state: it changes no fill.
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "src" / "frontlines" / "web" / "static"
CSS = (STATIC / "style.css").read_text(encoding="utf-8")
STATES = ("government", "taliban", "resistance", "contested", "unverified", "unknown")
#: CIE76 ΔE below which two fills are easily confused at map scale.
CLEAR = 20.0

# Viénot et al. (1999) dichromat projections in linear RGB.
DEUTAN = (
    (0.29275, 0.70725, 0.0),
    (0.29275, 0.70725, 0.0),
    (-0.02234, 0.02234, 1.0),
)
PROTAN = (
    (0.11238, 0.88762, 0.0),
    (0.11238, 0.88762, 0.0),
    (0.00401, -0.00401, 1.0),
)
Matrix = tuple[tuple[float, float, float], ...]


def _hex(value: str) -> tuple[float, float, float]:
    v = value.lstrip("#")
    return (int(v[0:2], 16) / 255, int(v[2:4], 16) / 255, int(v[4:6], 16) / 255)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb_linear: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb_linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def deutan_lab(hex_colour: str, matrix: Matrix = DEUTAN) -> tuple[float, float, float]:
    """CIELAB of ``hex_colour`` as a dichromat sees it (a deuteranope by default)."""
    lin = tuple(_linear(c) for c in _hex(hex_colour))
    sim = tuple(
        min(max(sum(m * c for m, c in zip(row, lin, strict=True)), 0.0), 1.0) for row in matrix
    )
    return _lab(sim)  # type: ignore[arg-type]


def delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


def colour_of(state: str) -> str:
    found = re.search(rf"--{state}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert found, f"--{state} is not a #rrggbb colour in style.css"
    return found.group(1)


def patterned(state: str) -> bool:
    rule = re.search(rf"\.district\.{state}\s*\{{([^}}]*)\}}", CSS)
    assert rule, f"no .district.{state} rule"
    return "url(#" in rule.group(1)


@pytest.mark.parametrize("matrix", [DEUTAN, PROTAN], ids=["deuteranopia", "protanopia"])
def test_every_pair_of_states_is_told_apart_by_dichromats(matrix: Matrix) -> None:
    for a, b in combinations(STATES, 2):
        distance = delta_e(deutan_lab(colour_of(a), matrix), deutan_lab(colour_of(b), matrix))
        assert distance >= CLEAR or patterned(a) or patterned(b), (a, b, round(distance, 1))


def test_the_two_main_sides_differ_by_colour_alone() -> None:
    # Government and Taliban are most of the map: they must not need a pattern.
    for matrix in (DEUTAN, PROTAN):
        gov = deutan_lab(colour_of("government"), matrix)
        tal = deutan_lab(colour_of("taliban"), matrix)
        assert delta_e(gov, tal) >= 2 * CLEAR


def test_the_simulation_catches_a_red_green_pair() -> None:
    # A check that cannot fail is no check: pure red and green collapse for a deuteranope.
    normal = delta_e(
        _lab(tuple(map(_linear, _hex("#d62728")))), _lab(tuple(map(_linear, _hex("#2ca02c"))))
    )  # type: ignore[arg-type]
    assert normal > 50
    assert delta_e(deutan_lab("#d62728"), deutan_lab("#2ca02c")) < normal / 2


def test_selection_changes_no_fill_and_uses_no_state_colour() -> None:
    rules = re.findall(
        r"(\.(?:district\.selected|sel-line|sel-casing|district\.flash)[^{]*)\{([^}]*)\}", CSS
    )
    assert rules
    for _, body in rules:
        assert "fill:" not in body.replace("fill: none", "")
        for state in STATES:
            assert f"var(--{state})" not in body
