"""MinHash signatures of word shingles, for spotting wire copies.

The same agency story carried by two outlets differs by a headline, a
sentence or a credit line.  Its 5-word shingles overlap heavily; MinHash
estimates that overlap (Jaccard) from a 64-number signature, and LSH bands
let the store find candidates with an indexed lookup instead of comparing
every pair.  The permutations are fixed constants, so signatures are the
same in every process and every run.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from typing import TYPE_CHECKING

from frontlines import settings

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The text an article is known by: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def content_hash(text: str) -> str:
    """A hash of the normalised text: the same article read twice has the same hash."""
    import hashlib

    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _permutations(n: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    import numpy as np

    rng = np.random.RandomState(1)  # fixed: signatures must agree across runs
    a = rng.randint(1, _PRIME, size=n, dtype=np.uint64)
    b = rng.randint(0, _PRIME, size=n, dtype=np.uint64)
    return a, b


_PERM: tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]] | None = None


def shingles(text: str, size: int | None = None) -> set[str]:
    """Word ``size``-grams of the normalised text (the whole text if shorter)."""
    size = size or settings.WIRE_SHINGLE_WORDS
    words = _WORD.findall(normalise_text(text))
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` (``MINHASH_PERMUTATIONS`` uint32, packed)."""
    import numpy as np

    global _PERM
    if _PERM is None:
        _PERM = _permutations(settings.MINHASH_PERMUTATIONS)
    a, b = _PERM
    grams = shingles(text)
    if not grams:
        return bytes(4 * settings.MINHASH_PERMUTATIONS)
    hv = np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )
    # (a*h + b) mod p with h < 2^32 and a < 2^61 overflows uint64; the wrap-around is
    # deterministic, which is all a signature needs (datasketch does the same).
    with np.errstate(over="ignore"):
        phv = ((np.outer(hv, a) + b) % np.uint64(_PRIME)) & np.uint64(_MAX_HASH)
    mins = phv.min(axis=0).astype("<u4")
    return bytes(mins.tobytes())


def _unpack(sig: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(sig) // 4}I", sig)


def jaccard(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts behind the signatures."""
    a, b = _unpack(sig_a), _unpack(sig_b)
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per LSH band (band number folded in), for an indexed lookup."""
    values = _unpack(sig)
    bands = settings.MINHASH_BANDS
    rows = max(1, len(values) // bands)
    keys = []
    for band in range(bands):
        chunk = struct.pack(f"<I{rows}I", band, *values[band * rows : (band + 1) * rows])
        digest = zlib.crc32(chunk) | (zlib.adler32(chunk) << 32)
        keys.append(digest - (1 << 64) if digest >= (1 << 63) else digest)
    return keys
