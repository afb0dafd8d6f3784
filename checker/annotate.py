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
from typing import Callable, Optional

from checker.e5model import factdiff_home
from checker.language import CLAUSE_BREAKS
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

    def get(self, key: str, compute: Callable[[], str]) -> str:
        """The cached value of `key`, computed (and kept) the first time."""
        self.load()
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = compute()
            self.added = True
        return found

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
    return _CACHE.get(f"{lang}:{word}", lambda: _simplemma().lemmatize(word, lang=lang).lower())


@lru_cache(maxsize=50_000)
def known(word: str, lang: str) -> bool:
    """Whether the lemmatizer's dictionary holds `word` (kept in the lemma cache, as "?de:word")."""
    return bool(_CACHE.get(f"?{lang}:{word}", lambda: "1" if _simplemma().is_known(word, lang=lang) else ""))


def _simplemma():
    import simplemma  # only for a word not seen before: its import alone costs a warm check 0.07 s

    return simplemma


def _sharp_s_form(word: str) -> str:
    """A word written with "ss" where standard German writes "ß" ("Fuss", "Strasse"), in its "ß" form where the
    dictionary knows that form; any other word as it is ("Wasser": no "Waßer"). A lower-case word the dictionary
    knows keeps its form: "dass" and "muss" are today's spelling, "daß" and "muß" an older one."""
    if "ss" not in word or (word[:1].islower() and known(word, "de")):
        return word
    at = [i for i in range(len(word) - 1) if word[i:i + 2] == "ss"]
    forms = [word.replace("ss", "ß")] + ([word[:i] + "ß" + word[i + 2:] for i in at] if len(at) > 1 else [])
    return next((form for form in forms if known(form, "de")), word)


def _join_separable_verbs(found: list[Token]) -> None:
    """A German particle ending its clause joins the verb of the clause it makes a known verb with ("nahm ... fest"
    -> "festnehmen"): both words take the joined verb as their lemma, so that every stage reads one verb."""
    particles = _separable_particles()
    clause_start = 0
    for i, token in enumerate(found):
        if _breaks_clause(token):
            clause_start = i + 1
            continue
        if token.text not in particles or not (i + 1 == len(found) or _breaks_clause(found[i + 1])):
            continue
        for verb in found[clause_start:i]:
            joined = token.text + verb.lemma
            if verb.text[:1].islower() and verb.lemma.endswith("n") and known(joined, "de"):
                verb.lemma = token.lemma = joined
                token.particle = True
                break


def _breaks_clause(token: Token) -> bool:
    return not token.text[:1].isalnum() or token.lemma in CLAUSE_BREAKS


@lru_cache(maxsize=1)
def _separable_particles() -> frozenset[str]:
    return frozenset(load_data("morphology.yaml")["de_separable_particles"])


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


def tokens(text: str, offset: int, lang: str, ss_for_sharp_s: bool = False) -> list[Token]:
    """The tokens of `text` (a sentence at article offset `offset`). `ss_for_sharp_s`: the article writes "ss" for
    "ß", as Swiss German does; its words are lemmatized in their "ß" form."""
    found = [
        Token.model_construct(
            text=m.group(), start=offset + m.start(), end=offset + m.end(),
            lemma=lemma(_sharp_s_form(m.group()) if ss_for_sharp_s else m.group(), lang),
            is_number=m.group()[:1].isdigit(),
        )
        for m in _TOKEN.finditer(text)
    ]
    if lang == "de":
        _join_separable_verbs(found)
    return found


def annotate(article: Article, sentences: list[Sentence]) -> list[Sentence]:
    """Each sentence with its tokens (in place: sentences are the stage's own objects). A German article with no
    "ß" in it is read as written in Swiss spelling."""
    swiss = article.lang == "de" and "ß" not in article.text
    for sentence in sentences:
        sentence.tokens = tokens(sentence.text, sentence.start, article.lang, swiss)
    return sentences
