"""Verdicts stage: every candidate pair compared, decided and recorded; findings per opposing sides.

For each proposed pair: the symbolic value relation (checker/compare.py); where the values
disagree, the features (checker/features.py), the decision model's probability and the policy's
severity (checker/decide.py). Each step is a Gate on the candidate, kept whether it passed or not,
so `factdiff explain` can say why any pair was or was not reported. Pairs a rule reports are then
grouped: slots linked by reported pairs form one finding, their values split into sides that
agree, and a finding is kept only where at least two sides disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

import numpy as np

from checker.candidates import Proposal, propose
from checker.compare import Relation, compare, value_identity
from checker.decide import DecisionModel, Policy, decide
from checker.features import features, is_running_count, jaccard
from checker.models import AlignedPair, Candidate, Finding, Frame, Gate, Severity, Slot
from rules.base import RuleContext, SlotRule, fingerprint, to_evidence

DISAGREEING = ("disjoint", "differs")
AGREEING = ("same", "compatible")


@dataclass
class Verdicts:
    candidates: list[Candidate]
    findings: list[Finding]


def judge(
    frames: dict[str, Frame], vectors: dict[str, np.ndarray], aligned: list[AlignedPair], rules: list[SlotRule],
    model: DecisionModel, ctx: RuleContext, focus: Optional[set[str]] = None,
) -> Verdicts:
    """With `focus` (a check against the archive: the new articles), pairs of two articles outside it
    are not decided: the check reports only findings with a new article, and deciding the pairs among
    up to `max_articles` archived ones cost more than all the others. A finding then cites the
    archived mentions of its values that pairs with a new article brought in, not those that only a
    pair of two archived articles would have added (docs/benchmarks.md)."""
    by_kind: dict[str, list[SlotRule]] = {}
    for rule in rules:
        by_kind.setdefault(rule.slot_kind, []).append(rule)
    reported: list[tuple[SlotRule, Proposal]] = []
    # Slots of a kind no selected rule judges (a preview rule's, outside preview mode) are not weighed at all.
    proposals = list(propose(frames, vectors, aligned, focus=focus, kinds=set(by_kind)))
    relations = [_compared(p) for p in proposals]
    standing = competition(proposals, relations)
    # Features first, for every disagreeing pair; then the model once over all of them (it walks its
    # trees for the whole batch at a time); then each pair's rule and policy.
    weighed = [p for p, r, rivals in zip(proposals, relations, standing) if _guarded(p, lambda: _weigh(p, r, rivals))]
    explanations = model.explained_many([p.candidate.features for p in weighed], 4)
    for proposal, (probability, top) in zip(weighed, explanations):
        rule = _guarded(proposal, lambda: _decide_one(proposal, probability, top, by_kind.get(proposal.candidate.kind, []), model))
        if rule is not None:
            reported.append((rule, proposal))
    findings = [f for rule in rules for f in _findings(rule, [p for r, p in reported if r is rule], ctx)]
    findings.sort(key=lambda f: (f.rule, f.evidence[0].doc, f.evidence[0].start))
    return Verdicts(candidates=[p.candidate for p in proposals], findings=findings)


def _guarded(proposal: Proposal, step):
    """One odd pair must not take the batch's other verdicts down: its failure is its error gate."""
    try:
        return step()
    except Exception as exc:  # noqa: BLE001
        cause = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        proposal.candidate.gates.append(Gate(name="error", passed=False, detail=f"not decided: {cause}"))
        return None


def _weigh(proposal: Proposal, relation: Relation | Exception, standing: dict[str, float]) -> bool:
    """The values gate and, for a disagreement, the features: whether the pair goes on to the model."""
    cand, sa, sb, pair = proposal.candidate, proposal.slot_a, proposal.slot_b, proposal.pair
    if isinstance(relation, Exception):
        raise relation  # recorded as the pair's error gate
    if relation.name not in DISAGREEING:
        cand.gates.append(Gate(name="values", passed=False, detail=f"{relation.name}: {relation.detail}"))
        return False
    cand.gates.append(Gate(name="values", passed=True, detail=f"{relation.name}: {relation.detail}"))
    cand.features = features(sa, sb, pair, relation, cand.reasons, proposal.support)
    cand.features.update(standing)
    return True


