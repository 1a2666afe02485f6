"""Speed: ingest + clean of a 900-word plain-text article must stay well under 5 ms."""

from __future__ import annotations

import random
import time

from frontlines.ingest import read_bytes, read_text

WORDS = " ".join(
    [
        "Taliban fighters Afghan forces police district centre province Kunduz Baghlan said",
        "officials on Monday attacked checkpoint road highway captured killed wounded residents",
        "fled city market governor spokesman the of and in to",
    ]
).split(" ")
BUDGET_MS = 5.0


def article(words: int = 900, seed: int = 0) -> str:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(3):
            n = rng.randint(12, 25)
            count += n
            sentences.append(" ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return "Taliban take key district\n\nKABUL, Afghanistan – " + "\n\n".join(paragraphs)


def best_mean_ms(func: object, repeat: int = 3, number: int = 100) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            func()  # type: ignore[operator]
        best = min(best, (time.perf_counter() - t0) / number * 1000)
    return best


def test_read_text_900_words_under_budget() -> None:
    text = article()
    assert 900 <= len(text.split()) < 1000
    assert read_text(text, article_id="x").dateline == "KABUL, Afghanistan"
    ms = best_mean_ms(lambda: read_text(text, article_id="x"))
    assert ms < BUDGET_MS, f"read_text took {ms:.2f} ms per 900-word article"


def test_read_bytes_900_words_under_budget() -> None:
    data = article(seed=1).encode("utf-8")
    ms = best_mean_ms(lambda: read_bytes(data, source="x.txt"))
    assert ms < BUDGET_MS, f"read_bytes took {ms:.2f} ms per 900-word article"
