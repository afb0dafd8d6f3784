"""Place extraction: table-driven, exact spans and keys, German and English, with negatives."""

from pathlib import Path

import pytest
import yaml

from checker.extract.places import demonym_country, extract
from checker.gazetteer import Gazetteer
from checker.models import Article, Sentence


def run(text: str, lang: str, prefix: str = ""):
    """Extract from one sentence placed after `prefix` (front matter), so offsets are article offsets."""
    full = prefix + text
    art = Article(id="a", path="a.txt", text=full, lang=lang, body_start=len(prefix))
    return extract(art, [Sentence(doc="a", index=0, start=len(prefix), end=len(full), text=text)])


# (lang, sentence, [(mention text, start offset, place key)])
CASES = [
    ("de", 'Der russische Präsident Wladimir Putin hatte Nordkoreas Machthaber Kim Jong Un im September im Weltraumbahnhof Wostotschny im Fernen Osten Russlands empfangen.', [('Nordkoreas', 45, 'country:KP'), ('Weltraumbahnhof Wostotschny', 95, 'alias:vostochny-cosmodrome'), ('Fernen Osten Russlands', 126, 'alias:russian-far-east')]),
    ("de", 'Nach Angaben des Weißen Hauses wurden die Container zwischen dem 7. September und 1. Oktober von der nordkoreanischen Hafenstadt Rason nach Dunai in Russland verschifft.', [('Rason', 129, 'geonames:2042645'), ('Dunai', 140, 'geonames:2024800'), ('Russland', 149, 'country:RU')]),
    ("de", 'Die Container seien dann per Bahn zu einem Munitionsdepot im Südwesten Russlands gebracht worden, hieß es weiter.', [('Südwesten Russlands', 61, 'dir:sw:country:RU')]),
    ("de", 'In dem Bericht der Denkfabrik heißt es, die Lieferung finde zwischen dem isolierten russischen Hafen Dunai und dem nordkoreanischen Hafen Rajin unweit der Grenze statt.', [('Dunai', 101, 'geonames:2024800'), ('Rajin', 138, 'geonames:2042645')]),
    ("de", 'Nach Angaben des Weißen Hauses wurden die Container vom 7. September bis 1. Oktober zwischen Najin im Nordosten Nordkoreas und dem russischen Hafen Dunay in der Nähe von Wladiwostok verschifft.', [('Najin', 93, 'geonames:2042645'), ('Nordosten Nordkoreas', 102, 'dir:ne:country:KP'), ('Dunay', 148, 'geonames:2024800'), ('Wladiwostok', 170, 'geonames:2013348')]),
    ("de", 'Im Herbst war der nordkoreanische Machthaber Kim zu Präsident Putin nach Moskau gereist.', [('Moskau', 73, 'geonames:524901')]),
    ("de", 'Jeder Waffenhandel Moskaus mit Pjöngjang würde gegen bestehende UN-Beschlüsse verstoßen, hatten sie angemahnt.', [('Moskaus', 19, 'geonames:524901'), ('Pjöngjang', 31, 'geonames:1871859')]),
    ("de", 'Spekulationen flammten letzten Monat auf, als der nordkoreanische Führer Kim Jong Un nach Ostrussland reiste, um Präsident Wladimir Putin zu treffen.', [('Ostrussland', 90, 'dir:e:country:RU')]),
    ("de", 'Moskau wirbt um engere Beziehungen zu Pjöngjang, seit das Land im Februar 2022 mit der Invasion der Ukraine begann.', [('Moskau', 0, 'geonames:524901'), ('Pjöngjang', 38, 'geonames:1871859'), ('Ukraine', 100, 'country:UA')]),
    ("de", 'Die Lieferungen seien so getarnt gewesen, als würden sie in den Nahen Osten und nach Nordafrika gehen.', [('Nahen Osten', 64, 'alias:middle-east'), ('Nordafrika', 85, 'alias:north-africa')]),
    ("de", 'Russische Raketen trafen in der Nacht Charkiw und die Hauptstadt Kyjiw.', [('Charkiw', 38, 'geonames:706483'), ('Kyjiw', 65, 'geonames:703448')]),
    ("de", 'Der Bürgermeister von Kiew sprach von schweren Schäden.', [('Kiew', 22, 'geonames:703448')]),
    ("de", 'Im Hafen von Odessa wurden Getreideschiffe beladen.', [('Odessa', 13, 'geonames:698740')]),
    ("de", 'Die Regierung in Odesa meldete Stromausfälle.', [('Odesa', 17, 'geonames:698740')]),
    ("de", 'Israelische Truppen rückten in Gaza vor, während in Tel Aviv Sirenen heulten.', [('Gaza', 31, 'geonames:281133'), ('Tel Aviv', 52, 'geonames:293397')]),
    ("de", 'Die Hamas feuerte Raketen aus dem Gazastreifen auf Israel ab.', [('Gazastreifen', 34, 'admin1:PS.GZ'), ('Israel', 51, 'country:IL')]),
    ("de", 'Die Verhandlungen fanden in Kairo statt, berichtete die Zeitung aus Washington.', [('Kairo', 28, 'geonames:360630'), ('Washington', 68, 'geonames:4140963')]),
    ("de", 'Der Kanzler reiste nach München und anschließend nach Köln.', [('München', 24, 'geonames:2867714'), ('Köln', 54, 'geonames:2886242')]),
    ("de", 'Ein Erdbeben erschütterte den Südosten der Türkei und den Norden Syriens.', [('Südosten der Türkei', 30, 'dir:se:country:TR'), ('Norden Syriens', 58, 'dir:n:country:SY')]),
    ("de", 'In Japan und Marokko wurden neue Gesetze verabschiedet.', [('Japan', 3, 'country:JP'), ('Marokko', 13, 'country:MA')]),
    ("de", 'Der Präsident landete in New York, um vor den Vereinten Nationen zu sprechen.', [('New York', 25, 'geonames:5128581')]),
    ("de", 'Laut der Washington Post war das Treffen geheim.', []),
    ("de", 'Die New York Times berichtete zuerst über den Fall.', []),
    ("de", 'Kim Jong Un empfing den Gast in Pjöngjang.', [('Pjöngjang', 32, 'geonames:1871859')]),
    ("de", 'Nordkoreas Machthaber Kim besuchte eine Fabrik.', [('Nordkoreas', 0, 'country:KP')]),
    ("de", 'Präsident Wladimir Putin sprach mit Journalisten.', []),
    ("de", 'Putin und Xi trafen sich in Peking.', [('Peking', 28, 'geonames:1816670')]),
    ("de", 'Ein Containerschiff lief aus Tschongdschin aus.', [('Tschongdschin', 29, 'geonames:2044757')]),
    ("de", 'Der Frachter legte im russischen Hafen Wladiwostok an.', [('Wladiwostok', 39, 'geonames:2013348')]),
    ("de", 'Die Rakete startete vom Weltraumbahnhof Baikonur in Kasachstan.', [('Weltraumbahnhof Baikonur', 24, 'alias:baikonur-cosmodrome'), ('Kasachstan', 52, 'country:KZ')]),
    ("de", 'Der Sprecher sagte, die Hilfe sei auf dem Weg.', []),
    ("de", 'Der Rat der Stadt traf sich im Mai.', []),
    ("de", 'Im Osten der Ukraine wird weiter gekämpft.', [('Osten der Ukraine', 3, 'dir:e:country:UA')]),
    ("de", 'Die Lage in Westukraine blieb ruhig.', [('Westukraine', 12, 'dir:w:country:UA')]),
    ("de", 'Die Truppen zogen sich aus Cherson zurück.', [('Cherson', 27, 'geonames:706448')]),
    ("de", 'Die Angriffe auf Saporischschja dauerten an.', [('Saporischschja', 17, 'geonames:687700')]),
    ("de", 'Bei Bachmut tobten schwere Kämpfe.', [('Bachmut', 4, 'geonames:713174')]),
    ("de", 'Der Minister reiste über Warschau nach Lwiw.', [('Warschau', 25, 'geonames:756135'), ('Lwiw', 39, 'geonames:702550')]),
    ("de", 'Gespräche zwischen Berlin und Paris wurden fortgesetzt.', [('Berlin', 19, 'geonames:2950159'), ('Paris', 30, 'geonames:2988507')]),
    ("de", 'Das Schiff passierte den Suezkanal und erreichte das Rote Meer.', [('Suezkanal', 25, 'alias:suez-canal'), ('Rote Meer', 53, 'alias:red-sea')]),
    ("de", 'Flüchtlinge kamen in Lampedusa an.', [('Lampedusa', 21, 'geonames:2524459')]),
    ("de", 'Im Nahen Osten wächst die Sorge vor einem Flächenbrand.', [('Nahen Osten', 3, 'alias:middle-east')]),
    ("de", 'Bayern und Sachsen meldeten Hochwasser.', [('Bayern', 0, 'admin1:DE.02'), ('Sachsen', 11, 'admin1:DE.13')]),
    ("de", 'Der Angriff galt dem Atomkraftwerk Saporischschja.', [('Atomkraftwerk Saporischschja', 21, 'alias:zaporizhzhia-npp')]),
    ("de", 'Angela Merkel besuchte Paris.', [('Paris', 23, 'geonames:2988507')]),
    ("de", 'Die Container wurden per Bahn weitertransportiert.', []),
    ("en", 'Russian missiles struck Kharkiv and the capital Kyiv overnight.', [('Kharkiv', 24, 'geonames:706483'), ('Kyiv', 48, 'geonames:703448')]),
    ("en", 'Grain ships left the port of Odesa on Tuesday.', [('Odesa', 29, 'geonames:698740')]),
    # German country names that are English words are not countries in English: "Island" is not Iceland
    ("en", 'The ferry to the Island was cancelled, while Iceland kept its airports open.', [('Iceland', 45, 'country:IS')]),
    ("de", 'Die Fähre nach Island fiel aus.', [('Island', 15, 'country:IS')]),
    ("en", 'Israeli forces advanced into Gaza while sirens sounded in Tel Aviv.', [('Gaza', 29, 'geonames:281133'), ('Tel Aviv', 58, 'geonames:293397')]),
    ("en", 'The talks took place in Cairo, officials in Washington said.', [('Cairo', 24, 'geonames:360630'), ('Washington', 44, 'geonames:4140963')]),
    ("en", 'The Washington Post reported the meeting first.', []),
    ("en", 'The New York Times said the plan was abandoned.', []),
    ("en", 'The chancellor travelled to Munich and then to Cologne.', [('Munich', 28, 'geonames:2867714'), ('Cologne', 47, 'geonames:2886242')]),
    ("en", 'An earthquake hit southeastern Turkey and northern Syria.', [('southeastern Turkey', 18, 'dir:se:country:TR'), ('northern Syria', 42, 'dir:n:country:SY')]),
    ("en", 'Kim Jong Un received the delegation in Pyongyang.', [('Pyongyang', 39, 'geonames:1871859')]),
    ("en", "President Vladimir Putin met Kim at the Vostochny Cosmodrome in Russia's Far East.", [('Vostochny Cosmodrome', 40, 'alias:vostochny-cosmodrome'), ("Russia's Far East", 64, 'alias:russian-far-east')]),
    ("en", 'Ships sailed between Rajin in North Korea and the Russian port of Dunay near Vladivostok.', [('Rajin', 21, 'geonames:2042645'), ('North Korea', 30, 'country:KP'), ('Dunay', 66, 'geonames:2024800'), ('Vladivostok', 77, 'geonames:2013348')]),
    ("en", 'Protests spread across Morocco and Japan.', [('Morocco', 23, 'country:MA'), ('Japan', 35, 'country:JP')]),
    ("en", 'Fighting continued in eastern Ukraine near Bakhmut.', [('eastern Ukraine', 22, 'dir:e:country:UA'), ('Bakhmut', 43, 'geonames:713174')]),
    ("en", 'The summit will be held in New York next week.', [('New York', 27, 'geonames:5128581')]),
    ("en", 'Missiles were fired from the Gaza Strip into southern Israel.', [('Gaza Strip', 29, 'admin1:PS.GZ'), ('southern Israel', 45, 'dir:s:country:IL')]),
    ("en", 'The ship passed through the Suez Canal into the Red Sea.', [('Suez Canal', 28, 'alias:suez-canal'), ('Red Sea', 48, 'alias:red-sea')]),
    ("en", 'Officials in Texas and California declared emergencies.', [('Texas', 13, 'admin1:US.TX'), ('California', 23, 'admin1:US.CA')]),
    ("en", 'May was a difficult month for the government.', []),
    ("en", 'Reading the report, Hope said nothing.', []),
    ("de", 'Man gehe davon aus, dass die Lage ernst sei.', []),
    ("de", 'Wie der Sprecher mitteilte, war an Bord niemand verletzt.', []),
    ("de", 'Laut RUSI wurden zwei Schiffe gesichtet.', []),
    ("de", 'Der Zug blieb an der Mosel liegen.', [('Mosel', 21, 'alias:river-moselle')]),
    ("de", 'Der Papst sprach in Rom.', [('Rom', 20, 'geonames:3169070')]),
    ("de", 'Dort will sie über Wasserstoff sprechen.', []),
    ("en", 'The Kremlin said nothing.', []),
    ("de", 'Die Flut traf Libyen, besonders die Stadt Darna.', [('Libyen', 14, 'country:LY'), ('Darna', 42, 'geonames:87205')]),
    ("en", 'Troops withdrew from Avdiivka after months of fighting.', [('Avdiivka', 21, 'geonames:713122')]),
    ("de", 'Bei Kämpfen um Awdijiwka starben viele Soldaten.', [('Awdijiwka', 15, 'geonames:713122')]),
    ("de", 'Ein Erdbeben erschütterte Marrakesch.', [('Marrakesch', 26, 'geonames:2542997')]),
    ("en", "Georgia's president vetoed the bill.", [('Georgia', 0, 'country:GE')]),
    ("de", 'Die Wagner-Gruppe zog aus Bachmut ab.', [('Bachmut', 26, 'geonames:713174')]),
    ("de", 'Der Verein Borussia Dortmund gewann in München.', [('München', 39, 'geonames:2867714')]),
    ("en", 'The Bank of England raised rates.', [('England', 12, 'admin1:GB.ENG')]),
    ("de", 'Paris Hilton besuchte Berlin.', [('Berlin', 22, 'geonames:2950159')]),
    ("en", 'Sydney Sweeney starred in the film.', []),
    # declined adjectives between the preposition and the name; a small town's name before a noun is a firm's
    ("de", 'Die Sonde meldete sich über die Bodenstation im nordschwedischen Kiruna.', [('Kiruna', 65, 'geonames:605155')]),
    ("de", 'Sie wohnen in den kleinen Dörfern.', []),
    ("de", 'Die Feuerwehr kam aus dem benachbarten Meppen.', [('Meppen', 39, 'geonames:2871845')]),
    # a town GeoNames gives no population: a place in English after a cue, in a country the article names
    ("en", 'Officials in Nigeria said the outbreak began in Ungogo.', [('Nigeria', 13, 'country:NG'), ('Ungogo', 48, 'geonames:2320298')]),
    ("en", 'The outbreak began in Ungogo.', []),
    # only adjectives of place: "Halle", "Stock" and "Etappe" are also towns somewhere
    ("de", 'In einer großen Halle fand die Messe statt.', []),
    ("de", 'Im oberen Stock brach Feuer aus.', []),
    ("de", 'In der dritten Etappe stürzte er.', []),
    ("en", 'The fire at the Ostra recycling plant in Meppen was put out.', [('Meppen', 41, 'geonames:2871845')]),
    ("en", 'The fire at the Paris depot was put out.', [('Paris', 16, 'geonames:2988507')]),
    # first-level regions named with a compass word, and regions named like a village abroad
    ("en", 'The signal came through the ground station at New Norcia in Western Australia.', [('Western Australia', 60, 'admin1:AU.08')]),
    ("de", 'Die Lawine ging in Tirol ab.', [('Tirol', 19, 'admin1:AT.07')]),
    ("en", 'Victoria Beckham visited Melbourne.', [('Melbourne', 25, 'geonames:2158177')]),
    ("de", 'Ob Moskau Pjöngjang diese Materialien liefert, ist offen.', [('Moskau', 3, 'geonames:524901'), ('Pjöngjang', 10, 'geonames:1871859')]),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_extract(lang, text, expected):
    got = [(m.text, m.start, m.value.key) for m in run(text, lang)]
    assert got == expected


def test_offsets_point_into_the_article_text():
    prefix = "---\nsource: x\n---\n"
    ms = run("Der Kanzler reiste nach München.", "de", prefix)
    assert [(m.start, m.end, m.text) for m in ms] == [(len(prefix) + 24, len(prefix) + 31, "München")]
    assert ms[0].doc == "a"


@pytest.mark.parametrize("lang, text, context", [
    ("de", "Der Kanzler reiste nach München.", "nach"),
    ("de", "Im Hafen von Odessa wurden Schiffe beladen.", "Im"),
    ("de", "Der Frachter legte im russischen Hafen Wladiwostok an.", "im"),
    ("de", "Der Frachter legte im Hafen von Wladiwostok an.", "im"),
    ("de", "Die Hamas feuerte Raketen aus dem Gazastreifen ab.", "aus"),
    ("de", "Die Schiffe fuhren zwischen dem isolierten russischen Hafen Dunai und Rajin.", "zwischen"),
    ("de", "Der Hafen Hamburg meldete Rekorde.", "Hafen"),
    ("de", "Das Schiff lag in der Nähe von Wladiwostok.", "in der Nähe von"),
    ("de", "Man gehe davon aus, dass Pjöngjang von Moskau Technik wolle.", None),
    ("en", "The ship left the Russian port of Dunay.", "port"),
    ("de", "Die Rakete startete vom Weltraumbahnhof Baikonur.", "vom"),
    ("en", "Grain ships left the port of Odesa.", "port"),
    ("en", "Fighting continued near Bakhmut.", "near"),
    ("de", "Moskau erklärte, Russland lasse sich leiten.", None),
])
def test_context_is_the_governing_preposition(lang, text, context):
    assert run(text, lang)[0].context == context


def test_value_carries_kind_country_ancestors_and_variant_note():
    (m,) = run("Die Container wurden von der Hafenstadt Rason verschifft.", "de")
    v = m.value
    assert (v.kind, v.country, v.canonical) == ("city", "KP", "Rajin")
    assert v.ancestors[-2:] == ["country:KP", "continent:AS"]
    assert v.variant_of == ["alternate name of Rajin"]


def test_article_countries_choose_between_namesakes():
    # alone, "Dunai" is read as a namesake elsewhere; an article about Russia picks the Russian port
    text = "Die Schiffe fuhren nach Dunai. Russland bestreitet das."
    art = Article(id="a", path="a.txt", text=text, lang="de")
    sents = [Sentence(doc="a", index=0, start=0, end=30, text=text[:30]),
             Sentence(doc="a", index=1, start=31, end=len(text), text=text[31:])]
    got = [(m.text, m.value.key) for m in extract(art, sents)]
    assert got == [("Dunai", "geonames:2024800"), ("Russland", "country:RU")]


@pytest.mark.parametrize("word, country", [
    ("russischen", "RU"), ("nordkoreanischen", "KP"), ("ukrainische", "UA"), ("israelischen", "IL"),
    ("Russian", "RU"), ("Ukrainian", "UA"), ("militärischen", None), ("isolierten", None), ("westlichen", None),
])
def test_demonym_hint(word, country):
    assert demonym_country(word) == country


def test_adjectives_are_not_place_mentions():
    assert run("Russische Schiffe und nordkoreanische Waffen wurden gesichtet.", "de") == []


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not (SEEDS / "gold.yaml").exists(), reason="seed batch not beside the repository")
def test_seed_place_name_variants_resolve_to_one_place():
    gold = yaml.safe_load((SEEDS / "gold.yaml").read_text(encoding="utf-8"))
    gaz = Gazetteer.load()
    items = [i for i in gold["variants"] if i["kind"] == "place_name"]
    assert items
    for item in items:
        values = []
        for doc, anchor in item["docs"].items():
            text = (SEEDS / "articles" / f"{doc}.txt").read_text(encoding="utf-8")
            art = Article(id=doc, path=doc, text=text, lang="de")
            sents = [Sentence(doc=doc, index=0, start=0, end=len(text), text=text)]
            start = text.index(anchor)
            hits = [m for m in extract(art, sents) if m.start <= start < m.end]
            assert len(hits) == 1, (doc, anchor)
            values.append((hits[0].value, hits[0].text))
        (v0, t0), rest = values[0], values[1:]
        for v, t in rest:
            assert gaz.same_place(v0, v, t0, t) is not None, (t0, t)


