"""FD406 age-conflict: one person given ages that differ by more than a birthday."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class AgeConflict(SlotRule):
    """One person is given ages across articles that differ by more than a birthday.

    What it checks: pairs of ages of different articles ("der 52-jährige Paketbote", "Teodor Q. (46)",
    "a 39-year-old welder", "aged 27"; patterns in checker/data/ages.yaml) that the candidates stage
    proposed. Ages one year apart agree: a birthday may fall between two reports, and outlets count
    ages at different dates. Whether two ages are one person's (the same name or noun around them,
    the same event, the same sentence told twice) is the decision model's probability; named and
    unnamed people alike, since a victim or a suspect is often unnamed.

    Why: a wrong age is a factual error readers notice, and it often shows that two outlets confused
    two people.

    Known problems: whose age it is comes only from the words around the figure; two unnamed people
    of one description ("ein Paketbote", "a courier") in one story look like one person.

    Example: "der 34-jährige Oliver Hartigan" vs "Oliver Hartigan, 36,": warning.
    """

    code = "FD406"
    name = "age-conflict"
    kind = "person"
    slot_kind = "age"
    default_severity = Severity.warning
    title = "One person, different ages"
