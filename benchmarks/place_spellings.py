"""Place names in other spellings, and English words that must not become places.

Run: ``python benchmarks/place_spellings.py``.

1. Every district name of the gazetteer is respelled the ways English-language pages
   respell Dari and Pashto names (parts run together or split, ezafe as -i-, o/u and e/i
   swapped, a doubled vowel, q as k, kh/gh/sh without the h, one inner vowel dropped,
   two inner letters swapped in a long name), and each spelling is looked for in a
   sentence that names it as a district.  Printed: how many resolve to their district,
   and how many to some other place.
2. Every lower-case word of four letters or more in the bundled demo corpus is
   capitalised and put where a place could stand ("moved into X", "took X district").
   Printed: how many are taken for an Afghan place (the target is none).

Everything is generated here; no third-party text is read.
"""

from __future__ import annotations

import json
import random
import re
import time
from importlib import resources

from frontlines.resolve.places import Gazetteer, get_gazetteer


def respellings(name: str, rng: random.Random) -> list[str]:
    """Common respellings of ``name`` (not ``name`` itself)."""
    n = re.sub(r"\s*\(.*\)", "", name)
    out = {
        n.replace("-", " ").replace("  ", " "),
        n.replace(" ", "").replace("-", ""),
        re.sub(r"-(?:e|i)[ -]", "-i-", n),
        re.sub(r"(?<=\w)u", "o", n),
        re.sub(r"(?<=\w)o", "u", n),
        re.sub(r"(?<=\w)i", "e", n),
        re.sub(r"(?<=\w)e", "i", n),
        re.sub(r"(?<=\w)a(?=[^aeiou])", "aa", n, count=1),
        n.replace("q", "k").replace("Q", "K"),
        re.sub(r"(?<=[kgs])h", "", n, count=1),
    }
    vowels = [m.start() for m in re.finditer(r"(?<=\w)[aeiou](?=\w)", n)]
    if vowels:
        i = rng.choice(vowels)
        out.add(n[:i] + n[i + 1 :])
    if len(n) >= 8:
        i = rng.randrange(2, len(n) - 3)
        if n[i].isalpha() and n[i + 1].isalpha():
            out.add(n[:i] + n[i + 1] + n[i] + n[i + 2 :])
    out.discard(n)
    return sorted(v for v in out if v[:1].isupper())


def spelled_districts(gaz: Gazetteer) -> tuple[int, int, int]:
    """(found as their district, found as another place, respellings tried)."""
    rng = random.Random(7)
    right = wrong = total = 0
    for d in gaz.districts():
        for spelling in respellings(d.admin2 or "", rng):
            total += 1
            text = f"Heavy fighting was reported in {spelling} district on Monday."
            got = [gaz.resolve(m)[0] for m in gaz.find_places(text)]
            if any((p.admin1, p.admin2) == (d.admin1, d.admin2) for p in got):
                right += 1
            elif got:
                wrong += 1
    return right, wrong, total


def english_words() -> list[str]:
    corpus = resources.files("frontlines").joinpath("demo", "corpus")
    words: set[str] = set()
    for f in corpus.iterdir():
        if f.name.endswith(".jsonl"):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    text = json.loads(line)["text"]
                    words.update(re.findall(r"(?<![A-Za-z])[a-z]{4,}(?![A-Za-z])", text))
    return sorted(words)


def false_friends(gaz: Gazetteer, words: list[str]) -> list[str]:
    taken = []
    for word in words:
        w = word.capitalize()
        text = f"The fighters moved into {w} on Monday, and took {w} district."
        if any(gaz.resolve(m)[0].country == gaz.country for m in gaz.find_places(text)):
            taken.append(w)
    return taken


def main() -> int:
    gaz = get_gazetteer()
    start = time.perf_counter()
    right, wrong, total = spelled_districts(gaz)
    print(
        f"district respellings resolved to their district: {right}/{total} "
        f"({right / total:.1%}); to another place: {wrong}"
    )
    words = english_words()
    taken = false_friends(gaz, words)
    print(
        f"English words of the demo corpus taken for an Afghan place: {len(taken)}/{len(words)}"
        + (f" ({', '.join(taken[:20])})" if taken else "")
    )
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
