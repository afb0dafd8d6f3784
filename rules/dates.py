"""Date rules: one event given dates that cannot both be right."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from itertools import product
from typing import Callable, Iterator, Optional

from checker import clock
from checker.extract.concepts import concept_of
from checker.extract.dates import DEADLINE, SINCE, STATED, UNCERTAIN, stated_month_day
from checker.models import AlignedPair, Claim, DateValue, Finding, Granularity, Mention, Modality, Severity
from rules.base import Rule, RuleContext
from rules.names import one_name
from rules.scope import (
    clause_stems,
    continuing,
    date_bounds,
    dated_happenings,
    event_classes,
    event_phases,
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
    happenings (an outbreak, a conviction, a sentencing, an arrest, a runoff of named candidates, a
    trial's opening, a deadline of job cuts, a reading) are compared without alignment when their own word stands in the
    date's clause and what identifies them meets (a named person, what broke out, the same figure); two
    deadlines compare the periods written ("bis Ende 2027" vs "bis Ende 2028"). Of several dates in a
    claim, the one whose clause shares the most words with the other claim's is cited ("the first parts
    in mid-May, and free repairs begin on June 2" vs "free repairs on June 30": June 2). Dates written out give an error, a date not
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
            if not one_event(ctx, a, b, similarity, aligned, min_similarity):
                continue
            if frozenset((a.id, b.id)) in compared:
                continue
            dates_a = [m for m in a.of_kind("date") if date_bounds(m.value)]
            dates_b = [m for m in b.of_kind("date") if date_bounds(m.value)]
            if not dates_a or not dates_b or _any_overlap(dates_a, dates_b):
                continue
            da, db = closest_dates(a, dates_a, b, dates_b)
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


def closest_dates(a: Claim, dates_a: list[Mention], b: Claim, dates_b: list[Mention]) -> tuple[Mention, Mention]:
    """The two dates whose clauses share the most words: of "the first parts in mid-March, and free
    repairs begin on March 23" only the second dates what "free repairs on April 20" does."""
    return max(product(dates_a, dates_b), key=lambda pair: len(clause_stems(a, pair[0]) & clause_stems(b, pair[1])))


def one_event(
    ctx: RuleContext,
    a: Claim,
    b: Claim,
    similarity: float,
    aligned: Optional[AlignedPair],
    min_similarity: float,
    close_enough: float = 1.0,
) -> bool:
    """Two claims of the same kind of event (see candidate_pairs) that report one event and when it was.

    Within one language the words must meet too, unless the claims are each other's best match at
    `close_enough` similarity or more ("brach das Bauwerk zusammen" vs "war die Brücke
    zusammengebrochen" share no three words)."""
    if similarity < min_similarity or Modality.denied in (a.modality, b.modality):
        return False
    mutual = bool(aligned and aligned.mutual)
    if not mutual and shared_participants(a, b) < 1:
        return False  # only a mutual best match shows one event without a named participant in common
    if ctx.language(a) == ctx.language(b) and not (same_wording(a, b) or same_planned_milestone(ctx, a, b)):
        return mutual and similarity >= close_enough  # one topic, other facts: e5 scores such sentences 0.85 and more
    return True


