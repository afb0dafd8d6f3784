"""The archive: one transaction per batch, time-scoped retrieval, one embedding model, checks against it.

Tests that take `new_store` or `archive_at` run against both stores, SQLite and PostgreSQL (conftest.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from checker.archive import ArchiveError, ArchiveSettings, SQLiteArchive, scoped_ids
from checker.config import Config
from checker.models import Article, DateValue, Granularity
from checker.pipeline import add_to_archive, prepare, run_check, run_check_with_archive

CI = Path(__file__).resolve().parents[1] / "fixtures" / "ci"


def article(doc: str, start: str | None, end: str | None = None, text: str = "x") -> Article:
    published = None
    if start:
        published = DateValue(
            start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end or start),
            granularity=Granularity.day if not end else Granularity.month,
        )
    return Article(id=doc, path=f"{doc}.txt", text=text, published=published)


def store_of(new_store, articles: list[Article]):
    store = new_store()
    store.add_batch("old", articles, [], np.zeros((0, 4), dtype=np.float32), "model-a")
    return store


ARCHIVED = [
    article("last-year", "2024-06-03"),
    article("may-01", "2025-05-01"),
    article("may-05", "2025-05-05"),
    article("june", "2025-06-01", "2025-06-30"),  # a month: dated by its interval
    article("july-02", "2025-07-02"),
    article("july-10", "2025-07-10"),
    article("undated", None),
]


@pytest.mark.parametrize(
    "new, window, expected",
    [
        ([article("n", "2025-06-03")], 30, ["july-02", "june", "may-05", "undated"]),
        ([article("n", "2025-06-03")], 0, ["june", "undated"]),
        ([article("n", "2025-06-03"), article("m", "2025-06-10")], 30, ["july-02", "july-10", "june", "may-05", "undated"]),
        # Two dates far apart: only what is near either of them, not everything in between.
        ([article("n", "2024-06-01"), article("m", "2025-07-11")], 2, ["july-10", "last-year", "undated"]),
        ([article("n", None)], 30, ["july-02", "july-10", "june", "last-year", "may-01", "may-05", "undated"]),
        # An archived article with a new article's id is superseded by it.
        ([article("june", "2025-06-03")], 30, ["july-02", "may-05", "undated"]),
    ],
)
def test_time_scope(new_store, new, window, expected):
    store = store_of(new_store, ARCHIVED)
    assert scoped_ids(store, new, window) == expected


def test_round_trip_of_articles_claims_and_vectors(new_store, embedder):
    prepared = prepare(CI / "batch-1", {})
    vectors = embedder.encode([c.sentence.text for c in prepared.claims])
    store = new_store()
    result = store.add_batch("batch-1", prepared.articles, prepared.claims, vectors, embedder.name)
    assert (result.added, result.replaced, result.unchanged, result.claims) == (2, 0, 0, len(prepared.claims))
    assert store.model() == embedder.name and store.dim() == vectors.shape[1]
    assert store.articles_between(None, None) == sorted(prepared.articles, key=lambda a: a.id)
    docs = {a.id for a in prepared.articles}
    assert store.claims_for(docs) == sorted(prepared.claims, key=lambda c: (c.doc, c.sentence.index))
    ids = [c.id for c in prepared.claims][::-1]
    assert np.array_equal(store.vectors_for(ids), vectors[::-1])
    again = store.add_batch("batch-1 again", prepared.articles, prepared.claims, vectors, embedder.name)
    assert (again.added, again.replaced, again.unchanged, again.claims) == (0, 0, 2, 0)
    assert [b.name for b in store.batches()] == ["batch-1", "batch-1 again"]


def test_an_updated_article_replaces_its_claims(new_store):
    store = store_of(new_store, [article("a", "2025-06-01", text="one")])
    updated = article("a", "2025-06-02", text="two")
    result = store.add_batch("new", [updated], [], np.zeros((0, 4), dtype=np.float32), "model-a")
    assert (result.added, result.replaced, result.unchanged) == (0, 1, 0)
    assert [a.text for a in store.articles_between(None, None)] == ["two"]


def test_refuses_to_mix_embedding_models(new_store):
    store = store_of(new_store, [article("a", None)])
    with pytest.raises(ArchiveError, match="'model-a'.*'model-b'"):
        store.add_batch("b", [article("b", None)], [], np.zeros((0, 4), dtype=np.float32), "model-b")
    with pytest.raises(ArchiveError, match="holds vectors of the embedding model 'model-a'"):
        run_check_with_archive(CI / "batch-1", store, Config(), embedder=_Named("model-b"))
    assert [a.id for a in store.articles_between(None, None)] == ["a"]


def test_refuses_vectors_of_another_size(new_store):
    store = new_store()
    store.add_batch("one", [article("a", None)], [claim("a", 0)], np.ones((1, 4), dtype=np.float32), "m")
    with pytest.raises(ArchiveError, match="holds 4-dimensional vectors, this batch has 3"):
        store.add_batch("two", [article("b", None)], [claim("b", 0)], np.ones((1, 3), dtype=np.float32), "m")
    assert [b.name for b in store.batches()] == ["one"]


def random_batch(docs: list[str], per_doc: int, dim: int = 16, seed: int = 15):
    rng = np.random.default_rng(seed)
    claims = [claim(d, j) for d in docs for j in range(per_doc)]
    vectors = rng.standard_normal((len(claims), dim)).astype(np.float32)
    return claims, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def claim_by_claim(store, queries: np.ndarray, docs: list[str], k: int):
    """The reference: an exhaustive search over the claims' own vector rows."""
    from checker.archive import exact_nearest

    keys, vectors = store.claim_vectors(docs)
    return exact_nearest(keys, vectors, queries, k)


