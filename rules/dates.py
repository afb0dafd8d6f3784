"""Date rules: one event given dates that cannot both be right."""

from __future__ import annotations

from typing import Iterator

from checker.extract.dates import DEADLINE
from checker.models import Claim, DateValue, Finding, Mention, Modality, Severity
from rules.base import Rule, RuleContext
from rules.scope import (
    date_bounds,
    event_classes,
    has_forecast_cue,
    participants,
    planned_classes,
    resolved_dates,
    same_concepts,
    same_wording,
    shared_participants,
)


def certainty(value: DateValue) -> str:
    """"stated": a day and month written out (the year may come from context); "relative": a weekday or
    "yesterday" resolved against a publication date known to the day; "inferred": anything else.

    The anchor's first clause says how the date itself was resolved; a deadline's start comes after it."""
    how = (value.anchor or "").split("; ")[0]
    if value.resolved and (not how or how.startswith(("year ", DEADLINE))):
        return "stated"
    if value.resolved and "(publication date)" in how:
        return "relative"
    return "inferred"


# Weekdays resolved even against an exact publication date mostly date different statements: as
# warnings they gave 2 false alarms and no hit on the dev set (an announcement "on Tuesday" vs a
# regulator's block "on Wednesday" 15 months later; "by Tuesday" it had burned vs "as of Thursday" it
# was contained). The one weekday conflict there (Sunday vs Monday for a fire's outbreak) is never
# compared at all: its sentences are not aligned and share no participant or words.
SEVERITY_BY_CERTAINTY = {"stated": Severity.error, "relative": Severity.info, "inferred": Severity.info}


def describe(value: DateValue) -> str:
    start, end = date_bounds(value)
    span = start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"
    return f"{span} ({value.granularity.value})"


def same_kind_of_event(a: Claim, b: Claim) -> bool:
    return bool(event_classes(a) & event_classes(b))


def is_forecast(ctx: RuleContext, claim: Claim) -> bool:
    """A claim about what is expected: a date after its article's publication or, with the publication
    date unknown, a forecast cue ("erwartet", "soll", "expected")."""
    published = date_bounds(ctx.articles[claim.doc].published)
    if published:
        return any(end > published[1] for _, end in resolved_dates(claim))
    return has_forecast_cue(claim)


def same_planned_milestone(ctx: RuleContext, a: Claim, b: Claim) -> bool:
    """Two forecasts of one milestone ("Abschluss der Übernahme" vs "der Kauf ... abgeschlossen"): the
    milestone and what it is of must meet as concepts, since forecasts word them differently; named
    participants, where both name some, must meet too (two takeovers of one story)."""
    if participants(a) and participants(b) and not shared_participants(a, b):
        return False
    return (
        bool(planned_classes(a) & planned_classes(b))
        and is_forecast(ctx, a)
        and is_forecast(ctx, b)
        and same_concepts(a, b)
    )


class DateConflict(Rule):
    """Articles give one event dates that cannot both be right, at the precision each states.

    Compares the resolved dates of claims that report the same kind of event with a shared
    participant (or a mutual best match) and nearly the same wording. "14. September" lies inside
    "im September"; a deadline ahead of the publication ("bis Ende September") covers every day up
    to its end. Two forecasts of one planned milestone (a completion, an opening) are compared when
    the milestone and what it is of meet, however worded ("Der Abschluss der Übernahme wird im
    dritten Quartal erwartet" vs "der Kauf soll Anfang 2026 abgeschlossen werden"). Dates written out
    give an error, a date not yet reached (a forecast) a warning; a weekday or "yesterday" resolved
    against the publication date only an info, since such words more often date different statements.

    Why: a wrong date moves an event to another day, or makes a sequence of events impossible.

    Example: "am 12. Oktober" vs "am 13. Oktober" for the same announcement: error; the completion of
    a deal expected "im Sommer 2025" vs "Mitte 2026": warning.
    """

    code = "FD301"
    name = "date-conflict"
    kind = "date"
    default_severity = Severity.error

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        min_similarity = ctx.threshold("date_similarity", 0.86)
        for a, b, similarity, aligned in ctx.candidate_pairs(same_kind_of_event, min_similarity):
            if similarity < min_similarity or Modality.denied in (a.modality, b.modality):
                continue
            if not (aligned and aligned.mutual) and shared_participants(a, b) < 1:
                continue  # only a mutual best match shows one event without a named participant in common
            if ctx.language(a) == ctx.language(b) and not (same_wording(a, b) or same_planned_milestone(ctx, a, b)):
                continue  # one topic, other facts: e5 scores such sentences 0.85 and more
            dates_a = [m for m in a.of_kind("date") if date_bounds(m.value)]
            dates_b = [m for m in b.of_kind("date") if date_bounds(m.value)]
            if not dates_a or not dates_b or _any_overlap(dates_a, dates_b):
                continue
            da, db = dates_a[0], dates_b[0]
            weakest = max((certainty(da.value), certainty(db.value)), key=list(SEVERITY_BY_CERTAINTY).index)
            severity = SEVERITY_BY_CERTAINTY[weakest]
            forecast = is_forecast(ctx, a) or is_forecast(ctx, b)
            if forecast and severity == Severity.error:
                severity = Severity.warning  # an expected date may have been revised between the articles
            yield self.finding(
                ctx,
                severity=severity,
                message=f"One event, different dates: {da.text} ({a.doc}) vs {db.text} ({b.doc})",
                explanation=(
                    f"{describe(da.value)} vs {describe(db.value)}: no overlap at the precision stated"
                    + ("" if weakest == "stated" else "; one date was resolved from a relative expression, so check it before correcting")
                    + ("; a date is expected, not past, and the expectation may have changed" if forecast else "")
                    + "."
                ),
                confidence=0.4 + min(0.5, max(0.0, similarity - 0.8) * 3),
                evidence=[(da, 0, describe(da.value)), (db, 1, describe(db.value))],
                identity=[f"{a.doc}={describe(da.value)}", f"{b.doc}={describe(db.value)}"],
            )


def _any_overlap(dates_a: list[Mention], dates_b: list[Mention]) -> bool:
    for x in dates_a:
        for y in dates_b:
            (xs, xe), (ys, ye) = date_bounds(x.value), date_bounds(y.value)
            if xs <= ye and ys <= xe:
                return True
    return False


RULES = [DateConflict]
