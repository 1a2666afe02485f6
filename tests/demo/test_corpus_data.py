"""Checks on the bundled demo corpus: well-formed lines, dates, coverage and wire copies."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "src" / "frontlines" / "demo" / "corpus"
REQUIRED = {"id": str, "title": str, "text": str, "published": str, "outlet": str}
FIRST, LAST = dt.date(2021, 5, 1), dt.date(2021, 9, 10)

#: Province -> spellings of its capital; every capital must be named in some report.
CAPITALS: dict[str, tuple[str, ...]] = {
    "Badakhshan": ("Faizabad", "Fayzabad"),
    "Badghis": ("Qala-i-Naw", "Qala-e-Naw", "Qala-i-Now"),
    "Baghlan": ("Pul-e Khumri", "Pul-i-Khumri", "Puli Khumri"),
    "Balkh": ("Mazar-e-Sharif", "Mazar-i-Sharif"),
    "Bamyan": ("Bamyan",),
    "Daykundi": ("Nili",),
    "Farah": ("Farah",),
    "Faryab": ("Maymana", "Maimana"),
    "Ghazni": ("Ghazni",),
    "Ghor": ("Firozkoh", "Chaghcharan"),
    "Helmand": ("Lashkar Gah", "Lashkargah"),
    "Herat": ("Herat",),
    "Jowzjan": ("Sheberghan", "Shibirghan"),
    "Kabul": ("Kabul",),
    "Kandahar": ("Kandahar",),
    "Kapisa": ("Mahmud-i-Raqi", "Mahmud Raqi"),
    "Khost": ("Khost",),
    "Kunar": ("Asadabad",),
    "Kunduz": ("Kunduz",),
    "Laghman": ("Mehtar Lam", "Mihtarlam"),
    "Logar": ("Pul-e Alam", "Pul-i-Alam"),
    "Nangarhar": ("Jalalabad",),
    "Nimruz": ("Zaranj",),
    "Nuristan": ("Parun",),
    "Paktia": ("Gardez",),
    "Paktika": ("Sharana",),
    "Panjshir": ("Bazarak",),
    "Parwan": ("Charikar",),
    "Samangan": ("Aybak", "Samangan city"),
    "Sar-e Pul": ("Sar-e Pul",),
    "Takhar": ("Taloqan", "Taluqan"),
    "Uruzgan": ("Tarin Kowt", "Tirin Kot"),
    "Wardak": ("Maidan Shar", "Maydan Shahr"),
    "Zabul": ("Qalat",),
}


def _load() -> list[dict[str, Any]]:
    if not CORPUS.is_dir():
        pytest.skip(f"demo corpus folder {CORPUS} is missing")
    rows: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:  # pragma: no cover - the message is the point
                pytest.fail(f"{path.name}:{n} is not valid JSON: {exc}")
            row["_where"] = f"{path.name}:{n}"
            rows.append(row)
    return rows


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    return _load()


def test_enough_reports(reports: list[dict[str, Any]]) -> None:
    assert len(reports) >= 60, f"only {len(reports)} demo reports; at least 60 are required"


def test_fields_and_types(reports: list[dict[str, Any]]) -> None:
    for row in reports:
        for name, kind in REQUIRED.items():
            assert isinstance(row.get(name), kind), f"{row['_where']}: {name} missing or not {kind}"
            assert row[name].strip(), f"{row['_where']}: {name} is empty"
        url = row.get("url", None)
        ok = url is None or url.startswith("https://example.org/")
        assert ok, f"{row['_where']}: url {url!r} is neither null nor an example.org address"


def test_ids_unique(reports: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in reports]
    dups = sorted({i for i in ids if ids.count(i) > 1})
    assert not dups, f"duplicate ids: {dups}"


def test_published_in_period_and_file(reports: list[dict[str, Any]]) -> None:
    for row in reports:
        day = dt.date.fromisoformat(row["published"])
        assert FIRST <= day <= LAST, f"{row['_where']}: published {day} outside {FIRST}..{LAST}"
        assert row["_where"].startswith(row["published"][:7]), f"{row['_where']}: wrong month file"


def test_length_and_lines(reports: list[dict[str, Any]]) -> None:
    for row in reports:
        words = len(row["text"].split())
        assert 80 <= words <= 250, f"{row['_where']}: {words} words (80-250 allowed)"
        longest = max(len(line) for line in row["text"].splitlines())
        assert longest <= 2000, f"{row['_where']}: a line of {longest} chars"


def test_every_capital_named(reports: list[dict[str, Any]]) -> None:
    texts = "\n".join(r["title"] + "\n" + r["text"] for r in reports)
    missing = [
        province
        for province, names in CAPITALS.items()
        if not any(re.search(rf"\b{re.escape(n)}\b", texts, re.IGNORECASE) for n in names)
    ]
    assert not missing, f"no report names the capital of: {missing}"


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def test_wire_copies_present(reports: list[dict[str, Any]]) -> None:
    pairs = []
    for a, b in itertools.combinations(reports, 2):
        if a["outlet"] == b["outlet"] or a["published"] != b["published"]:
            continue
        sa, sb = _shingles(a["text"]), _shingles(b["text"])
        # Containment, not Jaccard: a copy may be trimmed by a paragraph.
        if len(sa & sb) / min(len(sa), len(sb)) >= 0.8:
            pairs.append((a["id"], b["id"]))
    assert len(pairs) >= 3, f"only {len(pairs)} wire-copy pairs: {pairs}"


def test_no_accidental_copies(reports: list[dict[str, Any]]) -> None:
    """Distinct stories must not look like copies, or fusion would merge them."""
    for a, b in itertools.combinations(reports, 2):
        if a["published"] == b["published"] and a["outlet"] != b["outlet"]:
            continue
        sa, sb = _shingles(a["text"]), _shingles(b["text"])
        overlap = len(sa & sb) / min(len(sa), len(sb))
        assert overlap < 0.5, f"{a['id']} and {b['id']} share {overlap:.0%} of 5-word shingles"


#: Province -> the day its capital fell in the public record (Panjshir's did not fall by 15 Aug).
FELL: dict[str, dt.date] = {
    p: dt.date(2021, 8, d)
    for p, d in {
        "Nimruz": 6, "Jowzjan": 7, "Kunduz": 8, "Sar-e Pul": 8, "Takhar": 8, "Samangan": 9,
        "Baghlan": 10, "Farah": 10, "Badakhshan": 11, "Ghazni": 12, "Herat": 12, "Badghis": 12,
        "Kandahar": 13, "Helmand": 13, "Ghor": 13, "Logar": 13, "Uruzgan": 13, "Zabul": 13,
        "Balkh": 14, "Faryab": 14, "Kunar": 14, "Laghman": 14, "Paktika": 14, "Paktia": 14,
        "Daykundi": 14, "Nangarhar": 15, "Kabul": 15, "Parwan": 15, "Kapisa": 15, "Wardak": 15,
        "Khost": 15, "Bamyan": 15, "Nuristan": 15,
    }.items()
}  # fmt: skip


def test_every_fall_reported_on_time(reports: list[dict[str, Any]]) -> None:
    """Each capital's fall is told by a report published that day or the next."""
    late = []
    for province, day in FELL.items():
        names = CAPITALS[province]
        timely = [
            r
            for r in reports
            if 0 <= (dt.date.fromisoformat(r["published"]) - day).days <= 1
            and any(re.search(rf"\b{re.escape(n)}\b", r["text"]) for n in names)
            and re.search(rf"\b{re.escape(province)}\b", r["text"])
        ]
        if not timely:
            late.append(f"{province} ({names[0]}, fell {day})")
    assert len(FELL) == 33 and not late, f"no timely report of the fall of: {late}"


def test_panjshir_holds_out_after_kabul(reports: list[dict[str, Any]]) -> None:
    later = [r for r in reports if r["published"] >= "2021-08-16" and "Panjshir" in r["text"]]
    assert len(later) >= 5, f"only {len(later)} reports mention Panjshir after the fall of Kabul"
