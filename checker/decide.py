"""The one decision: is a disagreement between two slots a real contradiction of one fact?

A logistic regression over the recorded features (checker/features.py), fitted on the labelled
corpus by `factdiff train` (checker/train.py) and stored as plain JSON in
checker/data/decision_model.json: feature names, their mean and scale, weights, the policy's
thresholds chosen on the dev split, and how and on what it was fitted. Inference is a dot product,
so a check needs no machine-learning library; being linear, each decision splits into the share
each feature contributed, which `factdiff explain` prints.

The policy (docs/policy.md) turns a probability and a value relation into a severity.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

MODEL_PATH = Path(__file__).parent / "data" / "decision_model.json"


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    warning_at: float = Field(0.5, ge=0.0, le=1.0)  # a disagreement at least this probable is shown
    error_at: float = Field(0.8, ge=0.0, le=1.0)  # ... and at least this probable, with disjoint values, is an error


class DecisionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    intercept: float
    policy: Policy = Field(default_factory=Policy)
    provenance: dict[str, Any] = Field(default_factory=dict)  # command, corpus, folds, cross-validated figures
    _arrays: Optional[tuple[np.ndarray, np.ndarray, np.ndarray]] = PrivateAttr(default=None)

    def _z(self, values: dict[str, float]) -> np.ndarray:
        if self._arrays is None:
            self._arrays = (np.array(self.mean), np.array(self.scale), np.array(self.weights))
        mean, scale, _ = self._arrays
        raw = np.fromiter((values.get(name, 0.0) for name in self.features), dtype=float, count=len(self.features))
        return (raw - mean) / scale

    def explained(self, values: dict[str, float], top: int = 6) -> tuple[float, list[tuple[str, float]]]:
        """The probability, and the features that moved it most with their share of the log-odds
        (against the average candidate of the training data, where every share is 0)."""
        z = self._z(values)
        shares = self._arrays[2] * z
        score = self.intercept + float(shares.sum())
        probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
        order = np.argsort(-np.abs(shares), kind="stable")[:top]
        return probability, [(self.features[i], float(shares[i])) for i in order]


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
