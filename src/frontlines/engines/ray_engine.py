"""Ingest on a Ray cluster: reading, cleaning and extraction as a Ray Data pipeline.

``ingest_ray`` lists the inputs here (directories are walked in the order
``ingest.read_inputs`` walks them), sends one row per input file through a Ray
Data pipeline whose actors read, clean and extract it with the same stage
functions as the local engine, and hands the results back, in input order, to
``store.ingest.ingest_articles``: every write, duplicate check, fusion and control
refold happens here, in the driver, through the same store code.  Same inputs,
same order, same batches: the same events, ids and control states as
``--engine local``.

Workers read input files by path, so every node must see the inputs at the same
path (a shared filesystem); stdin is read here and shipped.  Each worker needs
the same versions of Python, Ray and Frontlines as the driver.  Ray is imported
only when this engine runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from frontlines import errors, settings
from frontlines.errors import (
    ClusterUnreachable,
    EmptyInput,
    InputError,
    InputNotFound,
    MissingDependency,
)
from frontlines.fuse.minhash import content_hash
from frontlines.records import Article
from frontlines.store.db import open_db
from frontlines.store.ingest import (
    Extractor,
    IngestSummary,
    _extract,
    _warm,
    _Work,
    ingest_articles,
)

#: What to install for this engine; said by ``MissingDependency``.
INSTALL = "ray[data]==2.60.0"

#: Input files per Ray Data block (a block is what one actor call receives): enough to
#: amortise a call's overhead (16 scaled better than 4 in benchmarks/ray_ingest.py), while
#: ``ray_rows`` keeps at least 4 blocks per worker so that none waits at the end.
UNITS_PER_BLOCK = 16

# A unit is one input: (kind, source, data).  Kinds: "path" (a path given on the command
# line that is not a directory), "file" (a file found in a directory), "data" (stdin's
# bytes), "error" (a listing error found here: data is b"ClassName\n" + reason).
Unit = tuple[str, str, bytes]
# What a worker sends back per unit: ("E", class name, source, reason) per input error,
# ("A", _Work) per article, in the reader's order.
Entry = tuple[Any, ...]


# --- here (the driver) ----------------------------------------------------------------


def plan_units(paths: Sequence[str]) -> list[Unit]:
    """The inputs under ``paths``, one unit per file, in ``read_inputs``' order."""
    from frontlines.ingest import _walk  # type: ignore[attr-defined,unused-ignore]

    units: list[Unit] = []
    for path in paths:
        if path == "-":
            units.append(("data", "-", sys.stdin.buffer.read(settings.MAX_INPUT_BYTES + 1)))
        elif not os.path.isdir(path):
            units.append(("path", path, b""))  # the worker reports a missing path as local does
        else:
            unreadable: list[OSError] = []
            files = _walk(path, unreadable)
            for error in unreadable:
                where = error.filename or path
                reason = f"cannot be listed ({error.strerror or error}); check its permissions"
                units.append(_error_unit(InputNotFound(where, reason)))
            if not files and not unreadable:
                units.append(
                    _error_unit(EmptyInput(path, "the directory holds no (non-hidden) files"))
                )
            units.extend(("file", file, b"") for file in files)
    return units


def _error_unit(error: InputError) -> Unit:
    return ("error", error.source, f"{type(error).__name__}\n{error.reason}".encode())


def _input_error(name: str, source: str, reason: str) -> InputError:
    """The InputError a worker reported, rebuilt here (its class when we know it)."""
    cls = getattr(errors, name, InputError)
    if not (isinstance(cls, type) and issubclass(cls, InputError)):
        cls = InputError
    return cls(source, reason)


class _Handoff:
    """Feeds ``ingest_articles`` the articles and, in step, their extraction results.

    ``items`` yields what the readers yielded; ``results`` is called by the store with
    the articles it did not skip as stored or repeated, one at a time, right after
    ``items`` yielded each, so the result waiting in ``self.work`` is that article's.
    """

    def __init__(
        self,
        rows: Iterator[list[Entry]],
        on_warning: Callable[[str, str], None] | None = None,
    ) -> None:
        self.rows = rows
        self.work: _Work | None = None
        self.on_warning = on_warning

    def items(self) -> Iterator[Article | InputError]:
        for entries in self.rows:
            for entry in entries:
                if entry[0] == "E":
                    yield _input_error(entry[1], entry[2], entry[3])
                else:
                    self.work = entry[1]
                    article = entry[1].article
                    # The readers' fallbacks and ignored fields, as read_inputs tells them.
                    if self.on_warning is not None:
                        for warning in article.warnings:
                            self.on_warning(article.article_id, warning)
                    yield article

    def results(
        self, articles: Iterable[tuple[Article, str]], workers: int, extractor: Extractor | None
    ) -> Iterator[_Work]:
        for article, digest in articles:
            work = self.work
            if work is None or work.article is not article or work.content_hash != digest:
                raise RuntimeError("the Ray engine's results are out of step with its articles")
            self.work = None
            yield work


# --- there (the workers) --------------------------------------------------------------


