"""The terminal table: a header row, columns that shrink to fit, ``--wide`` that never cuts."""

from __future__ import annotations

import pytest

from frontlines.cli._table import Column, fit_widths, render

COLUMNS = [Column("ID"), Column("NAME", shrink=True), Column("N", right=True)]
ROWS = [["a1", "Military Forces of Afghanistan (2004-2021)", 3], ["b2", None, 12]]


def test_header_first_and_missing_cells_print_as_a_dash() -> None:
    lines = render(COLUMNS, ROWS, wide=True)
    assert lines[0].split() == ["ID", "NAME", "N"]
    assert lines[2].split() == ["b2", "-", "12"]
    # Numbers are right-aligned under their header.
    assert lines[1].endswith(" 3") and lines[2].endswith("12")


def test_a_narrow_terminal_cuts_only_shrinkable_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    lines = render(COLUMNS, ROWS)
    assert all(len(line) <= 30 for line in lines)
    assert "…" in lines[1] and lines[1].startswith("a1  Military")


def test_wide_and_pipes_are_never_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    assert "Military Forces of Afghanistan (2004-2021)" in render(COLUMNS, ROWS, wide=True)[1]
    monkeypatch.delenv("COLUMNS")  # not a terminal under pytest
    assert "Military Forces of Afghanistan (2004-2021)" in render(COLUMNS, ROWS)[1]


def test_fit_stops_at_the_minimum_width() -> None:
    widths = fit_widths([2, 42, 2], COLUMNS, 5)
    assert widths == [2, 6, 2]  # cannot fit 5: the name keeps 6 characters
