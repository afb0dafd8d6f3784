"""Date rules: one event given dates that cannot both be right."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from itertools import product
from typing import Callable, Iterator, Optional

from checker.extract.concepts import concept_of
from checker.extract.dates import DEADLINE, SINCE, STATED, UNCERTAIN, stated_month_day
from checker.models import Claim, DateValue, Finding, Granularity, Mention, Modality, Severity
from rules.base import Rule, RuleContext
from rules.scope import (
    date_bounds,
    dated_happenings,
    event_classes,
    event_things,
    has_forecast_cue,
    identified_by,
    participants,
    planned_classes,
    resolved_dates,
    same_concepts,
    same_participant,
    same_wording,
    shared_participants,
)


def certainty(value: DateValue) -> str:
    """"stated": a day and month written out (the year may come from context); "relative": a weekday or
    "yesterday" resolved against a publication date known to the day; "inferred": anything else.

    The anchor's first clause says how the date itself was resolved; a deadline's start comes after it."""
    how = _how(value)
    if value.resolved and (not how or how.startswith(("year ", DEADLINE))):
        return "stated"
    if value.resolved and "(publication date)" in how and UNCERTAIN not in (value.anchor or ""):
        return "relative"
    return "inferred"


# Weekdays resolved even against an exact publication date mostly date different statements: as
# warnings they gave 2 false alarms and no hit on the dev set (an announcement "on Tuesday" vs a
# regulator's block "on Wednesday" 15 months later; "by Tuesday" it had burned vs "as of Thursday" it
# was contained). The one weekday conflict there (Sunday vs Monday for a fire's outbreak) is not
# aligned and shares no participant or words: the once-only happenings below find it.
SEVERITY_BY_CERTAINTY = {"stated": Severity.error, "relative": Severity.info, "inferred": Severity.info}
# For a once-only happening (an outbreak, a conviction, a deadline of one programme of cuts) with the
# date in the clause of the happening's own word, a reliably resolved weekday is worth an editor's
# look: it names the day the other article contradicts. Still not an error: the reader's week may
# differ from the writer's (an article updated days after it was written).
HAPPENING_SEVERITY = {"stated": Severity.error, "relative": Severity.warning}


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
    dritten Quartal erwartet" vs "der Kauf soll Anfang 2026 abgeschlossen werden"). Once-only
    happenings (an outbreak, a conviction, a sentencing, an arrest, a deadline of job cuts, a reading)
    are compared without alignment when their own word stands in the date's clause and what identifies
    them meets (a named person, what broke out, the same figure); two deadlines compare the
    periods written ("bis Ende 2027" vs "bis Ende 2028"). Dates written out give an error, a date not
    yet reached (a forecast) a warning; a weekday or "yesterday" resolved against the publication date
    a warning for a once-only happening and otherwise only an info, since such words more often date
    different statements; a weekday whose week is in doubt ("last Friday", a clause that looks ahead)
    never more than an info.

    Why: a wrong date moves an event to another day, or makes a sequence of events impossible.

    Example: "am 12. Oktober" vs "am 13. Oktober" for the same announcement: error; the completion of
    a deal expected "im Sommer 2025" vs "Mitte 2026": warning; "the fire broke out on Sunday evening"
    vs "the fire ignited on Monday afternoon" in articles of the same Tuesday: warning.
    """

    code = "FD301"
    name = "date-conflict"
    kind = "date"
    default_severity = Severity.error

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        compared: set[frozenset[str]] = set()
        for finding, pair in self._happening_conflicts(ctx):
            compared.add(pair)
            yield finding
        min_similarity = ctx.threshold("date_similarity", 0.86)
        for a, b, similarity, aligned in ctx.candidate_pairs(same_kind_of_event, min_similarity):
            if similarity < min_similarity or Modality.denied in (a.modality, b.modality):
                continue
            if frozenset((a.id, b.id)) in compared:
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
            confidence = 0.4 + min(0.5, max(0.0, similarity - 0.8) * 3)
            yield self._finding(ctx, a, b, da, db, weakest, severity, forecast, confidence, describe_dates=lambda m: describe(m.value))

    def _happening_conflicts(self, ctx: RuleContext) -> Iterator[tuple[Finding, frozenset[str]]]:
        """Claims of related articles dating one once-only happening ("ignited on Monday" vs "broke out on
        Sunday evening"): no alignment needed, the happening's word and what identifies it decide.

        A claim giving a happening several dates ("convicted on 6 November and sentenced on 12 December"
        in one clause) agrees with any of them."""
        dated: dict[str, dict[str, dict[str, tuple[Claim, list[Mention]]]]] = {}  # doc -> happening -> claim id -> dates
        for claim in ctx.claims.values():
            if claim.modality != Modality.denied:
                for happening, date in dated_happenings(claim):
                    dated.setdefault(claim.doc, {}).setdefault(happening, {}).setdefault(claim.id, (claim, []))[1].append(date)
        for doc_a, doc_b in sorted(sorted(pair) for pair in ctx.paired_docs()):
            in_a, in_b = dated.get(doc_a, {}), dated.get(doc_b, {})
            for happening in sorted(in_a.keys() & in_b.keys()):
                for (a, dates_a), (b, dates_b) in product(in_a[happening].values(), in_b[happening].values()):
                    if not one_happening(a, b, happening) or not all(disagree(x, y) for x in dates_a for y in dates_b):
                        continue
                    da, db = dates_a[0], dates_b[0]
                    weakest = max((side_certainty(da), side_certainty(db)), key=list(SEVERITY_BY_CERTAINTY).index)
                    if weakest not in HAPPENING_SEVERITY:
                        continue
                    severity = HAPPENING_SEVERITY[weakest]
                    forecast = is_forecast(ctx, a) or is_forecast(ctx, b)
                    if forecast and severity == Severity.error:
                        severity = Severity.warning
                    yield self._finding(ctx, a, b, da, db, weakest, severity, forecast, 0.7, happening), frozenset((a.id, b.id))

    def _finding(
        self, ctx: RuleContext, a: Claim, b: Claim, da: Mention, db: Mention, weakest: str, severity: Severity,
        forecast: bool, confidence: float, happening: Optional[str] = None,
        describe_dates: Optional[Callable[[Mention], str]] = None,
    ) -> Finding:
        describe_dates = describe_dates or describe_mention
        kind = f" ({happening.replace('_', ' ')})" if happening else ""
        return self.finding(
            ctx,
            severity=severity,
            message=f"One event{kind}, different dates: {da.text} ({a.doc}) vs {db.text} ({b.doc})",
            explanation=(
                f"{describe_dates(da)} vs {describe_dates(db)}: no overlap at the precision stated"
                + ("" if weakest == "stated" else "; one date was resolved from a relative expression, so check it before correcting")
                + ("; a date is expected, not past, and the expectation may have changed" if forecast else "")
                + "."
            ),
            confidence=confidence,
            evidence=[(da, 0, describe_dates(da)), (db, 1, describe_dates(db))],
            identity=[f"{a.doc}={describe_dates(da)}", f"{b.doc}={describe_dates(db)}"],
        )


