"""Naming variants found in the text itself: acronyms, spellings, long forms, given names."""

from __future__ import annotations

import pytest

from checker.models import Article, Claim
from checker.segment import segment
from checker.extract import extract_claims
from rules.base import RuleContext
from rules.names import _initials, _initials_options, _marked, one_name, related_given_names, text_name_groups, person_aliases


@pytest.mark.parametrize("name,initials", [
    ("Health and Safety Executive", "HSE"),
    ("Kölner Verkehrs-Betriebe", "KVB"),
    ("Bundesanstalt für Arbeit", "BA"),
    ("Kommunale Arbeitgeberverband NRW", "KANRW"),
    ("Prince Edward Island", "PEI"),
])
def test_initials(name: str, initials: str) -> None:
    assert _initials(name) == initials


@pytest.mark.parametrize("name,options", [
    ("Technisches Hilfswerk", ["TH", "THW"]),
    ("Schifffahrtsgesellschaft Untersee", ["SU", "SGU"]),
    ("Kommunale Arbeitgeberverband NRW", ["KANRW", "KAVNRW"]),
    ("Health and Safety Executive", ["HSE"]),
    ("Bundesamt für Migration und Flüchtlinge", ["BMF", "BAMF"]),
    ("Werk Nord", ["WN"]),  # the head alone is no compound
    ("Oberverwaltungsgericht", ["O", "OG", "OVG"]),
    ("Landratsamt Passau", ["LP", "LAP", "LRAP"]),
])
def test_initials_of_compounds(name: str, options: list[str]) -> None:
    assert _initials_options(name) == options


@pytest.mark.parametrize("word,marked", [
    ("AFAD", True), ("ver.di", True), ("P.E.I.", True), ("Afad", False), ("Verdi", False),
    # a long word in capitals is a headline or a dateline, not an acronym
    ("CHARLOTTETOWN", False), ("KOUROU", False), ("EU", False),
])
def test_marked_spelling(word: str, marked: bool) -> None:
    assert _marked(word) == marked


@pytest.mark.parametrize("a,b,related", [
    ("maggie", "margaret", True),
    ("bill", "william", True),
    ("marcus", "markus", True),
    ("stephan", "stefan", True),
    ("matthias", "mathias", True),
    ("anna", "paul", False),
    ("margaret", "madeline", False),
    ("markus", "markus", False),
])
def test_related_given_names(a: str, b: str, related: bool) -> None:
    assert related_given_names(a, b) == related


def _context(texts: dict[str, str]) -> RuleContext:
    # an article id starting with "en" is English, all others German
    articles = {doc: Article(id=doc, path=doc, text=text, lang="en" if doc.startswith("en") else "de") for doc, text in texts.items()}
    claims: dict[str, Claim] = {}
    for article in articles.values():
        for claim in extract_claims(article, segment(article), []):
            claims[claim.id] = claim
    return RuleContext(articles=articles, claims=claims, pairs=[])


def _groups(texts: dict[str, str]) -> list[set[str]]:
    return [{w.text for w in group} for group in text_name_groups(_context(texts))]


