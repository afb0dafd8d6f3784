"""Candidates stage: which slots of different articles may be one fact, and why each pair was proposed.

Wide on purpose: the decision model, not this stage, says whether a pair is one fact. A pair of
slots of one kind is proposed when their claims are aligned, or one is among the other's nearest
sentences in its article (either way), or (figures, roles, the lexicon's yes/no facts) they measure
the same thing, or their claims share a participant or the kind of event. Only articles that
alignment connected are paired: in a feed of many stories, other articles tell other stories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections import Counter
from typing import Iterator, Optional

import numpy as np

from checker.compare import comparable_figures, value_identity
from checker.models import AlignedPair, Candidate, Frame, Slot

# A claim's nearest sentences in another article that are proposed. More reach more conflicts and bury them
# among more pairs: on train, 3 neighbours propose 496 of the 530 gold conflicts whose sides were extracted,
# 6 propose 504 among 21,000 more pairs, and the refit scores no better in cross-validation (docs/quality.md,
# round 10).
NEIGHBOURS = 3
# An article is compared with the articles alignment links it to most, at most this many: a batch of a
# few articles compares them all; a feed of hundreds about one story (or hundreds of copies) stays
# linear in its articles instead of quadratic. Every labelled batch has fewer articles than this.
PARTNERS = 8


@dataclass
class ClaimPair:
    """What is known of two claims of different articles before any slot is compared."""

    a: Frame
    b: Frame
    similarity: float
    rank_ab: int  # b's rank among a's neighbours in b's article (0: best)
    rank_ba: int
    margin: float  # how far b stands above a's next best in b's article (negative: below the best)
    aligned: bool
    reasons: list[str] = field(default_factory=list)
    features: Optional[dict[str, float]] = None  # the claim-level features, computed once (checker/features.py)


@dataclass(frozen=True)
class Support:
    """What the rest of the batch says about the two values of a pair, beyond the two claims."""

    echo_a: bool = False  # slot_a's value is stated, the same, somewhere in slot_b's article
    echo_b: bool = False
    rivals: int = 1  # the most distinct values either article gives for what these slots measure (1: one each)
    # Third articles (neither of the pair's two) that state both values, only slot_a's, only slot_b's: one
    # article stating both means two facts, each true; third articles taking sides means one fact told two ways.
    third_both: int = 0
    third_only_a: int = 0
    third_only_b: int = 0
    third_articles: int = 0


@dataclass
class Proposal:
    candidate: Candidate
    slot_a: Slot
    slot_b: Slot
    pair: ClaimPair
    support: Support = Support()


def _distinct_values(slots: list[Slot]) -> dict[tuple[str, str], int]:
    """Per (kind, measure), how many different values an article gives: a measure given several values
    in one article ("2.0 % this year, 1.6 % next year") names several facts."""
    seen: dict[tuple[str, str], set] = {}
    for slot in slots:
        seen.setdefault((slot.kind, slot.measure or ""), set()).add(value_identity(slot))
    return {key: len(values) for key, values in seen.items()}


def _statements(frames: dict[str, Frame]) -> dict[str, set[tuple]]:
    """Per article, the values it states (value_identity): what an article says anywhere in it."""
    stated: dict[str, set[tuple]] = {}
    for frame in frames.values():
        stated.setdefault(frame.doc, set()).update(value_identity(slot) for slot in frame.slots)
    return stated


def _support(sa: Slot, sb: Slot, stated: dict[str, set[tuple]], distinct_a: dict, distinct_b: dict) -> Support:
    value_a, value_b = value_identity(sa), value_identity(sb)
    both = only_a = only_b = 0
    for doc, values in stated.items():
        if doc in (sa.doc, sb.doc):
            continue
        states_a, states_b = value_a in values, value_b in values
        both += states_a and states_b
        only_a += states_a and not states_b
        only_b += states_b and not states_a
    return Support(
        # the other article agrees with this value, so a disagreeing one there is likely about something else
        echo_a=value_a in stated.get(sb.doc, ()), echo_b=value_b in stated.get(sa.doc, ()),
        rivals=max(distinct_a[(sa.kind, sa.measure or "")], distinct_b[(sb.kind, sb.measure or "")]),
        third_both=both, third_only_a=only_a, third_only_b=only_b, third_articles=len(stated) - 2,
    )


def propose(
    frames: dict[str, Frame], vectors: dict[str, np.ndarray], aligned: list[AlignedPair], neighbours: int = NEIGHBOURS,
    focus: Optional[set[str]] = None, kinds: Optional[set[str]] = None,
) -> Iterator[Proposal]:
    """With `focus`, only pairs of articles one of which is in it: the partners each article keeps
    are still chosen among all its links, so the pairs proposed are those proposed without it. With
    `kinds`, only slots of those kinds (those some selected rule judges)."""
    aligned_ids = {frozenset((p.a, p.b)) for p in aligned}
    # Every sentence counts for the ranks, those without a slot too: "nearest" means nearest among all
    # the other article's sentences (measured: candidates 23 % fewer, the labelled conflicts among them
    # 6 % fewer, pair-level average precision 0.432 -> 0.466 in cross-validation; docs/quality.md).
    by_doc: dict[str, list[Frame]] = {}
    for frame in frames.values():
        if frame.claim in vectors:
            by_doc.setdefault(frame.doc, []).append(frame)
    stated = _statements(frames)
    for doc_a, doc_b in _partner_pairs(frames, aligned, set(by_doc)):
        if focus is not None and doc_a not in focus and doc_b not in focus:
            continue
        yield from _doc_pair(by_doc[doc_a], by_doc[doc_b], vectors, aligned_ids, neighbours, stated, kinds)


def _partner_pairs(frames: dict[str, Frame], aligned: list[AlignedPair], docs: set[str]) -> list[tuple[str, str]]:
    """Pairs of articles that alignment linked, each article keeping its PARTNERS most linked others."""
    links: Counter[tuple[str, str]] = Counter()
    for p in aligned:
        if p.a in frames and p.b in frames:
            a, b = sorted((frames[p.a].doc, frames[p.b].doc))
            if a != b and a in docs and b in docs:
                links[(a, b)] += 1
    partners: dict[str, list[tuple[int, str]]] = {}
    for (a, b), n in links.items():
        partners.setdefault(a, []).append((-n, b))
        partners.setdefault(b, []).append((-n, a))
    kept = {doc: {other for _, other in sorted(found)[:PARTNERS]} for doc, found in partners.items()}
    return sorted(pair for pair in links if pair[1] in kept[pair[0]] or pair[0] in kept[pair[1]])


def _ranks(similarity: np.ndarray) -> np.ndarray:
    """Per row, each column's rank by similarity (0: the row's best)."""
    order = np.argsort(-similarity, axis=1, kind="stable")
    ranks = np.empty_like(order)
    rows = np.arange(similarity.shape[0])[:, None]
    ranks[rows, order] = np.arange(similarity.shape[1])[None, :]
    return ranks


def _doc_pair(
    frames_a: list[Frame], frames_b: list[Frame], vectors: dict[str, np.ndarray], aligned_ids: set, neighbours: int,
    stated: dict[str, set[tuple]], kinds: Optional[set[str]],
) -> Iterator[Proposal]:
    va = np.stack([vectors[f.claim] for f in frames_a])
    vb = np.stack([vectors[f.claim] for f in frames_b])
    sim = va @ vb.T
    rank_ab, rank_ba = _ranks(sim), _ranks(sim.T).T
    best_a = np.sort(sim, axis=1)[:, ::-1]
    all_a = [s for f in frames_a for s in f.slots]
    all_b = [s for f in frames_b for s in f.slots]
    distinct_a, distinct_b = _distinct_values(all_a), _distinct_values(all_b)
    for i, fa in enumerate(frames_a):
        if not fa.slots:
            continue
        second = best_a[i, 1] if sim.shape[1] > 1 else 0.0
        for j, fb in enumerate(frames_b):
            if not fb.slots:
                continue
            s = float(sim[i, j])
            pair = ClaimPair(
                a=fa, b=fb, similarity=s, rank_ab=int(rank_ab[i, j]), rank_ba=int(rank_ba[i, j]),
                margin=s - float(second if rank_ab[i, j] == 0 else best_a[i, 0]),
                aligned=frozenset((fa.claim, fb.claim)) in aligned_ids,
            )
            pair.reasons = _claim_reasons(pair, neighbours)
            for sa in fa.slots:
                for sb in fb.slots:
                    if sa.kind != sb.kind or kinds is not None and sa.kind not in kinds:
                        continue
                    reasons = _slot_reasons(sa, sb, pair)
                    if reasons:
                        yield Proposal(
                            Candidate(a=sa.id, b=sb.id, kind=sa.kind, reasons=reasons), sa, sb, pair,
                            _support(sa, sb, stated, distinct_a, distinct_b),
                        )


def _claim_reasons(pair: ClaimPair, neighbours: int) -> list[str]:
    reasons = []
    if pair.aligned:
        reasons.append("aligned")
    if min(pair.rank_ab, pair.rank_ba) < neighbours:
        reasons.append("neighbour")
    if set(pair.a.participants) & set(pair.b.participants):
        reasons.append("shared_participant")
    if set(pair.a.event_classes) & set(pair.b.event_classes) or set(pair.a.things) & set(pair.b.things):
        reasons.append("same_event")
    return reasons


def _slot_reasons(sa: Slot, sb: Slot, pair: ClaimPair) -> list[str]:
    reasons = list(pair.reasons)
    if sa.kind in ("figure", "age"):
        if not comparable_figures(sa.mention.value, sb.mention.value):
            return []
        if sa.measure and sa.measure == sb.measure:
            reasons.append("same_measure")
        strong = {"aligned", "neighbour", "same_measure"}
    elif sa.kind == "holder":
        # a role is held across a whole story: any two mentions of one role are compared, wherever they stand
        return [*reasons, "same_measure"] if sa.measure and sa.measure == sb.measure else []
    elif sa.kind == "state":
        # a yes/no fact is compared only with the same state: one of the lexicon's wherever it stands, as a figure
        # with its measure ("im linken Knie" against "his right knee" two paragraphs on); a word some article
        # negates, only in claims that stand close (a word alone says less of what it is a fact of)
        if sa.measure != sb.measure:
            return []
        reasons.append("same_measure")
        generic = sa.mention.value.generic or sb.mention.value.generic
        strong = {"aligned", "neighbour"} if generic else {"aligned", "neighbour", "same_measure"}
    else:
        strong = {"aligned", "neighbour"}
    if strong & set(reasons) or {"shared_participant", "same_event"} <= set(reasons):
        return reasons
    return []