class TimeOfDayConflict(Rule):
    """Articles give one event times of day that cannot both be right, after converting time zones.

    Compares the claims FD301 would compare (the same kind of event, a shared participant or a
    mutual best match, nearly the same wording) when each states exactly one time of day, both name
    the same moments of the event (`phases` in events.yaml: the alarm, the start, the arrival of
    rescuers, the fire under control, ...), and neither looks ahead nor describes a state that lasted
    ("brannte noch immer"). A time is a window, not a point: a minute stated may be rounded (±5
    minutes), a full hour (±30), "gegen", "etwa", "around" widen it to ±15 minutes, "kurz nach 21 Uhr"
    and "shortly after 9pm" reach half an hour past, "bis"/"by" and "seit"/"since" are bounds, and a
    part of the day ("am frühen Morgen", "Dienstagabend") agrees with every time inside it. A zone
    named after the time ("21:36 GMT", "23.36 Uhr deutscher Zeit", "MEZ", "ET", "Ortszeit" of a place
    that keeps one clock) is converted to UTC with the offsets in force on the day; an abbreviation
    may also mean its region's clock, so a conflict must hold under both readings. Two times without a zone are compared only within one language; a time
    without a zone is set against a zoned one only when the article's language has a home clock and
    every place named keeps it. A publication stamp ("Stand: 10.15 Uhr") is no event time; times on
    different stated days are FD301's business, and a day stated but not resolved may be another.
    Only claims that are each other's closest comparable claim are reported, and not when either
    time agrees with another claim of the other article (two crashes of one morning, both told). A
    claim without a clock time takes the next sentence's when that sentence only says when a moment
    was, with no one and nowhere named ("... ins All gebracht. Der Start erfolgte um 22.10 Uhr
    deutscher Zeit."); its moment is the one that sentence names. As for dates (FD301), a once-only
    happening (a fire's outbreak, told also by its first smoke) is compared without alignment when its
    clause gives it one time of day ("Der Brand brach um 14.35 Uhr aus" vs "Gegen 11.30 Uhr stieg
    dichter Rauch auf"). A clock told as speech ("kurz nach halb drei", "drei viertel acht", "half
    past two") may be before or after noon. A start of one thing (a fire) told after another article's
    alarm or report of it on the same stated day, on one clock, is a conflict too ("the fire, which
    started at about 4am on Wednesday" vs "was reported at 2.17am on Wednesday").

    Why: a wrong time of day misplaces an event in its sequence (the collapse before or after the
    alarm), and a time zone mistake moves it by whole hours.

    Severity: warning. Which moment of an event a time names (the first emergency call, the collapse,
    the arrival of the fire brigade) varies between sources more than its day does, and a clock can
    be implied rather than named; an editor has to judge before correcting.

    Example: "um 8.40 Uhr" vs "um 7.48 Uhr" for one bridge collapse: warning; "21:36 GMT" vs "22.36 Uhr
    MEZ" (the same instant), "um 7.48 Uhr" vs "gegen 7.50 Uhr", and a fire's outbreak "gegen 3.10 Uhr"
    vs "um 6.40 Uhr unter Kontrolle": nothing.
    """

    code = "FD302"
    name = "time-of-day-conflict"
    kind = "date"
    default_severity = Severity.warning

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        min_similarity = ctx.threshold("date_similarity", 0.86)
        close = ctx.threshold("time_similarity", 0.9)
        compared: list[tuple[Claim, Claim, float, TimeComparison]] = []
        moments: dict[str, Optional[TimedMoment]] = {}

        def moment(claim: Claim) -> Optional[TimedMoment]:
            if claim.id not in moments:
                moments[claim.id] = timed_moment(ctx, claim)
            return moments[claim.id]

        def related(a: Claim, b: Claim) -> bool:
            """The same kind of event, or the same moment ("lifted off": no event class) where the words
            are also compared (one language) or a short sentence lent the time (its claim before it
            may name no event word: "hatte ihn ins All gebracht")."""
            ma, mb = moment(a), moment(b)
            if not (ma and mb):
                return False
            lent = ma.told_in is not a or mb.told_in is not b
            checked = lent or ctx.language(a) == ctx.language(b)
            return same_kind_of_event(a, b) or checked and bool(ma.phases & mb.phases)

        for a, b, similarity, aligned in ctx.candidate_pairs(related, min_similarity):
            ma, mb = moment(a), moment(b)
            if not one_event(ctx, a, b, similarity, aligned, min_similarity, close) or ma.phases != mb.phases:
                continue  # one fire's outbreak and its control are one event, not one moment
            if any(_ahead(ctx, c) or continuing(c) for c in (a, b, ma.told_in, mb.told_in)):
                continue  # a plan, or a state that lasted
            if comparison := compare_times(ctx, ma.told_in, mb.told_in, ma.time, mb.time):
                compared.append((a, b, similarity, comparison))
        seen = {frozenset((a.id, b.id)) for a, b, _, _ in compared}
        for a, b, ta, tb in _timed_happenings(ctx):
            if frozenset((a.id, b.id)) not in seen and (comparison := compare_times(ctx, a, b, ta, tb)):
                compared.append((a, b, ctx.similarity(a, b), comparison))
        yield from self._started_after_alarm(ctx)
        for a, b, similarity, c in _unexplained_conflicts(compared):
            yield self.finding(
                ctx,
                severity=Severity.warning,
                message=f"One event, different times of day: {c.a.text} ({a.doc}) vs {c.b.text} ({b.doc})",
                explanation=f"{c.said_a} vs {c.said_b}: the windows do not meet, allowing for rounding and stated approximations.",
                confidence=0.4 + min(0.5, max(0.0, similarity - 0.8) * 3),
                evidence=[(c.a, 0, c.said_a), (c.b, 1, c.said_b)],
                identity=[f"{a.doc}={c.a.value.time or c.a.value.time_span}", f"{b.doc}={c.b.value.time or c.b.value.time_span}"],
            )

    def _started_after_alarm(self, ctx: RuleContext) -> Iterator[Finding]:
        """A happening said to start after another article's alarm or report of it, on one stated day
        ("the fire, which started at about 4am on Wednesday" vs "was reported at 2.17am on Wednesday")."""
        for a, ta, b, tb in _ordered_moments(ctx):
            windows = _comparable_windows(ctx, a, ta, b, tb)
            if windows is None or windows[2]:
                continue  # clocks converted to UTC may cross midnight: not ordered here
            wa, wb, _ = windows
            if all(start[0] > alarm[1] for start in wa for alarm in wb):
                said_a, said_b = describe_time(ta, wa, False), describe_time(tb, wb, False)
                yield self.finding(
                    ctx,
                    severity=Severity.warning,
                    message=f"Starts after it was reported: {ta.text} ({a.doc}) vs {tb.text} ({b.doc})",
                    explanation=f"The start, {said_a}, lies after the alarm or report, {said_b}, of the same day.",
                    confidence=0.6,
                    evidence=[(ta, 0, said_a), (tb, 1, said_b)],
                    identity=[f"{a.doc}=start {ta.value.time or ta.value.time_span}", f"{b.doc}=alarm {tb.value.time or tb.value.time_span}"],
                )


