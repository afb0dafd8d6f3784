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
from checker.compare import compare
from checker.decide import DecisionModel, Policy, decide
from checker.features import features, is_running_count
from checker.models import AlignedPair, Candidate, Finding, Frame, Gate, Severity, Slot
from rules.base import RuleContext, SlotRule, fingerprint, to_evidence

DISAGREEING = ("disjoint", "differs")


@dataclass
class Verdicts:
    candidates: list[Candidate]
    findings: list[Finding]


def judge(
    frames: dict[str, Frame], vectors: dict[str, np.ndarray], aligned: list[AlignedPair], rules: list[SlotRule],
    model: DecisionModel, ctx: RuleContext,
) -> Verdicts:
    by_kind: dict[str, list[SlotRule]] = {}
    for rule in rules:
        by_kind.setdefault(rule.slot_kind, []).append(rule)
    candidates: list[Candidate] = []
    reported: list[tuple[SlotRule, Proposal]] = []
    for proposal in propose(frames, vectors, aligned):
        try:
            rule = _decide_one(proposal, by_kind.get(proposal.candidate.kind, []), model)
        except Exception as exc:  # noqa: BLE001 - one odd pair must not take the batch's other verdicts down
            cause = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            proposal.candidate.gates.append(Gate(name="error", passed=False, detail=f"not decided: {cause}"))
            rule = None
        candidates.append(proposal.candidate)
        if rule is not None:
            reported.append((rule, proposal))
    findings = [f for rule in rules for f in _findings(rule, [p for r, p in reported if r is rule], ctx)]
    findings.sort(key=lambda f: (f.rule, f.evidence[0].doc, f.evidence[0].start))
    return Verdicts(candidates=candidates, findings=findings)


def _decide_one(proposal: Proposal, rules: list[SlotRule], model: DecisionModel) -> Optional[SlotRule]:
    cand, sa, sb, pair = proposal.candidate, proposal.slot_a, proposal.slot_b, proposal.pair
    cand.gates.append(Gate(name="proposed", passed=True, detail=", ".join(cand.reasons)))
    relation = compare(sa, sb, pair.a, pair.b)
    cand.relation, cand.relation_detail = relation.name, relation.detail
    if relation.name not in DISAGREEING:
        cand.gates.append(Gate(name="values", passed=False, detail=f"{relation.name}: {relation.detail}"))
        return None
    cand.gates.append(Gate(name="values", passed=True, detail=f"{relation.name}: {relation.detail}"))
    cand.features = features(sa, sb, pair, relation, cand.reasons, (proposal.echo_a, proposal.echo_b), proposal.rivals)
    probability, top = model.explained(cand.features, 4)
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
    decision = decide(cand.probability, relation.name, policy, update=update, forecast=sa.forecast or sb.forecast)
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
        groups.setdefault(frozenset((signature(p.slot_a), signature(p.slot_b))), []).append(p)
    for members in groups.values():
        finding = _finding(rule, members, ctx)
        if finding is not None:
            yield finding


def signature(slot: Slot) -> tuple:
    """What makes two mentions state the same value: an interval in base units, the days, the clock
    window, the place, the person."""
    value = slot.mention.value
    if slot.kind == "figure":
        interval = value.base_interval or value.interval
        return ("figure", value.dimension, interval.low, interval.high, value.qualifier)
    if slot.kind in ("date", "time"):
        return (slot.kind, value.start, value.end, value.time, value.time_span, value.time_zone)
    if slot.kind == "holder":
        return ("holder", value.holder)
    return ("place", value.key)


def _finding(rule: SlotRule, members: list[Proposal], ctx: RuleContext) -> Optional[Finding]:
    values = sorted({signature(s) for p in members for s in (p.slot_a, p.slot_b)}, key=repr)
    if len(values) < 2:
        return None
    slots = sorted({s.id: s for p in members for s in (p.slot_a, p.slot_b)}.values(), key=lambda s: (s.doc, s.mention.start))
    sides = [values.index(signature(s)) for s in slots]
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
