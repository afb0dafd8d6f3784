"""Align stage: pair claims of different articles that speak of the same thing.

Embedding cosine alone cannot separate a paraphrase from another sentence on the same topic
(0.78-0.89 for unrelated same-story sentences, model-notes), so a pair is kept when the two
claims are each other's best match in the other article and stand clear of the runner-up
(a margin), or when they are near the top for each other and share an entity or counted noun.

Comparing every article with every other is quadratic in articles: fine for one story, 45
minutes for 10,000 articles on two cores (docs/benchmarks.md). Above `ann_above` claims, the
claims' nearest neighbours say which article pairs hold a claim among the other's nearest
neighbours at `link_similarity` (0.86) or above; only those article pairs are compared, each
with the same exact per-pair logic. The neighbours come from an approximate index (usearch HNSW);
`neighbour_search = "exact"` scores every claim pair instead, the reference the benchmark
measures the index against. What neighbours drop are article pairs none of whose claims are
near each other: in a feed of many stories these are mostly unrelated stories, which the
exhaustive path still pairs at 0.80-0.85 because every claim has some best match in every
article (e5 scores a quarter to a third of unrelated sentence pairs at 0.8 or more).
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
    # Claims; above this, article pairs come from a nearest-neighbour index. Not lower: in one big
    # story every claim pairs with its like in every other article, more pairs than any neighbour
    # list holds (200 articles, 5,000 claims: 816,000 exact pairs in 12 s; 16 neighbours find 14%).
    ann_above: int = 5000
    ann_neighbours: int = 16  # neighbours asked per distinct claim vector
    # A neighbour links two articles at this cosine or more: the 0.80-0.86 tails of neighbour lists
    # are mostly unrelated stories, and their order is what an approximate index gets wrong
    # (3,000 articles: recall of the exact search's article pairs 0.82 at 0.80, 0.96 at 0.86, every
    # same-story pair linked at both).
    link_similarity: float = 0.86
    neighbour_search: str = "index"  # "index": approximate (usearch); "exact": every claim pair scored

    def __post_init__(self) -> None:
        if self.neighbour_search not in ("index", "exact"):
            raise ValueError(f"neighbour_search must be 'index' or 'exact', not {self.neighbour_search!r}")


# Pairs are built by the hundred thousand in large batches, from values computed here: constructed
# without validation and sharing one read-only fields set, each takes 530 bytes instead of 1,260.
_PAIR_FIELDS = frozenset(AlignedPair.model_fields)


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
    claim_anchors: dict[int, set[str]] = {}

    def anchors_of(row: int) -> set[str]:
        if row not in claim_anchors:
            claim_anchors[row] = anchors(claims[row])
        return claim_anchors[row]

    if len(claims) > settings.ann_above:
        doc_pairs = linked_doc_pairs(doc_of, vectors, settings)
    else:
        doc_pairs = [(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs))]
    pairs: list[AlignedPair] = []
    for i, j in doc_pairs:
        pairs.extend(_align_two(claims, vectors, rows[i], rows[j], anchors_of, settings))
    return pairs


def linked_doc_pairs(doc_of: np.ndarray, vectors: np.ndarray, settings: AlignSettings) -> list[tuple[int, int]]:
    """Article pairs (i < j, sorted) in which some claim has a neighbour of the other at link_similarity or above."""
    rows_u, rows_v = neighbour_rows(doc_of, vectors, settings)
    da, db = doc_of[rows_u], doc_of[rows_v]
    cross = da != db
    n_docs = int(doc_of.max(initial=0)) + 1
    packed = np.unique(np.minimum(da[cross], db[cross]) * n_docs + np.maximum(da[cross], db[cross]))
    return list(zip((packed // n_docs).tolist(), (packed % n_docs).tolist()))


def neighbour_rows(doc_of: np.ndarray, vectors: np.ndarray, settings: AlignSettings) -> tuple[np.ndarray, np.ndarray]:
    """Claim-row pairs (u, v) where v is among u's nearest neighbours at link_similarity or above.

    Identical vectors (one sentence repeated by several outlets) are indexed once, so wire copies
    cannot fill a claim's neighbour list with themselves; all their claims pair with each other.
    Neighbours are searched among mean-centred vectors: e5 puts every sentence near one common
    direction (a third of sentence pairs from unrelated stories score 0.8 or more), and sentences
    close to it would otherwise fill every neighbour list (measured: 4.5 times fewer article pairs
    to compare at 3,000 articles, and no same-story pair lost). Each neighbour is then scored by
    its plain cosine, as the per-article-pair test scores it.
    """
    if len(doc_of) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    first, inverse = _distinct_rows(vectors)
    k = min(settings.ann_neighbours + 1, len(first))
    centred = vectors[first]
    centred -= centred.mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
    search = _nearest_exact if settings.neighbour_search == "exact" else nearest
    keys, _ = search(centred, k)
    del centred
    source = np.repeat(np.arange(len(first)), k)
    target, score = keys.ravel(), _edge_scores(vectors, first, keys).ravel()
    keep = (target >= 0) & (target != source) & (score >= settings.link_similarity)
    members = np.argsort(inverse, kind="stable")
    counts = np.bincount(inverse, minlength=len(first))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    repeated = np.flatnonzero(counts > 1)
    edges_u = np.concatenate((source[keep], repeated))
    edges_v = np.concatenate((target[keep], repeated))
    return _expand(edges_u, edges_v, members, starts, counts)


def _distinct_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(first row of each distinct vector, distinct index of every row).

    Rows are told apart by a hash of their bytes, checked against the rows themselves; sorting the
    rows as bytes would copy the whole matrix twice (440 MB at 144,000 claims)."""
    hashes = np.fromiter((hash(row.tobytes()) for row in vectors), dtype=np.int64, count=len(vectors))
    _, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    if all(np.array_equal(vectors[rows], vectors[first[inverse[rows]]]) for rows in _blocks(len(vectors))):
        return first, inverse
    _, first, inverse = np.unique(  # two different vectors hashed alike: compare them whole
        vectors.view(np.dtype((np.void, vectors.dtype.itemsize * vectors.shape[1]))).ravel(),
        return_index=True, return_inverse=True,
    )
    return first, inverse.ravel()