def test_a_direction_away_from_a_place_of_any_size_is_its_own_place_and_opposite_sides_are_two():
    (north_west,) = run("Die Messstelle lag rund 35 Kilometer nordwestlich von Ulm.", "de")
    (south_west,) = run("The gauge stood 35 km south-west of Ulm, officials said.", "en")
    ulm = north_west.value.ancestors[0]
    assert north_west.text == "nordwestlich von Ulm" and north_west.value.key == f"dir:nw:{ulm}"
    assert south_west.value.key == f"dir:sw:{ulm}"
    gazetteer = Gazetteer.load()
    assert gazetteer.relation(north_west.value.key, south_west.value.key) == "disjoint"  # 90 degrees apart
    assert gazetteer.relation(north_west.value.key, f"dir:n:{ulm}") == "unknown"  # 45 degrees: loosely one side
    assert gazetteer.relation(north_west.value.key, ulm) == "inside"  # near Ulm, as "in Ulm" is read


# Places below the gazetteer, named with the noun of their kind: (lang, text, [(mention, canonical, local kind, context)]).
@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Der Umzug startete am Ulmenbahnhof.", [("Ulmenbahnhof", "Ulmenbahnhof", "site", "am")]),
    ("de", "Die Filiale an der Kieler Straße blieb geschlossen.", [("Kieler Straße", "Kieler Straße", "site", "an")]),
    ("de", "Die Kundgebung fand auf dem Anna-Seghers-Platz statt.", [("Anna-Seghers-Platz", "Anna-Seghers-Platz", "site", "auf")]),
    ("de", "Das Feuer brach in der Nähe des Bergdorfs Kalos aus.", [("Bergdorfs Kalos", "Kalos", "settlement", "in der Nähe des")]),
    ("de", "Im Stadtteil Wiesenau fielen die Stimmen knapp aus.", [("Stadtteil Wiesenau", "Wiesenau", "settlement", "Im")]),
    ("en", "The march set off from Amselplatz at noon.", [("Amselplatz", "Amselplatz", "site", "from")]),
    ("en", "The vote was held at the Ferncombe Centre.", [("Ferncombe Centre", "Ferncombe Centre", "site", "at")]),
    ("en", "The shop on Fulton Street was robbed.", [("Fulton Street", "Fulton Street", "site", "on")]),
    ("en", "The fire started near the village of Kalos.", [("village of Kalos", "Kalos", "settlement", "near")]),
    # no single place, a metonym, a slot in a nursery, a common noun after a kind noun
    ("de", "Die Autos standen auf dem Parkplatz.", []),
    ("en", "Wall Street reacted calmly.", []),
    ("de", "Die Eltern suchen einen Hortplatz.", []),
    ("de", "In der Schule Unterricht zu geben, ist schwer.", []),
    ("en", "He was taken to a city hospital.", []),
])
def test_local_places_are_read_where_their_kind_names_them(lang, text, expected):
    got = [(m.text, m.value.canonical, m.value.local_kind, m.context) for m in run(text, lang) if m.value.kind == "local"]
    assert got == expected


