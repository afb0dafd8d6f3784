"""Regression cases for sentence splitting: the hard cases of German and English news."""

import pytest

from checker.models import Article
from checker.segment import segment


def sentences(text: str) -> list[str]:
    return [s.text for s in segment(Article(id="a", path="a.txt", text=text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Am 13. Oktober trafen sie sich. Danach reisten sie ab.", ["Am 13. Oktober trafen sie sich.", "Danach reisten sie ab."]),
        ("Der Zug fuhr um 18 Uhr. Danach war es still.", ["Der Zug fuhr um 18 Uhr.", "Danach war es still."]),
        ("Der Kreml erklärte am Dienstag (17. Oktober), die Vorwürfe seien falsch. Das sagte er.",
         ["Der Kreml erklärte am Dienstag (17. Oktober), die Vorwürfe seien falsch.", "Das sagte er."]),
        ("Es waren mehr als 1.000 Container. Sie kamen per Schiff.", ["Es waren mehr als 1.000 Container.", "Sie kamen per Schiff."]),
        ("zwischen dem 7. September und 1. Oktober wurde verschifft.", ["zwischen dem 7. September und 1. Oktober wurde verschifft."]),
        ("Das sagte Dmitri Peskow. Er sprach in Moskau.", ["Das sagte Dmitri Peskow.", "Er sprach in Moskau."]),
        ("Der 2. Weltkrieg endete 1945. Danach begann der Wiederaufbau.", ["Der 2. Weltkrieg endete 1945.", "Danach begann der Wiederaufbau."]),
        ("Laut Prof. Dr. Müller vom Inst. für Physik ist das falsch.", ["Laut Prof. Dr. Müller vom Inst. für Physik ist das falsch."]),
        ("Die Zahl stieg auf 12. Rettungskräfte suchen weiter.", ["Die Zahl stieg auf 12.", "Rettungskräfte suchen weiter."]),
        ("Es kostet ca. 5 Mio. Euro, z. B. für Brücken.", ["Es kostet ca. 5 Mio. Euro, z. B. für Brücken."]),
        ("„Wir liefern nichts“, sagte er. „Niemals.“ Dann ging er.", ["„Wir liefern nichts“, sagte er.", "„Niemals.“", "Dann ging er."]),
        ("Mr. Smith met Gen. Jones in the U.S. capital. They spoke for an hour.",
         ["Mr. Smith met Gen. Jones in the U.S. capital.", "They spoke for an hour."]),
        ("John F. Kennedy was shot. The nation mourned.", ["John F. Kennedy was shot.", "The nation mourned."]),
        ("Die Partie endete am 3. Spieltag 2:1. Bayern führt.", ["Die Partie endete am 3. Spieltag 2:1.", "Bayern führt."]),
        ("Was wussten die USA? Offenbar viel.", ["Was wussten die USA?", "Offenbar viel."]),
    ],
)
def test_hard_cases(text, expected):
    assert sentences(text) == expected


def test_offsets_point_into_the_text_and_boilerplate_is_left_out():
    text = (
        "Titel der Meldung\n\n"
        "Seitens der USA besteht kein Zweifel. (Foto) Suche\n"
        "Seitens der USA besteht kein Zweifel. Bild: picture alliance/dpa | Uncredited\n\n"
        "Am 14. September trafen sie sich in Russland. © dpa\n"
        "Folgen Sie uns bei Facebook und Twitter!\n"
        "/news.de/dpa\n"
        "Themen:\n"
    )
    article = Article(id="a", path="a.txt", text=text)
    got = segment(article)
    assert [s.text for s in got] == [
        "Titel der Meldung",
        "Seitens der USA besteht kein Zweifel.",
        "Am 14. September trafen sie sich in Russland.",
    ]
    assert all(text[s.start : s.end] == s.text for s in got)
    assert got[0].heading and not got[1].heading


def test_front_matter_and_dateline_are_not_sentences():
    text = "---\nid: x\n---\ndate 2023-10 Die USA behaupteten am Freitag etwas.\n"
    start = text.index("date 2023-10")
    article = Article(id="x", path="x.txt", text=text, body_start=text.index("date"), dateline=(start, start + len("date 2023-10")))
    (only,) = segment(article)
    assert only.text == "Die USA behaupteten am Freitag etwas." and text[only.start : only.end] == only.text


def test_hostile_line_shapes_keep_their_sentences():
    """Shapes that were quadratic (bench/long_lines.py measures them): the split stays the same."""
    from checker.models import Article

    def spans(text):
        return [s.text for s in segment(Article(id="x", path="x.txt", text=text))]

    assert spans("Erstens kam Regen...... Dann kam Wind.") == ["Erstens kam Regen......", "Dann kam Wind."]
    assert spans("Der Damm hielt." + " " * 5000 + "Die Straße nicht.") == ["Der Damm hielt.", "Die Straße nicht."]
    assert spans("Die Brücke ist gesperrt Foto: Agentur Nord Foto: Agentur Süd") == ["Die Brücke ist gesperrt"]
    assert spans("Am 13. Oktober sprach Dr. Berg." + " Wort" * 300 + ".") == ["Am 13. Oktober sprach Dr. Berg.", ("Wort " * 300).strip() + "."]
