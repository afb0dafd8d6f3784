"""Quantity rules: the same figure stated as amounts that cannot both be true."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

from rapidfuzz import fuzz

from checker.extract.measured import clause_of, clauses, compatible_scopes, is_measured, set_apart
from checker.models import AlignedPair, Article, Claim, Finding, Interval, Mention, Modality, QuantityValue, Severity
from checker.resources import load_data
from rules.base import Rule, RuleContext
from rules.grouping import agreeing_sides, linked_groups
from rules.scope import (
    date_bounds, dates_apart, different_events, literal_alternation, looks_back, publication_order, resolved_dates, same_participant,
)


@dataclass
class Edge:
    a: Mention
    b: Mention
    confidence: float
    disjoint: bool  # no value satisfies both
    differs: bool  # stated differently ("at least 12" vs "at least 27"), though both may hold


def stated_interval(value: QuantityValue) -> Interval:
    """The interval in base units; an exact figure stands for everything that rounds to it."""
    interval = value.base_interval or value.interval
    exact = value.qualifier in (None, "exact") and interval.low is not None and interval.low == interval.high
    if exact and value.precision:
        half = value.precision / 2
        return Interval(low=interval.low - half, high=interval.high + half, low_closed=True, high_closed=False)
    return interval


def comparable(a: Mention, b: Mention, ctx: RuleContext) -> bool:
    va, vb = a.value, b.value
    assert isinstance(va, QuantityValue) and isinstance(vb, QuantityValue)
    if va.vague or vb.vague or va.dimension != vb.dimension or va.dimension is None:
        return False
    if va.partitive != vb.partitive:
        return False  # "zwei der vier Waggons": the part, the whole and a plain count are three figures
    if va.dimension == "position":
        return va.counted_key == vb.counted_key  # the same scale; positions are not magnitudes
    if is_amount(va) or is_amount(vb) or set_apart(va.scope) or set_apart(vb.scope):
        if not _same_measure(va, vb):
            return False
    elif va.counted_key and vb.counted_key:
        if va.counted_key != vb.counted_key and fuzz.ratio(va.counted_key, vb.counted_key) < ctx.threshold("counted_noun_similarity", 88):
            return False
    elif va.dimension in ("count", "percent"):
        return False  # a bare count ("drei") or share ("8%") says nothing about what is counted
    low_a, low_b = _magnitude(stated_interval(va)), _magnitude(stated_interval(vb))
    if low_a and low_b and max(low_a, low_b) / min(low_a, low_b) > ctx.threshold("max_magnitude_ratio", 50):
        return False  # orders of magnitude apart: almost always different things counted
    if va.dimension == "length" and not (va.counted_key and vb.counted_key):
        ra, rb = length_relation(ctx.articles[a.doc].text, a.end), length_relation(ctx.articles[b.doc].text, b.end)
        return not (ra and rb and ra != rb)
    return True


@lru_cache(maxsize=1)
def _length_relations() -> list[tuple[str, re.Pattern]]:
    return [(name, literal_alternation(words)) for name, words in load_data("quantities.yaml")["length_relations"].items()]


def length_relation(text: str, end: int) -> Optional[str]:
    """What a length measures, from the words right after it: "from" a distance, "below" a depth."""
    after = text[end : end + 24].lower()
    for name, pattern in _length_relations():
        m = pattern.match(after.lstrip())
        if m:
            return name
    return None


def _same_measure(va: QuantityValue, vb: QuantityValue) -> bool:
    """What an amount measures is one concept with its facets: "profit" and "profit previous" are two.
    An amount of money or time whose clause names nothing measured is compared, as before concepts
    were read, with a plain concept ("profit"), never with one a facet sets apart."""
    if set_apart(va.scope) or set_apart(vb.scope):
        return False
    if va.counted_key is None or vb.counted_key is None:
        keyed = va.counted_key or vb.counted_key or ""
        return va.dimension != "percent" and " " not in keyed
    return va.counted_key == vb.counted_key and compatible_scopes(va.scope or "", vb.scope or "")


def _magnitude(interval: Interval) -> Optional[float]:
    points = [x for x in (interval.low, interval.high) if x]
    return sum(points) / len(points) if points else None


def edge_confidence(similarity: float, margin: float, mutual: bool, claims: Iterable[Claim]) -> float:
    confidence = 0.4 + min(0.35, max(0.0, similarity - 0.8) * 2.5) + min(0.15, max(0.0, margin) * 2) + (0.1 if mutual else 0.0)
    for claim in claims:
        if claim.modality == Modality.hedged:
            confidence -= 0.15
        if claim.sentence.heading:
            confidence -= 0.1
    return confidence


def quantity_edges(ctx: RuleContext, readings: bool = False) -> list[Edge]:
    """Comparable figures of aligned claims, computed once per check for FD101 and FD102. With
    `readings` (figure-updated), also what only updates compare (see _reading_edges)."""
    edges = ctx.shared("quantity_edges", lambda: [
        e for pair, ca, cb in ctx.aligned() for e in _pair_edges(ctx, ca, cb, _aligned_confidence(pair, ca, cb), False)
    ] + _amount_edges(ctx))
    return edges + _reading_edges(ctx) if readings else edges


def is_amount(value: QuantityValue) -> bool:
    """An amount of money, a share or a duration measuring a named concept ("profit", "prison_term");
    readings of a state (a gauge) keep their own comparison across days."""
    return is_measured(value.counted_key) and not is_state(value) and not value.vague


def _amount_edges(ctx: RuleContext) -> list[Edge]:
    """Amounts of one concept in sentences that alignment did not pair (it keeps one partner per
    sentence, and a profit or a prison term is told in several sentences): each sentence stating
    such an amount is paired with its most similar sentence in another article that states a
    comparable amount of that concept, where that choice is mutual."""
    edges = []
    for ca, cb, similarity in _amount_pairs(ctx):
        confidence = edge_confidence(similarity, 0.0, False, (ca, cb))
        edges += [e for e in _pair_edges(ctx, ca, cb, confidence, False) if is_amount(e.a.value)]
    return edges


def _amount_pairs(ctx: RuleContext) -> Iterator[tuple[Claim, Claim, float]]:
    aligned = {frozenset((p.a, p.b)) for p in ctx.pairs}
    by_doc: dict[str, dict[str, list[Claim]]] = {}
    for claim in ctx.claims.values():
        for key in sorted({m.value.counted_key for m in claim.of_kind("quantity") if is_amount(m.value)}):
            by_doc.setdefault(claim.doc, {}).setdefault(key, []).append(claim)
    minimum = ctx.threshold("amount_pair_similarity", _amount_settings()["pair_similarity"])
    seen: set[frozenset[str]] = set()
    for doc_a, doc_b in sorted(tuple(sorted(pair)) for pair in ctx.paired_docs()):
        keys_a, keys_b = by_doc.get(doc_a, {}), by_doc.get(doc_b, {})
        for key in sorted(keys_a.keys() & keys_b.keys()):
            scores = {
                (a.id, b.id): (ctx.similarity(a, b), a, b) for a in keys_a[key] for b in keys_b[key] if _amounts_meet(a, b, key)
            }
            best_a: dict[str, tuple[float, str]] = {}
            best_b: dict[str, tuple[float, str]] = {}
            for (ia, ib), (score, _, _) in sorted(scores.items()):
                best_a[ia] = max(best_a.get(ia, (-1.0, "")), (score, ib))
                best_b[ib] = max(best_b.get(ib, (-1.0, "")), (score, ia))
            only = len(keys_a[key]) == len(keys_b[key]) == 1
            for ia, (score, ib) in sorted(best_a.items()):
                pair = frozenset((ia, ib))
                enough = score >= (min(minimum, _amount_settings()["sole_pair_similarity"]) if only else minimum)
                if best_b[ib][1] == ia and enough and pair not in aligned and pair not in seen:
                    seen.add(pair)
                    yield scores[(ia, ib)][1], scores[(ia, ib)][2], score


def _amounts_meet(a: Claim, b: Claim, key: str) -> bool:
    """Some amount of `key` in each sentence could be one figure (the same stated period and basis)."""
    return any(
        compatible_scopes(qa.value.scope or "", qb.value.scope or "")
        for qa in a.of_kind("quantity") if qa.value.counted_key == key
        for qb in b.of_kind("quantity") if qb.value.counted_key == key
    )


@lru_cache(maxsize=1)
def _amount_settings() -> dict:
    return load_data("measured_amounts.yaml")


def _amount_dates(claim: Claim, mention: Mention) -> list:
    """The resolved dates of an amount's own clause: in "Der Gewinn stieg auf 472 Millionen Euro, wie
    der Konzern am Mittwoch mitteilte" Wednesday dates the announcement, not the profit."""
    base = claim.sentence.start
    spans = [(m.start - base, m.end - base) for m in claim.mentions if m.kind in ("quantity", "date")]
    clause = clause_of(clauses(claim.sentence.text, spans), mention.start - base)
    return [b for m in claim.of_kind("date") if clause[0] <= m.start - base < clause[1] and (b := date_bounds(m.value))]


