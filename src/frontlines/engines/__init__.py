"""Engines: where reading, cleaning and extraction run, above the stages.

The local engine is ``store.ingest`` itself (a pool of local processes).  Other
engines (``ray_engine``) run the same stage functions elsewhere and hand their
results back to ``store.ingest.ingest_articles``, so every write goes through the
same store code.  Each engine imports its library only when it is used.
"""

from __future__ import annotations

#: Engine names for ``frontlines ingest --engine``.
ENGINES = ("local", "ray")

__all__ = ["ENGINES"]
