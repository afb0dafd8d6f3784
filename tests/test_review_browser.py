"""The review page in a real browser: Debian's chromium, driven by Playwright (never a downloaded
browser). Editors decide by keyboard, decisions survive a reload, the export feeds `check
--decisions`, two editors at once are asked again, a hostile article stays inert. Screenshots of
the main views go to reports/screenshots/ (docs/review.md shows them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.baseline import read_decisions, read_report
from checker.cli import main
from checker.review.app import allowed_hosts_for, create_app
from checker.review.sources import load
from checker.review.store import DecisionStore
from tests.review_helpers import REPO, serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
SHOTS = REPO / "reports" / "screenshots"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install -y chromium; .ci/run installs it)",
)


def no_check(batch):
    raise AssertionError(f"the tests give reports, not batches: {batch}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def review(tmp_path):
    """Serve a report on a free local port: yields start(report) -> (base URL, store)."""
    started = []

    def start(report: Path):
        store = DecisionStore(tmp_path / "decisions.sqlite")
        context = serving(create_app(load([report], no_check), store, allowed_hosts=allowed_hosts_for("127.0.0.1")))
        started.append((context, store))
        return context.__enter__(), store

    yield start
    for context, store in started:
        context.__exit__(None, None, None)
        store.close()


def watch(page) -> list[str]:
    """Console errors (a CSP violation is one) and dialogs (an alert would be script running)."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def dialog(d):
        problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return problems


def shot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=full_page)


def card(fid: str) -> str:
    return f'[id="f-{fid}"]'


def status_of(page, fid: str) -> str:
    return page.get_attribute(f"{card(fid)} .badge", "data-status")


def test_decide_by_keyboard_reload_export_and_check(browser, review, nk_arms_report, tmp_path):
    base, store = review(nk_arms_report)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = watch(page)
    page.goto(base + "/")
    ids = page.eval_on_selector_all("#findings .finding", "cards => cards.map(c => c.dataset.id)")
    assert len(ids) == len(read_report(nk_arms_report).findings) >= 3
    assert page.get_attribute(card(ids[0]), "class").split().count("current") == 1
    page.fill("#editor", "kb")
    page.evaluate("document.activeElement.blur()")  # the name is kept (localStorage) on change

    page.keyboard.press("c")  # confirm the first finding
    page.wait_for_selector(f'{card(ids[0])} .badge[data-status="confirmed"]')
    page.keyboard.press("j")
    assert "current" in page.get_attribute(card(ids[1]), "class")
    page.keyboard.press("n")  # a note, then dismiss the second finding
    page.keyboard.type("the same figure, counted on another day")
    page.keyboard.press("Escape")
    page.keyboard.press("d")
    page.wait_for_selector(f'{card(ids[1])} .badge[data-status="dismissed"]')
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert "current" in page.get_attribute(card(ids[1]), "class")
    assert page.inner_text("#counts [data-count=confirmed]") == "1 confirmed"
    assert page.inner_text("#counts [data-count=dismissed]") == "1 dismissed"
    assert page.inner_text("#counts [data-count=open]") == f"{len(ids) - 2} open"
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "review-main.png")

    page.reload()
    assert status_of(page, ids[0]) == "confirmed"
    assert status_of(page, ids[1]) == "dismissed"
    assert all(status_of(page, fid) == "open" for fid in ids[2:])
    assert "current" in page.get_attribute(card(ids[1]), "class")  # the address remembers where you were
    history = " ".join(page.text_content(f"{card(ids[1])} .history").split())
    assert "dismissed by kb" in history and "the same figure, counted on another day" in history
    assert page.input_value("#editor") == "kb"

    # Export from the page, and from the command line: the same decisions file.
    with page.expect_download() as download:
        page.click("a.export")
    exported = tmp_path / "from-page.yaml"
    download.value.save_as(exported)
    from_cli = tmp_path / "decisions.yaml"
    assert main(["decisions", "export", "--db", str(store.path), "-o", str(from_cli)]) == 0
    assert exported.read_text(encoding="utf-8") == from_cli.read_text(encoding="utf-8")
    decisions = read_decisions(from_cli)
    assert [(d.id, d.decision, d.by) for d in decisions] == [(ids[0], "confirmed", "kb"), (ids[1], "dismissed", "kb")]

    # CI with the exported file: the dismissed finding is gone, the confirmed one marked.
    out = tmp_path / "after.json"
    main(["check", str(REPO / "fixtures" / "nk-arms"), "--decisions", str(from_cli), "-o", str(out), "--format", "json", "-q"])
    after = read_report(out)
    assert ids[1] not in {f.id for f in after.findings}
    assert [f.decision for f in after.findings if f.id == ids[0]] == ["confirmed"]
    assert after.suppressed == 1 and len(after.findings) == len(ids) - 1

    # Filters: by status, by rule.
    page.goto(base + "/?status=dismissed")
    assert page.eval_on_selector_all("#findings .finding", "cards => cards.map(c => c.dataset.id)") == [ids[1]]
    rule = ids[2].split("-")[0]
    page.goto(base + f"/?rule={rule}&status=open")
    shown = page.eval_on_selector_all("#findings .finding", "cards => cards.map(c => c.dataset.id)")
    assert shown and all(fid.startswith(rule + "-") for fid in shown) and ids[0] not in shown
    assert page.input_value("select[name=rule]") == rule

    # The full article, from the keyboard: the evidence highlighted where the link points.
    page.goto(base + f"/#f-{ids[0]}")
    page.keyboard.press("o")
    page.wait_for_url("**/article?*")
    assert page.is_visible("mark#ev-0")
    assert page.eval_on_selector("mark#ev-0", "m => m.textContent") == read_report(nk_arms_report).findings[0].evidence[0].text
    shot(page, "review-article.png")
    assert problems == []


