"""The one-way pipeline: ingest -> segment -> annotate -> extract -> frames -> embed -> align and candidates ->
verdicts (rules, decision model) -> report."""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

import numpy as np

from checker import __version__
from checker.align import AlignSettings, align
from checker.analyses import AnalysisCache
from checker.annotate import annotate
from checker.config import Config, settings_from
from checker.decide import DecisionModel, load_model, model_path
from checker.embed import Embedder
from checker.extract import extract_claims
from checker.gazetteer import use_alias_files
from checker.ingest import read_batch
from checker.frames import add_affirmations, build_frames
from checker.limits import limits_from
from checker.models import AlignedPair, Analysis, Article, ArticleSummary, Candidate, Claim, Finding, Frame, InputProblem, Report
from checker.segment import segment
from checker.verdicts import judge
from rules.base import RuleContext, SlotRule

if TYPE_CHECKING:
    from checker.archive import AddResult, ArchiveSettings, ArchiveStore

Progress = Callable[[str, int, int], None]


@dataclass
class CheckResult:
    report: Report
    claims: list[Claim]
    pairs: list[AlignedPair]
    timings: dict[str, float] = field(default_factory=dict)
    embedder: Optional[Embedder] = None
    articles: list[Article] = field(default_factory=list)  # the checked articles, archived ones included
    frames: dict[str, Frame] = field(default_factory=dict)  # claim id -> frame
    candidates: list[Candidate] = field(default_factory=list)  # every pair proposed, with its gates
    checked: Optional["Checked"] = None  # what judging again with another model starts from (train, eval --folds)


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    began = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - began


@dataclass
class Prepared:
    """A batch read, segmented and extracted: what both a check and `archive add` start from."""

    articles: list[Article]
    claims: list[Claim]
    summaries: list[ArticleSummary]
    problems: list[InputProblem]


def prepare(
    batch_path: Path, timings: dict[str, float], progress: Optional[Progress] = None, config: Config = Config(),
    analyses: Optional[AnalysisCache] = None,
) -> Prepared:
    use_alias_files(config.alias_files)
    with _timed(timings, "ingest"):
        batch = read_batch(Path(batch_path), limits_from(config.limits))
    problems = list(batch.problems)
    claims: list[Claim] = []
    summaries = []
    checked: list[Article] = []
    for done, article in enumerate(batch.articles, 1):
        try:  # one article's failure is a problem naming its file; the rest of the batch is checked
            analysis = _analysis(article, timings, analyses)
        except Exception as exc:
            cause = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            problems.append(InputProblem(path=article.path, message=f"article {article.id[:80]!r} could not be checked: {cause}"))
            if progress:
                progress("extract", done, len(batch.articles))
            continue
        checked.append(article)
        claims.extend(analysis.claims)
        problems.extend(analysis.problems)
        summaries.append(
            ArticleSummary(
                id=article.id, path=article.path, title=article.title, source=article.source, lang=article.lang,
                published=article.published, published_from=article.published_from,
                sentences=analysis.sentences, claims=len(analysis.claims),
            )
        )
        if progress:
            progress("extract", done, len(batch.articles))
    return Prepared(articles=checked, claims=claims, summaries=summaries, problems=problems)


def _analysis(article: Article, timings: dict[str, float], analyses: Optional[AnalysisCache]) -> Analysis:
    """The article segmented, annotated and read into claims, or what the cache kept of that."""
    cached = analyses.get(article) if analyses is not None else None
    if cached is not None:
        return cached
    problems: list[InputProblem] = []
    with _timed(timings, "segment"):
        sentences = annotate(article, segment(article))
    with _timed(timings, "extract"):
        claims = extract_claims(article, sentences, problems)
    analysis = Analysis(sentences=len(sentences), claims=claims, problems=problems)
    if analyses is not None:
        analyses.put(article, analysis)
    return analysis


def run_check(
    batch_path: Path,
    config: Config = Config(),
    embedder: Optional[Embedder] = None,
    progress: Optional[Progress] = None,
    analyses: Optional[AnalysisCache] = None,
) -> CheckResult:
    timings: dict[str, float] = {}
    prepared = prepare(batch_path, timings, progress, config, analyses)
    claims = prepared.claims
    embedder = embedder or Embedder(config.model)
    with _timed(timings, "embed"):
        vectors = embedder.encode([c.sentence.text for c in claims])
    checked = align_and_check(prepared.articles, claims, vectors, config, timings)
    report = Report(
        tool_version=__version__,
        batch=Path(batch_path).name,
        model=embedder.name,
        articles=prepared.summaries,
        problems=prepared.problems + _rule_problems(batch_path, checked),
        findings=checked.findings,
    )
    return CheckResult(
        report=report, claims=claims, pairs=checked.pairs, timings=timings, embedder=embedder,
        articles=prepared.articles, frames=checked.frames, candidates=checked.candidates, checked=checked,
    )


@dataclass
class Checked:
    pairs: list[AlignedPair]
    findings: list[Finding]
    frames: dict[str, Frame]
    candidates: list[Candidate]
    context: RuleContext
    rules: list
    others: list[Finding]  # findings of rules that read the batch themselves (variants, disputes)
    failures: list[str] = field(default_factory=list)  # such rules that failed, said plainly


def judge_again(checked: Checked, model: DecisionModel) -> tuple[list[Finding], list[Candidate]]:
    """The same candidates decided by another model: for fitting and cross-validation, no re-embedding."""
    slot_rules = [r for r in checked.rules if isinstance(r, SlotRule)]
    verdicts = judge(checked.frames, checked.context.vectors, checked.pairs, slot_rules, model, checked.context)
    return _ordered(verdicts.findings, checked.others), verdicts.candidates


