"""The archive: earlier batches' articles, claims (with their mentions) and claim vectors, kept so
that a new batch is also checked against what was published before it.

The store sits behind `ArchiveStore`: one SQLite file by default (`SQLiteArchive`), or a PostgreSQL
database with pgvector for a newsroom-sized archive (`checker.archive_pg.PostgresArchive`, chosen by a
postgresql:// location). Both share `_SQLStore`, the batch algorithm and the reads; they differ in
transactions, locking and the nearest-claim search. Each batch is written in one transaction, so a
process killed during `archive add` leaves the archive as it was before the batch. Vectors are only comparable within one embedding
model, so the archive records its model and refuses a batch embedded with another.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Protocol, Sequence, Union

import numpy as np

from checker.models import Article, Claim

SCHEMA_VERSION = 3  # the SQLite archive's; migrations in _SQLITE_MIGRATIONS
_SQL_VARS = 500  # keys per SELECT ... IN (...), below SQLite's variable limit


class ArchiveError(ValueError):
    """The archive cannot be used as asked (another model, another vector size, a newer schema)."""


@dataclass(frozen=True)
class BatchInfo:
    id: int
    name: str
    added: str  # UTC, ISO 8601
    articles: int


@dataclass(frozen=True)
class AddResult:
    batch: int
    added: int  # articles new to the archive
    replaced: int  # articles already archived under the same id with another text (an updated article)
    unchanged: int  # articles archived before with the same text: kept as they were
    claims: int


Dated = tuple[str, Optional[dt.date], Optional[dt.date]]  # article id, publication interval (None: undated)
Neighbours = list[list[tuple[str, float]]]  # per query vector: (article id, cosine similarity) of its nearest claims
Location = Union[Path, str]  # an archive file, or a postgresql:// URL


class ArchiveStore(Protocol):
    def model(self) -> Optional[str]:
        """The embedding model of the stored vectors; None while the archive is empty."""

    def add_batch(
        self, name: str, articles: Sequence[Article], claims: Sequence[Claim], vectors: np.ndarray, model: str
    ) -> AddResult:
        """Store one batch atomically; `vectors[i]` belongs to `claims[i]`."""

    def articles_between(self, start: Optional[dt.date], end: Optional[dt.date], undated: bool = True) -> list[Article]:
        """Articles whose publication interval meets [start, end] (None: unbounded), plus undated ones if asked."""

    def dates_between(self, start: Optional[dt.date], end: Optional[dt.date], undated: bool = True) -> list[Dated]:
        """Like articles_between, but only ids and publication intervals: cheap enough for a wide window."""

    def articles(self, ids: Iterable[str]) -> list[Article]:
        ...

    def claims_for(self, docs: Iterable[str]) -> list[Claim]:
        ...

    def vectors_for(self, claim_ids: Sequence[str]) -> np.ndarray:
        """Float32 unit vectors, one row per claim id, in the order given."""

    def claim_vectors(self, docs: Iterable[str]) -> tuple[list[tuple[str, str]], np.ndarray]:
        """(claim id, article id) of every claim of these articles, and their vectors row by row."""

    def nearest(self, queries: np.ndarray, docs: Sequence[str], k: int, floor: Optional[float] = None,
                codes: Optional[tuple] = None) -> Neighbours:
        """For each query vector, its `k` nearest claims among those of `docs`, nearest first. With a
        `floor`, neighbours below it may be left out (those at or above it are exactly the same);
        `codes`: search_codes(docs), read before."""

    def search_codes(self, docs: Sequence[str]) -> Optional[tuple]:
        """What nearest() with a floor reads first for these articles (window_codes), or None where
        it would search otherwise."""

    def window_vectors(self, docs: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Every claim vector of these articles, row by row, and the article of each row."""

    def reading(self) -> contextlib.AbstractContextManager:
        """One consistent snapshot for several reads: a batch committed meanwhile is seen whole or not at all."""

    def batches(self) -> list[BatchInfo]:
        ...

    def article_ids(self) -> list[str]:
        ...

    def close(self) -> None:
        ...


def _date(value: Optional[str]) -> Optional[dt.date]:
    return dt.date.fromisoformat(value) if value else None


def ensure_model(store: ArchiveStore, model: str) -> None:
    stored = store.model()
    if stored is not None and stored != model:
        raise ArchiveError(
            f"the archive holds vectors of the embedding model {stored!r}, this run uses {model!r}; vectors of "
            "different models cannot be compared: run with the archive's model (--model) or start a new archive"
        )


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def published_interval(article: Article) -> tuple[Optional[dt.date], Optional[dt.date]]:
    value = article.published
    if value is None or value.start is None:
        return None, None
    return value.start, value.end or value.start


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY, name TEXT NOT NULL, added TEXT NOT NULL, articles INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, batch INTEGER NOT NULL REFERENCES batches(id), published_start TEXT, published_end TEXT,
    text_sha256 TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published_start, published_end);
