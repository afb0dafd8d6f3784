"""Gazetteer: lookups (German and English names, romanisations), containment, distance, variants."""

import pytest

from checker.gazetteer import Gazetteer, fuzzy_key, german_romanisations, norm

MOSCOW, VLADIVOSTOK, PYONGYANG = "geonames:524901", "geonames:2013348", "geonames:1871859"
RAJIN, DUNAY, KYIV, KHARKIV = "geonames:2042645", "geonames:2024800", "geonames:703448", "geonames:706483"
VOSTOCHNY = "alias:vostochny-cosmodrome"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("name, lang, prefer, key, country, how", [
    ("Rason", "de", (), RAJIN, "KP", "alternate name"),
    ("Rajin", "de", (), RAJIN, "KP", "name"),
    ("Najin", "en", (), RAJIN, "KP", "alternate name"),
    ("Dunai", "de", ("RU",), DUNAY, "RU", "alternate name"),
    ("Dunay", "en", (), DUNAY, "RU", "name"),
    ("Wostotschny", "de", (), VOSTOCHNY, "RU", "name"),
    ("Weltraumbahnhof Wostotschny", "de", (), VOSTOCHNY, "RU", "name"),
    ("Vostochny Cosmodrome", "en", (), VOSTOCHNY, "RU", "name"),
    ("Moskau", "de", (), MOSCOW, "RU", "alternate name"),
    ("Moscow", "en", (), MOSCOW, "RU", "name"),
    ("Wladiwostok", "de", (), VLADIVOSTOK, "RU", "alternate name"),
    ("Russland", "de", (), "country:RU", "RU", "name"),
    ("Nordkorea", "de", (), "country:KP", "KP", "name"),
    ("North Korea", "en", (), "country:KP", "KP", "name"),
    ("Demokratische Volksrepublik Korea", "de", (), "country:KP", "KP", "name"),
    ("Pjöngjang", "de", (), PYONGYANG, "KP", "alternate name"),
    ("Tschongdschin", "de", (), "geonames:2044757", "KP", "romanisation"),
    ("Charkiw", "de", (), KHARKIV, "UA", "alternate name"),
    ("Kyjiw", "de", (), KYIV, "UA", "alternate name"),
    ("Kiew", "de", (), KYIV, "UA", "alternate name"),
    ("Odesa", "en", (), "geonames:698740", "UA", "name"),
    ("Odessa", "de", (), "geonames:698740", "UA", "alternate name"),
    ("Saporischschja", "de", (), "geonames:687700", "UA", "alternate name"),
    ("München", "de", (), "geonames:2867714", "DE", "alternate name"),
    ("Cologne", "en", (), "geonames:2886242", "DE", "alternate name"),
    ("New York", "en", (), "geonames:5128581", "US", "alternate name"),
    ("Washington", "en", (), "geonames:4140963", "US", "name"),
    ("Texas", "en", (), "admin1:US.TX", "US", "name"),
    ("Bayern", "de", (), "admin1:DE.02", "DE", "name"),
    ("Gazastreifen", "de", (), "admin1:PS.GZ", "PS", "name"),
    ("Türkei", "de", (), "country:TR", "TR", "name"),
    ("Marokko", "de", (), "country:MA", "MA", "name"),
    ("Fernen Osten Russlands", "de", (), "alias:russian-far-east", "RU", "name"),
    ("Nahen Osten", "de", (), "alias:middle-east", None, "name"),
    ("Rote Meer", "de", (), "alias:red-sea", None, "name"),
    ("Scheremetjewo", "de", (), "alias:sheremetyevo-airport", "RU", "name"),
])
def test_lookup_top_candidate(gaz, name, lang, prefer, key, country, how):
    best = gaz.candidates(name, lang, prefer_countries=frozenset(prefer))[0]
    assert (best.place.key, best.place.country, best.how) == (key, country, how)


@pytest.mark.parametrize("name", ["Container", "Krieg", "Bauarbeiten", "Sprecher", "Putin"])
def test_common_words_and_names_are_not_in_the_gazetteer(gaz, name):
    assert gaz.lookup(name, "de") == []


def test_lookup_ranks_namesakes_and_explains_the_variant(gaz):
    values = gaz.lookup("Dunai", "de")
    assert DUNAY in [v.key for v in values]
    assert values[[v.key for v in values].index(DUNAY)].variant_of == ["alternate name of Dunay"]