def test_the_window_search_finds_what_a_claim_by_claim_search_finds(new_store):
    """nearest() reads each article's packed vectors; after an article is replaced (fewer claims) or
    loses its claims, they are still those of its claim rows."""
    docs = [f"d{i}" for i in range(20)]
    claims, vectors = random_batch(docs, 6)
    store = new_store()
    store.add_batch("one", [article(d, "2025-06-01") for d in docs], claims, vectors, "m")
    replaced, replaced_vectors = random_batch(["d3"], 2, seed=16)
    store.add_batch("two", [article("d3", "2025-06-01", text="new"), article("d4", "2025-06-01", text="new")],
                    replaced, replaced_vectors, "m")
    queries = np.concatenate([vectors[[0, 19, 40, 100]], replaced_vectors[:1]]) + 0.01
    scope = docs[1::2]
    found = store.nearest(queries, scope, 4)
    assert [[d for d, _ in row] for row in found] == [[d for d, _ in row] for row in claim_by_claim(store, queries, scope, 4)]
    assert found[4][0][0] == "d3" and found[4][0][1] > 0.99  # its new claim, not the replaced ones
    assert "d4" not in {d for row in found for d, _ in row}
    keys, packed = store.window_vectors(["d3", "d4"])
    assert keys == ["d3", "d3"] and np.array_equal(packed, replaced_vectors)


def _downgrade(location, version: int) -> None:
    """As an archive written before the packed vectors (schema version 2) or their codes (3) was left."""
    tables = ["doc_codes", "doc_vectors"][: 3 - version]
    if isinstance(location, Path):
        con = sqlite3.connect(location)
        for table in tables:
            con.execute(f"DROP TABLE {table}")
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        con.commit()
        con.close()
        return
    import psycopg

    with psycopg.connect(location, autocommit=True) as con:
        for table in tables:
            con.execute(f"DROP TABLE factdiff.{table}")
        con.execute("UPDATE factdiff.meta SET value = %s WHERE key = 'schema_version'", (str(version),))


def _archive_of_version(archive_at, version: int):
    """Twelve articles of five claims and one empty article, written by this factdiff, then taken back to
    an older schema version and opened again: the migrations run."""
    from checker.archive import open_archive

    docs = [f"d{i}" for i in range(12)]
    claims, vectors = random_batch(docs, 5)
    store = open_archive(archive_at)
    store.add_batch("one", [article(d, None) for d in docs] + [article("empty", None)], claims, vectors, "m")
    store.close()
    _downgrade(archive_at, version)
    return docs, claims, vectors, open_archive(archive_at, create=False)


def test_an_archive_of_version_1_gets_its_vectors_packed_when_opened(archive_at):
    docs, claims, vectors, store = _archive_of_version(archive_at, 1)
    try:
        keys, packed = store.window_vectors(docs + ["empty"])
        order = sorted(range(len(claims)), key=lambda i: (claims[i].doc, claims[i].id))
        assert keys == [claims[i].doc for i in order] and np.array_equal(packed, vectors[order])
        assert store.nearest(vectors[:3], docs, 3) == claim_by_claim(store, vectors[:3], docs, 3)
    finally:
        store.close()


def test_an_archive_of_version_2_gets_its_codes_when_opened(archive_at):
    docs, _, vectors, store = _archive_of_version(archive_at, 2)
    try:
        names, counts, _, _, codes = store.window_codes(docs + ["empty"])
        assert names == sorted(docs) and counts.tolist() == [5] * 12 and codes.shape == (60, 16)
        assert _docs_at(store.nearest(vectors[:3], docs, 3, floor=0.5), 0.5) == _docs_at(claim_by_claim(store, vectors[:3], docs, 3), 0.5)
    finally:
        store.close()


