"""FD408 speaker-conflict: one statement attributed to different people."""

from __future__ import annotations

from checker.models import Severity
from rules.base import SlotRule


class SpeakerConflict(SlotRule):
    """One statement attributed to different people across articles.

    What it checks: pairs of claims of different articles that stand close (aligned, or among each other's
    nearest sentences) and are attributed to people named in full ("sagte Landrat Anton Weber", "said
    Maria Lund, the union's president"). Two names of one person (a spelling, a surname alone) agree.
    Whether the two claims are one statement (the same quotation, the same occasion) is the decision
    model's probability, from how alike the two statements are.

    Why: a quotation put in the wrong mouth misinforms about who holds which view, and it is copied
    between outlets.

    Known problems: a speaker named only by role ("ein Polizeisprecher") is never compared; two people
    saying much the same (two officials at one press conference) look like one statement misattributed.

    Example: "„Wir bauen hier weiter“, sagte Bürgermeisterin Eva Roth" vs the same quotation with
    "sagte Kämmerer Ole Krummholz".
    """

    code = "FD408"
    name = "speaker-conflict"
    kind = "person"
    slot_kind = "speaker"
    default_severity = Severity.warning
    preview = True
    title = "One statement attributed to different people"

    def message(self, sides: list[list[str]], subject: str) -> str:
        return f"{self.title}: " + " vs ".join(" / ".join(dict.fromkeys(side)) for side in sides)
