"""The pair-level average precision of the held-out folds' labelled candidates (the ranking measure features
are chosen by), and conflict recall, precision and F0.5 of the held-out folds at each warning bar, as
`factdiff train` searches them (docs/quality.md). Needs scikit-learn (pip install -e ".[train]").

    .venv/bin/python scripts/cv_bars.py [--dump PAIRS.jsonl]

--dump writes every held-out labelled pair (batch, kind, label, probability, features, the two mentions)
for reading the ranking's misses by class.
"""

import json
import sys

from checker.config import load_config
from checker.corpus import SPLITS_FILE, Workbench, read_splits
from checker.decide import DecisionModel
from checker.embed import Embedder
from checker.train import Folds, Row, choose_policy, fold_models


def held_out_average_precision(folds: Folds) -> float:
    """Over the trees' raw probabilities: the ranking itself, whatever map a model's calibration adds."""
    from sklearn.metrics import average_precision_score

    return float(average_precision_score([y for _, y in folds.raw_pairs], [p for p, _ in folds.raw_pairs]))


def dump(bench: Workbench, rows: dict[str, list[Row]], judged: list[tuple[str, DecisionModel]], path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for case, model in judged:
            slots = {s.id: s for f in bench.results[case].frames.values() for s in f.slots}
            labelled = [r for r in rows[case] if r.label is not None]
            for r, (p, _) in zip(labelled, model.explained_many([r.candidate.features for r in labelled], 0)):
                a, b = slots[r.candidate.a], slots[r.candidate.b]
                out.write(json.dumps({
                    "case": case, "kind": r.candidate.kind, "label": r.label, "p": round(p, 4), "features": r.candidate.features,
                    "a": [a.doc, a.mention.text, a.measure], "b": [b.doc, b.mention.text, b.measure],
                }, ensure_ascii=False) + "\n")


def main() -> None:
    splits = read_splits()
    config = load_config()
    bench = Workbench(config, Embedder(config.model))
    cases = bench.load(splits["train"]) + bench.load(splits["dev"])
    fixture_rows = bench.rows_of(bench.load_rule_fixtures(SPLITS_FILE.parent / "rules"))
    rows = {c: bench.rows(c) for c in cases}
    folds = fold_models(rows, 5, fixture_rows)
    judged = folds.judged
    print(f"pair-level average precision (held-out folds): {held_out_average_precision(folds):.4f}")
    if "--dump" in sys.argv:
        dump(bench, rows, judged, sys.argv[sys.argv.index("--dump") + 1])
    policy, tried = choose_policy(judged, bench.golds, bench.rejudge)
    for step in tried:
        print(step)
    print(f"chosen: warning at {policy.warning_at}, error at {policy.error_at}")


if __name__ == "__main__":
    main()
