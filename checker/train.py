"""Fit the decision model on labelled batches: `factdiff train` (needs scikit-learn: pip install -e ".[train]").

Each candidate pair whose values disagree is one example. Its label comes from the gold, by where
the two slots point, exactly as a finding is scored (shared/GOLD-FORMAT.md): 1 when the two
mentions touch two sides of a listed conflict (or state the same two values in the same two articles
as such a pair), 0 when they touch a trap or no item at all (the gold
lists every contradiction, so an unlisted disagreement is not one), and no label (left out) when
they touch a variant, an update, a contested claim or an optional item.

The fit is gradient boosting of shallow regression trees on the log-loss (scikit-learn, seeded,
deterministic), exported tree by tree into the model file (checker/decide.py walks them). Cross-validation
(`--folds N`) fits on the other folds, grouped by batch, and judges each held-out batch with its fold's
model. The policy's bars are chosen on those held-out batches (all of train and dev, each judged by a
model that never saw it; with `--folds 0`, on the dev split by the fitted model): the warning bar that
gives the best F0.5 of conflicts (a false alarm costs an editor's trust more than a miss), the error bar
the lowest at which the errors are at least 0.85 precise (no error at all when none is).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import numpy as np

from checker.compare import value_identity
from checker.decide import LEAF, Calibration, DecisionModel, Policy, Tree
from checker.evaluate import CaseScore, Gold, aggregate, load_gold, score_report
from checker.models import Candidate, Report, Slot

SEED = 20261206
# The boosting's shape, chosen by cross-validation on the train and dev splits (docs/quality.md): in round 7, with
# 185 batches, depth 4 and 500 trees ranked pairs better than depth 3 and 200 (average precision 0.489 against 0.467).
TREES = 500
DEPTH = 4
LEARNING_RATE = 0.05
MIN_LEAF = 20  # training candidates a leaf must hold: no leaf for one batch's oddity
SUBSAMPLE = 0.8
# Boosters fitted with different seeds and averaged (their log-odds): each refit's ranking varies with its seed
# about as much as a change of the readings moves it, and the average of a few varies less.
BAGS = 3
# F0.5 within this of the best counts as a tie: about the noise of F0.5 over the batches searched. 0.01 was
# set for the 30 dev batches; over the held-out folds of all train and dev batches (205 in round 8) the
# noise shrinks with the square root of their number, about 0.004.
TIE = 0.004
DEV_TIE = 0.01
ERROR_PRECISION = 0.85  # errors must be at least this precise where the bars are chosen
MIN_ERRORS = 5  # ... counted on at least this many errors


@dataclass
class Row:
    case: str
    candidate: Candidate
    label: Optional[int]  # 1 conflict, 0 not, None left out


# Which slots a conflict of each gold kind is about; conflicts of other kinds (a person, an outcome) teach nothing
# about these slots, whatever words their anchors cover.
SLOT_KINDS_OF = {
    "quantity": ("figure", "age"), "location": ("place",), "date": ("date", "time"), "person": ("holder", "age", "speaker"),
    "other": ("state",),
}


def _overlap(slot: Slot, anchor) -> int:
    m = slot.mention
    return max(0, min(m.end, anchor.end) - max(m.start, anchor.start)) if anchor.doc == m.doc else 0


def touched_sides(slot: Slot, item) -> set[int]:
    """The sides of a gold item whose anchors the slot's mention overlaps."""
    return {i for i, side in enumerate(item.sides) if any(_overlap(slot, a) for a in side)}


def apart(x: set[int], y: set[int]) -> bool:
    """Two sets of touched sides hold two different sides: the pair stands on both sides of the item."""
    return any(i != j for i in x for j in y)


def _is_anchor_slot(slot: Slot, item, side_index: int, slots: dict[str, Slot]) -> bool:
    """The slot of its kind that covers most of its side's anchor: a wide anchor ("74 Objekte in sieben
    Ländern") touches several figures, and only the one the item is about is a positive example."""
    for anchor in item.sides[side_index]:
        if anchor.doc != slot.doc:
            continue
        best = max((s for s in slots.values() if s.doc == slot.doc and s.kind == slot.kind and _overlap(s, anchor)),
                   key=lambda s: (_overlap(s, anchor), -s.mention.start), default=None)
        if best is not None and best.id == slot.id:
            return True
    return False


