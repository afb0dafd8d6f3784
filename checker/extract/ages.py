"""A person's age, as its own kind of figure: "der 52-jährige Paketbote", "Teodor Q. (46)", "a 39-year-old welder".

An age is a quantity mention with the dimension "age", in years. It is kept apart from other figures
because what makes two ages one fact is whose age it is (the words around it: the person's name or
noun), and because two ages a birthday apart agree. Knowledge: data/ages.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.models import Article, Interval, Mention, QuantityValue, Sentence
from checker.resources import load_data

AGE = "age"
_NAME_BEFORE = re.compile(r"[A-ZÄÖÜ][\w.'’-]*$")


@lru_cache(maxsize=1)
def _patterns() -> tuple[int, list[re.Pattern], list[re.Pattern]]:
    data = load_data("ages.yaml")
    return int(data["max_years"]), [re.compile(p) for p in data["patterns"]], [re.compile(p) for p in data["after_name"]]


def ages_in(text: str, offset: int = 0) -> list[tuple[int, int, int]]:
    """(years, start, end) of every age stated in `text`, offsets shifted by `offset`; overlapping readings
    keep the first found."""
    max_years, patterns, after_name = _patterns()
    found: list[tuple[int, int, int]] = []

    def add(years: int, start: int, end: int) -> None:
        if 0 < years <= max_years and not any(s < end and start < e for _, s, e in found):
            found.append((years, start + offset, end + offset))

    for pattern in patterns:
        for m in pattern.finditer(text):
            add(int(m.group("years")), m.start(), m.end())
    for pattern in after_name:
        for m in pattern.finditer(text):
            if _NAME_BEFORE.search(text[: m.start()].rstrip()):
                add(int(m.group("years")), m.start("years"), m.end("years"))
    return sorted(found, key=lambda f: f[1])


def age_value(years: int, words: str) -> QuantityValue:
    return QuantityValue(interval=Interval(low=years, high=years), base_interval=Interval(low=years, high=years),
                         unit="year", dimension=AGE, precision=1.0, counted=words, counted_key=AGE)


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    text = article.text
    mentions = []
    for sentence in sentences:
        for years, start, end in ages_in(text[sentence.start: sentence.end], sentence.start):
            words = text[start:end]
            mentions.append(Mention(kind="quantity", doc=article.id, start=start, end=end, text=words,
                                    value=age_value(years, words)))
    return mentions


def supersede(mentions: list[Mention]) -> list[Mention]:
    """Mentions without the other figures read from an age's words ("52-jähriger" is no count of anything)."""
    ages = [(m.start, m.end) for m in mentions if m.kind == "quantity" and m.value.dimension == AGE]
    return [m for m in mentions
            if not (m.kind == "quantity" and m.value.dimension != AGE and any(s < m.end and m.start < e for s, e in ages))]
