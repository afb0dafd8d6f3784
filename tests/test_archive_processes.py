"""The archive under real processes, for both stores: `archive add` killed at random moments leaves
the whole batch or none of it; two `archive add` runs at once both land whole, without duplicates;
a reader never sees half a batch. The children (tests/archive_child.py) use a hash in place of the
embedding model, so that a trial costs a process start, not a model load."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from checker.archive import open_archive

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_child import CLAIMS_PER_ARTICLE, FakeEmbedder, synthetic_batch  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CHILD = [sys.executable, str(REPO / "tests" / "archive_child.py")]
CI = REPO / "fixtures" / "ci"
TRIALS = 20
ARTICLES = 120


def start_add(name: str, location) -> subprocess.Popen:
    proc = subprocess.Popen([*CHILD, "store", name, str(ARTICLES), str(location)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout.readline().strip() == "ready", f"the child adding {name} did not start"
    return proc


def batch_state(location, names: list[str]) -> dict[str, tuple[bool, int, int]]:
    """Per batch name: (recorded as a batch, its articles, their claims with vectors)."""
    store = open_archive(location, create=False)
    try:
        recorded = {b.name for b in store.batches()}
        ids = store.article_ids()
        state = {}
        for name in names:
            docs = [d for d in ids if d.startswith(f"{name}-")]
            keys, vectors = store.claim_vectors(docs)
            assert len(keys) == len(vectors)
            state[name] = (name in recorded, len(docs), len(keys))
        return state
    finally:
        store.close()


def test_killed_adds_leave_the_whole_batch_or_none(new_store, archive_at):
    new_store().close()  # the archive exists before the first child
    began = time.perf_counter()
    whole = start_add("uncut", archive_at)
    ready = time.perf_counter()
    assert whole.stdout.readline().strip() == "done" and whole.wait() == 0
    write = time.perf_counter() - ready
    rng = random.Random(15)
    names = [f"k{trial}" for trial in range(TRIALS)]
    for name in names:
        proc = start_add(name, archive_at)
        time.sleep(rng.uniform(0, write * 1.2))  # most kills fall inside the one transaction, a few after it
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    state = batch_state(archive_at, ["uncut", *names])
    assert state["uncut"] == (True, ARTICLES, ARTICLES * CLAIMS_PER_ARTICLE)
    outcomes = [state[name] for name in names]
    partial = [(name, s) for name, s in zip(names, outcomes) if s not in ((True, ARTICLES, ARTICLES * CLAIMS_PER_ARTICLE), (False, 0, 0))]
    assert partial == [], f"partial batches after kill -9 (write took {write:.2f} s, {ready - began:.2f} s to start)"
    assert any(s == (False, 0, 0) for s in outcomes), "no kill fell before the commit: the trials tested nothing"
    if not isinstance(archive_at, str):
        import sqlite3

        con = sqlite3.connect(archive_at)
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        con.close()


def test_two_adds_at_once_both_land_whole_without_duplicates(archive_at, tmp_path):
    # Two batches that share an article (the same text): both add it, the archive keeps one.
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(CI / "batch-1", one)
    shutil.copytree(CI / "batch-2", two)
    shared = next(iter(sorted((CI / "batch-1").iterdir())))
    shutil.copy(shared, two / shared.name)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([*CHILD, "cli", str(batch), str(archive_at)], env=env, cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for batch in (one, two)]
    results = [proc.communicate(timeout=300) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], results
    store = open_archive(archive_at, create=False)
    try:
        assert sorted(b.name for b in store.batches()) == ["one", "two"]
        ids = store.article_ids()
        expected = sorted({p.stem for p in one.iterdir()} | {p.stem for p in two.iterdir()})
        assert ids == expected
        claims = store.claims_for(ids)
        assert len({c.id for c in claims}) == len(claims)
        assert len(store.vectors_for([c.id for c in claims])) == len(claims)
    finally:
        store.close()
    outputs = " ".join(out for out, _ in results)
    assert "1 unchanged" in outputs  # the shared article: stored by the first add, kept as it was by the second


def test_a_reader_never_sees_half_a_batch(new_store, monkeypatch):
    writer, reader = new_store(), new_store()
    articles, claims, vectors = synthetic_batch("b", 3)
    seen = []
    write = type(writer)._write_articles

    def write_then_look(self, *args, **kwargs):
        write(self, *args, **kwargs)  # the batch's rows are written, not yet committed
        seen.append((reader.article_ids(), [b.name for b in reader.batches()]))

    monkeypatch.setattr(type(writer), "_write_articles", write_then_look)
    writer.add_batch("b", articles, claims, vectors, FakeEmbedder.name)
    assert seen == [([], [])]
    assert reader.article_ids() == ["b-0", "b-1", "b-2"]
    assert np.array_equal(reader.vectors_for([c.id for c in claims]), vectors)