def _ordered(decided: list[Finding], others: list[Finding]) -> list[Finding]:
    findings: dict[str, Finding] = {f.id: f for f in decided}
    for finding in others:
        findings.setdefault(finding.id, finding)
    return sorted(findings.values(), key=lambda f: (-f.severity.rank, f.rule, f.evidence[0].doc, f.evidence[0].start))


def frames_of(articles: list[Article], claims: list[Claim]) -> dict[str, Frame]:
    """Frames of every claim; archived claims come without tokens and are annotated here."""
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    frames: dict[str, Frame] = {}
    for article in articles:
        own = by_doc.get(article.id, [])
        unannotated = [c.sentence for c in own if not c.sentence.tokens]
        if unannotated:
            annotate(article, unannotated)
        frames.update((f.claim, f) for f in build_frames(article, own))
    add_affirmations(frames, {c.id: c for c in claims}, {a.id: a for a in articles})
    return frames


def align_and_check(
    articles: list[Article], claims: list[Claim], vectors: np.ndarray, config: Config, timings: dict[str, float],
    focus: Optional[set[str]] = None,
) -> Checked:
    with _timed(timings, "frames"):
        frames = frames_of(articles, claims)
    with _timed(timings, "align"):
        pairs = align(claims, vectors, settings_from(AlignSettings, config.thresholds.get("align", {}), "align"))
    with _timed(timings, "rules"):
        by_claim = {c.id: v for c, v in zip(claims, vectors)}
        context = RuleContext(
            articles={a.id: a for a in articles}, claims={c.id: c for c in claims}, pairs=pairs,
            thresholds=config.thresholds, vectors=by_claim,
        )
        rules = config.selected_rules()
        model = load_model(model_path(config.decision_model, config.preview))
        verdicts = judge(frames, by_claim, pairs, [r for r in rules if isinstance(r, SlotRule)], model, context, focus)
        others, failures = _batch_rules(rules, context)
    return Checked(
        pairs=pairs, findings=_ordered(verdicts.findings, others), frames=frames, candidates=verdicts.candidates,
        context=context, rules=rules, others=others, failures=failures,
    )


def _rule_problems(batch_path: Path, checked: Checked) -> list[InputProblem]:
    return [InputProblem(path=str(batch_path), message=failure, skipped=False) for failure in checked.failures]


def _batch_rules(rules: list, context: RuleContext) -> tuple[list[Finding], list[str]]:
    """The findings of the rules that read the batch themselves; one rule's failure is said, and the
    other rules still run."""
    findings: list[Finding] = []
    failures: list[str] = []
    for rule in rules:
        if isinstance(rule, SlotRule):
            continue
        try:
            findings.extend(rule.check(context))
        except Exception as exc:  # noqa: BLE001 - a rule's bug must not hide the other rules' findings
            cause = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            failures.append(f"rule {rule.code} failed and reported nothing for this batch: {cause}")
    return findings, failures


def run_check_with_archive(
    batch_path: Path,
    store: "ArchiveStore",
    config: Config = Config(),
    embedder: Optional[Embedder] = None,
    progress: Optional[Progress] = None,
    settings: Optional["ArchiveSettings"] = None,
    analyses: Optional[AnalysisCache] = None,
) -> CheckResult:
    """Check a new batch against itself and against related archived articles; report only findings
    that involve at least one new article. An archived article with a new article's id is superseded."""
    from checker.archive import ArchiveSettings, ensure_model, read_window, related_archived

    timings: dict[str, float] = {}
    settings = settings or ArchiveSettings()
    prepared = prepare(batch_path, timings, progress, config, analyses)
    embedder = embedder or Embedder(config.model)
    ensure_model(store, embedder.name)
    with store.reading():  # the window read during embedding and the reads after it: one snapshot
        window = read_window(store, prepared.articles, settings)
        with _timed(timings, "embed"):
            new_vectors = embedder.encode([c.sentence.text for c in prepared.claims])
        with _timed(timings, "archive"):
            old_articles, old_claims, old_vectors = related_archived(store, prepared.articles, new_vectors, settings, window)
    claims = prepared.claims + old_claims
    vectors = np.concatenate([new_vectors, old_vectors]) if len(old_claims) else new_vectors
    articles = prepared.articles + old_articles
    new_ids = {a.id for a in prepared.articles}
    checked = align_and_check(articles, claims, vectors, config, timings, focus=new_ids)
    pairs = checked.pairs
    findings = [f for f in checked.findings if any(e.doc in new_ids for e in f.evidence)]
    report = Report(
        tool_version=__version__, batch=Path(batch_path).name, model=embedder.name,
        articles=prepared.summaries, problems=prepared.problems + _rule_problems(batch_path, checked), findings=findings,
    )
    return CheckResult(
        report=report, claims=claims, pairs=pairs, timings=timings, embedder=embedder, articles=articles,
        frames=checked.frames, candidates=checked.candidates,
    )


def add_to_archive(
    batch_path: Path, store: "ArchiveStore", config: Config = Config(), embedder: Optional[Embedder] = None,
    progress: Optional[Progress] = None, analyses: Optional[AnalysisCache] = None,
) -> tuple["AddResult", list[InputProblem]]:
    from checker.archive import ensure_model

    timings: dict[str, float] = {}
    prepared = prepare(batch_path, timings, progress, config, analyses)
    embedder = embedder or Embedder(config.model)
    ensure_model(store, embedder.name)
    vectors = embedder.encode([c.sentence.text for c in prepared.claims])
    added = store.add_batch(Path(batch_path).name, prepared.articles, prepared.claims, vectors, embedder.name)
    return added, prepared.problems
