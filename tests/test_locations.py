"""FD201 scoping: which places of a sentence are where its event happened. Invented sentences, exact answers."""

import pytest

from checker.models import Article
from checker.segment import segment
from rules.locations import event_places


def _claim(text: str, lang: str):
    from checker.extract import extract_claims

    article = Article(id="a", path="a.txt", text=text, lang=lang)
    (claim,) = extract_claims(article, segment(article), [])
    return claim


@pytest.mark.parametrize("text,lang,expected", [
    # a town off which a ship lay; "vor" before a country names what is feared
    ("Das Feuer brach auf der Fähre vor Kappeln aus.", "de", ["Kappeln"]),
    ("Die Kanzlerin warnte bei der Kundgebung vor Russland.", "de", []),
    ("The fire broke out aboard the ferry off Eckernfoerde.", "en", ["Eckernfoerde"]),
    # declined adjectives between the preposition and the name
    ("Der Brand brach im nordschwedischen Kiruna aus.", "de", ["Kiruna"]),
    # a home town and a seat are not where the event happened
    ("A sailor who lives in Husum died in the fire.", "en", []),
    ("Ein Arbeiter, der in Husum wohnt, starb beim Brand in Lingen.", "de", ["Lingen"]),
    ("Das Feuer bei der Firma mit Sitz in Hannover brach in Meppen aus.", "de", ["Meppen"]),
    # where people were taken is not the venue of a fire; one travels to a meeting's venue
    ("Nach dem Brand wurden die Fahrgäste in den Hafen von Schleswig gebracht.", "de", []),
    ("The injured were flown to Hamburg after the crash.", "en", []),
    ("Die Ministerin reiste zu einem Treffen nach Madrid.", "de", ["Madrid"]),
    # a place in a comparison names another event
    ("Die Brücke stürzte in Waltrop ein, ähnlich wie 2018 in Genua.", "de", ["Waltrop"]),
    ("The bridge in Waltrop collapsed like the bridge in Genoa did in 2018.", "en", ["Waltrop"]),
    # a ship's route is not where the fire was
    ("Das Feuer brach aus, als das Schiff von Konstanz nach Meersburg unterwegs war.", "de", []),
    ("The fire broke out as the ferry sailed from Kiel to Oslo.", "en", []),
    # places apart in one sentence: the event's is in the clause of its word
    ("Its first signal was picked up at Kiruna, Sweden, and relayed to mission control in Darmstadt.", "en", ["Kiruna"]),
    ("Die Minister trafen sich in Paris, bevor Kessler in Lissabon Wasserstoff-Projekte besichtigte.", "de", ["Paris"]),
    # a small town's name before a noun is a firm's name: only the town after "in" is a place
    ("The fire at the Ostra recycling plant in Meppen killed two workers.", "en", ["Meppen"]),
])
def test_event_places(text: str, lang: str, expected: list[str]) -> None:
    assert [m.text for m in event_places(_claim(text, lang))] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # the clause that places the story's thing
    ("The fire at the plant in Meppen was put out, the operator in Hanover said.", "en", {"fire": ["Meppen"]}),
    ("Das Feuer an Bord der Fähre vor Kappeln wurde gelöscht.", "de", {"fire": ["Kappeln"]}),
    # a comparison or a circumstance places another thing or another event
    ("The blaze was the worst since a fire like the fire in Leer destroyed a barn.", "en", {"fire": []}),
    ("Passengers were taken to Schleswig after the fire.", "en", {}),
    ("Nach dem Feuer wurden alle Fahrgäste in Schleswig versorgt.", "de", {}),
    ("Die Lawine ging bei Sölden ab.", "de", {"avalanche": ["Sölden"]}),
    ("An avalanche of complaints reached the office in Leeds.", "en", {}),
    ("Nach Angaben der Polizei brach das Feuer in Lingen aus.", "de", {"fire": ["Lingen"]}),
    ("Firefighters from Grimsby tackled the fire at the plant in Scunthorpe.", "en", {"fire": ["Scunthorpe"]}),
    ("Residents in Healing kept windows shut while the fire burned at the plant in Scunthorpe.", "en", {"fire": ["Scunthorpe"]}),
    # the fire as a circumstance of what was seen elsewhere
    ("Smoke from the fire could be seen in Liverpool.", "en", {}),
    # a thing word as a modifier names no fire
    ("Crews from the fire station in Grimsby arrived within minutes.", "en", {}),
    # another instance is not the story's thing
    ("A second fire broke out in Leer.", "en", {}),
])
def test_thing_venue_clauses(text: str, lang: str, expected: dict[str, list[str]]) -> None:
    from rules.scope import thing_venue_clauses

    claim = _claim(text, lang)
    got = {thing: [m.text for m in event_places(claim, clauses)] for thing, clauses in thing_venue_clauses(claim).items()}
    assert got == expected


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
    from rules.scope import _classes_of_text

    assert set(_classes_of_text(text)) == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Die Ahsener Brücke führt über den Wesel-Datteln-Kanal und verbindet zwei Ortsteile.", "de", ["Wesel-Datteln-Kanal"]),
    ("The bridge over the Grand Union Canal collapsed.", "en", ["Grand Union Canal"]),
    ("The bridge, which spans the River Avon, was closed.", "en", ["River Avon"]),
    ("Die Brücke über den Überlinger See ist gesperrt.", "de", ["Überlinger See"]),
    # another bridge, a kind word alone, no structure, a debate "über" something
    ("Eine zweite Brücke über den Rhein-Herne-Kanal blieb offen.", "de", []),
    ("Auch die Brücke über den Datteln-Hamm-Kanal wurde gesperrt.", "de", []),
    ("Die Brücke führte über den Fluss.", "de", []),
    ("Schiffe fahren über den Dortmund-Ems-Kanal.", "de", []),
    ("Der Streit über den Einfluss der Brücke hält an.", "de", []),
])
def test_crossed_waterways(text: str, lang: str, expected: list[str]) -> None:
    from rules.scope import crossed_waterways

    assert [name for _, name, _, _ in crossed_waterways(_claim(text, lang))] == expected


@pytest.mark.parametrize("text,lang,expected", [
    ("Die beiden Brände in Jüterbog und Treuenbrietzen sind gelöscht.", "de", {"fire"}),
    ("Firefighters battled the fires overnight.", "en", {"fire"}),
    # a superlative or a look back speaks of other fires
    ("It was one of the worst fires in the region.", "en", set()),
    ("Damals wüteten die Brände wochenlang.", "de", set()),
    ("The fire destroyed two barns.", "en", set()),
])
def test_several_things(text: str, lang: str, expected: set[str]) -> None:
    from rules.scope import several_things

    assert several_things(_claim(text, lang)) == expected
