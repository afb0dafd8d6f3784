"""Annotate stage: one token layer with lemmas, shared by the frames stage and every rule.

Lemmas come from simplemma (MIT; dictionary lemmatisation for German and English, offline):
"Schwerverletzten" -> "schwerverletzter", "missiles" -> "missile". Tokens keep article offsets, so
a slot can say which words around its value named what it measures.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from checker.models import Article, Sentence, Token

# A number keeps its separators ("1.000", "6,8", "3:30"); a word its inner hyphens and apostrophes.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The lemma of one word, lower case; German nouns keep their compound whole."""
    if not word[:1].isalpha():
        return word.lower()
    return simplemma.lemmatize(word, lang=lang if lang in ("de", "en") else "de").lower()


def tokens(text: str, offset: int, lang: str) -> list[Token]:
    return [
        Token.model_construct(
            text=m.group(), start=offset + m.start(), end=offset + m.end(), lemma=lemma(m.group(), lang),
            is_number=m.group()[:1].isdigit(),
        )
        for m in _TOKEN.finditer(text)
    ]


def annotate(article: Article, sentences: list[Sentence]) -> list[Sentence]:
    """Each sentence with its tokens (in place: sentences are the stage's own objects)."""
    for sentence in sentences:
        sentence.tokens = tokens(sentence.text, sentence.start, article.lang)
    return sentences
