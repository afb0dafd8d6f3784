"""The on-disk caches under $FACTDIFF_HOME (embeddings, article analyses): one key-value table each in
SQLite, in write-ahead mode so that several factdiff processes (CI jobs on one runner) share it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_cache_table(path: Path, table: str, value_column: str) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=60)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    with con:
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} (key BLOB PRIMARY KEY, {value_column} BLOB NOT NULL) WITHOUT ROWID")
    return con