# An amount dated in its clause to a day or month this long before the other article appeared, set
# against one dated nowhere, is background ("Bei der Bundestagswahl im Februar 2025 hatten mehr als
# 80 Prozent abgestimmt" beside this election's turnout). Years and quarters are left out: results
# "for 2024" are the story's figures in an article of March 2025.
BACKGROUND_DAYS = 180
MAX_BACKGROUND_SPAN = 31


def _amounts_apart(ctx: RuleContext, ca: Claim, qa: Mention, cb: Claim, qb: Mention) -> bool:
    da, db = _amount_dates(ca, qa), _amount_dates(cb, qb)
    if da and db:
        return dates_apart(da, db)
    if da and _background(da, ctx.articles[cb.doc]) or db and _background(db, ctx.articles[ca.doc]):
        return True
    return looks_back(ca) != looks_back(cb)


def _background(dates: list, other: Article) -> bool:
    published = date_bounds(other.published)
    return bool(published) and all(
        (end - start).days <= MAX_BACKGROUND_SPAN and (published[0] - end).days > BACKGROUND_DAYS for start, end in dates
    )


def _different_subjects(qa: Mention, ca: Claim, qb: Mention, cb: Claim) -> bool:
    """The amounts are said of different people: a co-defendant's term is not the defendant's."""
    sa, sb = _subject(ca, qa), _subject(cb, qb)
    return sa is not None and sb is not None and not same_participant(sa, sb)


