"""Align stage: pair claims of different articles that speak of the same thing.

Embedding cosine alone cannot separate a paraphrase from another sentence on the same topic
(0.78-0.89 for unrelated same-story sentences, model-notes), so a pair is kept when the two
claims are each other's best match in the other article and stand clear of the runner-up
(a margin), or when they are near the top for each other and share an entity or counted noun.

Comparing every article with every other is quadratic in articles: fine for one story, hours
for an archive of thousands. Above `ann_above` claims, a nearest-neighbour index over all claim
vectors says which article pairs hold any claims similar enough to pair; only those article
pairs are compared, each with the same exact per-pair logic, so the result differs from the
exhaustive one only where the index misses every similar claim pair of two articles.
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
    ann_above: int = 2000  # claims; above this, article pairs come from a nearest-neighbour index
    ann_neighbours: int = 16  # neighbours asked per distinct claim vector
    ann_slack: float = 0.02  # index scores are approximate (float16): a neighbour this far below min_similarity still counts


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
    code = {doc: i for i, doc in enumerate(docs)}
    doc_of = np.fromiter((code[c.doc] for c in claims), dtype=np.int64, count=len(claims))
    order = np.argsort(doc_of, kind="stable")
    bounds = np.searchsorted(doc_of[order], np.arange(len(docs) + 1))
    rows = [order[bounds[i] : bounds[i + 1]].tolist() for i in range(len(docs))]
    if len(claims) > settings.ann_above:
        doc_pairs = neighbour_doc_pairs(doc_of, vectors, settings)
    else:
        doc_pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]
    claim_anchors: dict[int, set[str]] = {}

    def anchors_of(row: int) -> set[str]:
        if row not in claim_anchors:
            claim_anchors[row] = anchors(claims[row])
        return claim_anchors[row]

    pairs: list[AlignedPair] = []
    for i, j in doc_pairs:
        pairs.extend(_align_two(claims, vectors, rows[i], rows[j], anchors_of, settings))
    return pairs


def neighbour_doc_pairs(doc_of: np.ndarray, vectors: np.ndarray, settings: AlignSettings) -> list[tuple[int, int]]:
    """Article pairs (i < j, sorted) in which some claim has a neighbour of the other at or near min_similarity.

    Identical vectors (one sentence repeated by several outlets) are indexed once, so wire copies
    cannot fill a claim's neighbour list with themselves; all their articles pair with each other.
    """
    if len(doc_of) == 0:
        return []
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    unique, first, inverse = np.unique(
        vectors.view(np.dtype((np.void, vectors.dtype.itemsize * vectors.shape[1]))).ravel(),
        return_index=True, return_inverse=True,
    )
    inverse = inverse.ravel()
    k = min(settings.ann_neighbours + 1, len(unique))
    keys, scores = nearest(vectors[first], k)
    source = np.repeat(np.arange(len(unique)), k)
    target, score = keys.ravel(), scores.ravel()
    keep = (target >= 0) & (target != source) & (score >= settings.min_similarity - settings.ann_slack)
    members = np.argsort(inverse, kind="stable")
    counts = np.bincount(inverse, minlength=len(unique))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    repeated = np.flatnonzero(counts > 1)
    edges_u = np.concatenate((source[keep], repeated))
    edges_v = np.concatenate((target[keep], repeated))
    rows_u, rows_v = _expand(edges_u, edges_v, members, starts, counts)
    da, db = doc_of[rows_u], doc_of[rows_v]
    cross = da != db
    lo, hi = np.minimum(da[cross], db[cross]), np.maximum(da[cross], db[cross])
    n_docs = int(doc_of.max()) + 1
    packed = np.unique(lo * n_docs + hi)
    return list(zip((packed // n_docs).tolist(), (packed % n_docs).tolist()))


def _expand(edges_u: np.ndarray, edges_v: np.ndarray, members, starts, counts) -> tuple[np.ndarray, np.ndarray]:
    """Claim rows of every (member of u, member of v) for each edge between distinct vectors u and v."""

    def spread(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sizes = counts[groups]
        owner = np.repeat(np.arange(len(groups)), sizes)
        offset = np.arange(len(owner)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return owner, members[starts[groups][owner] + offset]

    owner_u, rows_u = spread(edges_u)
    owner_v, rows_v = spread(edges_v[owner_u])
    return rows_u[owner_v], rows_v


def nearest(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k approximate nearest neighbours by inner product: (indices, scores), -1 where fewer were found."""
    try:
        from usearch.index import Index
    except ImportError:  # no index library: exact search in blocks, slower but the same answer
        return _nearest_exact(vectors, k)
    index = Index(ndim=vectors.shape[1], metric="ip", dtype="f16", connectivity=16, expansion_add=128, expansion_search=64)
    index.add(np.arange(len(vectors), dtype=np.uint64), vectors)
    matches = index.search(vectors, k)
    found = np.asarray(matches.keys).astype(np.int64).reshape(len(vectors), k)
    scores = 1.0 - np.asarray(matches.distances, dtype=np.float32).reshape(len(vectors), k)
    counts = np.asarray(matches.counts).reshape(-1, 1)
    missing = np.arange(k)[None, :] >= counts
    found[missing] = -1
    scores[missing] = -np.inf
    return found, scores


def _nearest_exact(vectors: np.ndarray, k: int, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    found = np.empty((len(vectors), k), dtype=np.int64)
    scores = np.empty((len(vectors), k), dtype=np.float32)
    for start in range(0, len(vectors), block):
        sim = vectors[start : start + block] @ vectors.T
        top = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        found[start : start + block] = top
        scores[start : start + block] = np.take_along_axis(sim, top, axis=1)
    return found, scores


def _align_two(claims, vectors, rows_a, rows_b, anchors_of, settings: AlignSettings) -> list[AlignedPair]:
    if not rows_a or not rows_b:
        return []
    sim = vectors[rows_a] @ vectors[rows_b].T
    if sim.max() < settings.min_similarity:
        return []
    best_b = sim.argmax(axis=1)
    best_a = sim.argmax(axis=0)
    second_row = _second_best(sim, axis=1)
    second_col = _second_best(sim, axis=0)
    row_max, col_max = sim.max(axis=1), sim.max(axis=0)
    kept: dict[tuple[int, int], AlignedPair] = {}
    k = min(settings.top_k, sim.shape[1])
    top_b = np.argsort(-sim, axis=1)[:, :k]
    for ia in range(sim.shape[0]):
        for ib in top_b[ia]:
            score = float(sim[ia, ib])
            if score < settings.min_similarity:
                continue
            mutual = best_b[ia] == ib and best_a[ib] == ia
            margin = score - max(second_row[ia], second_col[ib]) if mutual else score - max(row_max[ia], col_max[ib])
            a, b = rows_a[ia], rows_b[ib]
            shared = sorted(anchors_of(a) & anchors_of(b))
            near_top = score >= row_max[ia] - settings.shared_window and score >= col_max[ib] - settings.shared_window
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
