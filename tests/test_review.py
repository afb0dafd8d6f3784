"""The review page without a browser: the decisions store, export, `check --archive` honouring
stored decisions, and the app's security over plain HTTP."""

from __future__ import annotations

import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from checker.baseline import apply_decisions, read_decisions, read_report
from checker.cli import main
from checker.review.app import create_app, safe_url, trace_rows
from checker.review.sources import context, load
from checker.review.store import DecisionStore, decisions_db_beside, export_yaml, read_verdicts
from tests.review_helpers import REPO, serving

HOSTILE = REPO / "fixtures" / "review-hostile"


def no_check(batch):
    raise AssertionError(f"the tests give reports, not batches: {batch}")


# --------------------------------------------------------------------------- the store


def test_history_is_kept_and_the_latest_decision_counts(tmp_path):
    store = DecisionStore(tmp_path / "d.sqlite")
    first = store.decide("FD101-a", "dismissed", expected=0, note="two ferries", editor="kb")
    assert first.saved
    second = store.decide("FD101-a", "confirmed", expected=first.current.id, editor="mm")
    assert second.saved and second.current.previous == first.current.id
    history = store.history("FD101-a")
    assert [(r.decision, r.editor, r.note) for r in history] == [("dismissed", "kb", "two ferries"), ("confirmed", "mm", None)]
    assert store.latest("FD101-a").decision == "confirmed"
    assert [r.finding for r in store.verdicts()] == ["FD101-a"]
    with pytest.raises(ValueError, match="unknown decision"):
        store.decide("FD101-a", "maybe", expected=second.current.id)


def test_a_decision_against_a_changed_finding_is_refused_not_lost(tmp_path):
    """Two editors saw the finding open; the first decides, the second is told and asked again."""
    path = tmp_path / "d.sqlite"
    one, two = DecisionStore(path), DecisionStore(path)
    assert one.decide("FD201-x", "confirmed", expected=0, editor="kb").saved
    refused = two.decide("FD201-x", "dismissed", expected=0, editor="mm")
    assert not refused.saved and refused.current.decision == "confirmed" and refused.current.editor == "kb"
    again = two.decide("FD201-x", "dismissed", expected=refused.current.id, editor="mm")
    assert again.saved
    assert [r.decision for r in one.history("FD201-x")] == ["confirmed", "dismissed"]


def test_export_is_the_decisions_file_check_reads(tmp_path):
    store = DecisionStore(tmp_path / "d.sqlite")
    store.decide("FD101-a", "dismissed", expected=0, note="two ferries: “Nordlicht” and another", editor="kb")
    b = store.decide("FD101-b", "confirmed", expected=0).current
    store.decide("FD101-b", "deferred", expected=b.id)  # deferred again: no verdict any more
    store.decide("FD101-c", "confirmed", expected=0, editor="mm")
    out = tmp_path / "decisions.yaml"
    assert main(["decisions", "export", "--db", str(tmp_path / "d.sqlite"), "-o", str(out)]) == 0
    decisions = read_decisions(out)
    assert [(d.id, d.decision, d.by) for d in decisions] == [("FD101-a", "dismissed", "kb"), ("FD101-c", "confirmed", "mm")]
    assert decisions[0].note == "two ferries: “Nordlicht” and another"
    assert export_yaml([]).endswith("[]\n") and yaml.safe_load(export_yaml([])) == []


