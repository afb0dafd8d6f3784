"""Alignment: the exact per-article-pair logic on hand-built vectors, and the nearest-neighbour path
agreeing with it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from checker import align as align_module
from checker.align import AlignSettings, align, linked_doc_pairs
from checker.config import settings_from
from checker.models import Claim, Mention, PersonValue, Sentence


def claim(doc: str, index: int, person: str | None = None) -> Claim:
    text = f"Satz {index} in {doc}."
    mentions = []
    if person:
        mentions.append(
            Mention(kind="person", doc=doc, start=0, end=len(person), text=person, value=PersonValue(key=person.lower(), canonical=person))
        )
    return Claim(id=f"{doc}#{index}", doc=doc, sentence=Sentence(doc=doc, index=index, start=0, end=len(text), text=text), mentions=mentions)


def unit(*coordinates: float) -> list[float]:
    """A vector of 6 coordinates; the last free one fills it up to unit length."""
    values = list(coordinates) + [0.0] * (6 - len(coordinates))
    rest = 1.0 - sum(v * v for v in values)
    values[len(coordinates)] = math.sqrt(rest)
    return values


def pairs_of(claims: list[Claim], vectors: list[list[float]], **settings) -> list[tuple[str, str, float, float, list[str], bool]]:
    found = align(claims, np.array(vectors, dtype=np.float32), AlignSettings(**settings))
    return [(p.a, p.b, p.similarity, p.margin, p.shared, p.mutual) for p in found]


# a0 = e1; each b is given by its cosine to a0 (first coordinate) and an own direction.
CASES = [
    pytest.param(
        [claim("A", 0), claim("A", 1), claim("B", 0), claim("B", 1)],
        [unit(1.0, 0.0), unit(0.0, 1.0), unit(0.95, 0.0), unit(0.0, 0.9)],
        [("A#0", "B#0", 0.95, 0.95, [], True), ("A#1", "B#1", 0.9, 0.9, [], True)],
        id="mutual best pairs kept",
    ),
    pytest.param(
        [claim("A", 0), claim("A", 1), claim("B", 0)],
        [unit(1.0), unit(1.0), unit(0.0, 1.0)],
        [],
        id="identical sentences of one article never paired",
    ),
    pytest.param(
        [claim("A", 0), claim("B", 0), claim("B", 1)],
        [unit(1.0), unit(0.9, 0.0), unit(0.895, 0.0, 0.0)],
        [],
        id="mutual best within the margin of the runner-up, no anchor: dropped",
    ),
    pytest.param(
        [claim("A", 0, "Ada Lovelace"), claim("B", 0, "Ada Lovelace"), claim("B", 1, "Ada Lovelace")],
        [unit(1.0), unit(0.9, 0.0), unit(0.895, 0.0, 0.0)],
        [
            ("A#0", "B#0", 0.9, 0.005, ["person:ada lovelace"], True),
            ("A#0", "B#1", 0.895, -0.005, ["person:ada lovelace"], False),
        ],
        id="shared anchor keeps the close mutual pair and the near-top runner-up",
    ),
    pytest.param(
        [claim("A", 0, "Ada Lovelace"), claim("B", 0), claim("B", 1, "Ada Lovelace")],
        [unit(1.0), unit(0.9, 0.0), unit(0.83, 0.0, 0.0)],
        [("A#0", "B#0", 0.9, 0.07, [], True)],
        id="runner-up with an anchor but beyond the shared window: dropped",
    ),
    pytest.param(
        [claim("A", 0, "Ada Lovelace"), claim("B", 0, "Ada Lovelace")],
        [unit(1.0), unit(0.79, 0.0)],
        [],
        id="below min_similarity dropped even with an anchor",
    ),
    pytest.param(
        [claim("A", 0), claim("B", 0), claim("C", 0)],
        [unit(1.0), unit(0.92, 0.0), unit(0.85, 0.0, 0.0)],
        [("A#0", "B#0", 0.92, 0.92, [], True), ("A#0", "C#0", 0.85, 0.85, [], True)],
        id="best partner in each other article",
    ),
]


@pytest.mark.parametrize("claims, vectors, expected", CASES)
def test_exact_alignment(claims, vectors, expected):
    assert pairs_of(claims, vectors) == expected


@pytest.mark.parametrize("claims, vectors, expected", CASES)
def test_neighbour_path_on_hand_built_cases(claims, vectors, expected):
    assert pairs_of(claims, vectors, ann_above=0, link_similarity=0.8) == expected


def test_large_batches_link_articles_at_link_similarity():
    """A: B at 0.92 links; C's best is 0.85, below the link floor: in a large batch A and C are not compared."""
    claims = [claim("A", 0), claim("B", 0), claim("C", 0)]
    vectors = [unit(1.0), unit(0.92, 0.0), unit(0.85, 0.0, 0.0)]
    assert pairs_of(claims, vectors, ann_above=0) == [("A#0", "B#0", 0.92, 0.92, [], True)]


