"""Location rules: one event placed at places that cannot both be right."""

from __future__ import annotations

import math
from typing import Iterator, Optional

from checker.models import Claim, Finding, Mention, Modality, PlaceValue, Severity
from rules.base import Rule, RuleContext
from rules.scope import is_locative, same_event


def distance_km(a: PlaceValue, b: PlaceValue) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la, lb = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lb - la, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def contains(outer: PlaceValue, inner: PlaceValue) -> bool:
    if outer.key == inner.key or outer.key in inner.ancestors:
        return True
    return outer.kind == "country" and outer.country is not None and inner.country == outer.country


def relation(a: PlaceValue, b: PlaceValue, near_km: float) -> Optional[str]:
    """Why two places are compatible as the place of one event, or None when they are disjoint."""
    if a.key == b.key:
        return "same place"
    if contains(a, b) or contains(b, a):
        return "one contains the other"
    distance = distance_km(a, b)
    if distance is not None:
        return f"{distance:.0f} km apart" if distance <= near_km else None
    if a.country and b.country and a.country != b.country:
        return None
    return "unknown"  # no coordinates and no containment known: never flag what cannot be shown


def event_places(claim: Claim) -> list[Mention]:
    """The most specific places the claim puts its event at: "im Weltraumbahnhof X im Osten Russlands" -> X."""
    places = [m for m in claim.of_kind("place") if is_locative(m)]
    return [m for m in places if not any(o is not m and contains(m.value, o.value) and m.value.key != o.value.key for o in places)]


class LocationConflict(Rule):
    """Articles place one event at places that cannot both be right.

    Compares claims that report the same kind of event (meeting, attack, accident, ...) with a
    shared participant and compatible times. Only the most specific place each claim gives is
    used, and places are compatible when one contains the other ("in Russland" vs a city in
    Russia) or when they lie close together.

    Why: where something happened is a core fact; two outlets disagreeing on it means one is wrong.

    Example: Kim "nach Moskau gereist" vs Putin received Kim "im Weltraumbahnhof Wostotschny" (5,500 km apart): error.
    """

    code = "FD201"
    name = "location-conflict"
    kind = "location"
    default_severity = Severity.error

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        near_km = ctx.threshold("near_km", 50.0)
        min_similarity = ctx.threshold("event_similarity", 0.8)
        for a, b, similarity in ctx.candidate_pairs(same_event, min_similarity):
            if Modality.denied in (a.modality, b.modality) or Modality.negated in (a.modality, b.modality):
                continue
            places_a, places_b = event_places(a), event_places(b)
            if not places_a or not places_b:
                continue
            verdicts = {(pa.start, pb.start): relation(pa.value, pb.value, near_km) for pa in places_a for pb in places_b}
            if any(v is not None for v in verdicts.values()):
                continue  # some pair of places is compatible (or unknowable): no contradiction shown
            pa, pb = places_a[0], places_b[0]
            yield self._finding(ctx, a, b, pa, pb, similarity)

    def _finding(self, ctx: RuleContext, a: Claim, b: Claim, pa: Mention, pb: Mention, similarity: float) -> Finding:
        distance = distance_km(pa.value, pb.value)
        apart = f"{distance:,.0f} km apart" if distance is not None else "in different countries"
        hedged = Modality.hedged in (a.modality, b.modality)
        confidence = 0.5 + min(0.4, max(0.0, similarity - 0.75) * 2) - (0.15 if hedged else 0.0)
        severity = Severity.error if confidence >= ctx.threshold("error_confidence", 0.6) else Severity.warning
        names = f"{pa.value.canonical} and {pb.value.canonical}"
        return self.finding(
            ctx,
            severity=severity,
            message=f"One event placed at different places: {pa.text} ({a.doc}) vs {pb.text} ({b.doc})",
            explanation=f"{names} are {apart} and neither contains the other, so they cannot both be where this happened.",
            confidence=confidence,
            evidence=[(pa, 0, pa.value.canonical), (pb, 1, pb.value.canonical)],
            identity=[f"{a.doc}={pa.value.key}", f"{b.doc}={pb.value.key}"],
        )


RULES = [LocationConflict]
