"""Baselines and decisions, and the stable fingerprints they rely on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.baseline import (
    Decision,
    apply_baseline,
    apply_decisions,
    baseline_of,
    read_baseline,
    read_decisions,
    write_baseline,
)
from checker.cli import main
from checker.config import Config
from checker.models import Evidence, Finding, Report, Severity
from checker.pipeline import run_check

REPO = Path(__file__).resolve().parents[1]
CI = REPO / "fixtures" / "ci"


def finding(fid: str, severity: Severity = Severity.error) -> Finding:
    evidence = [Evidence(doc="a", start=0, end=1, text="x", sentence="x")]
    return Finding(id=fid, rule=fid.split("-")[0], kind="quantity", severity=severity, message=f"m {fid}", explanation="", confidence=1.0, evidence=evidence)


def report(*ids: str, suppressed: int = 0) -> Report:
    return Report(tool_version="0", batch="b", model="m", articles=[], findings=[finding(i) for i in ids], suppressed=suppressed)


def test_baseline_round_trip_and_suppression(tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(baseline_of(report("FD101-a", "FD201-b")), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "factdiff_baseline": 1,
        "batch": "b",
        "findings": [
            {"id": "FD101-a", "rule": "FD101", "message": "m FD101-a"},
            {"id": "FD201-b", "rule": "FD201", "message": "m FD201-b"},
        ],
    }
    filtered = apply_baseline(report("FD101-a", "FD101-c", "FD201-b", suppressed=1), read_baseline(path))
    assert [f.id for f in filtered.findings] == ["FD101-c"]
    assert filtered.suppressed == 3


@pytest.mark.parametrize(
    "decisions, kept, suppressed",
    [
        ([], [("FD101-a", None), ("FD101-b", None)], 0),
        ([{"id": "FD101-a", "decision": "dismissed"}], [("FD101-b", None)], 1),
        ([{"id": "FD101-a", "decision": "confirmed", "by": "kb"}], [("FD101-a", "confirmed"), ("FD101-b", None)], 0),
        # The file is a log: a later verdict on the same finding wins.
        (
            [{"id": "FD101-b", "decision": "dismissed"}, {"id": "FD101-b", "decision": "confirmed"}],
            [("FD101-a", None), ("FD101-b", "confirmed")],
            0,
        ),
        ([{"id": "FD999-x", "decision": "dismissed"}], [("FD101-a", None), ("FD101-b", None)], 0),
    ],
)
def test_decisions(decisions, kept, suppressed):
    result = apply_decisions(report("FD101-a", "FD101-b"), [Decision.model_validate(d) for d in decisions])
    assert [(f.id, f.decision) for f in result.findings] == kept
    assert result.suppressed == suppressed


@pytest.mark.parametrize(
    "text, error",
    [
        ("- {id: FD101-a, decision: maybe}\n", "decision 1: Input should be 'confirmed' or 'dismissed' at decision"),
        ("- {decision: dismissed}\n", "decision 1: Field required at id"),
        ("id: FD101-a\n", "expected a list of decisions"),
        ("- [unclosed\n", "not valid YAML"),
        ("a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [" + ", ".join(["*b"] * 30) + "]\n", "more than 20 aliases"),
    ],
)
def test_bad_decisions_files_are_named(tmp_path, text, error):
    path = tmp_path / "decisions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=error.replace("(", r"\(").replace(")", r"\)")):
        read_decisions(path)


def test_decisions_file_with_all_fields(tmp_path):
    path = tmp_path / "decisions.yaml"
    path.write_text(
        "- id: FD101-a\n  decision: dismissed\n  note: two ferries\n  by: kb\n  date: 2025-06-04\n"
        "- id: FD101-b\n  decision: confirmed\n",
        encoding="utf-8",
    )
    first, second = read_decisions(path)
    assert (first.id, first.decision, first.note, first.by, str(first.date)) == ("FD101-a", "dismissed", "two ferries", "kb", "2025-06-04")
    assert (second.id, second.decision, second.note) == ("FD101-b", "confirmed", None)


def both_batches(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in [*(CI / "batch-1").iterdir(), *(CI / "batch-2").iterdir()]:
        shutil.copy(path, folder / path.name)
    return folder


SENTENCE = "Taucher untersuchen den Rumpf auf Schäden."


@pytest.mark.parametrize(
    "doc, old, new, evidence_moves",
    [
        # Another sentence of the article, after the figure, reworded.
        ("rundschau-faehre.txt", SENTENCE, "Taucher der Polizei untersuchen seit dem Morgen den beschädigten Rumpf.", False),
        # A paragraph put before the conflicting sentence: the figure's own offsets move.
        ("rundschau-faehre.txt", "Nach dem Fährunglück", "Aktualisiert am Abend.\n\nNach dem Fährunglück", True),
        ("seekurier-faehre.txt", "Verletzt wurde nach ersten Erkenntnissen niemand.", "Die Stimmung an Bord war ruhig.", False),
        ("seekurier-faehre.txt", "Eine Autofähre ist am Sonntagabend", "Eine große Autofähre ist am späten Sonntagabend", True),
    ],
)
def test_fingerprints_survive_edits_elsewhere_in_an_article(tmp_path, embedder, doc, old, new, evidence_moves):
    folder = both_batches(tmp_path)
    before = run_check(folder, Config(), embedder=embedder).report.findings
    path = folder / doc
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    after = run_check(folder, Config(), embedder=embedder).report.findings
    assert [f.id for f in after] == [f.id for f in before] == ["FD101-99a63466664b"]
    offsets = lambda findings: [(e.doc, e.start, e.end) for f in findings for e in f.evidence]  # noqa: E731
    assert (offsets(after) != offsets(before)) == evidence_moves


@pytest.fixture
def cli_embedder(embedder, monkeypatch):
    monkeypatch.setattr("checker.pipeline.Embedder", lambda model=None: embedder)
    monkeypatch.chdir(REPO)
    return embedder


def test_cli_baseline_from_a_batch_and_from_a_report(tmp_path, cli_embedder, capsys):
    folder = both_batches(tmp_path)
    from_batch, from_report, report_json = tmp_path / "b1.json", tmp_path / "b2.json", tmp_path / "r.json"
    assert main(["baseline", "create", str(folder), "-o", str(from_batch)]) == 0
    assert main(["check", str(folder), "-o", str(report_json), "--exit-zero", "-q"]) == 0
    assert main(["baseline", "create", str(report_json), "-o", str(from_report)]) == 0
    assert from_batch.read_text(encoding="utf-8") == from_report.read_text(encoding="utf-8")
    ids = [f["id"] for f in json.loads(from_batch.read_text(encoding="utf-8"))["findings"]]
    assert ids == ["FD101-99a63466664b"]
    capsys.readouterr()
    assert main(["check", str(folder), "--baseline", str(from_batch), "-o", str(report_json), "-q"]) == 0
    assert capsys.readouterr().out == "batch: 4 articles, 0 error(s), 0 warning(s), 0 info, 1 suppressed (baseline or decisions)\n"
    assert json.loads(report_json.read_text(encoding="utf-8"))["suppressed"] == 1


@pytest.mark.parametrize(
    "decision, code, summary, marked",
    [
        ("dismissed", 0, "batch: 4 articles, 0 error(s), 0 warning(s), 0 info, 1 suppressed (baseline or decisions)", None),
        ("confirmed", 1, "batch: 4 articles, 0 error(s), 1 warning(s), 0 info", "confirmed"),
    ],
)
def test_cli_decisions(tmp_path, cli_embedder, capsys, decision, code, summary, marked):
    folder = both_batches(tmp_path)
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(f"- id: FD101-99a63466664b\n  decision: {decision}\n  by: desk\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["check", str(folder), "--decisions", str(decisions), "-o", str(out), "-q", "--fail-on", "warning"]) == code
    assert capsys.readouterr().out.splitlines()[-1] == summary
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert [f["decision"] for f in findings] == ([marked] if marked else [])


def test_cli_missing_baseline_suppresses_nothing(tmp_path, cli_embedder, capsys):
    folder = both_batches(tmp_path)
    code = main(["check", str(folder), "--baseline", str(tmp_path / "none.json"), "-o", str(tmp_path / "r.json"), "-q", "--fail-on", "warning"])
    assert code == 1
    assert f"no baseline {tmp_path / 'none.json'} yet" in capsys.readouterr().err


def test_cli_rejects_a_file_that_is_no_baseline(tmp_path, cli_embedder, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": [{"id": 1}]}', encoding="utf-8")
    assert main(["check", str(both_batches(tmp_path)), "--baseline", str(bad), "-o", str(tmp_path / "r.json"), "-q"]) == 2
    assert "not a factdiff baseline" in capsys.readouterr().err
