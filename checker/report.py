"""Report stage: JSON (versioned schema), Markdown, and one self-contained HTML page."""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Callable

from checker import safe_text
from checker.models import REPORT_SCHEMA_VERSION, Evidence, Report

FORMATS = ("json", "md", "html")


def report_json_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$id"] = f"https://factdiff.invalid/schema/report-{REPORT_SCHEMA_VERSION}.json"
    schema["title"] = f"factdiff report, schema version {REPORT_SCHEMA_VERSION}"
    return schema


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


def counts(report: Report) -> Counter:
    return Counter(f.severity.value for f in report.findings)


def summary_line(report: Report) -> str:
    c = counts(report)
    problems = f", {len(report.problems)} input problem(s)" if report.problems else ""
    return (
        f"{report.batch}: {len(report.articles)} articles, {c['error']} error(s), {c['warning']} warning(s), "
        f"{c['info']} info{problems}"
    )


def to_markdown(report: Report) -> str:
    """Markdown in which every untrusted string (article text, ids, paths, titles, messages) is escaped:
    rendered, the report shows the text and nothing else (no raw HTML, no images, no links)."""
    md, code = safe_text.markdown, safe_text.markdown_code
    lines = [f"# factdiff report: {md(report.batch)}", "", md(summary_line(report)), ""]
    lines += [f"Model: {code(report.model)} · factdiff {md(report.tool_version)} · report schema {md(report.schema_version)}", ""]
    lines += ["## Articles", "", "| id | language | published | sentences | claims |", "|---|---|---|---|---|"]
    for a in report.articles:
        published = md(_published(a.published, a.published_from))
        lines.append(f"| {code(a.id, in_table=True)} | {md(a.lang)} | {published} | {a.sentences} | {a.claims} |")
    if report.problems:
        lines += ["", "## Input problems", ""]
        lines += [f"- {code(p.path)}: {md(p.message)}" for p in report.problems]
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("No findings.")
    for f in report.findings:
        lines += [f"### {f.severity.value.upper()} {md(f.rule)} ({md(f.kind)}): {md(f.message)}", ""]
        lines += [f"{md(f.explanation)} Confidence {f.confidence:.2f}. Fingerprint {code(f.id)}.", ""]
        for e in f.evidence:
            lines.append(f"- **{md(e.doc)}** \\[{e.start}:{e.end}\\] {_md_highlight(e)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _published(value, origin) -> str:
    if value is None:
        return "unknown"
    text = value.start.isoformat() if value.granularity.value in ("day", "time") else f"{value.start:%Y-%m}"
    if value.time:
        text += f" {value.time}"
    return f"{text} ({origin})" if origin else text


def _md_highlight(e: Evidence) -> str:
    md = safe_text.markdown
    sentence = e.sentence.replace("\n", " ")
    at = sentence.find(e.text)
    if at < 0:
        return f"“{md(e.text)}” in: {md(sentence)}"
    value = f" _({md(e.value)})_" if e.value else ""
    return f"{md(sentence[:at])}**{md(e.text)}**{md(sentence[at + len(e.text):])}{value}"


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}.sum{color:#555}.finding{border:1px solid #ddd;border-radius:8px;margin:1.2rem 0;padding:.8rem 1rem}
.sev{display:inline-block;border-radius:4px;padding:0 .45rem;font-weight:600;color:#fff;margin-right:.4rem}
.error .sev{background:#c62828}.warning .sev{background:#ef6c00}.info .sev{background:#1565c0}
.ev{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.8rem;margin-top:.6rem}
.side{background:#fafafa;border-left:4px solid #999;padding:.5rem .7rem}.side .doc{font:12px monospace;color:#555}
.side-0{border-color:#6a1b9a}.side-1{border-color:#00838f}.side-2{border-color:#558b2f}.side-3{border-color:#ad1457}
mark{background:#ffe082;padding:0 .1rem}.val{color:#555;font-size:.9em}.meta{color:#777;font-size:.85em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}
"""


def _html_parts(e: Evidence) -> tuple[str, str, str]:
    at = e.sentence.find(e.text)
    if at < 0:
        return "", e.text, ""
    return e.sentence[:at], e.text, e.sentence[at + len(e.text):]


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("checker", "report_assets"), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")


def to_html(report: Report) -> str:
    """One self-contained page from an autoescaping Jinja2 template; its Content-Security-Policy
    allows no script, no image and no remote load, should anything ever slip through."""
    findings = [
        {"f": f, "cards": [{"e": e, "parts": _html_parts(e), "side": (e.side or 0) % 4} for e in f.evidence]}
        for f in report.findings
    ]
    articles = [{"a": a, "published": _published(a.published, a.published_from)} for a in report.articles]
    return _template().render(
        report=report, summary=summary_line(report), style=_STYLE, findings=findings, articles=articles
    )


WRITERS: dict[str, Callable[[Report], str]] = {"json": to_json, "md": to_markdown, "html": to_html}


def write_report(report: Report, path: Path, fmt: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(WRITERS[fmt](report), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(json.dumps(report_json_schema(), indent=2, ensure_ascii=False))
