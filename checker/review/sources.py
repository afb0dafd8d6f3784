"""What the review page shows: findings of one or more batches or JSON reports, and the articles' text.

A batch folder is checked (as `factdiff check` would, against the archive when one is given); a JSON
report is read as written, its articles' text read again from the paths it names, so that the page
can show each piece of evidence in its article's context. Evidence whose article cannot be read
(an archived article, a moved file) is shown with its sentence only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from checker.models import Article, Evidence, Finding, Report

Runner = Callable[[Path], "object"]  # a batch folder -> a CheckResult (report, articles)


@dataclass
class Item:
    finding: Finding
    batches: list[str]

    @property
    def id(self) -> str:
        return self.finding.id


@dataclass
class ReviewData:
    items: list[Item] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)

    def item(self, finding_id: str) -> Optional[Item]:
        return next((item for item in self.items if item.id == finding_id), None)

    @property
    def batches(self) -> list[str]:
        return [report.batch for report in self.reports]

    @property
    def rules(self) -> list[str]:
        return sorted({item.finding.rule for item in self.items})

    @property
    def docs(self) -> list[str]:
        return sorted({e.doc for item in self.items for e in item.finding.evidence})


def _sort_key(finding: Finding) -> tuple:
    first = finding.evidence[0] if finding.evidence else None
    return (-finding.severity.rank, finding.rule, first.doc if first else "", first.start if first else 0, finding.id)


def read_report_articles(report: Report) -> dict[str, Article]:
    """The articles a JSON report names, read again from their paths (those that still exist)."""
    from checker.ingest import InputError, decode, read_article_text, read_records

    found: dict[str, Article] = {}
    for summary in report.articles:
        path = Path(summary.path)
        if not path.is_file():
            continue
        try:
            text, _ = decode(path.read_bytes())
            if path.suffix.lower() in (".json", ".jsonl"):
                candidates = [item[0] for item in read_records(text, summary.id) if isinstance(item, tuple)]
            else:
                candidates = [read_article_text(text, summary.id)[0]]
        except (InputError, OSError):
            continue
        for article in candidates:
            if article.id == summary.id:
                found[article.id] = article.model_copy(update={"path": str(path)})
    return found


def load(sources: list[Path], run: Runner) -> ReviewData:
    from checker.baseline import read_report

    data = ReviewData()
    by_id: dict[str, Item] = {}
    for source in sources:
        source = Path(source)
        if not source.exists():
            raise FileNotFoundError(f"{source}: no such file or folder")
        if source.is_file() and source.suffix == ".json":
            report = read_report(source)
            if report is None:
                raise ValueError(f"{source}: not a JSON report written by factdiff check")
            articles = read_report_articles(report)
        else:
            result = run(source)
            report, articles = result.report, {a.id: a for a in result.articles}
        data.reports.append(report)
        for doc, article in articles.items():
            data.articles.setdefault(doc, article)
        for finding in report.findings:
            if finding.id in by_id:
                if report.batch not in by_id[finding.id].batches:
                    by_id[finding.id].batches.append(report.batch)
                continue
            by_id[finding.id] = Item(finding=finding, batches=[report.batch])
    data.items = sorted(by_id.values(), key=lambda item: _sort_key(item.finding))
    return data


# --------------------------------------------------------------------------- text with highlights


@dataclass(frozen=True)
class Piece:
    text: str
    mark: Optional[str] = None  # None: plain text; else the highlight's class ("side-0", "other")
    anchor: Optional[str] = None  # an element id for the highlight


def located(article: Optional[Article], evidence: Evidence) -> bool:
    """The evidence's offsets still point at its words in this article."""
    return article is not None and article.text[evidence.start : evidence.end] == evidence.text


def pieces(text: str, offset: int, spans: list[tuple[int, int, str, Optional[str]]]) -> list[Piece]:
    """`text` (starting at article offset `offset`) cut into plain and highlighted pieces.

    Where spans overlap, the later span in the list wins those characters: callers list the
    evidence that matters most last.
    """
    owner = [-1] * len(text)
    for n, (start, end, _, _) in enumerate(spans):
        for i in range(max(start - offset, 0), min(end - offset, len(text))):
            owner[i] = n
    out: list[Piece] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and owner[j] == owner[i]:
            j += 1
        if owner[i] < 0:
            out.append(Piece(text[i:j]))
        else:
            _, _, mark, anchor = spans[owner[i]]
            first = anchor is not None and all(p.anchor != anchor for p in out)
            out.append(Piece(text[i:j], mark, anchor if first else None))
        i = j
    return out


def context(article: Optional[Article], evidence: Evidence, finding: Finding, width: int = 200) -> tuple[list[Piece], bool, bool]:
    """The evidence in its article: about `width` characters either side, cut at spaces, with every
    piece of this finding's evidence in that stretch highlighted. Returns (pieces, cut before, cut after).
    Without the article, the evidence's sentence with its words highlighted."""
    if not located(article, evidence):
        sentence = evidence.sentence
        at = sentence.find(evidence.text)
        if at < 0:
            return [Piece(evidence.text, _mark(evidence))], False, False
        return pieces(sentence, 0, [(at, at + len(evidence.text), _mark(evidence), None)]), False, False
    text = article.text
    lo = max(article.body_start, evidence.start - width) if evidence.start >= article.body_start else max(0, evidence.start - width)
    hi = min(len(text), evidence.end + width)
    if lo > article.body_start:
        space = text.find(" ", lo, evidence.start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", evidence.end, hi)
        hi = space if space >= 0 else hi
    spans = [
        (e.start, e.end, _mark(e), None)
        for e in finding.evidence
        if e.doc == evidence.doc and located(article, e) and e.start < hi and e.end > lo
    ]
    return pieces(text[lo:hi], lo, spans), lo > article.body_start, hi < len(text)


def _mark(evidence: Evidence) -> str:
    return f"side-{(evidence.side or 0) % 4}"


def article_pieces(article: Article, finding: Optional[Finding], others: list[Finding]) -> tuple[list[Piece], int]:
    """The whole article (from the end of its front matter, unless evidence lies before it), the chosen
    finding's evidence highlighted and anchored (`ev-<n>`), other findings' evidence marked lightly."""
    spans: list[tuple[int, int, str, Optional[str]]] = []
    for other in others:
        if finding is not None and other.id == finding.id:
            continue
        spans += [(e.start, e.end, "other", None) for e in other.evidence if e.doc == article.id and located(article, e)]
    spans += [  # last: the chosen finding's evidence wins where spans overlap
        (e.start, e.end, _mark(e), f"ev-{i}")  # numbered as in the finding, as the page's links are
        for i, e in enumerate(finding.evidence if finding else [])
        if e.doc == article.id and located(article, e)
    ]
    start = min([article.body_start] + [s for s, *_ in spans])
    return pieces(article.text[start:], start, spans), start