def test_export_finds_the_database_beside_the_batch(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    assert decisions_db_beside(batch) == tmp_path / "batch.decisions.sqlite"
    assert decisions_db_beside(tmp_path / "r.json") == tmp_path / "r.decisions.sqlite"
    assert main(["decisions", "export", str(batch)]) == 2  # none yet
    assert "no decisions database" in capsys.readouterr().err
    DecisionStore(tmp_path / "batch.decisions.sqlite").decide("FD1-a", "dismissed", expected=0)
    assert main(["decisions", "export", str(batch)]) == 0
    assert "id: FD1-a" in capsys.readouterr().out


def test_check_against_an_archive_honours_its_decisions(tmp_path, hostile_report, capsys):
    """Decisions kept in the archive keep CI quiet without a decisions file; a file still wins."""
    db = tmp_path / "archive.sqlite"
    assert main(["archive", "add", str(HOSTILE), "--db", str(db)]) == 0
    finding = read_report(hostile_report).findings[0]
    assert finding.rule == "FD101"
    assert read_verdicts(db) == []  # an archive without decisions
    DecisionStore(db).decide(finding.id, "dismissed", expected=0, editor="kb")
    out = tmp_path / "r.json"
    assert main(["check", str(HOSTILE), "--archive", str(db), "-o", str(out), "--format", "json"]) == 0
    report = read_report(out)
    assert finding.id not in {f.id for f in report.findings} and report.suppressed == 1
    # A decisions file read after the archive's decisions: its later verdict wins.
    file = tmp_path / "decisions.yaml"
    file.write_text(f"- {{id: {finding.id}, decision: confirmed}}\n", encoding="utf-8")
    assert main(["check", str(HOSTILE), "--archive", str(db), "--decisions", str(file), "-o", str(out), "--format", "json", "--fail-on", "warning"]) == 1
    assert [f.decision for f in read_report(out).findings if f.id == finding.id] == ["confirmed"]
    capsys.readouterr()


# --------------------------------------------------------------------------- rendering helpers


@pytest.mark.parametrize(
    "url, link",
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        ("vbscript:x", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(url, link):
    assert safe_url(url) == link


def test_a_trace_is_shown_generically_when_a_finding_has_one():
    assert trace_rows(SimpleNamespace()) == [] and trace_rows(SimpleNamespace(trace=[])) == []
    gate = SimpleNamespace(model_dump=lambda: {"gate": "same_counted", "outcome": "pass", "probability": 0.8731, "skip": None})
    rows = trace_rows(SimpleNamespace(trace=[gate, {"gate": "<b>x</b>", "p": 1}, "plain step"]))
    assert rows == [
        [("gate", "same_counted"), ("outcome", "pass"), ("probability", "0.873")],
        [("gate", "<b>x</b>"), ("p", "1")],
        [("", "plain step")],
    ]


def test_evidence_is_shown_in_its_article_with_its_words_highlighted(hostile_report):
    data = load([hostile_report], no_check)
    finding = data.items[0].finding
    for evidence in finding.evidence:
        pieces, _, _ = context(data.articles[evidence.doc], evidence, finding)
        marked = [p.text for p in pieces if p.mark]
        assert marked == [evidence.text]
        assert evidence.sentence.strip()[:40] in "".join(p.text for p in pieces)


# --------------------------------------------------------------------------- over HTTP


def fetch(url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, str, dict]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8"), dict(exc.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture()
def hostile_app(tmp_path, hostile_report):
    store = DecisionStore(tmp_path / "d.sqlite")
    app = create_app(load([hostile_report], no_check), store, allowed_hosts=["127.0.0.1", "localhost"])
    with serving(app) as base:
        yield base, app, store
    store.close()


def test_state_changes_need_the_csrf_token(hostile_app):
    base, app, store = hostile_app
    status, page, headers = fetch(base + "/")
    assert status == 200
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    finding = re.search(r'name="finding" value="([^"]+)"', page).group(1)
    form = {"finding": finding, "decision": "dismissed", "expected": "0"}
    assert fetch(base + "/decide", form)[0] == 403
    assert fetch(base + "/decide", {**form, "csrf": "wrong"})[0] == 403
    # The right token from another origin (a page elsewhere that somehow learnt it) is refused too.
    assert fetch(base + "/decide", {**form, "csrf": csrf}, {"Origin": "http://evil.example"})[0] == 403
    assert store.history(finding) == []
    status, _, headers = fetch(base + "/decide", {**form, "csrf": csrf}, {"Origin": base})
    assert status == 303 and headers["location"].endswith(f"#f-{finding}")
    assert store.latest(finding).decision == "dismissed"
    # GET never changes anything.
    assert fetch(base + "/decide?" + urllib.parse.urlencode({**form, "csrf": csrf}))[0] == 405


def test_headers_and_escaping(hostile_app):
    base, _, _ = hostile_app
    status, page, headers = fetch(base + "/")
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert "<script>window" not in page and "onerror=\"" not in page and "&lt;script&gt;" in page
    assert len(re.findall(r"<script\b", page)) == 1  # the page's own static script
    status, page, _ = fetch(base + "/article?doc=a-hostile")
    assert status == 200
    assert 'href="javascript' not in page.lower() and "(not a web address; not linked)" in page
    assert "<iframe" not in page and "<svg" not in page and "&lt;iframe" in page
    assert fetch(base + "/article?doc=<script>")[0] == 404
    assert fetch(base + "/", headers={"Host": "evil.example"})[0] == 400  # DNS rebinding


def test_a_conflicting_decision_is_answered_with_the_current_state(hostile_app):
    base, app, store = hostile_app
    review = app.state.review
    finding = review.data.items[0].id
    store.decide(finding, "confirmed", expected=0, editor="kb", note="<b>checked</b>")
    form = {"finding": finding, "decision": "dismissed", "expected": "0", "csrf": review.csrf, "note": "mine"}
    status, card, _ = fetch(base + "/decide", form, {"X-Requested-With": "fetch"})
    assert status == 409
    assert "Changed since you loaded it" in card and "by kb" in card and "&lt;b&gt;checked&lt;/b&gt;" in card
    assert ">mine</textarea>" in card  # the editor's note is kept for the second try
    latest = store.latest(finding)
    assert latest.decision == "confirmed"
    status, card, _ = fetch(base + "/decide", {**form, "expected": str(latest.id)}, {"X-Requested-With": "fetch"})
    assert status == 200 and 'data-status="dismissed"' in card


def test_the_access_token(tmp_path, hostile_report):
    store = DecisionStore(tmp_path / "d.sqlite")
    app = create_app(load([hostile_report], no_check), store, token="s3cret")
    with serving(app) as base:
        assert fetch(base + "/")[0] == 401
        assert fetch(base + "/?token=wrong")[0] == 401
        status, _, headers = fetch(base + "/?token=s3cret&status=open")
        assert status == 303 and headers["location"] == "/?status=open"
        assert "factdiff_review_token=s3cret" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]
        assert fetch(base + "/", headers={"Cookie": "factdiff_review_token=s3cret"})[0] == 200
        assert fetch(base + "/", headers={"Authorization": "Bearer s3cret"})[0] == 200
    store.close()


def test_binding_beyond_localhost_needs_a_token(tmp_path, hostile_report, capsys, monkeypatch):
    monkeypatch.delenv("FACTDIFF_REVIEW_TOKEN", raising=False)
    assert main(["review", str(hostile_report), "--host", "0.0.0.0", "--db", str(tmp_path / "d.sqlite")]) == 2
    assert "refusing to start" in capsys.readouterr().err
    assert not (tmp_path / "d.sqlite").exists()


def test_review_checks_a_batch_serves_it_and_prints_its_address(tmp_path):
    """The command itself, as a newcomer runs it on a batch folder (a small one: it is checked first)."""
    import subprocess
    import sys

    db = tmp_path / "d.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "review", str(HOSTILE), "--port", "0", "--db", str(db)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        lines = [process.stdout.readline(), process.stdout.readline()]
        address = re.search(r"open (http://127\.0\.0\.1:\d+/)", lines[1]).group(1)
        assert "1 finding(s) of review-hostile" in lines[0] and str(db) in lines[0]
        status, page, _ = fetch(address)
        assert status == 200 and "FD101" in page
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM review_decisions").fetchone() == (0,)


def test_pieces_give_overlapping_evidence_to_the_span_listed_last():
    from checker.review.sources import pieces

    text = "Mehr als 1.000 Container wurden geliefert."
    cut = pieces(text, 100, [(100, 142, "other", None), (109, 124, "side-0", "ev-0")])
    assert [(p.text, p.mark, p.anchor) for p in cut] == [
        ("Mehr als ", "other", None),
        ("1.000 Container", "side-0", "ev-0"),
        (" wurden geliefert.", "other", None),
    ]
    assert "".join(p.text for p in pieces(text, 0, [])) == text


def test_a_why_trace_is_rendered_when_findings_carry_one(tmp_path, hostile_report):
    """A finding's trace (the decision's gates, with the model's probability) is shown, escaped."""
    from checker.models import Gate
    from checker.review.sources import Item

    data = load([hostile_report], no_check)
    plain = data.items[0].finding
    gates = [Gate(name="model", passed=True, detail="p = 0.9312"), Gate(name="<i>x</i>", passed=False, detail="no")]
    data.items = [Item(finding=plain.model_copy(update={"trace": gates}), batches=["b"])]
    store = DecisionStore(tmp_path / "d.sqlite")
    with serving(create_app(data, store)) as base:
        page = fetch(base + "/")[1]
    store.close()
    assert "Why (trace)" in page and "p = 0.9312" in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert "Why (trace)" not in fetch_page_without_trace(tmp_path, hostile_report)


def fetch_page_without_trace(tmp_path, report) -> str:
    data = load([report], no_check)
    for item in data.items:
        item.finding = item.finding.model_copy(update={"trace": []})
    store = DecisionStore(tmp_path / "e.sqlite")
    with serving(create_app(data, store)) as base:
        page = fetch(base + "/")[1]
    store.close()
    return page


def test_moved_articles_and_empty_reports(tmp_path, hostile_report):
    """Evidence whose article file is gone is shown with its sentence; a report without findings says so."""
    report = read_report(hostile_report)
    moved = report.model_copy(update={"articles": [a.model_copy(update={"path": str(tmp_path / "gone.md")}) for a in report.articles]})
    (tmp_path / "moved.json").write_text(moved.model_dump_json(), encoding="utf-8")
    empty = report.model_copy(update={"findings": [], "batch": "quiet"})
    (tmp_path / "empty.json").write_text(empty.model_dump_json(), encoding="utf-8")
    store = DecisionStore(tmp_path / "d.sqlite")
    with serving(create_app(load([tmp_path / "moved.json"], no_check), store)) as base:
        page = fetch(base + "/")[1]
        assert "(article text not available: sentence only)" in page and "<mark" in page and 'class="full"' not in page
        assert fetch(base + "/article?doc=a-hostile")[0] == 404
    with serving(create_app(load([tmp_path / "empty.json"], no_check), store)) as base:
        assert "No finding." in fetch(base + "/")[1]
    store.close()
    with pytest.raises(ValueError, match="not a JSON report"):
        (tmp_path / "other.json").write_text("{}", encoding="utf-8")
        load([tmp_path / "other.json"], no_check)
