"""Bytes to text, refusing what is not text.

Order of decisions: known binary signatures (PNG, zip, PDF...) and NUL bytes
are refused; a byte-order mark picks UTF-8, UTF-16 or UTF-32; otherwise
UTF-8, and if that fails Windows-1252, which maps every byte to a character
so that nothing is lost (the five bytes cp1252 leaves undefined are read as
Latin-1) -- unless the bytes are UTF-8 with a few stray bytes, which become
U+FFFD.  A fallback is reported as a warning, never silent.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from frontlines import settings
from frontlines.errors import BinaryInput, EmptyInput, UndecodableInput

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"wOFF", "a web font"),
    (b"\x00asm", "a WebAssembly module"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Byte-order marks of encodings whose ASCII holds NUL bytes.
WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; read them as Latin-1.
_CP1252_FROM_LATIN1 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CP1252_TABLE = str.maketrans({chr(b): c for b, c in _CP1252_FROM_LATIN1.items()})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SNIFF = 4096

HOW_TO_FIX = "Frontlines reads plain text, HTML, JSON Lines and RSS/Atom feeds"


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used and anything the user should know."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts with, or None if it may be text."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'-be' when NUL bytes sit at every other offset, as in ASCII in UTF-16."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _undecodable_utf8(data: bytes, first_bad: int) -> tuple[str, str, str]:
    """Text, encoding and warning for bytes that are not valid UTF-8.

    UTF-8 with a few stray bytes (its valid multi-byte characters outnumber the bad
    bytes) keeps its UTF-8, each bad byte becoming U+FFFD: reading it all as
    Windows-1252 would garble every accented letter and every Dari word.  Anything
    else is Windows-1252 text, which maps every byte to a character.
    """
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in replaced if ch > "\x7f") - replaced.count("\ufffd")
    if good > bad:
        return (
            replaced,
            "utf-8",
            f"not valid UTF-8 at byte {first_bad} ({bad} bad byte sequence(s)); each was "
            "replaced by U+FFFD and the rest read as UTF-8; re-save the file as UTF-8",
        )
    return (
        data.decode("latin-1").translate(_CP1252_TABLE),
        "cp1252",
        f"not valid UTF-8 (byte {first_bad}); decoded as Windows-1252 (cp1252), "
        "nothing lost; re-save the file as UTF-8 to silence this",
    )


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode ``data`` read from ``source``; raise BinaryInput, EmptyInput or UndecodableInput."""
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInput(source, f"received {kind}, not text; {HOW_TO_FIX}")
    warnings: list[str] = []
    encoding = None
    body = data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, body = name, data[len(bom) :]
            break
    if encoding is None and b"\x00" in data:
        encoding = utf16_without_bom(data[:_SNIFF])
        if encoding is None:
            raise BinaryInput(source, f"received binary data (NUL bytes), not text; {HOW_TO_FIX}")
        warnings.append(f"no byte-order mark; decoded as {encoding.upper()}")
    if encoding is not None:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UndecodableInput(
                source,
                f"not valid {encoding.upper()} at byte {exc.start}; re-save the file as UTF-8",
            ) from None
    else:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding, warning = _undecodable_utf8(data, exc.start)
            warnings.append(warning)
    if not text.strip():
        raise EmptyInput(
            source, "the input is empty or holds only whitespace; give it article text"
        )
    controls = len(_CONTROL.findall(text))
    if controls > settings.MAX_CONTROL_CHAR_RATIO * len(text):
        raise BinaryInput(
            source,
            f"{controls} of {len(text)} characters are control characters: binary data, "
            f"not text; {HOW_TO_FIX}",
        )
    return Decoded(text, encoding, tuple(warnings))
