"""Align stage: pair claims of different articles that speak of the same thing.

Embedding cosine alone cannot separate a paraphrase from another sentence on the same topic
(0.78-0.89 for unrelated same-story sentences, model-notes), so a pair is kept when the two
claims are each other's best match in the other article and stand clear of the runner-up
(a margin), or when they are near the top for each other and share an entity or counted noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from checker.models import AlignedPair, Claim


@dataclass(frozen=True)
class AlignSettings:
    min_similarity: float = 0.80  # below this, not even a candidate
    min_margin: float = 0.01  # mutual best pairs closer than this to the runner-up need a shared anchor
    top_k: int = 3  # non-mutual candidates considered when they share an anchor
    shared_window: float = 0.06  # ...and score within this of the best candidate


def anchors(claim: Claim) -> set[str]:
    """Keys two claims about the same thing tend to share: places, people, orgs, counted nouns."""
    keys = set()
    for mention in claim.mentions:
        value = mention.value
        if mention.kind in ("place", "person", "org"):
            keys.add(f"{mention.kind}:{value.key}")
        elif mention.kind == "quantity" and value.counted_key:
            keys.add(f"counted:{value.counted_key}")
    return keys


def align(claims: Sequence[Claim], vectors: np.ndarray, settings: AlignSettings = AlignSettings()) -> list[AlignedPair]:
    docs = sorted({c.doc for c in claims})
    rows = {doc: [i for i, c in enumerate(claims) if c.doc == doc] for doc in docs}
    claim_anchors = [anchors(c) for c in claims]
    pairs: list[AlignedPair] = []
    for i, doc_a in enumerate(docs):
        for doc_b in docs[i + 1 :]:
            pairs.extend(_align_two(claims, vectors, rows[doc_a], rows[doc_b], claim_anchors, settings))
    return pairs


def _align_two(claims, vectors, rows_a, rows_b, claim_anchors, settings: AlignSettings) -> list[AlignedPair]:
    if not rows_a or not rows_b:
        return []
    sim = vectors[rows_a] @ vectors[rows_b].T
    best_b = sim.argmax(axis=1)
    best_a = sim.argmax(axis=0)
    second_row = _second_best(sim, axis=1)
    second_col = _second_best(sim, axis=0)
    kept: dict[tuple[int, int], AlignedPair] = {}
    k = min(settings.top_k, sim.shape[1])
    top_b = np.argsort(-sim, axis=1)[:, :k]
    for ia in range(sim.shape[0]):
        for ib in top_b[ia]:
            score = float(sim[ia, ib])
            if score < settings.min_similarity:
                continue
            mutual = best_b[ia] == ib and best_a[ib] == ia
            margin = score - max(second_row[ia], second_col[ib]) if mutual else score - max(sim[ia].max(), sim[:, ib].max())
            a, b = rows_a[ia], rows_b[ib]
            shared = sorted(claim_anchors[a] & claim_anchors[b])
            near_top = score >= sim[ia].max() - settings.shared_window and score >= sim[:, ib].max() - settings.shared_window
            if (mutual and (margin >= settings.min_margin or shared)) or (near_top and shared):
                kept[(a, b)] = AlignedPair(
                    a=claims[a].id, b=claims[b].id, similarity=round(score, 4), margin=round(float(margin), 4),
                    shared=shared, mutual=bool(mutual),
                )
    return list(kept.values())


def _second_best(sim: np.ndarray, axis: int) -> np.ndarray:
    if sim.shape[axis] < 2:
        return np.zeros(sim.shape[1 - axis])
    return np.sort(sim, axis=axis).take(-2, axis=axis)
