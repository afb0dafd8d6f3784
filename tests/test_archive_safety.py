"""The archive writes only into a factdiff archive, never into a damaged one, and waits for a lock
a bounded time; every refusal is a message, not a traceback. (The SQLite file's own cases; the
PostgreSQL store's are in test_archive_postgres.py, and tests taking `new_store` run on both.)"""

from __future__ import annotations

import hashlib
import sqlite3

import numpy as np
import pytest

from checker.archive import APPLICATION_ID, ArchiveError, ArchiveSettings, SQLiteArchive, related_archived
from checker.cli import main
from checker.models import Article, Claim, Sentence


def article(doc: str, text: str = "x") -> Article:
    return Article(id=doc, path=f"{doc}.txt", text=text)


def claim(doc: str, index: int) -> Claim:
    return Claim(id=f"{doc}#{index}", doc=doc, sentence=Sentence(doc=doc, index=index, start=0, end=1, text="x"))


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_database(path, *statements: str) -> str:
    """Another program's SQLite file, made by these statements; returns its digest to compare later."""
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()
    return digest(path)


def filled(path, n: int = 40) -> SQLiteArchive:
    store = SQLiteArchive(path)
    articles = [article(f"a{i}", "Ein erfundener Satz über eine Brücke. " * 40) for i in range(n)]
    claims = [claim(a.id, 0) for a in articles]
    store.add_batch("one", articles, claims, np.ones((n, 4), dtype=np.float32), "m")
    return store


def test_a_new_archive_carries_the_application_id(tmp_path):
    SQLiteArchive(tmp_path / "a.sqlite").close()
    con = sqlite3.connect(tmp_path / "a.sqlite")
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_foreign_sqlite_database_is_left_untouched(tmp_path, capsys):
    path = tmp_path / "other.db"
    before = foreign_database(path, "CREATE TABLE customers (name TEXT)")
    with pytest.raises(ArchiveError, match="not a factdiff archive"):
        SQLiteArchive(path)
    assert main(["archive", "info", "--db", str(path)]) == 2
    assert "not a factdiff archive" in capsys.readouterr().err
    assert digest(path) == before


def test_another_applications_database_is_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    before = foreign_database(path, "PRAGMA application_id = 1234", "CREATE TABLE meta (key TEXT)")
    with pytest.raises(ArchiveError, match="another application"):
        SQLiteArchive(path)
    assert digest(path) == before


def test_a_file_that_is_no_database_is_left_untouched(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("Ein Einkaufszettel, keine Datenbank.\n", encoding="utf-8")
    assert main(["archive", "info", "--db", str(path)]) == 2
    assert "not a SQLite database" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "Ein Einkaufszettel, keine Datenbank.\n"


def test_an_archive_from_before_the_application_id_is_still_read(tmp_path):
    path = tmp_path / "old.sqlite"
    filled(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 0")
    con.commit()
    con.close()
    store = SQLiteArchive(path, create=False)
    assert len(store.article_ids()) == 40
    store.close()


def test_a_damaged_archive_is_refused_before_a_write(tmp_path):
    path = tmp_path / "a.sqlite"
    filled(path).close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[4 * page : 4 * page + 8] = b"\xff" * 8  # the articles table's root page: an invalid page header
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(ArchiveError, match="integrity check|damaged"):
        store = SQLiteArchive(path)
        store.add_batch("two", [article("new")], [], np.zeros((0, 4), dtype=np.float32), "m")
    assert digest(path) == before


@pytest.mark.parametrize("keep", [100, 5000])
def test_a_truncated_archive_is_a_message(tmp_path, keep, capsys):
    path = tmp_path / "a.sqlite"
    filled(path).close()
    path.write_bytes(path.read_bytes()[:keep])
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text("Die Feuerwehr meldete drei Verletzte.", encoding="utf-8")
    assert main(["archive", "info", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "factdiff: error:" in err and "Traceback" not in err


def test_a_lock_is_waited_for_a_bounded_time_and_reported(tmp_path):
    path = tmp_path / "a.sqlite"
    filled(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    told: list[str] = []
    store = SQLiteArchive(path, lock_timeout=0.3, on_wait=told.append)
    try:
        with pytest.raises(ArchiveError, match=r"locked by another process for more than 0.3 s"):
            store.add_batch("two", [article("new")], [], np.zeros((0, 4), dtype=np.float32), "m")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert told and "waiting up to 0.3 s" in told[0]
    store.add_batch("two", [article("new")], [], np.zeros((0, 4), dtype=np.float32), "m")
    assert "new" in store.article_ids()


def test_lock_timeout_is_a_setting():
    assert ArchiveSettings(lock_timeout=5).lock_timeout == 5


def test_one_new_claim_against_the_archive(new_store):
    store = new_store()
    store.add_batch("one", [article("old")], [claim("old", 0), claim("old", 1)], np.eye(2, 4, dtype=np.float32), "m")
    new = np.array([[1, 0, 0, 0]], dtype=np.float32)
    articles, claims, vectors = related_archived(store, [article("new")], new, ArchiveSettings())
    assert [a.id for a in articles] == ["old"] and len(claims) == 2 and vectors.shape == (2, 4)


def test_a_folder_is_no_archive(tmp_path):
    with pytest.raises(ArchiveError, match="is not a file"):
        SQLiteArchive(tmp_path)
