"""Tell German from English by function-word counts (metadata wins when it says)."""

from __future__ import annotations

import re
from functools import lru_cache

from checker.resources import load_data

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")

# Signs and conjunctions that end a clause, in both languages.
CLAUSE_BREAKS = frozenset([",", ";", ":", "(", ")", "–", "—", "und", "and", "but", "aber", "while", "während", "whereas",
                           "nachdem", "after", "als", "when", "wobei", "sowie", "which", "who"])


@lru_cache(maxsize=1)
def _words_by_language() -> dict[str, frozenset[str]]:
    data = load_data("language.yaml")
    return {lang: frozenset(words) for lang, words in data.items() if lang != "provenance"}


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """German and English function words together: words that say nothing about a claim's content."""
    return frozenset().union(*_words_by_language().values())


def detect_language(text: str) -> str:
    counts = {lang: 0 for lang in _words_by_language()}
    for word in _WORD.findall(text[:5000].lower()):
        for lang, words in _words_by_language().items():
            if word in words:
                counts[lang] += 1
    return max(sorted(counts), key=lambda lang: counts[lang]) if any(counts.values()) else "de"