def _subject(claim: Claim, mention: Mention) -> Optional[str]:
    """The person an amount is said of: the first named before it, as news sentences put their subject
    first ("Carver, who helped Hollis, was jailed for three years" is Carver's; "Judge Amis jailed
    Hollis" reads as the judge's, which errs towards comparing nothing), else the first after it."""
    people = claim.of_kind("person")
    before = [p for p in people if p.end <= mention.start]
    after = [p for p in people if p.start >= mention.end]
    chosen = before[0] if before else (after[0] if after else None)
    return chosen.value.key if chosen else None


def _reading_edges(ctx: RuleContext) -> list[Edge]:
    """Two readings of a changing state dated days apart ("am Samstagabend 6,40 Meter", "am
    Sonntagmorgen 690 Zentimeter"), which FD101 leaves apart as different events, and tolls of one
    concept in sentences that alignment paired with others (see _toll_pairs)."""
    edges: list[Edge] = []
    for pair, ca, cb in ctx.aligned():
        if different_events(ca, cb) and _readings_of_one_state(ca, cb):
            edges += _pair_edges(ctx, ca, cb, _aligned_confidence(pair, ca, cb), True)
    for ca, cb, similarity in _toll_pairs(ctx):
        edges += [e for e in _pair_edges(ctx, ca, cb, edge_confidence(similarity, 0.0, False, (ca, cb)), True)
                  if (is_cumulative(e.a.value) and is_cumulative(e.b.value)) or _provisional_first(ctx, e)]
    return edges


def _aligned_confidence(pair: AlignedPair, ca: Claim, cb: Claim) -> float:
    return edge_confidence(pair.similarity, pair.margin, pair.mutual, (ca, cb))


def _pair_edges(ctx: RuleContext, ca: Claim, cb: Claim, confidence: float, readings: bool) -> list[Edge]:
    if {ca.modality, cb.modality} & {Modality.denied, Modality.negated}:
        return []  # disputed or negated figures are the contested-claim rule's business
    if Modality.proposed in (ca.modality, cb.modality):
        return []  # a demand or an offer is a party's position: sides differ by design
    apart = different_events(ca, cb) and not (readings and _readings_of_one_state(ca, cb))
    amounts = [q for q in ca.of_kind("quantity") if is_amount(q.value)] and [q for q in cb.of_kind("quantity") if is_amount(q.value)]
    if apart and not amounts:
        return []
    found = []
    for qa in ca.of_kind("quantity"):
        for qb in cb.of_kind("quantity"):
            if qa.value.dimension == "position" and not _one_placed_event(ca, cb, qa, qb):
                continue
            if is_amount(qa.value):  # an amount is scoped by its own clause and its subject
                if _different_subjects(qa, ca, qb, cb) or _amounts_apart(ctx, ca, qa, cb, qb):
                    continue
            elif apart or (different_events(ca, cb) and not (is_state(qa.value) or is_state(qb.value))):
                continue
            if comparable(qa, qb, ctx):
                ia, ib = stated_interval(qa.value), stated_interval(qb.value)
                found.append(Edge(qa, qb, confidence, disjoint=not ia.overlaps(ib), differs=_differ(ia, ib)))
    # A figure that one of the other sentence's figures agrees with is that figure's counterpart;
    # the sentence's other figures of the same kind count other things ("held 22 seats, took nine").
    matched = {id(m) for e in found if not e.disjoint for m in (e.a, e.b)}
    return [e for e in found if not (e.disjoint and (id(e.a) in matched or id(e.b) in matched))]