def story(seed: int, docs: int = 12, facts: int = 40, per_doc: int = 25, dim: int = 32) -> tuple[list[Claim], np.ndarray]:
    """Articles retelling random facts in noisy words; some facts name one of a few people."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(facts, dim))
    people = ["Ada Lovelace", "Alan Turing", None, None]
    claims, vectors = [], []
    for d in range(docs):
        for i, fact in enumerate(rng.choice(facts, size=per_doc, replace=False)):
            claims.append(claim(f"doc{d:02d}", i, people[fact % len(people)]))
            vectors.append(centres[fact] / np.linalg.norm(centres[fact]) * 3 + rng.normal(size=dim) * 0.25)
    vectors = np.array(vectors, dtype=np.float32)
    return claims, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_neighbour_path_matches_exact(seed):
    claims, vectors = story(seed)
    exact = [p.model_dump() for p in align(claims, vectors, AlignSettings())]
    # Retellings here score about 0.82: linking at the pairing floor makes both paths see every pair.
    approximate = [p.model_dump() for p in align(claims, vectors, AlignSettings(ann_above=0, link_similarity=0.8))]
    assert len(exact) > 300
    assert approximate == exact


def test_neighbour_path_without_index_library(monkeypatch):
    claims, vectors = story(3)
    monkeypatch.setattr(align_module, "nearest", align_module._nearest_exact)
    exact = [p.model_dump() for p in align(claims, vectors, AlignSettings())]
    assert [p.model_dump() for p in align(claims, vectors, AlignSettings(ann_above=0, link_similarity=0.8))] == exact


def test_wire_copies_pair_all_their_articles():
    """One sentence in five articles is indexed once, yet every two of those articles are compared."""
    rng = np.random.default_rng(7)
    shared = rng.normal(size=16)
    others = rng.normal(size=(5, 16))
    vectors = np.vstack([shared] * 5 + list(others)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    doc_of = np.array([0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
    pairs = linked_doc_pairs(doc_of, vectors, AlignSettings(ann_neighbours=2))
    assert pairs == [(i, j) for i in range(5) for j in range(i + 1, 5)]


def test_articles_with_nothing_similar_are_not_compared():
    vectors = np.eye(4, dtype=np.float32)
    assert linked_doc_pairs(np.array([0, 1, 2, 3]), vectors, AlignSettings()) == []


def feed(stories: int = 6, docs: int = 4, facts: int = 12, dim: int = 48) -> tuple[list[Claim], np.ndarray]:
    """Stories of `docs` articles each, every vector near one common direction, as e5 puts them."""
    rng = np.random.default_rng(11)
    common = rng.normal(size=dim)
    common /= np.linalg.norm(common)
    claims, vectors = [], []
    for s in range(stories):
        centres = rng.normal(size=(facts, dim))
        for d in range(docs):
            for f in range(facts):
                claims.append(claim(f"s{s}d{d}", f))
                own = centres[f] / np.linalg.norm(centres[f]) + rng.normal(size=dim) * 0.05
                vectors.append(common * 1.6 + own / np.linalg.norm(own))
    vectors = np.array(vectors, dtype=np.float32)
    return claims, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_large_batches_compare_linked_articles_only():
    """In a feed of many stories, unrelated claims still score >= 0.8 by cosine; only articles
    holding a claim among each other's nearest neighbours are compared. Each claim here has three
    retellings in its story, so three neighbours hold them all."""
    claims, vectors = feed()
    per_article_pair = align(claims, vectors, AlignSettings())
    linked = align(claims, vectors, AlignSettings(ann_above=0, ann_neighbours=3))
    story = lambda claim_id: claim_id.split("d")[0]  # noqa: E731
    assert any(story(p.a) != story(p.b) for p in per_article_pair)
    assert [p.model_dump() for p in linked] == [p.model_dump() for p in per_article_pair if story(p.a) == story(p.b)]


@pytest.mark.parametrize("seed", [0, 1])
def test_index_finds_the_linked_article_pairs_of_exact_search(seed):
    claims, vectors = feed(stories=8)
    docs = sorted({c.doc for c in claims})
    doc_of = np.array([docs.index(c.doc) for c in claims])
    rng = np.random.default_rng(seed)
    vectors = vectors + rng.normal(size=vectors.shape).astype(np.float32) * 0.01
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = linked_doc_pairs(doc_of, vectors, AlignSettings(ann_neighbours=3, neighbour_search="exact"))
    assert len(exact) == 8 * 6  # every two articles of a story, none across stories
    assert linked_doc_pairs(doc_of, vectors, AlignSettings(ann_neighbours=3)) == exact


def test_distinct_rows_survive_hash_collisions(monkeypatch):
    """Rows hashed alike but different are told apart by comparing them whole."""
    vectors = np.array([[1, 0], [0, 1], [1, 0], [0, 1], [1, 1]], dtype=np.float32)
    monkeypatch.setattr(align_module, "hash", lambda _: 0, raising=False)
    first, inverse = align_module._distinct_rows(vectors)
    assert len(first) == 3
    assert [vectors[first[i]].tolist() for i in inverse] == vectors.tolist()


@pytest.mark.parametrize("knobs,message", [
    ({"neighbour_search": "exakt"}, "thresholds.align: neighbour_search must be 'index' or 'exact', not 'exakt'"),
    ({"min_similarity": 0.8, "top": 3}, "thresholds.align: AlignSettings.__init__() got an unexpected keyword argument 'top'"),
])
def test_misspelt_align_settings_are_errors(knobs: dict, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        settings_from(AlignSettings, knobs, "align")
    assert str(raised.value) == message


def test_align_settings_from_thresholds() -> None:
    assert settings_from(AlignSettings, {"neighbour_search": "exact", "top_k": 5}, "align") == AlignSettings(neighbour_search="exact", top_k=5)
