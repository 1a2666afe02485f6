"""Hostile input: each bad input is refused with its own error and reason; a batch goes on."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from frontlines import settings
from frontlines.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
)
from frontlines.ingest import read_bytes, read_inputs, read_text
from frontlines.records import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"


def only(path: Path | str) -> Article | InputError:
    items = list(read_inputs([str(path)]))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("pixel.png", "PNG"), ("archive.zip", "zip"), ("nul-bytes.txt", "NUL")],
)
def test_binary_files_are_refused_with_what_they_are(name: str, kind: str) -> None:
    item = only(FIXTURES / name)
    assert isinstance(item, BinaryInput)
    assert kind in str(item)
    assert str(item).startswith(str(FIXTURES / name))


def test_control_characters_without_nul_are_binary() -> None:
    data = bytes(range(1, 9)) * 50 + b"some words"
    with pytest.raises(BinaryInput, match="control characters"):
        read_bytes(data, source="junk.txt")


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.txt"])
def test_empty_and_whitespace_files_are_empty_input(name: str) -> None:
    item = only(FIXTURES / name)
    assert isinstance(item, EmptyInput)
    assert "empty" in item.reason


def test_text_that_is_only_debris_is_empty_input() -> None:
    with pytest.raises(EmptyInput, match="debris"):
        read_text(
            "Download the Example News app for the latest news\n\nShare Tweet Email", article_id="x"
        )


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.write(b"Taliban fighters entered the town. " * 1000)
        f.truncate(50 * 1024 * 1024)
    item = only(big)
    assert isinstance(item, InputTooLarge)
    assert str(settings.MAX_INPUT_BYTES) in str(item)
    # The refusal names the file's full size: it was judged by its size, not read.
    assert str(50 * 1024 * 1024) in str(item)


def test_stdin_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    class CountingStream(io.RawIOBase):
        """An endless stream of text that counts what was read from it."""

        def __init__(self) -> None:
            self.served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            n = len(b)
            b[:n] = (b"word " * (n // 5 + 1))[:n]
            self.served += n
            return n

    raw = CountingStream()

    class FakeStdin:
        buffer = io.BufferedReader(raw)

    monkeypatch.setattr("sys.stdin", FakeStdin())
    items = list(read_inputs(["-"]))
    assert len(items) == 1 and isinstance(items[0], InputTooLarge)
    assert raw.served <= settings.MAX_INPUT_BYTES + 1 + io.DEFAULT_BUFFER_SIZE


def test_read_text_refuses_a_huge_string() -> None:
    with pytest.raises(InputTooLarge):
        read_text("a" * (settings.MAX_INPUT_BYTES + 1), article_id="big")


@pytest.mark.parametrize("name", ["cp1252.txt", "latin1.txt"])
def test_non_utf8_is_decoded_as_cp1252_with_a_warning(name: str) -> None:
    item = only(FIXTURES / name)
    assert isinstance(item, Article)
    assert any("cp1252" in w for w in item.warnings)
    assert "\ufffd" not in item.text


def test_cp1252_punctuation_and_accents_are_not_lost() -> None:
    item = only(FIXTURES / "cp1252.txt")
    assert isinstance(item, Article)
    for expected in ("café", "naïve", "–", "“we left everything”"):
        assert expected in item.text


def test_every_byte_survives_the_cp1252_fallback() -> None:
    data = b"Fighters were seen near the market on Monday. " + bytes(range(0x80, 0x100))
    (article,) = read_bytes(data, source="x.txt")
    assert article.raw_text is not None
    assert len(article.raw_text) == len(data)


def test_utf8_bom_is_removed() -> None:
    item = only(FIXTURES / "utf8-bom.txt")
    assert isinstance(item, Article)
    assert item.text.startswith("Afghan forces retook")
    assert item.warnings == ()


def test_utf16_with_bom_is_decoded() -> None:
    item = only(FIXTURES / "utf16-bom.txt")
    assert isinstance(item, Article)
    assert item.text.startswith("Taliban fighters captured the district centre of Khan Abad")


def test_utf16_without_bom_is_decoded_with_a_warning() -> None:
    text = "Taliban fighters captured the district centre of Khan Abad on Sunday."
    (article,) = read_bytes(text.encode("utf-16-le"), source="x.txt")
    assert article.text == text
    assert any("UTF-16" in w for w in article.warnings)


def test_broken_html_with_body_text_is_still_read() -> None:
    item = only(FIXTURES / "broken.html")
    assert isinstance(item, Article)
    assert item.input_format == "html"
    assert "clashed with Taliban fighters on the outskirts of Pul-e Khumri" in item.text
    assert item.title == "Clashes near Pul-e Khumri"


def test_truncated_html_mid_tag_is_still_read() -> None:
    html = (
        b"<html><body><article><p>Afghan forces recaptured the district centre of "
        b"Dand-e Ghori on Friday, the provincial governor said.</p><p>Residents said"
        b" the road to the <a hr"
    )
    (article,) = read_bytes(html, source="cut.html")
    assert "recaptured the district centre of Dand-e Ghori" in article.text


def test_html_without_body_text_is_malformed() -> None:
    item = only(FIXTURES / "markup-only.html")
    assert isinstance(item, MalformedInput)
    assert "no article text" in item.reason


def test_jsonl_bad_lines_name_the_line_and_good_lines_still_come_out() -> None:
    items = list(read_inputs([str(FIXTURES / "bad-lines.jsonl")]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.article_id for a in articles] == ["a1", "a5"]
    assert all(isinstance(e, MalformedInput) for e in errors)
    reasons = [e.reason for e in errors]
    assert reasons[0].startswith("line 2 is not JSON")
    assert reasons[1].startswith("line 3") and "type int" in reasons[1]
    assert reasons[2].startswith("line 4") and "no 'text'" in reasons[2]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b'["a list"]', "received list"),
        (b'{"id": "x", "text": null}', "no 'text'"),
        (b'{"id": "x", "text": ["a"]}', "type list"),
        (b'{"text": "Taliban fighters entered the town on Monday."}', "'id'"),
        (b'{"id": true, "text": "Taliban fighters entered the town on Monday."}', "'id'"),
    ],
)
def test_jsonl_records_without_usable_fields_are_malformed(line: bytes, expected: str) -> None:
    with pytest.raises(MalformedInput, match=expected):
        read_bytes(line + b"\n", source="x.jsonl")


def test_jsonl_line_larger_than_an_article_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "lines.jsonl"
    good = b'{"id": "ok", "text": "Taliban fighters entered the town on Monday, officials said."}\n'
    huge = b'{"id": "big", "text": "' + b"x" * 5000 + b'"}\n'
    path.write_bytes(huge + good)
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], InputTooLarge) and "line 1" in items[0].reason
    assert isinstance(items[1], Article) and items[1].article_id == "ok"


def test_missing_path_is_input_not_found(tmp_path: Path) -> None:
    item = only(tmp_path / "nope.txt")
    assert isinstance(item, InputNotFound)
    assert "no such file" in item.reason


def test_a_directory_with_a_mix_still_yields_the_good_ones() -> None:
    items = list(read_inputs([str(FIXTURES)]))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    ids = {a.article_id for a in articles}
    assert str(FIXTURES / "broken.html") in ids
    assert str(FIXTURES / "cp1252.txt") in ids
    assert "a1" in ids and "urn:example:1" in ids
    kinds = {type(e) for e in errors}
    assert {BinaryInput, EmptyInput, MalformedInput} <= kinds


def test_directories_are_sorted_recursive_and_skip_hidden(tmp_path: Path) -> None:
    text = "Taliban fighters entered the town on Monday, officials said."
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(text)
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / ".hidden.txt").write_text(text)
    (tmp_path / ".git" / "x.txt").write_text(text)
    ids = [i.article_id for i in read_inputs([str(tmp_path)]) if isinstance(i, Article)]
    assert ids == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


def test_empty_directory_is_reported(tmp_path: Path) -> None:
    assert isinstance(only(tmp_path), EmptyInput)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_an_endless_device_is_read_up_to_the_limit_and_refused() -> None:
    item = only("/dev/zero")
    assert isinstance(item, BinaryInput | InputTooLarge)


def test_entity_expansion_in_a_feed_is_not_performed() -> None:
    items = list(read_inputs([str(FIXTURES / "billion-laughs.xml")]))
    # The parser stops at the bomb: what it cut short is reported, never dropped silently.
    assert any(isinstance(i, MalformedInput) and "broken at line" in str(i) for i in items)
    for item in items:
        assert isinstance(item, Article | MalformedInput)
        text = item.text if isinstance(item, Article) else str(item)
        assert "lollollol" not in text


def test_a_batch_goes_on_after_errors(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Afghan forces retook the district centre of Dand-e Ghori on Friday.")
    items = list(read_inputs([str(tmp_path / "missing"), str(FIXTURES / "pixel.png"), str(good)]))
    assert [type(i).__name__ for i in items] == ["InputNotFound", "BinaryInput", "Article"]


def test_binary_file_named_jsonl_is_one_binary_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.jsonl"
    path.write_bytes((FIXTURES / "pixel.png").read_bytes() * 3)
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], BinaryInput)
