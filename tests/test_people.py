"""Persons, organisations and roles: exact spans, keys and holders, German and English."""

from __future__ import annotations

import pytest

from checker.extract.people import extract, person_key, same_person
from checker.models import Article, Mention, Sentence


def _run(text: str, lang: str = "de", doc: str = "d") -> list[Mention]:
    article = Article(id=doc, path=doc, text=text, lang=lang)
    return extract(article, [Sentence(doc=doc, index=0, start=0, end=len(text), text=text)])


def _find(mentions: list[Mention], kind: str, text: str, surface: str) -> Mention:
    start = text.index(surface)
    hits = [m for m in mentions if m.kind == kind and m.start == start and m.end == start + len(surface)]
    assert hits, f"no {kind} {surface!r} in {[(m.kind, m.text) for m in mentions]}"
    assert hits[0].text == surface
    return hits[0]


PERSONS = [
    ("Man gehe davon aus, sagte der Kommunikationsdirektor des Nationalen Sicherheitsrats, John Kirby.", "John Kirby", "john kirby"),
    ("Der russische Präsident Wladimir Putin empfing den Gast.", "Wladimir Putin", "vladimir putin"),
    ("Russian President Vladimir Putin received the guest.", "Vladimir Putin", "vladimir putin"),
    ("Dass Nordkoreas Machthaber Kim Jong Un Wladimir Putin half, gilt als sicher.", "Kim Jong Un", "kim jong un"),
    ("Dass Nordkoreas Machthaber Kim Jong Un Wladimir Putin half, gilt als sicher.", "Wladimir Putin", "vladimir putin"),
    ("Am 14. September 2023 trafen sich Wladimir Putin und Kim Jong-un in Russland.", "Kim Jong-un", "kim jong un"),
    ("Dies berichtete die Nachrichtenagentur Tass unter Berufung auf Kremlsprecher Dmitri Peskow.", "Dmitri Peskow", "dmitry peskov"),
    ("Kremlin spokesman Dmitry Peskov told reporters on Tuesday.", "Dmitry Peskov", "dmitry peskov"),
    ("Der ukrainische Präsident Wolodymyr Selenskyj reiste nach Berlin.", "Wolodymyr Selenskyj", "volodymyr zelensky"),
    ("Ukrainian President Volodymyr Zelenskyy travelled to Berlin.", "Volodymyr Zelenskyy", "volodymyr zelensky"),
    ("Bundeskanzler Olaf Scholz sprach im Bundestag.", "Olaf Scholz", "olaf scholz"),
    ("President Joe Biden met Chinese leader Xi Jinping in California.", "Joe Biden", "joe biden"),
    ("President Joe Biden met Chinese leader Xi Jinping in California.", "Xi Jinping", "xi jinping"),
    ("Kommissionspräsidentin Ursula von der Leyen kündigte neue Sanktionen an.", "Ursula von der Leyen", "ursula von der leyen"),
    ("Präsident Putin hat die Mobilmachung angeordnet.", "Putin", "putin"),
    ("Bundeskanzler Scholz reist am Montag nach Paris.", "Scholz", "scholz"),
    ("Außenminister Sergej Lawrow widersprach.", "Sergej Lawrow", "sergey lavrov"),
    ("Foreign Minister Sergei Lavrov disagreed.", "Sergei Lavrov", "sergey lavrov"),
    ("Trainer Thomas Tuchel verlängerte seinen Vertrag beim FC Bayern.", "Thomas Tuchel", "thomas tuchel"),
    ("Die Sprecherin Maria Sacharowa nannte die Vorwürfe absurd.", "Maria Sacharowa", "maria zakharova"),
    ("Forscherin Dr. Anna Schmidt stellte die Studie vor.", "Anna Schmidt", "anna schmidt"),
    ("Microsoft-Chef Satya Nadella zeigte sich zufrieden.", "Satya Nadella", "satya nadella"),
    ("Nach dem Treffen mit Moon Jae-in reiste er ab.", "Moon Jae-in", "moon jae in"),
    ("Hamas-Führer Jahja Sinwar soll sich in Tunneln verstecken.", "Jahja Sinwar", "jahja sinwar"),
    ("Das sagte Kremlsprecher Peskow Journalisten in Moskau.", "Peskow", "peskov"),
    ("Manchester City manager Pep Guardiola praised the team.", "Pep Guardiola", "pep guardiola"),
    ("UN Secretary-General António Guterres called for a ceasefire.", "António Guterres", "antonio guterres"),
    # a given name with a letter the lexicon writes without its stroke or accent
    ("The victim was named as Paweł Zieliński, 34.", "Paweł Zieliński", "pawel zielinsky"),
    # a Ukrainian given name in German transliteration
    ("Auffälligster Spieler war Mychajlo Mudryk.", "Mychajlo Mudryk", "mykhailo mudryk"),
    # an academic title between the office and the name
    ("KAV-Hauptgeschäftsführer Dr. Jörg Lenzen widersprach.", "Jörg Lenzen", "jorg lenzen"),
]