def _toll_pairs(ctx: RuleContext) -> Iterator[tuple[Claim, Claim, float]]:
    """Unaligned sentences of two articles that state a toll, or a count in progress, of one concept
    ("Mindestens 17 Menschen kamen ums Leben", "die Zahl der Todesopfer ist auf 43 gestiegen"):
    alignment keeps one partner per sentence, often a background sentence, and a toll restated
    through a story is told in different words each time. Only sentences about the present (no date
    a week before the article, no look back) and similar enough are paired."""
    aligned = {frozenset((p.a, p.b)) for p in ctx.pairs}
    # doc -> counted concept -> claim id -> (claim, states it as a toll or in progress)
    by_doc: dict[str, dict[str, dict[str, tuple[Claim, bool]]]] = {}
    for claim in ctx.claims.values():
        quantities = [m for m in claim.of_kind("quantity") if m.value.counted_key and not m.value.vague and m.value.dimension != "position"]
        if quantities and _about_present(ctx, claim):
            running = is_running(ctx, quantities[0])
            for m in quantities:
                by_doc.setdefault(claim.doc, {}).setdefault(m.value.counted_key, {})[claim.id] = (claim, running or is_cumulative(m.value))
    minimum = ctx.threshold("toll_pair_similarity", _cumulative()["toll_pair_similarity"])
    # Only articles that alignment connected: in a feed, other articles tell other stories.
    for doc_a, doc_b in sorted(tuple(sorted(pair)) for pair in ctx.paired_docs()):
        keys_a, keys_b = by_doc.get(doc_a, {}), by_doc.get(doc_b, {})
        seen = set()
        for key in sorted(keys_a.keys() & keys_b.keys()):
            for a, toll_a in keys_a[key].values():
                for b, toll_b in keys_b[key].values():
                    pair = frozenset((a.id, b.id))
                    if pair in aligned or pair in seen or not (toll_a or toll_b):
                        continue
                    seen.add(pair)
                    similarity = ctx.similarity(a, b)
                    if similarity >= minimum:
                        yield a, b, similarity


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _about_present(ctx: RuleContext, claim: Claim) -> bool:
    published = ctx.articles[claim.doc].published
    if looks_back(claim):
        return False
    if published and published.start and any(int(y) < published.start.year for y in _YEAR.findall(claim.sentence.text)):
        return False  # "the 2013 tornado killed 24": a year used as a name of a past event is no date mention
    dates = resolved_dates(claim)
    if not dates:
        return True
    if not (published and published.start):
        return False
    days = _cumulative()["reading_days"]
    return all((published.start - end).days <= days for _, end in dates)


def _readings_of_one_state(a: Claim, b: Claim) -> bool:
    """Dated within days of each other and neither looking back: the same gauge read twice, not a
    flood of another year."""
    if looks_back(a) or looks_back(b):
        return False
    days = _cumulative()["reading_days"]
    return any(abs((x[0] - y[0]).days) <= days for x in resolved_dates(a) for y in resolved_dates(b))


def _one_placed_event(ca: Claim, cb: Claim, qa: Mention, qb: Mention) -> bool:
    """Two positions on a scale ("in the 26th minute") place one event only if each sentence places
    one and both name the same actors: a match has several goals, and "Kovac equalised in the 64th
    minute after Berger had scored" names Berger too. Only a scale of things nobody in particular
    does (a floor) compares sentences that name no one."""
    for claim, mention in ((ca, qa), (cb, qb)):
        values = {stated_interval(m.value).describe() for m in claim.of_kind("quantity") if m.value.dimension == "position"
                  and m.value.counted_key == mention.value.counted_key}
        if len(values) > 1:
            return False
    actors_a, actors_b = _actors(ca), _actors(cb)
    if not actors_a and not actors_b:
        return qa.value.counted_key not in _positions()["needs_actor"]
    return all(any(same_participant(x, y) for y in actors_b) for x in actors_a) and all(
        any(same_participant(y, x) for x in actors_a) for y in actors_b
    )


