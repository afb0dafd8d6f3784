"""The frames stage on small invented texts: what each claim's frame says beyond its slots."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from checker.frames import build_frames
from checker.models import Article, DateValue, Frame


def frames_of_text(text: str, lang: str = "de", doc: str = "a", published: Optional[dt.date] = None) -> tuple[Article, list[Frame]]:
    from checker.annotate import annotate
    from checker.extract import extract_claims
    from checker.segment import segment

    article = Article(id=doc, path=f"{doc}.txt", text=text, lang=lang,
                      published=DateValue(start=published, end=published) if published else None)
    sentences = segment(article)
    annotate(article, sentences)
    claims = extract_claims(article, sentences, [])
    return article, build_frames(article, claims)


def test_a_frame_says_where_its_claim_stands_in_its_article():
    text = " ".join(f"Satz {n} erzählt von der Sitzung des Rates am Dienstag." for n in ("eins", "zwei", "drei", "vier", "fünf", "sechs"))
    _, frames = frames_of_text(text)
    assert [f.lead for f in frames] == [True, True, True, True, False, False]
    assert frames[0].position == 0.0 and 0.5 < frames[-1].position < 1.0


def _figure_measures(text: str, lang: str = "de") -> list[tuple[str, object]]:
    _, frames = frames_of_text(text, lang)
    return [(s.mention.text, s.measure) for f in frames for s in f.slots if s.kind == "figure"]


def test_the_noun_before_a_number_names_its_measure_only_next_to_it():
    assert _figure_measures("Die Geschwindigkeit von 130 km/h war zu hoch.") == [("130 km/h", "geschwindigkeit")]
    assert _figure_measures("The tremor had a magnitude of 5.2 on Monday.", "en") == [("5.2", "magnitude")]
    # a verb between them: the driver is not what the speed measures
    assert _figure_measures("Die Ältere fuhr mit 95 km/h durch den Ort.") == [("95 km/h", None)]
    # a date's word names no measure
    assert _figure_measures("Der Kurs fiel am Donnerstag 12 Prozent.")[0][1] != "donnerstag"


def test_a_period_before_a_number_names_no_measure():
    # "Vorwoche" is when, not what: the 40 are the hall's visitors or nothing named
    assert _figure_measures("Die Halle zählte in der Vorwoche 40 Besucher mehr.")[0][1] != "vorwoche"
    assert _figure_measures("Der Umsatz lag im Vorjahr 12 Prozent höher.")[0][1] != "vorjahr"


