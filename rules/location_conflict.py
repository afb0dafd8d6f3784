"""FD201 location-conflict: one event placed at places that cannot both be right."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class LocationConflict(SlotRule):
    """One event placed at places that cannot both be right.

    What it checks: pairs of places of different articles' claims proposed as possibly one fact.
    Containment ("in Russland" vs a city in Russia) and proximity are compatible; only places the
    gazetteer shows apart disagree. Each place carries its role in its claim (venue, destination,
    residence, origin, comparison), which the decision model weighs with the rest.

    Why: where something happened is the second question a reader asks; a wrong venue misinforms.

    Known problems: a place the gazetteer cannot locate is never compared; where an event was felt
    or reported from is told from where it happened only by the words around it.

    Example: "im Weltraumbahnhof Wostotschny" vs "in Moskau" for one meeting.
    """

    code = "FD201"
    name = "location-conflict"
    kind = "location"
    slot_kind = "place"
    default_severity = Severity.error
    title = "One event placed at different places"
