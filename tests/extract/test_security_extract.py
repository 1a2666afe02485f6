"""One article that breaks the extractor never aborts a batch: it gets its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.errors import InputError
from frontlines.extract import pipeline
from frontlines.records import Article, Report

GOOD = (
    "Taliban fighters captured Kunduz city, the capital of Kunduz province, on Sunday "
    "after days of fighting, a provincial official said.\n"
)


def test_an_extractor_crash_on_one_article_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD.replace("Sunday", name))
    real = pipeline.get_extractor(None)

    class Fragile:
        def extract(self, article: Article) -> list[Report]:
            if article.article_id.endswith("b.txt"):
                raise ValueError("a bug met a hostile article")
            return real.extract(article)

    monkeypatch.setattr(pipeline, "get_extractor", lambda theatre=None: Fragile())
    items = list(pipeline.extract_inputs([str(tmp_path)]))
    failed = [i for i in items if isinstance(i, InputError)]
    assert len(failed) == 1 and failed[0].source.endswith("b.txt")
    assert "ValueError: a bug met a hostile article" in failed[0].reason
    done = {Path(r.article_id).name for r in items if isinstance(r, Report)}
    assert done == {"a.txt", "c.txt"}
