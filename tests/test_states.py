"""Yes/no facts (checker/extract/states.py, FD601): what is read as a state, how two states compare, and the
rule on hand-built frames without the embedder. Every sentence here is invented."""

from __future__ import annotations

import numpy as np
import pytest

from checker.annotate import annotate
from checker.candidates import propose
from checker.compare import compare_states
from checker.decide import Policy
from checker.extract import extract_claims
from checker.extract.states import extract
from checker.models import AlignedPair, Article, Mention, StateValue
from checker.segment import segment
from checker.verdicts import judge
from rules.state_conflict import StateConflict
from tests.test_decision_core import _context, frame, model_on


def states(text: str, lang: str = "de") -> list[tuple[str, str, str, bool]]:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    return [(m.text, m.value.key, m.value.value, m.value.negated) for m in extract(article, annotate(article, segment(article)))]


@pytest.mark.parametrize("text, lang, expected", [
    ("Die Lenkerin wurde nicht festgenommen.", "de", [("nicht festgenommen", "arrested", "no", True)]),
    ("Verletzt wurde bei der Kollision niemand.", "de", [("Verletzt wurde bei der Kollision niemand", "injured", "no", True)]),
    ("Der Kranführer blieb unverletzt.", "de", [("unverletzt", "injured", "no", False)]),
    ("Ein Monteur erlitt Schnittverletzungen.", "de", [("Schnittverletzungen", "injured", "yes", False)]),
    ("Die Fähre erreichte den Hafen aus eigener Kraft.", "de", [("aus eigener Kraft", "towed", "no", False)]),
    ("Zwei Ratsmitglieder enthielten sich.", "de", [("enthielten sich", "vote", "abstain", False)]),
    ("Nobody was hurt when the crane tipped over.", "en", [("Nobody was hurt", "injured", "no", True)]),
    ("The depot remained open all night.", "en", [("remained open", "operating", "yes", False)]),
    ("The freight train did not derail.", "en", [("not derail", "derailed", "no", True)]),
    ("The council has yet to sign the lease.", "en", [("yet to sign", "signed", "no", False)]),
    # a separable verb read by its joined lemma, once, however far its particle stands
    ("Die Polizei nahm den Kurier am Bahnhof fest.", "de", [("nahm", "arrested", "yes", False)]),
    ("Das Sommerfest fand wegen des Sturms nicht statt.", "de", [("fand wegen des Sturms nicht", "held", "no", True)]),
    # Swiss spelling: "Fuss" is read as "Fuß"
    ("Der Kurier ist wieder auf freiem Fuss.", "de", [("auf freiem Fuss", "arrested", "no", False)]),
])
def test_a_state_and_its_value_negation_applied(text, lang, expected):
    assert states(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("Unklar ist, ob jemand verletzt wurde.", "de"),  # asked, not stated
    ("Der Beifahrer wurde nicht schwer verletzt.", "de"),  # a degree, not a no
    ("Der Vertrag wurde gestern abgeschlossen.", "de"),  # a participle ending with a form is no compound noun
    ("It is not clear whether anyone was injured.", "en"),
])
def test_no_state_where_the_clause_asks_or_negates_a_degree(text, lang):
    assert states(text, lang) == []


def test_a_negation_reaches_only_its_own_clause():
    assert states("Der Fahrer wurde verletzt, nicht aber sein Hund.")[0][1:] == ("injured", "yes", False)


def value(key: str, said: str, negated: bool = False) -> StateValue:
    return StateValue(key=key, value=said, negated=negated)


def test_states_compare_by_value_and_denial():
    assert compare_states(value("arrested", "yes"), value("arrested", "no", True)).name == "disjoint"
    assert compare_states(value("arrested", "no"), value("arrested", "no", True)).name == "same"
    assert compare_states(value("vote", "against"), value("vote", "abstain")).name == "disjoint"
    assert compare_states(value("vote", "abstain", True), value("vote", "against")).name == "compatible"
    assert compare_states(value("vote", "abstain", True), value("vote", "abstain")).name == "disjoint"
    assert compare_states(value("injured", "yes"), value("arrested", "no")).name == "incomparable"


def state_mention(doc: str, start: int, text: str, state: StateValue) -> Mention:
    return Mention(kind="state", doc=doc, start=start, end=start + len(text), text=text, value=state)


