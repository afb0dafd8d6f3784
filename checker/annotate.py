"""Annotate stage: one token layer with lemmas, shared by the frames stage and every rule.

Lemmas come from simplemma (MIT; dictionary lemmatisation for German and English, offline):
"Schwerverletzten" -> "schwerverletzter", "missiles" -> "missile". Tokens keep article offsets, so
a slot can say which words around its value named what it measures.

Loading simplemma's German dictionary takes about three seconds, more than a whole warm check, so
the lemmas of words already seen are kept on disk (`$FACTDIFF_HOME/lemmas-<simplemma version>.json`,
beside the embedding cache) and the dictionary is loaded only for a word not seen before.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Optional

from checker.e5model import factdiff_home
from checker.models import Article, Sentence, Token
from checker.resources import load_data

# A number keeps its separators ("1.000", "6,8", "3:30"); a word its inner hyphens and apostrophes.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


class _LemmaCache:
    """Lemmas of the words seen so far, read once per process and written back when it ends."""

    def __init__(self) -> None:
        self.path: Optional[Path] = None
        self.known: dict[str, str] = {}
        self.added = False

    def load(self) -> None:
        if self.path is not None:
            return
        self.path = factdiff_home() / f"lemmas-{version('simplemma')}.json"
        try:
            self.known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}  # no cache yet, or a damaged one: rebuilt as words come
        atexit.register(self.save)

    def save(self) -> None:
        if not self.added or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, delete=False, encoding="utf-8") as out:
                json.dump(self.known, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(out.name, self.path)
            self.added = False
        except OSError:
            pass  # a read-only home costs the next run three seconds, nothing else


_CACHE = _LemmaCache()


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The lemma of one word, lower case; German nouns keep their compound whole."""
    if not word[:1].isalpha():
        return word.lower()
    lang = lang if lang in ("de", "en") else "de"
    _CACHE.load()
    key = f"{lang}:{word}"
    found = _CACHE.known.get(key)
    if found is None:
        import simplemma  # only for a word not seen before: its import alone costs a warm check 0.07 s

        found = _CACHE.known[key] = simplemma.lemmatize(word, lang=lang).lower()
        _CACHE.added = True
    return found


def masculine(word: str) -> str:
    """A lower-case German person noun without its feminine ending (checker/data/morphology.yaml), so that
    one group or role is one key in either form: "ärztinnen" -> "ärzt", "werkleiterin" -> "werkleiter".
    Plural endings of the result are the caller's to fold ("ärzt" and "ärzte" meet there)."""
    data = load_data("morphology.yaml")
    plural = data["de_feminine_plural"]
    if word.endswith(plural) and len(word) - len(plural) >= data["de_feminine_min_stem"]:
        return word[: -len(plural)]
    for feminine, replacement in data["de_feminine_singular"].items():
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            return word[: -len(feminine)] + replacement
    return word


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