@pytest.mark.parametrize("text,surface,key", PERSONS)
def test_person_span_and_key(text: str, surface: str, key: str) -> None:
    assert _find(_run(text), "person", text, surface).value.key == key


NOT_PERSONS = [
    ("Container mit Munition wurden im Krieg verschifft.", "Container"),
    ("Container mit Munition wurden im Krieg verschifft.", "Munition"),
    ("Container mit Munition wurden im Krieg verschifft.", "Krieg"),
    ("Die Regierung in Washington reagierte scharf.", "Washington"),
    ("Washington warned Moscow against further steps.", "Washington"),
    ("Der Präsident Russlands reagierte nicht.", "Russlands"),
    ("Die Washington Post berichtete am Montag darüber.", "Washington Post"),
    ("Das Robert Koch-Institut meldet steigende Zahlen.", "Robert Koch"),
    ("Am Freitag hatte der Sprecher mitgeteilt, dass Nordkorea liefere.", "Freitag"),
    ("Von Washington aus reiste die Delegation weiter.", "Von Washington"),
    ("Hope Fades For Survivors After Quake", "Hope Fades"),
    # an agency or an event named with a first name: the head noun is no surname
    ("The Hollis Fire ignited on Monday, according to Cal Fire.", "Cal Fire"),
    ("The Hollis Fire ignited on Monday, according to Cal Fire.", "Fire ignited"),
    ("Die Angaben stammen von der Max Planck Gesellschaft und dem Robert Koch Institut.", "Robert Koch Institut"),
    # a place named with a first name, also in the genitive
    ("Voters in Prince Edward Island's capital went to the polls.", "Edward Island"),
    # an academic title is no surname after an office
    ("KAV-Hauptgeschäftsführer Dr. Jörg Lenzen widersprach.", "Dr"),
    # a common noun is no diacritic-less spelling of a first name in the lexicon ("Östen")
    ("Im Osten Russlands liegt der Hafen.", "Osten"),
]


@pytest.mark.parametrize("text,surface", NOT_PERSONS)
def test_not_a_person(text: str, surface: str) -> None:
    start = text.index(surface)
    end = start + len(surface)
    assert not [m for m in _run(text) if m.kind == "person" and m.start < end and start < m.end]