def _timed_happenings(ctx: RuleContext) -> Iterator[tuple[Claim, Claim, Mention, Mention]]:
    """Claims of related articles giving one once-only happening ("Das Feuer war kurz nach halb drei
    ausgebrochen" vs "Der Brand brach um 14.35 Uhr aus") a time of day in the happening's own clause:
    no alignment needed, as for its date (FD301). Not a plan, not a state that lasted."""
    timed: dict[str, dict[str, list[tuple[Claim, Mention]]]] = {}  # doc -> happening -> (claim, its one time)
    for claim in ctx.claims.values():
        if claim.modality == Modality.denied or _ahead(ctx, claim) or continuing(claim):
            continue
        by_happening: dict[str, list[Mention]] = {}
        for happening, mention in dated_happenings(claim):
            if not mention.value.stamp and (mention.value.time or mention.value.time_span):
                by_happening.setdefault(happening, []).append(mention)
        for happening, times in by_happening.items():
            if len(times) == 1:  # two times in one clause: which one is the happening's cannot be told
                timed.setdefault(claim.doc, {}).setdefault(happening, []).append((claim, times[0]))
    for doc_a, doc_b in sorted(sorted(pair) for pair in ctx.paired_docs()):
        in_a, in_b = timed.get(doc_a, {}), timed.get(doc_b, {})
        for happening in sorted(in_a.keys() & in_b.keys()):
            for (a, ta), (b, tb) in product(in_a[happening], in_b[happening]):
                if one_happening(a, b, happening):
                    yield a, b, ta, tb



# Moments that come after a happening has started: no fire is reported before it broke out.
AFTER_START = frozenset({"alarm", "report"})


def _ordered_moments(ctx: RuleContext) -> Iterator[tuple[Claim, Mention, Claim, Mention]]:
    """(start claim, its time, alarm or report claim, its time) of one thing (a fire) on one stated
    day, in related articles, each claim naming only that moment and one time of day."""
    starts, alarms = [], []
    for claim in ctx.claims.values():
        time = event_time_of_day(claim)
        if time is None or claim.modality == Modality.denied or _ahead(ctx, claim) or continuing(claim) or not event_things(claim):
            continue
        if _day(time.value) is None:
            continue  # a night runs past midnight: only times of one stated day are ordered
        phases = event_phases(claim)
        if phases == {"start"}:
            starts.append((claim, time))
        elif phases and phases <= AFTER_START:
            alarms.append((claim, time))
    paired = ctx.paired_docs()
    for (a, ta), (b, tb) in product(starts, alarms):
        if frozenset((a.doc, b.doc)) in paired and _day(ta.value) == _day(tb.value):
            if event_things(a) & event_things(b) and not _placed_apart(a, b):
                yield a, ta, b, tb


