"""Date and time mentions: spans, offsets and resolved intervals, German and English."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Optional

import pytest

from checker.extract.dates import extract, publication_date_from_header
from checker.models import Article, DateValue, Granularity, Sentence

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "nk-arms" / "articles"


def published(value: Optional[str]) -> Optional[DateValue]:
    """"2023-10-17" is a day, "2023-10" a month."""
    if value is None:
        return None
    if len(value) == 7:
        y, m = map(int, value.split("-"))
        return DateValue(start=dt.date(y, m, 1), end=dt.date(y, m, calendar.monthrange(y, m)[1]), granularity=Granularity.month)
    day = dt.date.fromisoformat(value)
    return DateValue(start=day, end=day)


def run(text: str, pub: Optional[str]):
    article = Article(id="a", path="a.txt", text=text, published=published(pub))
    return extract(article, [])


def as_row(m) -> tuple:
    v = m.value
    return (
        m.text,
        m.start,
        v.start.isoformat() if v.start else None,
        v.end.isoformat() if v.end else None,
        v.granularity.value,
        v.resolved,
        v.time,
    )


# (text, publication date, [(span text, start offset, start, end, granularity, resolved, time)])
CASES = [
    ('Die Lieferung kam am 13.10.2023 an.', None, [('am 13.10.2023', 18, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Stand der Dinge: am 05.01.2024 wurde gemeldet.', None, [('am 05.01.2024', 17, '2024-01-05', '2024-01-05', 'day', True, None)]),
    ('Am 2023-10-13 geschah es.', None, [('Am 2023-10-13', 0, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('It happened on October 13, 2023, in Washington.', None, [('on October 13, 2023', 12, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('It happened on 13 October 2023.', None, [('on 13 October 2023', 12, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Er wurde am 5. Oktober 1990 geboren.', None, [('am 5. Oktober 1990', 9, '1990-10-05', '1990-10-05', 'day', True, None)]),
    ('Das Treffen war am 13. Oktober.', '2023-10-17', [('am 13. Oktober', 16, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Das Treffen ist am 3. Dezember.', '2023-10-17', [('am 3. Dezember', 16, '2023-12-03', '2023-12-03', 'day', True, None)]),
    ('Am 30. Dezember schlug eine Rakete ein.', '2024-01-05', [('Am 30. Dezember', 0, '2023-12-30', '2023-12-30', 'day', True, None)]),
    ('Am Freitag sagte Bauer etwas.', '2023-10-17', [('Am Freitag', 0, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('On Friday, the city hall said.', '2023-10-17', [('On Friday', 0, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Am Dienstag sagte er etwas.', '2023-10-17', [('Am Dienstag', 0, '2023-10-17', '2023-10-17', 'day', True, None)]),
    ('The officials said last month that it was over.', '2023-10-17', [('last month', 19, '2023-09-01', '2023-09-30', 'month', True, None)]),
    ('Das war Mitte Oktober.', '2023-10-17', [('Mitte Oktober', 8, '2023-10-11', '2023-10-20', 'range', True, None)]),
    ('Anfang 2023 begann es, Ende 2023 endete es.', None, [('Anfang 2023', 0, '2023-01-01', '2023-04-30', 'range', True, None), ('Ende 2023', 23, '2023-09-01', '2023-12-31', 'range', True, None)]),
    ('Im Jahr 2022 war alles anders.', None, [('Im Jahr 2022', 0, '2022-01-01', '2022-12-31', 'year', True, None)]),
    ('Seit 2022 liefert das Land Waffen.', None, [('Seit 2022', 0, '2022-01-01', '2022-12-31', 'year', True, None)]),
    ('Bis 2030 will die Regierung handeln.', None, [('Bis 2030', 0, '2030-01-01', '2030-12-31', 'year', True, None)]),
    ('Gestern sagte er, heute sagt er etwas anderes.', '2023-10-17', [('Gestern', 0, '2023-10-16', '2023-10-16', 'day', True, None), ('heute', 18, '2023-10-17', '2023-10-17', 'day', True, None)]),
    ('Vergangene Woche kam die Nachricht.', '2023-10-17', [('Vergangene Woche', 0, '2023-10-09', '2023-10-15', 'week', True, None)]),
    ('Vor zwei Wochen begann es.', '2023-10-17', [('Vor zwei Wochen', 0, '2023-09-30', '2023-10-06', 'week', True, None)]),
    ('In der Nacht zu Dienstag griffen Drohnen an.', '2023-10-17', [('In der Nacht zu Dienstag', 0, '2023-10-16', '2023-10-17', 'range', True, None)]),
    ('Yesterday he said; last week she said; two days ago they said.', '2023-10-17', [('Yesterday', 0, '2023-10-16', '2023-10-16', 'day', True, None), ('last week', 19, '2023-10-09', '2023-10-15', 'week', True, None), ('two days ago', 39, '2023-10-15', '2023-10-15', 'day', True, None)]),
    ('Between 7 September and 1 October ships sailed.', '2023-10-17', [('Between 7 September and 1 October', 0, '2023-09-07', '2023-10-01', 'range', True, None)]),
    ('From 7 September to 1 October ships sailed.', '2023-10-17', [('From 7 September to 1 October', 0, '2023-09-07', '2023-10-01', 'range', True, None)]),
    ('Die Container wurden vom 7. September bis 1. Oktober verschifft.', '2023-10', [('vom 7. September bis 1. Oktober', 21, '2023-09-07', '2023-10-01', 'range', True, None)]),
    ('Um 6.45 Uhr kam der Zug, um 7 Uhr der nächste.', '2023-10-17', [('Um 6.45 Uhr', 0, None, None, 'time', False, '06:45'), ('um 7 Uhr', 25, None, None, 'time', False, '07:00')]),
    ('Der Angriff begann um 06:45 Uhr.', None, [('um 06:45 Uhr', 19, None, None, 'time', False, '06:45')]),
    ('Es war kurz vor sieben.', None, [('kurz vor sieben', 7, None, None, 'time', False, '07:00')]),
    ('The attack began at 6:45 a.m. local time.', None, [('at 6:45 a.m.', 17, None, None, 'time', False, '06:45')]),
    ('Am Dienstag, 17. Oktober 2023, sagte er.', None, [('Am Dienstag, 17. Oktober 2023', 0, '2023-10-17', '2023-10-17', 'day', True, None)]),
    ('Vom 7. bis 9. Oktober tagte der Rat.', '2023-10-17', [('Vom 7. bis 9. Oktober', 0, '2023-10-07', '2023-10-09', 'range', True, None)]),
    ('Am Freitag um 6.45 Uhr begann es.', '2023-10-17', [('Am Freitag um 6.45 Uhr', 0, '2023-10-13', '2023-10-13', 'time', True, '06:45')]),
    ('Im Herbst 2022 reiste er.', None, [('Im Herbst 2022', 0, '2022-09-01', '2022-11-30', 'season', True, None)]),
    ('Im Herbst war er nach Passau gereist.', '2024-01-05', [('Im Herbst', 0, '2023-09-01', '2023-11-30', 'season', True, None)]),
    ('Im vergangenen Jahr reiste er.', '2023-10-17', [('Im vergangenen Jahr', 0, '2022-01-01', '2022-12-31', 'year', True, None)]),
    ('Kommenden Montag beginnt es.', '2023-10-17', [('Kommenden Montag', 0, '2023-10-23', '2023-10-23', 'day', True, None)]),
    ('Im August traf er sich.', '2023-10-17', [('Im August', 0, '2023-08-01', '2023-08-31', 'month', True, None)]),
    ('It may rain in May.', '2023-10-17', [('in May', 12, '2023-05-01', '2023-05-31', 'month', True, None)]),
    ('In early October, mid-October and late 2023.', '2023-10-17', [('In early October', 0, '2023-10-01', '2023-10-10', 'range', True, None), ('mid-October', 18, '2023-10-11', '2023-10-20', 'range', True, None), ('late 2023', 34, '2023-09-01', '2023-12-31', 'range', True, None)]),
    ('Next week we meet.', '2023-10-17', [('Next week', 0, '2023-10-23', '2023-10-29', 'week', True, None)]),
    ('Am 31.02.2023 sowie 3.11. und 12.5. tagte der Rat.', '2023-10-17', [('3.11.', 20, '2023-11-03', '2023-11-03', 'day', True, None), ('12.5.', 30, '2023-05-12', '2023-05-12', 'day', True, None)]),
    ('Letztes Wochenende gab es Proteste.', '2023-10-17', [('Letztes Wochenende', 0, '2023-10-14', '2023-10-15', 'range', True, None)]),
    ('vor einem Jahr, vor 3 Monaten, vor drei Tagen', '2023-10-17', [('vor einem Jahr', 0, '2022-01-01', '2022-12-31', 'year', True, None), ('vor 3 Monaten', 16, '2023-07-01', '2023-07-31', 'month', True, None), ('vor drei Tagen', 31, '2023-10-14', '2023-10-14', 'day', True, None)]),
    ('this week, this year, diese Woche, dieses Jahr', '2023-10-17', [('this week', 0, '2023-10-16', '2023-10-22', 'week', True, None), ('this year', 11, '2023-01-01', '2023-12-31', 'year', True, None), ('diese Woche', 22, '2023-10-16', '2023-10-22', 'week', True, None), ('dieses Jahr', 35, '2023-01-01', '2023-12-31', 'year', True, None)]),
    ('Am Freitag sagte Bauer etwas.', None, [('Am Freitag', 0, None, None, 'day', False, None)]),
    ('Am Freitag sagte Bauer etwas.', '2023-10', [('Am Freitag', 0, '2023-09-29', '2023-10-27', 'range', False, None)]),
    ('Letzten Monat reiste Lea nach Russland.', '2023-10', [('Letzten Monat', 0, '2023-09-01', '2023-09-30', 'month', True, None)]),
    ('Gestern sagte er etwas.', '2023-10', [('Gestern', 0, '2023-09-30', '2023-10-30', 'range', False, None)]),
    ('Im September traf er Meier.', None, [('Im September', 0, None, None, 'month', False, None)]),
    ('Im September traf er Meier. Am 13. Oktober 2023 kam die Erklärung.', None, [('Im September', 0, '2023-09-01', '2023-09-30', 'month', True, None), ('Am 13. Oktober 2023', 28, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Der Senat erklärte am Dienstag (17. Oktober), es gebe keine Beweise. Am Freitag hatte Bauer das Gegenteil gesagt. Am 14. September 2023 trafen sich beide.', None, [('am Dienstag (17. Oktober)', 19, '2023-10-17', '2023-10-17', 'day', True, None), ('Am Freitag', 69, '2023-10-13', '2023-10-13', 'day', True, None), ('Am 14. September 2023', 114, '2023-09-14', '2023-09-14', 'day', True, None)]),
    ('Der Senat erklärte am Dienstag (17. Oktober), es gebe keine Beweise. Am Freitag hatte Bauer das Gegenteil gesagt.', '2023-10', [('am Dienstag (17. Oktober)', 19, '2023-10-17', '2023-10-17', 'day', True, None), ('Am Freitag', 69, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Der Senat erklärte am Dienstag (17. Oktober), es gebe keine Beweise.', None, [('am Dienstag (17. Oktober)', 19, None, None, 'day', False, None)]),
    ('The Council said on Tuesday, October 17, that there was no evidence. On Friday, Bauer had said otherwise.', '2023-10', [('on Tuesday, October 17', 17, '2023-10-17', '2023-10-17', 'day', True, None), ('On Friday', 69, '2023-10-13', '2023-10-13', 'day', True, None)]),
    ('Die Schiffe fuhren zwischen dem 7. September und dem 1. Oktober 2023.', None, [('zwischen dem 7. September und dem 1. Oktober 2023', 19, '2023-09-07', '2023-10-01', 'range', True, None)]),
    ('Zwischen Dezember und Februar 2024 fiel kaum Schnee.', None, [('Zwischen Dezember und Februar 2024', 0, '2023-12-01', '2024-02-29', 'range', True, None)]),
    ('Das geschah im Winter 2022.', None, [('im Winter 2022', 12, '2022-12-01', '2023-02-28', 'season', True, None)]),
    ('Bis Ende Oktober soll alles fertig sein.', '2023-10-17', [('Bis Ende Oktober', 0, '2023-10-17', '2023-10-31', 'range', True, None)]),
    ('Mehr als 1.000 Container, 1,5 Mio. Euro, Version 2.1.3, das Spiel endete 2:1, 7 Menschen.', '2023-10-17', []),
    ('Das kostet 3.50 Euro und wiegt 12.5 kg.', '2023-10-17', []),
    ('Er kam 2023 nach Berlin.', '2023-10-17', []),
    ('In 2022 Fällen wurde nichts gefunden.', '2023-10-17', []),
    ('August Müller sagte, er fahre freitags.', '2023-10-17', []),
    ('Im Fall einer Niederlage droht Streit.', '2023-10-17', []),
    ('Zwischen 1000 und 2000 Soldaten wurden verlegt.', '2023-10-17', []),
    ('Rund 1990 Menschen kamen, 20 bis 30 Prozent mehr.', '2023-10-17', []),
    ('Er sagte heute Morgen, es sei kurz vor zwölf.', '2023-10-17', [('heute', 9, '2023-10-17', '2023-10-17', 'day', True, None), ('kurz vor zwölf', 30, None, None, 'time', False, '12:00')]),
    ('Der Zug fuhr um 18 Uhr ab.', '2023-10-17', [('um 18 Uhr', 13, None, None, 'time', False, '18:00')]),
    ('Es war heute.', None, [('heute', 7, None, None, 'day', False, None)]),
    ('The ships sailed from the 7th of September to the 1st of October.', '2023-10-17', [('from the 7th of September to the 1st of October', 17, '2023-09-07', '2023-10-01', 'range', True, None)]),
    ('The meeting is planned for early 2024.', '2023-10-17', [('early 2024', 27, '2024-01-01', '2024-04-30', 'range', True, None)]),
    ('Am Sonntag, den 15. Oktober, fand es statt.', '2023-10-17', [('Am Sonntag, den 15. Oktober', 0, '2023-10-15', '2023-10-15', 'day', True, None)]),
    ('Die Frist endete am 1. Januar.', '2023-10-17', [('am 1. Januar', 17, '2023-01-01', '2023-01-01', 'day', True, None)]),
    ('Er sprach am 14.10. in Berlin.', '2023-10-17', [('am 14.10.', 10, '2023-10-14', '2023-10-14', 'day', True, None)]),
    ('The talks took place in September 2023.', None, [('in September 2023', 21, '2023-09-01', '2023-09-30', 'month', True, None)]),
    ("Ab Montag gilt die Regel, bis Mittwoch bleibt es warm, seit Freitag regnet es.", "2024-06-02", [('Ab Montag', 0, '2024-06-03', '2024-06-03', 'day', True, None), ('bis Mittwoch', 26, '2024-06-02', '2024-06-05', 'range', True, None), ('seit Freitag', 55, '2024-05-31', '2024-06-02', 'range', True, None)]),
    ("The deal must close by Tuesday.", "2024-08-14", [('by Tuesday', 20, '2024-08-14', '2024-08-20', 'range', True, None)]),
    ("Am 26. Januar 2024 wurde gemeldet, der Kauf sei im Oktober abgeschlossen worden.", None, [('Am 26. Januar 2024', 0, '2024-01-26', '2024-01-26', 'day', True, None), ('im Oktober', 48, '2023-10-01', '2023-10-31', 'month', True, None)]),
    ("Der Abschluss wird im dritten Quartal 2025 erwartet.", "2025-03-10", [('im dritten Quartal 2025', 19, '2025-07-01', '2025-09-30', 'range', True, None)]),
    ("The deal should close in the third quarter of 2025, or Q4 2025.", "2025-03-10", [('in the third quarter of 2025', 22, '2025-07-01', '2025-09-30', 'range', True, None), ('Q4 2025', 55, '2025-10-01', '2025-12-31', 'range', True, None)]),
    ("Die Übernahme soll bis Ende September abgeschlossen sein.", "2025-03-10", [('bis Ende September', 19, '2025-03-10', '2025-09-30', 'range', True, None)]),
    ("Ab Oktober gilt die Regel, seit Oktober gilt sie nicht mehr.", "2025-03-10", [('Ab Oktober', 0, '2025-10-01', '2025-10-31', 'month', True, None), ('seit Oktober', 27, '2024-10-01', '2025-03-10', 'range', True, None)]),
    ("Das Beben ereignete sich kurz vor halb zwei Uhr deutscher Zeit.", None, [('kurz vor halb zwei Uhr', 25, None, None, 'time', False, '01:30')]),
    ("Um Viertel nach acht begann es, gegen halb 9 endete es.", None, [('Um Viertel nach acht', 0, None, None, 'time', False, '08:15'), ('gegen halb 9', 32, None, None, 'time', False, '08:30')]),
    ("Es war kurz vor sieben Uhr Ortszeit.", None, [('kurz vor sieben Uhr', 7, None, None, 'time', False, '07:00')]),
    ("Er ist halb so alt wie sie, die Hälfte kam um halb.", None, []),
    ("Bis Ende des Jahres soll alles fertig sein.", "2025-03-10", [('Bis Ende des Jahres', 0, '2025-03-10', '2025-12-31', 'range', True, None)]),
    ("The deal will close by the end of the year.", "2025-03-10", [('by the end of the year', 20, '2025-03-10', '2025-12-31', 'range', True, None)]),
    ("Bis zum 1. Oktober wurden Container geliefert. Ab Januar gilt die Regel.", "2023-11-20", [('Bis zum 1. Oktober', 0, '2023-10-01', '2023-10-01', 'day', True, None), ('Ab Januar', 47, '2024-01-01', '2024-01-31', 'month', True, None)]),
    ('Im Oktober 2023 und im Frühjahr 2024.', None, [('Im Oktober 2023', 0, '2023-10-01', '2023-10-31', 'month', True, None), ('im Frühjahr 2024', 20, '2024-03-01', '2024-05-31', 'season', True, None)]),
    ('The plant is due to open in the spring of 2026, not in autumn 2025.', '2025-06-03', [('in the spring of 2026', 25, '2026-03-01', '2026-05-31', 'season', True, None), ('in autumn 2025', 52, '2025-09-01', '2025-11-30', 'season', True, None)]),
    # half-years; the English "half" only with a year: "in the second half" of a match is no date
    ('Im ersten Halbjahr 2026 und in der zweiten Jahreshälfte.', '2025-03-10', [('Im ersten Halbjahr 2026', 0, '2026-01-01', '2026-06-30', 'range', True, None), ('in der zweiten Jahreshälfte', 28, '2024-07-01', '2024-12-31', 'range', True, None)]),
    ('Sales rose in the second half of 2025 and in H1 2026.', None, [('in the second half of 2025', 11, '2025-07-01', '2025-12-31', 'range', True, None), ('in H1 2026', 42, '2026-01-01', '2026-06-30', 'range', True, None)]),
    ('The deal should close in the first half of the year.', '2025-03-10', [('in the first half of the year', 22, '2025-01-01', '2025-06-30', 'range', True, None)]),
    ('He scored in the second half, im dritten Halbjahr nicht.', '2025-03-10', []),
    # a year-less date in a clause that looks ahead is the coming one; another clause, a past tense and weekdays keep the past one
    ('Der Abschluss der Übernahme wird im dritten Quartal erwartet.', '2025-03-10', [('im dritten Quartal', 33, '2025-07-01', '2025-09-30', 'range', True, None)]),
    ('Die Übernahme wird im ersten Quartal erwartet.', '2025-11-10', [('im ersten Quartal', 19, '2025-01-01', '2025-03-31', 'range', True, None)]),  # never next year on a cue alone
    ('Im dritten Quartal stieg der Umsatz.', '2025-03-10', [('Im dritten Quartal', 0, '2024-07-01', '2024-09-30', 'range', True, None)]),
    ('The line is scheduled to open on 1 October.', '2025-03-10', [('on 1 October', 30, '2025-10-01', '2025-10-01', 'day', True, None)]),
    ('The FTC sued in December, while the Commission is due to rule in May.', '2025-03-10', [('in December', 13, '2024-12-01', '2024-12-31', 'month', True, None), ('in May', 62, '2025-05-01', '2025-05-31', 'month', True, None)]),
    ('Die am Montag angekündigte Übernahme wird im September erwartet.', '2025-03-12', [('am Montag', 4, '2025-03-10', '2025-03-10', 'day', True, None), ('im September', 42, '2025-09-01', '2025-09-30', 'month', True, None)]),
    # one word for a part of the year; the English ones only after a preposition
    ('Der Kauf soll bis zum Jahresende abgeschlossen sein, zur Jahresmitte 2026 folgt mehr.', '2025-03-10', [('bis zum Jahresende', 14, '2025-03-10', '2025-12-31', 'range', True, None), ('Jahresmitte 2026', 57, '2026-05-01', '2026-08-31', 'range', True, None)]),
    ('Year-end results were weak; the deal should close by year-end.', '2025-03-10', [('by year-end', 50, '2025-03-10', '2025-12-31', 'range', True, None)]),
    # deadlines ahead of the reference run from it; one not ahead dates a state and keeps its day
    ('Die Frist endet spätestens am 1. Oktober.', '2025-03-10', [('spätestens am 1. Oktober', 16, '2025-03-10', '2025-10-01', 'range', True, None)]),
    ('The merger must close no later than March 31.', '2025-03-10', [('no later than March 31', 22, '2025-03-10', '2025-03-31', 'range', True, None)]),
    ('The deal is expected to close by the end of June.', '2025-03', [('by the end of June', 30, '2025-03-01', '2025-06-30', 'range', True, None)]),
    ('Bis Mitte 2026 soll die Brücke stehen.', None, [('Bis Mitte 2026', 0, '2026-05-01', '2026-08-31', 'range', True, None)]),
    ('It was 30 percent contained as of Thursday morning.', '2024-08-15', [('as of Thursday', 28, '2024-08-15', '2024-08-15', 'day', True, None)]),
    ('Bis Montagmittag ging der Pegel auf 6,20 Meter zurück.', '2024-06-03', [('Bis Montagmittag', 0, '2024-06-03', '2024-06-03', 'day', True, None)]),
]


@pytest.mark.parametrize("text,pub,expected", CASES)
def test_mentions(text: str, pub: Optional[str], expected: list[tuple]) -> None:
    mentions = run(text, pub)
    assert [as_row(m) for m in mentions] == expected
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.end == m.start + len(m.text)
        assert (m.unresolved is None) == m.value.resolved


@pytest.mark.parametrize(
    "text,pub,span,anchor",
    [
        ("Am Freitag sagte Bauer etwas.", "2023-10-17", "Am Freitag", "weekday on or before 2023-10-17 (publication date)"),
        ("Das Treffen war am 13. Oktober.", "2023-10-17", "am 13. Oktober", "year 2023 from publication date 2023-10-17"),
        ("Letzten Monat reiste Lea nach Russland.", "2023-10", "Letzten Monat", "relative to publication date 2023-10"),
        (
            "Am Freitag sagte Bauer etwas.",
            "2023-10",
            "Am Freitag",
            "candidate Fridays from 2023-09-29 to 2023-10-27, relative to publication date 2023-10",
        ),
        (
            "Der Senat erklärte am Dienstag (17. Oktober), es gebe keine Beweise. Am Freitag hatte Bauer das Gegenteil gesagt.",
            "2023-10",
            "Am Freitag",
            "weekday on or before 2023-10-17 (am Dienstag (17. Oktober))",
        ),
        ("Im September traf er Meier. Am 13. Oktober 2023 kam die Erklärung.", None, "Im September", "year 2023 from the latest full date in the article, 'Am 13. Oktober 2023'"),
        ("Am 13. Oktober 2023 kam die Erklärung.", None, "Am 13. Oktober 2023", None),
        ("Die Übernahme soll bis Ende September abgeschlossen sein.", "2025-03-10", "bis Ende September", "year 2025 from publication date 2025-03-10; deadline from 2025-03-10 (publication date); stated 2025-09-21..2025-09-30"),
        ("Bis Ende 2026 soll die Brücke fertig sein.", "2025-03-10", "Bis Ende 2026", "deadline from 2025-03-10 (publication date); stated 2026-09-01..2026-12-31"),
        # a weekday whose week is in doubt says so: a clause that looks ahead, "last"/"next"
        ("Das Urteil wird am Donnerstag erwartet.", "2024-03-06", "am Donnerstag", "weekday on or before 2024-03-06 (publication date); uncertain: in a clause that looks ahead, it may be the next such day"),
        ("Last Friday he said so.", "2024-03-06", "Last Friday", "relative to 2024-03-06 (publication date); uncertain: 'last' or 'next' may skip a week"),
        ("Er wird am Freitag zu acht Jahren Haft verurteilt.", "2024-03-06", "am Freitag", "weekday on or before 2024-03-06 (publication date); uncertain: in a clause that looks ahead, it may be the next such day"),
        ("Sentencing is set for Friday.", "2024-03-06", "Friday", "weekday on or before 2024-03-06 (publication date); uncertain: in a clause that looks ahead, it may be the next such day"),
        ("Am kommenden Montag beginnt der Prozess.", "2024-03-06", "Am kommenden Montag", "relative to 2024-03-06 (publication date)"),
        ("Am vergangenen Freitag sagte er das.", "2024-03-06", "Am vergangenen Freitag", "relative to 2024-03-06 (publication date)"),
        ("Er wurde am Freitag verurteilt.", "2024-03-06", "am Freitag", "weekday on or before 2024-03-06 (publication date)"),
        ("Die Straße ist seit Montag gesperrt.", "2024-03-06", "seit Montag", "weekday on or before 2024-03-06 (publication date); since: open until 2024-03-06 (publication date)"),
        ("Since March 2023 the line has been closed.", "2024-03-06", "Since March 2023", "since: open until 2024-03-06 (publication date)"),
    ],
)
def test_anchor_says_how(text: str, pub: Optional[str], span: str, anchor: Optional[str]) -> None:
    found = {m.text: m for m in run(text, pub)}
    assert found[span].value.anchor == anchor


@pytest.mark.parametrize(
    "text,unresolved",
    [
        ("Am Freitag sagte Bauer etwas.", "relative expression and no publication date or narrative anchor"),
        ("Im September traf er Meier.", "no year stated and no publication date or full date in the article"),
        ("Der Zug fuhr um 18 Uhr ab.", "time of day without a stated day"),
    ],
)
def test_unresolved_says_why(text: str, unresolved: str) -> None:
    (m,) = run(text, None)
    assert m.value.resolved is False
    assert m.unresolved == unresolved


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Am Freitag kam es gegen 15.40 Uhr zum Unglück.", ("gegen 15.40 Uhr", "2023-10-13", True, "day of 'Am Freitag' in the same sentence")),
        ("Am Freitag und am Samstag, jeweils um 18 Uhr, gab es Proteste.", ("um 18 Uhr", None, False, None)),
        ("Am Freitag gab es Proteste. Um 18 Uhr war es vorbei.", ("Um 18 Uhr", None, False, None)),
    ],
)
def test_time_takes_the_one_day_of_its_sentence(text: str, expected: tuple) -> None:
    spans = [m.span() for m in re.finditer(r"\S.*?\.(?=\s|$)", text)]
    sentences = [Sentence(doc="a", index=k, start=a, end=b, text=text[a:b]) for k, (a, b) in enumerate(spans)]
    article = Article(id="a", path="a.txt", text=text, published=published("2023-10-17"))
    (m,) = [m for m in extract(article, sentences) if m.text == expected[0]]
    v = m.value
    assert (m.text, v.start.isoformat() if v.start else None, v.resolved, v.anchor) == expected
    assert v.time is not None


# ---------------------------------------------------------------- the seed batch


def seed(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    header = publication_date_from_header(text)
    return Article(id=path.stem, path=str(path), text=text, published=header[0] if header else None)


def seed_mentions(prefix: str) -> dict[str, tuple]:
    return {m.text: as_row(m) for m in extract(seed(prefix), [])}


@pytest.mark.parametrize(
    "prefix,row",
    [
        ("000", ("am 13. Oktober 2023", 961, "2023-10-13", "2023-10-13", "day", True, None)),
        ("000", ("zwischen dem 7. September und 1. Oktober", 3784, "2023-09-07", "2023-10-01", "range", True, None)),
        ("000", ("im September", 1860, "2023-09-01", "2023-09-30", "month", True, None)),
        ("001", ("Am Freitag", 709, "2023-10-13", "2023-10-13", "day", True, None)),
        ("001", ("am Dienstag (17. Oktober)", 489, "2023-10-17", "2023-10-17", "day", True, None)),
        ("001", ("Am 14. September 2023", 84, "2023-09-14", "2023-09-14", "day", True, None)),
        ("002", ("vom 7. September bis 1. Oktober", 526, "2023-09-07", "2023-10-01", "range", True, None)),
        ("002", ("letzten Monat", 1380, "2023-09-01", "2023-09-30", "month", True, None)),
        # dated only "2023-10" and no weekday+date pair: every Friday from 29 Sep to 27 Oct fits
        ("002", ("am Freitag", 50, "2023-09-29", "2023-10-27", "range", False, None)),
        ("003", ("am Dienstag", 599, "2024-01-02", "2024-01-02", "day", True, None)),
        ("003", ("am 30. Dezember", 662, "2023-12-30", "2023-12-30", "day", True, None)),
        ("003", ("Im Herbst", 118, "2023-09-01", "2023-11-30", "season", True, None)),
    ],
)
def test_seed_mentions(prefix: str, row: tuple) -> None:
    assert seed_mentions(prefix)[row[0]] == row


def test_seed_friday_is_the_white_house_day() -> None:
    friday = seed_mentions("001")["Am Freitag"]
    stated = seed_mentions("000")["am 13. Oktober 2023"]
    assert friday[2:4] == stated[2:4]
    loose = seed_mentions("002")["am Freitag"]
    assert loose[2] <= stated[2] <= loose[3]


def test_seed_ranges_agree_and_day_lies_in_month() -> None:
    a = seed_mentions("000")
    b = seed_mentions("002")
    c = seed_mentions("001")
    assert a["zwischen dem 7. September und 1. Oktober"][2:4] == b["vom 7. September bis 1. Oktober"][2:4]
    month = a["im September"]
    assert month[2] <= c["Am 14. September 2023"][2] <= c["Am 14. September 2023"][3] <= month[3]


def test_seed_header_date_is_not_a_mention() -> None:
    spans = seed_mentions("003")
    assert not any("05.01.2024" in s for s in spans)


# ---------------------------------------------------------------- publication date in the header


@pytest.mark.parametrize(
    "text,expected",
    [
        (" date 2023-10 Die Vereinigten Staaten behaupteten", ("2023-10-01", "2023-10-31", "month", None, "date 2023-10", 1, 13)),
        ("Titel\nStand: 05.01.2024 04:55 Uhr\nText", ("2024-01-05", "2024-01-05", "time", "04:55", "Stand: 05.01.2024 04:55 Uhr", 6, 33)),
        (
            " date 2024-01 Angriffe Stand: 05.01.2024 04:55 Uhr\n\nText",
            ("2024-01-05", "2024-01-05", "time", "04:55", "Stand: 05.01.2024 04:55 Uhr", 23, 50),
        ),
        ("Titel\nVeröffentlicht am 14. Oktober 2023\n\nText", ("2023-10-14", "2023-10-14", "day", None, "Veröffentlicht am 14. Oktober 2023", 6, 40)),
        ("Published 14 October 2023\nBody", ("2023-10-14", "2023-10-14", "day", None, "Published 14 October 2023", 0, 25)),
        ("Headline\nUpdated: Oct 14, 2023\nBody", ("2023-10-14", "2023-10-14", "day", None, "Updated: Oct 14, 2023", 9, 30)),
        ("14.10.2023, 12:30 Uhr\nTitel\nText", ("2023-10-14", "2023-10-14", "time", "12:30", "14.10.2023, 12:30 Uhr", 0, 21)),
        ("Markets Brief, January 26, 2024\n\nHeadline", ("2024-01-26", "2024-01-26", "day", None, "January 26, 2024", 15, 31)),
        ("Updated: Oct 14, 2023 at 6:45 p.m.\nBody", ("2023-10-14", "2023-10-14", "time", "18:45", "Updated: Oct 14, 2023 at 6:45 p.m.", 0, 34)),
        # a weekday before the date, without a comma
        ("Published: Thursday 12 March 2026\n\nHeadline", ("2026-03-12", "2026-03-12", "day", None, "Published: Thursday 12 March 2026", 0, 33)),
        ("Stand: Montag 2. März 2026\n\nTitel", ("2026-03-02", "2026-03-02", "day", None, "Stand: Montag 2. März 2026", 0, 26)),
        ("Veröffentlicht am Donnerstag, 12. März 2026\n\nText", ("2026-03-12", "2026-03-12", "day", None, "Veröffentlicht am Donnerstag, 12. März 2026", 0, 43)),
    ],
)
def test_publication_date_from_header(text: str, expected: tuple) -> None:
    value, description, start, end = publication_date_from_header(text)
    got = (value.start.isoformat(), value.end.isoformat(), value.granularity.value, value.time, description, start, end)
    assert got == expected
    assert text[start:end].strip() == description


@pytest.mark.parametrize(
    "text",
    [
        "Erstellt von - Uhr\n\nTitel\n\nText",
        "Titel\n\nAm 14. September 2023 trafen sich zwei.",
        "Titel\nVon: X\nBild\nFoto\nText\nStand: 05.01.2024",
        "Mehr als 1.000 Container wurden geliefert.",
    ],
)
def test_no_publication_date_in_header(text: str) -> None:
    assert publication_date_from_header(text) is None


# ---------------------------------------------------------------- FD301: forecasts of one planned milestone


def one_claim(text: str, pub: Optional[str]):
    from checker.extract import extract_claims
    from checker.segment import segment

    article = Article(id="a", path="a.txt", text=text, published=published(pub))
    (claim,) = extract_claims(article, segment(article), [])
    return article, claim


@pytest.mark.parametrize(
    "text,concepts",
    [
        ("Der Abschluss der Übernahme wird im dritten Quartal 2025 erwartet.", {"<completion>", "<deal>", "wird"}),
        ("Die Transaktion soll bis Ende September abgeschlossen sein.", {"<completion>", "<deal>"}),
        ("The deal is expected to close in the first half of 2026, the buyer said.", {"<completion>", "<deal>"}),  # "buyer" is a word of the deal
        ("Die Integration soll im Jahr 2027 abgeschlossen sein.", {"<completion>", "integ"}),
        ("Die neue Brücke soll im Frühjahr 2026 eröffnet werden.", {"<opening>", "brück", "neue"}),
    ],
)
def test_content_concepts(text: str, concepts: set[str]) -> None:
    from checker.cues import content_concepts

    assert content_concepts(one_claim(text, "2025-03-10")[1]) == concepts






# ---------------------------------------------------------------- FD301: once-only happenings


def claim_in(doc: str, text: str, pub: Optional[str]):
    from checker.extract import extract_claims
    from checker.segment import segment

    article = Article(id=doc, path=f"{doc}.txt", text=text, published=published(pub), lang="en" if re.search(r"\b(the|was|on)\b", text) else "de")
    (claim,) = extract_claims(article, segment(article), [])
    return article, claim


@pytest.mark.parametrize(
    "text,pub,expected",
    [
        # the happening takes the date of its own clause, not the report's
        ("Authorities on Thursday confirmed a fifth death linked to the fire, which ignited on Monday afternoon.", "2024-08-15", [("outbreak", "on Monday")]),
        # a comma inside a weekday+date pair does not end the clause
        ("The peak came on Tuesday, August 11, when Seville recorded 46.8 degrees Celsius.", None, [("reading", "on Tuesday, August 11")]),
        ("Er wurde am Freitag zu acht Jahren Haft verurteilt.", "2025-03-07", [("sentencing", "am Freitag")]),
        ("Das Feuer brach am Sonntagabend in einer Scheune aus.", "2025-03-07", [("outbreak", "am Sonntagabend")]),
        ("Bis Ende 2027 sollen 1.200 Stellen wegfallen.", "2025-03-07", [("job_cuts", "Bis Ende 2027")]),
        # "verurteilte" without a penalty is "condemned"; a funeral is no once-only happening of the story's kinds
        ("Ministerin Katrin Lorenz verurteilte am Montag den Angriff.", "2025-03-07", []),
        ("Die Trauerfeier für die Opfer ist am Freitag.", "2025-03-07", []),
    ],
)
def test_dated_happenings(text: str, pub: Optional[str], expected: list[tuple[str, str]]) -> None:
    from checker.cues import dated_happenings

    _, claim = claim_in("a", text, pub)
    assert [(happening, date.text) for happening, date in dated_happenings(claim)] == expected


@pytest.mark.parametrize(
    "text,span,weekday_only",
    [
        ("Am Freitag sagte Bauer etwas.", "Am Freitag", True),
        ("On Tuesday the mayor resigned.", "On Tuesday", True),
        ("Am kommenden Montag beginnt der Prozess.", "Am kommenden Montag", False),
        ("Das Treffen war am 13. Oktober.", "am 13. Oktober", False),
    ],
)
def test_a_date_read_from_a_weekday_name_alone_says_so(text: str, span: str, weekday_only: bool) -> None:
    found = {m.text: m for m in run(text, "2023-10-17")}
    assert found[span].value.weekday_only is weekday_only
