"""Each ingest batch refolds control only from the earliest date it changed, and the
result is the same as folding everything again.

Hand-made articles in the stand-in extractor's lead format ("On DATE, Taliban fighters
seized X district of Y province, reported sources said.") go in, in shuffled date
order and small batches, so later batches keep landing before, inside and after the
timelines the earlier ones built; independent second accounts change the claim status
of events already folded.  The stored spans must equal a full re-fusion and refold of
the same database, and a fresh database that took everything in one batch.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import pytest

import frontlines.control as control
from frontlines import settings
from frontlines.control import control_at, history
from frontlines.control.timeline import fold
from frontlines.fuse import fuse
from frontlines.records import Article
from frontlines.store import ingest_articles, open_db

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from ingest_scale import synthetic_extract  # noqa: E402

DISTRICTS = (("Kunduz", "Imam Sahib"), ("Kunduz", "Dashte Archi"), ("Baghlan", "Doshi"))
ACTIONS = (
    ("Taliban fighters", "seized"),
    ("government troops", "recaptured"),
    ("Taliban fighters", "clashed in"),
)
STATUSES = ("confirmed", "reported", "claimed", "unverified")
WORDS = [
    "road",
    "market",
    "convoy",
    "village",
    "river",
    "bridge",
    "valley",
    "elders",
    "clinic",
    "wheat",
    "fuel",
    "border",
]
START = dt.date(2021, 6, 1)


def corpus(seed: int) -> list[Article]:
    """About 60 short articles on three districts over six weeks; some told twice."""
    rng = random.Random(seed)
    out: list[Article] = []
    for i in range(48):
        admin1, admin2 = rng.choice(DISTRICTS)
        who, verb = rng.choice(ACTIONS)
        day = START + dt.timedelta(days=rng.randrange(42))
        status = rng.choice(STATUSES)
        lead = (
            f"On {day.isoformat()}, {who} {verb} {admin2} district of {admin1} province, "
            f"{status} sources said."
        )
        tellings = 2 if i % 4 == 0 else 1  # a second, independent outlet: corroboration
        for k in range(tellings):
            body = " ".join(rng.choice(WORDS) for _ in range(40))
            out.append(
                Article(
                    article_id=f"a{i}-{k}",
                    text=f"{lead} Story {i} from outlet {k}. {body}.",
                    outlet=f"Outlet {k}",
                    published=day + dt.timedelta(days=1),
                    published_source="cli",
                )
            )
    return out


def spans(db: Any) -> list[tuple[Any, ...]]:
    return list(
        db.execute(
            "SELECT counting, admin1, admin2, seq, valid_from, valid_to, controller, status, "
            "claim_status, since, event_ids FROM control_states ORDER BY 1, 2, 3, 4"
        )
    )


def views(db: Any) -> dict[str, Any]:
    """What users read: the map on each day, and each district's history, per counting."""
    out: dict[str, Any] = {}
    for counting in settings.COUNTING:
        for d in range(-1, 50, 3):
            day = (START + dt.timedelta(days=d)).isoformat()
            out[f"{counting} {day}"] = control_at(db, day, counting)
        for admin1, admin2 in DISTRICTS:
            out[f"{counting} {admin2}"] = history(db, admin2, admin1, counting)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batches_in_shuffled_order_fold_as_a_full_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    articles = corpus(seed)
    resumed: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        resumed.append(kwargs.get("resume") is not None)
        return fold(*args, **kwargs)

    monkeypatch.setattr(control, "fold", spy)
    monkeypatch.setattr(settings, "INGEST_BATCH_SIZE", 4)
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    db = open_db(tmp_path / "batches.db")
    for part in (shuffled[:20], shuffled[20:45], shuffled[45:]):  # three runs, many batches
        ingest_articles(part, db=db, workers=1, extractor=synthetic_extract)
    assert any(resumed), "no batch resumed a fold: the incremental path went untested"
    incremental, seen = spans(db), views(db)
    assert {row[1:3] for row in incremental} == set(DISTRICTS)

    # The same database re-fused and refolded from scratch.
    fuse(db)
    assert spans(db) == incremental
    assert views(db) == seen

    # A fresh database that took everything in one batch (in the same order, since a
    # fused event is named after its first report).
    monkeypatch.setattr(settings, "INGEST_BATCH_SIZE", 1000)
    fresh = open_db(tmp_path / "once.db")
    ingest_articles(shuffled, db=fresh, workers=1, extractor=synthetic_extract)
    assert spans(fresh) == incremental
    assert views(fresh) == seen


def test_a_batch_that_changes_nothing_refolds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_db(tmp_path / "t.db")
    articles = corpus(4)
    ingest_articles(articles, db=db, workers=1, extractor=synthetic_extract)
    before = spans(db)
    calls: list[object] = []
    monkeypatch.setattr(control, "fold", lambda *a, **k: calls.append(a) or fold(*a, **k))
    again = ingest_articles(articles, db=db, workers=1, extractor=synthetic_extract)
    assert again.duplicate == len(articles)
    assert calls == []
    assert spans(db) == before
