"""The labelled corpus: every batch in exactly one split, every gold anchor where it says it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.corpus import read_splits
from checker.evaluate import load_gold

ROOT = Path(__file__).parent.parent
SPLITS = read_splits(ROOT / "fixtures" / "splits.yaml")
LABELLED = sorted(p.parent for p in (ROOT / "fixtures").glob("**/gold.yaml") if "rules" not in p.parts)
# Batches written for the corpus must anchor every item at exactly one place; older sets (the seed's
# real articles, the first dev sets) may repeat an anchor, and the scorer takes its first occurrence.
ONE_PLACE = ("corpus", "blind3", "blind4", "blind5", "blind6", "blind7")


def test_every_labelled_batch_is_in_exactly_one_split():
    named = [case.resolve() for cases in SPLITS.values() for case in cases]
    assert len(named) == len(set(named)), "a batch is named twice in fixtures/splits.yaml"
    assert sorted(named) == sorted(p.resolve() for p in LABELLED), "fixtures/splits.yaml and the labelled batches differ"


def test_corpus_size_and_languages():
    assert len(LABELLED) >= 100
    assert {"train", "dev"} <= set(SPLITS)


@pytest.mark.parametrize("case", LABELLED, ids=[str(p.relative_to(ROOT / "fixtures")) for p in LABELLED])
def test_gold_anchors(case):
    gold = load_gold(case)
    assert gold.items, f"{case}: no gold items"
    if case.parent.name in ONE_PLACE:
        for item in gold.items:
            for side in item.sides:
                for anchor in side:
                    count = gold.articles[anchor.doc].count(anchor.text)
                    assert count == 1, f"{case.name} {item.id}: {anchor.text!r} occurs {count} times in {anchor.doc}"
        assert len(gold.of("traps")) >= 5, f"{case.name}: fewer than 5 traps"