def label(candidate: Candidate, slots: dict[str, Slot], gold: Gold) -> Optional[int]:
    a, b = slots[candidate.a], slots[candidate.b]
    hit: set[str] = set()
    for item in gold.items:
        sides_a, sides_b = touched_sides(a, item), touched_sides(b, item)
        if not apart(sides_a, sides_b):
            continue
        pairs = [(i, j) for i in sides_a for j in sides_b if i != j]
        if item.category == "conflicts" and (
            candidate.kind not in SLOT_KINDS_OF.get(item.kind or "", ())
            or not any(_is_anchor_slot(a, item, i, slots) and _is_anchor_slot(b, item, j, slots) for i, j in pairs)
        ):
            hit.add("near_conflict")  # another kind of conflict, or another value of the anchor: no example either way
            continue
        hit.add(item.category)
    if "conflicts" in hit:
        return 1
    if hit & {"variants", "updates", "contested", "optional", "near_conflict"}:
        return None
    return 0


def rows_of(case: str, candidates: Iterable[Candidate], slots: dict[str, Slot], gold: Gold) -> list[Row]:
    rows = [Row(case, c, label(c, slots, gold)) for c in candidates if c.features]
    # An article often states a contested value twice (the lead, then the body); the gold anchors one of
    # them. A pair citing the other statement of the same two values is the same contradiction, not a
    # counter-example (findings group by value and cite both statements).
    contradicted = {_statements(r.candidate, slots) for r in rows if r.label == 1}
    for r in rows:
        if r.label == 0 and _statements(r.candidate, slots) in contradicted:
            r.label = 1
    return rows


def _statements(candidate: Candidate, slots: dict[str, Slot]) -> frozenset:
    """Which article says which value, for each side of the pair."""
    return frozenset((s.doc, s.kind, value_identity(s)) for s in (slots[candidate.a], slots[candidate.b]))


