"""Report stage: JSON (versioned schema), Markdown, and one self-contained HTML page."""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path
from typing import Callable

from checker.models import REPORT_SCHEMA_VERSION, Evidence, Finding, Report

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
    lines = [f"# factdiff report: {report.batch}", "", summary_line(report), ""]
    lines += [f"Model: `{report.model}` · factdiff {report.tool_version} · report schema {report.schema_version}", ""]
    lines += ["## Articles", "", "| id | language | published | sentences | claims |", "|---|---|---|---|---|"]
    for a in report.articles:
        published = _published(a.published, a.published_from)
        lines.append(f"| `{a.id}` | {a.lang} | {published} | {a.sentences} | {a.claims} |")
    if report.problems:
        lines += ["", "## Input problems", ""]
        lines += [f"- `{p.path}`: {p.message}" for p in report.problems]
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("No findings.")
    for f in report.findings:
        lines += [f"### {f.severity.value.upper()} {f.rule} ({f.kind}): {f.message}", ""]
        lines += [f"{f.explanation} Confidence {f.confidence:.2f}. Fingerprint `{f.id}`.", ""]
        for e in f.evidence:
            lines.append(f"- **{e.doc}** [{e.start}:{e.end}] {_md_highlight(e)}")
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
    sentence = e.sentence.replace("\n", " ")
    at = sentence.find(e.text)
    if at < 0:
        return f"“{e.text}” in: {sentence}"
    return f"{sentence[:at]}**{e.text}**{sentence[at + len(e.text):]}" + (f" _({e.value})_" if e.value else "")


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


def to_html(report: Report) -> str:
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>factdiff: {esc(report.batch)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>factdiff report: {esc(report.batch)}</h1><p class='sum'>{esc(summary_line(report))}</p>",
        f"<p class='meta'>Model {esc(report.model)} · factdiff {esc(report.tool_version)} · schema {esc(report.schema_version)}</p>",
    ]
    if report.problems:
        parts.append("<h2>Input problems</h2><ul>")
        parts += [f"<li><code>{esc(p.path)}</code>: {esc(p.message)}</li>" for p in report.problems]
        parts.append("</ul>")
    parts.append("<h2>Findings</h2>")
    if not report.findings:
        parts.append("<p>No findings.</p>")
    for f in report.findings:
        parts.append(_html_finding(f))
    parts.append("<h2>Articles</h2><table><tr><th>id</th><th>language</th><th>published</th><th>sentences</th><th>claims</th></tr>")
    for a in report.articles:
        parts.append(
            f"<tr><td><code>{esc(a.id)}</code></td><td>{esc(a.lang)}</td><td>{esc(_published(a.published, a.published_from))}</td>"
            f"<td>{a.sentences}</td><td>{a.claims}</td></tr>"
        )
    parts.append("</table></body></html>\n")
    return "".join(parts)


def _html_finding(f: Finding) -> str:
    esc = html.escape
    cards = []
    for e in f.evidence:
        at = e.sentence.find(e.text)
        if at >= 0:
            body = esc(e.sentence[:at]) + f"<mark>{esc(e.text)}</mark>" + esc(e.sentence[at + len(e.text):])
        else:
            body = f"<mark>{esc(e.text)}</mark>"
        value = f"<div class='val'>{esc(e.value)}</div>" if e.value else ""
        cards.append(
            f"<div class='side side-{(e.side or 0) % 4}'><div class='doc'>{esc(e.doc)} · {e.start}–{e.end}</div>{body}{value}</div>"
        )
    return (
        f"<div class='finding {f.severity.value}' id='{esc(f.id)}'><div><span class='sev'>{f.severity.value}</span>"
        f"<b>{esc(f.rule)}</b> {esc(f.message)}</div><div>{esc(f.explanation)}</div>"
        f"<div class='meta'>confidence {f.confidence:.2f} · {esc(f.kind)} · <code>{esc(f.id)}</code></div>"
        f"<div class='ev'>{''.join(cards)}</div></div>"
    )


WRITERS: dict[str, Callable[[Report], str]] = {"json": to_json, "md": to_markdown, "html": to_html}


def write_report(report: Report, path: Path, fmt: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(WRITERS[fmt](report), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(json.dumps(report_json_schema(), indent=2, ensure_ascii=False))
