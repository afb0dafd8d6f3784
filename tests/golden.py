"""Golden files of exact findings: compared in tests, rewritten with FACTDIFF_UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
from pathlib import Path

from checker.models import Finding, Report


def summarise(findings: list[Finding]) -> list[dict]:
    return [
        {
            "rule": f.rule,
            "severity": f.severity.value,
            "id": f.id,
            "evidence": [[e.doc, e.start, e.end, e.text, e.side] for e in f.evidence],
        }
        for f in findings
    ]


def check_golden(report: Report, path: Path) -> None:
    got = summarise(report.findings)
    if os.environ.get("FACTDIFF_UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if os.environ.get("FACTDIFF_UPDATE_GOLDEN") != "1":
            raise AssertionError(f"{path} did not exist; written now from this run: review it and commit it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected, f"findings differ from {path}; if the change is intended, rerun with FACTDIFF_UPDATE_GOLDEN=1 and review the diff"