def matrix(rows: Sequence[Row], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    kept = [r for r in rows if r.label is not None]
    x = np.array([[r.candidate.features.get(n, 0.0) for n in names] for r in kept], dtype=float).reshape(len(kept), len(names))
    y = np.array([r.label for r in kept], dtype=int)
    return x, y


def feature_names(rows: Sequence[Row]) -> list[str]:
    return sorted({name for r in rows for name in r.candidate.features})


def fit(rows: Sequence[Row], policy: Optional[Policy] = None, provenance: Optional[dict] = None) -> DecisionModel:
    from sklearn.ensemble import GradientBoostingClassifier

    names = feature_names(rows)
    x, y = matrix(rows, names)
    if len(set(y.tolist())) < 2:
        raise ValueError(f"cannot fit: the labelled candidates hold only one class ({len(y)} examples)")
    boosters = [
        GradientBoostingClassifier(
            n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, min_samples_leaf=MIN_LEAF,
            subsample=SUBSAMPLE, random_state=SEED + bag,
        ).fit(x, y)
        for bag in range(BAGS)
    ]
    prior = float(y.mean())
    model = DecisionModel(
        features=names, base_score=round(math.log(prior / (1 - prior)), 6),
        trees=[_exported(estimator.tree_, LEARNING_RATE / BAGS) for booster in boosters for estimator in booster.estimators_[:, 0]],
        policy=policy or Policy(), provenance=provenance or {},
    )
    # The exported trees must score as the fitted boosters do, their log-odds averaged (up to rounding).
    ours = np.array([p for p, _ in model.explained_many([dict(zip(names, row)) for row in x[:500]], 0)])
    theirs = 1 / (1 + np.exp(-np.mean([b.decision_function(x[:500]) for b in boosters], axis=0)))
    if not np.allclose(ours, theirs, atol=1e-3):
        raise AssertionError(f"exported trees disagree with the fitted booster by up to {np.abs(ours - theirs).max():.4f}")
    return model


def _exported(tree, scale: float) -> Tree:
    """One fitted regression tree: leaves keep their score (times the learning rate); an inner node gets the
    average of the leaves below it, weighted by the training candidates that reached them."""
    inner = tree.children_left >= 0
    value = [0.0] * tree.node_count
    weight = tree.weighted_n_node_samples

    def fill(node: int) -> float:
        if not inner[node]:
            value[node] = scale * float(tree.value[node].ravel()[0])
        else:
            left, right = tree.children_left[node], tree.children_right[node]
            value[node] = (weight[left] * fill(left) + weight[right] * fill(right)) / (weight[left] + weight[right])
        return value[node]

    fill(0)
    return Tree(
        feature=[int(f) if inner[i] else LEAF for i, f in enumerate(tree.feature)],
        threshold=[float(t) if inner[i] else 0.0 for i, t in enumerate(tree.threshold)],
        left=[int(c) if inner[i] else 0 for i, c in enumerate(tree.children_left)],
        right=[int(c) if inner[i] else 0 for i, c in enumerate(tree.children_right)],
        value=[round(v, 7) for v in value],
    )


# --------------------------------------------------------------------------- policy and folds


Rejudge = Callable[[str, DecisionModel], Report]


def f05(precision: float, recall: float) -> float:
    """The policy's measure of conflicts found: precision weighs twice as much as recall."""
    return 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0


def choose_policy(
    judged: Sequence[tuple[str, DecisionModel]], golds: dict[str, Gold], rejudge: Rejudge, tie: float = TIE,
) -> tuple[Policy, list[dict]]:
    """The bars that score best on these batches, each judged by its model (the held-out folds, each by
    the model fitted without it; or the dev split by the one model). Warning bar: the best F0.5 of
    conflicts, the higher bar where two are within `tie` of each other (fewer alarms for the same worth).
    Error bar: the lowest at which the errors alone are at least ERROR_PRECISION precise, with at least
    MIN_ERRORS of them."""
    tried = []
    for warning_at in [round(0.2 + 0.05 * i, 2) for i in range(15)]:
        total = aggregate(cross_validate(judged, golds, rejudge, Policy(warning_at=warning_at, error_at=1.0))[0])
        p, r = total.precision or 0.0, total.recall or 0.0
        tried.append({"warning_at": warning_at, "precision": round(p, 3), "recall": round(r, 3), "f05": round(f05(p, r), 3)})
    best = max(t["f05"] for t in tried)
    warning_at = max(t["warning_at"] for t in tried if t["f05"] >= best - tie)
    error_at = 1.0
    for bar in [round(warning_at + 0.05 * i, 2) for i in range(20) if warning_at + 0.05 * i < 1.0]:
        hits = alarms = 0
        for case, model in judged:
            report = rejudge(case, model.model_copy(update={"policy": Policy(warning_at=warning_at, error_at=bar)}))
            errors = report.model_copy(update={"findings": [f for f in report.findings if f.severity.value == "error"]})
            score = score_report(errors, golds[case])
            hits, alarms = hits + score.counts.alarms_hit, alarms + score.counts.alarms_scored
        tried.append({"error_at": bar, "errors": alarms, "errors_right": hits})
        if alarms >= MIN_ERRORS and hits / alarms >= ERROR_PRECISION:
            error_at = bar
            break
    return Policy(warning_at=warning_at, error_at=error_at), tried


def folds_of(cases: list[str], folds: int) -> list[list[str]]:
    """Batches split into folds by a hash of their name: stable as batches are added."""
    buckets: list[list[str]] = [[] for _ in range(folds)]
    for case in sorted(cases):
        buckets[int(hashlib.sha256(case.encode()).hexdigest(), 16) % folds].append(case)
    return buckets


@dataclass
class Folds:
    """Cross-validation's models: each batch with the model fitted without it, and every labelled pair of
    every batch with the raw probability that model gave it (what the shipped model's calibration is fitted on)."""

    judged: list[tuple[str, DecisionModel]]
    raw_pairs: list[tuple[float, int]]


def fold_models(rows_by_case: dict[str, list[Row]], folds: int, always: Sequence[Row] = ()) -> Folds:
    """Each batch with the model fitted on the other folds (it never saw the batch), its probabilities
    calibrated on the other folds' held-out pairs (never on its own fold's). `always`: rows in every
    fold's fit (the rule fixtures, which are no news batches to score)."""
    fitted = []
    for held in folds_of(list(rows_by_case), folds):
        if held:
            model = fit([r for c, rows in rows_by_case.items() if c not in held for r in rows] + list(always))
            fitted.append((held, model, held_out_pairs([(c, model) for c in held], rows_by_case)))
    judged = []
    for held, model, _ in fitted:
        others = [pair for other, _, pairs in fitted if other is not held for pair in pairs]
        calibrated = model.model_copy(update={"calibration": fit_calibration(others) if others else None})
        judged += [(case, calibrated) for case in held]
    return Folds(judged, [pair for _, _, pairs in fitted for pair in pairs])


def held_out_pairs(judged: Sequence[tuple[str, DecisionModel]], rows_by_case: dict[str, list[Row]]) -> list[tuple[float, int]]:
    """(the trees' raw probability, label) of every labelled candidate of each batch, by the model it is paired with."""
    pairs: list[tuple[float, int]] = []
    for case, model in judged:
        labelled = [r for r in rows_by_case[case] if r.label is not None]
        raw = model.model_copy(update={"calibration": None})
        pairs += [(p, r.label) for (p, _), r in zip(raw.explained_many([r.candidate.features for r in labelled], 0), labelled)]
    return pairs


def fit_calibration(pairs: Sequence[tuple[float, int]]) -> Calibration:
    """The isotonic fit of label on raw probability: the share of conflicts among candidates given about
    that probability, never falling as the probability rises."""
    from sklearn.isotonic import IsotonicRegression

    raw = np.array([p for p, _ in pairs])
    labels = np.array([y for _, y in pairs], dtype=float)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, labels)
    # One knot in the middle of each flat step, so that the map rises strictly between them: two pairs the
    # trees rank apart keep their order (a flat step would tie them at the policy's bar).
    steps: list[tuple[float, float, float]] = []  # (first raw, last raw, share of conflicts)
    for x, y in zip(iso.X_thresholds_.tolist(), iso.y_thresholds_.tolist()):
        if steps and steps[-1][2] == y:
            steps[-1] = (steps[-1][0], x, y)
        else:
            steps.append((x, x, y))
    return Calibration(raw=[round((lo + hi) / 2, 6) for lo, hi, _ in steps], calibrated=[round(y, 6) for _, _, y in steps])


