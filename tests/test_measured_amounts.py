"""Amounts of money, percentages and durations typed by what they measure: the frames stage gives two
figures one measure and the same modifiers only when they are one measured thing, with the traps a
naive checker falls into. Each case is two invented sentences of two articles."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract import extract_claims
from checker.annotate import annotate
from checker.compare import compare_figures
from checker.features import modifiers_clash
from checker.frames import build_frames
from checker.models import Article, Claim, DateValue, Sentence

_PUBLISHED = DateValue(start=dt.date(2025, 11, 5), end=dt.date(2025, 11, 5))


def _claim(doc: str, text: str, lang: str) -> tuple[Article, Claim]:
    article = Article(id=doc, path=f"{doc}.txt", text=text, lang=lang, published=_PUBLISHED)
    sentences = annotate(article, [Sentence(doc=doc, index=0, start=0, end=len(text), text=text)])
    (claim,) = extract_claims(article, sentences, [])
    return article, claim


def _conflicts(a: str, b: str, lang_a: str, lang_b: str) -> list[str]:
    """Figures of the two sentences typed as one measured thing whose values cannot both hold."""
    (aa, ca), (ab, cb) = _claim("a", a, lang_a), _claim("b", b, lang_b)
    (fa,), (fb,) = build_frames(aa, [ca]), build_frames(ab, [cb])
    cited = set()
    for x in (s for s in fa.slots if s.kind == "figure"):
        for y in (s for s in fb.slots if s.kind == "figure"):
            one_measure = x.measure and x.measure == y.measure and not modifiers_clash(x, y)
            if one_measure and compare_figures(x.mention.value, y.mention.value).name == "disjoint":
                cited |= {x.mention.text, y.mention.text}
    return sorted(cited)




@pytest.mark.parametrize(
    "a, b, langs, cited",
    [
        # the same measured thing, disagreeing
        ("Der Gewinn stieg auf 472 Millionen Euro, wie der Konzern am Mittwoch mitteilte.",
         "Der Versicherer hat seinen Gewinn im dritten Quartal auf 412 Millionen Euro gesteigert.", "de", ["412 Millionen Euro", "472 Millionen Euro"]),
        ("Der Umsatz stieg um 8 Prozent.", "Das Umsatzplus lag bei 18 Prozent.", "de", ["18 Prozent", "8 Prozent"]),
        ("Revenue growth of 8% was reported.", "Revenue rose 12 per cent.", "en", ["12 per cent", "8%"]),
        ("Der Umsatz stieg um 8 Prozent.", "Der Umsatz legte um 18 Prozent zu.", "de", ["18 Prozent", "8 Prozent"]),
        ("Der Umsatz stieg um 8 Prozent.", "Der Umsatz wuchs um knapp ein Fünftel.", "de", ["8 Prozent", "knapp ein Fünftel"]),
        ("Der Umsatz stieg um 18 Prozent.", "Der Umsatz wuchs um knapp ein Fünftel.", "de", []),  # 18 is almost a fifth
        ("Hollis was jailed for six and a half years.", "Hollis has been jailed for eight and a half years.", "en", ["eight and a half years", "six and a half years"]),
        ("Hollis was jailed for six and a half years.", "Hollis wurde zu achteinhalb Jahren Haft verurteilt.", "en-de", ["achteinhalb Jahren", "six and a half years"]),
        ("Harlow Rail made pre-tax losses of £31.4m.", "Harlow Rail's losses came to £41.3m.", "en", ["£31.4m", "£41.3m"]),
        # money whose clause names nothing measured meets a plain concept, as figures did before concepts;
        # a bare percentage and an amount set apart meet nothing
        ("Der Umsatz stieg um 8 Prozent.", "Es ging um 18 Prozent nach oben.", "de", []),
        # periods: a quarter, nine months, the previous year
        ("Im dritten Quartal stieg der Gewinn auf 412 Millionen Euro.", "In den ersten neun Monaten lag der Gewinn bei 1,2 Milliarden Euro.", "de", []),
        ("Der Gewinn stieg auf 472 Millionen Euro.", "Im Vorjahr hatte der Gewinn 412 Millionen Euro betragen.", "de", []),
        ("Profit rose to £41m in the first half.", "Full-year profit came to £80m.", "en", []),
        # the same figure written otherwise, or in another currency
        ("Der Gewinn lag bei 1.460 Millionen Euro.", "Der Gewinn lag bei 1,46 Milliarden Euro.", "de", []),
        ("Losses came to £41m.", "Losses came to £41.3m.", "en", []),
        ("Losses came to £41.3m.", "Losses came to $52m.", "en", []),
        # percent vs percentage points; a change vs a level
        ("Inflation rose by 2 percent.", "Inflation rose by 2 percentage points.", "en", []),
        ("Der Umsatz stieg um 8 Prozent auf 3,1 Milliarden Euro.", "Der Umsatz lag bei 3,1 Milliarden Euro.", "de", []),
        # per share vs total, average vs total, maximum vs actual, forecast vs actual
        ("Die Dividende beträgt 2,40 Euro je Aktie.", "Die Dividende beträgt 3 Euro.", "de", []),
        ("Average pay was £31,000.", "Pay was £52,000.", "en", []),
        ("The offence carries a maximum sentence of 14 years.", "Hollis was jailed for eight and a half years.", "en", []),
        ("Die Höchststrafe liegt bei 15 Jahren Haft.", "Er wurde zu acht Jahren Haft verurteilt.", "de", []),
        ("Analysts had expected profit of £40m.", "Profit came to £52m.", "en", []),
        # time served, a suspended term, a strike so far vs as called
        ("Hollis had already served two years on remand.", "Hollis was jailed for eight and a half years.", "en", []),
        ("Carver received 20 months, suspended for two years.", "Carver was jailed for 20 months.", "en", []),
        ("Der Streik dauert seit drei Tagen.", "Der Streik soll 48 Stunden dauern.", "de", []),
        # different people: a co-defendant's term
        # different things measured
        ("Der Umsatz lag bei 3,1 Milliarden Euro.", "Der Gewinn lag bei 412 Millionen Euro.", "de", []),
        ("The strike lasted three days.", "He was jailed for five days.", "en", []),
        # an amount dated to a month long before the other article (published 5 November 2025) is background;
        # a recent month, or a year (results "for 2024"), is not
        ("Im Oktober 2025 lag die Wahlbeteiligung bei 80 Prozent.", "Die Wahlbeteiligung lag bei 58,3 Prozent.", "de", ["58,3 Prozent", "80 Prozent"]),
        ("Der Gewinn lag 2024 bei 472 Millionen Euro.", "Der Gewinn lag bei 412 Millionen Euro.", "de", ["412 Millionen Euro", "472 Millionen Euro"]),
        # a one-off charge: an expected charge is the charge (no outlook beside an actual figure)
        ("Halvard expects to book a charge of $180 million to cover the recall.", "Halvard will take a charge of $260 million.", "en",
         ["$180 million", "$260 million"]),
        ("Der Konzern rechnet mit einer Belastung von 180 Millionen Euro.", "Die Rückstellung für den Rückruf beträgt 260 Millionen Euro.", "de",
         ["180 Millionen Euro", "260 Millionen Euro"]),
        ("Halvard expects to book a charge of $180 million.", "Halvard has set aside around £140m for the recall.", "en", []),  # currencies
        ("Halvard will take a charge of $180 million.", "Halvard expects revenue of $260 million.", "en", []),
        ("Halvard will pay compensation of $2,000 per customer.", "Halvard will pay compensation of $40 million.", "en", []),
        # durations written as adjectives, of one campaign or strike
        ("A five-day vaccination campaign began on Saturday.", "Officials announced a 10-day oral vaccination campaign.", "en", ["10-day", "five-day"]),
        ("Die fünftägige Impfkampagne begann am Samstag.", "Die zehntägige Kampagne soll 600.000 Menschen erreichen.", "de", ["fünftägige", "zehntägige"]),
        ("Verdi rief zu einem 48-stündigen Warnstreik auf.", "The two-day strike ended on Friday.", "de-en", []),  # 48 hours are two days
        ("Verdi rief zu einem 24-stündigen Warnstreik auf.", "A five-day vaccination campaign began.", "de-en", []),
        # a duration of nothing measured is keyed by its noun: a hotline's hours are no strike's
        ("Eine 24-stündige Hotline wurde geschaltet.", "Der 48-stündige Warnstreik endete am Freitag.", "de", []),
        ("A 24-hour hotline was set up.", "A 12-hour hotline was set up.", "en", ["12-hour", "24-hour"]),
    ],
)
def test_fd101_compares_amounts_by_what_they_measure(a: str, b: str, langs: str, cited: list[str]) -> None:
    lang_a, _, lang_b = langs.partition("-")
    assert _conflicts(a, b, lang_a, lang_b or lang_a) == cited


def _unit(*weights: float):
    import numpy as np

    v = np.array(weights, dtype=float)
    return v / np.linalg.norm(v)


