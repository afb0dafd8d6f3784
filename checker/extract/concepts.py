"""What a figure counts, as one concept across words and languages (knowledge: data/counted_concepts.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from checker.resources import load_data

_WORD = re.compile(r"\w+")
_MIN_PREFIX = 5  # shorter entries match whole words only: "tot" must not match "total"
# Concepts a clause gives to people named by occupation: what happened to them, not what they did.
_CASUALTIES = frozenset({"dead", "injured", "missing", "evacuated", "displaced", "rescued", "arrested"})
_CLAUSE_END = re.compile(r"[,;:.!?()–]|\bund\b|\band\b|\bbut\b|\baber\b")


@lru_cache(maxsize=1)
def _data() -> tuple[list[tuple[str, str]], tuple[str, ...], int, frozenset[str], frozenset[str]]:
    data = load_data("counted_concepts.yaml")
    stems = sorted(((stem, concept) for concept, words in data["concepts"].items() for stem in words), key=lambda sc: -len(sc[0]))
    return (stems, tuple(data["generic"]), int(data["predicate_window"]), frozenset(data["figure_nouns"]),
            frozenset(data["people_nouns"]))


def _concept_in(text: str) -> Optional[str]:
    text = text.lower()
    words = _WORD.findall(text)
    for stem, concept in _data()[0]:
        if " " in stem:
            if stem in text:
                return concept
        elif any(w == stem or (len(stem) >= _MIN_PREFIX and w.startswith(stem)) for w in words):
            return concept
    return None


def is_generic(counted: str) -> bool:
    return counted.lower() in _data()[1]


def concept_of(counted: Optional[str], following: str = "", preceding: str = "") -> Optional[str]:
    """The concept a counted noun names; for a generic noun, the one its clause names, else None.

    The verb after the noun decides first ("50 Menschen wurden verletzt"); failing that, the words
    before the number in the same clause ("evacuation orders covered nearly 8,000 people").
    """
    window = _data()[2]
    before = _WORD.findall(_CLAUSE_END.split(preceding)[-1])[-window:]
    if not counted:
        # Only a figure noun makes the words before a bare number say what it counts.
        introduced = any(w.lower() in _data()[3] for w in before)
        return _concept_in(" ".join(before)) if introduced else None
    generic, people = is_generic(counted), counted.lower() in _data()[4]
    if not (generic or people):
        return _concept_in(counted)
    after = _WORD.findall(_CLAUSE_END.split(following, maxsplit=1)[0])[:window]
    in_clause = _concept_in(" ".join(after)) or _concept_in(" ".join(before))
    if people and in_clause not in _CASUALTIES:
        return _concept_in(counted)  # "40.000 Beschäftigte streikten": the workers themselves
    return in_clause
