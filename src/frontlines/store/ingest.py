"""Ingest: read inputs, extract their reports on every core, store, fuse, fold control.

Extraction runs in worker processes; every write happens here, in the parent,
one transaction per batch of ``settings.INGEST_BATCH_SIZE`` articles, which also
re-fuses the places the batch touched (near the batch's dates) and refolds the control
of the districts whose events changed, from the earliest date that changed.
A process killed at any point therefore leaves the last committed batch, and
re-running the same command skips what is stored (by content hash) and does
the rest.  Memory stays flat: at most ``workers * INGEST_IN_FLIGHT_PER_WORKER``
articles are in flight and nothing accumulates per article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from frontlines import EXTRACTOR_VERSION, settings
from frontlines.budget import time_budget
from frontlines.errors import InputError, TimeBudgetExceeded
from frontlines.fuse.merge import PlaceKey, place_key
from frontlines.fuse.minhash import band_keys, content_hash, jaccard, signature
from frontlines.records import Article, Report
from frontlines.store.db import open_db, report_to_row, transaction

Outcome = str  # "new" | "near_duplicate" | "duplicate" | "failed"


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """One input that could not be stored, and why."""

    source: str
    reason: str


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did.  ``events`` is the number of fused events stored afterwards."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    reports: int = 0
    events: int = 0
    failures: list[IngestFailure] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["failures"] = [dataclasses.asdict(f) for f in self.failures]
        return out


@dataclass(slots=True)
class _Work:
    """One article's extraction result, sent back from a worker."""

    article: Article
    content_hash: str
    reports: list[Report]
    signature: bytes
    error: str | None = None


# --- workers ------------------------------------------------------------------------


def _warm() -> None:
    """Load the extractor's data once, so forked workers share it instead of each reading it."""
    signature("warm up the permutations")
    try:
        from frontlines.extract.pipeline import extract_article

        extract_article(
            Article(
                article_id="warm-up",
                text="Taliban fighters took Imam Sahib district in Kunduz province on Monday.",
                published=dt.date(2021, 6, 21),
            )
        )
    except Exception:  # a broken extractor is reported per article, with its reason
        pass


def _worker_init() -> None:
    # If the parent is killed, take the worker down with it instead of leaving an orphan.
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphans exit when their pipe closes
        pass


Extractor = Callable[[Article], list[Report]]
#: What turns (article, content hash) pairs into extraction results, in input order:
#: ``_results`` (local processes) unless an engine (``frontlines.engines``) passes its own.
Results = Callable[[Iterable[tuple[Article, str]], int, "Extractor | None"], Iterator["_Work"]]


def _extract(article: Article, digest: str, extractor: Extractor | None = None) -> _Work:
    if extractor is None:
        from frontlines.extract.pipeline import extract_article

        extractor = extract_article
    try:
        with time_budget(_name(article), "extraction"):
            reports = extractor(article)
    except TimeBudgetExceeded as exc:
        return _Work(article, digest, [], b"", exc.reason)
    except Exception as exc:  # one bad article must not stop a batch; its reason is reported
        return _Work(article, digest, [], b"", f"extraction failed: {type(exc).__name__}: {exc}")
    return _Work(article, digest, reports, signature(article.text))


def _results(
    articles: Iterable[tuple[Article, str]], workers: int, extractor: Extractor | None
) -> Iterator[_Work]:
    """Extraction results in input order, keeping a bounded number of articles in flight."""
    if workers <= 1:
        for article, digest in articles:
            yield _extract(article, digest, extractor)
        return
    import multiprocessing as mp

    if extractor is None:
        _warm()
    ctx = mp.get_context("fork") if os.name == "posix" else mp.get_context()
    limit = max(2, workers * settings.INGEST_IN_FLIGHT_PER_WORKER)
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        inflight: deque[Any] = deque()
        for article, digest in articles:
            inflight.append(pool.apply_async(_extract, (article, digest, extractor)))
            if len(inflight) >= limit:
                yield inflight.popleft().get()
        while inflight:
            yield inflight.popleft().get()


# --- writing ------------------------------------------------------------------------


def _near_duplicate(db: Database, sig: bytes, keys: list[int]) -> tuple[str, str] | None:
    """(article_id, story_id) of the stored article this text is a wire copy of, if any."""
    marks = ",".join("?" * len(keys))
    best: tuple[float, int, str, str] | None = None
    for row in db.execute(
        f"SELECT a.rowid, a.article_id, a.story_id, a.minhash FROM articles a WHERE a.article_id "
        f"IN (SELECT DISTINCT article_id FROM minhash_bands WHERE band_key IN ({marks}))",
        keys,
    ):
        score = jaccard(sig, row[3] or b"")
        if score >= settings.WIRE_COPY_JACCARD and (
            best is None or (score, -row[0]) > (best[0], -best[1])
        ):
            best = (score, row[0], row[1], row[2])
    return None if best is None else (best[2], best[3])


