"""The review page: a Starlette app with Jinja2 templates (autoescaped) and one static script.

Security, in short: it binds to localhost unless given an access token; only the Host names it
serves are accepted (no DNS rebinding); every state-changing request carries the page's CSRF token
and, when the browser sends one, a same-origin Origin; the Content-Security-Policy allows scripts
and styles from the app itself only (no inline script); every text from articles, reports and
editors goes through Jinja2's escaping; a URL is a link only when it is http(s).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qs, urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from checker.review.sources import ReviewData, article_pieces, context, located
from checker.review.store import STATUSES, DecisionRow, DecisionStore, export_yaml

HERE = Path(__file__).parent
TOKEN_COOKIE = "factdiff_review_token"
MAX_BODY = 64 * 1024
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
DECISION_KEYS = {"confirmed": "c", "dismissed": "d", "deferred": "f"}


def safe_url(value: Optional[str]) -> Optional[str]:
    """The URL if it is http(s) with a host, else None: a `javascript:` or `data:` URL is never a link."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["pct"] = lambda x: f"{float(x):.2f}"
    return env


def trace_rows(finding: Any) -> list[list[tuple[str, str]]]:
    """A finding's why-trace (a list of gate outcomes, when the checker gives one), as key/value rows.

    Shown generically: whatever each step carries (gate, outcome, probability, ...), as text.
    """
    trace = getattr(finding, "trace", None)
    if not trace:
        return []
    rows = []
    for step in trace:
        if hasattr(step, "model_dump"):
            step = step.model_dump()
        if isinstance(step, dict):
            rows.append([(str(k), _cell(v)) for k, v in step.items() if v is not None])
        elif isinstance(step, (list, tuple)):
            rows.append([(str(i), _cell(v)) for i, v in enumerate(step)])
        else:
            rows.append([("", _cell(step))])
    return rows


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if hasattr(value, "value") and not isinstance(value, (str, bytes)):
        return str(value.value)
    return str(value)


