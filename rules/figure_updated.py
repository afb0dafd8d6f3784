"""FD102 figure-updated: a running count given differently by articles published at different times."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class FigureUpdated(SlotRule):
    """A running count (a toll, evacuees, a gauge) differs between articles published at different times.

    What it checks: figure pairs the decision model takes for one fact, measuring a concept that
    only grows or gets corrected while a story develops (checker/data/cumulative_figures.yaml), where
    the later article gives the larger figure. Reported as an update, never as a contradiction.

    Why: editors need to know that an older article carries an outdated figure; it is not an error
    of either article.

    Known problems: a count that falls (a correction downwards) is left to quantity-conflict.

    Example: "Mindestens 17 Tote" (06:10) vs "die Zahl der Toten stieg auf 43" (11:40).
    """

    code = "FD102"
    name = "figure-updated"
    kind = "quantity"
    slot_kind = "figure"
    updates = True
    default_severity = Severity.info
    title = "Figure updated over time"
