"""ACLED-compatible CSV: ACLED's column order, inter codes and interaction."""

from __future__ import annotations

import csv
import io

from frontlines.export import acled_row, write_csv
from frontlines.taxonomy import ACLED_COLUMNS


def test_acled_columns_come_first_and_inter_codes_are_filled() -> None:
    row = {
        "event_id": "FL-1",
        "event_date": "2021-06-21",
        "sub_event_type": "Non-state actor overtakes territory",
        "actor1": "Taliban",
        "actor2": "Police Forces of Afghanistan (2004-2021)",
        "sources": [{"name": "Inamuddin Rahmani", "role": "provincial police spokesman"}],
        "fatalities": None,
        "claim_status": "confirmed",
    }
    out = io.StringIO()
    assert write_csv([row], out) == 1
    header, values = list(csv.reader(io.StringIO(out.getvalue())))
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    got = dict(zip(header, values, strict=True))
    assert (got["inter1"], got["inter2"], got["interaction"]) == ("2", "1", "12")
    assert got["event_type"] == "Battles" and got["year"] == "2021"
    assert got["source"] == "Inamuddin Rahmani (provincial police spokesman)"
    assert got["fatalities"] == "0" and got["claim_status"] == "confirmed"


def test_an_unknown_actor_has_no_inter_code() -> None:
    got = acled_row({"actor1": "Someone Nobody Knows", "sub_event_type": "Attack"})
    assert got["inter1"] == "" and got["interaction"] == ""
