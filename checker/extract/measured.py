"""What an amount measures: the concept and facets of a sum of money, a percentage, a length or a
duration, read from the words governing it in its clause (knowledge: data/measured_amounts.yaml).

"Der Gewinn stieg auf 472 Millionen Euro" measures profit; "um 8 Prozent" after "Der Umsatz wuchs"
a change in revenue; "2,40 Euro je Aktie" a dividend per share; "jailed for six and a half years"
a prison term. A concept carries its strict facets ("profit previous", "dividend per_unit"): such
figures are other figures. Scoped facets ("period=quarter") are kept apart in `Measure.scope`:
two figures differ there only when both state one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from checker.resources import load_data

# Clause ends for amounts: a colon is not one ("Gewinn: 412 Mio. Euro"), and figures are masked
# first, so the point of "£31.4m" or the "and" of "six and a half years" ends nothing.
_CLAUSE_END = re.compile(r"[,;.!?()–]|\bund\b|\band\b|\bbut\b|\baber\b|\bsowie\b|\bwhile\b|\bwährend\b|\bwhereas\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_MIN_PREFIX = 5  # as in concepts.py: shorter entries match whole words only
# The scope of an amount whose clause names nothing measured but sets it apart ("had already served
# two years", "im Vorjahr 390 Millionen"): compared with nothing, and no concept for alignment to share.
SET_APART = "apart"


@dataclass(frozen=True)
class Measure:
    concept: Optional[str]  # "profit", with strict facets: "profit previous"; None: not named
    scope: str  # scoped facets, "period=quarter basis=pretax"; "" when none is stated; "apart=previous" (see SET_APART)


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence, offsets into the sentence text."""

    start: int
    end: int
    dimension: Optional[str]
    counted: Optional[str] = None
    earlier_value: bool = False  # the "390" of "von 390 auf 472 Millionen"


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("measured_amounts.yaml")


@dataclass(frozen=True)
class _Lexicon:
    """Word lists looked up token by token (a regex alternation of them cost 250 µs a sentence)."""

    words: dict[str, list[tuple[tuple[str, ...], str]]]  # first token -> (tokens, label), most tokens first
    stems: dict[str, list[tuple[str, str]]]  # first letters -> (stem, label), longest first


def _lexicon(entries: list[tuple[str, str]]) -> _Lexicon:
    words: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    stems: dict[str, list[tuple[str, str]]] = {}
    for entry, label in entries:
        tokens = tuple(_WORD.findall(entry))
        if tokens == (entry,) and len(entry) >= _MIN_PREFIX:
            stems.setdefault(entry[:_MIN_PREFIX], []).append((entry, label))
        else:
            words.setdefault(tokens[0], []).append((tokens, label))
    for found in words.values():
        found.sort(key=lambda e: -len(e[0]))
    for found in stems.values():  # type: ignore[assignment]
        found.sort(key=lambda e: -len(e[0]))
    return _Lexicon(words, stems)


