"""Score reports against labelled batches (the rules of docs GOLD-FORMAT.md).

A labelled batch is ``<case>/articles/<doc>.txt`` plus ``<case>/gold.yaml``.
Gold anchors are quoted strings; they are resolved here to character ranges so
that a finding's evidence spans can be compared with them by overlap alone:
no value or wording of the finding is trusted, only where it points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field

from checker.models import Evidence, Finding, Report, Severity

CATEGORIES = ("conflicts", "variants", "updates", "contested", "traps", "optional")
_ALARM_SEVERITIES = (Severity.error, Severity.warning)


class GoldError(ValueError):
    """A gold.yaml that cannot be scored as written."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- gold


class Anchor(_Model):
    doc: str
    text: str
    start: int
    end: int


class GoldItem(_Model):
    id: str
    category: str  # one of CATEGORIES
    kind: Optional[str] = None
    sides: list[list[Anchor]]  # each inner list: anchors of docs that agree
    note: Optional[str] = None

    @property
    def docs(self) -> list[str]:
        return [a.doc for side in self.sides for a in side]


class Gold(_Model):
    case: str
    description: Optional[str] = None
    path: str
    articles: dict[str, str] = Field(default_factory=dict, repr=False)  # doc id -> text as read
    items: list[GoldItem]

    def of(self, category: str) -> list[GoldItem]:
        return [i for i in self.items if i.category == category]


