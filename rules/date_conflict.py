"""FD301 date-conflict: one event dated on days that cannot both be right."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class DateConflict(SlotRule):
    """One event dated on days that cannot both be right.

    What it checks: pairs of resolved dates (a day, a weekday resolved against the publication
    date, a month, a year) of different articles proposed as possibly one fact; their day intervals
    must overlap. How a date was resolved (stated, relative to publication, uncertain) is a feature
    of the decision, so a weekday read against an uncertain publication date weighs less.

    Why: a wrong day for an event is a factual error readers and other outlets copy.

    Known problems: a weekday with no publication date to resolve it is not compared.

    Example: "am Freitagabend" (resolved to 2024-05-17) vs "am Samstagabend" for one crash.
    """

    code = "FD301"
    name = "date-conflict"
    kind = "date"
    slot_kind = "date"
    default_severity = Severity.error
    title = "One event dated differently"
