"""Conflict recall, precision and F0.5 of the held-out folds at each warning bar (docs/quality.md).

Fits the five fold models of train and dev once (the rule fixtures in every fit, as `factdiff train`
does), then scores every held-out batch at each bar. Needs scikit-learn (pip install -e ".[train]").

    .venv/bin/python scripts/cv_bars.py
"""

from checker.config import load_config
from checker.corpus import SPLITS_FILE, Workbench, read_splits
from checker.decide import Policy
from checker.embed import Embedder
from checker.evaluate import aggregate, score_report
from checker.train import f05, fold_models

BARS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]


def main() -> None:
    splits = read_splits()
    config = load_config()
    bench = Workbench(config, Embedder(config.model))
    cases = bench.load(splits["train"]) + bench.load(splits["dev"])
    fixture_rows = [r for c in bench.load_rule_fixtures(SPLITS_FILE.parent / "rules") for r in bench.rows(c)]
    rows = {c: bench.rows(c) for c in cases}
    fitted = fold_models(rows, 5, always=fixture_rows)
    for bar in BARS:
        scores = []
        for held, model in fitted:
            judged = model.model_copy(update={"policy": Policy(warning_at=bar, error_at=1.0)})
            scores += [score_report(bench.rejudge(c, judged), bench.golds[c]) for c in held]
        total = aggregate(scores)
        p, r = total.precision or 0.0, total.recall or 0.0
        print(f"warning at {bar:.2f}: recall {r:.3f}, precision {p:.3f}, F0.5 {f05(p, r):.3f}, traps {total.trap_rate:.4f}")


if __name__ == "__main__":
    main()