def _any_overlap(dates_a: list[Mention], dates_b: list[Mention]) -> bool:
    return any(not _apart(x.value, y.value) for x in dates_a for y in dates_b)


def _stated_period(value: DateValue) -> Optional[tuple[dt.date, dt.date]]:
    """A deadline's period as written ("bis Ende 2027": September to December 2027), before it was opened."""
    found = re.search(rf"{STATED} (\d{{4}}-\d\d-\d\d)\.\.(\d{{4}}-\d\d-\d\d)", value.anchor or "")
    return (dt.date.fromisoformat(found[1]), dt.date.fromisoformat(found[2])) if found else None


def _apart(x: DateValue, y: DateValue) -> bool:
    """No day in common. Two deadlines of one thing ("bis Ende 2027" vs "bis Ende 2028") are apart when
    the periods written are, though both run from the publication."""
    bx, by = _stated_period(x), _stated_period(y)
    if not (bx and by):
        bx, by = date_bounds(x), date_bounds(y)
    return bool(bx and by) and (bx[1] < by[0] or by[1] < bx[0])


def _how(value: DateValue) -> str:
    """How the date itself was resolved: the anchor's first clause, unless it only says that a start was opened."""
    first = (value.anchor or "").split("; ")[0]
    return "" if first.startswith(SINCE) else first