@pytest.mark.parametrize("lang, text, expected", [
    # the canton, not a Texan town; a region's bare name is read where the article speaks of its country
    ("de", "Aus Zürich fuhren Helfer ins Wallis.", [("Zürich", "geonames:2657896"), ("Wallis", "admin1:CH.VS")]),
    ("de", "Im Wallis schneite es.", []),
    ("de", "Der Kanton Thurgau zahlt die Hälfte.", [("Kanton Thurgau", "admin1:CH.TG")]),
    ("en", "Snow closed roads across Tyrol, Austria.", [("Tyrol", "admin1:AT.07"), ("Austria", "country:AT")]),
    # a Dutch province's bare name, or a direction from it, only in a story that names a place in the Netherlands
    ("de", "Die Böen erreichten Norddrenthe und Kiel.", [("Kiel", "geonames:2891122")]),
    ("de", "Die Böen erreichten Drenthe, Groningen und Kiel.",
     [("Drenthe", "admin1:NL.01"), ("Groningen", "geonames:2755251"), ("Kiel", "geonames:2891122")]),
    ("de", "Der Zug fuhr ohne Halt durch.", []),  # a canton's name that is a common word: only "Kanton Zug"
    ("de", "Die Firma zog in den Kanton Zug.", [("Kanton Zug", "admin1:CH.ZG")]),
    ("en", "A judge in the Southern District ruled.", []),  # a name of common words: no region before a cue
    ("de", "Im Kanton stimmten 60 Prozent zu.", []),  # "Kanton" names a kind of place, never a place (GeoNames: Guangzhou)
])
def test_first_level_regions_of_any_country(lang, text, expected):
    assert [(m.text, m.value.key) for m in run(text, lang)] == expected


