"""The one decision: is a disagreement between two slots a real contradiction of one fact?

Gradient-boosted decision trees over the recorded features (checker/features.py), fitted on the
labelled corpus by `factdiff train` (checker/train.py) and stored as plain JSON in
checker/data/decision_model.json: the feature names, each tree's splits and node scores, the policy's
thresholds chosen on the dev split, and how and on what it was fitted. Trees were chosen over a
linear model by cross-validation: whether a feature matters depends on the others (sentence
similarity means more for two figures of one measure than for two ages), which a sum of weights
cannot say. Inference walks the trees with numpy, so a check needs no machine-learning library.

Every decision splits exactly into each feature's share of the log-odds: along each tree's path, a
split moves the score from its node's to its child's (the average of the training candidates that
reached each), and that move is the split feature's. `factdiff explain` prints the largest shares.

The policy (docs/policy.md) turns a probability and a value relation into a severity.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

MODEL_PATH = Path(__file__).parent / "data" / "decision_model.json"
# The refit that knows the preview rules' slots; `preview = true` uses it unless a decision_model is given.
PREVIEW_MODEL_PATH = Path(__file__).parent / "data" / "decision_model_preview.json"
LEAF = -1
ROWS_AT_A_TIME = 256

Explained = tuple[float, list[tuple[str, float]]]  # probability, the features that moved it most with their shares


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    warning_at: float = Field(0.5, ge=0.0, le=1.0)  # a disagreement at least this probable is shown
    error_at: float = Field(0.8, ge=0.0, le=1.0)  # ... and at least this probable, with disjoint values, is an error


class Calibration(BaseModel):
    """How often a candidate given each raw probability was a conflict, in batches its model never saw:
    the knots of a monotone (isotonic) fit over the held-out folds, read by linear interpolation. The
    trees' scores rank pairs well but state them too sure (docs/quality.md, reliability); a finding's
    confidence is the calibrated probability."""

    model_config = ConfigDict(extra="forbid")

    raw: list[float]
    calibrated: list[float]

    def apply(self, probability: np.ndarray) -> np.ndarray:
        return np.interp(probability, self.raw, self.calibrated)


class Tree(BaseModel):
    """One regression tree; node i splits on feature[i] at threshold[i] (left: value <= threshold), or is a
    leaf (feature -1). value[i] is the node's score: a leaf's contribution to the log-odds, an inner
    node's the average of its leaves over the training candidates that reached it."""

    model_config = ConfigDict(extra="forbid")

    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]


class DecisionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 2
    features: list[str]
    base_score: float  # log-odds before any tree
    trees: list[Tree]
    policy: Policy = Field(default_factory=Policy)
    calibration: Optional[Calibration] = None  # None: the trees' probability as it is
    provenance: dict[str, Any] = Field(default_factory=dict)  # command, corpus, folds, cross-validated figures
    _arrays: Optional[tuple] = PrivateAttr(default=None)

    def _packed(self) -> tuple:
        """All trees' nodes in flat arrays with global node ids, a leaf pointing at itself on a dummy feature
        (always 0, never above its threshold), so that every path takes the same number of steps: the
        deepest tree's depth, packed last."""
        if self._arrays is None:
            dummy = len(self.features)
            feature, threshold, left, right, value, roots = [], [], [], [], [], []
            for tree in self.trees:
                base = len(feature)
                roots.append(base)
                for i, f in enumerate(tree.feature):
                    leaf = f == LEAF
                    feature.append(dummy if leaf else f)
                    threshold.append(math.inf if leaf else tree.threshold[i])
                    left.append(base + (i if leaf else tree.left[i]))
                    right.append(base + (i if leaf else tree.right[i]))
                    value.append(tree.value[i])
            self._arrays = (np.array(feature, dtype=np.intp), np.array(threshold), np.array(left, dtype=np.intp),
                            np.array(right, dtype=np.intp), np.array(value), np.array(roots, dtype=np.intp),
                            max((_depth(t) for t in self.trees), default=0))
        return self._arrays

    def explained_many(self, rows: Sequence[dict[str, float]], top: int = 6) -> list[Explained]:
        """For each candidate's features: the probability (calibrated, where the model is), and the features
        that moved the trees' score most with their share of its log-odds (against the average training
        candidate, where every share is 0)."""
        if not rows:
            return []
        feature, threshold, left, right, value, roots, depth = self._packed()
        n, width = len(rows), len(self.features) + 1
        x = np.zeros((n, width))
        names, zeros = self.features, [0.0] * len(self.features)
        x[:, :-1] = [list(map(row.get, names, zeros)) for row in rows]
        shares = np.zeros((n, width))
        # A few hundred rows at a time: each step's rows-by-trees arrays then stay in the processor's cache
        # (a batch of 2,575 pairs through 500 trees: 0.14 s against 0.18 s at once).
        for start in range(0, n, ROWS_AT_A_TIME):
            rows_x = x[start: start + ROWS_AT_A_TIME]
            k = len(rows_x)
            flat_x, row_base = rows_x.ravel(), (np.arange(k) * width)[:, None]
            node = np.broadcast_to(roots, (k, len(roots))).copy()
            for _ in range(depth):
                split = row_base + feature[node]
                child = np.where(flat_x[split] <= threshold[node], left[node], right[node])
                shares[start: start + k] += np.bincount(
                    split.ravel(), weights=(value[child] - value[node]).ravel(), minlength=k * width).reshape(k, width)
                node = child
        shares = shares[:, :-1]
        score = self.base_score + value[roots].sum() + shares.sum(axis=1)
        probability = 1.0 / (1.0 + np.exp(-np.clip(score, -30.0, 30.0)))
        if self.calibration is not None:
            probability = self.calibration.apply(probability)
        order = np.argsort(-np.abs(shares), axis=1, kind="stable")[:, :top]
        return [
            (p, [(names[j], share) for j, share in zip(columns, tops) if share != 0.0])
            for p, columns, tops in zip(probability.tolist(), order.tolist(), np.take_along_axis(shares, order, axis=1).tolist())
        ]

    def explained(self, values: dict[str, float], top: int = 6) -> Explained:
        return self.explained_many([values], top)[0]


def _depth(tree: Tree, node: int = 0) -> int:
    if tree.feature[node] == LEAF:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


def model_path(decision_model: Optional[str], preview: bool) -> Optional[str]:
    """The decision model a configuration asks for: its own file, else the preview or the shipped model."""
    return decision_model or (str(PREVIEW_MODEL_PATH) if preview else None)


@lru_cache(maxsize=4)
def load_model(path: Optional[str] = None) -> DecisionModel:
    target = Path(path) if path else MODEL_PATH
    try:
        return DecisionModel.model_validate(json.loads(target.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise FileNotFoundError(f"{target}: no decision model; build it with `factdiff train` (docs/quality.md)") from None


@dataclass(frozen=True)
class Decision:
    severity: Optional[str]  # error | warning | info | None
    why: str


def decide(
    probability: float, relation: str, policy: Policy, *, update: bool, forecast: bool
) -> Decision:
    """The written policy, in one place: docs/policy.md."""
    if update:
        return Decision("info", "a running count given later differently: an update, never a contradiction")
    if probability < policy.warning_at:
        return Decision(None, f"probability {probability:.2f} below the warning bar {policy.warning_at:.2f}")
    if relation == "disjoint" and probability >= policy.error_at and not forecast:
        return Decision("error", f"probability {probability:.2f} at or above the error bar {policy.error_at:.2f}, values disjoint")
    reason = "a forecast or plan" if forecast else ("stated differently, both may hold" if relation != "disjoint" else "below the error bar")
    return Decision("warning", f"probability {probability:.2f}: {reason}")
