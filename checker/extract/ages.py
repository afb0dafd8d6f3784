"""A person's age, as its own kind of figure: "der 52-jährige Paketbote", "Teodor Q. (46)", "a 39-year-old welder",
"die Sechsjährige", "a woman in her 60s".

An age is a quantity mention with the dimension "age", in years. It is kept apart from other figures
because what makes two ages one fact is whose age it is (the words around it: the person's name or
noun), and because two ages a birthday apart agree. Knowledge: data/ages.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from checker.models import Article, Interval, Mention, QuantityValue, Sentence
from checker.resources import load_data

AGE = "age"
_NAME_BEFORE = re.compile(r"[A-ZÄÖÜ][\w.'’-]*$")


@dataclass(frozen=True)
class _AgePatterns:
    max_years: int
    digits: list[re.Pattern]
    after_name: list[re.Pattern]
    in_words: list[re.Pattern]
    decades: list[re.Pattern]
    decade_words: dict[str, int]
    decade_parts: dict[str, tuple[int, int]]


@lru_cache(maxsize=1)
def _patterns() -> _AgePatterns:
    data = load_data("ages.yaml")
    return _AgePatterns(
        max_years=int(data["max_years"]),
        digits=[re.compile(p) for p in data["patterns"]],
        after_name=[re.compile(p) for p in data["after_name"]],
        in_words=[re.compile(p) for p in data["in_words"]],
        decades=[re.compile(p) for p in data["decades"]],
        decade_words={k.lower(): int(v) for k, v in data["decade_words"].items()},
        decade_parts={k.lower(): (int(a), int(b)) for k, (a, b) in data["decade_parts"].items()},
    )


def _in_words(words: str) -> Optional[int]:
    from checker.extract.quantities import number_in_words

    for lang in ("de", "en"):
        value = number_in_words(words, lang)
        if value is not None and value.is_integer():
            return int(value)
    return None


def ages_in(text: str, offset: int = 0) -> list[tuple[int, int, int, int]]:
    """(youngest, oldest, start, end) of every age stated in `text` (one year, or a span: "in his 40s"),
    offsets shifted by `offset`; overlapping readings keep the first found."""
    spec = _patterns()
    found: list[tuple[int, int, int, int]] = []

    def add(low: Optional[int], high: Optional[int], start: int, end: int) -> None:
        if low is not None and high is not None and 0 < low <= high <= spec.max_years \
                and not any(s < end + offset and start + offset < e for _, _, s, e in found):
            found.append((low, high, start + offset, end + offset))

    for pattern in spec.digits:
        for m in pattern.finditer(text):
            add(int(m.group("years")), int(m.group("years")), m.start(), m.end())
    for pattern in spec.after_name:
        for m in pattern.finditer(text):
            if _NAME_BEFORE.search(text[: m.start()].rstrip()):
                add(int(m.group("years")), int(m.group("years")), m.start("years"), m.end("years"))
    for pattern in spec.in_words:
        for m in pattern.finditer(text):
            years = _in_words(m.group("words"))
            add(years, years, m.start(), m.end())
    for pattern in spec.decades:
        for m in pattern.finditer(text):
            decade = m.group("decade").lower()
            base = int(decade) if decade.isdigit() else spec.decade_words[decade]
            first, last = spec.decade_parts.get((m.group("part") or "").lower(), (0, 9))
            add(base + first, base + last, m.start(), m.end())
    return sorted(found, key=lambda f: f[2])


def age_value(years: int, words: str, oldest: Optional[int] = None) -> QuantityValue:
    span = Interval(low=years, high=years if oldest is None else oldest)
    return QuantityValue(interval=span, base_interval=span, unit="year", dimension=AGE,
                         precision=1.0, counted=words, counted_key=AGE)


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    text = article.text
    mentions = []
    for sentence in sentences:
        for youngest, oldest, start, end in ages_in(text[sentence.start: sentence.end], sentence.start):
            words = text[start:end]
            mentions.append(Mention(kind="quantity", doc=article.id, start=start, end=end, text=words,
                                    value=age_value(youngest, words, oldest)))
    return mentions


def supersede(mentions: list[Mention]) -> list[Mention]:
    """Mentions without the other figures read from an age's words ("52-jähriger" is no count of anything)."""
    ages = [(m.start, m.end) for m in mentions if m.kind == "quantity" and m.value.dimension == AGE]
    return [m for m in mentions
            if not (m.kind == "quantity" and m.value.dimension != AGE and any(s < m.end and m.start < e for s, e in ages))]
