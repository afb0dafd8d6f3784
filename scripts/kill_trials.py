"""kill -9 trials on `factdiff archive add`: each trial kills an add at a random moment, then checks
that the archive passes SQLite's integrity check and holds either the whole batch or none of it.

    .venv/bin/python scripts/kill_trials.py --trials 20

The store is SQLite, through the real CLI and model (tests/test_archive_processes.py kills 20 adds
on each store, SQLite and PostgreSQL, at every test run, with a hash in place of the model); the archive starts with fixtures/ci/batch-1 and each
trial adds a second batch (fixtures/ci/batch-2 plus --articles generated articles, so that the write
takes a while) to a fresh copy. Half the kills fall anywhere in the run, half in
its last part, where the transaction is written (its length is measured in-process first). Exit 1 if any trial left a damaged or partial archive.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CI = REPO / "fixtures" / "ci"
FACTDIFF = [sys.executable, "-m", "checker.cli"]


def add(batch: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([*FACTDIFF, "archive", "add", str(batch), "--db", str(db)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def state(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
        batches = [row[0] for row in con.execute("SELECT name FROM batches ORDER BY id")]
        per_batch = dict(con.execute("SELECT batches.name, COUNT(articles.id) FROM batches LEFT JOIN articles ON articles.batch = batches.id GROUP BY batches.id"))
        declared = dict(con.execute("SELECT name, articles FROM batches"))
        claims = con.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        vectors = con.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
    finally:
        con.close()
    return {"integrity": integrity, "batches": batches, "per_batch": per_batch, "declared": declared,
            "claims": claims, "vectors": vectors}


def write_seconds(batch: Path, base: Path, db: Path) -> float:
    """How long the one transaction of this add takes (in-process, embeddings from the cache)."""
    sys.path.insert(0, str(REPO))
    from checker.archive import SQLiteArchive
    from checker.embed import Embedder
    from checker.pipeline import prepare

    shutil.copy(base, db)
    prepared = prepare(batch, {})
    embedder = Embedder()
    vectors = embedder.encode([c.sentence.text for c in prepared.claims])
    store = SQLiteArchive(db)
    began = time.perf_counter()
    store.add_batch(batch.name, prepared.articles, prepared.claims, vectors, embedder.name)
    took = time.perf_counter() - began
    store.close()
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--articles", type=int, default=300, help="generated articles added to the second batch")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        second = Path(tmp) / "batch-2"
        shutil.copytree(CI / "batch-2", second)
        sys.path.insert(0, str(REPO / "scripts"))
        from hostile_batch import good_article

        for i in range(args.articles):
            doc, text = good_article(i, rng, figure=100 + i)
            (second / f"{doc}.md").write_text(text, encoding="utf-8")
        base = Path(tmp) / "base.sqlite"
        if add(CI / "batch-1", base).wait() != 0:
            print("could not build the starting archive", file=sys.stderr)
            return 2
        began = time.perf_counter()
        full = Path(tmp) / "full.sqlite"
        shutil.copy(base, full)
        if add(second, full).wait() != 0:
            print("a plain add failed", file=sys.stderr)
            return 2
        duration = time.perf_counter() - began
        complete = state(full)
        write = write_seconds(second, base, Path(tmp) / "timed.sqlite")
        outcomes = {"none": 0, "whole": 0}
        bad = []
        for trial in range(args.trials):
            db = Path(tmp) / f"trial-{trial}.sqlite"
            shutil.copy(base, db)
            proc = add(second, db)
            # Half the kills anywhere in the run, half in its last part, where the one transaction is written.
            late = trial % 2 == 1
            delay = rng.uniform(max(0.3, duration - 2 * write), duration * 1.02) if late else rng.uniform(0.3, duration * 1.05)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            found = state(db)
            ok = found["integrity"] == ["ok"] and found["claims"] == found["vectors"]
            ok = ok and all(found["per_batch"].get(name, 0) <= count for name, count in found["declared"].items())
            if found["batches"] == ["batch-1"]:
                outcomes["none"] += 1
                outcomes["late_absent"] = outcomes.get("late_absent", 0) + late
            elif found["batches"] == complete["batches"] and found["claims"] == complete["claims"]:
                outcomes["whole"] += 1
            else:
                ok = False
            if not ok:
                bad.append({"trial": trial, "delay": round(delay, 2), **found})
        summary = {"trials": args.trials, "add_seconds": round(duration, 1), "batch_absent": outcomes["none"],
                   "write_seconds": round(write, 2), "late_kills_before_commit": outcomes.get("late_absent", 0),
                   "batch_whole": outcomes["whole"], "damaged_or_partial": len(bad)}
        print(json.dumps(summary, indent=1))
        for item in bad:
            print(json.dumps(item))
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
