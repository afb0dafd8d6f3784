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


@pytest.mark.parametrize("sentence,name,age", [
    ("Der 34-jährige Oliver Hartigan starb noch am Unglücksort.", "Oliver Hartigan", 34),
    ("Den 34-jährigen Briten Oliver Hartigan traf die Lawine zuerst.", "Oliver Hartigan", 34),
    ("The 34-year-old British skier Oliver Hartigan died at the scene.", "Oliver Hartigan", 34),
    ("Oliver Hartigan (34) starb noch am Unglücksort.", "Oliver Hartigan", 34),
    ("Oliver Hartigan, 36, died at the scene.", "Oliver Hartigan", 36),
    ("Oliver Hartigan, aged 36, died at the scene.", "Oliver Hartigan", 36),
    ("Oliver Hartigan, a 36-year-old from Leeds, died.", "Oliver Hartigan", 36),
    # another person's age, and figures that are no age
    ("Ein 34-jähriger Mann und Oliver Hartigan wurden verschüttet.", "Oliver Hartigan", None),
    ("Oliver Hartigan, 2024 zum Bergführer ernannt, überlebte.", "Oliver Hartigan", None),
    ("Oliver Hartigan, 12 hours later, was found.", "Oliver Hartigan", None),
])
def test_age_of(sentence: str, name: str, age: int | None) -> None:
    from rules.people import age_of

    start = sentence.index(name)
    found = age_of(sentence, start, start + len(name))
    assert (found[0] if found else None) == age
