"""The FastAPI app: the REST API under /api, the map page at /, its assets under /static.

Every endpoint validates its parameters and answers a ``FrontlinesError`` with
a 4xx and ``{"error": message, "type": class name}``: a 500 is always a bug.
The page is served with a strict Content-Security-Policy (scripts only from
this origin, no inline script), so markup smuggled in through an article
cannot run even if some future code mistakenly rendered it as HTML.
"""

from __future__ import annotations

import hmac
import json
import threading
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlite_utils import Database
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontlines import __version__, settings
from frontlines.api import _data
from frontlines.errors import (
    AmbiguousDistrict,
    DatabaseError,
    FrontlinesError,
    InputError,
    InputTooLarge,
    InvalidDate,
    InvalidParameter,
    NotFound,
    UnknownPlace,
    UnknownSubEventType,
)
from frontlines.fuse import FUSED_CLAIM_STATUSES

#: Applied to every response; the page needs nothing beyond its own origin.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
#: A POST body larger than this is refused before it is read into memory.
_MAX_BODY_BYTES = 2 * settings.MAX_INPUT_BYTES


def _status_of(exc: FrontlinesError) -> int:
    if isinstance(exc, NotFound | UnknownPlace):
        return 404
    if isinstance(exc, InputTooLarge):
        return 413
    if isinstance(exc, InvalidParameter | InvalidDate | UnknownSubEventType | AmbiguousDistrict):
        return 400
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, DatabaseError):
        return 503
    return 400


def _error(status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse({"error": message, "type": kind}, status_code=status, headers=headers)


def _static_files() -> dict[str, tuple[bytes, str]]:
    """The page's files, read once from the package (works from a wheel or a checkout)."""
    root = resources.files("frontlines").joinpath("web").joinpath("static")
    out: dict[str, tuple[bytes, str]] = {}
    for entry in root.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1] if "." in entry.name else ""
        if entry.is_file() and suffix in _CONTENT_TYPES:
            out[entry.name] = (entry.read_bytes(), _CONTENT_TYPES[suffix])
    return out