def _docs_at(found, floor: float) -> list[list[str]]:
    """The articles of the neighbours at `floor` or above (scores agree to float32 rounding only: the
    matrix products differ in shape)."""
    return [[doc for doc, score in row if score >= floor] for row in found]


def test_codes_are_within_their_bounds():
    from checker.archive import quantize, unquantize

    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((40, 384)).astype(np.float32) * rng.uniform(0.01, 3, (40, 1)).astype(np.float32)
    vectors[0] = 0.0
    vectors[1, :] = 0.0
    vectors[1, 7] = -2.0  # one component: coded exactly
    scales, bounds, codes = unquantize(quantize(vectors), 40)
    units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    error = np.linalg.norm(units.astype(np.float64) - codes * scales.astype(np.float64)[:, None], axis=1)
    assert np.all(error <= bounds) and codes.dtype == np.int8 and np.abs(codes).max() <= 127
    assert error[1] < 1e-6 and codes[1, 7] == -127


@pytest.mark.parametrize("floor", [0.3, 0.8, 0.9])
def test_the_coded_first_pass_keeps_every_neighbour_at_the_floor(floor):
    """Claim vectors crowded around one direction, as e5's are: the claims the codes pick hold every
    neighbour at the floor that the exhaustive search finds, in the same order."""
    from checker.archive import coded_candidates, exact_nearest, quantize, unquantize

    rng = np.random.default_rng(4)
    common = rng.standard_normal(384)
    counts = rng.integers(1, 40, 300)
    vectors = common / np.linalg.norm(common) * 0.85 + rng.standard_normal((int(counts.sum()), 384)) * 0.025
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    doc_of_row = np.repeat(np.arange(len(counts)), counts)
    keys = [(str(row), f"d{doc:03d}") for row, doc in enumerate(doc_of_row)]
    queries = vectors[rng.choice(len(vectors), 60)] + rng.standard_normal((60, 384)).astype(np.float32) * 0.01
    scales, bounds, codes = unquantize(quantize(vectors), len(vectors))
    rows = coded_candidates(scales, bounds, codes, queries, 10, floor)
    assert len(rows) < len(vectors) / 4
    everything = exact_nearest(keys, vectors, queries, 10)
    assert _docs_at(exact_nearest([keys[r] for r in rows], vectors[rows], queries, 10), floor) == _docs_at(everything, floor)
    assert any(_docs_at(everything, floor))


class _Named:
    """Only a name: the model check comes before any encoding."""

    def __init__(self, name: str) -> None:
        self.name = name


def test_a_failed_batch_leaves_nothing_behind(new_store, monkeypatch):
    store = store_of(new_store, [article("a", None)])

    write = store._write_articles

    def fail(*args, **kwargs):
        write(*args, **kwargs)  # the rows are written, then the commit never comes
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_articles", fail)
    with pytest.raises(RuntimeError):
        store.add_batch("b", [article("b", None)], [], np.zeros((0, 4), dtype=np.float32), "model-a")
    assert [b.name for b in store.batches()] == ["old"]
    assert store.article_ids() == ["a"]


def test_wal_mode_and_schema_version(tmp_path):
    SQLiteArchive(tmp_path / "archive.sqlite").close()
    con = sqlite3.connect(tmp_path / "archive.sqlite")
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    with pytest.raises(ArchiveError, match="schema version 99"):
        SQLiteArchive(tmp_path / "archive.sqlite")


def test_missing_archive_is_not_created_for_reading(tmp_path):
    with pytest.raises(FileNotFoundError):
        SQLiteArchive(tmp_path / "none.sqlite", create=False)
    assert not (tmp_path / "none.sqlite").exists()


def test_check_against_the_archive_matches_a_check_of_both_batches(new_store, tmp_path, embedder):
    """The archive adds the earlier batch's evidence; only findings with a new article are kept."""
    store = new_store()
    add_to_archive(CI / "batch-1", store, embedder=embedder)
    result = run_check_with_archive(CI / "batch-2", store, Config(), embedder=embedder)
    assert [(f.rule, sorted((e.doc, e.text) for e in f.evidence)) for f in result.report.findings] == [
        ("FD101", [("rundschau-faehre", "höchstens 150 Passagiere"), ("seekurier-faehre", "mehr als 200 Passagiere")]),
    ]
    assert [a.id for a in result.report.articles] == ["rundschau-faehre", "tagblatt-faehre"]
    assert {a.id for a in result.articles} >= {"rundschau-faehre", "tagblatt-faehre", "seekurier-faehre"}
    combined = tmp_path / "combined"
    combined.mkdir()
    for path in [*(CI / "batch-1").iterdir(), *(CI / "batch-2").iterdir()]:
        (combined / path.name).write_bytes(path.read_bytes())
    together = run_check(combined, Config(), embedder=embedder).report.findings
    new = {"rundschau-faehre", "tagblatt-faehre"}
    assert [f.id for f in result.report.findings] == [f.id for f in together if any(e.doc in new for e in f.evidence)]


