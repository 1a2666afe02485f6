"""Same inputs, same result, whatever the order (issue 12).

The demo corpus (real reports from the real extractor) and a dense hand-made corpus
go in shuffled and split into runs and batches at random; the fused events, which
report belongs to which event, and the control states must equal those of one run
taking everything at once, and those of a full re-fusion of the same database.

The real extractor runs once per article; later runs read its reports from a cache
(extraction is not what is tested here, and it would make each example slow).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from frontlines import settings as fl_settings
from frontlines.demo import corpus_files
from frontlines.extract.pipeline import extract_article
from frontlines.fuse import fuse
from frontlines.ingest import read_inputs
from frontlines.records import Article, Report
from frontlines.store import ingest_articles, open_db

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests" / "store"))
from test_incremental_control import corpus as dense_corpus  # noqa: E402

from ingest_scale import synthetic_extract  # noqa: E402

_REPORTS: dict[str, list[Report]] = {}


def cached_extract(article: Article) -> list[Report]:
    """The real extractor's reports, computed once per article text."""
    key = article.article_id + "\x00" + article.text
    if key not in _REPORTS:
        _REPORTS[key] = extract_article(article)
    return _REPORTS[key]


def _demo_articles() -> list[Article]:
    items = list(read_inputs([str(p) for p in corpus_files()]))
    return [a for a in items if isinstance(a, Article)]


DEMO = _demo_articles()
DENSE = dense_corpus(7)


def state(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Everything fusion and control decide, in a canonical order."""
    return {
        "events": sorted(
            tuple(r)
            for r in db.execute(
                "SELECT event_id, claim_status, corroboration, event_date, time_precision, "
                "sub_event_type, actor1, actor2, admin1, admin2, location, fatalities, "
                "detained, sources, n_reports FROM events"
            )
        ),
        "membership": sorted(
            tuple(r) for r in db.execute("SELECT report_id, event_id, role FROM reports")
        ),
        "control": sorted(
            tuple(r)
            for r in db.execute(
                "SELECT counting, admin1, admin2, seq, valid_from, valid_to, controller, "
                "status, claim_status, since, event_ids FROM control_states"
            )
        ),
    }


def _ingest_in_runs(path: Path, articles: list[Article], cuts: list[int], extractor: Any) -> Any:
    db = open_db(path)
    bounds = [0, *sorted(set(cuts)), len(articles)]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        if hi > lo:
            ingest_articles(articles[lo:hi], db=db, workers=1, extractor=extractor)
    return db


_REFERENCE: dict[str, dict[str, list[tuple[Any, ...]]]] = {}


def _reference(name: str, articles: list[Article], extractor: Any, tmp: Path) -> Any:
    if name not in _REFERENCE:
        db = _ingest_in_runs(tmp / f"{name}-once.db", articles, [], extractor)
        _REFERENCE[name] = state(db)
        db.conn.close()
    return _REFERENCE[name]


CORPORA = {"demo": (DEMO, cached_extract), "dense": (DENSE, synthetic_extract)}


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a store takes ages
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(sorted(CORPORA)),
    seed=st.integers(0, 10_000),
    cuts=st.lists(st.integers(0, 100), max_size=4),
    batch=st.sampled_from([2, 5, 1000]),
)
def test_shuffled_and_rebatched_corpora_fuse_and_fold_the_same(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    seed: int,
    cuts: list[int],
    batch: int,
) -> None:
    articles, extractor = CORPORA[name]
    tmp = tmp_path_factory.mktemp("order")
    reference = _reference(name, articles, extractor, tmp)
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    old = fl_settings.INGEST_BATCH_SIZE
    fl_settings.INGEST_BATCH_SIZE = batch
    try:
        db = _ingest_in_runs(
            tmp / "runs.db", shuffled, [c % (len(articles) + 1) for c in cuts], extractor
        )
    finally:
        fl_settings.INGEST_BATCH_SIZE = old
    got = state(db)
    for part in ("events", "membership", "control"):
        assert got[part] == reference[part], f"{name}: {part} differ"
    fuse(db)  # a full re-fusion of the same store changes nothing
    assert state(db) == reference


def test_three_articles_then_one_equal_four_together(tmp_path: Path) -> None:
    """The issue's case: four reports of one place, in [3] + [1] and all at once."""
    day = dt.date(2021, 7, 1)
    texts = [
        "On 2021-07-01, Taliban fighters seized Imam Sahib district of Kunduz province, "
        "reported sources said.",
        "On 2021-07-03, government troops recaptured Imam Sahib district of Kunduz province, "
        "confirmed sources said.",
        "On 2021-07-02, Taliban fighters clashed in Imam Sahib district of Kunduz province, "
        "claimed sources said.",
        "On 2021-07-04, Taliban fighters seized Imam Sahib district of Kunduz province, "
        "reported sources said.",
    ]
    articles = [
        Article(
            article_id=f"k{i}",
            text=t + f" Story {i}.",
            outlet=f"Outlet {i}",
            published=day + dt.timedelta(days=5),
            published_source="cli",
        )
        for i, t in enumerate(texts)
    ]
    split = _ingest_in_runs(tmp_path / "split.db", articles, [3], synthetic_extract)
    together = _ingest_in_runs(tmp_path / "together.db", articles, [], synthetic_extract)
    backwards = _ingest_in_runs(tmp_path / "back.db", articles[::-1], [1], synthetic_extract)
    assert state(split) == state(together) == state(backwards)
