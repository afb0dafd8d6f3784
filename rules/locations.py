"""Location rules: one event placed at places that cannot both be right."""

from __future__ import annotations

from typing import Iterator, Optional

from checker.gazetteer import Gazetteer, norm
from checker.models import AlignedPair, Claim, Finding, Mention, Modality, PlaceValue, Severity
from rules.base import Rule, RuleContext
from rules.grouping import agreeing_sides, linked_groups
from rules.scope import (
    crossed_waterways, different_events, event_things, in_comparison, is_destination, is_locative, is_residence,
    is_scene, same_kind_of_venue_event, same_wording, several_things, shared_participants, thing_venue_clauses,
    venue_classes, venue_word_clauses, waterway_kind,
)


TOWN_KM = 10.0  # places this close are one place even without a big city nearby
CROSSING_CONFIDENCE = 0.55  # below the error bar: a structure named alone, no event, scopes the claims
SCENE_PENALTY = 0.15  # a scene sentence takes its event from the sentence before: a weaker scope
SMALL_TOWN = 100_000  # below this a town's name is often a namesake's too

Spans = list[tuple[int, int]]  # article offsets of clauses
Placed = dict[str, tuple[frozenset[str], dict[str, Spans]]]  # claim id -> (venue classes, thing -> clauses)


def compatible(a: Mention, b: Mention, near_km: float) -> bool:
    """Same place, containment, proximity, or too vague to tell: only places shown to be apart conflict."""
    if a.value.kind == "waterway" or b.value.kind == "waterway":
        # two named waterways of one kind are two waterways; against a town nothing is known
        return a.value.key == b.value.key or _waterway_kind(a) is None or _waterway_kind(a) != _waterway_kind(b)
    return Gazetteer.load().relation(a.value.key, b.value.key, near_km, TOWN_KM) != "disjoint"


def _waterway_kind(m: Mention) -> Optional[str]:
    return _waterway_kind_of(m.value)


def _waterway_kind_of(value: PlaceValue) -> Optional[str]:
    return value.key.split(":")[1] if value.kind == "waterway" else None


def _waterway(claim: Claim, name: str, start: int, end: int) -> Mention:
    kind = waterway_kind(name)
    value = PlaceValue(key=f"waterway:{kind}:{norm(name)}", canonical=name, kind="waterway")
    return Mention(kind="place", doc=claim.doc, start=start, end=end, text=name, value=value, context="über")


def event_places(claim: Claim, within: Optional[Spans] = None) -> list[Mention]:
    """The most specific places the claim puts its event at: "im Weltraumbahnhof X im Fernen Osten Russlands" -> X.

    `within`: only places inside these spans (the clauses that place a thing), and none it went to."""
    gazetteer = Gazetteer.load()
    places = [m for m in claim.of_kind("place")
              if is_locative(m) and not is_residence(claim, m) and not in_comparison(claim, m)]
    if within is not None or "meeting" not in venue_classes(claim):
        places = [m for m in places if not is_destination(claim, m)]
    if within is not None:
        places = [m for m in places if any(lo <= m.start < hi for lo, hi in within)]
    points = [m for m in places if m.value.kind in ("city", "facility")]
    places = points or places  # "in X ein Damm an der Paar": the town is the venue, not the river or region
    if within is None and any(not compatible(x, y, 0.0) for x in places for y in places if x is not y):
        # places apart in one sentence play different parts: the event's is in the clause of its word
        clauses = venue_word_clauses(claim)
        places = [m for m in places if any(lo <= m.start < hi for lo, hi in clauses)] or places
    return [m for m in places if not any(gazetteer.contains(m.value.key, o.value.key) for o in places)]


