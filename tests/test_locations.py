"""FD201 scoping: which places of a sentence are where its event happened. Invented sentences, exact answers."""

import pytest

from checker.models import Article
from checker.segment import segment


def _claim(text: str, lang: str):
    from checker.extract import extract_claims

    article = Article(id="a", path="a.txt", text=text, lang=lang)
    (claim,) = extract_claims(article, segment(article), [])
    return claim






@pytest.mark.parametrize("text,expected", [
    ("they met in paris", {"meeting"}),
    # "met$" is the whole word: a distance in metres or a metal is no meeting
    ("das schiff war rund 800 meter vor dem ufer", set()),
    ("metal prices rose", set()),
    # "host$": not a hostage
    ("the hostage was freed", set()),
    ("he hosted the summit", {"meeting"}),
    ("the first signal came through the station", {"first_contact"}),
    ("ein klares signal an moskau", set()),
])
def test_event_class_stems(text: str, expected: set[str]) -> None:
    from checker.cues import _classes_of_text

    assert set(_classes_of_text(text)) == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Die beiden Brände in Jüterbog und Treuenbrietzen sind gelöscht.", "de", {"fire"}),
    ("Firefighters battled the fires overnight.", "en", {"fire"}),
    # a superlative or a look back speaks of other fires
    ("It was one of the worst fires in the region.", "en", set()),
    ("Damals wüteten die Brände wochenlang.", "de", set()),
    ("The fire destroyed two barns.", "en", set()),
])
def test_several_things(text: str, lang: str, expected: set[str]) -> None:
    from checker.cues import several_things

    assert several_things(_claim(text, lang)) == expected