def _compared(proposal: Proposal) -> Relation | Exception:
    """The symbolic relation of the pair's values, or why comparing failed (its error gate is written when
    the pair is weighed)."""
    cand, sa, sb, pair = proposal.candidate, proposal.slot_a, proposal.slot_b, proposal.pair
    cand.gates.append(Gate(name="proposed", passed=True, detail=", ".join(cand.reasons)))
    try:
        relation = compare(sa, sb, pair.a, pair.b)
    except Exception as exc:  # noqa: BLE001 - recorded as this pair's error gate by _weigh
        return exc
    cand.relation, cand.relation_detail = relation.name, relation.detail
    return relation


def competition(proposals: list[Proposal], relations: list[Relation | Exception]) -> list[dict[str, float]]:
    """How each pair stands among the other counterparts its two slots have in the other article.

    A slot's closest counterpart there (by sentence similarity, clause words and measure) is the likeliest
    to state the same fact; when a closer one agrees with it, a disagreeing farther one is likely another
    fact. Every compared pair counts, agreeing ones too, which is why this runs over the whole batch."""
    words: dict[str, frozenset[str]] = {}
    for p in proposals:
        for slot in (p.slot_a, p.slot_b):
            if slot.id not in words:
                words[slot.id] = frozenset(slot.context)
    closeness = [
        p.pair.similarity + jaccard(words[p.slot_a.id], words[p.slot_b.id])
        + (0.5 if p.slot_a.measure and p.slot_a.measure == p.slot_b.measure else 0.0)
        for p in proposals
    ]
    best: dict[tuple[str, str], float] = {}
    best_agreeing: dict[tuple[str, str], float] = {}
    for p, r, c in zip(proposals, relations, closeness):
        if isinstance(r, Exception) or r.name == "incomparable":
            continue
        for key in ((p.slot_a.id, p.slot_b.doc), (p.slot_b.id, p.slot_a.doc)):
            best[key] = max(best.get(key, -1.0), c)
            if r.name in AGREEING:
                best_agreeing[key] = max(best_agreeing.get(key, -1.0), c)
    standing = []
    for p, c in zip(proposals, closeness):
        key_a, key_b = (p.slot_a.id, p.slot_b.doc), (p.slot_b.id, p.slot_a.doc)
        closest = [c >= best.get(key_a, -1.0), c >= best.get(key_b, -1.0)]
        agreeing = [best_agreeing.get(key_a, -1.0) >= c, best_agreeing.get(key_b, -1.0) >= c]
        standing.append({
            "closest_both": float(all(closest)), "closest_one": float(any(closest) and not all(closest)),
            "closer_agreeing_one": float(any(agreeing) and not all(agreeing)), "closer_agreeing_both": float(all(agreeing)),
        })
    return standing