CREATE TABLE IF NOT EXISTS claims (id TEXT PRIMARY KEY, doc TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc);
CREATE TABLE IF NOT EXISTS vectors (claim_id TEXT PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID;
"""

# doc_vectors (schema version 2, both stores): an article's claim vectors in one value, float32
# big-endian row after row (PostgreSQL's own binary form of a vector, so that its migration packs
# them in SQL). A check reads its time window's vectors from here: one row per archived article
# instead of one per claim, a sequential read where the claims' rows are scattered over the table.
PACKED = np.dtype(">f4")


def pack(vectors: np.ndarray) -> bytes:
    return np.ascontiguousarray(vectors, dtype=PACKED).tobytes()


def _sqlite_doc_vectors(con: sqlite3.Connection) -> None:
    """Version 2: the packed doc_vectors, filled from the archive's vectors."""
    import itertools

    # A rowid table: each row is a few tens of KB, which WITHOUT ROWID tables handle badly.
    con.execute("CREATE TABLE doc_vectors (doc TEXT PRIMARY KEY REFERENCES articles(id), claims INTEGER NOT NULL, vecs BLOB NOT NULL)")
    rows = con.execute("SELECT claims.doc, vectors.vec FROM claims JOIN vectors ON vectors.claim_id = claims.id ORDER BY claims.doc, claims.id")
    for doc, group in itertools.groupby(rows, key=lambda row: row[0]):
        vectors = np.stack([np.frombuffer(vec, dtype="<f4") for _, vec in group])
        con.execute("INSERT INTO doc_vectors VALUES (?, ?, ?)", (doc, len(vectors), pack(vectors)))


# doc_codes (schema version 3, both stores): the same vectors as doc_vectors, one byte per component
# (`quantize`): a quarter of the bytes for the first pass of a check's window search (`coded_nearest`).
CODE_SLACK = 1e-5  # added to each claim's error bound: the float32 rounding of the first pass's products


def quantize(vectors: np.ndarray) -> bytes:
    """An article's claim vectors as codes: per claim a float32 scale, a float32 bound and int8s, the
    claim's unit vector being scale * int8s within `bound` (Euclidean). Little-endian: scales, then
    bounds, then the codes row after row."""
    vectors = np.asarray(vectors, dtype=np.float64)
    units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    scales = (np.abs(units).max(axis=1, initial=0.0) / 127.0).astype("<f4")
    steps = np.where(scales > 0, scales, 1.0).astype(np.float64)[:, None]
    codes = np.clip(np.rint(units / steps), -127, 127).astype(np.int8)
    error = np.linalg.norm(units - codes * scales.astype(np.float64)[:, None], axis=1)
    bounds = np.nextafter((error + CODE_SLACK).astype("<f4"), np.float32(np.inf)).astype("<f4")
    return scales.tobytes() + bounds.tobytes() + codes.tobytes()


def unquantize(blob: bytes, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scales, bounds, codes (count, dim)) of one quantize() value."""
    scales = np.frombuffer(blob, dtype="<f4", count=count)
    bounds = np.frombuffer(blob, dtype="<f4", count=count, offset=4 * count)
    codes = np.frombuffer(blob, dtype=np.int8, offset=8 * count).reshape(count, -1)
    return scales, bounds, codes


def _sqlite_doc_codes(con: sqlite3.Connection) -> None:
    """Version 3: doc_codes, from doc_vectors."""
    con.execute("CREATE TABLE doc_codes (doc TEXT PRIMARY KEY REFERENCES articles(id), claims INTEGER NOT NULL, codes BLOB NOT NULL)")
    for doc, count, vecs in con.execute("SELECT doc, claims, vecs FROM doc_vectors"):
        con.execute("INSERT INTO doc_codes VALUES (?, ?, ?)", (doc, count, quantize(np.frombuffer(vecs, dtype=PACKED).reshape(count, -1))))


# _SQLITE_MIGRATIONS[i] brings a SQLite archive from version i + 1 to i + 2 (version 1 is _SCHEMA). A
# released migration is never edited; a change of schema is a new entry.
_SQLITE_MIGRATIONS = [_sqlite_doc_vectors, _sqlite_doc_codes]
assert SCHEMA_VERSION == 1 + len(_SQLITE_MIGRATIONS)

APPLICATION_ID = 0x46444946  # "FDIF" in the SQLite header: this file is a factdiff archive
_TABLES = {"meta", "batches", "articles", "claims", "vectors"}
_SQLITE_HEADER = b"SQLite format 3\x00"


_EXACT_ROWS = 1 << 16  # window rows scored at once: bounds the score matrix (150 queries: 39 MB)


def exact_nearest(keys: Sequence[tuple[str, str]], vectors: np.ndarray, queries: np.ndarray, k: int) -> Neighbours:
    """Exhaustive cosine search of `queries` among `vectors`, whose rows are `keys`. One matrix product
    per block of rows (BLAS): 150 queries among 126,000 rows took 0.9 s against 7.1 s for usearch's
    exact search on the same 2 busy cores. Of equal scores the earlier row wins, so that a search over
    a subset of the rows in the same order (coded_candidates' articles) keeps the same ones."""
    if not len(keys) or not len(queries):
        return [[] for _ in range(len(queries))]
    queries = np.asarray(queries, dtype=np.float32)
    queries = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12)
    k = min(k, len(keys))
    kept_rows: list[list[np.ndarray]] = [[] for _ in range(len(queries))]
    kept_scores: list[list[np.ndarray]] = [[] for _ in range(len(queries))]
    for first in range(0, len(vectors), _EXACT_ROWS):
        block = np.asarray(vectors[first : first + _EXACT_ROWS], dtype=np.float32)
        scores = queries @ block.T
        scores /= np.maximum(np.sqrt(np.einsum("ij,ij->i", block, block)), 1e-12)  # einsum: no squared copy of the block
        least = min(k, scores.shape[1])
        kth = np.partition(scores, -least, axis=1)[:, -least]
        for q in range(len(queries)):
            rows = np.flatnonzero(scores[q] >= kth[q])
            rows = rows[np.lexsort((rows, -scores[q, rows]))[:least]]
            kept_rows[q].append(rows + first)
            kept_scores[q].append(scores[q, rows])
    found: Neighbours = []
    for q in range(len(queries)):
        rows, scores = np.concatenate(kept_rows[q]), np.concatenate(kept_scores[q])
        best = np.lexsort((rows, -scores))[:k]
        found.append([(keys[int(row)][1], float(score)) for row, score in zip(rows[best], scores[best])])
    return found


# How far a claim's score from its codes is taken to be from its exact score, as a share of the claim's
# bound. The bound holds against any query (Cauchy-Schwarz), but the error of a score is the bound's
# projection on the query, about bound / sqrt(dim): on the 100,000-article bench archive (384 dims) the
# largest of 54 million was 0.27 of the bound (5.3 standard deviations), so 0.5 is over 9 of them.
# The whole bound would keep ten times the claims for the exact pass (docs/benchmarks.md).
CODE_MARGIN = 0.5


def coded_candidates(scales: np.ndarray, bounds: np.ndarray, codes: np.ndarray, queries: np.ndarray, k: int,
                     floor: float, margin: float = CODE_MARGIN) -> np.ndarray:
    """The first pass of the window search: the rows (sorted) that may be among a query's `k` nearest at
    `floor` or above, judged by the codes. A row is passed over where its score plus its margin is
    below the floor or below the k-th best score less its margin, so the exact search over the rows
    returned finds the neighbours at the floor that an exact search over all finds."""
    if not len(codes) or not len(queries):
        return np.zeros(0, dtype=np.int64)
    queries = np.asarray(queries, dtype=np.float32)
    queries = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12)
    slack = bounds * np.float32(margin)
    rows_q, rows, lows = [], [], []
    for first in range(0, len(codes), _EXACT_ROWS):
        block = slice(first, first + _EXACT_ROWS)
        approx = queries @ codes[block].astype(np.float32).T
        approx *= scales[block]
        least = min(k, approx.shape[1])
        lower = approx - slack[block]
        local_kth = np.partition(lower, -least, axis=1)[:, -least]  # at most the k-th over the whole window
        approx += slack[block]
        q, row = np.nonzero(approx >= np.maximum(local_kth, floor)[:, None])
        rows_q.append(q)
        rows.append(row + first)
        lows.append(lower[q, row])
    q, row, low = np.concatenate(rows_q), np.concatenate(rows), np.concatenate(lows)
    upper = low + 2 * slack[row]
    keep = np.zeros(len(row), dtype=bool)
    order = np.argsort(q, kind="stable")
    edges = np.searchsorted(q[order], np.arange(len(queries) + 1))
    for i in range(len(queries)):
        mine = order[edges[i] : edges[i + 1]]
        kth = np.partition(low[mine], -k)[-k] if len(mine) >= k else -np.inf
        keep[mine] = upper[mine] >= max(kth, floor)
    return np.unique(row[keep])


