"""FD407 role-holder-conflict: one role given to different people."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class RoleHolderConflict(SlotRule):
    """One role of the story given to different people across articles.

    What it checks: pairs of role mentions with a named holder ("Einsatzleiter Reto Gisler", "the ship's
    captain, Lea Brandt") whose roles have one head word (German feminine forms folded: "Werkleiterin" is
    "Werkleiter"), with holders that are two people, not one name written two ways. Whether the two roles
    are one post (the same organisation, the same time) is the decision model's probability.

    Why: a quote or a decision put in the wrong person's mouth is a serious error, and names are copied
    between outlets.

    Known problems: two spokespeople of different bodies share a head word and are told apart only by the
    role's other words; a role extracted without its organisation looks like a general one.

    Example: "Einsatzleiter Reto Gisler" vs "Einsatzleiter Beat Zgraggen" for one fire brigade's operation.
    """

    code = "FD407"
    name = "role-holder-conflict"
    kind = "person"
    slot_kind = "holder"
    default_severity = Severity.warning
    title = "One role given to different people"