@lru_cache(maxsize=1)
def _positions() -> dict:
    return load_data("quantities.yaml")["positions"]


def _actors(claim: Claim) -> set[str]:
    """The people a sentence names; failing those, its organisations."""
    people = {m.value.key for m in claim.mentions if m.kind == "person"}
    return people or {m.value.key for m in claim.mentions if m.kind == "org"}


def _disjoint(a: Mention, b: Mention) -> bool:
    return not stated_interval(a.value).overlaps(stated_interval(b.value))


def _differ(a: Interval, b: Interval) -> bool:
    """Stated differently: neither contains the other, or an open-ended bound that moved ("at least 12" -> "at least 27" or "27")."""
    if not (a.contains(b) or b.contains(a)):
        return not _centre_within(a, b)
    if a.high is None or b.high is None:  # "mindestens 17" then "96": the toll moved
        return a.low != b.low and not (_round_bound_of(a, b) or _round_bound_of(b, a))
    return (a.low is None or b.low is None) and a.high != b.high


def _centre_within(a: Interval, b: Interval) -> bool:
    """The narrower figure's value lies in the wider one: "rund zwei Meter" (1.8-2.2) is within "bis zu
    2,10 Meter", said differently but the same reading; "12" and "13" are not."""
    if None in (a.low, a.high, b.low, b.high):
        return False
    narrow, wide = sorted((a, b), key=lambda i: i.high - i.low)
    centre = (narrow.low + narrow.high) / 2
    return wide.low <= centre <= wide.high and narrow.high - narrow.low < wide.high - wide.low


def _round_bound_of(bound: Interval, exact: Interval) -> bool:
    """"mindestens 17" beside "17", "mehr als zehn" beside "elf", "more than 1,000" beside "1,200": the
    figure itself, or a round number below it and its next round step (the figure rounded down),
    not an older state of it."""
    if bound.high is not None or not bound.low or bound.low != int(bound.low) or exact.high is None:
        return False
    if exact.low is not None and (exact.low + exact.high) / 2 == bound.low:
        return True
    digits = str(int(bound.low))
    step = 10 ** (len(digits) - len(digits.rstrip("0")))
    return step >= 10 and exact.high < bound.low + step


def components(edges: list[Edge], disagreeing: Callable[[Edge], bool]) -> Iterator[tuple[list[Mention], list[Edge]]]:
    """Mentions linked by aligned comparisons, each group holding at least one `disagreeing` edge."""
    key = lambda m: (m.doc, m.start)  # noqa: E731
    root = linked_groups((key(e.a), key(e.b)) for e in edges)
    groups: dict = {}
    for edge in edges:
        groups.setdefault(root[key(edge.a)], []).append(edge)
    for group in groups.values():
        kept = _one_figure_per_article(group)
        edges_kept = [e for e in group if key(e.a) in kept and key(e.b) in kept]
        if any(disagreeing(e) for e in edges_kept):
            yield sorted(kept.values(), key=lambda m: (m.doc, m.start)), edges_kept


def _one_figure_per_article(group: list[Edge]) -> dict[tuple[str, int], Mention]:
    """Where one article gives disagreeing figures in a group (6,8 for the quake, 5,1 for an
    aftershock), keep the one best aligned with the other articles and those agreeing with it."""
    support: dict[tuple[str, int], tuple[float, Mention]] = {}
    for edge in group:
        for mention in (edge.a, edge.b):
            k = (mention.doc, mention.start)
            support[k] = (max(support.get(k, (0.0, mention))[0], edge.confidence), mention)
    kept: dict[tuple[str, int], Mention] = {}
    for doc in sorted({k[0] for k in support}):
        ranked = sorted((v for k, v in support.items() if k[0] == doc), key=lambda cm: (-cm[0], cm[1].start))
        best = stated_interval(ranked[0][1].value)
        for _, mention in ranked:
            if stated_interval(mention.value).overlaps(best):
                kept[(mention.doc, mention.start)] = mention
    return kept