def test_fd601_reports_a_yes_against_a_no_of_one_state_only():
    arrested = frame("a", 0, [("state", state_mention("a", 10, "festgenommen", value("arrested", "yes")))])
    free = frame("b", 0, [("state", state_mention("b", 20, "nicht festgenommen", value("arrested", "no", True)))])
    hurt = frame("b", 1, [("state", state_mention("b", 60, "verletzt", value("injured", "yes")))])
    for f in (arrested, free, hurt):
        f.slots[0].measure = f.slots[0].mention.value.key
    frames = {f.claim: f for f in (arrested, free, hurt)}
    vectors = {arrested.claim: np.array([1.0, 0.0]), free.claim: np.array([1.0, 0.0]), hurt.claim: np.array([0.9, 0.1])}
    aligned = [AlignedPair(a=arrested.claim, b=free.claim, similarity=1.0, margin=0.2)]
    model = model_on("state_one_negated", policy=Policy(warning_at=0.5, error_at=0.8))
    verdicts = judge(frames, vectors, aligned, [StateConflict()], model, _context(frames))
    (finding,) = verdicts.findings
    assert finding.rule == "FD601" and finding.severity.value == "warning"  # the rule's ceiling
    assert {(e.doc, e.start, e.end) for e in finding.evidence} == {("a", 10, 22), ("b", 20, 38)}
    assert not any(c.b == "b#1/0" or c.a == "b#1/0" for c in verdicts.candidates)  # another state is never compared


def test_a_lexicon_state_is_proposed_wherever_it_stands_a_negated_word_only_nearby():
    # two paragraphs apart, no alignment: the lexicon's "side" is a measure of its own, a negated word is not
    def pair(state_a: StateValue, state_b: StateValue) -> list[str]:
        fa = frame("a", 0, [("state", state_mention("a", 10, "linken", state_a))])
        fb = frame("b", 0, [("state", state_mention("b", 20, "right", state_b))])
        # four sentences of each article stand nearer to the other's state than its own state does
        near_a, near_b = [frame("a", i, []) for i in range(1, 5)], [frame("b", i, []) for i in range(1, 5)]
        for f in (fa, fb):
            f.slots[0].measure = f.slots[0].mention.value.key
        frames = {f.claim: f for f in (fa, fb, *near_a, *near_b)}
        vectors = {fa.claim: np.array([1.0, 0.0]), fb.claim: np.array([0.0, 1.0]),
                   **{f.claim: np.array([0.0, 1.0]) for f in near_a}, **{f.claim: np.array([1.0, 0.0]) for f in near_b}}
        aligned = [AlignedPair(a=fa.claim, b=near_b[0].claim, similarity=1.0, margin=0.2)]
        return [r for p in propose(frames, vectors, aligned) for r in p.candidate.reasons]

    assert pair(value("side", "left"), value("side", "right")) == ["same_measure"]
    negated = StateValue(key="notbetreuung", value="no", negated=True, generic=True)
    assert pair(negated, StateValue(key="notbetreuung", value="yes", generic=True)) == []


def generic(text: str, lang: str = "de") -> list[tuple[str, str]]:
    article = Article(id="a", path="a.txt", text=text, lang=lang)
    claims = extract_claims(article, annotate(article, segment(article)), [])
    return [(m.value.key, m.value.value) for c in claims for m in c.mentions if m.kind == "state" and m.value.generic]


def test_a_negated_word_outside_the_lexicon_is_a_fact_with_the_value_no():
    assert generic("Einen Ersatzbus wird es in Marburg nicht geben.") == [("ersatzbus", "no")]  # a place says where
    assert generic("The mill had not been insured.", "en") == [("insure", "no")]
    assert generic("Nach Angaben der Sprecherin gab es keinen Ersatzbus.") == [("ersatzbus", "no")]  # who said it is not denied
    assert generic("Der Lotse wurde nicht festgenommen.") == []  # a state of the lexicon took the negation


def test_a_word_negated_in_one_article_is_affirmed_where_another_states_it():
    from checker.frames import add_affirmations, build_frames

    texts = {"a": "Einen Ersatzbus wird es nicht geben.", "b": "Ein Ersatzbus fährt ab Montag stündlich.",
             "c": "Ob ein Ersatzbus fährt, ist offen."}
    articles = {d: Article(id=d, path=f"{d}.txt", text=t, lang="de") for d, t in texts.items()}
    claims = {d: extract_claims(a, annotate(a, segment(a)), []) for d, a in articles.items()}
    frames = {f.claim: f for d, a in articles.items() for f in build_frames(a, claims[d])}
    add_affirmations(frames, {c.id: c for cs in claims.values() for c in cs}, articles)
    said = {(f.doc, s.measure, s.mention.value.value) for f in frames.values() for s in f.slots if s.kind == "state"}
    assert ("a", "ersatzbus", "no") in said and ("b", "ersatzbus", "yes") in said
    assert not any(doc == "c" for doc, _, _ in said)  # asked, not stated
