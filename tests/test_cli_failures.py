"""Every failure exits 2 with one line that names what failed; nothing that can be checked before a
run is found after it."""

from __future__ import annotations

import pytest

from checker import pipeline
from checker.cli import main

GOOD = "Die Feuerwehr meldete am Montag drei Verletzte in Kassel."


@pytest.fixture
def batch(tmp_path, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def must_not_run(*args, **kwargs):
        raise AssertionError("the run started before the options were checked")

    monkeypatch.setattr(pipeline, "run_check", must_not_run)
    return folder


@pytest.mark.parametrize(
    "extra, config, message",
    [
        (["--select", "FD999"], "", "unknown rule code 'FD999'"),
        ([], 'fail_on = "sometimes"\n', "fail_on 'sometimes'"),
        ([], "limits = { max_depth = -1 }\n", "limits.max_depth"),
        ([], "thresholds = { negation_wording = \"far\" }\n", "thresholds.negation_wording"),
        ([], "thresholds = { near_km = 20 }\n", "no such knob (known: align, archive"),
        ([], "[tool.factdiff.rules.FD101]\nwarnng_at = 0.5\n", "[tool.factdiff.rules.FD101]: warnng_at"),
        ([], "thresholds = { align = { min_similarity = 2, nonsense = 1 } }\n", "thresholds.align"),
        (["--format", "all", "-o", "out.json"], "", "--format all writes one file per format"),
        (["-o", "."], "", "is a folder"),
        (["--model", "./no/such/model"], "", "no such model folder"),
        (["--window-days", "-3"], "", "--window-days -3"),
        (["--decisions", "decisions.yaml"], "", "decision 1"),
        (["--baseline", "baseline.json"], "", "not a factdiff baseline"),
    ],
)
def test_bad_options_exit_2_before_the_run(batch, tmp_path, capsys, extra, config, message):
    (tmp_path / "pyproject.toml").write_text("[tool.factdiff]\n" + config, encoding="utf-8")
    (tmp_path / "decisions.yaml").write_text("- {id: x, decision: maybe}\n", encoding="utf-8")
    (tmp_path / "baseline.json").write_text('{"findings": "none"}', encoding="utf-8")
    assert main(["check", str(batch), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("factdiff: error")]) == 1


def test_an_unexpected_failure_exits_2_with_one_line_naming_the_batch(batch, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(pipeline, "run_check", broken)
    assert main(["check", str(batch)]) == 2
    err = capsys.readouterr().err
    (line,) = err.strip().splitlines()
    assert str(batch) in line and "ZeroDivisionError: division by zero\\nsecond line" in line and "--debug" in line
    assert main(["check", str(batch), "--debug"]) == 2
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_an_unwritable_report_is_exit_2(batch, tmp_path, capsys, monkeypatch):
    from checker.models import Report
    from checker.pipeline import CheckResult

    report = Report(tool_version="0", batch="batch", model="m", articles=[], findings=[])
    monkeypatch.setattr(pipeline, "run_check", lambda *a, **k: CheckResult(report=report, claims=[], pairs=[]))
    (tmp_path / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    assert main(["check", str(batch), "-o", str(tmp_path / "blocker" / "r.json")]) == 2
    assert "factdiff: error:" in capsys.readouterr().err


def test_archive_add_to_a_folder_is_exit_2(tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    assert main(["archive", "add", str(folder), "--db", str(tmp_path)]) == 2
    assert "is not a file" in capsys.readouterr().err


def test_a_value_error_inside_the_run_is_a_bug_not_a_usage_error(batch, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("substring not found")

    monkeypatch.setattr(pipeline, "run_check", broken)
    assert main(["check", str(batch)]) == 2
    err = capsys.readouterr().err
    assert "unexpected failure on" in err and "ValueError: substring not found" in err and "tests/test_cli_failures.py" not in err


def test_baseline_create_into_a_folder_is_refused_before_the_run(batch, tmp_path, capsys):
    assert main(["baseline", "create", str(batch), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
