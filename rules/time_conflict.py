"""FD302 time-of-day-conflict: one event at times of day that cannot both be right."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class TimeOfDayConflict(SlotRule):
    """One event at times of day that cannot both be right.

    What it checks: pairs of times of day of different articles proposed as possibly one fact, as
    windows of minutes ("gegen 7.50 Uhr", "am Abend") on one clock: the same named clock, one
    language's unnamed clock, or UTC through the zones named ("MEZ", "GMT", "Ortszeit" of the place).

    Why: times are copied from agency reports and converted between zones; a slip is common.

    Known problems: a time of day with a day another article does not give is compared as if on
    the same day.

    Example: "um 3.27 Uhr Ortszeit" in Turkey vs "gegen 4 Uhr deutscher Zeit" (01:27 German time).
    """

    code = "FD302"
    name = "time-of-day-conflict"
    kind = "date"
    slot_kind = "time"
    default_severity = Severity.warning
    title = "One event at different times of day"
