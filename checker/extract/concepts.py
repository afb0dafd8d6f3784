"""What a figure counts, as one concept across words and languages (knowledge: data/counted_concepts.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from checker.resources import load_data

_WORD = re.compile(r"\w+")
_MIN_PREFIX = 5  # shorter entries match whole words only: "tot" must not match "total"
# Concepts a clause gives to people named by occupation: what happened to them, not what they did.
CASUALTIES = frozenset({"dead", "injured", "missing", "evacuated", "displaced", "rescued", "trapped", "arrested", "hospitalised"})
_CLAUSE_END = re.compile(r"[,;:.!?()–]|\bund\b|\band\b|\bbut\b|\baber\b")


_Stems = list[tuple[str, str]]


def _sorted_stems(table: dict[str, list[str]], weak: frozenset[str] = frozenset()) -> _Stems:
    """Longest first, so "ums leben" wins over "leben"; weak concepts after all others."""
    return sorted(((stem, concept) for concept, words in table.items() for stem in words), key=lambda sc: (sc[1] in weak, -len(sc[0])))


@lru_cache(maxsize=1)
def _data() -> tuple[_Stems, tuple[str, ...], int, frozenset[str], frozenset[str]]:
    data = load_data("counted_concepts.yaml")
    return (_sorted_stems(data["concepts"], frozenset(data["weak"])), tuple(data["generic"]), int(data["predicate_window"]), frozenset(data["figure_nouns"]),
            frozenset(data["people_nouns"]))


def _word_has_stem(word: str, stem: str) -> bool:
    return word == stem or (len(stem) >= _MIN_PREFIX and word.startswith(stem))


def _concept_in(text: str, stems: Optional[_Stems] = None) -> Optional[str]:
    text = text.lower()
    words = _WORD.findall(text)
    for stem, concept in _data()[0] if stems is None else stems:
        if " " in stem:
            if stem in text:
                return concept
        elif any(_word_has_stem(w, stem) for w in words):
            return concept
    return None


def concept_words(text: str, concepts: frozenset[str]) -> list[tuple[int, int, str]]:
    """Where `text` names one of `concepts`, as (start, end, concept): the single-word entries matched
    as words or word prefixes like `_concept_in`, the multi-word ones as phrases."""
    lower = text.lower()
    found: list[tuple[int, int, str]] = []
    for stem, concept in _data()[0]:
        if concept not in concepts:
            continue
        if " " in stem:
            found += [(m.start(), m.end(), concept) for m in re.finditer(rf"\b{re.escape(stem)}\b", lower)]
        else:
            found += [(m.start(), m.end(), concept) for m in _WORD.finditer(lower) if _word_has_stem(m.group(), stem)]
    return sorted(set(found))


def is_generic(counted: str) -> bool:
    return counted.lower() in _data()[1]


def concept_of(counted: Optional[str], following: str = "", preceding: str = "") -> Optional[str]:
    """The concept a counted noun names; for a generic noun, the one its clause names, else None.

    The verb after the noun decides first ("50 Menschen wurden verletzt"); failing that, the words
    before the number in the same clause ("evacuation orders covered nearly 8,000 people").
    """
    window = _data()[2]
    clause = _WORD.findall(_CLAUSE_END.split(preceding)[-1])
    before = clause[-window:]
    if not counted:
        return _bare_concept(clause)
    generic, people = is_generic(counted), counted.lower() in _data()[4]
    if not (generic or people):
        return _concept_in(counted)
    after = _WORD.findall(_CLAUSE_END.split(following, maxsplit=1)[0])[:window]
    in_clause = _concept_in(" ".join(after)) or _concept_in(" ".join(before))
    if people and in_clause not in CASUALTIES:
        return _concept_in(counted)  # "40.000 Beschäftigte streikten": the workers themselves
    return in_clause


def compound_concept(mention: str, counted: Optional[str]) -> Optional[str]:
    """The concept a two-word entry gives a counted noun and the word before it: "15 fire engines" count
    fire engines, "400 rescue workers" responders, not a firm's workers. Only two-word entries: "drei
    tote Tiere" are animals, not the dead."""
    if not counted or not mention.endswith(counted):
        return None
    words = _WORD.findall(mention[: len(mention) - len(counted)])
    if not words or words[-1].isdigit():
        return None
    return _concept_in(f"{words[-1]} {counted}", [(stem, concept) for stem, concept in _data()[0] if " " in stem])


def _bare_concept(clause: list[str]) -> Optional[str]:
    """What a figure without a noun counts: the noun after the clause's figure noun ("Die Zahl der
    Todesopfer nach dem Beben ist auf 96 gestiegen", "the death toll rose to 5")."""
    nouns = [i for i, w in enumerate(clause) if w.lower() in _data()[3]]
    if not nouns:
        return None
    i = nouns[-1]
    return _concept_in(" ".join(clause[max(0, i - 1) : i + 4]))