def test_usable_on_a_phone(browser, review, nk_arms_report):
    base, _ = review(nk_arms_report)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = watch(page)
    page.goto(base + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = page.get_attribute("#findings .finding", "data-id")
    page.tap(f"{card(first)} button.b-defer")  # by touch, no keyboard
    page.wait_for_selector(f'{card(first)} .badge[data-status="deferred"]')
    shot(page, "review-phone.png")
    context.close()
    assert problems == []


def test_two_editors_at_once_the_second_is_asked_again(browser, review, nk_arms_report):
    base, store = review(nk_arms_report)
    one, two = browser.new_context(viewport={"width": 1280, "height": 900}), browser.new_context(viewport={"width": 1280, "height": 900})
    a, b = one.new_page(), two.new_page()
    a.goto(base + "/")
    b.goto(base + "/")
    fid = a.get_attribute("#findings .finding", "data-id")
    a.fill("#editor", "kb")
    a.evaluate("document.activeElement.blur()")
    a.keyboard.press("c")
    a.wait_for_selector(f'{card(fid)} .badge[data-status="confirmed"]')
    b.keyboard.press("d")  # b still sees the finding open
    b.wait_for_selector(f"{card(fid)} .conflict")
    assert "now confirmed by kb" in " ".join(b.inner_text(f"{card(fid)} .conflict").split())
    assert status_of(b, fid) == "confirmed"
    shot(b, "review-conflict.png")
    assert [r.decision for r in store.history(fid)] == ["confirmed"]
    b.keyboard.press("d")  # asked again, and meant it
    b.wait_for_selector(f'{card(fid)} .badge[data-status="dismissed"]')
    assert [r.decision for r in store.history(fid)] == ["confirmed", "dismissed"]
    one.close()
    two.close()


def test_a_hostile_article_renders_inert(browser, review, hostile_report):
    base, store = review(hostile_report)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = watch(page)
    page.goto(base + "/")
    dangerous = "document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover],iframe,svg,img,a[href^=\"javascript\" i]').length"

    def inert() -> None:
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate(dangerous) == 0
        assert page.evaluate("document.scripts.length") == 1  # the page's own review.js

    inert()
    assert "<script>window.__pwned = 'body'</script>" in page.inner_text("#findings")
    # A note is text too.
    page.keyboard.press("n")
    page.keyboard.type("<img src=x onerror=\"window.__pwned='note'\"> <script>window.__pwned='n'</script>")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#findings .history")
    page.reload()
    inert()
    assert "onerror=\"window.__pwned='note'\"" in page.text_content("#findings .history")
    page.hover(".finding .title")  # the title's onmouseover is text, not a handler
    page.click("a.full")
    page.wait_for_url("**/article?*")
    inert()
    assert page.inner_text(".unsafe-url") == "javascript:window.__pwned='url'"
    assert page.eval_on_selector_all("a", "links => links.map(a => a.protocol)") == ["http:", "http:"]  # home, back
    page.click("details.front summary")
    shot(page, "review-hostile.png", full_page=True)
    inert()
    assert [r.decision for r in store.history(page.url.split("finding=")[1].split("#")[0])] == ["open"]
    assert problems == []


def test_a_post_without_the_csrf_token_is_refused(browser, review, hostile_report):
    base, store = review(hostile_report)
    page = browser.new_page()
    page.goto(base + "/")
    fid = page.get_attribute("#findings .finding", "data-id")
    form = {"finding": fid, "decision": "dismissed", "expected": "0"}
    refused = page.request.post(base + "/decide", form=form)
    assert refused.status == 403 and "CSRF" in refused.text()
    assert store.history(fid) == []
    token = page.get_attribute('meta[name="csrf-token"]', "content")
    accepted = page.request.post(base + "/decide", form=form, headers={"X-CSRF-Token": token, "X-Requested-With": "fetch"})
    assert accepted.status == 200
    assert [r.decision for r in store.history(fid)] == ["dismissed"]
