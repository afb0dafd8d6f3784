"""Pieces of the contested-claim rule that need no embedder: what meets what is denied."""

from __future__ import annotations

import pytest

from rules.claims import _meets


@pytest.mark.parametrize("focus,words,expected", [
    ({"heat"}, {"heats", "died"}, True),  # "heat" (a whole short word) meets "heatstroke"
    ({"stell"}, {"stell", "abbau"}, True),
    ({"stell"}, {"stelz"}, False),  # five-letter stems meet only whole
    ({"hitze"}, {"hitzs"}, False),
    (set(), {"abbau"}, False),
])
def test_meets(focus: set[str], words: set[str], expected: bool) -> None:
    assert _meets(focus, words) is expected


def _claim(text: str, lang: str):
    from checker.extract import extract_claims
    from checker.models import Article
    from checker.segment import segment

    article = Article(id="a", path="a.txt", text=text, lang=lang)
    (claim,) = extract_claims(article, segment(article), [])
    return claim


@pytest.mark.parametrize("text,lang,denial,expected", [
    # the denying party's own view, told with no one said to speak: its side, not what it denies
    ("Die Militärdoktrin des Kreml sei rein defensiver Natur.", "de", "Der Kreml wies die Vorwürfe zurück.", True),
    # someone else speaks about the party: what the party may deny
    ("The regulator said the deal would harm Microsoft's rivals.", "en", "Microsoft denied that the deal would harm anyone.", False),
    ("Die US-Regierung wirft dem Kreml vor, Waffen zu kaufen.", "de", "Der Kreml wies die Vorwürfe zurück.", False),
    # a claim that does not name the party
    ("Nordkorea habe mehr als 1.000 Container geliefert.", "de", "Der Kreml wies die Vorwürfe zurück.", False),
])
def test_unattributed_claim_naming_the_denying_party(text: str, lang: str, denial: str, expected: bool) -> None:
    from rules.claims import _names_party_unattributed

    assert _names_party_unattributed(_claim(text, lang), _claim(denial, lang)) is expected
