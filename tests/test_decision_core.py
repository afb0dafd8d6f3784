"""The decision core on hand-built frames: value comparison, candidates, features, the model, the policy,
the verdicts' grouping into sides, and explain. No embedder: vectors are made by hand.

Every sentence here is invented."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from checker.candidates import propose
from checker.compare import compare_dates, compare_figures, compare_places
from checker.decide import LEAF, DecisionModel, Policy, Tree, decide
from checker.explain import explain_pair, parse_position
from checker.features import features
from checker.models import (
    AlignedPair, Article, Claim, DateValue, Frame, Interval, Mention, PlaceValue, QuantityValue, Sentence, Slot,
)
from checker.verdicts import judge
from rules.base import RuleContext
from rules.figure_updated import FigureUpdated
from rules.quantity_conflict import QuantityConflict
from rules.registry import select_rules


def figure(low, high="=", qualifier=None, counted="passengers", precision=1.0, dimension="count") -> QuantityValue:
    """An exact figure by default; high=None is open upwards ("more than"), open below when low is None."""
    high = low if high == "=" else high
    interval = Interval(low=low, high=high, low_closed=qualifier != "more_than")
    return QuantityValue(
        interval=interval, qualifier=qualifier, counted_key=counted, dimension=dimension, precision=precision,
    )


def mention(doc: str, start: int, text: str, value) -> Mention:
    kind = {"quantity": "quantity", "date": "date", "place": "place"}[value.type]
    return Mention(kind=kind, doc=doc, start=start, end=start + len(text), text=text, value=value)


def frame(doc: str, index: int, slots: list[tuple[str, Mention]], published=dt.date(2026, 3, 2), **extra) -> Frame:
    claim = f"{doc}#{index}"
    built = Frame(claim=claim, doc=doc, lang="en", published=published, **extra)
    built.slots = [
        Slot(id=f"{claim}/{i}", kind=kind, claim=claim, doc=doc, mention=m, measure=getattr(m.value, "counted_key", None))
        for i, (kind, m) in enumerate(slots)
    ]
    return built


# --------------------------------------------------------------------------- values


def test_figures_disjoint_compatible_and_differently_stated():
    assert compare_figures(figure(340), figure(520)).name == "disjoint"
    assert compare_figures(figure(1000, None, "more_than"), figure(0, 1000, "up_to")).name == "disjoint"
    assert compare_figures(figure(12, None, "at_least"), figure(15)).name == "compatible"
    assert compare_figures(figure(17, None, "at_least"), figure(96, None, "at_least")).name == "differs"
    rounded = figure(69e6, precision=1e6, dimension="currency:EUR")
    assert compare_figures(figure(68.7e6, precision=0.1e6, dimension="currency:EUR"), rounded).name == "compatible"
    nobody, three = compare_figures(figure(0, 0, precision=1.0), figure(3, precision=1.0)), compare_figures(figure(2), figure(3))
    assert nobody.name == "disjoint" and nobody.gap > three.gap > 0  # "nobody" is further from three than two is


def test_vague_amounts_and_other_dimensions_are_not_compared():
    vague = figure(100, 999)
    vague.vague = True
    assert compare_figures(vague, figure(350)).name == "incomparable"
    assert compare_figures(figure(5, dimension="length"), figure(5)).name == "incomparable"


def test_dates_need_a_day_in_common():
    friday = DateValue(start=dt.date(2026, 5, 15), end=dt.date(2026, 5, 15))
    saturday = DateValue(start=dt.date(2026, 5, 16), end=dt.date(2026, 5, 16))
    may = DateValue(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31), granularity="month")
    assert compare_dates(friday, saturday).name == "disjoint"
    assert compare_dates(friday, may).name == "compatible"
    assert compare_dates(friday, DateValue(resolved=False)).name == "incomparable"


def test_a_deadline_holds_for_every_day_up_to_its_own():
    # "bis Freitag geräumt" against "am Donnerstag geräumt": done by Friday; "am Samstag" is after it
    by_friday = DateValue(start=dt.date(2026, 5, 15), end=dt.date(2026, 5, 15), deadline=True)
    thursday = DateValue(start=dt.date(2026, 5, 14), end=dt.date(2026, 5, 14))
    saturday = DateValue(start=dt.date(2026, 5, 16), end=dt.date(2026, 5, 16))
    assert compare_dates(by_friday, thursday).name == compare_dates(thursday, by_friday).name == "compatible"
    assert compare_dates(by_friday, saturday).name == "disjoint"
    assert compare_dates(by_friday.model_copy(update={"deadline": False}), thursday).name == "disjoint"


def test_a_bare_weekday_resolved_in_another_week_is_not_a_conflict():
    # "on Thursday" read from a Monday article and from the next Monday's: the same weekday, a week apart
    thursday = DateValue(start=dt.date(2026, 5, 14), end=dt.date(2026, 5, 14), weekday_only=True)
    next_thursday = DateValue(start=dt.date(2026, 5, 21), end=dt.date(2026, 5, 21), weekday_only=True)
    stated_thursday = DateValue(start=dt.date(2026, 5, 21), end=dt.date(2026, 5, 21))
    friday = DateValue(start=dt.date(2026, 5, 22), end=dt.date(2026, 5, 22), weekday_only=True)
    assert compare_dates(thursday, next_thursday).name == "compatible"
    assert compare_dates(thursday, stated_thursday).name == "compatible"
    assert compare_dates(thursday, friday).name == "disjoint"
    # two stated dates a week apart stay two days
    assert compare_dates(stated_thursday, DateValue(start=dt.date(2026, 5, 14), end=dt.date(2026, 5, 14))).name == "disjoint"


def test_places_contained_are_compatible(monkeypatch):
    from checker import compare as compare_module

    class Stub:
        def relation(self, a, b, near, town):
            return {("a", "b"): "inside", ("a", "c"): "disjoint"}.get((a, b), "unknown")

        def distance_km(self, a, b):
            return 120.0

    monkeypatch.setattr(compare_module.Gazetteer, "load", staticmethod(lambda: Stub()))
    town, region, other = (PlaceValue(key=k, canonical=k.upper()) for k in "abc")
    assert compare_places(town, region).name == "compatible"
    assert compare_places(town, other).name == "disjoint"
    assert compare_places(town, PlaceValue(key="z", canonical="Z")).name == "incomparable"


# --------------------------------------------------------------------------- candidates and features


def _two_articles(value_a, value_b, similar=True):
    fa = frame("a", 0, [("figure", mention("a", 10, "340 passengers", value_a))], participants=["ferry co"])
    fb = frame("b", 0, [("figure", mention("b", 20, "520 passengers", value_b))], participants=["ferry co"])
    other = frame("b", 1, [("figure", mention("b", 90, "12 crew", figure(12, counted="crew")))])
    vectors = {
        fa.claim: np.array([1.0, 0.0]), fb.claim: np.array([1.0, 0.0]) if similar else np.array([0.0, 1.0]),
        other.claim: np.array([0.6, 0.8]),
    }
    aligned = [AlignedPair(a=fa.claim, b=fb.claim, similarity=1.0, margin=0.2)]
    return {f.claim: f for f in (fa, fb, other)}, vectors, aligned


def test_candidates_record_why_each_pair_was_proposed():
    frames, vectors, aligned = _two_articles(figure(340), figure(520))
    proposals = list(propose(frames, vectors, aligned))
    main = next(p for p in proposals if p.candidate.b == "b#0/0")
    assert {"aligned", "neighbour", "same_measure", "shared_participant"} <= set(main.candidate.reasons)
    crew = next(p for p in proposals if p.candidate.b == "b#1/0")
    assert "same_measure" not in crew.candidate.reasons and "neighbour" in crew.candidate.reasons


def test_features_are_named_numbers():
    frames, vectors, aligned = _two_articles(figure(340), figure(520))
    proposal = next(p for p in propose(frames, vectors, aligned) if p.candidate.b == "b#0/0")
    relation = compare_figures(proposal.slot_a.mention.value, proposal.slot_b.mention.value)
    values = features(proposal.slot_a, proposal.slot_b, proposal.pair, relation, proposal.candidate.reasons, proposal.support)
    assert values["kind_figure"] == 1.0 and values["disjoint"] == 1.0 and values["measure_same"] == 1.0
    assert values["best_match"] == 1.0 and values["similarity"] == pytest.approx(1.0)
    assert all(isinstance(v, float) for v in values.values())


def test_third_articles_say_whether_two_values_are_one_fact_or_two():
    frames, vectors, aligned = _two_articles(figure(340), figure(520))
    # a third article states 340 and, elsewhere, 520: two facts, each true
    c0 = frame("c", 0, [("figure", mention("c", 5, "340 passengers", figure(340)))])
    c1 = frame("c", 1, [("figure", mention("c", 60, "520 passengers", figure(520)))])
    frames.update({c0.claim: c0, c1.claim: c1})
    vectors.update({c0.claim: np.array([0.0, 1.0]), c1.claim: np.array([0.0, 1.0])})
    support = next(p for p in propose(frames, vectors, aligned) if (p.candidate.a, p.candidate.b) == ("a#0/0", "b#0/0")).support
    assert (support.third_both, support.third_only_a, support.third_only_b, support.third_articles) == (1, 0, 0, 1)
    # without its second sentence it takes a side: 340
    del frames[c1.claim]
    support = next(p for p in propose(frames, vectors, aligned) if (p.candidate.a, p.candidate.b) == ("a#0/0", "b#0/0")).support
    assert (support.third_both, support.third_only_a, support.third_only_b) == (0, 1, 0)
    relation = compare_figures(figure(340), figure(520))
    proposal = next(p for p in propose(frames, vectors, aligned) if (p.candidate.a, p.candidate.b) == ("a#0/0", "b#0/0"))
    values = features(proposal.slot_a, proposal.slot_b, proposal.pair, relation, proposal.candidate.reasons, proposal.support)
    assert values["third_one_side"] == 1.0 and values["third_both"] == 0.0 and values["third_articles"] == 1.0


# --------------------------------------------------------------------------- model and policy


def model_on(feature: str, weight: float = 4.0, intercept: float = -2.0, policy: Policy = Policy()) -> DecisionModel:
    """One tree of one split: `feature` above 0.5 adds `weight` to the log-odds (the average candidate: half)."""
    stump = Tree(feature=[0, LEAF, LEAF], threshold=[0.5, 0.0, 0.0], left=[1, 0, 0], right=[2, 0, 0],
                 value=[weight / 2, 0.0, weight])
    return DecisionModel(features=[feature], base_score=intercept, trees=[stump], policy=policy)


def test_model_probability_and_contributions():
    model = model_on("measure_same")
    probability, shares = model.explained({"measure_same": 1.0})
    assert probability == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert model.explained({})[0] < 0.5
    assert shares == [("measure_same", 2.0)]  # from the average candidate's score (half the weight) to the leaf's
    assert model.explained_many([{"measure_same": 1.0}, {}])[1] == model.explained({})


def test_policy_severities():
    policy = Policy(warning_at=0.5, error_at=0.8)
    assert decide(0.9, "disjoint", policy, update=False, forecast=False).severity == "error"
    assert decide(0.9, "differs", policy, update=False, forecast=False).severity == "warning"
    assert decide(0.9, "disjoint", policy, update=False, forecast=True).severity == "warning"
    assert decide(0.6, "disjoint", policy, update=False, forecast=False).severity == "warning"
    assert decide(0.4, "disjoint", policy, update=False, forecast=False).severity is None
    assert decide(0.99, "disjoint", policy, update=True, forecast=False).severity == "info"


def test_rule_settings_are_typed():
    with pytest.raises(ValueError, match="FD101.*warnng_at"):
        QuantityConflict(settings={"warnng_at": 0.3})
    with pytest.raises(ValueError, match="FD501"):
        select_rules(settings={"FD501": {"warning_at": 0.3}})
    assert QuantityConflict(settings={"warning_at": 0.3}).settings.warning_at == 0.3


# --------------------------------------------------------------------------- verdicts and explain


def _context(frames: dict[str, Frame]) -> RuleContext:
    texts = {"a": "x" * 200, "b": "y" * 200}
    articles = {d: Article(id=d, path=f"{d}.txt", text=t) for d, t in texts.items()}
    claims = {}
    for f in frames.values():
        sentence = Sentence(doc=f.doc, index=int(f.claim.split("#")[1]), start=0, end=200, text=texts[f.doc][:200])
        claims[f.claim] = Claim(id=f.claim, doc=f.doc, sentence=sentence, mentions=[s.mention for s in f.slots])
    return RuleContext(articles=articles, claims=claims, pairs=[])


def test_verdict_groups_sides_and_records_every_no():
    frames, vectors, aligned = _two_articles(figure(340), figure(520))
    model = model_on("measure_same", policy=Policy(warning_at=0.5, error_at=0.8))
    verdicts = judge(frames, vectors, aligned, [QuantityConflict(), FigureUpdated()], model, _context(frames))
    (finding,) = verdicts.findings
    assert finding.rule == "FD101" and finding.severity.value == "error"
    assert sorted(e.side for e in finding.evidence) == [0, 1]
    assert [g.name for g in finding.trace] == ["proposed", "values", "model", "policy"]
    crew = next(c for c in verdicts.candidates if c.b == "b#1/0")
    assert crew.verdict == "none" and crew.gates[-1].passed is False


def test_running_count_later_larger_is_an_update():
    frames, vectors, aligned = _two_articles(figure(17, counted="dead"), figure(43, counted="dead"))
    frames["b#0"].published = dt.date(2026, 3, 3)
    model = model_on("measure_same")
    verdicts = judge(frames, vectors, aligned, [QuantityConflict(), FigureUpdated()], model, _context(frames))
    assert [(f.rule, f.severity.value) for f in verdicts.findings] == [("FD102", "info")]


def test_explain_says_where_a_pair_stopped():
    frames, vectors, aligned = _two_articles(figure(340), figure(520))
    model = model_on("measure_same", intercept=-9.0)
    verdicts = judge(frames, vectors, aligned, [QuantityConflict()], model, _context(frames))

    class Result:
        pass

    result = Result()
    result.frames, result.candidates = frames, verdicts.candidates
    text = explain_pair(result, "a", 12, "b", 22)
    assert "✓ extracted" in text and "✗ policy: probability" in text
    assert "nothing comparable was extracted at a:150" in explain_pair(result, "a", 150, "b", 22)
    assert parse_position("01_wire:1234") == ("01_wire", 1234)
    with pytest.raises(ValueError):
        parse_position("01_wire")


def test_each_article_is_compared_with_its_most_linked_partners_only():
    """Twenty articles all linked to each other: each keeps PARTNERS partners, so the pairs grow with the
    articles, not with their square; a batch of a few articles keeps every linked pair."""
    from checker.candidates import PARTNERS, _partner_pairs

    docs = [f"d{i:02d}" for i in range(20)]
    frames = {f"{d}#0": Frame(claim=f"{d}#0", doc=d, lang="en") for d in docs}
    aligned = [AlignedPair(a=f"{a}#0", b=f"{b}#0", similarity=0.9, margin=0.1) for i, a in enumerate(docs) for b in docs[i + 1:]]
    pairs = _partner_pairs(frames, aligned, set(docs))
    assert len(pairs) <= len(docs) * PARTNERS
    assert all(sum(d in pair for pair in pairs) >= PARTNERS for d in docs)
    few = docs[:5]
    assert len(_partner_pairs(frames, [p for p in aligned if p.a[:3] in few and p.b[:3] in few], set(few))) == 10


def test_a_failing_rule_is_said_and_the_others_still_report():
    from checker.pipeline import _batch_rules
    from rules.base import Rule

    class Broken(Rule):
        code = "FD998"

        def check(self, ctx):
            raise KeyError("no such claim")

    class Works(Rule):
        code = "FD999"

        def check(self, ctx):
            return ["a finding"]

    findings, failures = _batch_rules([Broken(), Works()], _context({}))
    assert findings == ["a finding"]
    assert failures == ["rule FD998 failed and reported nothing for this batch: KeyError: 'no such claim'"]


def test_a_pair_that_cannot_be_decided_is_recorded_and_the_others_are_decided(monkeypatch):
    import checker.verdicts as verdicts

    frames, vectors, aligned = _two_articles(figure(340), figure(520))
    real = verdicts.compare

    def flaky(a, b, fa, fb):
        if b.id == "b#1/0":
            raise ValueError("odd value")
        return real(a, b, fa, fb)

    monkeypatch.setattr(verdicts, "compare", flaky)
    result = judge(frames, vectors, aligned, [QuantityConflict()], model_on("measure_same"), _context(frames))
    crew = next(c for c in result.candidates if c.b == "b#1/0")
    assert crew.gates[-1].name == "error" and "odd value" in crew.gates[-1].detail
    assert [f.rule for f in result.findings] == ["FD101"]


# --------------------------------------------------------------------------- ages (FD406)


def test_ages_a_birthday_apart_agree_and_further_apart_are_disjoint():
    from checker.compare import compare_ages
    from checker.extract.ages import age_value

    assert compare_ages(age_value(52, "52-jährige"), age_value(53, "53-Jährige")).name == "compatible"
    assert compare_ages(age_value(58, "58-jährige"), age_value(58, "(58)")).name == "same"
    assert compare_ages(age_value(34, "34-year-old"), age_value(36, "36")).name == "disjoint"
    assert compare_ages(age_value(40, "in her forties", 49), age_value(46, "46")).name == "compatible"
    assert compare_ages(age_value(47, "in his late 40s", 49), age_value(38, "38-year-old")).name == "disjoint"


def test_an_age_is_its_own_slot_and_fd406_reports_it():
    from checker.extract.ages import age_value
    from rules.age_conflict import AgeConflict

    fa = frame("a", 0, [("age", mention("a", 4, "34-year-old", age_value(34, "34-year-old")))])
    fb = frame("b", 0, [("age", mention("b", 9, "36-year-old", age_value(36, "36-year-old")))])
    crew = frame("b", 1, [("figure", mention("b", 90, "36 crew", figure(36, counted="crew")))])
    for f, words in ((fa, ["skier", "hartigan"]), (fb, ["skier", "hartigan"])):
        f.slots[0].measure_lemmas = words
    frames = {f.claim: f for f in (fa, fb, crew)}
    vectors = {fa.claim: np.array([1.0, 0.0]), fb.claim: np.array([1.0, 0.0]), crew.claim: np.array([0.6, 0.8])}
    aligned = [AlignedPair(a=fa.claim, b=fb.claim, similarity=1.0, margin=0.2)]
    model = model_on("whose_words_overlap", policy=Policy(warning_at=0.5, error_at=0.8))
    verdicts = judge(frames, vectors, aligned, [QuantityConflict(), AgeConflict()], model, _context(frames))
    (finding,) = verdicts.findings
    assert finding.rule == "FD406" and finding.severity.value == "warning"  # the rule's ceiling
    assert all(c.kind == "age" for c in verdicts.candidates if c.a == "a#0/0" and c.b == "b#0/0")
    assert not any(c.b == "b#1/0" for c in verdicts.candidates)  # an age is never compared with a count


def test_fitted_trees_are_exported_exactly_and_round_trip(tmp_path):
    pytest.importorskip("sklearn")
    from checker.decide import load_model
    from checker.models import Candidate
    from checker.train import Row, fit, write_model

    rng = np.random.default_rng(7)
    rows = []
    for i in range(400):
        same, gap = float(rng.integers(0, 2)), float(rng.random())
        label = int(same and gap > 0.3 or rng.random() < 0.05)
        rows.append(Row("synthetic", Candidate(a=f"a{i}", b=f"b{i}", kind="figure", reasons=[], features={"measure_same": same, "gap_figure": gap}), label))
    model = fit(rows)  # fit itself checks the exported trees against the fitted booster
    assert model.explained({"measure_same": 1.0, "gap_figure": 0.9})[0] > 0.5 > model.explained({"measure_same": 0.0, "gap_figure": 0.9})[0]
    probability, shares = model.explained({"measure_same": 1.0, "gap_figure": 0.9})
    assert {name for name, _ in shares} <= {"measure_same", "gap_figure"}
    write_model(model, tmp_path / "model.json")
    again = load_model(str(tmp_path / "model.json"))
    assert again.explained({"measure_same": 1.0, "gap_figure": 0.9}) == (probability, shares)


def test_each_batch_is_judged_by_a_fold_model_that_never_saw_it():
    pytest.importorskip("sklearn")
    from checker.models import Candidate
    from checker.train import Row, fold_models

    rng = np.random.default_rng(3)
    rows_by_case = {}
    for case in [f"batch{i}" for i in range(10)]:
        rows_by_case[case] = [
            # each batch's rows carry one feature of its own: a model fitted on them knows its name
            Row(case, Candidate(a=f"{case}a{i}", b=f"{case}b{i}", kind="figure", reasons=[],
                                features={"measure_same": float(i % 2), f"only_{case}": 1.0}), int(i % 2 and rng.random() < 0.8))
            for i in range(40)
        ]
    judged = fold_models(rows_by_case, 5).judged
    assert sorted(case for case, _ in judged) == sorted(rows_by_case)
    assert len({id(model) for _, model in judged}) == 5
    for case, model in judged:
        assert f"only_{case}" not in model.features
        assert sum(f"only_{other}" in model.features for other in rows_by_case) >= 6


def test_calibration_states_how_often_each_raw_probability_was_right():
    pytest.importorskip("sklearn")
    from checker.train import fit_calibration

    # raw 0.9 right half the time, raw 0.2 never: an overconfident model
    pairs = [(0.9, 1)] * 50 + [(0.9, 0)] * 50 + [(0.2, 0)] * 100
    calibration = fit_calibration(pairs)
    assert calibration.apply(np.array([0.9]))[0] == pytest.approx(0.5)
    assert calibration.apply(np.array([0.2]))[0] == pytest.approx(0.0)
    assert calibration.apply(np.array([0.99]))[0] == pytest.approx(0.5)  # beyond the fitted range: the last knot
    between = calibration.apply(np.array([0.4, 0.6]))
    assert 0.0 < between[0] < between[1] < 0.5  # strictly rising between the steps: the trees' order is kept
    model = model_on("whose_words_overlap")
    raw, _ = model.explained({"whose_words_overlap": 1.0})
    calibrated, shares = model.model_copy(update={"calibration": calibration}).explained({"whose_words_overlap": 1.0})
    assert calibrated == pytest.approx(float(calibration.apply(np.array([raw]))[0]))
    assert shares == model.explained({"whose_words_overlap": 1.0})[1]  # the explanation is the trees' own


def test_each_fold_model_is_calibrated_on_the_other_folds_only():
    pytest.importorskip("sklearn")
    from checker.models import Candidate
    from checker.train import Row, fit_calibration, fold_models, held_out_pairs

    rng = np.random.default_rng(5)
    rows_by_case = {
        case: [Row(case, Candidate(a=f"{case}a{i}", b=f"{case}b{i}", kind="figure", reasons=[], features={"gap_figure": float(rng.random())}),
                   int(rng.random() < 0.3)) for i in range(60)]
        for case in [f"batch{i}" for i in range(10)]
    }
    folds = fold_models(rows_by_case, 5)
    for case, model in folds.judged:
        assert model.calibration is not None
        fold = {c for c, m in folds.judged if m is model}
        expected = fit_calibration(held_out_pairs([(c, m) for c, m in folds.judged if c not in fold], rows_by_case))
        assert model.calibration == expected
    # every labelled pair once, with its own fold model's raw probability
    assert sorted(folds.raw_pairs) == sorted(held_out_pairs(folds.judged, rows_by_case))


def test_a_second_statement_of_a_contradicted_value_is_labelled_as_the_contradiction():
    from checker.evaluate import Anchor, Gold, GoldItem
    from checker.models import Candidate
    from checker.train import rows_of

    lead = frame("a", 0, [("figure", mention("a", 0, "12 passengers", figure(12)))])
    body = frame("a", 5, [("figure", mention("a", 300, "12 passengers", figure(12)))])
    other = frame("b", 2, [("figure", mention("b", 100, "15 passengers", figure(15)))])
    unrelated = frame("a", 7, [("figure", mention("a", 400, "3 boats", figure(3, counted="boats")))])
    slots = {s.id: s for f in (lead, body, other, unrelated) for s in f.slots}
    gold = Gold(case="c", path="c", items=[GoldItem(id="c1", category="conflicts", kind="quantity", sides=[
        [Anchor(doc="a", text="12 passengers", start=300, end=313)], [Anchor(doc="b", text="15 passengers", start=100, end=113)]])])
    pairs = [Candidate(a=a, b="b#2/0", kind="figure", reasons=[], features={"gap_figure": 1.0}) for a in ("a#5/0", "a#0/0", "a#7/0")]
    assert [r.label for r in rows_of("c", pairs, slots, gold)] == [1, 1, 0]


def test_local_places_compare_within_their_kind():
    def local(name: str, kind: str = "site") -> PlaceValue:
        return PlaceValue(key=f"local:{kind}:{name.lower()}", canonical=name, kind="local", local_kind=kind)

    assert compare_places(local("Birkenstraße"), local("Kieler Straße")).name == "disjoint"
    assert compare_places(local("Ulmenbahnhof"), local("Ulmenbahnhof station")).name == "same"
    assert compare_places(local("Birkenstraße"), local("Wiesenau", "settlement")).name == "incomparable"
    town = PlaceValue(key="geonames:2950159", canonical="Berlin", kind="city")
    assert compare_places(local("Birkenstraße"), town).name == "incomparable"  # the street may lie in the town


def test_a_night_is_as_precise_as_a_day():
    from checker.features import _coarse

    night = DateValue(start=dt.date(2026, 5, 16), end=dt.date(2026, 5, 17), granularity="range")
    week = DateValue(start=dt.date(2026, 5, 11), end=dt.date(2026, 5, 17), granularity="range")
    may = DateValue(start=dt.date(2026, 5, 1), end=dt.date(2026, 5, 31), granularity="month")
    assert not _coarse(night) and _coarse(week) and _coarse(may)


# --------------------------------------------------------------------------- speakers (FD408)


def test_one_statement_put_in_two_mouths_is_reported_and_one_name_two_ways_is_not():
    from checker.compare import compare_people
    from checker.frames import _speaker_mention
    from checker.models import PersonValue
    from rules.speaker_conflict import SpeakerConflict

    assert compare_people("anton weber", "weber").name == "same"
    assert compare_people("anton weber", "ole krummholz").name == "disjoint"
    sentence = Sentence(doc="a", index=0, start=0, end=60, text="„Wir bauen weiter“, sagte ein Sprecher.")
    assert _speaker_mention(Claim(id="a#0", doc="a", sentence=sentence, speaker="ein Sprecher", speaker_span=(26, 38))) is None

    def said_by(doc: str, name: str) -> Frame:
        person = Mention(kind="person", doc=doc, start=30, end=30 + len(name), text=name,
                         value=PersonValue(key=name.lower(), canonical=name))
        built = frame(doc, 0, [("speaker", person)])
        built.slots[0].measure, built.slots[0].context = "statement", ["bauen", "weiter"]
        return built

    fa, fb = said_by("a", "Eva Roth"), said_by("b", "Ole Krummholz")
    frames = {f.claim: f for f in (fa, fb)}
    vectors = {fa.claim: np.array([1.0, 0.0]), fb.claim: np.array([1.0, 0.0])}
    aligned = [AlignedPair(a=fa.claim, b=fb.claim, similarity=1.0, margin=0.2)]
    model = model_on("clause_overlap", policy=Policy(warning_at=0.5, error_at=0.8))
    (finding,) = judge(frames, vectors, aligned, [SpeakerConflict()], model, _context(frames)).findings
    assert finding.rule == "FD408" and finding.severity.value == "warning"
