"""`factdiff explain`: why a finding fired, or why a pair of mentions was not reported.

Reads only what the check recorded: the slots of the frames stage, the candidates with their gates,
and the findings. For a position it names the slots there; for a pair it walks the steps in order
(extracted? proposed, and why? values? probability? policy?) and stops at the first "no".
"""

from __future__ import annotations

from typing import Optional

from checker.models import Candidate, Finding, Slot


def parse_position(text: str) -> tuple[str, int]:
    doc, sep, offset = text.rpartition(":")
    if not sep or not doc or not offset.isdigit():
        raise ValueError(f"{text!r}: expected DOC:OFFSET, e.g. 01_wire:1234")
    return doc, int(offset)


def explain_finding(finding: Finding) -> str:
    lines = [f"{finding.rule} {finding.severity.value}: {finding.message}", f"  {finding.explanation}"]
    if finding.trace:
        lines.append("  (model: each feature's share of the log-odds, against the average candidate)")
    for gate in finding.trace:
        lines.append(f"  {'✓' if gate.passed else '✗'} {gate.name}: {gate.detail}")
    for e in finding.evidence:
        lines.append(f"  side {e.side}: {e.doc}[{e.start}:{e.end}] {e.text!r}")
    return "\n".join(lines)


def _slots_at(result, doc: str, start: int, end: Optional[int] = None) -> list[Slot]:
    end = start + 1 if end is None else end
    slots = [s for f in result.frames.values() if f.doc == doc for s in f.slots]
    return [s for s in slots if s.mention.start < end and start < s.mention.end]


def _describe(slot: Slot) -> str:
    extra = []
    if slot.measure:
        extra.append(f"measures {slot.measure}")
    if slot.modifiers:
        extra.append("modifiers " + ", ".join(slot.modifiers))
    if slot.role:
        extra.append(f"role {slot.role}")
    if slot.background:
        extra.append("background")
    if slot.forecast:
        extra.append("forecast")
    return f"{slot.kind} {slot.mention.text!r} at {slot.doc}:{slot.mention.start}" + (f" ({'; '.join(extra)})" if extra else "")


def _candidate_lines(candidate: Candidate) -> list[str]:
    lines = [f"pair {candidate.a} ↔ {candidate.b}: verdict {candidate.verdict}" + (f" ({candidate.rule})" if candidate.rule else "")]
    lines += [f"  {'✓' if g.passed else '✗'} {g.name}: {g.detail}" for g in candidate.gates]
    return lines


def explain_pair(result, doc_a: str, at_a: int, doc_b: str, at_b: int, end_a: Optional[int] = None, end_b: Optional[int] = None) -> str:
    slots_a, slots_b = _slots_at(result, doc_a, at_a, end_a), _slots_at(result, doc_b, at_b, end_b)
    lines = []
    for doc, at, slots in ((doc_a, at_a, slots_a), (doc_b, at_b, slots_b)):
        if not slots:
            lines.append(f"✗ extracted: nothing comparable was extracted at {doc}:{at} (no figure, date, time or place slot there)")
    if lines:
        return "\n".join(lines)
    ids_a, ids_b = {s.id for s in slots_a}, {s.id for s in slots_b}
    pairs = [c for c in result.candidates if (c.a in ids_a and c.b in ids_b) or (c.a in ids_b and c.b in ids_a)]
    lines = ["✓ extracted: " + "; ".join(_describe(s) for s in slots_a), "✓ extracted: " + "; ".join(_describe(s) for s in slots_b)]
    if not pairs:
        kinds_a, kinds_b = {s.kind for s in slots_a}, {s.kind for s in slots_b}
        why = "the slots are of different kinds" if not kinds_a & kinds_b else (
            "the candidates stage did not propose them: their claims are not aligned, not among each other's "
            "nearest sentences, measure different things, and share no participant and kind of event"
        )
        lines.append(f"✗ proposed: {why}")
        return "\n".join(lines)
    for candidate in sorted(pairs, key=lambda c: -(c.probability or 0.0)):
        lines += _candidate_lines(candidate)
    return "\n".join(lines)


def explain_at(result, at: tuple[str, int], vs: Optional[tuple[str, int]] = None) -> str:
    doc, offset = at
    if doc not in {a.id for a in result.articles}:
        raise ValueError(f"no article {doc!r} in the batch (articles: {', '.join(sorted(a.id for a in result.articles))})")
    if vs is not None:
        return explain_pair(result, doc, offset, vs[0], vs[1])
    findings = [f for f in result.report.findings if any(e.doc == doc and e.start <= offset < max(e.end, e.start + 1) for e in f.evidence)]
    lines = []
    slots = _slots_at(result, doc, offset)
    if not slots:
        lines.append(f"no figure, date, time or place slot at {doc}:{offset}")
    for slot in slots:
        lines.append(_describe(slot))
        pairs = [c for c in result.candidates if slot.id in (c.a, c.b)]
        if not pairs:
            lines.append("  ✗ proposed: no pair with this slot was proposed")
        for candidate in sorted(pairs, key=lambda c: -(c.probability or 0.0))[:8]:
            lines += ["  " + line for line in _candidate_lines(candidate)]
    return "\n\n".join([explain_finding(f) for f in findings] + ["\n".join(lines)])