@dataclass(frozen=True)
class TimeComparison:
    a: Mention
    b: Mention
    said_a: str  # the time as stated and the window compared
    said_b: str
    conflict: bool


def _unexplained_conflicts(
    compared: list[tuple[Claim, Claim, float, TimeComparison]]
) -> Iterator[tuple[Claim, Claim, float, TimeComparison]]:
    """Conflicts between claims that are each other's closest comparable claim in the other article,
    where neither time agrees with another claim of that article.

    An article that tells two crashes of one morning ("um 7.48 Uhr stießen zwei Lastwagen zusammen",
    "um 9.15 Uhr kam es zu einem zweiten Unfall") gives each a partner in another article that tells
    both; the second crash's time set against the first is no conflict."""
    agreeing = {(x.id, y.doc) for a, b, _, c in compared if not c.conflict for x, y in ((a, b), (b, a))}
    closest: dict[tuple[str, str], tuple[float, str]] = {}
    for a, b, similarity, _ in compared:
        for x, y in ((a, b), (b, a)):
            key = (x.id, y.doc)
            closest[key] = max(closest.get(key, (similarity, y.id)), (similarity, y.id))
    for a, b, similarity, c in compared:
        explained = (a.id, b.doc) in agreeing or (b.id, a.doc) in agreeing
        mutual = closest[(a.id, b.doc)][1] == b.id and closest[(b.id, a.doc)][1] == a.id
        if c.conflict and mutual and not explained:
            yield a, b, similarity, c


@dataclass(frozen=True)
class TimedMoment:
    """The time of day a claim's event is given, the sentence that gives it, and which moments it names."""

    time: Mention
    told_in: Claim
    phases: frozenset[str]


def timed_moment(ctx: RuleContext, claim: Claim) -> Optional[TimedMoment]:
    """The claim's own time of day; without a clock time of its own, the next sentence's when that
    sentence only says when a moment of it was ("... in die Umlaufbahn gebracht. Der Start erfolgte
    um 23.36 Uhr deutscher Zeit.")."""
    own = event_time_of_day(claim)
    if own is None or not own.value.time:
        follow = _next_in_paragraph(ctx, claim)
        if follow is not None and says_only_when(follow):
            return TimedMoment(event_time_of_day(follow), follow, event_phases(follow))
    return TimedMoment(own, claim, event_phases(claim)) if own else None


MAX_WHEN_WORDS = 6  # words besides the time in a sentence that only says when ("Der Start erfolgte ... deutscher Zeit")


def says_only_when(claim: Claim) -> bool:
    """One clock time, a moment named ("Der Start", "The collapse"), no one and nowhere, hardly another word."""
    time = event_time_of_day(claim)
    if time is None or not time.value.time or not event_phases(claim):
        return False
    if any(m.kind in ("person", "org", "place") for m in claim.mentions):
        return False
    rest = claim.sentence.text.replace(time.text, " ")
    return len(re.findall(r"\w+", rest)) <= MAX_WHEN_WORDS


def _next_in_paragraph(ctx: RuleContext, claim: Claim) -> Optional[Claim]:
    following = ctx.shared(
        "next_claim",
        lambda: {a.id: b for doc in {c.doc for c in ctx.claims.values()} for a, b in zip(ctx.claims_of(doc), ctx.claims_of(doc)[1:])},
    )
    after = following.get(claim.id)
    return after if after is not None and after.sentence.paragraph == claim.sentence.paragraph else None


def compare_times(
    ctx: RuleContext, a: Claim, b: Claim, ta: Optional[Mention] = None, tb: Optional[Mention] = None
) -> Optional[TimeComparison]:
    """The two claims' times of day (theirs unless given), each described, and whether they cannot both
    be right; None when they cannot be compared (no single time each, other days, clocks unmatched)."""
    ta, tb = ta or event_time_of_day(a), tb or event_time_of_day(b)
    if ta is None or tb is None or not _same_day_possible(ta.value, tb.value):
        return None
    windows = _comparable_windows(ctx, a, ta, b, tb)
    if windows is None:
        return None
    wa, wb, on_utc = windows
    conflict = all(clock.disjoint(x, y) for x in wa for y in wb)
    return TimeComparison(ta, tb, describe_time(ta, wa, on_utc), describe_time(tb, wb, on_utc), conflict)


