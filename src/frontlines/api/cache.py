"""Read responses cached until the database changes, computed once however many ask.

Control, routes, events and histories change only when something is written, and
many clients ask for the same few dates: each response body is kept (with its
gzip form, so a large body is compressed once, not once per client) under its
path and query, and reused while the database files are unchanged.  Writes by
this server or by an ingest in another process change the files, so the next
read computes afresh.

- Only one computation per key runs at a time; a client arriving meanwhile gets
  the previous body if there is one (a view at most one write old), else waits
  for that computation instead of starting its own.
- At most ``settings.API_MAX_EXPENSIVE_READS`` computations run at once; a client
  that cannot get a slot within ``API_BUSY_WAIT_SECONDS`` gets ServerBusy (503).
- A client that has gone before its computation starts is not computed for.
- The cache holds at most ``max_bytes``, least recently used first out.
"""

from __future__ import annotations

import asyncio
import gzip
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from frontlines import settings
from frontlines.errors import ServerBusy

Key = tuple[str, tuple[tuple[str, str], ...]]
#: Bodies smaller than this go out as they are (GZipMiddleware's threshold too).
_GZIP_MIN_BYTES = 2048


@dataclass(frozen=True, slots=True)
class _Entry:
    fingerprint: tuple[int, ...]
    body: bytes
    gz: bytes | None

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gz or b"")


class ResponseCache:
    """Cached JSON bodies of one database's read endpoints."""

    def __init__(self, db_path: str, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.db_path = db_path
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._bytes = 0
        self._inflight: dict[Key, asyncio.Future[None]] = {}
        self._slots: asyncio.Semaphore | None = None

    def fingerprint(self) -> tuple[int, ...]:
        """Changes whenever the database or its write-ahead log is written."""
        out: list[int] = []
        for path in (self.db_path, self.db_path + "-wal"):
            try:
                st = os.stat(path)
            except OSError:
                out += [0, 0, 0]
                continue
            out += [st.st_mtime_ns, st.st_size, st.st_ino]
        return tuple(out)

    def _respond(self, entry: _Entry, request: Request) -> Response:
        if entry.gz is not None and "gzip" in request.headers.get("accept-encoding", ""):
            return Response(
                entry.gz,
                media_type="application/json",
                headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
            )
        return Response(entry.body, media_type="application/json")

    def _store(self, key: Key, entry: _Entry) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.size
        if entry.size > self.max_bytes:
            return
        self._entries[key] = entry
        self._bytes += entry.size
        while self._bytes > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.size

    async def respond(self, request: Request, compute: Callable[[], bytes]) -> Response:
        """The cached body for this request, computing it (once) when stale."""
        key: Key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
        while True:
            fingerprint = self.fingerprint()
            entry = self._entries.get(key)
            if entry is not None and entry.fingerprint == fingerprint:
                self._entries.move_to_end(key)
                return self._respond(entry, request)
            running = self._inflight.get(key)
            if running is None:
                break
            if entry is not None:
                return self._respond(entry, request)  # one write old, while it is redone
            await asyncio.shield(running)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = done
        try:
            if await request.is_disconnected():
                return Response(status_code=499)  # the client has gone: no work for it
            body, gz = await self._compute(compute)
            self._store(key, _Entry(fingerprint, body, gz))
            return self._respond(_Entry(fingerprint, body, gz), request)
        finally:
            del self._inflight[key]
            done.set_result(None)

    async def _compute(self, compute: Callable[[], bytes]) -> tuple[bytes, bytes | None]:
        if self._slots is None:
            self._slots = asyncio.Semaphore(settings.API_MAX_EXPENSIVE_READS)
        try:
            await asyncio.wait_for(self._slots.acquire(), settings.API_BUSY_WAIT_SECONDS)
        except TimeoutError:
            raise ServerBusy(
                f"{settings.API_MAX_EXPENSIVE_READS} expensive reads are running and this one "
                f"waited {settings.API_BUSY_WAIT_SECONDS:g} s: try again shortly"
            ) from None
        try:

            def work() -> tuple[bytes, bytes | None]:
                body = compute()
                gz = gzip.compress(body, 1) if len(body) >= _GZIP_MIN_BYTES else None
                return body, gz

            return await run_in_threadpool(work)
        finally:
            self._slots.release()
