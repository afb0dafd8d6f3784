"""Where a sentence states a person's party (FD405), without the embedder."""

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