def cross_validate(
    judged: Sequence[tuple[str, DecisionModel]], golds: dict[str, Gold], rejudge: Rejudge, policy: Policy,
) -> tuple[list[CaseScore], list[tuple[float, int]]]:
    """Each batch scored under `policy` by the model it is paired with (a held-out batch by its fold's
    model). Returns the scores and, for the reliability table, (confidence, right) of every error and
    warning."""
    scores: list[CaseScore] = []
    reliability: list[tuple[float, int]] = []
    for case, model in judged:
        report = rejudge(case, model.model_copy(update={"policy": policy}))
        score = score_report(report, golds[case])
        scores.append(score)
        reliability += finding_outcomes(report, score)
    return scores, reliability


def finding_outcomes(report: Report, score: CaseScore) -> list[tuple[float, int]]:
    """(confidence, 1 if it matched a conflict else 0) for each scored error and warning."""
    false = {f.id for f in score.false_alarms}
    hits = {fid for ids in (score.matched.get(i, []) for i in score.conflicts_hit) for fid in ids}
    return [
        (f.confidence, 1 if f.id in hits else 0)
        for f in report.findings
        if f.severity.value in ("error", "warning") and (f.id in hits or f.id in false)
    ]


def reliability_table(outcomes: list[tuple[float, int]], bins: int = 10) -> list[dict]:
    rows = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [right for conf, right in outcomes if lo <= conf < hi or (i == bins - 1 and conf == 1.0)]
        if inside:
            rows.append({"confidence": f"{lo:.1f}-{hi:.1f}", "findings": len(inside), "right": sum(inside),
                         "share_right": round(sum(inside) / len(inside), 2)})
    return rows


def provenance(train_cases: list[str], dev_cases: list[str], extra: dict) -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    return {
        "command": "factdiff train",
        "fitted": dt.date.today().isoformat(),
        "code_commit": commit or None,
        "train_batches": len(train_cases),
        "dev_batches": len(dev_cases),
        "seed": SEED,
        "bags": BAGS, "trees": TREES, "depth": DEPTH, "learning_rate": LEARNING_RATE, "min_leaf": MIN_LEAF, "subsample": SUBSAMPLE,
        **extra,
    }


def write_model(model: DecisionModel, path: Path) -> None:
    """Readable JSON, one tree a line: the provenance and policy can be read, the trees diffed by line."""
    data = model.model_dump()
    trees = data.pop("trees")
    text = json.dumps(data, indent=1, ensure_ascii=False)
    lines = ",\n".join("  " + json.dumps(t, separators=(",", ":")) for t in trees)
    path.write_text(text[:-2] + ',\n "trees": [\n' + lines + "\n ]\n}\n", encoding="utf-8")


def load_golds(cases: list[str]) -> dict[str, Gold]:
    return {c: load_gold(Path(c)) for c in cases}