class LocationConflict(Rule):
    """Articles place one event at places that cannot both be right.

    Compares claims that report the same kind of event (meeting, attack, accident, ...) with a
    shared participant and compatible times, or that both place the story's own thing ("das
    Feuer", "the fire") when each article places it at one place only; a scene sentence right
    after one ("Das Schiff befand sich da vor X") places that thing too. Only the most specific
    place each claim gives is used, and places are compatible when one contains the other ("in
    Russland" vs a city in Russia) or when they lie close together. Where someone lives or a firm
    is based, where people were brought, and a place named in a comparison ("like the fire in
    X") are not the event's place. The story's bridge said to cross two differently named
    waterways of one kind ("über den X-Kanal" vs "über den Y-Kanal") is a warning.

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
        for a, b, similarity, aligned in self._pairs(ctx, min_similarity, near_km):
            if {a.modality, b.modality} & {Modality.denied, Modality.negated}:
                continue
            clauses = _shared_thing_clauses(a, b, _placed_things(ctx), _told_things(ctx, near_km))
            if clauses:
                # both tell where the story's own thing was ("the fire at the plant in X"): one event
                places_a, places_b = event_places(a, clauses[0]), event_places(b, clauses[1])
            elif not (aligned and aligned.mutual) and shared_participants(a, b) < 1:
                continue  # only a mutual best match shows one event without a named participant in common
            elif shared_participants(a, b) < 1 and event_things(a) & event_things(b) & _several(ctx):
                continue  # ... and not when the story has several of what both name ("the fires")
            elif aligned is None and ctx.language(a) == ctx.language(b) and not same_wording(a, b):
                continue  # beyond alignment, the words must show it is the same event
            else:
                places_a, places_b = event_places(a), event_places(b)
            doubtful = _doubtful_towns(ctx)
            places_a = [m for m in places_a if (m.doc, m.start) not in doubtful]
            places_b = [m for m in places_b if (m.doc, m.start) not in doubtful]
            if not places_a or not places_b:
                continue
            if any(compatible(pa, pb, near_km) for pa in places_a for pb in places_b):
                continue  # some pair of places is compatible (or unknowable): no contradiction shown
            hedged = Modality.hedged in (a.modality, b.modality)
            confidence = 0.5 + min(0.4, max(0.0, similarity - 0.75) * 2) - (0.15 if hedged else 0.0)
            if clauses and not (venue_classes(a) and venue_classes(b)):
                confidence -= SCENE_PENALTY
            conflicts += [(pa, pb, confidence) for pa in places_a for pb in places_b]
        conflicts += _crossing_conflicts(ctx)
        for mentions, confidence in _groups(conflicts):
            yield self._finding(ctx, mentions, confidence, near_km)

    def _pairs(
        self, ctx: RuleContext, min_similarity: float, near_km: float
    ) -> Iterator[tuple[Claim, Claim, float, Optional[AlignedPair]]]:
        """Candidate pairs, then pairs of paired articles naming the same story thing in a venue event."""
        seen = set()
        for a, b, similarity, aligned in ctx.candidate_pairs(same_kind_of_venue_event, min_similarity):
            seen.add(frozenset((a.id, b.id)))
            yield a, b, similarity, aligned
        by_thing = _told_things(ctx, near_km)
        placed = _placed_things(ctx)
        for doc_a, doc_b in sorted(map(sorted, ctx.paired_docs())):
            for (doc, thing), claims_a in sorted(by_thing.items()):
                if doc != doc_a:
                    continue
                for a in claims_a:
                    for b in by_thing.get((doc_b, thing), []):
                        if frozenset((a.id, b.id)) in seen or not placed[a.id][0] & placed[b.id][0]:
                            continue
                        seen.add(frozenset((a.id, b.id)))
                        if not different_events(a, b):
                            yield a, b, ctx.similarity(a, b), None

    def _finding(self, ctx: RuleContext, mentions: list[Mention], confidence: float, near_km: float) -> Finding:
        assigned = _sides(mentions, near_km)
        by_side = [[m for m, s in zip(mentions, assigned) if s == side] for side in sorted(set(assigned))]
        described = " vs ".join(" / ".join(dict.fromkeys(f"{m.text} ({m.doc})" for m in side)) for side in by_side)
        first, second = by_side[0][0].value, by_side[1][0].value
        distance = Gazetteer.load().distance_km(first.key, second.key)
        apart = f"{distance:,.0f} km apart" if distance is not None else "in different countries"
        why = (f"{first.canonical} and {second.canonical} are {apart} and neither contains the other, so they cannot"
               " both be where this happened.")
        if first.kind == "waterway":
            why = (f"{first.canonical} and {second.canonical} are two {_waterway_kind_of(first)}s;"
                   " one structure crosses one of them.")
        severity = ctx.error_or_warning(confidence)
        return self.finding(
            ctx,
            severity=severity,
            message=f"One structure said to cross different waterways: {described}" if first.kind == "waterway"
            else f"One event placed at different places: {described}",
            explanation=why,
            confidence=confidence,
            evidence=[(m, s, m.value.canonical) for m, s in zip(mentions, assigned)],
            identity=[f"{m.doc}={m.value.key}" for m in mentions],
        )


def _crossing_conflicts(ctx: RuleContext) -> list[tuple[Mention, Mention, float]]:
    """The story's structure said to cross two different named waterways of one kind in two articles,
    each naming only one: "die Brücke führte über den X-Kanal" vs "über den Y-Kanal". A warning: the
    structure is scoped by its word alone, not by an event."""
    crossed: dict[str, dict[str, list[Mention]]] = {}
    for claim in ctx.claims.values():
        if claim.modality in (Modality.denied, Modality.negated):
            continue
        for _, name, start, end in crossed_waterways(claim):
            mention = _waterway(claim, name, start, end)
            crossed.setdefault(claim.doc, {}).setdefault(mention.value.key, []).append(mention)
    conflicts = []
    for doc_a, doc_b in sorted(map(sorted, ctx.paired_docs())):
        named_a, named_b = crossed.get(doc_a, {}), crossed.get(doc_b, {})
        if len(named_a) == 1 and len(named_b) == 1 and named_a.keys() != named_b.keys():
            for pa in next(iter(named_a.values())):
                for pb in next(iter(named_b.values())):
                    if not compatible(pa, pb, 0.0):
                        conflicts.append((pa, pb, CROSSING_CONFIDENCE))
    return conflicts


def _doubtful_towns(ctx: RuleContext) -> set[tuple[str, int]]:
    """Small towns read in a country their article names nothing else in, while it names places elsewhere:
    most likely a namesake of a place the gazetteer lacks ("Dala", a district of Kano, read as Dala in
    Angola), whose country would make any other place look apart."""

    def compute() -> set[tuple[str, int]]:
        gazetteer = Gazetteer.load()
        doubtful = set()
        for doc in {c.doc for c in ctx.claims.values()}:
            places = [m for c in ctx.claims_of(doc) for m in c.of_kind("place")]
            for m in places:
                place = gazetteer.place(m.value.key)
                if not place or place.kind != "city" or place.population >= SMALL_TOWN or not m.value.country:
                    continue
                others = {o.value.country for o in places if o.value.key != m.value.key and o.value.country}
                if others and m.value.country not in others:
                    doubtful.add((m.doc, m.start))
        return doubtful

    return ctx.shared("fd201_doubtful", compute)


def _placed_things(ctx: RuleContext) -> Placed:
    """Per claim of a venue event, its classes and the clauses that place the story's things in it. A scene
    sentence right after one ("Das Feuer brach aus. Das Schiff befand sich da vor X") tells where that
    thing was: it takes the classes and things of the sentence before it, and its whole text as the clause."""

    def compute() -> Placed:
        placed: Placed = {}
        for doc in sorted({c.doc for c in ctx.claims.values()}):
            claims = ctx.claims_of(doc)
            for previous, claim in zip([None] + claims, claims):
                classes, clauses = frozenset(venue_classes(claim)), thing_venue_clauses(claim)
                if classes and clauses:
                    placed[claim.id] = (classes, clauses)
                elif (previous is not None and previous.id in placed and not classes and not event_things(claim)
                      and previous.sentence.paragraph == claim.sentence.paragraph and is_scene(claim)
                      and venue_classes(previous)):  # the sentence before tells the event itself, not a scene
                    whole = [(claim.sentence.start, claim.sentence.end)]
                    placed[claim.id] = (placed[previous.id][0], {t: whole for t in placed[previous.id][1]})
        return placed

    return ctx.shared("fd201_placed", compute)


def _told_things(ctx: RuleContext, near_km: float) -> dict[tuple[str, str], list[Claim]]:
    """Per article and story thing, the claims of a venue event that place it, if the article places it at one
    place only: one that puts "the fire" at two places apart tells of two fires, so the word identifies none."""

    def compute() -> dict[tuple[str, str], list[Claim]]:
        told: dict[tuple[str, str], list[Claim]] = {}
        for claim_id, (_, things) in _placed_things(ctx).items():
            claim = ctx.claims[claim_id]
            for thing, clauses in things.items():
                if event_places(claim, clauses):
                    told.setdefault((claim.doc, thing), []).append(claim)

        def one_place(claims: list[Claim], thing: str) -> bool:
            places = [event_places(c, _placed_things(ctx)[c.id][1][thing]) for c in claims]
            return all(any(compatible(x, y, near_km) for x in p for y in q)
                       for p in places for q in places if p is not q)

        several = _several(ctx)
        return {key: claims for key, claims in told.items() if key[1] not in several and one_place(claims, key[1])}

    return ctx.shared("fd201_things", compute)


def _several(ctx: RuleContext) -> set[str]:
    """Thing concepts the batch speaks of in the plural: the story has several fires, so "the fire" names none."""
    return ctx.shared("fd201_several", lambda: {t for c in ctx.claims.values() for t in several_things(c)})


def _shared_thing_clauses(
    a: Claim, b: Claim, placed: Placed, told: dict[tuple[str, str], list[Claim]]
) -> Optional[tuple[Spans, Spans]]:
    """The clauses of each claim that place a story thing both name and both articles place at one place."""
    if a.id not in placed or b.id not in placed:
        return None
    clauses_a, clauses_b = placed[a.id][1], placed[b.id][1]
    shared = sorted(t for t in clauses_a.keys() & clauses_b.keys() if (a.doc, t) in told and (b.doc, t) in told)
    if not shared:
        return None
    return [c for t in shared for c in clauses_a[t]], [c for t in shared for c in clauses_b[t]]


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
