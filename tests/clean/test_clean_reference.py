"""The reference article (read from ../shared): exactly its debris goes, its news stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.clean import clean_article
from frontlines.ingest import read_inputs
from frontlines.records import Article

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "samples"
ARTICLE = SAMPLES / "imam-sahib-2021-06-21.txt"
META = SAMPLES / "imam-sahib-2021-06-21.meta.json"

pytestmark = pytest.mark.skipif(
    not ARTICLE.exists(), reason=f"reference article not found at {ARTICLE} (../shared absent)"
)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def source() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned(source: str) -> Article:
    return clean_article(Article(article_id="ref", text=source))


def test_loses_exactly_the_duplicated_title_the_app_line_and_the_caption(
    source: str, cleaned: Article
) -> None:
    title = json.loads(META.read_text())["title"]
    original = paragraphs(source)
    app = [p for p in original if p.startswith("Download the") and " app " in p]
    caption = [p for p in original if p.endswith("Getty Images File")]
    assert len(app) == 1 and len(caption) == 1
    assert [line for line, _ in cleaned.dropped] == [title, title, app[0], caption[0]]
    assert [why for _, why in cleaned.dropped] == ["title", "title", "promotion", "photo caption"]
    assert cleaned.title == title


def test_nothing_else_is_lost(source: str, cleaned: Article) -> None:
    dropped = {line for line, _ in cleaned.dropped}
    body = paragraphs(cleaned.text)
    expected = [p for p in paragraphs(source) if p not in dropped]
    # The first paragraph loses only its dateline.
    assert expected[0].startswith("KABUL, Afghanistan – ")
    expected[0] = expected[0].removeprefix("KABUL, Afghanistan – ")
    assert body == expected


def test_dateline_is_kabul_and_out_of_the_text(cleaned: Article) -> None:
    assert cleaned.dateline == "KABUL, Afghanistan"
    assert "KABUL" not in cleaned.text
    assert cleaned.text.startswith("Taliban fighters on Monday took control")


def test_the_imam_sahib_sentences_survive(source: str, cleaned: Article) -> None:
    imam = [p for p in paragraphs(source) if "Imam Sahib" in p]
    assert len(imam) >= 4
    for paragraph in imam:
        assert paragraph in cleaned.text


def test_no_date_in_the_text_means_no_published_date(cleaned: Article) -> None:
    assert cleaned.published is None
    assert cleaned.raw_text is not None and cleaned.raw_text.startswith("Taliban capture")


def test_ingest_with_the_known_title_and_date() -> None:
    import datetime as dt

    meta = json.loads(META.read_text())
    (article,) = list(
        read_inputs([str(ARTICLE)], published=dt.date.fromisoformat(meta["published"]))
    )
    assert isinstance(article, Article)
    assert (article.published, article.published_source) == (dt.date(2021, 6, 21), "cli")
    assert article.title == meta["title"]
    assert len(article.dropped) == 4