def read_articles(articles_dir: Path) -> dict[str, str]:
    """Doc id (path below articles/, without extension) -> file text as read."""
    docs: dict[str, str] = {}
    for path in sorted(articles_dir.rglob("*")):
        rel = path.relative_to(articles_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        docs[rel.with_suffix("").as_posix()] = path.read_text(encoding="utf-8")
    return docs


def _anchors(case: str, item_id: str, mapping: object, articles: dict[str, str]) -> list[Anchor]:
    if not isinstance(mapping, dict) or not mapping:
        raise GoldError(f"{case}: item {item_id}: expected a non-empty mapping doc -> anchor, got {mapping!r}")
    out = []
    for doc, text in mapping.items():
        doc = str(doc)
        if doc not in articles:
            raise GoldError(f"{case}: item {item_id}: doc {doc!r} is not in articles/ ({', '.join(sorted(articles))})")
        if not isinstance(text, str) or not text:
            raise GoldError(f"{case}: item {item_id}: doc {doc}: anchor must be a non-empty string, got {text!r}")
        start = articles[doc].find(text)
        if start < 0:
            raise GoldError(f"{case}: item {item_id}: doc {doc}: anchor {text!r} does not occur in the article")
        out.append(Anchor(doc=doc, text=text, start=start, end=start + len(text)))
    return out


def _item(case: str, category: str, raw: object, articles: dict[str, str], seen: set[str]) -> GoldItem:
    if not isinstance(raw, dict) or "id" not in raw:
        raise GoldError(f"{case}: {category}: every item needs an id, got {raw!r}")
    item_id = str(raw["id"])
    unknown = set(raw) - {"id", "kind", "docs", "sides", "note"}
    if unknown:
        raise GoldError(f"{case}: item {item_id}: unknown keys {sorted(unknown)}")
    if item_id in seen:
        raise GoldError(f"{case}: item id {item_id} is used twice")
    seen.add(item_id)
    # docs are checked even when sides are given, so a stale anchor is never silently kept.
    docs = _anchors(case, item_id, raw["docs"], articles) if "docs" in raw else []
    if "sides" in raw:
        if not isinstance(raw["sides"], list):
            raise GoldError(f"{case}: item {item_id}: sides must be a list of mappings")
        sides = [_anchors(case, item_id, side, articles) for side in raw["sides"]]
    elif docs:
        sides = [[a] for a in docs]
    else:
        raise GoldError(f"{case}: item {item_id}: needs docs or sides")
    if len(sides) < 2:
        raise GoldError(f"{case}: item {item_id}: needs at least two sides (two disagreeing docs) to be matchable")
    return GoldItem(id=item_id, category=category, kind=raw.get("kind"), sides=sides, note=raw.get("note"))


def load_gold(case_dir: Path) -> Gold:
    """Read ``case_dir/gold.yaml`` and resolve every anchor to its first occurrence."""
    case_dir = Path(case_dir)
    gold_path = case_dir / "gold.yaml"
    if not gold_path.is_file():
        raise GoldError(f"{case_dir}: no gold.yaml")
    # BaseLoader keeps every scalar a string: a doc id "001" or "2024" must not become an int.
    raw = yaml.load(gold_path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    if not isinstance(raw, dict):
        raise GoldError(f"{gold_path}: expected a mapping at the top level")
    case = str(raw.get("case") or case_dir.name)
    unknown = set(raw) - {"case", "description", *CATEGORIES}
    if unknown:
        raise GoldError(f"{case}: unknown top-level keys {sorted(unknown)}")
    articles = read_articles(case_dir / "articles")
    if not articles:
        raise GoldError(f"{case}: no articles under {case_dir / 'articles'}")
    seen: set[str] = set()
    items = []
    for category in CATEGORIES:
        entries = raw.get(category) or []
        if not isinstance(entries, list):
            raise GoldError(f"{case}: {category} must be a list")
        items += [_item(case, category, e, articles, seen) for e in entries]
    return Gold(case=case, description=raw.get("description"), path=str(case_dir), articles=articles, items=items)


# --------------------------------------------------------------------------- matching


def _overlaps(ev: Evidence, anchor: Anchor) -> bool:
    return ev.doc == anchor.doc and ev.start < anchor.end and anchor.start < ev.end


def matches(finding: Finding, item: GoldItem) -> bool:
    """Evidence overlaps the item's anchors in at least two different sides."""
    touched = sum(1 for side in item.sides if any(_overlaps(ev, a) for ev in finding.evidence for a in side))
    return touched >= 2


def _excuses(conflict: GoldItem, trap: GoldItem) -> bool:
    """All the trap's docs sit on one side of the conflict."""
    trap_docs = set(trap.docs)
    return any(trap_docs <= {a.doc for a in side} for side in conflict.sides)


# --------------------------------------------------------------------------- scores


class FindingRef(_Model):
    """A finding, shortened for reading."""

    id: str
    rule: str
    severity: str
    message: str
    evidence: list[str]  # "doc[start:end] 'text'"
    items: list[str] = Field(default_factory=list)  # gold items it matched


class ItemRef(_Model):
    id: str
    kind: Optional[str] = None
    anchors: list[str]
    note: Optional[str] = None


class RuleScore(_Model):
    findings: int = 0
    hits: int = 0  # error/warning findings matching a conflict
    false_alarms: int = 0  # error/warning findings matching a trap or nothing
    neutral: int = 0  # everything else, info findings included


class Counts(_Model):
    conflicts: int = 0
    conflicts_hit: int = 0
    alarms_hit: int = 0  # precision numerator
    alarms_scored: int = 0  # precision denominator
    traps: int = 0
    trap_violations: int = 0
    variants: int = 0
    variants_hit: int = 0
    updates: int = 0
    updates_hit: int = 0
    contested: int = 0
    contested_hit: int = 0
    mistakes: int = 0
    findings: int = 0

    @property
    def recall(self) -> Optional[float]:
        return self.conflicts_hit / self.conflicts if self.conflicts else None

    @property
    def precision(self) -> Optional[float]:
        return self.alarms_hit / self.alarms_scored if self.alarms_scored else None

    @property
    def trap_rate(self) -> Optional[float]:
        return self.trap_violations / self.traps if self.traps else None

    def rates(self) -> dict[str, Optional[float]]:
        return {"recall": self.recall, "precision": self.precision, "trap_rate": self.trap_rate}


class CaseScore(_Model):
    case: str
    counts: Counts
    recall: Optional[float]  # None: no conflicts in the gold
    precision: Optional[float]  # None: no error/warning finding was scored
    trap_rate: Optional[float]
    per_rule: dict[str, RuleScore]
    conflicts_hit: list[str]
    conflict_kinds: dict[str, str] = Field(default_factory=dict)  # conflict id -> kind
    missed_conflicts: list[ItemRef]
    trap_violations: dict[str, list[str]]  # trap id -> ids of findings that violate it
    false_alarms: list[FindingRef]  # error/warning findings matching a trap or nothing
    mistakes: list[FindingRef]  # error findings matching a variant or update
    matched: dict[str, list[str]]  # gold item id -> ids of findings (any severity) matching it


class TotalScore(_Model):
    cases: int
    counts: Counts
    recall: Optional[float]
    precision: Optional[float]
    trap_rate: Optional[float]
    per_rule: dict[str, RuleScore]


def _ref(f: Finding, items: Iterable[str] = ()) -> FindingRef:
    return FindingRef(
        id=f.id,
        rule=f.rule,
        severity=f.severity.value,
        message=f.message,
        evidence=[f"{e.doc}[{e.start}:{e.end}] {e.text!r}" for e in f.evidence],
        items=list(items),
    )


def score_report(report: Report, gold: Gold) -> CaseScore:
    conflicts, traps = gold.of("conflicts"), gold.of("traps")
    matched: dict[str, list[str]] = {i.id: [] for i in gold.items}
    per_rule: dict[str, RuleScore] = {}
    violations: dict[str, list[str]] = {}
    false_alarms: list[FindingRef] = []
    mistakes: list[FindingRef] = []
    c = Counts(
        conflicts=len(conflicts),
        traps=len(traps),
        variants=len(gold.of("variants")),
        updates=len(gold.of("updates")),
        contested=len(gold.of("contested")),
        findings=len(report.findings),
    )
    conflicts_hit: set[str] = set()

    for f in report.findings:
        hit_items = [i for i in gold.items if matches(f, i)]
        for i in hit_items:
            matched[i.id].append(f.id)
        by_cat = {cat: [i for i in hit_items if i.category == cat] for cat in CATEGORIES}
        rule = per_rule.setdefault(f.rule, RuleScore())
        rule.findings += 1
        if f.severity == Severity.error and (by_cat["variants"] or by_cat["updates"]):
            c.mistakes += 1
            mistakes.append(_ref(f, [i.id for i in by_cat["variants"] + by_cat["updates"]]))
        if f.severity not in _ALARM_SEVERITIES:
            rule.neutral += 1
            continue
        conflicts_hit.update(i.id for i in by_cat["conflicts"])
        for trap in by_cat["traps"]:
            if not any(_excuses(conflict, trap) for conflict in by_cat["conflicts"]):
                violations.setdefault(trap.id, []).append(f.id)
        if by_cat["conflicts"]:
            rule.hits += 1
            c.alarms_hit += 1
            c.alarms_scored += 1
        elif by_cat["traps"] or not hit_items:
            rule.false_alarms += 1
            c.alarms_scored += 1
            false_alarms.append(_ref(f, [i.id for i in by_cat["traps"]]))
        else:
            rule.neutral += 1

    c.conflicts_hit = len(conflicts_hit)
    c.trap_violations = len(violations)
    c.variants_hit = sum(1 for i in gold.of("variants") if matched[i.id])
    c.updates_hit = sum(1 for i in gold.of("updates") if matched[i.id])
    c.contested_hit = sum(1 for i in gold.of("contested") if matched[i.id])
    missed = [
        ItemRef(id=i.id, kind=i.kind, anchors=[f"{a.doc}: {a.text!r}" for s in i.sides for a in s], note=i.note)
        for i in conflicts
        if i.id not in conflicts_hit
    ]
    return CaseScore(
        case=gold.case,
        counts=c,
        **c.rates(),
        per_rule=dict(sorted(per_rule.items())),
        conflicts_hit=[i.id for i in conflicts if i.id in conflicts_hit],
        conflict_kinds={i.id: i.kind or "other" for i in conflicts},
        missed_conflicts=missed,
        trap_violations=violations,
        false_alarms=false_alarms,
        mistakes=mistakes,
        matched={k: v for k, v in matched.items() if v},
    )


def aggregate(scores: list[CaseScore]) -> TotalScore:
    """Micro-averaged: counts are summed over cases, then divided."""
    total = Counts()
    per_rule: dict[str, RuleScore] = {}
    for s in scores:
        for field in Counts.model_fields:
            setattr(total, field, getattr(total, field) + getattr(s.counts, field))
        for code, r in s.per_rule.items():
            acc = per_rule.setdefault(code, RuleScore())
            for field in RuleScore.model_fields:
                setattr(acc, field, getattr(acc, field) + getattr(r, field))
    return TotalScore(cases=len(scores), counts=total, **total.rates(), per_rule=dict(sorted(per_rule.items())))


def check_thresholds(
    total: TotalScore,
    min_recall: Optional[float] = None,
    min_precision: Optional[float] = None,
    max_trap_rate: Optional[float] = None,
) -> list[str]:
    """Failed gates, said plainly; empty when all pass. An undefined rate (nothing to count) passes."""
    failed = []
    if min_recall is not None and total.recall is not None and total.recall < min_recall:
        failed.append(f"conflict recall {total.recall:.3f} < {min_recall}")
    if min_precision is not None and total.precision is not None and total.precision < min_precision:
        failed.append(f"conflict precision {total.precision:.3f} < {min_precision}")
    if max_trap_rate is not None and total.trap_rate is not None and total.trap_rate > max_trap_rate:
        failed.append(f"trap violation rate {total.trap_rate:.3f} > {max_trap_rate}")
    return failed


def evaluate_cases(
    case_dirs: Iterable[Path], run: Callable[[Path], Report]
) -> tuple[list[CaseScore], TotalScore]:
    """Load each case's gold, run the checker on its articles/ folder, score."""
    scores = []
    for case_dir in case_dirs:
        gold = load_gold(Path(case_dir))
        scores.append(score_report(run(Path(case_dir) / "articles"), gold))
    return scores, aggregate(scores)


# --------------------------------------------------------------------------- output


def _rate(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.2f}"


def _row(name: str, c: Counts, recall: Optional[float], precision: Optional[float]) -> list[str]:
    return [
        name,
        f"{c.conflicts_hit}/{c.conflicts}",
        _rate(recall),
        f"{_rate(precision)} ({c.alarms_hit}/{c.alarms_scored})",
        f"{c.trap_violations}/{c.traps}",
        f"{c.variants_hit}/{c.variants}",
        f"{c.updates_hit}/{c.updates}",
        f"{c.contested_hit}/{c.contested}",
        str(c.mistakes),
    ]


def format_table(scores: list[CaseScore], total: TotalScore) -> str:
    header = ["case", "conflicts", "recall", "precision", "traps hit", "variants", "updates", "contested", "mistakes"]
    rows = [_row(s.case, s.counts, s.recall, s.precision) for s in scores]
    rows.append(_row(f"TOTAL ({total.cases})", total.counts, total.recall, total.precision))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths)))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *map(line, rows[:-1]), rule, line(rows[-1])])


def to_json(scores: list[CaseScore], total: TotalScore) -> dict:
    return {"cases": [s.model_dump(mode="json") for s in scores], "total": total.model_dump(mode="json")}


def format_kinds(scores: list[CaseScore], total: TotalScore) -> str:
    """Conflict recall per kind of conflict, and precision per rule, with counts."""
    kinds: dict[str, list[int]] = {}
    for s in scores:
        for item_id, kind in s.conflict_kinds.items():
            counts = kinds.setdefault(kind, [0, 0])
            counts[0] += item_id in s.conflicts_hit
            counts[1] += 1
    lines = ["recall by kind: " + ", ".join(f"{k} {h}/{n}" for k, (h, n) in sorted(kinds.items()))]
    lines.append("precision by rule: " + ", ".join(
        f"{code} {r.hits}/{r.hits + r.false_alarms}" for code, r in total.per_rule.items() if r.hits + r.false_alarms
    ))
    return "\n".join(lines)