def _store(db: Database, work: _Work, places: dict[PlaceKey, tuple[str, str] | None]) -> Outcome:
    """Write one article and its reports; the caller holds the transaction."""
    article = work.article
    if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [work.content_hash]).fetchone():
        return "duplicate"
    article_id = article.article_id
    reports = work.reports
    if db.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone():
        # Same id, different text (e.g. two files named alike): keep both, apart.
        suffix = "~" + work.content_hash[:10]
        article_id += suffix
        reports = [
            dataclasses.replace(r, event_id=r.event_id + suffix, article_id=article_id)
            for r in reports
        ]
    keys = band_keys(work.signature)
    copy_of = _near_duplicate(db, work.signature, keys)
    published = article.published.isoformat() if article.published else None
    db.execute(
        "INSERT INTO articles (article_id, content_hash, title, url, outlet, published, "
        "published_source, dateline, input_format, text, raw_text, dropped, warnings, "
        "ingested_at, extractor_version, near_dup_of, story_id, minhash) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            article_id,
            work.content_hash,
            article.title,
            article.url,
            article.outlet,
            published,
            article.published_source,
            article.dateline,
            article.input_format,
            article.text,
            article.raw_text if article.raw_text != article.text else None,
            json.dumps([list(d) for d in article.dropped]),
            json.dumps(list(article.warnings)),
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            (reports[0].extractor_version if reports else "") or EXTRACTOR_VERSION,
            copy_of[0] if copy_of else None,
            copy_of[1] if copy_of else article_id,
            work.signature,
        ],
    )
    db.conn.executemany(
        "INSERT INTO minhash_bands (band_key, article_id) VALUES (?, ?)",
        [(k, article_id) for k in keys],
    )
    rows = []
    for r in reports:
        r = dataclasses.replace(
            r,
            article_id=article_id,
            outlet=r.outlet or article.outlet,
            url=r.url or article.url,
            published=r.published or published,
        )
        rows.append(report_to_row(r))
        key = place_key(r)
        day = (r.event_date or r.published or "")[:10]
        known = places.get(key, (day, day))
        if not day or known is None or not known[0]:
            places[key] = None  # an undated report: re-fuse the whole place
        else:
            places[key] = (min(known[0], day), max(known[1], day))
    if rows:
        columns = list(rows[0])
        db.conn.executemany(
            f"INSERT OR IGNORE INTO reports ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            [[row[c] for c in columns] for row in rows],
        )
    return "near_duplicate" if copy_of else "new"


def _commit_batch(db: Database, batch: list[_Work], summary: IngestSummary) -> None:
    from frontlines.control import changed_districts, rebuild_control
    from frontlines.fuse import fuse_places

    places: dict[PlaceKey, tuple[str, str] | None] = {}
    outcomes: list[Outcome] = []
    with transaction(db):
        for work in batch:
            outcomes.append(_store(db, work, places))
        spans = {k: v for k, v in places.items() if v is not None}
        fuse_places(db, places, spans=spans)
        # Only the districts whose events changed, each from the earliest date that did
        # (``tracking_changes`` logs them): the work follows the batch, not the history.
        since = changed_districts(db)
        rebuild_control(db, since, since=since)
    # Count only once the batch is committed: the summary never claims unsaved work.
    for work, outcome in zip(batch, outcomes, strict=True):
        if outcome == "duplicate":
            summary.duplicate += 1
            continue
        summary.reports += len(work.reports)
        if outcome == "near_duplicate":
            summary.near_duplicate += 1
        else:
            summary.new += 1


def ingest_articles(
    items: Iterable[Article | InputError],
    *,
    db: Database,
    workers: int | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    extractor: Extractor | None = None,
    results: Results | None = None,
) -> IngestSummary:
    """Store ``items`` (articles, or the InputErrors a reader yielded) and fuse them.

    ``extractor`` (a module-level function, so workers can receive it) replaces
    ``extract.pipeline.extract_article``: tests and benchmarks use it.  ``results``
    replaces the local worker pool (the Ray engine extracts on a cluster); every
    write still happens here.
    """
    from frontlines.control import ensure_districts, tracking_changes

    summary = IngestSummary()
    workers = workers or os.cpu_count() or 1
    with transaction(db):
        ensure_districts(db)  # every district has a baseline, even with no event
    pending: dict[str, int] = {}  # hashes in flight or in the open batch: dedupe within a run

    def fresh() -> Iterator[tuple[Article, str]]:
        for item in items:
            summary.read += 1
            if isinstance(item, InputError):
                summary.failed += 1
                summary.failures.append(IngestFailure(item.source, item.reason))
                continue
            digest = content_hash(item.text)
            stored = db.execute(
                "SELECT 1 FROM articles WHERE content_hash = ?", [digest]
            ).fetchone()
            if stored or digest in pending:
                summary.duplicate += 1
                continue
            pending[digest] = 1
            yield item, digest

    batch: list[_Work] = []

    def flush() -> None:
        _commit_batch(db, batch, summary)
        for work in batch:
            pending.pop(work.content_hash, None)
        batch.clear()
        if on_progress is not None:
            on_progress(summary)

    with tracking_changes(db):
        for work in (results or _results)(fresh(), workers, extractor):
            if work.error is not None:
                summary.failed += 1
                summary.failures.append(IngestFailure(_name(work.article), work.error))
                pending.pop(work.content_hash, None)
                continue
            batch.append(work)
            if len(batch) >= settings.INGEST_BATCH_SIZE:
                flush()
        if batch:
            flush()
    summary.events = int(db.execute("SELECT count(*) FROM events").fetchone()[0])
    return summary


def _name(article: Article) -> str:
    return article.url or article.article_id


def ingest(
    paths: Sequence[str | Path],
    *,
    db: Database | str | Path | None = None,
    published: dt.date | None = None,
    workers: int | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    extractor: Extractor | None = None,
    on_warning: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Read ``paths`` (files, directories, ``-``) and store their articles and events.

    ``db`` is an open database or a path (default ``settings.default_db_path()``).
    Inputs that fail are counted with their reason; everything else is stored.
    ``on_warning(article_id, warning)`` hears each fallback and ignored field.
    """
    from frontlines.ingest import read_inputs  # type: ignore[attr-defined,unused-ignore]

    database = db if isinstance(db, Database) else open_db(db)
    return ingest_articles(
        read_inputs([str(p) for p in paths], published=published, on_warning=on_warning),
        db=database,
        workers=workers,
        on_progress=on_progress,
        extractor=extractor,
    )
