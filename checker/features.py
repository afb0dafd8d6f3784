"""The recorded features of a candidate pair: everything the decision model weighs, by name.

Every feature is a number in a small range, named for what it says, so that `factdiff explain` can
show which of them carried a decision (each decision splits into the features' shares of its
log-odds, checker/decide.py). Nothing here decides anything.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Collection

from rapidfuzz import fuzz

from checker.candidates import ClaimPair, Support
from checker.compare import LOWER_BOUNDS, UPPER_BOUNDS, Relation
from checker.extract.dates import UNCERTAIN
from checker.models import DateValue, Frame, Modality, QuantityValue, Slot, StateValue
from checker.resources import load_data

KINDS = ("figure", "age", "date", "time", "place", "holder", "state", "speaker")
# Most labelled batches have four or five articles (two or three third articles): a check against an archive
# counts no more third articles than the model has mostly seen.
MAX_THIRD_ARTICLES = 3


@lru_cache(maxsize=1)
def _running_concepts() -> frozenset[str]:
    data = load_data("cumulative_figures.yaml")
    return frozenset(data["concepts"]) | frozenset(data.get("states", []))


def jaccard(a: Collection[str], b: Collection[str]) -> float:
    sa = a if isinstance(a, (set, frozenset)) else set(a)
    sb = b if isinstance(b, (set, frozenset)) else set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0


def _hours_apart(a: Frame, b: Frame) -> float | None:
    if a.published is None or b.published is None:
        return None
    hours = (a.published - b.published).days * 24.0
    if a.published_time and b.published_time:
        hours += _clock_hours(a.published_time) - _clock_hours(b.published_time)
    return abs(hours)


def _clock_hours(clock: str) -> float:
    return int(clock[:2]) + int(clock[3:5]) / 60


def is_running_count(slot_a: Slot, slot_b: Slot) -> bool:
    """A figure of a developing story that only grows or gets corrected: a toll, evacuees, a gauge."""
    return bool(slot_a.measure and slot_a.measure == slot_b.measure and slot_a.measure in _running_concepts())


def modifiers_clash(a: Slot, b: Slot) -> bool:
    """Both figures state a facet ("period=quarter" vs "period=year") or a part/whole, and state it differently."""
    facets_a = dict(m.split("=", 1) for m in a.modifiers if "=" in m)
    facets_b = dict(m.split("=", 1) for m in b.modifiers if "=" in m)
    return any(facets_a[k] != facets_b[k] for k in facets_a.keys() & facets_b.keys())


def features(
    slot_a: Slot, slot_b: Slot, pair: ClaimPair, relation: Relation, reasons: list[str], support: Support = Support(),
) -> dict[str, float]:
    f: dict[str, float] = {f"kind_{k}": float(slot_a.kind == k) for k in KINDS}
    f["disjoint"] = float(relation.name == "disjoint")
    if slot_a.kind not in ("holder", "speaker"):
        f[f"gap_{slot_a.kind}"] = min(relation.gap, 10.0) if slot_a.kind == "figure" else math.log1p(relation.gap)
    f.update(_claim_pair_features(pair))
    for reason in ("aligned", "neighbour", "shared_participant", "same_event", "same_measure"):
        f[f"reason_{reason}"] = float(reason in reasons)
    f["clause_overlap"] = jaccard(slot_a.context, slot_b.context)
    f["clause_stem_overlap"] = jaccard({w[:5] for w in slot_a.context}, {w[:5] for w in slot_b.context})
    # what each claim is: background, forecast
    f["background_one"] = float(slot_a.background != slot_b.background)
    f["background_both"] = float(slot_a.background and slot_b.background)
    f["forecast_any"] = float(slot_a.forecast or slot_b.forecast)
    f["ambiguity"] = math.log(max(slot_a.ambiguity, slot_b.ambiguity))
    # each article also states the other's value somewhere: they agree on it, and these two are other facts
    f["echo_one"] = float(support.echo_a != support.echo_b)
    f["echo_both"] = float(support.echo_a and support.echo_b)
    f["rivals"] = math.log(max(1, support.rivals))
    # what the batch's other articles say: one of them stating both values means two facts; sides taken, one fact
    # (pair-level average precision 0.459 -> 0.467 in cross-validation, docs/quality.md)
    third_a, third_b = support.third_only_a > 0, support.third_only_b > 0
    f["third_both"] = float(support.third_both > 0)
    f["third_one_side"] = float(third_a != third_b)
    f["third_each_side"] = float(third_a and third_b)
    f["third_articles"] = float(min(support.third_articles, MAX_THIRD_ARTICLES))
    f.update(_kind_features(slot_a, slot_b, relation))
    return f


def _claim_pair_features(pair: ClaimPair) -> dict[str, float]:
    """What two claims share, whichever of their slots is compared: computed once per claim pair."""
    if pair.features is not None:
        return pair.features
    fa, fb = pair.a, pair.b
    f: dict[str, float] = {}
    # how the two sentences relate
    f["similarity"] = pair.similarity
    f["best_match"] = float(pair.rank_ab == 0 and pair.rank_ba == 0)
    f["rank"] = 1.0 / (1.0 + min(pair.rank_ab, pair.rank_ba))
    f["margin"] = max(-0.2, min(0.2, pair.margin))
    f["lemma_overlap"] = jaccard(fa.lemmas, fb.lemmas)
    f["participant_overlap"] = jaccard(fa.participants, fb.participants)
    f["place_overlap"] = jaccard(fa.places, fb.places)
    f["event_overlap"] = jaccard(fa.event_classes, fb.event_classes)
    f["thing_overlap"] = jaccard(fa.things, fb.things)
    f["same_language"] = float(fa.lang == fb.lang)
    # hedged, negated, proposed, a heading, said by whom
    modalities = {fa.modality, fb.modality}
    f["hedged_any"] = float(Modality.hedged in modalities)
    f["negated_any"] = float(bool(modalities & {Modality.negated, Modality.denied}))
    f["proposed_any"] = float(Modality.proposed in modalities)
    f["heading_any"] = float(fa.heading or fb.heading)
    # where each stands in its article: a lead states the story's main facts, later paragraphs its background
    f["lead_both"] = float(fa.lead and fb.lead)
    f["lead_one"] = float(fa.lead != fb.lead)
    f["position_max"] = max(fa.position, fb.position)
    f["position_min"] = min(fa.position, fb.position)
    f["speakers_named"] = float(bool(fa.speaker and fb.speaker))
    f["same_speaker"] = float(bool(fa.speaker and fb.speaker and fuzz.token_set_ratio(fa.speaker, fb.speaker) >= 80))
    hours = _hours_apart(fa, fb)
    f["publication_unknown"] = float(hours is None)
    f["publication_gap"] = math.log1p(hours or 0.0)
    pair.features = f
    return f


def _coarse(value: DateValue) -> bool:
    """A month, a season, a year, or a range of more than two days; "in der Nacht zum Sonntag" (two days that
    hold one night) is as precise as a day."""
    if value.granularity.value == "range":
        return value.start is not None and value.end is not None and (value.end - value.start).days > 1
    return value.granularity.value in ("month", "season", "year")


def _kind_features(a: Slot, b: Slot, relation: Relation) -> dict[str, float]:
    f: dict[str, float] = {}
    if a.kind == "figure":
        va, vb = a.mention.value, b.mention.value
        assert isinstance(va, QuantityValue) and isinstance(vb, QuantityValue)
        f["measure_same"] = float(bool(a.measure and a.measure == b.measure))
        f["measure_missing"] = float(not (a.measure and b.measure))
        f["measure_words"] = jaccard(a.measure_lemmas, b.measure_lemmas)
        f["modifiers_clash"] = float(modifiers_clash(a, b))
        f["modifiers_one_sided"] = float(bool(set(a.modifiers) ^ set(b.modifiers)) and not modifiers_clash(a, b))
        f["bound_any"] = float(bool({va.qualifier, vb.qualifier} & set(LOWER_BOUNDS + UPPER_BOUNDS)))
        f["about_any"] = float("about" in (va.qualifier, vb.qualifier))
        f["amount"] = float(bool(va.dimension and va.dimension.startswith(("currency", "percent", "duration"))))
        f["running_count"] = float(is_running_count(a, b))
    elif a.kind in ("date", "time"):
        va, vb = a.mention.value, b.mention.value
        assert isinstance(va, DateValue) and isinstance(vb, DateValue)
        f["date_relative_any"] = float(any("publication date" in (v.anchor or "") for v in (va, vb)))
        f["date_uncertain_any"] = float(any(UNCERTAIN in (v.anchor or "") or v.deadline for v in (va, vb)))
        f["date_coarse_any"] = float(any(_coarse(v) for v in (va, vb)))
        f["time_zone_any"] = float(bool(va.time_zone or vb.time_zone))
        f["clock_assumed"] = float(relation.assumed)
    elif a.kind == "age":
        f["whose_words_overlap"] = jaccard(a.measure_lemmas, b.measure_lemmas)  # the name or noun of whose age it is
    elif a.kind == "holder":
        f["role_words_overlap"] = jaccard(a.modifiers, b.modifiers)
        f["role_words_one_sided"] = float(bool(a.modifiers) != bool(b.modifiers))
    elif a.kind == "state":
        va, vb = a.mention.value, b.mention.value
        assert isinstance(va, StateValue) and isinstance(vb, StateValue)
        # "festgenommen" against "nicht festgenommen": one side's words denied by the other, the plainest clash
        f["state_one_negated"] = float(va.negated != vb.negated)
        f["state_words_same"] = float(va.words.lower() == vb.words.lower())
        f["state_generic"] = float(va.generic or vb.generic)  # a word negated, not a state of the lexicon
    elif a.kind == "place":
        roles = {a.role, b.role}
        f["venue_both"] = float(roles == {"venue"})
        f["role_aside_any"] = float(bool(roles & {"residence", "destination", "comparison", "origin"}))
        kinds = {a.mention.value.kind, b.mention.value.kind}
        f["country_any"] = float("country" in kinds)
        f["town_both"] = float(kinds <= {"city", "facility"})
        f["local_any"] = float("local" in kinds)  # a street, a hall, a village the gazetteer does not know
    return f