def _ahead(ctx: RuleContext, claim: Claim) -> bool:
    """A planned time (a launch "soll um 22.36 Uhr starten") may move; only times that passed are facts."""
    return is_forecast(ctx, claim) or has_forecast_cue(claim)


def event_time_of_day(claim: Claim) -> Optional[Mention]:
    """The one time of day the claim gives its event: a clock time if there is one, else a part of the day.

    Two clock times in one sentence date two moments ("crashed at 7.48, was cleared by 9.15"): which
    one another article's time is about cannot be told, so neither is compared."""
    times = [m for m in claim.of_kind("date") if not m.value.stamp]
    clocks = [m for m in times if m.value.time]
    spans = [m for m in times if m.value.time_span]
    chosen = clocks or spans
    return chosen[0] if len(chosen) == 1 else None


def _day(value: DateValue) -> Optional[dt.date]:
    return value.start if value.resolved and value.start and value.start == value.end else None


def _same_day_possible(a: DateValue, b: DateValue) -> bool:
    """Stated days agree, or neither time states one. A day stated but not resolved ("am Montag" with no
    publication date) may differ from the other's: "am Montag um 3 Uhr" and "am Dienstag um 5 Uhr"."""
    if any(v.start is None and v.granularity != Granularity.time for v in (a, b)):
        return False
    return not (_day(a) and _day(b) and _day(a) != _day(b))


def _comparable_windows(
    ctx: RuleContext, a: Claim, ta: Mention, b: Claim, tb: Mention
) -> Optional[tuple[list[tuple[int, int]], list[tuple[int, int]], bool]]:
    """Both times' windows on one clock: the same stated clock, or UTC (True); None when the clocks cannot be matched."""
    wa = clock.local_windows(ta.value, ta.text, ctx.language(a))
    wb = clock.local_windows(tb.value, tb.text, ctx.language(b))
    if not wa or not wb:
        return None
    za, zb = ta.value.time_zone, tb.value.time_zone
    if za == zb and (za is not None or ctx.language(a) == ctx.language(b)):
        return wa, wb, False  # one named clock (the one place's local time), or one language's unnamed clock
    oa, ob = _offsets(ctx, a, ta), _offsets(ctx, b, tb)
    if not oa or not ob:
        return None
    return [clock.to_utc(w, oa) for w in wa], [clock.to_utc(w, ob) for w in wb], True


def _offsets(ctx: RuleContext, claim: Claim, mention: Mention) -> Optional[set[int]]:
    published = ctx.articles[claim.doc].published
    days = clock.days_around(_day(mention.value), published.start if published and published.resolved else None)
    countries = _countries_named(ctx, claim)
    if mention.value.time_zone:
        return clock.offsets_of(mention.value.time_zone, days, countries)
    home = clock.home_clock(ctx.language(claim), countries)
    return clock.zone_offsets(home, days) if home else None


def _countries_named(ctx: RuleContext, claim: Claim) -> set[str]:
    """The countries of the places the sentence names, else of every place the article names.

    Not the dateline alone: a Berlin-datelined report of a shooting in Texas gives Texas time."""
    countries = {m.value.country for m in claim.of_kind("place") if m.value.country}
    if countries:
        return countries
    return {m.value.country for other in ctx.claims_of(claim.doc) for m in other.of_kind("place") if m.value.country}


def describe_time(mention: Mention, windows: list[tuple[int, int]], on_utc: bool) -> str:
    """"23:36 German time (22:31–22:41 UTC)": the time as stated and the windows compared."""
    value = mention.value
    said = value.time or "–".join(value.time_span)
    zone = f" {clock.zone_label(value.time_zone)}" if value.time_zone else ""
    spans = " or ".join(f"{_clock(lo)}–{_clock(hi)}" for lo, hi in windows)
    return f"{said}{zone} ({spans}{' UTC' if on_utc else ''})"


def _clock(minutes: int) -> str:
    minutes %= clock.DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


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
        "person" in ways and any(same_participant(x, y) or one_name(x, y) for x in _people(a) for y in _people(b))
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


RULES = [DateConflict, TimeOfDayConflict]
