"""FD601 state-conflict: one yes/no fact told both ways (arrested or not, open or shut, held or called off)."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class StateConflict(SlotRule):
    """One yes/no fact, or one of a closed set of values, told in ways that cannot both be right.

    What it checks: pairs of states of different articles' claims proposed as possibly one fact
    (checker/data/states.yaml: injured, arrested, open or shut, held or called off, unanimous, binding,
    damaged or intact, how someone voted, ...). A negation in the clause turns yes into no ("Verletzt
    wurde niemand"); a value denied ("did not abstain") excludes only itself. A word negated outside the
    lexicon ("Eine Notbetreuung gibt es nicht") is a fact of its own with the value no, set against the
    same word stated without negation in another article. Whose state it is (which person, which site)
    the decision model weighs from the words around it.

    Why: outcomes and yes/no facts are where outlets most often contradict one another without a
    figure, a date or a place to compare: the suspect arrested or still at large, the school shut or open.

    Known problems: the states are a list of words; a yes/no fact said in other words ("the ward kept
    running") is read only where one side negates the other's word. Two people's states (the driver unhurt, a passenger hurt) are told apart only
    by the words around them, so at most a warning.

    Example: "Der Fahrer wurde vorläufig festgenommen" vs "Festgenommen wurde niemand".
    """

    code = "FD601"
    name = "state-conflict"
    kind = "other"
    slot_kind = "state"
    default_severity = Severity.warning
    preview = True
    title = "One yes/no fact told both ways"