def _read_unit(unit: Unit, published: dt.date | None) -> Iterator[Article | InputError]:
    """What ``read_inputs`` yields for this one input."""
    from frontlines.ingest import (  # type: ignore[attr-defined,unused-ignore]
        _file_kind,
        _iter_bytes,
        _read_file,
        _read_path,
    )

    kind, source, data = unit
    if kind == "error":
        name, _, reason = data.decode().partition("\n")
        yield _input_error(name, source, reason)
    elif kind == "data":
        yield from _iter_bytes(data, source=source, published=published, fmt=None)
    elif kind == "path":
        yield from _read_path(source, published)
    else:  # a file found in a directory, checked as read_inputs checks it
        try:
            st = os.stat(source)
        except OSError as exc:
            yield InputNotFound(source, f"cannot be opened ({exc.strerror or exc})")
            return
        if not stat.S_ISREG(st.st_mode):
            yield InputNotFound(
                source, f"{_file_kind(st.st_mode)}, not a regular file: it is not read"
            )
            return
        yield from _read_file(source, st, published)


def process_unit(unit: Unit, published: dt.date | None, extractor: Extractor | None) -> list[Entry]:
    """Read, clean and extract one input, as the local engine would."""
    try:
        items = list(_read_unit(unit, published))
    except Exception as exc:  # a reader's bug fails this input, not the run
        items = [InputError(unit[1], f"reading failed: {type(exc).__name__}: {exc}")]
    out: list[Entry] = []
    for item in items:
        if isinstance(item, InputError):
            # Sent as fields: an InputError does not survive pickling (its __init__ takes two).
            out.append(("E", type(item).__name__, item.source, item.reason))
        else:
            out.append(("A", _extract(item, content_hash(item.text), extractor)))
    return out


class _Stage:
    """A Ray Data actor: loads the extractor once, then processes blocks of units."""

    def __init__(self, published: dt.date | None, extractor: Extractor | None) -> None:
        self.published = published
        self.extractor = extractor
        if extractor is None:
            _warm()

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        payloads = [
            pickle.dumps(process_unit(pickle.loads(unit), self.published, self.extractor))
            for unit in batch.column("unit").to_pylist()
        ]
        return pa.table({"i": batch.column("i"), "payload": pa.array(payloads, pa.large_binary())})


# --- the pipeline ---------------------------------------------------------------------


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401  (Ray Data needs pyarrow and pandas: the [data] extra)
    except ImportError as exc:
        raise MissingDependency("ray", "--engine ray", INSTALL) from exc
    return ray


def connect(address: str | None) -> bool:
    """Join the cluster at ``address`` (None: start one on this machine, or join the
    one ``$RAY_ADDRESS`` names).  True when this call connected (and should disconnect)."""
    ray = _ray()
    # Offline by rule: no usage report leaves the machine.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if ray.is_initialized():
        return False
    target = address or os.environ.get("RAY_ADDRESS")
    if target:
        _check_listening(target)
    options: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
    if address is None and not os.environ.get("RAY_ADDRESS"):
        options["include_dashboard"] = False
    try:
        ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
        raise ClusterUnreachable(address or os.environ.get("RAY_ADDRESS", ""), str(exc)) from exc
    return True


def _check_listening(address: str) -> None:
    """Fail fast when nothing listens at HOST:PORT: Ray itself would retry for minutes."""
    import socket

    if "://" in address or address == "auto":
        return  # a Ray Client or discovery address: Ray checks it
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ClusterUnreachable(address, "it is not HOST:PORT, e.g. 10.0.0.5:6379")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=5):
            pass
    except OSError as exc:
        raise ClusterUnreachable(address, f"nothing answers there: {exc.strerror or exc}") from exc


def ray_rows(
    units: Sequence[Unit],
    *,
    workers: int,
    published: dt.date | None = None,
    extractor: Extractor | None = None,
) -> Iterator[list[Entry]]:
    """Each unit's entries, in the order of ``units``; the cluster must be connected."""
    if not units:
        return
    ray = _ray()
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # same order, same batches, same ids
    # Ray Data's progress bars and notes would bury the command's own output.
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    context.enable_progress_bars = False
    blocks = min(len(units), max(4 * workers, math.ceil(len(units) / UNITS_PER_BLOCK)))
    dataset = ray.data.from_items(
        [{"i": i, "unit": pickle.dumps(unit)} for i, unit in enumerate(units)],
        override_num_blocks=blocks,
    ).map_batches(
        _Stage,
        batch_format="pyarrow",
        batch_size=None,
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=1,
        fn_constructor_args=(published, extractor),
    )
    expected = 0
    for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
        for i, payload in zip(
            batch.column("i").to_pylist(), batch.column("payload").to_pylist(), strict=True
        ):
            if i != expected:
                raise RuntimeError(f"the Ray pipeline returned input {i} where {expected} was due")
            expected += 1
            yield pickle.loads(payload)


def ingest_ray(
    paths: Sequence[str | Path],
    *,
    db: Any = None,
    published: dt.date | None = None,
    workers: int | None = None,
    address: str | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
    extractor: Extractor | None = None,
) -> IngestSummary:
    """``store.ingest.ingest`` with reading, cleaning and extraction on a Ray cluster.

    ``address`` is a running cluster's ``HOST:PORT`` (None: a cluster on this machine).
    ``workers`` is the number of extraction actors (default: the cluster's CPUs).
    """
    from sqlite_utils import Database

    database = db if isinstance(db, Database) else open_db(db)
    units = plan_units([str(p) for p in paths])
    connected = connect(address)
    ray = _ray()
    try:
        size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        handoff = _Handoff(
            ray_rows(units, workers=size, published=published, extractor=extractor), on_warning
        )
        return ingest_articles(
            handoff.items(),
            db=database,
            workers=size,
            on_progress=on_progress,
            extractor=extractor,
            results=handoff.results,
        )
    finally:
        if connected:
            ray.shutdown()