class _Databases:
    """One SQLite connection per worker thread (sqlite3 connections stay in their thread)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self.write_lock = threading.Lock()

    def get(self) -> Database:
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            from frontlines.store import open_db

            db = open_db(self.path, create=False)
            self._local.db = db
        return db


def create_app(db_path: str, token: str | None = None) -> FastAPI:
    """The app serving the database at ``db_path``.

    ``token`` enables ``POST /api/articles`` for callers sending
    ``Authorization: Bearer <token>``; without one the API is read-only.
    """
    from frontlines.store import open_db

    # Fail at start-up, not on the first request, when the database is missing.
    open_db(db_path, create=False).conn.close()
    dbs = _Databases(db_path)
    _data.district_shapes()  # read the polygons now, so no request pays for it
    static = _static_files()
    app = FastAPI(
        title="Frontlines",
        version=__version__,
        summary="Sourced, dated conflict events, district control and road consequences.",
        docs_url=None,  # the stock Swagger UI loads from a CDN: /docs is our own page
        redoc_url=None,
    )
    # Level 1: a third of the size for ~10 ms on the 1.3 MB district GeoJSON; higher
    # levels gain little and would break /api/control's 200 ms budget (level 9: ~150 ms).
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=1)
    app.state.dbs = dbs
    app.state.read_only = not token

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > _MAX_BODY_BYTES):
            return _error(
                413,
                f"request body of {length} bytes is over the limit of {_MAX_BODY_BYTES}: "
                "send one article at a time",
                "InputTooLarge",
            )
        response = await call_next(request)
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(FrontlinesError)
    async def domain_error(request: Request, exc: FrontlinesError) -> Any:
        return _error(_status_of(exc), str(exc), type(exc).__name__)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            problems.append(f"{where}: {err.get('msg')}")
        return _error(400, "invalid request: " + "; ".join(problems), "InvalidParameter")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"no such path {request.url.path[:200]!r}: see /docs for the API"
        elif exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path[:200]!r}"
        return _error(exc.status_code, message, "HTTPError")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Any:
        return _error(500, f"internal error ({type(exc).__name__}); please report it", "Bug")

    def page(name: str) -> Response:
        try:
            body, ctype = static[name]
        except KeyError:
            raise NotFound(
                f"no static file {name[:100]!r}: the page's files are in /static/"
            ) from None
        return Response(body, media_type=ctype, headers={"Cache-Control": "no-cache"})

    # --- the page -------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return page("index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return page("docs.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return page("icon.svg")

    @app.get("/static/{name}", include_in_schema=False)
    def static_file(name: str) -> Response:
        return page(name)

    # --- the API --------------------------------------------------------------------

    @app.get("/api/meta", summary="The theatre's period, countings and latest event date")
    def meta() -> Any:
        out = _data.meta_json(dbs.get())
        out["read_only"] = app.state.read_only
        return out

    @app.get("/api/provinces", summary="Province outlines (GeoJSON) for drawing")
    def provinces() -> Response:
        return Response(_data.provinces_json(), media_type="application/json")

    @app.get("/api/events", summary="Fused events, filtered and paginated")
    def events(
        since: str | None = None,
        until: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        sub_event_type: str | None = None,
        claim_status: str | None = None,
        bbox: str | None = None,
        limit: str | None = None,
        offset: str | None = None,
        order: str | None = None,
    ) -> Any:
        """Dates are inclusive YYYY-MM-DD; ``bbox`` is ``minlon,minlat,maxlon,maxlat``;
        ``order`` is ``asc`` (oldest first, the default) or ``desc``."""
        size, start = _data.parse_page(limit, offset)
        return _data.list_events_page(
            dbs.get(),
            since=_data.parse_date("since", since),
            until=_data.parse_date("until", until),
            admin1=_data.parse_text("admin1", admin1),
            admin2=_data.parse_text("admin2", admin2),
            sub_event_type=_data.parse_text("sub_event_type", sub_event_type),
            claim_status=_data.parse_choice("claim_status", claim_status, FUSED_CLAIM_STATUSES),
            bbox=_data.parse_bbox(bbox),
            limit=size,
            offset=start,
            order=_data.parse_choice("order", order, ("asc", "desc")) or "asc",
        )

    @app.get("/api/events/{event_id}", summary="One fused event with every report")
    def event(event_id: str) -> Any:
        return _data.get_event_json(dbs.get(), event_id)

    @app.get("/api/control", summary="District GeoJSON with each district's state on a date")
    def control(
        date: str | None = None, counting: str | None = None, geometry: str | None = None
    ) -> Response:
        """``date`` defaults to the latest event date; ``geometry=false`` leaves the
        polygons out (the page fetches them once, then only the states)."""
        with_geometry = _data.parse_choice("geometry", geometry, ("true", "false", "1", "0"))
        body = _data.control_json(
            dbs.get(),
            _data.parse_date("date", date),
            _data.parse_counting(counting),
            geometry=with_geometry not in ("false", "0"),
        )
        return Response(body, media_type="application/json")

    @app.get(
        "/api/control/summary",
        summary="Districts by controller, one row per week (the timeline chart)",
    )
    def control_summary(counting: str | None = None) -> Any:
        """Rows {"week", "government", "taliban", "resistance", "contested", "unknown"}."""
        from frontlines.control import weekly_summary

        return weekly_summary(dbs.get(), _data.parse_counting(counting))

    @app.get(
        "/api/control/{admin2}/history",
        summary="A district's control history with its evidence",
    )
    def control_history(admin2: str, admin1: str | None = None, counting: str | None = None) -> Any:
        return _data.history_json(
            dbs.get(),
            _data.parse_text("admin2", admin2) or admin2,
            _data.parse_text("admin1", admin1),
            _data.parse_counting(counting),
        )

    @app.get("/api/routes", summary="Roads, crossings and capitals cut off on a date")
    def routes(date: str | None = None, counting: str | None = None, hub: str | None = None) -> Any:
        return _data.routes_json(
            dbs.get(),
            _data.parse_date("date", date),
            _data.parse_counting(counting),
            _data.parse_text("hub", hub),
        )

    @app.get("/api/articles/{article_id}", summary="A stored article and its reports")
    def article(article_id: str) -> Any:
        return _data.get_article_json(dbs.get(), article_id)

    @app.post(
        "/api/articles",
        status_code=201,
        summary="Ingest one article (needs the operator's bearer token)",
    )
    async def post_article(request: Request) -> Any:
        """Body: ``{"text": ..., "id"?, "title"?, "url"?, "outlet"?, "published"?}``.
        The control timeline of the districts it touches is redone before the answer."""
        if not token:
            return _error(
                403,
                "this server is read-only: the operator starts it with a token "
                f"(${settings.API_TOKEN_ENV_VAR} or 'frontlines serve --token-env NAME') "
                "to accept articles",
                "ReadOnly",
            )
        given = request.headers.get("authorization", "")
        scheme, _, credential = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            credential.strip().encode(), token.encode()
        ):
            return _error(
                401,
                "missing or wrong token: send 'Authorization: Bearer <token>' with the "
                "token the operator configured",
                "Unauthorized",
                headers={"WWW-Authenticate": "Bearer"},
            )
        # Read at most _MAX_BODY_BYTES: a chunked body has no Content-Length to check.
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > _MAX_BODY_BYTES:
                return _error(
                    413,
                    f"request body over the limit of {_MAX_BODY_BYTES} bytes: "
                    "send one article at a time",
                    "InputTooLarge",
                )
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: arrays nested too deep
            raise InvalidParameter(
                "body",
                "(not JSON)",
                'a JSON object such as {"text": "...", "published": "2021-06-21"}',
            ) from None
        new = _data.parse_new_article(body)

        def write() -> dict[str, Any]:
            with dbs.write_lock:
                return _data.ingest_one(dbs.get(), new)

        return JSONResponse(await run_in_threadpool(write), status_code=201)

    return app
