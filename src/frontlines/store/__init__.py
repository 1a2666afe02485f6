"""The store: articles, reports, fused events and control timelines in SQLite.

``open_db`` opens (and migrates) a database; ``ingest`` reads inputs and stores
their articles and events.  The stage packages ``fuse`` and ``control`` read and
write their own tables through the same connection.
"""

from __future__ import annotations

from frontlines.store.db import open_db, report_from_row, report_to_row, transaction
from frontlines.store.ingest import IngestFailure, IngestSummary, ingest, ingest_articles
from frontlines.store.schema import SCHEMA_VERSION, migrate

__all__ = [
    "SCHEMA_VERSION",
    "IngestFailure",
    "IngestSummary",
    "ingest",
    "ingest_articles",
    "migrate",
    "open_db",
    "report_from_row",
    "report_to_row",
    "transaction",
]
