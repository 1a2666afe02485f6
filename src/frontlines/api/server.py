"""Running the app with uvicorn: in the foreground (``serve``) or in a thread (tests)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from frontlines import settings
from frontlines.errors import InvalidParameter, ServerStartFailed


def _config(db_path: str, host: str, port: int, token: str | None) -> Any:
    import uvicorn

    from frontlines.api.app import create_app

    if not 0 <= port <= 65535:
        raise InvalidParameter("port", port, "0 to 65535 (0 picks a free port)")
    return uvicorn.Config(
        create_app(db_path, token=token),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        server_header=False,
    )


def _check_free(host: str, port: int) -> None:
    """ServerStartFailed now, in one line, rather than a uvicorn log and exit later."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ServerStartFailed(
            f"cannot listen on host {host!r} ({exc.strerror or exc}): pass --host 127.0.0.1"
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise ServerStartFailed(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}): "
                "pass another --port, or stop what holds this one"
            ) from None


def serve(
    db_path: str,
    host: str = settings.DEFAULT_HOST,
    port: int = settings.DEFAULT_PORT,
    token: str | None = None,
) -> None:
    """Serve the map and the API until interrupted.

    ``token`` (None: ``$FRONTLINES_API_TOKEN``, see ``settings.API_TOKEN_ENV_VAR``;
    "" : none) enables POST /api/articles; without one the API is read-only.
    """
    import uvicorn

    if token is None:
        token = os.environ.get(settings.API_TOKEN_ENV_VAR) or None
    _check_free(host, port)
    server = uvicorn.Server(_config(db_path, host, port, token))
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving Frontlines at http://{shown}:{port}/", flush=True)
    if not token:
        print("read-only: no API token configured (POST /api/articles answers 403)", flush=True)
    print("Press Ctrl-C to stop the server.", flush=True)
    server.run()


@dataclass
class ServerHandle:
    """A server running in a background thread; ``stop()`` shuts it down."""

    host: str
    port: int
    server: Any
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_background(
    db_path: str,
    host: str = settings.DEFAULT_HOST,
    port: int = 0,
    token: str | None = None,
    *,
    timeout: float = 15.0,
) -> ServerHandle:
    """Start a server in a daemon thread and wait until it listens (``port=0``: a free port).

    For tests and benchmarks: they get a real server on loopback.
    """
    import uvicorn

    server = uvicorn.Server(_config(db_path, host, port, token))
    thread = threading.Thread(target=server.run, name="frontlines-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise ServerStartFailed(
                f"the server on {host}:{port} did not start within {timeout:.0f} s: "
                "is the port taken? pass another port"
            )
        time.sleep(0.02)
    bound = port
    for srv in server.servers:
        for sock in srv.sockets:
            bound = int(sock.getsockname()[1])
            break
    return ServerHandle(host=host, port=bound, server=server, thread=thread)