ORGS = [
    ("Es handle sich um Container, hieß es aus dem Weißen Haus.", "Weißen Haus", "white-house"),
    ("Nach Angaben des Weißen Hauses wurden die Container verladen.", "Weißen Hauses", "white-house"),
    ("Das Weisse Haus spricht von einer bedeutenden Menge.", "Weisse Haus", "white-house"),
    ("The White House released satellite images.", "White House", "white-house"),
    ("reagierte ein Sprecher der Vereinten Nationen.", "Vereinten Nationen", "un"),
    ("Waffenhandel würde gegen bestehende UN-Beschlüsse verstoßen.", "UN", "un"),
    ("Der Kreml weist Vorwürfe zurück.", "Kreml", "kremlin"),
    ("The Kremlin rejected the claims.", "Kremlin", "kremlin"),
    ("Nordkorea hat nach Angaben der US-Regierung Waffen geliefert.", "US-Regierung", "us-government"),
    ("Die britische Wettbewerbsbehörde CMA genehmigte die Übernahme.", "britische Wettbewerbsbehörde", "cma"),
    ("Die Entscheidung der britischen Wettbewerbsbehörde fiel am Freitag.", "britischen Wettbewerbsbehörde", "cma"),
    ("The Competition and Markets Authority approved the deal.", "Competition and Markets Authority", "cma"),
    ("Die Internationale Atomenergiebehörde schickte Inspekteure.", "Internationale Atomenergiebehörde", "iaea"),
    ("Laut der IAEO ist die Lage stabil.", "IAEO", "iaea"),
    ("Die EZB hebt den Leitzins an.", "EZB", "ecb"),
    ("The ECB raised its key rate.", "ECB", "ecb"),
    ("Die Weltgesundheitsorganisation warnt vor einer neuen Welle.", "Weltgesundheitsorganisation", "who"),
    ("Das IOC schloss den Verband aus.", "IOC", "ioc"),
    ("Satellitenbilder des Royal United Services Institute zeigen Schiffe.", "Royal United Services Institute", "rusi"),
    ("Die Koreanische Zentrale Nachrichtenagentur meldete den Start.", "Koreanische Zentrale Nachrichtenagentur", "kcna"),
    ("Dies berichtete die Nachrichtenagentur Tass.", "Tass", "tass"),
    ("Die Bundesregierung verurteilte den Angriff.", "Bundesregierung", "german-government"),
    ("Der Internationale Strafgerichtshof erließ einen Haftbefehl.", "Internationale Strafgerichtshof", "icc"),
    ("Die Washington Post berichtete am Montag darüber.", "Washington Post", "washington-post"),
]


@pytest.mark.parametrize("text,surface,key", ORGS)
def test_org_span_and_key(text: str, surface: str, key: str) -> None:
    assert _find(_run(text), "org", text, surface).value.key == key