@pytest.mark.parametrize("german, english", [
    ("Wostotschny", "vostochny"),
    ("Wladiwostok", "vladivostok"),
    ("Charkiw", "kharkiv"),
    ("Kyjiw", "kyiv"),
    ("Tschongdschin", "chongjin"),
    ("Pjöngjang", "pyongyang"),
    ("Chabarowsk", "khabarovsk"),
    ("Jekaterinburg", "yekaterinburg"),
    ("Nowosibirsk", "novosibirsk"),
    ("Scheremetjewo", "sheremetyevo"),
])
def test_german_romanisation(german, english):
    assert german_romanisations(german)[0] == english


@pytest.mark.parametrize("a, b, same", [
    ("Dunai", "Dunay", True),
    ("Saporischschja", "Zaporizhzhia", True),
    ("Kasan", "Kazan", True),
    ("Moskau", "Minsk", False),
    ("Rason", "Rajin", False),
])
def test_fuzzy_key(a, b, same):
    ka = {fuzzy_key(x) for x in [norm(a), *german_romanisations(a)]}
    assert bool(ka & {fuzzy_key(norm(b))}) is same


@pytest.mark.parametrize("outer, inner, expected", [
    ("country:RU", VOSTOCHNY, True),
    ("country:RU", MOSCOW, True),
    (MOSCOW, VOSTOCHNY, False),
    (VOSTOCHNY, MOSCOW, False),
    ("admin1:RU.05", VOSTOCHNY, True),  # Amur Oblast
    ("alias:russian-far-east", VOSTOCHNY, True),
    ("alias:russian-far-east", VLADIVOSTOK, True),
    ("alias:russian-far-east", MOSCOW, False),
    ("country:KP", RAJIN, True),
    ("country:RU", RAJIN, False),
    ("alias:middle-east", "geonames:281133", True),  # Gaza
    ("alias:middle-east", KYIV, False),
    ("admin1:DE.02", "geonames:2867714", True),  # Bavaria, Munich
    ("country:RU", "dir:sw:country:RU", True),
    ("continent:EU", MOSCOW, True),
])
def test_contains(gaz, outer, inner, expected):
    assert gaz.contains(outer, inner) is expected


@pytest.mark.parametrize("a, b, relation", [
    (MOSCOW, VOSTOCHNY, "disjoint"),
    (VOSTOCHNY, "country:RU", "inside"),
    ("country:RU", MOSCOW, "contains"),
    (RAJIN, DUNAY, "disjoint"),
    ("dir:sw:country:RU", VOSTOCHNY, "unknown"),  # a vague region: no verdict
    ("dir:sw:country:RU", "dir:sw:country:RU", "same"),
    ("country:RU", "country:KP", "disjoint"),
])
def test_relation(gaz, a, b, relation):
    assert gaz.relation(a, b) == relation


def test_distance_moscow_vostochny(gaz):
    assert gaz.distance_km(MOSCOW, VOSTOCHNY) == pytest.approx(5500, rel=0.10)
    assert gaz.distance_km(VOSTOCHNY, MOSCOW) == gaz.distance_km(MOSCOW, VOSTOCHNY)
    assert gaz.distance_km("dir:sw:country:RU", MOSCOW) is None


@pytest.mark.parametrize("a, b, lang_a, lang_b, why", [
    ("Rason", "Rajin", "de", "de", "'Rason' and 'Rajin' are names of one place (Rajin, GeoNames alternate names)"),
    ("Najin", "Rajin", "de", "de", "'Najin' and 'Rajin' are names of one place (Rajin, GeoNames alternate names)"),
    ("Dunai", "Dunay", "de", "de", "romanisation variants of Dunay"),
    ("Wladiwostok", "Vladivostok", "de", "en", "romanisation variants of Vladivostok"),
    ("Primorje", "Wladiwostok", "de", "de", "Wladiwostok lies inside Primorje"),
    ("Moskau", "Wostotschny", "de", "de", None),
])
def test_same_place(gaz, a, b, lang_a, lang_b, why):
    va = gaz.candidates(a, lang_a, prefer_countries=frozenset({"RU"}))[0].place.value()
    vb = gaz.candidates(b, lang_b, prefer_countries=frozenset({"RU"}))[0].place.value()
    assert gaz.same_place(va, vb, a, b) == why


def test_place_value_carries_hierarchy(gaz):
    v = gaz.get(VOSTOCHNY)
    assert (v.kind, v.country, v.ancestors) == ("facility", "RU", ["admin1:RU.05", "country:RU", "continent:EU"])
    assert gaz.get("dir:sw:country:RU").canonical == "southwest of Russia"
    assert gaz.get("nonexistent:1") is None