class _SQLStore:
    """What both stores share: the batch algorithm (new, replaced, unchanged articles; one model, one
    vector size) and the reads. A subclass gives `where` (the archive's name in messages), `_rows` and
    `_many` (statements with ?-placeholders), `_select` (a list of keys bound to `IN ({})`),
    `_write_transaction`, `reading`, `_write_vectors`, `_vector` (a stored vector as an array) and
    `nearest`; it may write a batch's rows its own way (`_write_articles`)."""

    where: str

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        raise NotImplementedError

    def _select(self, sql: str, keys: list[str]) -> Iterator[tuple]:
        """`sql` with `IN ({})` over `keys`, in as many queries as the backend needs."""
        raise NotImplementedError

    def _write_transaction(self) -> contextlib.AbstractContextManager:
        raise NotImplementedError

    def _write_vectors(self, claims: list[Claim], vectors: np.ndarray) -> None:
        raise NotImplementedError

    def _vector(self, value) -> np.ndarray:
        raise NotImplementedError

    def _before_write(self) -> None:
        """Checks inside the write transaction, before anything is written."""

    def _first_vectors(self, dim: int) -> None:
        """The archive's vector size is now known (the first batch with claims)."""

    def _meta(self, key: str) -> Optional[str]:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def model(self) -> Optional[str]:
        return self._meta("model")

    def dim(self) -> Optional[int]:
        value = self._meta("dim")
        return int(value) if value else None

    def add_batch(
        self, name: str, articles: Sequence[Article], claims: Sequence[Claim], vectors: np.ndarray, model: str
    ) -> AddResult:
        if len(claims) != len(vectors):
            raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
        dim = int(vectors.shape[1]) if len(vectors) else None
        by_doc: dict[str, list[int]] = {}
        for i, claim in enumerate(claims):
            by_doc.setdefault(claim.doc, []).append(i)
        added = replaced = unchanged = stored_claims = 0
        writes: list[tuple[Article, str, list[Claim], np.ndarray]] = []
        with self._write_transaction():  # holds the archive's write lock: the model check below holds until commit
            self._before_write()
            ensure_model(self, model)
            stored_dim = self.dim()
            if dim is not None and stored_dim not in (None, dim):
                raise ArchiveError(f"{self.where} holds {stored_dim}-dimensional vectors, this batch has {dim}")
            self._rows("INSERT INTO meta VALUES ('model', ?) ON CONFLICT DO NOTHING", (model,))
            if dim is not None and stored_dim is None:
                self._rows("INSERT INTO meta VALUES ('dim', ?)", (str(dim),))
                self._first_vectors(dim)
            batch = self._rows(
                "INSERT INTO batches (name, added, articles) VALUES (?, ?, ?) RETURNING id",
                (name, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), len(articles)),
            )[0][0]
            stored = dict(self._select("SELECT id, text_sha256 FROM articles WHERE id IN ({})", [a.id for a in articles]))
            for article in articles:
                digest = text_hash(article.text)
                if stored.get(article.id) == digest:
                    unchanged += 1
                    continue
                if article.id in stored:
                    replaced += 1
                    self._delete_article(article.id)  # the archived version,
                    writes = [w for w in writes if w[0].id != article.id]  # or an earlier copy in this batch
                else:
                    added += 1
                stored[article.id] = digest
                rows = by_doc.get(article.id, [])
                writes.append((article, digest, [claims[i] for i in rows], vectors[rows] if rows else vectors[:0]))
            stored_claims = sum(len(w[2]) for w in writes)
            self._write_articles(batch, writes)
        return AddResult(batch=batch, added=added, replaced=replaced, unchanged=unchanged, claims=stored_claims)

    def _delete_article(self, doc: str) -> None:
        self._rows("DELETE FROM doc_codes WHERE doc = ?", (doc,))
        self._rows("DELETE FROM doc_vectors WHERE doc = ?", (doc,))
        self._rows("DELETE FROM vectors WHERE claim_id IN (SELECT id FROM claims WHERE doc = ?)", (doc,))
        self._rows("DELETE FROM claims WHERE doc = ?", (doc,))
        self._rows("DELETE FROM articles WHERE id = ?", (doc,))

    def _write_articles(self, batch: int, writes: list[tuple[Article, str, list[Claim], np.ndarray]]) -> None:
        """The batch's new and replaced articles, with their claims and vectors."""
        for article, digest, claims, vectors in writes:
            self._write_article(batch, article, digest, claims, vectors)

    def _write_article(self, batch: int, article: Article, digest: str, claims: list[Claim], vectors: np.ndarray) -> None:
        start, end = published_interval(article)
        self._rows(
            "INSERT INTO articles (id, batch, published_start, published_end, text_sha256, data) VALUES (?, ?, ?, ?, ?, ?)",
            (article.id, batch, start and start.isoformat(), end and end.isoformat(), digest, article.model_dump_json()),
        )
        self._many("INSERT INTO claims (id, doc, data) VALUES (?, ?, ?)", [(c.id, c.doc, c.model_dump_json()) for c in claims])
        self._write_vectors(claims, vectors)
        if claims:
            self._rows("INSERT INTO doc_vectors (doc, claims, vecs) VALUES (?, ?, ?)", (article.id, len(claims), pack(vectors)))
            self._rows("INSERT INTO doc_codes (doc, claims, codes) VALUES (?, ?, ?)", (article.id, len(claims), quantize(vectors)))

    def _many(self, sql: str, rows: list[tuple]) -> None:
        raise NotImplementedError

    @staticmethod
    def _between(start: Optional[dt.date], end: Optional[dt.date], undated: bool) -> tuple[str, tuple[str, str]]:
        dated = "(published_start IS NOT NULL AND published_start <= ? AND published_end >= ?)"
        where = f"{dated} OR published_start IS NULL" if undated else dated
        return where, ((end or dt.date.max).isoformat(), (start or dt.date.min).isoformat())

    def articles_between(self, start: Optional[dt.date], end: Optional[dt.date], undated: bool = True) -> list[Article]:
        where, params = self._between(start, end, undated)
        rows = self._rows(f"SELECT data FROM articles WHERE {where} ORDER BY id", params)
        return [Article.model_validate_json(data) for (data,) in rows]

    def dates_between(self, start: Optional[dt.date], end: Optional[dt.date], undated: bool = True) -> list[Dated]:
        where, params = self._between(start, end, undated)
        rows = self._rows(f"SELECT id, published_start, published_end FROM articles WHERE {where} ORDER BY id", params)
        return [(doc, _date(lo), _date(hi)) for doc, lo, hi in rows]

    def articles(self, ids: Iterable[str]) -> list[Article]:
        found = [Article.model_validate_json(data) for (data,) in self._select("SELECT data FROM articles WHERE id IN ({})", list(ids))]
        return sorted(found, key=lambda a: a.id)

    def claim_vectors(self, docs: Iterable[str]) -> tuple[list[tuple[str, str]], np.ndarray]:
        rows = sorted(self._select(
            "SELECT claims.id, claims.doc, vectors.vec FROM claims JOIN vectors ON vectors.claim_id = claims.id WHERE claims.doc IN ({})",
            list(docs),
        ), key=lambda row: row[:2])
        keys = [(claim, doc) for claim, doc, _ in rows]
        if not rows:
            return keys, np.zeros((0, self.dim() or 0), dtype=np.float32)
        return keys, np.stack([self._vector(vec) for _, _, vec in rows]).astype(np.float32, copy=False)

    def window_vectors(self, docs: Sequence[str]) -> tuple[list[str], np.ndarray]:
        rows = sorted(self._select("SELECT doc, claims, vecs FROM doc_vectors WHERE doc IN ({})", list(docs)))
        keys = [doc for doc, count, _ in rows for _ in range(count)]
        vectors = np.empty((len(keys), self.dim() or 0), dtype=np.float32)
        row = 0
        for _, count, vecs in rows:
            vectors[row : row + count] = np.frombuffer(vecs, dtype=PACKED).reshape(count, -1)
            row += count
        return keys, vectors

    def exact_window_nearest(self, queries: np.ndarray, docs: Sequence[str], k: int) -> Neighbours:
        """Exhaustive over the window's packed vectors: complete, and one read per article."""
        docs_of_rows, vectors = self.window_vectors(docs)
        return exact_nearest([(doc, doc) for doc in docs_of_rows], vectors, queries, k)

    def window_codes(self, docs: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The articles that have claims (sorted), their claim counts, and their claims' scales, bounds
        and codes row by row (`quantize`)."""
        rows = sorted(self._select("SELECT doc, claims, codes FROM doc_codes WHERE doc IN ({})", list(docs)))
        parts = [unquantize(blob, count) for _, count, blob in rows]
        dim = self.dim() or 0
        return (
            [doc for doc, _, _ in rows],
            np.array([count for _, count, _ in rows], dtype=np.int64),
            np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.float32),
            np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.float32),
            np.concatenate([p[2] for p in parts]) if parts else np.zeros((0, dim), dtype=np.int8),
        )

    def search_codes(self, docs: Sequence[str]) -> Optional[tuple]:
        return self.window_codes(docs)

    def coded_window_nearest(self, queries: np.ndarray, docs: Sequence[str], k: int, floor: float,
                             window: Optional[tuple] = None) -> Neighbours:
        """Two passes: the window's codes (a byte per component) pick the claims that can be neighbours
        at `floor` or above, then the exact search runs over their own vectors only."""
        names, counts, scales, bounds, codes = window if window is not None else self.window_codes(docs)
        rows = coded_candidates(scales, bounds, codes, queries, k, floor)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        doc_of_row = np.repeat(np.arange(len(counts)), counts)
        wanted = [(names[d], int(r - starts[d])) for d, r in zip(doc_of_row[rows], rows)]
        vectors = self.packed_rows(wanted, int(codes.shape[1]) if codes.ndim == 2 else 0)
        return exact_nearest([(doc, doc) for doc, _ in wanted], vectors, queries, k)

    def packed_rows(self, wanted: Sequence[tuple[str, int]], dim: int) -> np.ndarray:
        """The packed vectors of these (article, claim position) rows, in the order given."""
        docs = sorted({doc for doc, _ in wanted})
        packed = {doc: (count, vecs) for doc, count, vecs in self._select("SELECT doc, claims, vecs FROM doc_vectors WHERE doc IN ({})", docs)}
        out = np.empty((len(wanted), dim), dtype=np.float32)
        for i, (doc, position) in enumerate(wanted):
            count, vecs = packed[doc]
            out[i] = np.frombuffer(vecs, dtype=PACKED, count=dim, offset=4 * dim * position)
        return out

    def claims_for(self, docs: Iterable[str]) -> list[Claim]:
        found = [Claim.model_validate_json(data) for (data,) in self._select("SELECT data FROM claims WHERE doc IN ({})", list(docs))]
        return sorted(found, key=lambda c: (c.doc, c.sentence.index))

    def vectors_for(self, claim_ids: Sequence[str]) -> np.ndarray:
        ids = list(claim_ids)
        found = {key: vec for key, vec in self._select("SELECT claim_id, vec FROM vectors WHERE claim_id IN ({})", ids)}
        missing = [c for c in ids if c not in found]
        if missing:
            raise ArchiveError(f"{self.where}: no vector for claim(s) {', '.join(missing[:5])}")
        if not ids:
            return np.zeros((0, self.dim() or 0), dtype=np.float32)
        return np.stack([self._vector(found[c]) for c in ids]).astype(np.float32, copy=False)

    def batches(self) -> list[BatchInfo]:
        return [BatchInfo(*row) for row in self._rows("SELECT id, name, added, articles FROM batches ORDER BY id")]

    def article_ids(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT id FROM articles ORDER BY id")]


def _is_lock_error(exc: sqlite3.OperationalError) -> bool:
    """SQLite's "database is locked" or "busy": another process holds the lock."""
    return "locked" in str(exc) or "busy" in str(exc)


class SQLiteArchive(_SQLStore):
    """One SQLite file in WAL mode: pydantic models as JSON columns, vectors as float32 blobs by claim id.

    Nothing is written to a file before it is known to be a factdiff archive (its application id,
    or for archives from before the id, its tables) or a new, empty file; a write starts with an
    integrity check; a lock held by another process is waited for `lock_timeout` seconds, then the
    write is refused with a message.
    """

    def __init__(self, path: Path, create: bool = True, lock_timeout: float = 60.0, on_wait=None) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait  # called once with a message when a lock makes this process wait
        if not create and not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no such archive")
        if self.path.exists() and not self.path.is_file():
            raise ArchiveError(f"{self.path}: is not a file (an archive is one SQLite file)")
        new = not self.path.exists() or self.path.stat().st_size == 0
        if not new:
            with open(self.path, "rb") as head:
                if head.read(16) != _SQLITE_HEADER:
                    raise ArchiveError(f"{self.path}: not a SQLite database, so not a factdiff archive; nothing written to it")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly, one per batch.
        try:
            self.con = sqlite3.connect(self.path, timeout=lock_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise ArchiveError(f"{self.path}: cannot open the archive ({exc})") from None
        try:
            self._open_waiting(new, create)
        except sqlite3.OperationalError as exc:
            self.con.close()
            if _is_lock_error(exc):
                raise ArchiveError(self._locked_message()) from None
            raise ArchiveError(f"{self.path}: cannot read the archive ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self.con.close()
            raise ArchiveError(f"{self.path}: damaged or not a database ({exc}); restore it from a backup or start a new archive") from None
        except BaseException:
            self.con.close()
            raise

    def _open_waiting(self, new: bool, create: bool) -> None:
        """Open, waiting up to `lock_timeout` while another process holds a lock that SQLite does not wait
        for by itself: two processes creating one new archive at once both switch it to WAL, and the
        second is refused at once. Creating is idempotent, so the one refused tries again."""
        import time

        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                self._open(new, create)
                return
            except sqlite3.OperationalError as exc:
                if not _is_lock_error(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _open(self, new: bool, create: bool) -> None:
        application_id = self.con.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in self.con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id not in (0, APPLICATION_ID):
            raise ArchiveError(f"{self.path}: a SQLite database of another application (id {application_id:#x}); nothing written to it")
        if application_id == 0 and tables and not _TABLES <= tables:
            shown = ", ".join(sorted(tables)[:5])
            raise ArchiveError(f"{self.path}: a SQLite database but not a factdiff archive (tables: {shown}); nothing written to it")
        if not tables and not create:
            raise ArchiveError(f"{self.path}: an empty database, not a factdiff archive yet (create one with factdiff archive add)")
        if tables:
            version = self._meta("schema_version")
            if version is not None and not (version.isdigit() and int(version) <= SCHEMA_VERSION):
                raise ArchiveError(f"{self.path}: archive schema version {version}, this factdiff reads version {SCHEMA_VERSION}")
        if not tables or application_id == 0 or new:
            # A new archive, or one from before the application id: now known to be ours.
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.con.executescript(_SCHEMA)
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', '1')")
        self.con.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _migrate(self) -> None:
        """An archive of an older schema version (a new one is created at version 1) is brought up to
        date in one write transaction: a process opening it at the same time waits, then finds it done."""
        if int(self._meta("schema_version") or 1) >= SCHEMA_VERSION:
            return
        with self._write_transaction():
            for step in range(int(self._meta("schema_version") or 1), SCHEMA_VERSION):
                _SQLITE_MIGRATIONS[step - 1](self.con)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _locked_message(self) -> str:
        return (f"{self.path}: locked by another process for more than {self.lock_timeout:g} s (thresholds.archive.lock_timeout); "
                "nothing written: run again when the other run has finished")

    def check_integrity(self) -> None:
        """Refuse to write into a damaged archive: a write could spread the damage."""
        try:
            rows = [row[0] for row in self.con.execute("PRAGMA integrity_check(5)")]
        except sqlite3.DatabaseError as exc:
            rows = [str(exc)]
        if rows != ["ok"]:
            raise ArchiveError(
                f"{self.path}: fails SQLite's integrity check ({'; '.join(rows)[:200]}); nothing written: "
                "restore it from a backup, or recover it with sqlite3's .recover, or start a new archive"
            )

    _before_write = check_integrity

    def _begin_write(self) -> None:
        """BEGIN IMMEDIATE, waiting at most `lock_timeout` for another writer, and saying so once."""
        import time

        deadline = time.monotonic() + self.lock_timeout
        self.con.execute("PRAGMA busy_timeout = 0")  # first try at once, so that a wait is reported when it starts
        told = False
        while True:
            try:
                self.con.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if not _is_lock_error(exc):
                    raise
                if not told and self.on_wait is not None:
                    self.on_wait(f"{self.path} is locked by another process; waiting up to {self.lock_timeout:g} s")
                    told = True
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ArchiveError(self._locked_message()) from None
                self.con.execute(f"PRAGMA busy_timeout = {max(1, int(min(left, 1.0) * 1000))}")
        self.con.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout * 1000)}")

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        self._begin_write()
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        if self.con.in_transaction:  # within another reading() or a write: its snapshot
            yield
            return
        # In WAL mode a read transaction keeps the snapshot of its first read until it ends.
        self.con.execute("BEGIN")
        try:
            yield
        finally:
            self.con.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self.con.execute(sql, params).fetchall()

    def _many(self, sql: str, rows: list[tuple]) -> None:
        self.con.executemany(sql, rows)

    def _select(self, sql: str, keys: list[str]) -> Iterator[tuple]:
        for i in range(0, len(keys), _SQL_VARS):
            part = keys[i : i + _SQL_VARS]
            yield from self.con.execute(sql.format(",".join("?" * len(part))), part)

    def _write_vectors(self, claims: list[Claim], vectors: np.ndarray) -> None:
        self.con.executemany(
            "INSERT INTO vectors (claim_id, vec) VALUES (?, ?)",
            [(c.id, np.ascontiguousarray(v, dtype="<f4").tobytes()) for c, v in zip(claims, vectors)],
        )

    def _vector(self, value: bytes) -> np.ndarray:
        return np.frombuffer(value, dtype="<f4")

    def nearest(self, queries: np.ndarray, docs: Sequence[str], k: int, floor: Optional[float] = None,
                codes: Optional[tuple] = None) -> Neighbours:
        """Exhaustive: building an HNSW graph for one check costs far more than it saves (14,000
        vectors: 2-10 s to build, 0.02 s to search them all); the time window bounds the work."""
        if floor is not None:
            return self.coded_window_nearest(queries, docs, k, floor, codes)
        return self.exact_window_nearest(queries, docs, k)

    def close(self) -> None:
        self.con.close()


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(location: Location) -> bool:
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def archive_location(value: str) -> Location:
    """A command-line or configuration archive: a postgresql:// URL as it is, anything else a file path."""
    return value if is_postgres(value) else Path(value)


def display(location: Location) -> str:
    """An archive's location for messages: a URL without its password."""
    import re

    return re.sub(r"(://[^:/@]*):[^@/]+@", r"\1:***@", location) if is_postgres(location) else str(location)


def archive_exists(location: Location) -> bool:
    """A file archive that is not there yet is an empty archive; a database is asked when opened."""
    return is_postgres(location) or Path(location).exists()


def open_archive(location: Location, create: bool = True, lock_timeout: float = 60.0, on_wait=None) -> ArchiveStore:
    """The store for a location: a postgresql:// URL (PostgreSQL with pgvector), else a SQLite file."""
    if is_postgres(location):
        from checker.archive_pg import PostgresArchive

        return PostgresArchive(str(location), create=create, lock_timeout=lock_timeout, on_wait=on_wait)
    return SQLiteArchive(Path(location), create=create, lock_timeout=lock_timeout, on_wait=on_wait)


@dataclass(frozen=True)
class ArchiveSettings:
    window_days: int = 30  # archived articles published this close to a new article's date (or undated) are compared
    neighbours: int = 10  # nearest archived claims looked up per new claim
    min_similarity: float = 0.80  # a neighbour below this does not bring its article in (align's own floor)
    # Archived articles brought into one check, those with the most close claims first. The decision
    # core's cost grows faster than linearly with the articles compared (56 articles: about 4.6 s of a
    # 10 s check at 100,000 archived); in bench/archive_scale.py every related copy ranked 13th or
    # better among the candidates at 10,000 and 100,000 articles, so 20 keeps them all (docs/benchmarks.md).
    max_articles: int = 20
    lock_timeout: float = 60.0  # seconds to wait for another process's write lock before giving up with a message


def in_window(
    interval: tuple[Optional[dt.date], Optional[dt.date]], new_intervals: list[tuple[dt.date, dt.date]], window: dt.timedelta
) -> bool:
    start, end = interval
    if start is None or end is None or not new_intervals:
        return True
    return any(start <= new_end + window and end >= new_start - window for new_start, new_end in new_intervals)


def scoped_ids(store: ArchiveStore, new_articles: Sequence[Article], window_days: int) -> list[str]:
    """Archived articles within the time window of the new batch, or undated; none that the batch supersedes.

    An undated new batch gives no window, so then every archived article is in scope.
    """
    window = dt.timedelta(days=window_days)
    intervals = [iv for iv in (published_interval(a) for a in new_articles) if iv[0] is not None]
    if intervals:
        low = min(s for s, _ in intervals) - window
        high = max(e for _, e in intervals) + window
        candidates = store.dates_between(low, high, undated=True)
    else:
        candidates = store.dates_between(None, None, undated=True)
    new_ids = {a.id for a in new_articles}
    return [doc for doc, start, end in candidates if doc not in new_ids and in_window((start, end), intervals, window)]


Window = tuple[list[str], Optional[tuple]]  # the archived articles in scope, and their codes where read ahead


def read_window(
    store: ArchiveStore, new_articles: Sequence[Article], settings: ArchiveSettings = ArchiveSettings()
) -> Callable[[], Window]:
    """Start reading the new batch's window (the articles in scope and their codes: they need only the
    batch's dates), and return a function that gives it. A store whose connection serves other
    threads (PostgreSQL) reads it in a thread, so that it goes on while the new claims are embedded
    (the server's and the socket's part of about 0.3 s at 100,000 articles); call this inside the
    store's `reading()`, so that the window and the later reads see one snapshot."""

    def read() -> Window:
        in_scope = scoped_ids(store, new_articles, settings.window_days)
        return in_scope, store.search_codes(in_scope) if in_scope else None

    if not getattr(store, "threaded_reads", False):
        return read
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factdiff-window")
    future = pool.submit(read)
    pool.shutdown(wait=False)
    return future.result


def related_archived(
    store: ArchiveStore, new_articles: Sequence[Article], new_vectors: np.ndarray, settings: ArchiveSettings = ArchiveSettings(),
    window: Optional[Callable[[], Window]] = None,
) -> tuple[list[Article], list[Claim], np.ndarray]:
    """The archived articles in scope that have claims close to the new ones, with all their claims and vectors.

    The store finds the nearest archived claims among those in the time window (SQLite: exhaustively;
    PostgreSQL: pgvector's HNSW index); only the articles chosen are read as models. All reads see one
    snapshot, so a batch being added meanwhile is seen whole or not at all. `window`: from read_window,
    in the same snapshot.
    """
    dim = new_vectors.shape[1] if new_vectors.ndim == 2 else 0
    nothing: tuple[list[Article], list[Claim], np.ndarray] = ([], [], np.zeros((0, dim), dtype=np.float32))
    with store.reading():
        in_scope, codes = window() if window is not None else (scoped_ids(store, new_articles, settings.window_days), None)
        if not in_scope or not len(new_vectors):
            return nothing
        hits: dict[str, int] = {}
        found = store.nearest(new_vectors.astype(np.float32), in_scope, settings.neighbours, floor=settings.min_similarity, codes=codes)
        for neighbours in found:
            for doc, similarity in neighbours:
                if similarity >= settings.min_similarity:
                    hits[doc] = hits.get(doc, 0) + 1
        chosen = sorted(hits, key=lambda d: (-hits[d], d))[: settings.max_articles]
        if not chosen:
            return nothing
        claims = store.claims_for(chosen)
        return store.articles(chosen), claims, store.vectors_for([c.id for c in claims])