def _matches(lexicon: _Lexicon, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Non-overlapping entries in text[start:end] as (start, end, label); a phrase's words may be
    joined by spaces or hyphens ("pre-tax", "half year")."""
    tokens = list(_WORD.finditer(text, start, end))
    out, i = [], 0
    while i < len(tokens):
        word = tokens[i].group()
        hit = None
        for entry, label in lexicon.words.get(word, ()):
            run = tokens[i : i + len(entry)]
            joined = all(text[x.end() : y.start()].strip() in ("", "-") for x, y in zip(run, run[1:]))
            if tuple(t.group() for t in run) == entry and joined:
                hit = (run[-1].end(), label, len(entry))
                break
        if hit is None:
            label = next((lb for stem, lb in lexicon.stems.get(word[:_MIN_PREFIX], ()) if word.startswith(stem)), None)
            hit = (tokens[i].end(), label, 1) if label else None
        if hit:
            out.append((tokens[i].start(), hit[0], hit[1]))
            i += hit[2]
        else:
            i += 1
    return out


@lru_cache(maxsize=None)
def _concepts(family: str) -> Optional[_Lexicon]:
    entries = [(w, c) for c, spec in _data()["concepts"].items() if family in spec["dimension"] for w in spec["words"]]
    return _lexicon(entries) if entries else None


@lru_cache(maxsize=1)
def _facets() -> _Lexicon:
    """Labels "strict:<name>" or "scoped:<name>=<value>"."""
    entries = []
    for name, spec in _data()["facets"].items():
        if spec["kind"] == "strict":
            entries += [(w, f"strict:{name}") for w in spec["words"]]
        else:
            entries += [(w, f"scoped:{name}={value}") for value, words in spec["values"].items() for w in words]
    return _lexicon(entries)


@lru_cache(maxsize=1)
def _change() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    c = _data()["change"]
    return frozenset(c["before"]), tuple(c["nouns"]), frozenset(c["nouns_with"])


def is_measured(concept: Optional[str]) -> bool:
    return bool(concept) and concept.split()[0] in _data()["concepts"]


def set_apart(scope: Optional[str]) -> bool:
    return f"{SET_APART}=" in (scope or "")


def family(dimension: Optional[str]) -> str:
    """"currency:EUR" -> "currency": a concept is measured in any currency (conversion is never assumed)."""
    return (dimension or "").split(":")[0]


def clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The clauses of a sentence as (start, end), split outside the given spans (figures, dates)."""
    masked = list(text)
    for a, b in spans:
        masked[a:b] = "#" * (b - a)
    bounds, start = [], 0
    for m in _CLAUSE_END.finditer("".join(masked)):
        bounds.append((start, m.start()))
        start = m.end()
    return bounds + [(start, len(text))]


def clause_of(bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    return next((c for c in bounds if c[0] <= start < c[1]), (0, 0))


def measures(text: str, figures: list[Figure]) -> list[Optional[Measure]]:
    """What each figure of one sentence measures, or None (a count, or a clause that names nothing measured)."""
    if not any(_concepts(family(f.dimension)) for f in figures):
        return [None] * len(figures)  # most sentences: counts or no figure at all
    low = text.lower()
    bounds = clauses(text, [(f.start, f.end) for f in figures])
    facets = _attach_facets(low, figures, bounds)
    out: list[Optional[Measure]] = []
    for i, figure in enumerate(figures):
        if _concepts(family(figure.dimension)) is None:
            out.append(None)
            continue
        concept = _concept(low, figure, clause_of(bounds, figure.start))
        own = {value for kind, value in facets[i] if kind == "strict"} | _own_facets(low, figure, clause_of(bounds, figure.start))
        if concept is None:
            out.append(Measure(None, f"{SET_APART}={'+'.join(sorted(own))}") if own else None)
            continue
        concept, *governed = concept.split()
        strict = sorted((own | set(governed)) - _ignored(concept))
        scoped: dict[str, str] = {}
        for kind, value in facets[i]:
            name, _, setting = value.partition("=")
            if kind == "scoped":
                scoped.setdefault(name, setting)
        out.append(Measure(" ".join([concept, *strict]), " ".join(f"{k}={v}" for k, v in sorted(scoped.items()))))
    return out


@lru_cache(maxsize=None)
def _ignored(concept: str) -> frozenset[str]:
    """Facets that do not set a figure of this concept apart (a charge expected is the charge)."""
    return frozenset(_data()["concepts"][concept].get("ignores", ()))


def _concept(low: str, figure: Figure, clause: tuple[int, int]) -> Optional[str]:
    pattern = _concepts(family(figure.dimension))
    if pattern is None:
        return None
    if figure.counted and not names_change(figure.counted.lower().split()[-1]):  # "growth of 8%": the clause says of what
        named = _matches(pattern, figure.counted.lower(), 0, len(figure.counted))
        if named:
            return named[0][2]
        return _compound_head(figure.counted, family(figure.dimension))  # else the noun says what is measured
    window = _data()
    found = _matches(pattern, low, *clause)
    before = [m for m in found if m[1] <= figure.start and len(_WORD.findall(low[m[1] : figure.start])) <= window["window_before"]]
    if before:
        return _governed(low, before[-1])
    after = [m for m in found if m[0] >= figure.end and len(_WORD.findall(low[figure.end : m[0]])) <= window["window_after"]]
    return _governed(low, after[0]) if after else None


def _compound_head(noun: str, dimension_family: str) -> Optional[str]:
    """The concept of a German compound noun by its last part ("Prüfaktion": an "aktion"), as German
    compounds name their kind last; English nouns ("58 per cent of eligible voters") are left alone."""
    if not noun[:1].isupper() or " " in noun:
        return None
    low = noun.lower()
    return next((c for w, c in _heads(dimension_family) if low.endswith(w)), None)


@lru_cache(maxsize=None)
def _heads(dimension_family: str) -> tuple[tuple[str, str], ...]:
    """Single concept words of five letters or more, longest first, with their concepts."""
    heads = [(w, c) for c, spec in _data()["concepts"].items() if dimension_family in spec["dimension"] for w in spec["words"]]
    return tuple(sorted(((w, c) for w, c in heads if len(w) >= _MIN_PREFIX and " " not in w), key=lambda e: -len(e[0])))


def names_concept(words: list[str], dimension_family: str) -> Optional[int]:
    """The index of the last of these words that names a concept of that family ("vaccination
    campaign began": 1), or None."""
    pattern = _concepts(dimension_family)
    if pattern is None:
        return None
    hits = [i for i, w in enumerate(words) if _matches(pattern, w, 0, len(w))]
    return hits[-1] if hits else None


@lru_cache(maxsize=None)
def names_change(word: str) -> bool:
    """A change noun, or a compound ending in one ("Umsatzplus", "Gewinnrückgang"); not a concept word
    that merely ends like one ("campaign" is no "gain")."""
    nouns = _change()[1]
    return word in nouns or word.endswith(nouns) and word not in _concept_words()


@lru_cache(maxsize=1)
def _concept_words() -> frozenset[str]:
    return frozenset(w for spec in _data()["concepts"].values() for w in spec["words"])


def _governed(low: str, match: tuple[int, int, str]) -> str:
    """The concept, as a change where its word names one: "Umsatzplus", "Gewinnrückgang", "revenue growth"."""
    nouns = _change()[1]
    following = _WORD.match(low, match[1] + 1) if low[match[1] : match[1] + 1] == " " else None
    if names_change(low[match[0] : match[1]]) or (following and following.group() in nouns):
        return f"{match[2]} change"
    return match[2]


def _attach_facets(low: str, figures: list[Figure], bounds: list[tuple[int, int]]) -> list[list[tuple[str, str]]]:
    """Each facet word goes to the nearest figure of its clause that it is not part of: in "nach 390
    Millionen im Vorjahr stieg der Gewinn auf 472 Millionen" the previous year is the 390's."""
    attached: list[list[tuple[str, str]]] = [[] for _ in figures]
    for clause in bounds:
        inside = [i for i, f in enumerate(figures) if clause[0] <= f.start < clause[1]]
        for a, b, label in _matches(_facets(), low, *clause):
            near = [i for i in inside if not (figures[i].start < b and a < figures[i].end)]
            if near:
                i = min(near, key=lambda j: min(abs(figures[j].start - b), abs(a - figures[j].end)))
                attached[i].append(tuple(label.split(":", 1)))  # type: ignore[arg-type]
        # A period or basis the clause states once scopes all its figures: in "pre-tax profit rose
        # 14% to £212m in the six months to June" both are the half year's, both pre-tax.
        scoped: dict[str, set[str]] = {}
        for i in inside:
            for kind, value in attached[i]:
                if kind == "scoped":
                    scoped.setdefault(value.split("=")[0], set()).add(value)
        for values in scoped.values():
            if len(values) == 1:
                (value,) = values
                for i in inside:
                    if ("scoped", value) not in attached[i]:
                        attached[i].append(("scoped", value))
    return attached


def _own_facets(low: str, figure: Figure, clause: tuple[int, int]) -> set[str]:
    """A change rather than a level ("um 8 Prozent", "rose 12 per cent", "ein Umsatzplus von 8
    Prozent", "+8 %"), and the earlier value of "von 390 auf 472"."""
    before, nouns, nouns_with = _change()
    words = _WORD.findall(low[clause[0] : figure.start])
    own = {"previous"} if figure.earlier_value else set()
    if low[: figure.start].rstrip().endswith("+") or (words and words[-1] in before):
        own.add("change")
    elif len(words) > 1 and words[-1] in nouns_with and names_change(words[-2]):
        own.add("change")
    return own


def stated_period(text: str) -> Optional[str]:
    """The last period a text names ("im dritten Quartal"), figures or not."""
    periods = [label for _, _, label in _matches(_periods(), text.lower(), 0, len(text))]
    return periods[-1] if periods else None


def last_period(texts: list[str]) -> Optional[str]:
    """The period the last of these texts that names one names (an article's sentences so far)."""
    return next((p for p in map(stated_period, reversed(texts)) if p), None)


@lru_cache(maxsize=1)
def _periods() -> _Lexicon:
    return _lexicon([(w, value) for value, words in _data()["facets"]["period"]["values"].items() for w in words])


def in_period(measure: Measure, period: Optional[str]) -> Measure:
    """An amount that states no period is the period its article last named: "Die Versicherung hat im
    dritten Quartal mehr verdient. Der Gewinn stieg auf 472 Millionen Euro" is the quarter's profit."""
    if period is None or "period=" in measure.scope or measure.concept is None:
        return measure
    return Measure(measure.concept, " ".join(sorted([*measure.scope.split(), f"period={period}"])))


def compatible_scopes(a: str, b: str) -> bool:
    """Scoped facets agree where both state one."""
    sa = dict(item.split("=", 1) for item in a.split())
    sb = dict(item.split("=", 1) for item in b.split())
    return all(sb[k] == v for k, v in sa.items() if k in sb)
