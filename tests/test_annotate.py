"""The token layer (checker/annotate.py): lemmas every stage reads. Every sentence here is invented."""

from __future__ import annotations

import pytest

from checker.annotate import tokens


def lemmas(text: str, lang: str = "de", ss_for_sharp_s: bool = False) -> dict[str, str]:
    return {t.text: t.lemma for t in tokens(text, 0, lang, ss_for_sharp_s) if t.text[:1].isalpha()}


@pytest.mark.parametrize("text, verb, particle, joined", [
    ("Die Wirtin sagte das Dorffest am Freitag ab.", "sagte", "ab", "absagen"),
    ("Der Bürgermeister trat nach drei Jahren zurück.", "trat", "zurück", "zurücktreten"),
    ("Die Preise stiegen im Herbst deutlich an, sagte sie.", "stiegen", "an", "ansteigen"),
])
def test_a_separable_verb_and_its_particle_share_the_joined_lemma(text, verb, particle, joined):
    found = lemmas(text)
    assert found[verb] == found[particle] == joined
    assert [t.particle for t in tokens(text, 0, "de") if t.text == particle] == [True]


@pytest.mark.parametrize("text", [
    "Der Zug fuhr nach Basel.",  # no particle ends the clause
    "Sie wartete, bis der Regen nachließ.",  # a subordinate clause: the verb is whole
    "He gave up.",  # English phrasal verbs keep their words
])
def test_no_particle_no_join(text):
    lang = "en" if text.startswith("He") else "de"
    assert not any(t.particle for t in tokens(text, 0, lang))


def test_a_particle_joins_only_its_own_clause():
    found = lemmas("Die Wirtin lachte, und der Regen hörte auf.")  # "auflachen" is a verb too, in another clause
    assert (found["lachte"], found["hörte"]) == ("lachen", "aufhören")


def test_swiss_spelling_takes_the_sharp_s_lemma():
    swiss = lemmas("Der Wanderer verletzte sich am Fuss auf der Strasse.", ss_for_sharp_s=True)
    standard = lemmas("Der Wanderer verletzte sich am Fuß auf der Straße.")
    assert (swiss["Fuss"], swiss["Strasse"]) == (standard["Fuß"], standard["Straße"])
    # today's spelling of a known lower-case word stays as it is
    assert lemmas("Er sagte, dass sie warten muss.", ss_for_sharp_s=True)["dass"] == "dass"
