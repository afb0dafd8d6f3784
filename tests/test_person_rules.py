"""Where a sentence states a person's party (FD405) and age (FD406), without the embedder."""

from __future__ import annotations

import pytest

from rules.people import parties_of


@pytest.mark.parametrize("sentence,name,parties", [
    ("Die Grünen-Kandidatin Miriam Sandkamp erreichte 31,2 Prozent.", "Miriam Sandkamp", ["Grünen"]),
    ("Amtsinhaber Peter Hollmann (CDU) kam auf 44,1 Prozent.", "Peter Hollmann", ["CDU"]),
    ("Die Kandidatin von Bündnis 90/Die Grünen, Katrin Oltmanns, erreichte 29,8 Prozent.", "Katrin Oltmanns", ["Bündnis 90/Die Grünen"]),
    ("Sandkamp Miriam, Kandidatin der Grünen, war zufrieden.", "Sandkamp Miriam", ["Grünen"]),
    ("Labour MP Sarah Whitcombe visited the town.", "Sarah Whitcombe", ["Labour"]),
    ("Republican senator Tom Hale voted against it.", "Tom Hale", ["Republican"]),
    ("He faces Anna Berg, the Labour candidate, next week.", "Anna Berg", ["Labour"]),
    ("Tobias Renk, gemeinsamer Kandidat von SPD und Grünen, zieht in die Stichwahl ein.", "Tobias Renk", ["SPD", "Grünen"]),
    ("She faces Miriam Sandkamp, the joint candidate of the SPD and the Greens.", "Miriam Sandkamp", ["SPD", "Greens"]),
    # a relation to a party is no membership, and a party elsewhere in the sentence is not the person's
    ("Der FDP-Kritiker Jonas Lütke warb für Hollmann.", "Jonas Lütke", []),
    ("Labour donor Sarah Whitcombe gave £5,000.", "Sarah Whitcombe", []),
    ("Jonas Lütke lobte die SPD für ihren Wahlkampf.", "Jonas Lütke", []),
])
def test_parties_of(sentence: str, name: str, parties: list[str]) -> None:
    start = sentence.index(name)
    assert [sentence[s:e] for _, s, e in parties_of(sentence, start, start + len(name))] == parties


@pytest.mark.parametrize("sentence,ages", [
    ("Der 34-jährige Oliver Hartigan starb noch am Unglücksort.", ["34-jährige"]),
    ("Den 34-jährigen Briten Oliver Hartigan traf die Lawine zuerst.", ["34-jährigen"]),
    ("The 34-year-old British skier Oliver Hartigan died at the scene.", ["34-year-old"]),
    ("Oliver Hartigan (34) starb noch am Unglücksort.", ["34"]),
    ("Oliver Hartigan, 36, died at the scene.", ["36"]),
    ("Oliver Hartigan, aged 36, died at the scene.", ["aged 36"]),
    ("Oliver Hartigan, a 36-year-old from Leeds, died.", ["36-year-old"]),
    ("Eine 73 Jahre alte Gärtnerin wurde im Alter von 81 Jahren geehrt.", ["73 Jahre alte", "im Alter von 81 Jahren"]),
    ("Die 29-Jährige und ein 19-Jähriger", ["29-Jährige", "19-Jähriger"]),
    ("Die Sechsjährige und ein dreiundfünfzigjähriger Begleiter", ["Sechsjährige", "dreiundfünfzigjähriger"]),
    ("A seventy-one-year-old cyclist, aged sixty by some accounts", ["seventy-one-year-old", "aged sixty"]),
    ("A woman in her early 30s and a man in his sixties", ["in her early 30s", "in his sixties"]),
    ("Ein Mann Mitte fünfzig", ["Mitte fünfzig"]),
    # figures that are no age
    ("Oliver Hartigan, 2024 zum Bergführer ernannt, überlebte.", []),
    ("Oliver Hartigan, 12 hours later, was found.", []),
    ("In den Jahren 2019, 2020 und 2021 stieg die Zahl (auf 14).", []),
    ("Das Gebäude ist 400 Jahre alt.", []),  # beyond any person's age
])
def test_ages_in(sentence: str, ages: list[str]) -> None:
    from checker.extract.ages import ages_in

    assert [sentence[s:e] for _, _, s, e in ages_in(sentence)] == ages