ROLES = [
    ("Man gehe davon aus, sagte der Kommunikationsdirektor des Nationalen Sicherheitsrats, John Kirby.",
     "Kommunikationsdirektor des Nationalen Sicherheitsrats", "john kirby"),
    ("Am Freitag hatte der Sprecher des Nationalen Sicherheitsrates der USA, John Kirby, mitgeteilt, dass Nordkorea liefere.",
     "Sprecher des Nationalen Sicherheitsrates der USA", "john kirby"),
    ("„Wir verurteilen Nordkorea“, sagte John Kirby, Sprecher für nationale Sicherheit des Weißen Hauses.",
     "Sprecher für nationale Sicherheit des Weißen Hauses", "john kirby"),
    ("Dies berichtete die Nachrichtenagentur Tass unter Berufung auf Kremlsprecher Dmitri Peskow.", "Kremlsprecher", "dmitry peskov"),
    ("Präsident Putin hat die Mobilmachung angeordnet.", "Präsident", "putin"),
    ("Dass Nordkoreas Machthaber Kim Jong Un Wladimir Putin half, gilt als sicher.", "Nordkoreas Machthaber", "kim jong un"),
    ("Der russische Präsident Wladimir Putin empfing den Gast.", "russische Präsident", "vladimir putin"),
    ("Kremlin spokesman Dmitry Peskov told reporters on Tuesday.", "Kremlin spokesman", "dmitry peskov"),
    ("The company was led by the CEO of Microsoft, Satya Nadella.", "CEO of Microsoft", "satya nadella"),
    ("John Kirby, spokesman for the National Security Council, said so.", "spokesman for the National Security Council", "john kirby"),
    ("Es reagierte ein Sprecher der Vereinten Nationen.", "Sprecher der Vereinten Nationen", None),
    ("Regierungssprecher Steffen Hebestreit bestätigte den Termin.", "Regierungssprecher", "steffen hebestreit"),
    ("Bundeskanzler Olaf Scholz sprach im Bundestag.", "Bundeskanzler", "olaf scholz"),
    ("Trainer Thomas Tuchel verlängerte seinen Vertrag.", "Trainer", "thomas tuchel"),
    ("Die Richterin am Bundesgerichtshof, Bettina Limperg, wies die Klage ab.", "Richterin am Bundesgerichtshof",
     "bettina limperg"),
    ("UN Secretary-General António Guterres called for a ceasefire.", "UN Secretary-General", "antonio guterres"),
    ("John Kirby, seit 2022 der Sprecher des Weißen Hauses, sagte das.", "Sprecher des Weißen Hauses", "john kirby"),
    ("Karine Jean-Pierre said on Monday that the president would veto the bill.", "president", None),
    ("Mark Rutte wird NATO-Generalsekretär.", "NATO-Generalsekretär", None),
    ("Premier-designate Margaret Quinlan named her cabinet.", "Premier-designate", "margaret quinlan"),
    ("Outgoing premier Dennis Carver, whose party lost, conceded.", "Outgoing premier", "dennis carver"),
    ("Glacis-Missionsleiterin Dr. Ines Haberland sprach.", "Glacis-Missionsleiterin", "ines haberland"),
    ("Das sagt Esa-Projektleiterin Ines Haberland.", "Esa-Projektleiterin", "ines haberland"),
    ("Finanzvorstand Thomas Reuß kündigte Einsparungen an.", "Finanzvorstand", "thomas reuss"),
    ("Die Baudezernentin Sabine Oelmann widersprach.", "Baudezernentin", "sabine oelmann"),
    ("Stadtbaurätin Sabine Oelmann widersprach.", "Stadtbaurätin", "sabine oelmann"),
    ("Landrat Jens Albrecht rief den Katastrophenfall aus.", "Landrat", "jens albrecht"),
]


@pytest.mark.parametrize("text,surface,holder", ROLES)
def test_role_span_and_holder(text: str, surface: str, holder: str | None) -> None:
    assert _find(_run(text), "role", text, surface).value.holder == holder


@pytest.mark.parametrize("text", [
    "Die Lautsprecher am Bahnhof waren laut.",
    "Der Konzern baut Halbleitern eine neue Fabrik.",
    "Der Reiseführer empfiehlt das Museum.",
])
def test_not_a_role(text: str) -> None:
    assert not [m for m in _run(text) if m.kind == "role"]


def test_seed_roles_share_one_holder() -> None:
    texts = [text for text, _, _ in ROLES[:3]]
    holders = {m.value.holder for t in texts for m in _run(t) if m.kind == "role"}
    assert holders == {"john kirby"}


def test_short_reference_takes_full_key() -> None:
    text = "Der Sprecher John Kirby äußerte sich. Nordkorea dürfte liefern, sagte Kirby."
    article = Article(id="d", path="d", text=text)
    cut = text.index("Nordkorea")
    sentences = [Sentence(doc="d", index=0, start=0, end=cut - 1, text=text[: cut - 1]),
                 Sentence(doc="d", index=1, start=cut, end=len(text), text=text[cut:])]
    kirby = [m for m in extract(article, sentences) if m.kind == "person" and m.text == "Kirby"]
    assert [(m.start, m.value.key) for m in kirby] == [(text.rindex("Kirby"), "john kirby")]


def test_short_reference_to_korean_name_and_genitive() -> None:
    text = "Kim Jong Un traf Wladimir Putin. Danach forderte Kim mehr Raketen, um Putins Krieg zu stützen."
    found = {(m.text, m.value.key) for m in _run(text) if m.kind == "person"}
    assert found == {("Kim Jong Un", "kim jong un"), ("Wladimir Putin", "vladimir putin"),
                     ("Kim", "kim jong un"), ("Putins", "vladimir putin")}