def sides(mentions: list[Mention]) -> list[int]:
    """Mentions whose intervals all overlap share a side; agreeing articles never count as a conflict."""
    return agreeing_sides(mentions, lambda m, o: stated_interval(m.value).overlaps(stated_interval(o.value)))


def describe(value: QuantityValue) -> str:
    what = value.counted or ""
    if value.dimension == "position":  # "minute 26", "floor [14, 15]": the scale, in one language
        return f"{value.counted_key} {value.interval.describe().removeprefix('= ')}"
    unit = f" {value.unit}" if value.unit and value.dimension != "count" else ""
    of = {"part": " of the", "whole": ""}.get(value.partitive or "", "")
    whole = " in all" if value.partitive == "whole" else ""
    return f"{value.interval.describe()}{unit}{of} {what}{whole}".strip()


@lru_cache(maxsize=1)
def _cumulative() -> dict:
    return load_data("cumulative_figures.yaml")


def is_cumulative(value: QuantityValue) -> bool:
    """A figure that changes as a story develops: a toll, an area burned, a gauge reading."""
    key = (value.counted_key or "").lower()
    data = _cumulative()
    return (
        value.dimension in data["dimensions"] or key in data["concepts"] or is_state(value)
        or (bool(key) and any(key.startswith(s) for s in data["stems"]))
    )


def is_state(value: QuantityValue) -> bool:
    return (value.counted_key or "") in _cumulative()["states"]


@lru_cache(maxsize=4)
def _cue(section: str, lang: str) -> re.Pattern:
    return literal_alternation(_cumulative()[section].get(lang, []))


def _said_with(ctx: RuleContext, mention: Mention, section: str) -> bool:
    claim = ctx.claim_of(mention)
    return claim is not None and bool(_cue(section, ctx.language(claim)).search(claim.sentence.text.lower()))


def is_running(ctx: RuleContext, mention: Mention) -> bool:
    """Said as a count still in progress ("bislang 9.000", "leading in 16 districts")."""
    return _said_with(ctx, mention, "running_cues")


def _published_before(a: Article, b: Article) -> bool:
    """Known to be older: an earlier day, or the same day at an earlier stated time."""
    pa, pb = a.published, b.published
    if not (pa and pb and pa.start and pb.start):
        return False
    if pa.start != pb.start:
        return pa.start < pb.start
    return bool(pa.time and pb.time and pa.time < pb.time)


def is_update(ctx: RuleContext, edge: Edge) -> bool:
    """Two statements of a figure that may have changed in between: a cumulative figure in articles
    published apart, or a provisional count ("bislang", "leading in") followed by a later one. A
    position ("in the 26th minute") places an event once: it has no later state."""
    if edge.a.value.dimension == "position":
        return False
    if (is_cumulative(edge.a.value) or is_cumulative(edge.b.value)) and _published_apart(ctx, [edge.a, edge.b]):
        return True
    return _provisional_first(ctx, edge)


def _provisional_first(ctx: RuleContext, edge: Edge) -> bool:
    """The older of two disagreeing figures was said as provisional: the later one may be its
    update. Compatible figures ("mehr als 2 Mrd." beside "der bisher größte Auftrag über 2,5 Mrd.")
    are no update of anything."""
    older = [(m, o) for m, o in ((edge.a, edge.b), (edge.b, edge.a)) if _published_before(ctx.articles[m.doc], ctx.articles[o.doc])]
    return edge.disjoint and bool(older) and (is_running(ctx, older[0][0]) or is_revision(ctx, older[0][1]))


def is_revision(ctx: RuleContext, mention: Mention) -> bool:
    """Said as a correction of an earlier figure ("four times its first estimate", "nach oben korrigiert")."""
    return _said_with(ctx, mention, "revision_cues")


def side_summary(mentions: list[Mention], assigned: list[int]) -> str:
    parts = []
    for side in sorted(set(assigned)):
        members = [m for m, s in zip(mentions, assigned) if s == side]
        docs = ", ".join(sorted({m.doc for m in members}))
        parts.append(f"{describe(members[0].value)} ({docs})")
    return " vs ".join(parts)