def test_archived_articles_outside_the_window_are_not_compared(new_store, embedder):
    store = new_store()
    add_to_archive(CI / "batch-1", store, embedder=embedder)
    # Batch 2 is dated one day after batch 1: a window of 0 days leaves batch 1 out.
    result = run_check_with_archive(CI / "batch-2", store, Config(), embedder=embedder, settings=ArchiveSettings(window_days=0))
    assert result.report.findings == []
    assert result.timings["archive"] >= 0


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def claim(doc: str, index: int):
    from checker.models import Claim, Sentence

    return Claim(id=f"{doc}#{index}", doc=doc, sentence=Sentence(doc=doc, index=index, start=0, end=1, text="x"))


@pytest.mark.parametrize(
    "settings, expected",
    [
        # near-a is close to two claims of a, one of b; far is close to nothing.
        (ArchiveSettings(), ["a", "b"]),
        (ArchiveSettings(max_articles=1), ["a"]),  # the article with the most close claims first
        (ArchiveSettings(min_similarity=0.999), ["a"]),
        (ArchiveSettings(neighbours=1), ["a"]),
        (ArchiveSettings(min_similarity=1.01), []),
    ],
)
def test_related_archived_picks_articles_with_close_claims(new_store, settings, expected):
    from checker.archive import related_archived

    store = new_store()
    archived = [article("a", "2025-06-01"), article("b", "2025-06-01"), article("c", "2025-06-01")]
    claims = [claim("a", 0), claim("a", 1), claim("b", 0), claim("c", 0)]
    vectors = np.stack([unit(1, 0, 0, 0), unit(1, 0.01, 0, 0), unit(1, 0.3, 0, 0), unit(0, 0, 1, 0)])
    store.add_batch("old", archived, claims, vectors, "m")
    new = [article("n", "2025-06-02")]
    found, found_claims, found_vectors = related_archived(store, new, np.stack([unit(1, 0.005, 0, 0), unit(0, 0, 0, 1)]), settings)
    assert [a.id for a in found] == expected
    assert [c.id for c in found_claims] == [c.id for c in claims if c.doc in expected]
    assert np.array_equal(found_vectors, vectors[[i for i, c in enumerate(claims) if c.doc in expected]])


def test_cli_archive_add_info_and_model_refusal(archive_at, tmp_path, embedder, monkeypatch, capsys):
    from checker.cli import main

    monkeypatch.setattr("checker.pipeline.Embedder", lambda model=None: embedder if model is None else _Named(model))
    db = str(archive_at)
    assert main(["archive", "add", str(CI / "batch-1"), "--db", db]) == 0
    assert capsys.readouterr().out == f"{db}: batch 1 (batch-1): 2 article(s) added, 0 replaced, 0 unchanged, 14 claim(s)\n"
    assert main(["archive", "add", str(CI / "batch-2"), "--db", db, "--model", "other-model"]) == 2
    assert f"holds vectors of the embedding model {embedder.name!r}, this run uses 'other-model'" in capsys.readouterr().err
    assert main(["check", str(CI / "batch-2"), "--archive", db, "--model", "other-model", "-o", "-", "--format", "jsonl"]) == 2
    capsys.readouterr()
    assert main(["archive", "info", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{db}: model {embedder.name}, 2 articles"
    assert lines[1].startswith("  batch 1  ") and lines[1].endswith("  batch-1  2 articles")
    assert main(["archive", "info", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert main(["check", str(CI / "batch-2"), "--archive", db, "-o", str(tmp_path / "r.json"), "--fail-on", "warning"]) == 1
    assert f"factdiff: compared with 2 archived article(s) from {db}: abendblatt-bodensee, seekurier-faehre\n" in capsys.readouterr().err


def test_the_archive_can_be_named_in_the_configuration(archive_at, tmp_path, embedder, monkeypatch, capsys):
    from checker.cli import main

    monkeypatch.setattr("checker.pipeline.Embedder", lambda model=None: embedder)
    (tmp_path / "pyproject.toml").write_text(f'[tool.factdiff]\narchive = "{archive_at}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["archive", "add", str(CI / "batch-1")]) == 0
    assert main(["archive", "info"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith(f"{archive_at}: model {embedder.name}, 2 articles")
    assert main(["check", str(CI / "batch-2"), "-o", str(tmp_path / "r.json"), "--exit-zero"]) == 0
    assert f"compared with 2 archived article(s) from {archive_at}" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text("[tool.factdiff]\n", encoding="utf-8")
    assert main(["archive", "info"]) == 2
    assert "which archive? give --db" in capsys.readouterr().err
