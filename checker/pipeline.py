"""The one-way pipeline: ingest -> segment -> extract -> embed -> align -> rules -> report."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from checker import __version__
from checker.align import AlignSettings, align
from checker.config import Config
from checker.embed import Embedder
from checker.extract import extract_claims
from checker.ingest import read_batch
from checker.models import AlignedPair, ArticleSummary, Claim, Finding, Report
from checker.segment import segment
from rules.base import RuleContext
from rules.registry import select_rules

Progress = Callable[[str, int, int], None]


@dataclass
class CheckResult:
    report: Report
    claims: list[Claim]
    pairs: list[AlignedPair]
    timings: dict[str, float] = field(default_factory=dict)
    embedder: Optional[Embedder] = None


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    began = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - began


def run_check(
    batch_path: Path,
    config: Config = Config(),
    embedder: Optional[Embedder] = None,
    progress: Optional[Progress] = None,
) -> CheckResult:
    timings: dict[str, float] = {}
    with _timed(timings, "ingest"):
        batch = read_batch(Path(batch_path))
    problems = list(batch.problems)
    claims: list[Claim] = []
    summaries = []
    for done, article in enumerate(batch.articles, 1):
        with _timed(timings, "segment"):
            sentences = segment(article)
        with _timed(timings, "extract"):
            article_claims = extract_claims(article, sentences, problems)
        claims.extend(article_claims)
        summaries.append(
            ArticleSummary(
                id=article.id, path=article.path, title=article.title, source=article.source, lang=article.lang,
                published=article.published, published_from=article.published_from,
                sentences=len(sentences), claims=len(article_claims),
            )
        )
        if progress:
            progress("extract", done, len(batch.articles))
    embedder = embedder or Embedder(config.model)
    with _timed(timings, "embed"):
        vectors = embedder.encode([c.sentence.text for c in claims])
    with _timed(timings, "align"):
        pairs = align(claims, vectors, AlignSettings(**config.thresholds.get("align", {})))
    with _timed(timings, "rules"):
        context = RuleContext(
            articles={a.id: a for a in batch.articles}, claims={c.id: c for c in claims}, pairs=pairs,
            thresholds=config.thresholds, vectors={c.id: v for c, v in zip(claims, vectors)},
        )
        findings = run_rules(context, config)
    report = Report(
        tool_version=__version__,
        batch=Path(batch_path).name,
        model=embedder.name,
        articles=summaries,
        problems=problems,
        findings=findings,
    )
    return CheckResult(report=report, claims=claims, pairs=pairs, timings=timings, embedder=embedder)


def run_rules(context: RuleContext, config: Config) -> list[Finding]:
    findings: dict[str, Finding] = {}
    for rule in select_rules(config.select, config.ignore, {k: v.value for k, v in config.severity.items()}):
        for finding in rule.check(context):
            findings.setdefault(finding.id, finding)
    return sorted(findings.values(), key=lambda f: (-f.severity.rank, f.rule, f.evidence[0].doc, f.evidence[0].start))
