"""The example GitHub workflow (docs/examples/factdiff-check.yml), run step by step on three batches.

The `factdiff` commands are read from the workflow file itself, so the example cannot drift from
what is tested. Batch 2 contradicts batch 1 on a figure; batch 3 brings an updated batch-2 article
(the same conflict, accepted into the baseline) and a new article with a new conflict.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker.archive import SQLiteArchive
from checker.cli import main

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / "docs" / "examples" / "factdiff-check.yml"
PASSENGERS = "FD101-99a63466664b"  # höchstens 150 vs mehr als 200 Passagiere (batch 2 vs batch 1)
CREW = "FD101-ec58b662c11c"  # acht vs zwölf Seeleute (batch 3 vs batch 1)


def workflow_commands() -> tuple[dict[str, str], dict[str, list[str]]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    commands = {step["id"]: shlex.split(step["run"]) for step in steps if "id" in step}
    return workflow["env"], commands


def expand(argv: list[str], env: dict[str, str]) -> list[str]:
    assert argv[0] == "factdiff"
    expanded = []
    for arg in argv[1:]:
        for name, value in env.items():
            arg = arg.replace(f"${name}", value)
        assert "$" not in arg, arg
        expanded.append(arg)
    return expanded


@pytest.fixture
def ci(tmp_path, embedder, monkeypatch):
    """A repository checkout: the three batches under batches/, the workflow's environment."""
    shutil.copytree(REPO / "fixtures" / "ci", tmp_path / "batches")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("checker.pipeline.Embedder", lambda model=None: embedder)
    env, commands = workflow_commands()
    assert set(commands) == {"sarif", "accept", "gate", "archive"}
    return env, commands


def step(ci, name: str, batch: str) -> int:
    env, commands = ci
    return main(expand(commands[name], {**env, "BATCH": f"batches/{batch}"}))


def annotations(output: str) -> list[tuple[str, str]]:
    """(level, fingerprint) of each workflow command printed."""
    found = []
    for line in output.splitlines():
        if line.startswith("::"):
            level = line[2:].split(" ", 1)[0]
            found.append((level, line.rsplit("[", 1)[1].rstrip("]")))
    return found


def sarif_results(path: Path) -> tuple[list[str], dict]:
    run = json.loads(path.read_text(encoding="utf-8"))["runs"][0]
    return [r["partialFingerprints"]["factdiff/v1"] for r in run["results"]], run


def archived(db: str) -> tuple[list[str], list[str]]:
    store = SQLiteArchive(Path(db), create=False)
    try:
        return [b.name for b in store.batches()], store.article_ids()
    finally:
        store.close()


def killed_archive_add(batch: str, db: str) -> int:
    """`factdiff archive add` in a process that dies (os._exit) after writing the batch's first article."""
    script = f"""
import os, sys
from checker import archive
from checker.cli import main
write = archive.SQLiteArchive._write_article
def write_then_die(self, *args, **kwargs):
    write(self, *args, **kwargs)
    os._exit(137)
archive.SQLiteArchive._write_article = write_then_die
sys.exit(main(["archive", "add", {batch!r}, "--db", {db!r}]))
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600).returncode


def test_three_batches_through_the_workflow(ci, capsys, tmp_path):
    env = ci[0]
    db = env["ARCHIVE"]

    # Run 1: nothing to compare with yet.
    assert step(ci, "sarif", "batch-1") == 0
    assert sarif_results(tmp_path / "factdiff.sarif")[0] == []
    capsys.readouterr()
    assert step(ci, "gate", "batch-1") == 0
    assert annotations(capsys.readouterr().out) == []
    assert step(ci, "archive", "batch-1") == 0
    assert archived(db) == (["batch-1"], ["abendblatt-bodensee", "seekurier-faehre"])

    # Run 2: the new article contradicts an archived one.
    assert step(ci, "sarif", "batch-2") == 0  # --exit-zero: the SARIF step never fails the job
    ids, run = sarif_results(tmp_path / "factdiff.sarif")
    assert ids == [PASSENGERS]
    assert run["properties"]["archived"] == ["abendblatt-bodensee", "seekurier-faehre"]
    location = run["results"][0]["locations"][0]["physicalLocation"]
    related = run["results"][0]["relatedLocations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "batches/batch-2/rundschau-faehre.txt"
    assert related["artifactLocation"]["uri"] == "batches/batch-1/seekurier-faehre.txt"
    assert (location["region"]["startLine"], location["region"]["snippet"]["text"]) == (10, "höchstens 150 Passagiere")
    capsys.readouterr()
    assert step(ci, "gate", "batch-2") == 1
    assert annotations(capsys.readouterr().out) == [("warning", PASSENGERS)]
    # The desk reviews it and accepts the current findings as the baseline (committed afterwards).
    assert step(ci, "accept", "batch-2") == 0
    assert [f["id"] for f in json.loads(Path(env["BASELINE"]).read_text(encoding="utf-8"))["findings"]] == [PASSENGERS]
    assert step(ci, "archive", "batch-2") == 0
    before = archived(db)
    assert before == (["batch-1", "batch-2"], ["abendblatt-bodensee", "rundschau-faehre", "seekurier-faehre", "tagblatt-faehre"])

    # Run 3: the updated batch-2 article repeats the accepted conflict; the new article brings a new one.
    assert step(ci, "sarif", "batch-3") == 0
    ids, run = sarif_results(tmp_path / "factdiff.sarif")
    assert ids == [CREW]
    assert run["properties"]["suppressed"] == 1
    capsys.readouterr()
    assert step(ci, "gate", "batch-3") == 1
    captured = capsys.readouterr()
    assert annotations(captured.out) == [("warning", CREW)]
    assert "1 suppressed (baseline or decisions)" in captured.err

    # A process killed in the middle of `archive add` leaves the archive as it was.
    assert killed_archive_add("batches/batch-3", db) == 137
    assert archived(db) == before
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)

    assert step(ci, "archive", "batch-3") == 0
    assert archived(db) == (
        ["batch-1", "batch-2", "batch-3"],
        ["abendblatt-bodensee", "nachrichten-faehre", "rundschau-faehre", "seekurier-faehre", "tagblatt-faehre"],
    )
    assert "1 article(s) added, 1 replaced, 0 unchanged" in capsys.readouterr().out
