"""Every output format with hostile text: nothing runs once rendered, nothing reaches the terminal
raw, no workflow command is forged, no line is started by an article."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from checker import ci_formats, pipeline
from checker.cli import main
from checker.models import Article, Evidence, Finding, InputProblem, Report, Severity
from checker.report import to_html, to_json, to_markdown
from checker.safe_text import markdown_code, one_line
from tests.hostile import PAYLOADS, TERMINAL

HOSTILE = PAYLOADS + TERMINAL
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_report() -> tuple[Report, dict[str, Article]]:
    findings, articles = [], {}
    for i, payload in enumerate(HOSTILE):
        doc = f"doc{i}\n::error::{payload}"
        text = f"Vorher {payload} nachher."
        articles[doc] = Article(id=doc, path=f"batch/{payload[:20]}.txt", text=text)
        evidence = Evidence(doc=doc, start=7, end=7 + len(payload), text=payload, sentence=text, value=payload, side=0)
        other = Evidence(doc="plain", start=0, end=4, text="drei", sentence="drei Verletzte", value="3", side=1)
        findings.append(Finding(
            id=f"FD101-{i:012d}", rule="FD101", kind="quantity", severity=Severity.error,
            message=f"Conflicting figures: {payload}", explanation=f"{payload} vs drei", confidence=0.9,
            evidence=[evidence, other],
        ))
    articles["plain"] = Article(id="plain", path="batch/plain.txt", text="drei Verletzte")
    from checker.models import ArticleSummary

    summaries = [ArticleSummary(id=a.id, path=a.path, title=a.id, lang="de", sentences=1, claims=1) for a in articles.values()]
    problems = [InputProblem(path=f"batch/{p}.txt", message=f"bad {p}") for p in HOSTILE]
    report = Report(tool_version="0", batch="b<script>\x1b[2J", model="m`x", articles=summaries, problems=problems, findings=findings)
    return report, articles


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags_of(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


SAFE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "code", "div", "span",
             "b", "mark", "table", "tr", "th", "td", "em", "strong", "hr", "ol", "thead", "tbody", "pre", "br"}


def assert_inert(page: str) -> None:
    for tag, attrs in tags_of(page).tags:
        assert tag in SAFE_TAGS, f"<{tag}> in the page"
        for name, value in attrs:
            assert not name.startswith("on") and name not in ("href", "src", "srcdoc", "action", "formaction"), (tag, name)


def test_html_report_is_inert():
    report, _ = hostile_report()
    page = to_html(report)
    assert_inert(page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "&lt;script&gt;" in page


def test_markdown_report_renders_to_inert_html():
    from markdown_it import MarkdownIt

    report, _ = hostile_report()
    text = to_markdown(report)
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)  # raw HTML allowed, as GitHub's renderer does, then sanitises
    assert_inert(rendered)
    assert "<img" not in rendered and "<a " not in rendered
    # Nothing from an article starts a line: every line is ours.
    assert all(not line.startswith(("<", "!", "[", "::")) for line in text.splitlines())


@pytest.mark.parametrize("text", ["a`b", "``", "|x|", " ` "])
def test_markdown_code_spans_cannot_be_closed_early(text):
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").renderInline(markdown_code(text))
    assert rendered.count("<code>") == 1 and rendered.endswith("</code>")


def test_json_formats_keep_the_text_and_stay_one_document():
    report, articles = hostile_report()
    assert json.loads(to_json(report))["findings"][0]["evidence"][0]["text"] == HOSTILE[0]
    sarif = ci_formats.to_sarif(report, articles)
    assert json.loads(sarif)["runs"][0]["results"][0]["message"]["text"].endswith(HOSTILE[0])
    lines = ci_formats.to_jsonl(report).splitlines()
    assert len(lines) == len(report.findings) and all(json.loads(line) for line in lines)


def test_github_annotations_forge_no_workflow_command():
    report, articles = hostile_report()
    lines = ci_formats.to_github(report, articles).splitlines()
    assert len(lines) == len(report.findings)
    assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    assert not any(CONTROL.search(line) for line in lines)


def test_terminal_output_has_no_raw_controls_and_no_forged_lines(tmp_path, monkeypatch, capfd):
    report, articles = hostile_report()
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text("x", encoding="utf-8")
    result = pipeline.CheckResult(report=report, claims=[], pairs=[], articles=list(articles.values()))
    monkeypatch.setattr(pipeline, "run_check", lambda *a, **k: result)
    monkeypatch.chdir(tmp_path)
    for extra in ([], ["--format", "github"], ["--format", "github", "-o", "-"], ["-o", "-", "--format", "md"]):
        main(["check", str(folder), *extra])
        out, err = capfd.readouterr()
        for line in (out + err).splitlines():
            assert not CONTROL.search(line), line
            assert not line.startswith("::") or re.match(r"::(error|warning|notice) file=", line), line
        assert "\x1b" not in out + err


def test_no_color_and_no_tty_mean_no_escapes(monkeypatch):
    from checker.safe_text import severity_label, use_color

    class Tty:
        def isatty(self):
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Tty()) and "\x1b[31m" in severity_label("error", True)
    assert severity_label("error", False) == "error  "


def test_one_line_makes_every_control_visible():
    assert one_line("a\nb\x1b[2J\u202ec") == "a\\nb\\x1b[2J\\u202ec"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium here")
def test_nothing_runs_in_chromium(tmp_path):
    from markdown_it import MarkdownIt

    report, _ = hostile_report()
    pages = {"report.html": to_html(report),
             "report-md.html": MarkdownIt("commonmark", {"html": True}).enable("table").render(to_markdown(report))}
    for name, page in pages.items():
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        dom = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", path.as_uri()],
            capture_output=True, text=True, timeout=60,
        ).stdout
        assert "<body" in dom
        assert not re.search(r"<body[^>]*data-pwned", dom), name
