"""FD101 quantity-conflict: one figure stated as amounts that cannot both be true."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class QuantityConflict(SlotRule):
    """Articles state one figure as amounts that cannot both be true.

    What it checks: pairs of figures of different articles that the candidates stage proposed (aligned
    or neighbouring sentences, or the same measured thing). Qualifiers become intervals ("mehr als
    1.000" is (1000, ∞), "bis zu 1000" is [0, 1000]); an exact figure covers what rounds to it;
    units are converted; vague amounts ("Hunderte") are never compared. Whether two figures are one
    fact (the same measured thing, event, time and referent) is the decision model's probability.

    Why: a wrong figure is the most common factual error that survives editing, and the one readers
    notice first.

    Known problems: a figure with no measured noun near it ("stieg auf 43") takes its measure from
    the extractor's concept or the noun before it; when neither is found the model sees less and is
    less sure. Two figures of one sentence about different things are told apart only by their words.

    Example: "mehr als 1.000 Container" (> 1,000) vs "bis zu 1000 Container" (≤ 1,000): no overlap.
    """

    code = "FD101"
    name = "quantity-conflict"
    kind = "quantity"
    slot_kind = "figure"
    default_severity = Severity.error
    title = "Conflicting figures"