class QuantityConflict(Rule):
    """Articles state one figure as amounts that cannot both be true.

    Compares quantities in aligned claims of different articles that count or measure the same
    thing (same counted noun, same dimension after unit conversion). Qualifiers become intervals
    ("mehr als 1.000" is (1000, ∞), "bis zu 1000" is [0, 1000]); an exact figure covers what
    rounds to it, so "68,7 Mrd." and "69 Mrd." agree. Vague amounts ("Hunderte") never conflict.
    Figures that change over time are left to figure-updated when the articles were published at
    different times: cumulative tolls, and a count the older article gave as provisional
    ("bislang 9.000", "leading in 16 districts") with its later figure. An amount of money, a
    percentage or a duration is compared by what it measures, read from the words governing it
    (profit, a change in revenue, a prison term), and only with an amount of the same facets (a
    previous-year figure, a forecast, a statutory maximum, an amount per share or an average are
    other figures), the same stated period and basis, dates of its own clause that can overlap,
    and the same people named; such amounts are also compared between sentences alignment did not
    pair, each with its most similar counterpart. A party's demand or offer is a position, not
    a fact, and is not compared. A partitive's part ("zwei der vier Waggons") is compared only
    with parts, its whole only with wholes. A position on a scale ("in der 26.
    Minute") is compared only with the same scale, and only where each sentence places one event
    and both name the same people: a match has several goals.

    Why: a wrong figure is the most common factual error that survives editing, and the one
    readers notice first.

    Example: "mehr als 1.000 Container" (> 1,000) vs "bis zu 1000 Container" (≤ 1,000): no overlap, error.
    """

    code = "FD101"
    name = "quantity-conflict"
    kind = "quantity"
    default_severity = Severity.error

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for mentions, group in components(quantity_edges(ctx), lambda e: e.disjoint):
            if any(is_cumulative(m.value) for m in mentions) and _published_apart(ctx, mentions):
                continue
            if all(is_update(ctx, e) for e in group if e.disjoint):
                continue  # provisional counts and their later figures: figure-updated's warning
            yield self._finding(ctx, mentions, group)

    def _finding(self, ctx: RuleContext, mentions: list[Mention], group: list[Edge]) -> Finding:
        # A figure compatible with every other ("mehr als 14.000" beside 30.000 and 40.000) shows no
        # disagreement, and is often a different count: it is not cited.
        mentions = with_restatements(ctx, [m for m in mentions if any(_disjoint(m, o) for o in mentions)])
        assigned = sides(mentions)
        confidence = max(e.confidence for e in group if e.disjoint)
        severity = ctx.error_or_warning(confidence)
        summary = side_summary(mentions, assigned)
        return self.finding(
            ctx,
            severity=severity,
            message=f"Conflicting figures for {_counted(mentions)}: {summary}",
            explanation=f"{summary}: the intervals do not overlap, so the articles cannot both be right about the same figure.",
            confidence=confidence,
            evidence=[(m, s, describe(m.value)) for m, s in zip(mentions, assigned)],
            identity=[f"{m.doc}={stated_interval(m.value).describe()}" for m in mentions],
        )


class FigureUpdated(Rule):
    """A figure that changes over time (a death toll, a gauge, a count in progress) differs between articles published at different times.

    Tolls rise as a story develops; a lower figure in an older article is an update, not an
    error. The finding names the newer article so an editor can bring the older one up to date.
    Changing figures are tolls (the dead, injured, missing, evacuated, taken to hospital; "one
    worker", "a third worker has died" count the dead), readings of a state (a river gauge, the share
    of a fire contained), compared even when dated on different days of the same week, and any count
    the older article gave as provisional ("bislang", "nach ersten Angaben", "so far", "leading in").
    Tolls of one concept are compared across similar sentences that alignment did not pair; a
    sentence looking back or dated more than a week before its article is never compared.

    Why: outdated tolls are common and worth correcting, but calling them contradictions would
    bury real ones.

    Example: "mindestens 12 Tote" (published 06:10) vs "mindestens 31 Tote" (published 14:30): updated, warning.
    """

    code = "FD102"
    name = "figure-updated"
    kind = "quantity"
    default_severity = Severity.warning

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        updates = [e for e in quantity_edges(ctx, readings=True) if is_update(ctx, e) and not (_part_of_toll(ctx, e.a) or _part_of_toll(ctx, e.b))]
        for mentions, group in components(updates, lambda e: e.differs):
            if not _published_apart(ctx, mentions):
                continue
            ordered = publication_order([ctx.articles[m.doc] for m in mentions])
            # the newest is known only if no other article may be later ("13 Aug" beside "13 Aug 09:15")
            latest = list(dict.fromkeys(a.id for a in ordered if not any(_published_before(a, b) for b in ordered)))
            newest = " or ".join(latest) if latest else None
            mentions = with_restatements(ctx, _one_per_value(mentions, ctx))
            if len({m.doc for m in mentions}) < 2:
                continue
            stated = sorted({stated_interval(m.value).describe() for m in mentions})
            assigned = [stated.index(stated_interval(m.value).describe()) for m in mentions]
            summary = side_summary(mentions, assigned)
            undated = sorted({m.doc for m in mentions} - {a.id for a in ordered})
            newer = f"; newest: {newest}" if newest else ""
            newer += f"; publication time unknown: {', '.join(undated)}" if undated else ""
            yield self.finding(
                ctx,
                severity=self.default_severity,
                message=f"Figure for {_counted(mentions)} differs between articles published at different times{newer}",
                explanation=f"{summary}: a cumulative figure that changes over time; check that older articles are updated.",
                confidence=max(e.confidence for e in group),
                evidence=[(m, s, describe(m.value)) for m, s in zip(mentions, assigned)],
                identity=[f"{m.doc}={stated_interval(m.value).describe()}" for m in mentions],
            )