GROUPS = [
    # one word in two spellings
    ({"a": "Das teilte die Behörde Afex am Montag mit.", "b": "Nach Angaben der AFEX bebte die Erde."},
     [{"Afex", "AFEX"}]),
    ({"a": "Die Gewerkschaft Komba rief zum Streik auf.", "b": "Der Ausstand von kom.ba begann um 3 Uhr."},
     [{"Komba", "kom.ba"}]),
    # an acronym that one article defines
    ({"a": "Der Rheinische Wasserverband NRW (RWV NRW) widersprach.", "b": "Ein Sprecher des RWV verwies auf das Angebot."},
     [{"Rheinische Wasserverband NRW", "RWV"}]),
    # an acronym with the initials of a long name in another article
    ({"a": "The Marine Accident Bureau opened an inquiry.", "b": "We will co-operate fully with the MAB."},
     [{"Marine Accident Bureau", "MAB"}]),
    # "&" for "and", a generic head dropped
    ({"a": "Lincoln Fire and Rescue Service said ten engines attended.", "b": "Lincoln Fire & Rescue said the fire was out."},
     [{"Lincoln Fire and Rescue Service", "Lincoln Fire & Rescue"}]),
    # an abbreviation inside a place name
    ({"a": "Das Wasser stand in Neustadt an der Aisch hoch.", "b": "In Neustadt a. d. Aisch wurde evakuiert."},
     [{"Neustadt an der Aisch", "Neustadt a. d. Aisch"}]),
    # two letters, both plural: a party and its members
    ({"a": "The Progressive Democrats lost their majority.", "b": "The PDs won four seats. PD leader Anna Roe resigned."},
     [{"Progressive Democrats", "PDs", "PD"}]),
    # two organisations with the same initials: the acronym names neither for sure
    ({"a": "The Marine Accident Bureau opened an inquiry.", "b": "The Metro Airport Board met on Monday.",
      "c": "We will co-operate fully with the MAB."}, []),
    # a generic noun is no variant of a named union
    ({"a": "Die Gewerkschaft rief zum Streik auf.", "b": "Die Gewerkschaft IG Metall rief zum Streik auf."}, []),
    # two letters say too little without a definition
    ({"a": "Der Zug der Deutschen Bank fuhr.", "b": "Die DB meldete Verspätungen."}, []),
    # one name with its umlaut written out, or dropped in another language
    ({"a": "Die Bergrettung aus Sölden war schnell vor Ort.", "b": "Helfer aus Soelden suchten die Nacht hindurch."},
     [{"Sölden", "Soelden"}]),
    ({"a": "Die Bergrettung aus Sölden war schnell vor Ort.", "en": "Rescuers from Solden searched through the night."},
     [{"Sölden", "Solden"}]),
    # a German plural with an umlaut is no other spelling
    ({"a": "Der Schaden ist groß, sagte der Bürgermeister.", "b": "Die Schäden gehen in die Millionen, sagte er."}, []),
    # an acronym with a letter from a compound's head
    ({"a": "Helfer vom Technischen Hilfswerk pumpten Keller aus.", "b": "Das THW war mit 40 Kräften im Einsatz."},
     [{"Technischen Hilfswerk", "THW"}]),
    # an acronym with a letter for each part of a German compound after "Landes-", "Ober-"
    ({"a": "Das Landesvermessungsamt prüft die Karten.", "b": "Die Karten gingen an das LVA in Kiel."},
     [{"Landesvermessungsamt", "LVA"}]),
    # two letters and the town after them, as the long name with that town
    ({"a": "Das Amtsgericht Kempten lehnte den Antrag ab.", "b": "Das AG Kempten wies den Antrag zurück."},
     [{"Amtsgericht Kempten", "AG Kempten"}]),
    # ... but not with another town
    ({"a": "Das Amtsgericht Kempten lehnte den Antrag ab.", "b": "Das AG Lindau wies den Antrag zurück."}, []),
    # a dateline in capitals is no acronym of a place
    ({"a": "KIEW/MOSKAU (dpa) - Die Gespräche in Kiew dauern an.", "b": "In Kiew fielen am Morgen Schüsse."}, []),
    # a common word in capitals and at the start of a sentence: no name
    ({"a": "READ MORE:\nThe vote was close.", "b": "Read more: how the count works."}, []),
    # the same spelling everywhere, and a headline in capitals
    ({"a": "STREIK IN KÖLN LEGT BUSSE LAHM\nDer Streik in Köln dauert an.", "b": "In Köln fuhren keine Busse."}, []),
]


@pytest.mark.parametrize("texts,groups", GROUPS)
def test_text_name_groups(texts: dict[str, str], groups: list[set[str]]) -> None:
    assert _groups(texts) == groups


PEOPLE = [
    ({"a": "Liberal leader Maggie Quinlan won the vote.", "b": "Premier-designate Margaret Quinlan named a cabinet."},
     {"maggie quinlan": "maggie quinlan", "margaret quinlan": "maggie quinlan"}),
    # a nickname of two given names in the batch: no one to merge it with
    ({"a": "Liberal leader Maggie Quinlan won the vote.", "b": "Premier-designate Margaret Quinlan named a cabinet.",
      "c": "Her sister Madeline Quinlan was there."}, {}),
    # one surname, two people
    ({"a": "Coach Thomas Quinlan resigned.", "b": "Premier-designate Margaret Quinlan named a cabinet."}, {}),
    # a surname alone in an article that never gives the full name: the one full name in the batch
    ({"a": "Finanzvorstand Thomas Reuß kündigte Einsparungen an.", "b": "Finanzchef Reuß nannte keine Zahlen."},
     {"reuss": "thomas reuss"}),
    # ... but not when two people in the batch have that surname
    ({"a": "Coach Thomas Quinlan resigned.", "b": "Premier-designate Margaret Quinlan named a cabinet.",
      "c": "Ms Quinlan said nothing."}, {}),
    # a nickname and the full name count as one person
    ({"a": "Liberal leader Maggie Quinlan won the vote.", "b": "Premier-designate Margaret Quinlan named a cabinet.",
      "c": "Ms Quinlan said nothing."},
     {"maggie quinlan": "maggie quinlan", "margaret quinlan": "maggie quinlan", "quinlan": "maggie quinlan"}),
]


@pytest.mark.parametrize("a,b,same", [
    ("dana whitcomb", "dana whitcombe", True),  # a surname one letter longer
    ("chukuma okafor", "chukwuma okafor", True),  # a long given name one letter apart inside
    ("sani g rimi", "sani garba rimi", True),  # a middle initial
    ("sani rimi", "sani garba rimi", True),  # a middle name left out
    ("maggie quinlan", "margaret quinlan", True),  # a nickname
    ("thomas meier", "thomas meyer", True),
    # two people
    ("maria lopez", "mario lopez", False),
    ("daniel okafor", "daniela okafor", False),
    ("antonio ruiz", "antonia ruiz", False),
    ("anna berg", "anna berger", False),
    ("jan roth", "jan rath", False),
    ("sani g rimi", "sani k rimi", False),
    ("thomas quinlan", "margaret quinlan", False),
])
def test_one_name(a: str, b: str, same: bool) -> None:
    assert (one_name(a, b), one_name(b, a)) == (same, same)


@pytest.mark.parametrize("texts,aliases", PEOPLE)
def test_person_aliases(texts: dict[str, str], aliases: dict[str, str]) -> None:
    assert person_aliases(_context(texts)) == aliases