def _blocks(n: int, size: int = 4096) -> list[slice]:
    return [slice(start, start + size) for start in range(0, n, size)]


def _edge_scores(vectors: np.ndarray, first: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Cosine of each distinct vector with each of its neighbours (-inf where none), a block at a time."""
    scores = np.full(keys.shape, -np.inf, dtype=np.float32)
    for rows in _blocks(len(keys)):
        part = keys[rows]
        found = part >= 0
        own = first[np.nonzero(found)[0] + rows.start]
        scores[rows][found] = np.einsum("ij,ij->i", vectors[own], vectors[first[part[found]]])
    return scores


def _expand(edges_u: np.ndarray, edges_v: np.ndarray, members, starts, counts) -> tuple[np.ndarray, np.ndarray]:
    """Claim rows of every (member of u, member of v) for each edge (u, v) of distinct vectors; u == v for a repeated text."""

    def spread(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sizes = counts[groups]
        owner = np.repeat(np.arange(len(groups)), sizes)
        offset = np.arange(len(owner)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        return owner, members[starts[groups][owner] + offset]

    owner_u, rows_u = spread(edges_u)
    owner_v, rows_v = spread(edges_v[owner_u])
    return rows_u[owner_v], rows_v


_PARALLEL_FROM = 20_000


def nearest(vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k approximate nearest neighbours by inner product: (indices, scores), -1 where fewer were found."""
    try:
        from usearch.index import Index
    except ImportError:  # no index library: exact search in blocks, slower but the same answer
        return _nearest_exact(vectors, k)
    # int8 entries: one similar claim pair is enough to compare two articles, so a coarse index
    # loses nothing measurable (43k claims: same article pairs found as with float32, 3x faster).
    index = Index(ndim=vectors.shape[1], metric="ip", dtype="i8", connectivity=16, expansion_add=64, expansion_search=64)
    # Threads insert in no fixed order, so tail neighbours differ between runs; below `_PARALLEL_FROM`
    # vectors one thread builds the same index every time, in well under a second.
    threads = 0 if len(vectors) >= _PARALLEL_FROM else 1
    index.add(np.arange(len(vectors), dtype=np.uint64), vectors, threads=threads)
    matches = index.search(vectors, k, threads=threads)
    found = np.asarray(matches.keys).astype(np.int64).reshape(len(vectors), k)
    scores = 1.0 - np.asarray(matches.distances, dtype=np.float32).reshape(len(vectors), k)
    counts = np.asarray(matches.counts).reshape(-1, 1)
    missing = np.arange(k)[None, :] >= counts
    found[missing] = -1
    scores[missing] = -np.inf
    return found, scores


def _nearest_exact(vectors: np.ndarray, k: int, cells: int = 1 << 25) -> tuple[np.ndarray, np.ndarray]:
    """Every pair scored, `cells` similarities at a time (128 MB of them; argpartition's indices take twice that)."""
    found = np.empty((len(vectors), k), dtype=np.int64)
    scores = np.empty((len(vectors), k), dtype=np.float32)
    block = max(1, cells // max(1, len(vectors)))
    for start in range(0, len(vectors), block):
        sim = vectors[start : start + block] @ vectors.T
        np.negative(sim, out=sim)
        top = np.argpartition(sim, k - 1, axis=1)[:, :k]
        found[start : start + block] = top
        scores[start : start + block] = -np.take_along_axis(sim, top, axis=1)
    return found, scores


def _align_two(claims, vectors, rows_a, rows_b, anchors_of, settings: AlignSettings) -> list[AlignedPair]:
    if not rows_a or not rows_b:
        return []
    sim = vectors[rows_a] @ vectors[rows_b].T
    if sim.max() < settings.min_similarity:
        return []
    row_max, col_max = sim.max(axis=1), sim.max(axis=0)
    k = min(settings.top_k, sim.shape[1])
    ia = np.repeat(np.arange(sim.shape[0]), k)
    ib = np.argsort(-sim, axis=1)[:, :k].ravel()
    score = sim[ia, ib]
    mutual = (sim.argmax(axis=1)[ia] == ib) & (sim.argmax(axis=0)[ib] == ia)
    runner_up = np.maximum(_second_best(sim, axis=1)[ia], _second_best(sim, axis=0)[ib])
    margin = np.where(mutual, score - runner_up, score - np.maximum(row_max[ia], col_max[ib]))
    near_top = (score >= row_max[ia] - settings.shared_window) & (score >= col_max[ib] - settings.shared_window)
    similar = score.astype(np.float64) >= settings.min_similarity
    clear = similar & mutual & (margin >= settings.min_margin)
    candidate = similar & (mutual | near_top)
    pairs = []
    # Only candidates that may pass reach Python; the shared anchors decide the rest.
    for n in np.flatnonzero(candidate):
        a, b = rows_a[ia[n]], rows_b[ib[n]]
        shared = sorted(anchors_of(a) & anchors_of(b))
        if clear[n] or shared:
            pairs.append(
                AlignedPair.model_construct(
                    _PAIR_FIELDS, a=claims[a].id, b=claims[b].id, similarity=round(float(score[n]), 4),
                    margin=round(float(margin[n]), 4), shared=shared, mutual=bool(mutual[n]),
                )
            )
    return pairs


def _second_best(sim: np.ndarray, axis: int) -> np.ndarray:
    if sim.shape[axis] < 2:
        return np.zeros(sim.shape[1 - axis], dtype=sim.dtype)
    return np.sort(sim, axis=axis).take(-2, axis=axis)
