"""Location rules: one event placed at places that cannot both be right."""

from __future__ import annotations

from typing import Iterator

from checker.gazetteer import Gazetteer
from checker.models import Claim, Finding, Mention, Modality, Severity
from rules.base import Rule, RuleContext
from rules.grouping import agreeing_sides, linked_groups
from rules.scope import is_locative, same_kind_of_venue_event, same_wording, shared_participants


TOWN_KM = 10.0  # places this close are one place even without a big city nearby


def compatible(a: Mention, b: Mention, near_km: float) -> bool:
    """Same place, containment, proximity, or too vague to tell: only places shown to be apart conflict."""
    return Gazetteer.load().relation(a.value.key, b.value.key, near_km, TOWN_KM) != "disjoint"


def event_places(claim: Claim) -> list[Mention]:
    """The most specific places the claim puts its event at: "im Weltraumbahnhof X im Fernen Osten Russlands" -> X."""
    gazetteer = Gazetteer.load()
    places = [m for m in claim.of_kind("place") if is_locative(m)]
    points = [m for m in places if m.value.kind in ("city", "facility")]
    places = points or places  # "in X ein Damm an der Paar": the town is the venue, not the river or region
    return [m for m in places if not any(gazetteer.contains(m.value.key, o.value.key) for o in places)]


class LocationConflict(Rule):
    """Articles place one event at places that cannot both be right.

    Compares claims that report the same kind of event (meeting, attack, accident, ...) with a
    shared participant and compatible times. Only the most specific place each claim gives is
    used, and places are compatible when one contains the other ("in Russland" vs a city in
    Russia) or when they lie close together.

    Why: where something happened is a core fact; two outlets disagreeing on it means one is wrong.

    Example: the ministers met "am Montag in Paris" vs "am Montag in Madrid" (1,050 km apart): error.
    """

    code = "FD201"
    name = "location-conflict"
    kind = "location"
    default_severity = Severity.error

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        near_km = ctx.threshold("near_km", 50.0)
        min_similarity = ctx.threshold("event_similarity", 0.8)
        conflicts: list[tuple[Mention, Mention, float]] = []
        for a, b, similarity, aligned in ctx.candidate_pairs(same_kind_of_venue_event, min_similarity):
            if {a.modality, b.modality} & {Modality.denied, Modality.negated}:
                continue
            if not (aligned and aligned.mutual) and shared_participants(a, b) < 1:
                continue  # only a mutual best match shows one event without a named participant in common
            if aligned is None and ctx.language(a) == ctx.language(b) and not same_wording(a, b):
                continue  # beyond alignment, the words must show it is the same event
            places_a, places_b = event_places(a), event_places(b)
            if not places_a or not places_b:
                continue
            if any(compatible(pa, pb, near_km) for pa in places_a for pb in places_b):
                continue  # some pair of places is compatible (or unknowable): no contradiction shown
            hedged = Modality.hedged in (a.modality, b.modality)
            confidence = 0.5 + min(0.4, max(0.0, similarity - 0.75) * 2) - (0.15 if hedged else 0.0)
            conflicts += [(pa, pb, confidence) for pa in places_a for pb in places_b]
        for mentions, confidence in _groups(conflicts):
            yield self._finding(ctx, mentions, confidence, near_km)

    def _finding(self, ctx: RuleContext, mentions: list[Mention], confidence: float, near_km: float) -> Finding:
        assigned = _sides(mentions, near_km)
        by_side = [[m for m, s in zip(mentions, assigned) if s == side] for side in sorted(set(assigned))]
        described = " vs ".join(" / ".join(dict.fromkeys(f"{m.text} ({m.doc})" for m in side)) for side in by_side)
        first, second = by_side[0][0].value, by_side[1][0].value
        distance = Gazetteer.load().distance_km(first.key, second.key)
        apart = f"{distance:,.0f} km apart" if distance is not None else "in different countries"
        severity = ctx.error_or_warning(confidence)
        return self.finding(
            ctx,
            severity=severity,
            message=f"One event placed at different places: {described}",
            explanation=f"{first.canonical} and {second.canonical} are {apart} and neither contains the other, so they cannot both be where this happened.",
            confidence=confidence,
            evidence=[(m, s, m.value.canonical) for m, s in zip(mentions, assigned)],
            identity=[f"{m.doc}={m.value.key}" for m in mentions],
        )


def _groups(conflicts: list[tuple[Mention, Mention, float]]) -> Iterator[tuple[list[Mention], float]]:
    """Conflicting place mentions linked into one finding per event; compatible mentions stay out."""
    key = lambda m: (m.doc, m.start)  # noqa: E731
    root = linked_groups((key(pa), key(pb)) for pa, pb, _ in conflicts)
    groups: dict = {}
    for pa, pb, confidence in conflicts:
        members, best = groups.get(root[key(pa)], ({}, 0.0))
        groups[root[key(pa)]] = ({**members, key(pa): pa, key(pb): pb}, max(best, confidence))
    for members, confidence in groups.values():
        yield sorted(members.values(), key=lambda m: (m.doc, m.start)), confidence


def _sides(mentions: list[Mention], near_km: float) -> list[int]:
    """Mentions compatible with every member of a side join it: "Freiburg" and "Baden-Württemberg" agree."""
    return agreeing_sides(mentions, lambda m, o: compatible(m, o, near_km))


RULES = [LocationConflict]