def _part_of_toll(ctx: RuleContext, mention: Mention) -> bool:
    """A toll below one its own article states for the present ("One person was killed when ..."
    beside "at least four people were killed", or the "17" of "von 17 auf 43"): a part or an
    earlier state of the toll, not the article's figure for it."""
    value = mention.value
    if not is_cumulative(value) or value.dimension != "count":
        return False
    high = stated_interval(value).high
    for claim in ctx.claims_of(mention.doc):
        if not _about_present(ctx, claim):
            continue
        for other in claim.of_kind("quantity"):
            same = (other.value.counted_key, other.value.partitive) == (value.counted_key, value.partitive)
            low = stated_interval(other.value).low
            if same and not other.value.vague and high is not None and low is not None and low >= high and _disjoint(mention, other):
                return True
    return False


def with_restatements(ctx: RuleContext, mentions: list[Mention]) -> list[Mention]:
    """Every place an article states the same figure (headline and body): each is a place to correct."""
    found = {(m.doc, m.start): m for m in mentions}
    for mention in mentions:
        interval = stated_interval(mention.value)
        for claim in ctx.claims_of(mention.doc):
            for other in claim.of_kind("quantity"):
                same = (other.value.counted_key, other.value.dimension, other.value.partitive) == (
                    mention.value.counted_key, mention.value.dimension, mention.value.partitive
                )
                if same and not other.value.vague and stated_interval(other.value) == interval:
                    found.setdefault((other.doc, other.start), other)
    return sorted(found.values(), key=lambda m: (m.doc, m.start))


def _one_per_value(mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The earliest statement of each value: a later article restating it (in other units) adds nothing to the update."""
    ordered = sorted(mentions, key=lambda m: (_published_key(ctx.articles[m.doc]), m.doc, m.start))
    kept: list[Mention] = []
    for mention in ordered:
        interval = stated_interval(mention.value)
        same = [k for k in kept if interval.overlaps(stated_interval(k.value)) and not _differ(interval, stated_interval(k.value))]
        if not same:
            kept.append(mention)
        elif same[0].doc == mention.doc and _narrower(interval, stated_interval(same[0].value)):
            kept[kept.index(same[0])] = mention  # "1,180 deaths" beside "more than a thousand": cite the figure
    return sorted(kept, key=lambda m: (m.doc, m.start))


def _narrower(a: Interval, b: Interval) -> bool:
    width = lambda i: float("inf") if i.low is None or i.high is None else i.high - i.low  # noqa: E731
    return width(a) < width(b)


def _published_key(article: Article) -> tuple:
    p = article.published
    return (0, p.start, p.time or "") if p and p.start else (1,)


def _counted(mentions: list[Mention]) -> str:
    names = [m.value.counted for m in mentions if m.value.counted] or [m.value.counted_key.replace("_", " ") for m in mentions if m.value.counted_key]
    return f"“{names[0]}”" if names else "one figure"


def _published_apart(ctx: RuleContext, mentions: list[Mention]) -> bool:
    articles: list[Article] = [ctx.articles[d] for d in {m.doc for m in mentions}]
    stamps = {(a.published.start, a.published.time) if a.published else None for a in articles}
    return None in stamps or len(stamps) > 1


RULES = [QuantityConflict, FigureUpdated]
