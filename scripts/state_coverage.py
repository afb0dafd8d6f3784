"""How many "other" conflicts of the labelled splits have a disagreeing pair of yes/no facts at their anchors.

Reads every batch of the given splits (default: train and dev) that has an "other" conflict, extracts its
claims, builds frames with the negated-word affirmations (checker/frames.py: add_affirmations), and counts the
conflicts where two sides' anchors hold state mentions whose values compare as disjoint. Round 11's figures
(docs/quality.md) come from it: .venv/bin/python scripts/state_coverage.py train dev
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from checker.annotate import annotate
from checker.compare import compare_states
from checker.extract import extract_claims
from checker.frames import add_affirmations, build_frames
from checker.ingest import read_batch
from checker.segment import segment


def main(splits: list[str]) -> None:
    listed = yaml.safe_load(Path("fixtures/splits.yaml").read_text(encoding="utf-8"))["splits"]
    total = found = only_negated_words = 0
    for split in splits:
        for case in listed[split]:
            gold = yaml.safe_load(Path(case, "gold.yaml").read_text(encoding="utf-8"))
            others = [c for c in gold.get("conflicts") or [] if c.get("kind") == "other"]
            if not others:
                continue
            articles = {a.id: a for a in read_batch(Path(case)).articles}
            claims = {d: extract_claims(a, annotate(a, segment(a)), []) for d, a in articles.items()}
            frames = {f.claim: f for d, a in articles.items() for f in build_frames(a, claims[d])}
            add_affirmations(frames, {c.id: c for cs in claims.values() for c in cs}, articles)
            states = [s for f in frames.values() for s in f.slots if s.kind == "state"]
            for conflict in others:
                total += 1
                sides = conflict.get("sides") or [{doc: text} for doc, text in conflict["docs"].items()]
                held = []
                for side in sides:
                    at_side = []
                    for doc, anchor in side.items():
                        start = articles[doc].text.find(anchor)
                        at_side += [s.mention for s in states if s.doc == doc and s.mention.start < start + len(anchor) and start < s.mention.end]
                    held.append(at_side)
                pairs = [(x, y) for i, a in enumerate(held) for b in held[i + 1:] for x in a for y in b
                         if compare_states(x.value, y.value).name == "disjoint"]
                found += bool(pairs)
                only_negated_words += bool(pairs) and all(x.value.generic for x, _ in pairs)
    print(f'{total} "other" conflicts; a disagreeing pair of states at their anchors: {found} '
          f'({only_negated_words} only through negated words)')


if __name__ == "__main__":
    main(sys.argv[1:] or ["train", "dev"])