def reliable_year(value: DateValue) -> bool:
    """A year that was written, or taken from a publication date; not one guessed from a weekday or a nearby date."""
    how = _how(value)
    return value.resolved and (not how or how.startswith(DEADLINE) or "publication date" in how)


def disagree(x: Mention, y: Mention) -> bool:
    """Two dates of one happening that cannot both hold, at the precision each states.

    A day whose year is guessed or unknown (an undated article's "on 6 November", a weekday consistent
    with some year) is compared by month and day: one conviction cannot be on 6 and on 13 November.
    A deadline ahead and a date that is not one ("bis Ende 2027" vs "seit 2023 abgebaut") tell a plan
    and what was done, not two dates of one happening."""
    if (_stated_period(x.value) is None) != (_stated_period(y.value) is None):
        return False
    if reliable_year(x.value) and reliable_year(y.value):
        return _apart(x.value, y.value)
    mx, my = _month_day(x), _month_day(y)
    bx = date_bounds(x.value) if reliable_year(x.value) else None
    by = date_bounds(y.value) if reliable_year(y.value) else None
    if mx and my:
        return mx != my
    if mx and by:
        return not _has_month_day(by, mx)
    if my and bx:
        return not _has_month_day(bx, my)
    return False


def _month_day(mention: Mention) -> Optional[tuple[int, int]]:
    """The month and day of a one-day date, resolved or only written."""
    value = mention.value
    if value.resolved and value.start and value.start == value.end and value.granularity in (Granularity.day, Granularity.time):
        return value.start.month, value.start.day
    return stated_month_day(mention.text)


def _has_month_day(bounds: tuple[dt.date, dt.date], month_day: tuple[int, int]) -> bool:
    start, end = bounds
    if (end - start).days >= 366:
        return True
    return any((day.month, day.day) == month_day for day in (start + dt.timedelta(days=n) for n in range((end - start).days + 1)))


def side_certainty(mention: Mention) -> str:
    """certainty(), except that a day and month written out are stated even when the year is guessed or unknown."""
    return "stated" if stated_month_day(mention.text) else certainty(mention.value)


def describe_mention(mention: Mention) -> str:
    """describe(), a deadline's period as written, or the month and day written when the year is guessed or unknown."""
    stated = _stated_period(mention.value)
    if stated:
        return f"by {stated[0].isoformat()} – {stated[1].isoformat()} (deadline)"
    if reliable_year(mention.value):
        return describe(mention.value)
    month, day = _month_day(mention) or (0, 0)
    return f"{day} {calendar.month_name[month]}, year not stated" if month else describe(mention.value)


def one_happening(a: Claim, b: Claim, happening: str) -> bool:
    """Two claims of one once-only happening: identified as events.yaml says for its kind."""
    ways = identified_by(happening)
    return (
        "person" in ways and any(same_participant(x, y) for x in _people(a) for y in _people(b))
        or "thing" in ways and bool(event_things(a) & event_things(b)) and not _placed_apart(a, b)
        or "figure" in ways and _same_figure(a, b)
        or "figure_at_place" in ways and _same_figure(a, b) and bool(_places(a) & _places(b))
    )


def _people(claim: Claim) -> set[str]:
    """Named people, less the one who says it: a spokesman is no party to a conviction."""
    speaker = claim.speaker_span or (0, 0)
    return {m.value.key for m in claim.of_kind("person") if not (m.start < speaker[1] and speaker[0] < m.end)}


def _places(claim: Claim) -> set[str]:
    return {m.value.key for m in claim.of_kind("place")}


def _placed_apart(a: Claim, b: Claim) -> bool:
    """Both name places and none in common: "a second fire broke out in Düsseldorf" is another fire."""
    return bool(_places(a) and _places(b)) and not _places(a) & _places(b)


def _same_figure(a: Claim, b: Claim) -> bool:
    """One stated figure in both, same dimension and value, of things that are not named differently."""
    for x in a.of_kind("quantity"):
        for y in b.of_kind("quantity"):
            vx, vy = x.value, y.value
            if vx.vague or vy.vague or vx.dimension != vy.dimension or vx.base_interval is None or vx.base_interval != vy.base_interval:
                continue
            cx, cy = concept_of(vx.counted), concept_of(vy.counted)
            if not (cx and cy and cx != cy):
                return True
    return False


RULES = [DateConflict]
