"""Times of day: what is extracted (qualifier, zone, part of the day, stamp), and when two times of one event conflict."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from checker import clock
from checker.extract import extract_claims
from checker.extract.dates import extract
from checker.models import Article, DateValue
from checker.segment import segment
from checker.cues import continuing, event_phases


def article(text: str, published: Optional[str], lang: str = "de", doc: str = "a") -> Article:
    day = dt.date.fromisoformat(published) if published else None
    value = DateValue(start=day, end=day) if day else None
    return Article(id=doc, path=f"{doc}.txt", text=text, lang=lang, published=value)


# (text, publication date, [(span, time, time_span, qualifier, zone, stamp)])
EXTRACTION = [
    ("Die Brücke brach um 8.40 Uhr zusammen.", "2025-03-04", [("um 8.40 Uhr", "08:40", None, None, None, False)]),
    ("Die Brücke brach gegen 7.50 Uhr zusammen.", "2025-03-04", [("gegen 7.50 Uhr", "07:50", None, "about", None, False)]),
    ("Es geschah um etwa 7.50 Uhr.", None, [("7.50 Uhr", "07:50", None, "about", None, False)]),
    ("Kurz nach 21 Uhr brannte die Halle.", None, [("Kurz nach 21 Uhr", "21:00", None, "shortly_after", None, False)]),
    ("Shortly after 9pm the roof fell in.", None, [("9pm", "21:00", None, "shortly_after", None, False)]),
    ("The ferry sank at around 10 p.m. on Friday.", None, [("10 p.m. on Friday", "22:00", None, "about", None, False)]),
    ("The plane landed at 8:40 a.m. ET.", None, [("at 8:40 a.m.", "08:40", None, None, "ET", False)]),
    ("Die Rakete startete um 23.36 Uhr deutscher Zeit.", None, [("um 23.36 Uhr", "23:36", None, None, "germany", False)]),
    ("Der Start ist um 22.36 Uhr MEZ geplant.", None, [("um 22.36 Uhr", "22:36", None, None, "CET", False)]),
    ("Der Start ist um 0.36 Uhr MESZ geplant.", None, [("um 0.36 Uhr", "00:36", None, None, "CEST", False)]),
    ("It lifted off at 21:36 GMT.", None, [("at 21:36", "21:36", None, None, "GMT", False)]),
    ("The rover woke at 14:05 UTC.", None, [("at 14:05", "14:05", None, None, "UTC", False)]),
    ("Shelling began at 4 a.m. in eastern Ukraine.", None, [("at 4 a.m.", "04:00", None, None, None, False)]),
    ("Der Start erfolgte um 23.36 Uhr nach deutscher Zeit.", None, [("um 23.36 Uhr", "23:36", None, None, "germany", False)]),
    ("Das Beben ereignete sich um 3.12 Uhr Ortszeit.", None, [("um 3.12 Uhr", "03:12", None, None, "local", False)]),
    ("The quake struck at 3:12 a.m. local time.", None, [("at 3:12 a.m.", "03:12", None, None, "local", False)]),
    ("Firefighters had the fire under control by 6:40 a.m.", None, [("by 6:40 a.m.", "06:40", None, "by", None, False)]),
    ("Die Straße ist seit 5 Uhr gesperrt.", None, [("seit 5 Uhr", "05:00", None, "since", None, False)]),
    ("Am frühen Morgen krachte es.", None, [("Am frühen Morgen", None, ("03:00", "09:00"), None, None, False)]),
    ("The storm hit in the evening.", None, [("in the evening", None, ("17:00", "24:00"), None, None, False)]),
    ("Die Fähre sank am Dienstagabend.", "2025-03-06", [("am Dienstagabend", None, ("17:00", "24:00"), None, None, False)]),
    ("Stand: 10.15 Uhr\nDer Zug entgleiste um 9.15 Uhr.", None, [("10.15 Uhr", "10:15", None, None, None, True), ("um 9.15 Uhr", "09:15", None, None, None, False)]),
    ("Die Brücke ist eingestürzt (Stand 10.15 Uhr).", None, [("10.15 Uhr", "10:15", None, None, None, True)]),
    ("Das Feuer ist aus. Stand: 4. März, 10.15 Uhr. Die Halle brannte um 3.50 Uhr.", "2025-03-04", [("4. März, 10.15 Uhr", "10:15", None, None, None, True), ("um 3.50 Uhr", "03:50", None, None, None, False)]),
    ("Updated: 6:45 p.m. The bridge fell at 7:48 a.m.", None, [("6:45 p.m.", "18:45", None, None, None, True), ("at 7:48 a.m.", "07:48", None, None, None, False)]),
    # British style: a point and "am" written on; German "7 am Morgen" is no time
    ("The fire was reported at 2.17am.", None, [("at 2.17am", "02:17", None, None, None, False)]),
    ("It started at about 4am.", None, [("4am", "04:00", None, "about", None, False)]),
    ("At 10.30pm the roof fell in.", None, [("At 10.30pm", "22:30", None, None, None, False)]),
    ("Er kam um 7 am Morgen.", None, [("am Morgen", None, ("04:00", "12:00"), None, None, False)]),
    # colloquial clocks and named hours
    ("Das Feuer war kurz nach halb drei ausgebrochen.", None, [("kurz nach halb drei", "02:30", None, "shortly_after", None, False)]),
    ("Die Sirene heulte um drei viertel acht.", None, [("um drei viertel acht", "07:45", None, None, None, False)]),
    ("Gegen Mittag stürzte das Dach ein.", None, [("Gegen Mittag", "12:00", None, "about", None, False)]),
    ("Kurz vor Mitternacht fiel der Strom aus.", None, [("Kurz vor Mitternacht", "00:00", None, "shortly_before", None, False)]),
    ("The alarm sounded at half past two.", None, [("at half past two", "02:30", None, None, None, False)]),
    ("The roof fell in at a quarter to nine.", None, [("at a quarter to nine", "08:45", None, None, None, False)]),
    ("The dam broke shortly before midnight.", None, [("shortly before midnight", "00:00", None, "shortly_before", None, False)]),
    ("Drei Viertel der Halle brannten aus.", None, []),  # a share, not "drei viertel acht"
    ("Around seven people were hurt.", None, []),
    # a time keeps its clock time when its day cannot be resolved (no year, no publication date)
    ("It lifted off on February 17, at 6:36 p.m. local time.", None, [("on February 17, at 6:36 p.m.", "18:36", None, None, "local", False)]),
]


@pytest.mark.parametrize("text, published, expected", EXTRACTION)
def test_time_details_are_extracted(text: str, published: Optional[str], expected: list) -> None:
    got = [
        (m.text, m.value.time, m.value.time_span, m.value.time_qualifier, m.value.time_zone, m.value.stamp)
        for m in extract(article(text, published), [])
    ]
    assert got == expected


# (value, text as written, window in minutes after local midnight)
WINDOWS = [
    (DateValue(time="07:48"), "um 7.48 Uhr", (463, 473)),
    (DateValue(time="07:50", time_qualifier="about"), "gegen 7.50 Uhr", (455, 485)),
    (DateValue(time="21:00"), "um 21 Uhr", (1230, 1290)),
    (DateValue(time="21:00"), "um 21.00 Uhr", (1255, 1265)),
    (DateValue(time="21:00", time_qualifier="shortly_after"), "kurz nach 21 Uhr", (1260, 1290)),
    (DateValue(time="21:10", time_qualifier="shortly_after"), "shortly after 9:10 p.m.", (1270, 1300)),
    (DateValue(time="06:30", time_qualifier="shortly_before"), "kurz vor 6.30 Uhr", (360, 390)),
    (DateValue(time="06:40", time_qualifier="by"), "by 6:40 a.m.", (-320, 400)),
    (DateValue(time_span=("20:00", "07:00")), "in der Nacht", (1200, 1860)),
    (DateValue(), "am Dienstag", None),
]


@pytest.mark.parametrize("value, text, expected", WINDOWS)
def test_local_window(value: DateValue, text: str, expected) -> None:
    assert clock.local_window(value, text) == expected


@pytest.mark.parametrize(
    "value, text, lang, expected",
    [
        (DateValue(time="09:15"), "at 9:15", "en", [(550, 560), (1270, 1280)]),  # a.m. or p.m.
        (DateValue(time="09:15"), "at 9:15 a.m.", "en", [(550, 560)]),
        (DateValue(time="09:15"), "at 09:15", "en", [(550, 560)]),
        (DateValue(time="21:15"), "at 21:15", "en", [(1270, 1280)]),
        (DateValue(time="09:15"), "um 9:15", "de", [(550, 560)]),
        # German speech: "halb drei" is 2.30 or 14.30; written with digits and "Uhr" it is one time
        (DateValue(time="02:30", time_qualifier="shortly_after"), "kurz nach halb drei", "de", [(150, 180), (870, 900)]),
        (DateValue(time="02:30"), "um halb 3", "de", [(145, 155), (865, 875)]),
        (DateValue(time="02:30"), "um 2.30 Uhr", "de", [(145, 155)]),
        (DateValue(time="12:00", time_qualifier="about"), "gegen Mittag", "de", [(690, 750)]),
        (DateValue(time="12:00", time_qualifier="shortly_before"), "shortly before noon", "en", [(690, 720)]),
    ],
)
def test_an_english_time_without_am_or_pm_is_either(value: DateValue, text: str, lang: str, expected: list) -> None:
    assert clock.local_windows(value, text, lang) == expected


# (zone key, day, countries named, offsets in minutes east of UTC)
OFFSETS = [
    ("UTC", dt.date(2026, 2, 17), set(), {0}),
    ("GMT", dt.date(2026, 2, 17), set(), {0}),
    ("GMT", dt.date(2025, 7, 1), set(), {0, 60}),  # "GMT" said in summer may mean British time
    ("germany", dt.date(2026, 2, 17), set(), {60}),
    ("germany", dt.date(2025, 7, 1), set(), {120}),
    ("CET", dt.date(2025, 7, 1), set(), {60, 120}),  # "MEZ" said in summer may mean German time
    ("CET", dt.date(2026, 2, 17), set(), {60}),
    ("EST", dt.date(2025, 7, 1), set(), {-300, -240}),
    ("ET", dt.date(2026, 1, 10), set(), {-300}),
    ("local", dt.date(2026, 2, 17), {"GF"}, {-180}),
    ("local", dt.date(2025, 7, 1), {"DE"}, {120}),
    ("local", dt.date(2025, 7, 1), {"US"}, None),  # several clocks: the region is unknown
    ("local", dt.date(2025, 7, 1), {"DE", "GF"}, None),
    ("local", dt.date(2025, 7, 1), set(), None),
]


@pytest.mark.parametrize("zone, day, countries, expected", OFFSETS)
def test_offsets_of_a_named_clock(zone: str, day: dt.date, countries: set[str], expected) -> None:
    assert clock.offsets_of(zone, [day], countries) == expected


def test_a_zone_missing_from_the_database_converts_nothing() -> None:
    assert clock.zone_offsets("No/Such_Zone", [dt.date(2025, 7, 1)]) is None


def test_offsets_near_a_change_to_summer_time_keep_both() -> None:
    days = clock.days_around(None, dt.date(2025, 4, 2))  # the week before spans 30 March, when German clocks went forward
    assert clock.offsets_of("germany", days, set()) == {60, 120}


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((463, 473), (515, 525), True),
        ((463, 473), (455, 485), False),
        ((1430, 1450), (0, 20), False),  # 23:50–00:10 meets 00:00–00:20 across midnight
        ((1200, 1860), (300, 360), False),  # a night to 7:00 holds 5:00
        ((1200, 1860), (600, 660), True),
    ],
)
def test_disjoint_windows(a, b, expected) -> None:
    assert clock.disjoint(a, b) is expected


def claims_of(text: str, published: Optional[str], lang: str, doc: str):
    art = article(text, published, lang, doc)
    return art, extract_claims(art, segment(art), [])




# Two sentences taken as reports of one event (scoping is the rule's and the fixture's business):
# ((text, publication date, language), (text, publication date, language), conflict?)
COMPARISONS = [
    (("Die Brücke in Essen brach um 8.40 Uhr zusammen.", "2025-03-04", "de"), ("Die Brücke in Essen brach um 7.48 Uhr zusammen.", "2025-03-04", "de"), True),
    (("Die Brücke in Essen brach um 7.48 Uhr zusammen.", "2025-03-04", "de"), ("Die Brücke in Essen brach gegen 7.50 Uhr zusammen.", "2025-03-04", "de"), False),
    (("Die Brücke in Essen brach um 7.48 Uhr zusammen.", "2025-03-04", "de"), ("Die Brücke in Essen brach um 7.55 Uhr zusammen.", "2025-03-04", "de"), False),
    (("Die Halle in Köln brannte kurz nach 21 Uhr.", "2025-03-04", "de"), ("Die Halle in Köln brannte um 21.20 Uhr.", "2025-03-04", "de"), False),
    (("Die Halle in Köln brannte kurz nach 21 Uhr.", "2025-03-04", "de"), ("Die Halle in Köln brannte um 22.10 Uhr.", "2025-03-04", "de"), True),
    (("The warehouse in Leeds caught fire shortly after 9pm.", "2025-03-04", "en"), ("The warehouse in Leeds caught fire at 9:25 p.m.", "2025-03-04", "en"), False),
    (("The warehouse in Leeds caught fire at 7:48 a.m.", "2025-03-04", "en"), ("The warehouse in Leeds caught fire at 8:40 a.m.", "2025-03-04", "en"), True),
    (("The warehouse in Leeds caught fire at 9:15.", "2025-03-04", "en"), ("The warehouse in Leeds caught fire at 9:15 p.m.", "2025-03-04", "en"), False),
    (("The warehouse in Leeds caught fire at 9:15.", "2025-03-04", "en"), ("The warehouse in Leeds caught fire at 6:40 p.m.", "2025-03-04", "en"), True),
    # the same instant in two zones, February (CET) and July (CEST)
    (("Die Rakete startete in Kourou um 22.36 Uhr deutscher Zeit.", "2026-02-18", "de"), ("The rocket lifted off from Kourou at 21:36 GMT.", "2026-02-18", "en"), False),
    (("Die Rakete startete in Kourou um 23.36 Uhr deutscher Zeit.", "2026-02-18", "de"), ("The rocket lifted off from Kourou at 21:36 GMT.", "2026-02-18", "en"), True),
    (("Die Rakete startete um 22.36 Uhr MEZ.", "2026-02-18", "de"), ("The rocket lifted off at 21:36 GMT.", "2026-02-18", "en"), False),
    (("The rocket lifted off at 21:36 GMT.", "2025-07-10", "en"), ("The rocket lifted off at 22:40 GMT.", "2025-07-10", "en"), True),  # one clock, however read
    (("Die Rakete startete um 23.36 Uhr MESZ.", "2025-07-10", "de"), ("The rocket lifted off at 21:36 UTC.", "2025-07-10", "en"), False),
    (("The rocket lifted off from Kourou at 6:36 p.m. local time.", "2026-02-18", "en"), ("The rocket lifted off at 21:36 GMT.", "2026-02-18", "en"), False),
    (("The rocket lifted off from Kourou at 7:36 p.m. local time.", "2026-02-18", "en"), ("The rocket lifted off at 21:36 GMT.", "2026-02-18", "en"), True),
    # a time without a zone in a German article about a German place is German time
    (("Die Brücke in Dresden stürzte um 2.50 Uhr ein.", "2024-09-11", "de"), ("The bridge in Dresden collapsed at 00:50 GMT.", "2024-09-11", "en"), False),
    (("Die Brücke in Dresden stürzte um 3.50 Uhr ein.", "2024-09-11", "de"), ("The bridge in Dresden collapsed at 00:50 GMT.", "2024-09-11", "en"), True),
    # ... but not one about a place abroad, nor an English time without a zone: unsure, no conflict
    (("Der Damm in Texas brach um 15 Uhr.", "2025-07-10", "de"), ("The dam in Texas burst at 8 a.m. ET.", "2025-07-10", "en"), False),
    (("Das Schiff sank um 3.50 Uhr.", "2025-07-10", "de"), ("The ship sank at 8:50 a.m.", "2025-07-10", "en"), False),
    # a sentence without a place takes the article's places: all must keep the clock
    (("Der Damm in Texas war marode. Der Damm brach um 15 Uhr.", "2025-07-10", "de"), ("The dam burst at 8 a.m. ET.", "2025-07-10", "en"), False),
    (("Die Brücke in Dresden war marode. Die Brücke stürzte um 3.50 Uhr ein.", "2024-09-11", "de"), ("The bridge collapsed at 00:50 GMT.", "2024-09-11", "en"), True),
    # two languages, both without a zone: which clock each means is unknown
    (("Das Feuer in Leeds brach um 3.50 Uhr aus.", "2025-07-10", "de"), ("The fire in Leeds broke out at 8:50 a.m.", "2025-07-10", "en"), False),
    # a part of the day agrees with every time inside it, and not with one outside
    (("Die Fähre sank am frühen Morgen.", "2025-07-10", "de"), ("Die Fähre sank um 5.40 Uhr.", "2025-07-10", "de"), False),
    (("Die Fähre sank am frühen Morgen.", "2025-07-10", "de"), ("Die Fähre sank um 14.40 Uhr.", "2025-07-10", "de"), True),
    # a bound is not a moment: under control by 6:40 holds for 5:10
    (("Das Feuer in Kiel war um 5.10 Uhr gelöscht.", "2025-01-14", "de"), ("Das Feuer in Kiel war bis 6.40 Uhr gelöscht.", "2025-01-14", "de"), False),
    # a publication stamp is no event time
    (("Die Brücke in Essen ist eingestürzt (Stand 10.15 Uhr).", "2025-03-04", "de"), ("Die Brücke in Essen ist um 7.48 Uhr eingestürzt.", "2025-03-04", "de"), None),
    # days stated but not resolved (no publication date) may differ
    (("Das Feuer brach am Montag um 3 Uhr aus.", None, "de"), ("Das Feuer brach am Dienstag um 5 Uhr aus.", None, "de"), False),
    (("Das Feuer brach um 3 Uhr aus.", None, "de"), ("Das Feuer brach um 5 Uhr aus.", None, "de"), True),
    # different stated days are FD301's business
    (("Am 3. März brach die Brücke in Essen um 8.40 Uhr zusammen.", "2025-03-04", "de"), ("Am 4. März brach die Brücke in Essen um 7.48 Uhr zusammen.", "2025-03-04", "de"), False),
]






# Which moments of an event a sentence names: times are compared only between the same moments.
@pytest.mark.parametrize(
    "text, lang, phases, lasting",
    [
        ("Das Feuer brach gegen 3.10 Uhr aus.", "de", {"start"}, False),
        ("The blaze broke out at about 3:10 a.m.", "en", {"start"}, False),
        ("Das Feuer war um 6.40 Uhr unter Kontrolle.", "de", {"control"}, False),
        ("Firefighters had the fire under control by 6:40 a.m.", "en", {"control"}, False),
        ("Die Feuerwehr wurde um 3.15 Uhr alarmiert.", "de", {"alarm"}, False),
        ("The first crews arrived at 3:22 a.m.", "en", {"arrival"}, False),
        ("Die Brücke stürzte um 7.48 Uhr ein.", "de", set(), False),
        ("Die Rakete hob um 22.36 Uhr ab.", "de", {"start"}, False),
        ("The rocket lifted off at 21:36 GMT.", "en", {"start"}, False),
        ("Die Polizei bestätigte den Einsturz um 9 Uhr.", "de", {"report"}, False),
        ("Police confirmed the collapse at 9 a.m.", "en", {"report"}, False),
        ("Am Morgen brannte die Halle noch immer.", "de", set(), True),
        ("At 9 a.m. the warehouse was still burning.", "en", set(), True),
    ],
)
def test_moments_of_an_event(text: str, lang: str, phases: set, lasting: bool) -> None:
    _, claims = claims_of(text, "2025-01-14", lang, "a")
    assert (set(event_phases(claims[0])), continuing(claims[0])) == (phases, lasting)


# A sentence that only says when a moment of the previous sentence's event was lends it its time.


# A once-only happening's time of day in its own clause, compared without alignment (FD302):
# ((text, publication date, language), (text, publication date, language), severities)


# A fire's start set after another article's alarm or report of it, on one stated day (FD302):
# ((text, publication date, language), (text, publication date, language), messages' first words)

