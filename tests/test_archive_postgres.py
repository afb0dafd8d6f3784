"""What only the PostgreSQL archive has: its schema versions and migrations, a database that is not
a factdiff archive, the advisory write lock, a clear error without the [postgres] extra."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from checker.archive import ArchiveError
from checker.cli import main
from checker.models import Article


def article(doc: str) -> Article:
    return Article(id=doc, path=f"{doc}.txt", text=f"{doc} text")


def empty() -> np.ndarray:
    return np.zeros((0, 4), dtype=np.float32)


def connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_without_psycopg_a_url_says_which_extra_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    assert main(["archive", "info", "--db", "postgresql://news@db.example/archive"]) == 2
    err = capsys.readouterr().err
    assert "needs psycopg and pgvector" in err and "pip install 'factdiff[postgres]'" in err


def test_a_newer_schema_is_refused_naming_the_database_and_both_versions(postgres_db):
    from checker.archive_pg import SCHEMA_VERSION, PostgresArchive

    PostgresArchive(postgres_db).close()
    with connect(postgres_db) as con:
        con.execute("UPDATE factdiff.meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ArchiveError) as refused:
        PostgresArchive(postgres_db)
    message = str(refused.value)
    assert message.startswith(postgres_db.split("?")[0])
    assert f"archive schema version 99, this factdiff reads version {SCHEMA_VERSION}" in message


def test_an_older_schema_is_migrated_keeping_the_data(postgres_db, monkeypatch):
    from checker import archive_pg

    store = archive_pg.PostgresArchive(postgres_db)
    store.add_batch("one", [article("a")], [], empty(), "m")
    store.close()
    migrations = [*archive_pg.MIGRATIONS, "CREATE TABLE factdiff.later (x INTEGER)"]
    monkeypatch.setattr(archive_pg, "MIGRATIONS", migrations)
    monkeypatch.setattr(archive_pg, "SCHEMA_VERSION", len(migrations))
    store = archive_pg.PostgresArchive(postgres_db)
    assert store.article_ids() == ["a"]
    store.close()
    with connect(postgres_db) as con:
        assert con.execute("SELECT value FROM factdiff.meta WHERE key = 'schema_version'").fetchone() == (str(len(migrations)),)
        assert con.execute("SELECT count(*) FROM factdiff.later").fetchone() == (0,)


def test_a_foreign_factdiff_schema_is_left_untouched(postgres_db):
    from checker.archive_pg import PostgresArchive

    with connect(postgres_db) as con:
        con.execute("CREATE SCHEMA factdiff")
        con.execute("CREATE TABLE factdiff.customers (name TEXT)")
    with pytest.raises(ArchiveError, match="not a factdiff archive"):
        PostgresArchive(postgres_db)
    with connect(postgres_db) as con:
        tables = con.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'factdiff'").fetchall()
    assert tables == [("customers",)]


def test_reading_an_empty_database_creates_nothing(postgres_db, capsys):
    assert main(["archive", "info", "--db", postgres_db]) == 2
    assert "no factdiff archive in this database yet" in capsys.readouterr().err
    with connect(postgres_db) as con:
        assert con.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'factdiff'").fetchone() is None


def test_a_writer_waits_for_another_a_bounded_time_and_says_so(postgres_db):
    from checker.archive_pg import _WRITE_LOCK, PostgresArchive

    PostgresArchive(postgres_db).close()
    holder = connect(postgres_db)
    holder.execute("SELECT pg_advisory_lock(%s)", (_WRITE_LOCK,))  # another process in the middle of a batch
    told: list[str] = []
    store = PostgresArchive(postgres_db, lock_timeout=0.3, on_wait=told.append)
    try:
        with pytest.raises(ArchiveError, match=r"another process has been adding a batch for more than 0.3 s"):
            store.add_batch("two", [article("new")], [], empty(), "m")
        assert told and "waiting up to 0.3 s" in told[0]
        holder.execute("SELECT pg_advisory_unlock(%s)", (_WRITE_LOCK,))
        store.add_batch("two", [article("new")], [], empty(), "m")
        assert store.article_ids() == ["new"]
    finally:
        store.close()
        holder.close()


def test_the_vectors_get_an_hnsw_index_with_the_first_batch(postgres_db):
    from checker.archive_pg import PostgresArchive

    store = PostgresArchive(postgres_db)
    from checker.models import Claim, Sentence

    claim = Claim(id="a#0", doc="a", sentence=Sentence(doc="a", index=0, start=0, end=1, text="x"))
    store.add_batch("one", [article("a")], [claim], np.ones((1, 4), dtype=np.float32), "m")
    store.close()
    with connect(postgres_db) as con:
        indexes = dict(con.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'vectors'").fetchall())
        column = con.execute("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'factdiff.vectors'::regclass "
                             "AND attname = 'vec'").fetchone()
    assert "USING hnsw (vec vector_cosine_ops)" in indexes["vectors_hnsw"]
    assert column == ("vector(4)",)


def test_a_password_is_never_shown(capsys):
    from checker.archive import display

    assert display("postgresql://news:s3cret@db.example/archive") == "postgresql://news:***@db.example/archive"
    assert main(["archive", "info", "--db", "postgresql://news:s3cret@127.0.0.1:1/archive"]) == 2
    err = capsys.readouterr().err
    assert "s3cret" not in err and "postgresql://news:***@127.0.0.1:1/archive" in err


def test_the_index_search_finds_what_the_exhaustive_search_finds(postgres_db):
    """nearest() reads a small window and searches it exhaustively, a large one through the HNSW
    index (forced here: no exhaustive path, no other plan); both give the same neighbours."""
    from checker.archive_pg import PostgresArchive
    from checker.models import Claim, Sentence

    rng = np.random.default_rng(15)
    docs = [f"d{i}" for i in range(30)]
    claims = [Claim(id=f"{d}#{j}", doc=d, sentence=Sentence(doc=d, index=j, start=0, end=1, text="x")) for d in docs for j in range(8)]
    vectors = rng.standard_normal((len(claims), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = PostgresArchive(postgres_db)
    try:
        store.add_batch("one", [article(d) for d in docs], claims, vectors, "m")
        queries = vectors[[3, 50, 200]] + 0.05 * rng.standard_normal((3, 16)).astype(np.float32)
        scope = docs[::2]  # the time window: every other article
        exhaustive = store.nearest(queries, scope, 5)
        store.exact_up_to = 0
        store.con.execute("SET enable_seqscan = off")  # at this size the planner would rather read it all,
        store.con.execute("DROP INDEX factdiff.vectors_doc")  # or the window's rows by article
        plan = "\n".join(row[0] for row in store.con.execute(
            "EXPLAIN SELECT doc FROM vectors WHERE doc = ANY(%(d)s) ORDER BY vec <=> %(q)s LIMIT 5", {"d": scope, "q": queries[0]}))
        assert "vectors_hnsw" in plan
        indexed = store.nearest(queries, scope, 5)
    finally:
        store.close()
    assert [[doc for doc, _ in row] for row in indexed] == [[doc for doc, _ in row] for row in exhaustive]
    assert all(doc in scope for row in indexed for doc, _ in row)
    assert np.allclose([[s for _, s in row] for row in indexed], [[s for _, s in row] for row in exhaustive], atol=1e-5)
    assert exhaustive[0][0][0] == "d0"  # the query near claim 3 (of d0) finds d0 first
