"""No silent loss (issue 12): stdin obeys the file limits with a clear refusal, a feed
cut short by a bomb or a fatal error says so, every fallback and ignored field is
printed, a stray byte does not garble valid UTF-8, UTF-16 JSON Lines are read, a feed
without an extension is sniffed, and an impossible timestamp is not a date."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from frontlines import settings
from frontlines.errors import InputTooLarge, MalformedInput
from frontlines.ingest import read_bytes, read_inputs
from frontlines.ingest.published import parse_date_value
from frontlines.records import Article

FRONTLINES = str(Path(sys.executable).parent / "frontlines")
TEXT = "Taliban fighters captured Imam Sahib district in Kunduz province on Monday."
BOMB_FEED = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<rss><channel><title>T</title>
<item><guid>one</guid><description>Taliban fighters took Imam Sahib district on Monday.
</description></item>
<item><guid>bomb</guid><description>&h;</description></item>
<item><guid>three</guid><description>Afghan forces retook Imam Sahib district on Tuesday.
</description></item></channel></rss>"""


def _run(
    args: list[str], stdin: bytes = b"", tmp: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = None
    if tmp is not None:
        import os

        env = {**os.environ, "FRONTLINES_DB": str(tmp / "cli.db")}
    return subprocess.run(
        [FRONTLINES, *args], input=stdin, capture_output=True, timeout=300, env=env
    )


def _jsonl(n: int, pad: int = 0) -> bytes:
    return b"".join(
        json.dumps({"id": f"r{i}", "text": f"{TEXT} Report {i}. " + "x" * pad}).encode() + b"\n"
        for i in range(n)
    )


def test_jsonl_on_stdin_past_five_megabytes_is_read_whole(tmp_path: Path) -> None:
    # Over MAX_INPUT_BYTES in all, each line far under it: every record must come out.
    data = _jsonl(650, pad=8200)
    assert len(data) > settings.MAX_INPUT_BYTES
    result = _run(["extract", "-", "--published", "2021-06-21"], data)
    assert b"is not JSON" not in result.stderr, result.stderr[-500:]
    ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert {"r0", "r649"} <= ids


def test_text_on_stdin_over_the_limit_is_refused_clearly() -> None:
    data = (TEXT + " ").encode() * (settings.MAX_INPUT_BYTES // len(TEXT) + 10)
    result = _run(["extract", "-"], data)
    assert result.returncode == 2
    assert b"standard input is over 5242880 bytes" in result.stderr
    assert b"not JSON" not in result.stderr


def test_a_feed_cut_short_by_an_entity_bomb_is_reported_and_fails_the_run(
    tmp_path: Path,
) -> None:
    items = list(read_inputs([str(_write(tmp_path / "bomb.xml", BOMB_FEED))]))
    errors = [i for i in items if isinstance(i, MalformedInput)]
    assert errors and "broken at line" in str(errors[0]) and "lost" in str(errors[0])
    assert all("aaaaaaaaaa" not in getattr(i, "text", "") for i in items)
    result = _run(["ingest", str(tmp_path / "bomb.xml")], tmp=tmp_path)
    assert result.returncode == 2
    assert b"broken at line" in result.stderr


def test_a_feed_with_a_fatal_parse_error_is_reported(tmp_path: Path) -> None:
    broken = BOMB_FEED.split(b"<item><guid>bomb")[0] + b"<item><guid>x</guid><</rss>"
    items = list(read_inputs([str(_write(tmp_path / "broken.rss", broken))]))
    assert any(isinstance(i, MalformedInput) and "broken at line" in str(i) for i in items)
    assert any(isinstance(i, Article) for i in items)  # what came before is kept


def test_fallbacks_and_ignored_fields_are_printed(tmp_path: Path) -> None:
    record = {"id": "w1", "text": TEXT, "published": "2021-06-21T25:99:00+99:00", "tags": ["x"]}
    path = _write(tmp_path / "w.jsonl", json.dumps(record).encode() + b"\n")
    cp = _write(tmp_path / "cp.txt", ("Caf\u00e9 " + TEXT).encode("cp1252"))
    result = _run(["ingest", str(path), str(cp)], tmp=tmp_path)
    err = result.stderr.decode()
    assert "warning: w1: ignored field(s) 'tags'" in err
    assert "warning: w1: ignored 'published' (line 1) '2021-06-21T25:99:00+99:00'" in err
    assert "decoded as Windows-1252" in err
    result = _run(["extract", str(path)], tmp=tmp_path)
    assert "ignored field(s) 'tags'" in result.stderr.decode()


def test_a_stray_byte_does_not_garble_valid_utf8() -> None:
    text = "Kabul (\u06a9\u0627\u0628\u0644) \u2014 " + TEXT + " Caf\u00e9."
    data = text.encode() + b" \xff " + "\u00e9t\u00e9".encode()
    (article,) = read_bytes(data, source="stray.txt")
    assert "\u06a9\u0627\u0628\u0644" in article.text and "Caf\u00e9" in article.text
    assert "\ufffd" in article.text
    assert any("replaced by U+FFFD" in w for w in article.warnings)
    # Real Windows-1252 text is still read as such.
    (old,) = read_bytes(("Caf\u00e9 " + TEXT).encode("cp1252"), source="cp.txt")
    assert old.text.startswith("Caf\u00e9")


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_jsonl_with_a_bom_is_read(tmp_path: Path, bom: bytes) -> None:
    encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    data = bom + _jsonl(3).decode().encode(encoding)
    path = _write(tmp_path / "wide.jsonl", data)
    ids = [i.article_id for i in read_inputs([str(path)]) if isinstance(i, Article)]
    assert ids == ["r0", "r1", "r2"]
    assert [a.article_id for a in read_bytes(data, source="-", fmt="jsonl")] == ids


def test_a_feed_without_an_extension_is_sniffed(tmp_path: Path) -> None:
    feed = (
        b'<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="s.xsl"?>\n<!-- '
        + b"a long comment " * 100
        + b' -->\n<rss version="2.0"><channel><title>Wire</title><item><guid>g1</guid>'
        + b"<description>"
        + TEXT.encode()
        + b"</description></item></channel></rss>"
    )
    path = _write(tmp_path / "feed", feed)
    (article,) = [i for i in read_inputs([str(path)]) if isinstance(i, Article)]
    assert article.input_format == "feed" and article.article_id == "g1"
    assert article.outlet == "Wire"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2021-06-21T25:99:00+99:00", False),
        ("2021-06-21T23:60:00Z", False),
        ("2021-06-21T08:15:00+15:00", False),
        ("2021-06-21T08:15:00+04:30", True),
        ("2021-06-21T08:15:00.123Z", True),
        ("2021-06-21 08:15", True),
        ("2021-06-21", True),
    ],
)
def test_impossible_timestamps_are_not_dates(value: str, ok: bool) -> None:
    assert (parse_date_value(value) is not None) is ok


def test_a_stdin_jsonl_line_over_the_limit_is_refused_and_the_rest_read() -> None:
    huge = json.dumps({"id": "big", "text": "y" * (settings.MAX_INPUT_BYTES + 10)}).encode()
    items = list(_stdin_items(_jsonl(1) + huge + b"\n" + _jsonl(2)[len(_jsonl(1)) :]))
    assert [i.article_id for i in items if isinstance(i, Article)] == ["r0", "r1"]
    assert any(isinstance(i, InputTooLarge) for i in items)


def _stdin_items(data: bytes) -> list[object]:
    code = (
        "import sys, pickle\n"
        "from frontlines.ingest import read_inputs\n"
        "items = list(read_inputs(['-']))\n"
        "sys.stdout.buffer.write(pickle.dumps(items))\n"
    )
    import pickle

    result = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-1000:]
    return list(pickle.loads(result.stdout))  # noqa: S301 - our own child's output


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