KEYS = [
    ("Kim Jong Un", "Kim Jong-un", "spelling variant (hyphen)"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelensky", "transliteration"),
    ("Selenskyj", "Zelenskyy", "transliteration"),
    ("Dmitri Peskow", "Dmitry Peskov", "transliteration"),
    ("Sergej Lawrow", "Sergey Lavrov", "transliteration"),
    ("Alexej Nawalny", "Alexei Navalny", "transliteration"),
    ("Thomas Müller", "Thomas Muller", "spelling variant (ß/ss, diacritics)"),
    ("Weißmann", "Weissmann", "spelling variant (ß/ss, diacritics)"),
    ("Putin", "Wladimir Putin", "short form of the name"),
    ("Joe Biden", "Joe Biden", "same spelling"),
    ("Olaf Scholz", "Joe Biden", None),
    ("Erwin Schrödinger", "Ervin Schrodinger", None),
    ("Paweł Zieliński", "Pawel Zielinski", "spelling variant (ß/ss, diacritics)"),
    ("Mykhailo Mudryk", "Mychajlo Mudryk", "transliteration"),
    ("Wolodymyr Selenskyj", "Mykhailo Mudryk", None),
]


@pytest.mark.parametrize("a,b,why", KEYS)
def test_same_person(a: str, b: str, why: str | None) -> None:
    assert same_person(a, b) == why


@pytest.mark.parametrize("name,key", [
    ("Kim Jong-un", "kim jong un"), ("Wladimir Putin", "vladimir putin"), ("Maria Sacharowa", "maria zakharova"),
    ("Michail Gorbatschow", "mikhail gorbachov"), ("John Kirby", "john kirby"), ("Dr. Anna Schmidt", "anna schmidt"),
    # umlauts written out: one key with the umlaut, the digraph and the bare vowel; "-el" is no umlaut
    ("Jürgen Müller", "jurgen muller"), ("Juergen Mueller", "jurgen muller"), ("Gerhard Schroeder", "gerhard schroder"),
    ("Michael Neuer", "michael neuer"), ("Samuel Joel", "samuel joel"), ("Joey Chloe", "joey chloe"), ("Daniel Okafor-Reid", "daniel okafor reid"),
])
def test_person_key(name: str, key: str) -> None:
    assert person_key(name) == key


def test_korean_family_name_before_a_noun_is_a_short_reference() -> None:
    text = "Kim Jong Un reiste ab. Am Donnerstag rief Kim Staatsmedien zufolge zu mehr Raketen auf."
    found = [(m.start, m.end, m.value.key) for m in _run(text) if m.kind == "person"]
    assert found == [(0, 11, "kim jong un"), (text.index("Kim Staats"), text.index("Kim Staats") + 3, "kim jong un")]


def test_data_files_state_provenance_and_orgs_are_unique() -> None:
    from pathlib import Path

    import yaml

    data = Path(__file__).resolve().parent.parent / "checker" / "data"
    for name in ("orgs.yaml", "roles.yaml", "cues.yaml", "people_names.yaml", "people_translit.yaml"):
        assert yaml.safe_load((data / name).read_text(encoding="utf-8"))["provenance"]
    assert (data / "first_names.txt").read_text(encoding="utf-8").startswith("# provenance: Faker")
    orgs = yaml.safe_load((data / "orgs.yaml").read_text(encoding="utf-8"))["orgs"]
    keys = [o["key"] for o in orgs]
    assert len(keys) == len(set(keys)) and len(keys) >= 80


def test_the_plain_name_shortcut_agrees_with_folding():
    from checker.extract.people import fold_name, folds_to_itself
    from checker.resources import DATA_DIR

    lexicon = [n for n in (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines() if n and not n.startswith("#")]
    odd = ["Jean-Luc", "O'Neil", "J. R.", "Ann  Marie", " Ann", "Ann\tMarie", "Łukasz", "Strauß", "Zoë", "Ines"]
    assert [n for n in lexicon + odd if folds_to_itself(n) != (fold_name(n) == n.lower())] == []
