"""Request guards: Host header check, HEAD as GET, write rate limit, bounded reads.

Pure ASGI middleware and small helpers, kept apart from the routes in ``app``.

- **Host** (DNS rebinding): a page on an attacker's domain that re-resolves to
  127.0.0.1 sends its requests with the attacker's name in ``Host``; only the
  names the server is served under are answered.
- **HEAD** is answered wherever GET is, with the GET's headers and no body.
- **Writes** are rate-limited per client (a token bucket).
- **Expensive reads** are bounded by a semaphore, so that a crowd of clients
  queues instead of exhausting memory; a client that waits too long gets 503.
"""

from __future__ import annotations

import ipaddress
import json
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from frontlines import settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(bind_host: str | None) -> frozenset[str] | None:
    """The names a server bound to ``bind_host`` answers to; None: any name.

    Loopback: its loopback names.  A named interface: that name.  All interfaces
    (0.0.0.0, ::) cannot know its names: any, unless $FRONTLINES_ALLOWED_HOSTS lists
    them.  That variable always adds names ("*": any).
    """
    extra = [
        h.strip().lower().strip("[]")
        for h in os.environ.get(settings.API_ALLOWED_HOSTS_ENV_VAR, "").split(",")
        if h.strip()
    ]
    if "*" in extra:
        return None
    host = (bind_host or "").lower().strip("[]")
    names: set[str] = set(extra)
    if host in ("", "0.0.0.0", "::"):
        return frozenset(names) if names else None
    names.add(host)
    try:
        if ipaddress.ip_address(host).is_loopback:
            names.update(_LOOPBACK_NAMES)
    except ValueError:
        if host == "localhost":
            names.update(_LOOPBACK_NAMES)
    return frozenset(names)


def host_name(header: str) -> str:
    """The name in a Host header, without its port ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


async def _send_json(
    send: Send, status: int, body: dict[str, Any], headers: Iterable[tuple[bytes, bytes]] = ()
) -> None:
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                (b"cache-control", b"no-store"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


class GuardMiddleware:
    """Host check and HEAD-as-GET, in front of everything else."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None:
            raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            name = host_name(raw)
            if name not in self.hosts:
                await _send_json(
                    send,
                    421,
                    {
                        "error": f"Host {raw[:100]!r} is not a name this server answers to "
                        f"({', '.join(sorted(self.hosts))}); list more names in "
                        f"${settings.API_ALLOWED_HOSTS_ENV_VAR} (DNS rebinding protection)",
                        "type": "MisdirectedRequest",
                    },
                )
                return
        if scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class RateLimiter:
    """A token bucket per client: ``burst`` requests at once, then ``rate`` per second."""

    def __init__(self, burst: int, rate: float) -> None:
        self.burst = burst
        self.rate = rate
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def retry_after(self, client: str) -> float:
        """0 when the request may go ahead (and is counted), else seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                if len(self._buckets) > 10_000:  # forget idle clients; memory stays bounded
                    self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60}
                return 0.0
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.rate


class ReadBound:
    """At most ``limit`` expensive reads at once; the others wait, then give up."""

    def __init__(self, limit: int, wait: float) -> None:
        self._slots = threading.BoundedSemaphore(limit)
        self.wait = wait

    def acquire(self) -> bool:
        return self._slots.acquire(timeout=self.wait)

    def release(self) -> None:
        self._slots.release()