def test_a_region_contains_the_towns_geonames_places_in_it():
    from checker.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    sion = gaz.candidates("Sion", "de", fuzzy=False, prefer_countries=frozenset({"CH"}))[0].place
    assert gaz.contains("admin1:CH.VS", sion.key) and not gaz.contains("admin1:CH.TG", sion.key)


def test_first_level_regions_part_their_country():
    from checker.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    linz = gaz.candidates("Linz", "de", fuzzy=False, prefer_countries=frozenset({"AT"}))[0].place.key
    assert gaz.relation(linz, "admin1:AT.04") == "inside"  # Upper Austria
    assert gaz.relation(linz, "admin1:AT.07") == "disjoint"  # a town of Upper Austria is not in Tyrol
    assert gaz.relation("admin1:AT.04", "admin1:AT.07") == "disjoint"


@pytest.mark.parametrize("text, expected", [
    ("Der Bielefelder Versorger zog nach Kassel.", [("Bielefelder", "Bielefeld"), ("Kassel", "Kassel")]),
    ("Die Kasseler Firma und der Münchner Verein.", [("Kasseler", "Kassel"), ("Münchner", "Munich")]),
    ("Der Sieger Paul nahm den Preis.", []),  # a noun's -er: no town of its stem with "-en" added
    ("Die Filiale an der Kieler Straße blieb zu.", [("Kieler Straße", "Kieler Straße")]),  # a street, not the town
])
def test_a_german_town_adjective_is_the_town(text, expected):
    assert [(m.text, m.value.canonical) for m in run(text, "de")] == expected
