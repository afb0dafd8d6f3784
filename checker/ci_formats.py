"""Report formats for CI: SARIF 2.1.0 (code scanning), GitHub workflow commands (annotations), JSON lines.

Findings carry character offsets into the article text as read; CI tools want 1-based lines and
columns. Python string indices count Unicode code points, so SARIF columns are declared as
`unicodeCodePoints` (SARIF's default is UTF-16 code units, which differ beyond the BMP).
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from pathlib import Path
from typing import Any, Mapping, Optional
from urllib.parse import quote

from checker.models import Article, Evidence, Finding, Report
from checker.safe_text import controls_visible

CRLF = "\r\n"

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
FINGERPRINT_KEY = "factdiff/v1"


class LineIndex:
    """Offsets -> (line, column), both 1-based; lines end at LF, CR or CRLF as SARIF counts them."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            if ch in "\r\n":
                self.starts.append(i + 1)
            i += 1

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def artifact_uri(path: str, base: Optional[Path] = None) -> str:
    """The article file relative to the working directory (forward slashes, percent-encoded), else a file URI.

    Symbolic links are not resolved: a link's own path is cited, never where it points (a loop
    would not resolve, and a target outside the batch is not the report's business)."""
    resolved = _absolute(path)
    try:
        relative = resolved.relative_to(_absolute(base or Path.cwd()))
    except ValueError:
        return resolved.as_uri()
    return quote(relative.as_posix())


def _absolute(path: str | Path) -> Path:
    return Path(os.path.abspath(path))


def display_path(path: str, base: Optional[Path] = None) -> str:
    resolved = _absolute(path)
    try:
        return resolved.relative_to(_absolute(base or Path.cwd())).as_posix()
    except ValueError:
        return resolved.as_posix()


def region(evidence: Evidence, article: Article, lines: LineIndex) -> dict[str, int]:
    if article.record is not None:
        # A .jsonl record: offsets count characters of its `text` field, not of the file; cite the record's line.
        return {"startLine": article.record}
    start_line, start_col = lines.position(evidence.start)
    end_line, end_col = lines.position(evidence.end)
    return {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}


class _Locator:
    def __init__(self, articles: Mapping[str, Article], base: Optional[Path]) -> None:
        self.articles = articles
        self.base = base
        self._lines: dict[str, LineIndex] = {}

    def region(self, evidence: Evidence) -> Optional[dict[str, int]]:
        article = self.articles.get(evidence.doc)
        if article is None:
            return None
        lines = self._lines.setdefault(article.id, LineIndex(article.text))
        return region(evidence, article, lines)

    def uri(self, doc: str) -> Optional[str]:
        article = self.articles.get(doc)
        return artifact_uri(article.path, self.base) if article else None


def primary_first(finding: Finding, prefer: Optional[set[str]]) -> list[Evidence]:
    """Evidence with the one to annotate first: in a CI run against an archive, a new article's."""
    evidence = list(finding.evidence)
    if prefer:
        evidence.sort(key=lambda e: e.doc not in prefer)
    return evidence


def _location(locator: _Locator, evidence: Evidence, index: Optional[int] = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": locator.uri(evidence.doc) or evidence.doc}}
    found = locator.region(evidence)
    if found:
        physical["region"] = {**found, "snippet": {"text": evidence.text}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if index is not None:
        location["id"] = index
        value = f" ({evidence.value})" if evidence.value else ""
        location["message"] = {"text": f"{evidence.doc}: “{evidence.text}”{value}"}
    return location


def sarif_rules() -> list[dict[str, Any]]:
    from rules.registry import all_rules

    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.documentation()},
            "defaultConfiguration": {"level": SARIF_LEVELS[rule.default_severity.value]},
            "properties": {"kind": rule.kind},
        }
        for rule in all_rules()
    ]


def to_sarif(
    report: Report, articles: Mapping[str, Article], base: Optional[Path] = None, prefer: Optional[set[str]] = None
) -> str:
    """One SARIF 2.1.0 log with one run; `articles` gives the texts that offsets point into."""
    locator = _Locator(articles, base)
    rules = sarif_rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for finding in report.findings:
        first, *rest = primary_first(finding, prefer)
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": SARIF_LEVELS[finding.severity.value],
            "message": {"text": finding.message},
            "locations": [_location(locator, first)],
            "partialFingerprints": {FINGERPRINT_KEY: finding.id},
            "properties": {
                "kind": finding.kind,
                "confidence": finding.confidence,
                "explanation": finding.explanation,
                **({"decision": finding.decision} if finding.decision else {}),
            },
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        if rest:
            result["relatedLocations"] = [_location(locator, e, i) for i, e in enumerate(rest, 1)]
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": report.tool,
                "version": report.tool_version,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "batch": report.batch,
            "model": report.model,
            "suppressed": report.suppressed,
            # Articles cited from the archive: evidence may point into them.
            "archived": sorted(set(articles) - prefer) if prefer else [],
        },
    }
    if report.problems:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "error" if p.skipped else "warning",
                        "message": {"text": p.message},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(p.path, base)}}}],
                    }
                    for p in report.problems
                ],
            }
        ]
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def to_github(
    report: Report, articles: Mapping[str, Article], base: Optional[Path] = None, prefer: Optional[set[str]] = None
) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on its first (new) evidence."""
    locator = _Locator(articles, base)
    lines = []
    for finding in report.findings:
        first, *rest = primary_first(finding, prefer)
        props: dict[str, Any] = {}
        article = articles.get(first.doc)
        if article is not None:
            props["file"] = display_path(article.path, base)
            found = locator.region(first) or {}
            keys = {"startLine": "line", "startColumn": "col", "endLine": "endLine", "endColumn": "endColumn"}
            props.update({keys[k]: v for k, v in found.items()})
        props["title"] = finding.rule
        others = "; ".join(f"{e.doc}: “{e.text}”" for e in rest)
        message = finding.message + (f" | also: {others}" if others else "") + f" [{finding.id}]"
        # Controls written visibly first: nothing from an article starts a line or reaches the terminal raw.
        # (CR and LF are escaped as %0D and %0A, which GitHub shows as line breaks within one annotation.)
        rendered = ",".join(f"{k}={_escape_property(controls_visible(v, CRLF))}" for k, v in props.items())
        lines.append(f"::{GITHUB_LEVELS[finding.severity.value]} {rendered}::{_escape_data(controls_visible(message, CRLF))}")
    return "".join(line + "\n" for line in lines)


def to_jsonl(report: Report) -> str:
    """One finding per line, each exactly as in the JSON report (docs/report.schema.json, Finding)."""
    return "".join(f.model_dump_json() + "\n" for f in report.findings)