def _decide_one(
    proposal: Proposal, probability: float, top: list[tuple[str, float]], rules: list[SlotRule], model: DecisionModel,
) -> Optional[SlotRule]:
    cand, sa, sb, pair = proposal.candidate, proposal.slot_a, proposal.slot_b, proposal.pair
    cand.probability = round(probability, 4)
    shares = ", ".join(f"{name} {share:+.2f}" for name, share in top)
    cand.gates.append(Gate(name="model", passed=True, detail=f"p(one fact, told two ways) = {cand.probability:.2f} ({shares})"))
    update = is_running_count(sa, sb) and _later_is_larger(sa, sb, pair.a, pair.b)
    rule = next((r for r in rules if r.updates == update), None)
    if rule is None:
        wanted = "an update rule (FD102)" if update else f"a {cand.kind} conflict rule"
        cand.gates.append(Gate(name="rule", passed=False, detail=f"{wanted} is not selected"))
        return None
    cand.rule = rule.code
    policy = Policy(
        warning_at=rule.settings.warning_at if rule.settings.warning_at is not None else model.policy.warning_at,
        error_at=rule.settings.error_at if rule.settings.error_at is not None else model.policy.error_at,
    )
    decision = decide(cand.probability, cand.relation or "", policy, update=update, forecast=sa.forecast or sb.forecast)
    cand.gates.append(Gate(name="policy", passed=decision.severity is not None, detail=decision.why))
    if decision.severity is None:
        return None
    # A rule's default severity is the most its findings get: a time of day or a role holder is judged
    # by words, so at most a warning, unless the configuration says otherwise.
    ceiling = min(Severity(decision.severity), rule.default_severity, key=lambda s: s.rank)
    cand.verdict = rule.severity(ceiling).value
    return rule


def _later_is_larger(a: Slot, b: Slot, fa: Frame, fb: Frame) -> bool:
    """The later article gives the larger figure: a count that grew, not one that contradicts."""
    if fa.published is None or fb.published is None or (fa.published, fa.published_time or "") == (fb.published, fb.published_time or ""):
        return False
    older, newer = (a, b) if (fa.published, fa.published_time or "") < (fb.published, fb.published_time or "") else (b, a)
    lo, hi = older.mention.value.interval, newer.mention.value.interval
    return (hi.high if hi.high is not None else float("inf")) >= (lo.low or 0.0)


def _findings(rule: SlotRule, proposals: list[Proposal], ctx: RuleContext) -> Iterable[Finding]:
    """One finding per pair of opposing values: every reported pair stating value X against value Y joins
    the finding "X vs Y", each side citing every mention of its value. Agreeing mentions stand on one side."""
    groups: dict[frozenset, list[Proposal]] = {}
    for p in proposals:
        groups.setdefault(frozenset((value_identity(p.slot_a), value_identity(p.slot_b))), []).append(p)
    for members in groups.values():
        finding = _finding(rule, members, ctx)
        if finding is not None:
            yield finding


def _finding(rule: SlotRule, members: list[Proposal], ctx: RuleContext) -> Optional[Finding]:
    values = sorted({value_identity(s) for p in members for s in (p.slot_a, p.slot_b)}, key=repr)
    if len(values) < 2:
        return None
    slots = sorted({s.id: s for p in members for s in (p.slot_a, p.slot_b)}.values(), key=lambda s: (s.doc, s.mention.start))
    sides = [values.index(value_identity(s)) for s in slots]
    strongest = max(members, key=lambda p: p.candidate.probability or 0.0)
    cand = strongest.candidate
    severity = max((Severity(p.candidate.verdict) for p in members), key=lambda s: s.rank)
    shown = [[_shown(s) for s, side in zip(slots, sides) if side == k] for k in range(len(values))]
    subject = strongest.slot_a.measure or strongest.slot_b.measure or "one event"
    return Finding(
        id=fingerprint(rule.code, [f"{k}:{s.mention.text}" for s, k in zip(slots, sides)], {s.doc for s in slots}),
        rule=rule.code, kind=rule.kind, severity=severity,
        message=rule.message(shown, subject),
        explanation=f"{cand.relation_detail}. Decision model: p = {cand.probability:.2f} that both are one fact told two ways.",
        confidence=round(cand.probability or 0.0, 3), probability=cand.probability, trace=list(cand.gates),
        evidence=[to_evidence(ctx, s.mention, side, _shown(s)) for s, side in zip(slots, sides)],
    )


def _shown(slot: Slot) -> str:
    """A slot's value as a finding shows it: the words of a figure, date or place; a role's holder."""
    if slot.kind == "holder":
        return f"{slot.mention.text}: {slot.mention.value.holder}"
    return slot.mention.text
