"""FD101 on amounts of money, percentages and durations: compared by what they measure, with the
traps a naive checker falls into. Each case is two invented sentences of two articles, aligned."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.extract import extract_claims
from checker.models import AlignedPair, Article, Claim, DateValue, Sentence
from rules.base import RuleContext
from rules.quantities import QuantityConflict

_PUBLISHED = DateValue(start=dt.date(2025, 11, 5), end=dt.date(2025, 11, 5))


def _claim(doc: str, text: str, lang: str) -> tuple[Article, Claim]:
    article = Article(id=doc, path=f"{doc}.txt", text=text, lang=lang, published=_PUBLISHED)
    (claim,) = extract_claims(article, [Sentence(doc=doc, index=0, start=0, end=len(text), text=text)], [])
    return article, claim


def _conflicts(a: str, b: str, lang_a: str, lang_b: str) -> list[str]:
    (aa, ca), (ab, cb) = _claim("a", a, lang_a), _claim("b", b, lang_b)
    ctx = RuleContext(
        articles={"a": aa, "b": ab}, claims={ca.id: ca, cb.id: cb},
        pairs=[AlignedPair(a=ca.id, b=cb.id, similarity=0.95, margin=0.05, mutual=True)],
    )
    return sorted(e.text for f in QuantityConflict().check(ctx) for e in f.evidence)


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
        ("Der Kaufpreis liegt bei 8,4 Milliarden Euro.", "Der Konzern zahlt 8,9 Milliarden Euro.", "de", ["8,4 Milliarden Euro", "8,9 Milliarden Euro"]),
        ("Der Umsatz stieg um 8 Prozent.", "Es ging um 18 Prozent nach oben.", "de", []),
        ("Im Vorjahr waren es 390 Millionen Euro.", "Der Gewinn stieg auf 472 Millionen Euro.", "de", []),
        ("Im Vorjahr waren es 390 Millionen Euro.", "Im Vorjahr waren es 420 Millionen Euro.", "de", []),
        # periods: a quarter, nine months, the previous year
        ("Im dritten Quartal stieg der Gewinn auf 412 Millionen Euro.", "In den ersten neun Monaten lag der Gewinn bei 1,2 Milliarden Euro.", "de", []),
        ("Der Gewinn stieg auf 472 Millionen Euro.", "Im Vorjahr hatte der Gewinn 412 Millionen Euro betragen.", "de", []),
        ("Profit rose to £41m in the first half.", "Full-year profit came to £80m.", "en", []),
        ("Profit was £41m in 2024.", "Profit was £52m in 2023.", "en", []),
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
        ("Paul Carver, who helped Hollis, was jailed for three years.", "Martin Hollis was jailed for eight and a half years.", "en", []),
        # different things measured
        ("Der Umsatz lag bei 3,1 Milliarden Euro.", "Der Gewinn lag bei 412 Millionen Euro.", "de", []),
        ("The strike lasted three days.", "He was jailed for five days.", "en", []),
        # an amount dated to a month long before the other article (published 5 November 2025) is background;
        # a recent month, or a year (results "for 2024"), is not
        ("Bei der Landtagswahl im März 2025 hatten mehr als 80 Prozent der Wahlberechtigten abgestimmt.", "Die Wahlbeteiligung lag bei 58,3 Prozent.", "de", []),
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


@pytest.mark.parametrize(
    "similar, cited",
    [
        # each profit sentence meets its most similar counterpart, though alignment paired neither
        ((0.95, 0.2), ["412 Millionen Euro", "472 Millionen Euro"]),
        # below the floor: a background sentence of the same story is not the same figure
        ((0.5, 0.2), []),
    ],
)
def test_fd101_pairs_amounts_alignment_left_apart(similar: tuple[float, float], cited: list[str]) -> None:
    a = ["Der Gewinn stieg auf 472 Millionen Euro.", "Die Aktionäre waren zufrieden."]
    b = ["Der Gewinn kletterte auf 412 Millionen Euro.", "Die Aktionäre jubelten."]
    claims, articles = {}, {}
    for doc, sentences in (("a", a), ("b", b)):
        text = " ".join(sentences)
        articles[doc] = Article(id=doc, path=f"{doc}.txt", text=text, lang="de", published=_PUBLISHED)
        starts = [text.index(s) for s in sentences]
        spans = [Sentence(doc=doc, index=i, start=s, end=s + len(t), text=t) for i, (s, t) in enumerate(zip(starts, sentences))]
        claims.update({c.id: c for c in extract_claims(articles[doc], spans, [])})
    x, y = similar
    vectors = {"a#0": _unit(1, 0, 0), "b#0": _unit(x, (1 - x * x) ** 0.5, 0), "a#1": _unit(0, 0, 1), "b#1": _unit(0, y, 1)}
    ctx = RuleContext(
        articles=articles, claims=claims, vectors=vectors,
        pairs=[AlignedPair(a="a#1", b="b#1", similarity=0.9, margin=0.05, mutual=True)],
    )
    assert sorted(e.text for f in QuantityConflict().check(ctx) for e in f.evidence) == cited