class SecurityHeaders:
    """CSP and friends on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class TokenGate:
    """With an access token, every request must carry it: a cookie (set when the address with
    ?token= is opened), or an `Authorization: Bearer` header."""

    def __init__(self, app: ASGIApp, token: Optional[str]) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token")
        if given is not None and request.method == "GET" and secrets.compare_digest(given, self.token):
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
            await response(scope, receive, send)
            return
        cookie = request.cookies.get(TOKEN_COOKIE, "")
        bearer = request.headers.get("authorization", "")
        bearer = bearer[7:] if bearer.lower().startswith("bearer ") else ""
        if any(value and secrets.compare_digest(value, self.token) for value in (cookie, bearer)):
            await self.app(scope, receive, send)
            return
        response = PlainTextResponse("factdiff review: access token required (open the address factdiff review printed)\n", 401)
        await response(scope, receive, send)


class Review:
    """The app's state: the findings, the articles, the decisions store, the CSRF token."""

    def __init__(self, data: ReviewData, store: DecisionStore, csrf: Optional[str] = None) -> None:
        self.data = data
        self.store = store
        self.csrf = csrf or secrets.token_urlsafe(32)
        self.env = _environment()

    # ------------------------------------------------------------------ views

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("csrf", self.csrf)
        return HTMLResponse(self.env.get_template(template).render(**values), status_code=status)

    def card(self, item, histories: dict[str, list[DecisionRow]], index: int = 0, conflict: Optional[dict] = None) -> dict:
        finding = item.finding
        history = histories.get(finding.id, [])
        latest = history[-1] if history else None
        sides = []
        for evidence in finding.evidence:
            article = self.data.articles.get(evidence.doc)
            pieces, cut_before, cut_after = context(article, evidence, finding)
            sides.append(
                {
                    "evidence": evidence,
                    "pieces": pieces,
                    "cut_before": cut_before,
                    "cut_after": cut_after,
                    "article": article,
                    "located": located(article, evidence),
                    "side": (evidence.side or 0) % 4,
                }
            )
        return {
            "item": item,
            "finding": finding,
            "index": index,
            "status": latest.decision if latest else "open",
            "latest": latest,
            "expected": latest.id if latest else 0,
            "history": list(reversed(history)),
            "sides": sides,
            "trace": trace_rows(finding),
            "conflict": conflict,
        }

    def filtered(self, query: dict[str, str], latest: dict[str, DecisionRow]) -> list:
        items = []
        for item in self.data.items:
            finding = item.finding
            status = latest[finding.id].decision if finding.id in latest else "open"
            if query.get("status") and status != query["status"]:
                continue
            if query.get("rule") and finding.rule != query["rule"]:
                continue
            if query.get("article") and query["article"] not in {e.doc for e in finding.evidence}:
                continue
            if query.get("batch") and query["batch"] not in item.batches:
                continue
            items.append(item)
        return items

    async def index(self, request: Request) -> Response:
        query = {k: request.query_params.get(k, "") for k in ("status", "rule", "article", "batch")}
        histories = self.store.histories()
        latest = {k: v[-1] for k, v in histories.items()}
        items = self.filtered(query, latest)
        counts = {s: 0 for s in STATUSES}
        for item in self.data.items:
            counts[latest[item.id].decision if item.id in latest else "open"] += 1
        cards = [self.card(item, histories, i) for i, item in enumerate(items)]
        return self.render(
            "index.html",
            data=self.data,
            cards=cards,
            query=query,
            statuses=STATUSES,
            counts=counts,
            total=len(self.data.items),
            filtered=any(query.values()),
        )

    async def article(self, request: Request) -> Response:
        doc = request.query_params.get("doc", "")
        article = self.data.articles.get(doc)
        if article is None:
            return self.render("error.html", 404, title="No such article", message=f"No article {doc!r} in this review.")
        item = self.data.item(request.query_params.get("finding", ""))
        finding = item.finding if item else None
        others = [i.finding for i in self.data.items if any(e.doc == doc for e in i.finding.evidence)]
        pieces, start = article_pieces(article, finding, others)
        return self.render(
            "article.html",
            article=article,
            finding=finding,
            pieces=pieces,
            front_matter=article.text[:start] if start else "",
            others=[f for f in others if finding is None or f.id != finding.id],
        )

    async def export(self, request: Request) -> Response:
        return PlainTextResponse(
            export_yaml(self.store.verdicts()),
            media_type="application/yaml",
            headers={"content-disposition": 'attachment; filename="factdiff-decisions.yaml"'},
        )

    # ------------------------------------------------------------------ state changes

    def _csrf_ok(self, request: Request, form: dict[str, str]) -> bool:
        given = request.headers.get("x-csrf-token") or form.get("csrf", "")
        if not given or not secrets.compare_digest(given, self.csrf):
            return False
        origin = request.headers.get("origin")
        if origin is not None:
            host = request.headers.get("host", "")
            parts = urlsplit(origin)
            if parts.netloc != host or parts.scheme not in ("http", "https"):
                return False
        return True

    async def decide(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return PlainTextResponse("request too large\n", 413)
        form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items()}
        if not self._csrf_ok(request, form):
            return PlainTextResponse("factdiff review: missing or wrong CSRF token; reload the page\n", 403)
        item = self.data.item(form.get("finding", ""))
        if item is None:
            return PlainTextResponse("no such finding in this review\n", 404)
        decision = form.get("decision", "")
        if decision == "note":  # a note alone keeps the status
            latest = self.store.latest(item.id)
            decision = latest.decision if latest else "open"
        if decision not in STATUSES:
            return PlainTextResponse(f"unknown decision {decision!r}\n", 400)
        try:
            expected = int(form.get("expected", "0"))
        except ValueError:
            return PlainTextResponse("expected must be a number\n", 400)
        note = form.get("note", "").strip()[:4000]
        editor = form.get("editor", "").strip()[:200]
        outcome = self.store.decide(
            item.id, decision, expected, note=note, editor=editor,
            batch=", ".join(item.batches), rule=item.finding.rule, message=item.finding.message,
        )
        conflict = None
        if not outcome.saved:
            conflict = {"wanted": form.get("decision", ""), "note": note, "current": outcome.current}
        fetched = request.headers.get("x-requested-with") == "fetch"
        if fetched:
            histories = {item.id: self.store.history(item.id)}
            index = int(form["index"]) if form.get("index", "").isdigit() else 0
            return self.render("card.html", 200 if outcome.saved else 409, card=self.card(item, histories, index, conflict))
        if conflict:
            return self.render("conflict.html", 409, card=self.card(item, {item.id: self.store.history(item.id)}, 0, conflict))
        back = form.get("back", "/")
        back = back if back.startswith("/") and not back.startswith("//") else "/"
        return RedirectResponse(f"{back}#f-{item.id}", status_code=303)


def create_app(
    data: ReviewData,
    store: DecisionStore,
    token: Optional[str] = None,
    allowed_hosts: Optional[list[str]] = None,
    csrf: Optional[str] = None,
) -> Starlette:
    review = Review(data, store, csrf)
    routes = [
        Route("/", review.index),
        Route("/article", review.article),
        Route("/decisions.yaml", review.export),
        Route("/decide", review.decide, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])]
    middleware.append(Middleware(TokenGate, token=token))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.review = review
    return app


def allowed_hosts_for(host: str) -> list[str]:
    """Host header names the server answers to: the local names when bound to localhost, else any
    (the access token protects a server bound to another address)."""
    if host in LOCAL_HOSTS:
        return ["127.0.0.1", "localhost", "::1", "[::1]"]
    return ["*"]
