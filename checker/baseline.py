"""Baselines and decisions: what a newsroom has already seen or judged is not raised again.

A baseline is the list of findings known at some point (fingerprint, rule, message); a check with
`--baseline` reports only the others. A decisions file records a person's verdict on single
findings: dismissed ones are suppressed, confirmed ones stay in the report, marked. Both match by
fingerprint, which depends on the rule, the normalised values and the article ids, never on
offsets, so an edit elsewhere in an article keeps a finding's fingerprint.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from checker.models import Finding, Report

BASELINE_VERSION = 1


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    rule: str
    message: str


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    factdiff_baseline: int = BASELINE_VERSION
    batch: Optional[str] = None
    findings: list[BaselineEntry]

    def ids(self) -> set[str]:
        return {entry.id for entry in self.findings}


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    decision: Literal["confirmed", "dismissed"]
    note: Optional[str] = None
    by: Optional[str] = None
    date: Optional[dt.date] = None


def baseline_of(report: Report) -> Baseline:
    entries = [BaselineEntry(id=f.id, rule=f.rule, message=f.message) for f in report.findings]
    return Baseline(batch=report.batch, findings=entries)


def write_baseline(baseline: Baseline, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(baseline.model_dump_json(indent=2) + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise ValueError(f"{path}: not a factdiff baseline: {exc.errors()[0]['msg']} at {_where(exc)}") from None


def read_report(path: Path) -> Optional[Report]:
    """A JSON report written by `factdiff check`, or None if the file is something else."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "factdiff" or "findings" not in data:
        return None
    return Report.model_validate(data)


def read_decisions(path: Path) -> list[Decision]:
    from checker.ingest import load_metadata_yaml

    try:
        # Bounded nesting and aliases (an alias bomb is an error, not gigabytes); dates left as text for pydantic.
        data = load_metadata_yaml(Path(path).read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not valid YAML for a decisions file: {' '.join(str(exc).split())[:200]}") from None
    if data is None:
        return []
    if isinstance(data, dict) and "decisions" in data:
        data = data["decisions"]
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of decisions ({{id, decision: confirmed|dismissed, note, by, date}})")
    decisions = []
    for i, item in enumerate(data):
        try:
            decisions.append(Decision.model_validate(item))
        except ValidationError as exc:
            raise ValueError(f"{path}: decision {i + 1}: {exc.errors()[0]['msg']} at {_where(exc)}") from None
    return decisions


def _where(exc: ValidationError) -> str:
    return ".".join(str(part) for part in exc.errors()[0]["loc"]) or "top level"


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    known = baseline.ids()
    kept = [f for f in report.findings if f.id not in known]
    return report.model_copy(update={"findings": kept, "suppressed": report.suppressed + len(report.findings) - len(kept)})


def apply_decisions(report: Report, decisions: list[Decision]) -> Report:
    """Dismissed findings are suppressed (counted); confirmed ones are kept with `decision` set.

    When one id is decided twice, the later entry wins: the file is a log.
    """
    verdict = {d.id: d.decision for d in decisions}
    kept: list[Finding] = []
    for finding in report.findings:
        decision = verdict.get(finding.id)
        if decision == "dismissed":
            continue
        kept.append(finding.model_copy(update={"decision": decision}) if decision else finding)
    return report.model_copy(update={"findings": kept, "suppressed": report.suppressed + len(report.findings) - len(kept)})
