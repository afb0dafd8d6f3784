"""Quantities: every figure in a sentence as an interval, with qualifier, unit and counted noun.

No package reads German figures with their qualifiers ("mehr als 1.000", "bis zu",
"Hunderte"), so the grammar is ours; words live in data/quantities.yaml and pint
does the unit conversions. A figure that names something (a date, a year, a time,
"G7", "Boeing 737", "Resolution 2231") is not a quantity: precision matters more
than recall, because every false figure is a possible false contradiction.

Public API: ``extract(article, sentences)`` (the extractor contract), ``scan(text, lang)``
for one piece of text, ``counted_key(word, lang)``. Each mention's ``context`` is
"step=<unit of the last stated digit>" (so "68,7 Mrd." gives step=1e+08 and a rule may
allow that rounding), with " change=from" for the earlier value of "von 5 auf 7 Mrd.",
or "vague" for "Hunderte", "several".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from checker.annotate import masculine
from checker.extract.ages import ages_in
from checker.extract.concepts import CASUALTIES, compound_concept, concept_of, concept_words, is_generic
from checker.extract.measured import Figure, in_period, last_period, measures, names_concept
from checker.gazetteer import Gazetteer
from checker.models import Article, Interval, Mention, QuantityValue, Sentence
from checker.resources import load_data

_PUNCT_BEFORE = "([{„“”\"'«»‚‘’–—:;/"
# Context mark of figures kept only when they count casualties ("One worker has died", "a third
# worker"): "one" and an ordinal are articles and positions far more often than counts.
_CASUALTY_ONLY = "casualty-only"
_HAS_DIGIT = re.compile(r"\d")
_POSSESSIVE = re.compile(r"[^\W\d_][\w.-]*['’]s\s+")
# Where a clause ends for a zero count: its casualty word and its "niemand" stand in one clause.
_ZERO_CLAUSE_END = re.compile(r"[,;:.!?()–—]|\b(?:und|and|but|aber|oder|or|weil|because|während|while|als|when|after|nachdem)\b")
_A_WORD = re.compile(r"[^\W_][\w-]*")


def _alt(words: list[str]) -> str:
    """Regex alternation, longest first, each word escaped."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


def _bounded(words: list[str]) -> str:
    """Alternation that must end at a word boundary (symbols like "%" need none)."""
    return rf"(?:{_alt(words)})(?![^\W\d_])"


@dataclass
class _Lang:
    """One language's word lists compiled into patterns, built once per process."""

    lang: str
    atom: re.Pattern
    qualifier: re.Pattern
    qual_code: dict[str, str]
    range_open: re.Pattern
    joiner: re.Pattern
    scale: re.Pattern
    scales: dict[str, float]
    currency: re.Pattern
    currencies: dict[str, str]
    percent: re.Pattern
    percents: dict[str, str]
    unit: re.Pattern
    units: dict[str, str]
    vague: dict[str, dict[str, Any]]
    vague_with_scale: set[str]
    number_words: dict[str, Any]
    articles: set[str]
    designators: set[str]
    year_cue: re.Pattern
    link: re.Pattern
    attr_preps: set[str]
    masks: list[re.Pattern]
    stopwords: set[str]
    cur_prefix: re.Pattern
    amb_currency: re.Pattern
    time_noun: re.Pattern
    rel_before: re.Pattern
    rel_after: re.Pattern
    range_close_rx: dict[str, re.Pattern]
    change_open: re.Pattern
    measure_nouns: set[str]
    half: re.Pattern
    share_of: re.Pattern
    change_join: re.Pattern
    position: re.Pattern
    position_noun: re.Pattern
    position_first: re.Pattern
    position_keys: dict[str, str]
    not_a_point: re.Pattern
    listed_ordinal: re.Pattern
    elided_ordinal: re.Pattern
    within: dict[str, re.Pattern]
    ordinals: dict[str, dict[str, int]]
    part_of: re.Pattern
    part_total: re.Pattern
    running_ordinal: re.Pattern
    attached_unit: re.Pattern
    attached_units: dict[str, str]
    minus: re.Pattern
    share: re.Pattern
    proportion: re.Pattern


@dataclass
class _Found:
    """One figure in sentence-local offsets."""

    start: int
    end: int
    value: Optional[QuantityValue]  # None: a stretch to skip (a score), no figure
    context: str
    whole: Optional["_Found"] = None  # the whole of a partitive part, inside this span


@lru_cache(maxsize=None)
def _data() -> dict[str, Any]:
    return load_data("quantities.yaml")


def _digits(lang: str) -> str:
    nb = "[\u00a0\u202f\u2009]"
    if lang == "de":
        return rf"\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d{{1,3}}(?:{nb}\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?"
    return rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:{nb}\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"


@lru_cache(maxsize=None)
def _lang(lang: str) -> _Lang:
    d = _data()
    lang = lang if lang in ("de", "en") else "en"
    nw = d["number_words"][lang]
    parts = list(nw["units"]) + list(nw["teens"]) + list(nw["tens"]) + [nw["hundred"], nw["thousand"]]
    if lang == "de":
        morph = _alt(parts + [nw["joiner"], nw["half_suffix"]])
        words = rf"\b(?:{_alt(list(nw['special']) + nw['articles'])}|(?:{morph})+)\b"
    else:
        one = _alt(parts)
        half = re.escape(nw["half_phrase"]).replace(r"\ ", r"\s+")
        words = rf"\b(?:(?:a|an)\b(?=\s+(?:{_alt(list(d['scales']['en']))})\b)|(?:{one})(?:(?:-|\s+(?:and\s+)?)(?:{one}))*(?:\s+{half})?)\b"
    vague = {f: v for v in d["vague"][lang] for f in v["forms"]}
    atom = re.compile(
        rf"(?P<vague>\b(?:{_alt(list(vague))})\b)|(?P<num>(?<![\d.,])(?:{_digits(lang)})(?![\d]))|(?P<word>{words})",
        re.IGNORECASE,
    )
    quals = {q: code for code, qs in d["qualifiers"][lang].items() for q in qs}
    qualifier = re.compile(rf"(?:^|(?<=[\s{re.escape(_PUNCT_BEFORE)}]))(?P<q>{_alt(list(quals))})\s*$", re.IGNORECASE)
    ropen = d["range_open"][lang]
    range_open = re.compile(rf"(?:^|(?<=\s))(?P<q>{_alt(list(ropen))})\s+$", re.IGNORECASE)
    joiner = re.compile(rf"\s*(?:{_alt(d['range_joiners'][lang])})\s*")
    scales = {k: float(v) for k, v in d["scales"][lang].items()}
    scale = re.compile(rf"\s?(?P<s>{_alt(list(scales))})(?![^\W\d_])")
    currencies = dict(d["currencies"]["suffix"][lang])
    currency = re.compile(rf"\s?(?P<c>{_bounded(list(currencies))})")
    percents = dict(d["percent"][lang])
    percent = re.compile(rf"\s?(?P<p>{_bounded(list(percents))})")
    units = dict(d["units"][lang])
    unit = re.compile(rf"\s?(?P<u>{_alt(list(units))})(?![^\W\d_²³/])")
    months = d["months"]["de"] + d["months"]["en"]
    mon = _alt(months)
    masks = [
        re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4}\b)?"),
        re.compile(r"\b\d{4}-\d{1,2}(?:-\d{1,2})?\b"),
        re.compile(r"\b\d{1,4}/\d{1,4}(?:/\d{2,4})?\b"),
        re.compile(r"\b\d+:\d+(?::\d+)?\b"),
        re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:Uhr|h\b|a\.m\.|p\.m\.|GMT|UTC|MEZ|MESZ|CET)" + ("" if lang == "de" else r"|\b\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b")),
        re.compile(rf"\b\d{{1,2}}(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?:{mon})(?![^\W\d_])(?:\s*,?\s*\d{{4}}\b)?"),
        re.compile(rf"(?<![^\W\d_])(?:{mon})\s+\d{{1,4}}(?:st|nd|rd|th)?\b(?:\s*,\s*\d{{4}}\b)?"),
        re.compile(r"(?:\+|\b00)\d{1,3}[\s/-]?\(?\d+\)?(?:[\s/-]?\d+){1,4}"),
        re.compile(r"\b\d{1,3}(?:\.|st|nd|rd|th)?\s?\+\s?\d{1,2}(?:\.|st|nd|rd|th)?(?!\d)"),  # stoppage time "90.+3", "90+3rd"
        re.compile(r"https?://\S+|\bwww\.\S+|\S+@\S+"),
        re.compile(r"(?:\bTel\.|\b[Tt]elefon|\b[Pp]hone|\bFax)[:\s]*\+?[\d][\d\s/()-]*\d"),
    ]
    year_cue = re.compile(rf"(?:^|(?<=[\s{re.escape(_PUNCT_BEFORE)}]))(?:{_alt(d['year_cues'][lang])})\s*$")
    link = re.compile(rf"(?P<w>[^\W\d_][\w-]*)\s+(?:{_alt(d['link_of'][lang])})\s+$")
    pos = d["positions"]
    keys = {noun: key for key, by_lang in pos["scales"].items() for noun in by_lang.get(lang, [])}
    ordinal, ordinals = _ordinal_pattern(lang)
    nouns = _alt(list(keys)) if lang == "de" else f"(?i:{_alt(list(keys))})"  # German nouns are capitalised
    sep = r"\s*" if lang == "de" else r"(?:\s+|-)"
    first = [n for n in pos["noun_first"]["nouns"] if n in keys]
    bounds = _alt(pos["bounds"][lang])
    articles = _alt(pos["bound_articles"])
    part_of = d["partitive_of"]
    return _Lang(
        lang=lang, atom=atom, qualifier=qualifier, qual_code={k.lower(): v for k, v in quals.items()},
        range_open=range_open, joiner=joiner,
        scale=scale, scales=scales, currency=currency, currencies=currencies, percent=percent,
        percents=percents, unit=unit, units=units, vague=vague,
        vague_with_scale=set(d["vague_with_scale"]), number_words=nw,
        articles=set(nw["articles"]), designators=set(d["designators"][lang]), year_cue=year_cue,
        link=link, attr_preps=set(d["attribute_prepositions"].get(lang, [])), masks=masks,
        stopwords=set(d["en_stopwords"] if lang == "en" else d["de_stopwords"]),
        cur_prefix=re.compile(rf"(?P<c>{_alt(list(d['currencies']['prefix']))})\s?$"),
        amb_currency=re.compile(rf"\s(?P<c>{_alt(list(d['ambiguous_currency']))})\b"),
        time_noun=re.compile(rf"\s*(?:{_alt(d['time_nouns'])})(?![^\W\d_])"),
        rel_before=re.compile(rf"(?:^|\s)(?:{_alt(d['relative_time']['before'])})\s+$"),
        rel_after=re.compile(rf"\s+(?:{_alt(d['relative_time']['after'])})\b"),
        range_close_rx={k.lower(): re.compile(rf"\s+(?:{_alt(v)})\s+") for k, v in ropen.items()},
        change_open=re.compile(rf"(?:^|(?<=\s))(?:{_alt(d['change'][lang]['open'])})\s+$", re.IGNORECASE),
        measure_nouns=set(d["measure_nouns"][lang]),
        half=re.compile(rf"(?:^|\s)({_alt(d['half_words'])})\s+$"),
        share_of=re.compile(rf"\s+(?:{_alt(d['share_of'][lang])})(?=\s)"),
        change_join=re.compile(rf"\s+(?:{_alt(d['change'][lang]['join'])})\s+"),
        position=re.compile(rf"{ordinal}(?P<sep>{sep})(?P<noun>{nouns})(?![^\W\d_])"),
        position_noun=re.compile(nouns),
        position_first=re.compile(
            rf"(?<![^\W\d_])(?i:{_alt(pos['noun_first']['after'])})\s+(?P<noun>{_alt(first)})\s+(?P<n>\d{{1,3}})(?![\d\w]|[.,]\d)"
        ),
        position_keys={(n if lang == "de" else n.lower()): k for n, k in keys.items()},
        not_a_point=re.compile(
            rf"(?:^|(?<=[\s{re.escape(_PUNCT_BEFORE)}]))(?i:(?P<bound>{bounds})(?:\s+(?:{articles}))?|(?P<indef>{_alt(pos['indefinite'])}))\s+$"
        ),
        listed_ordinal=re.compile(rf"{ordinal}\s*(?:{_alt(pos['list_joiners'])})\s*$"),
        elided_ordinal=re.compile(
            rf"(?<![^\W\d_])(?i:{_alt(pos['bound_articles'])})\s+\d{{1,3}}" + (r"\." if lang == "de" else r"(?:st|nd|rd|th)")
            + rf"(?=\s*(?:[,;:)\]!?]|\.(?!\d)|$|(?:und|oder|and|or)\b))"
        ),
        within={
            key: re.compile(rf"(?:\W+\w+){{0,4}}?\W+(?:{_alt(by_lang.get(lang, []))})(?![\w-])")
            for key, by_lang in pos["within"].items() if by_lang.get(lang)
        },
        ordinals=ordinals,
        part_of=re.compile(rf"\s+(?P<c>{_alt(part_of[lang])})\s+"),
        part_total=re.compile(rf"(?:{_alt(d['partitive_total'])})\s+"),
        running_ordinal=re.compile(rf"(?<![^\W\d_])(?i:{_alt(d['running_ordinal_articles'][lang])})\s+{ordinal}\s+"),
        attached_unit=re.compile(rf"(?P<u>{_alt(list(d['attached_units'][lang]) or ['(?!)'])})(?![^\W\d_])"),
        attached_units=dict(d["attached_units"][lang]),
        minus=re.compile(rf"(?:^|(?<=[\s{re.escape(_PUNCT_BEFORE)}]))(?i:{_alt(d['minus_words'])})\s+$"),
        share=_share_pattern(lang),
        proportion=_proportion_pattern(lang),
    )


def _share_pattern(lang: str) -> re.Pattern:
    """"ein Drittel der", "more than half of", "two-thirds of": a fraction word and the "of" after it."""
    d = _data()
    spec, words = d["shares"], d["fractions"]["words"][lang]
    counted = rf"(?P<count>(?i:{_alt(spec['counts'][lang])}))[\s-]+(?P<w>{_alt(list(words))})(?=\s+(?:{_alt(spec['of'][lang])})\s)"
    alone = spec["half_alone"].get(lang)
    # "half the staff", "half of all flights"; never "the second half of the year" (a period)
    either = counted + (rf"|(?<!the\s)(?<!first\s)(?<!second\s)(?P<alone>(?i:{_alt(alone)}))(?P<det>\s+(?:of\s+)?(?:the|all|its|their|his|her|our))(?=\s)" if alone else "")
    return re.compile(rf"(?<![^\W\d_])(?:{either})")


def _small_numbers(lang: str) -> dict[str, int]:
    """Number words up to ninety-nine written as one word: "eight", "ten", "twenty"."""
    nw = _data()["number_words"][lang]
    return {w.lower(): int(v) for table in ("units", "teens", "tens") for w, v in nw[table].items()}


def _proportion_pattern(lang: str) -> re.Pattern:
    """"jeder dritte", "every fifth", "one in eight": one in so many."""
    d = _data()
    spec = d["shares"]["proportion"][lang]
    units = _small_numbers(lang)
    ordinal = rf"(?i:{_alt(spec['before'])})\s+(?P<ord>(?i:{_alt(list(spec['ordinals']))}))[rsnm]?"
    one_in = rf"|(?i:{_alt(spec['one_in'])})\s+(?P<n>\d{{1,3}}|(?i:{_alt([u for u in units if units[u] > 1])}))" if spec.get("one_in") else ""
    return re.compile(rf"(?<![^\W\d_])(?:{ordinal}{one_in})(?![^\W\d_])")


def _ordinal_pattern(lang: str) -> tuple[str, dict[str, dict[str, int]]]:
    """A written ordinal, "26." or "26th" or a word ("dritten", "twenty-sixth"), and the word parts' values."""
    d = _data()
    words = d["positions"]["ordinal_words"][lang]
    units = d["number_words"][lang]["units"] if lang == "de" else d["number_words"][lang]["tens"]
    endings = "|".join(re.escape(e) for e in words["endings"] if e)
    end = f"(?:{endings})" if endings else ""
    tens, stems = _alt(list(words["tens"])), _alt(list(words["stems"]))
    if lang == "de":  # "sechsundzwanzigsten"
        compound = rf"(?:(?P<ou>{_alt(list(units))})und)?(?P<ot>{tens})|(?P<os>{stems})"
        digits = r"(?<![\d.,])(?P<n>\d{1,3})\."
    else:  # "twenty-sixth"
        compound = rf"(?P<ot>{tens})|(?:(?P<ou>{_alt(list(units))})-)?(?P<os>{stems})"
        digits = r"(?<![\d.,])(?P<n>\d{1,3})(?:st|nd|rd|th)"
    word = rf"(?<![^\W\d_])(?i:(?:{compound}){end})"
    ordinals = {"stems": words["stems"], "tens": words["tens"], "units": units}
    return rf"(?:{digits}|{word})", ordinals


# ----------------------------------------------------------------------------- numbers


def _parse_digits(raw: str, lang: str) -> tuple[float, float]:
    """Value and step (unit of the last stated digit) of a written figure."""
    s = re.sub(r"[\u00a0\u202f\u2009]", "", raw)
    s = s.replace(".", "").replace(",", ".") if lang == "de" else s.replace(",", "")
    if "." in s:
        return float(s), 10.0 ** -len(s.split(".")[1])
    digits = s.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(s), 10.0 ** min(zeros, len(digits) - 1)


def _parse_de_word(w: str, nw: dict[str, Any]) -> Optional[float]:
    w = w.lower()
    if w in nw["special"]:
        return float(nw["special"][w])
    half = nw["half_suffix"]
    if w.endswith(half) and len(w) > len(half):
        base = _parse_de_word(w[: -len(half)], nw)
        return None if base is None else base + 0.5
    small = {**nw["units"], **nw["teens"], **nw["tens"]}

    def below100(s: str) -> Optional[int]:
        if s in small:
            return small[s]
        if nw["joiner"] in s:
            u, _, t = s.partition(nw["joiner"])
            if u in nw["units"] and t in nw["tens"]:
                return nw["units"][u] + nw["tens"][t]
        return None

    def below1000(s: str) -> Optional[int]:
        if nw["hundred"] in s:
            a, _, b = s.partition(nw["hundred"])
            left = nw["units"].get(a) if a else 1
            right = below100(b) if b else 0
            return None if left is None or right is None else left * 100 + right
        return below100(s)

    if nw["thousand"] in w:
        a, _, b = w.partition(nw["thousand"])
        left = below1000(a) if a else 1
        right = below1000(b) if b else 0
        return None if left is None or right is None else float(left * 1000 + right)
    v = below1000(w)
    return None if v is None else float(v)


def _parse_en_words(text: str, nw: dict[str, Any]) -> Optional[float]:
    words = text.lower().split()
    half = nw["half_phrase"].split()
    if words[-len(half) :] == half:
        whole = " ".join(words[: -len(half)])
        base = _parse_en_words(whole, nw)
        return None if base is None else base + 0.5
    total, current = 0, 0
    small = {**nw["units"], **nw["teens"], **nw["tens"]}
    for tok in re.split(r"[\s-]+", text.lower()):
        if tok in small:
            current += small[tok]
        elif tok in ("a", "an"):
            current = 1
        elif tok == nw["hundred"]:
            current = (current or 1) * 100
        elif tok == nw["thousand"]:
            total += (current or 1) * 1000
            current = 0
        elif tok != nw["joiner"]:
            return None
    return float(total + current)


def number_in_words(word: str, lang: str) -> Optional[float]:
    """A number written in letters ("vierundvierzig", "thirty-four"), or None."""
    nw = _data()["number_words"]
    return _parse_de_word(word, nw["de"]) if lang == "de" else _parse_en_words(word, nw["en"])


def _step_of(v: float) -> float:
    if v <= 0 or not float(v).is_integer():
        return 1.0
    n, step = int(v), 1.0
    while n % 10 == 0 and n >= 10:
        n //= 10
        step *= 10
    return step


# ----------------------------------------------------------------------------- units


@lru_cache(maxsize=None)
def _ureg() -> Any:
    import pint  # loaded on first use: half a second that segment-only runs never pay

    return pint.UnitRegistry(cache_folder=":auto:")  # parsing the definitions costs ~0.5 s per process


@lru_cache(maxsize=None)
def _unit_info(expr: str) -> tuple[str, str, Optional[float]]:
    """pint name, dimension name and factor to base units (None: offset unit such as °C)."""
    ureg = _ureg()
    unit = ureg.Unit(expr)
    dims = {name: ureg.Unit(ref).dimensionality for name, ref in _data()["dimensions"].items()}
    dim = next((n for n, dd in dims.items() if dd == unit.dimensionality), str(unit.dimensionality))
    # offset units (°C, °F) map 0 to a non-zero base value: convert each value instead
    offset = float(ureg.Quantity(0.0, unit).to_base_units().magnitude) != 0.0
    factor = None if offset else float(ureg.Quantity(1.0, unit).to_base_units().magnitude)
    return str(unit), dim, factor


def _to_base(x: Optional[float], expr: str) -> Optional[float]:
    if x is None:
        return None
    _, _, factor = _unit_info(expr)
    if factor is not None:
        return x * factor
    return float(_ureg().Quantity(x, _ureg().Unit(expr)).to_base_units().magnitude)


# ----------------------------------------------------------------------------- counted nouns


def counted_key(word: str, lang: str) -> str:
    """One key for the singular, plural and case forms of a counted noun (both languages)."""
    ck = _data()["counted_key"]
    low = word.lower()
    if lang == "de":
        irregular = {k.lower(): v for k, v in ck["de_irregular"].items()}
        if low in irregular:
            return irregular[low]
        w = masculine(low.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss"))
        for e in ck["de_endings"]:
            if w.endswith(e) and len(w) - len(e) >= ck["min_stem"]:
                return w[: -len(e)] + ck["de_ending_keep"].get(e, "")
        return w
    if low in ck["en_irregular"]:
        return ck["en_irregular"][low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if re.search(r"(?:ss|ch|sh|x|z|o)es$", low) and len(low) > 4:
        return low[:-2]
    if low.endswith("s") and not re.search(r"(?:ss|us|is)$", low) and len(low) > 3:
        return low[:-1]
    return low


_WORD = re.compile(r"\s*(?P<w>[^\W\d_](?:[\w\-]*\w)?)")


def _words_after(s: str, i: int, limit: int) -> list[re.Match]:
    out: list[re.Match] = []
    while len(out) < limit:
        m = _WORD.match(s, i)
        if not m:
            break
        out.append(m)
        i = m.end()
    return out


def _is_adj(w: str) -> bool:
    return w[:1].islower() and re.search(r"(?:e|en|er|es|em)$", w) is not None


def _noun_after(s: str, i: int, L: _Lang, plural: bool) -> Optional[re.Match]:
    """The counted noun that follows a figure, or None."""
    toks = _words_after(s, i, 10)
    if not toks:
        return None
    first = toks[0].group("w")
    if first in _data()["partitive"][L.lang]:
        toks = toks[1:]
        if not toks:
            return None
        first = toks[0].group("w")
    if L.lang == "de":
        if first in L.attr_preps:
            # extended attribute: Prep ... Noun participle Noun ("unter russischer Flagge fahrende Schiffe")
            for j in range(2, len(toks) - 1):
                w, prev, nxt = (toks[j].group("w"), toks[j - 1].group("w"), toks[j + 1].group("w"))
                if _is_adj(w) and prev[:1].isupper() and nxt[:1].isupper():
                    return toks[j + 1]
            return None
        for t in toks[:4]:
            w = t.group("w")
            if w[:1].isupper():
                return t
            if w in L.stopwords or not _is_adj(w):
                return None
        return None
    run: list[re.Match] = []
    participles = _data()["en_counted_participles"]
    for t in toks[:3]:
        w = t.group("w").lower()
        if w in L.stopwords or (w.endswith("ed") and w not in participles):
            break
        run.append(t)
    if not run:
        return None
    if plural:
        for t in run:
            w = t.group("w").lower()
            if w.endswith("s") and not re.search(r"(?:ss|us|is)$", w):
                return t
    return run[0]


# ----------------------------------------------------------------------------- sentence scan


def _r(x: Optional[float]) -> Optional[float]:
    """Drop float noise (973.5000000000001) so values compare and print cleanly."""
    return None if x is None else float(f"{x:.12g}")


def _interval(code: Optional[str], x: float, tol: dict[str, float]) -> Interval:
    iv = _raw_interval(code, x, tol)
    if iv.low is not None and iv.high is not None and iv.low > iv.high:  # "etwa -5 Grad"
        return Interval(low=_r(iv.high), high=_r(iv.low))
    return Interval(low=_r(iv.low), high=_r(iv.high), low_closed=iv.low_closed, high_closed=iv.high_closed)


def _raw_interval(code: Optional[str], x: float, tol: dict[str, float]) -> Interval:
    if code == "more_than":
        return Interval(low=x, high=None, low_closed=False)
    if code == "at_least":
        return Interval(low=x, high=None)
    if code == "up_to":
        return Interval(low=0.0, high=x)
    if code == "less_than":
        return Interval(low=0.0, high=x, high_closed=False)
    if code == "almost":
        return Interval(low=x * (1 - tol["almost"]), high=x, high_closed=False)
    if code == "about":
        return Interval(low=x * (1 - tol["about"]), high=x * (1 + tol["about"]))
    if code == "just_over":
        return Interval(low=x, high=x * (1 + tol["just_over"]), low_closed=False)
    return Interval(low=x, high=x)


def _prev_word(s: str, a: int) -> Optional[re.Match]:
    return re.search(r"(?P<w>[^\W\d_][\w.\-]*|§)\s+$", s[:a])


def _sentence_initial(s: str, a: int) -> bool:
    before = s[:a].rstrip()
    return not before or before[-1] in _PUNCT_BEFORE + ".!?•-"


@dataclass
class _Tail:
    end: int
    scale: float = 1.0
    scale_text: str = ""
    currency: Optional[str] = None
    unit: Optional[str] = None  # pint expression
    percent: Optional[str] = None


def _tail(s: str, i: int, L: _Lang, currency: Optional[str]) -> _Tail:
    t = _Tail(end=i)
    cur_scales = _data()["currency_scales"]
    m = L.scale.match(s, t.end)
    if m:
        t.scale, t.scale_text, t.end = L.scales[m.group("s")], m.group("s"), m.end()
    elif currency:
        m = re.match(r"\s?(?P<s>[mkMKb])(?![^\W\d_])", s[t.end :])
        if m:
            t.scale, t.end = float(cur_scales[m.group("s")]), t.end + m.end()
    if currency:
        t.currency = currency
        return t
    m = L.currency.match(s, t.end)
    if m:
        t.currency, t.end = L.currencies[m.group("c")], m.end()
        return t
    amb = _data()["ambiguous_currency"]
    m = L.amb_currency.match(s, t.end)
    if m and t.scale_text:
        t.currency, t.end = amb[m.group("c")], m.end()
        return t
    m = L.percent.match(s, t.end)
    if m:
        t.percent, t.end = L.percents[m.group("p")], m.end()
        return t
    m = L.unit.match(s, t.end)
    if m:
        t.unit, t.end = L.units[m.group("u")], m.end()
        rate = _rate().match(s, t.end)
        if rate and "/" not in t.unit:
            t.unit, t.end = f"{t.unit}/{_data()['rates']['times'][rate.group('t')]}", rate.end()
    elif attached := L.attached_unit.match(s, t.end):
        t.unit, t.end = L.attached_units[attached.group("u")], attached.end()
    return t


@lru_cache(maxsize=1)
def _rate() -> re.Pattern:
    """" pro Sekunde", " per hour" after a unit: the unit is a rate."""
    spec = _data()["rates"]
    return re.compile(rf"\s+(?:{_alt(spec['joiners'])})\s+(?P<t>{_alt(list(spec['times']))})(?![^\W\d_])")


def _atom_value(m: re.Match, L: _Lang) -> Optional[tuple[float, float, str]]:
    """(value, step, kind) of an atom match; kind is num | word | article | vague."""
    if m.group("num"):
        v, step = _parse_digits(m.group("num"), L.lang)
        return v, step, "num"
    if m.group("word"):
        w = m.group("word")
        if w.lower() in L.articles and " " not in w:
            return 1.0, 1.0, "article"
        if L.lang == "de":
            v = _parse_de_word(w, L.number_words)
        else:
            v = _parse_en_words(w, L.number_words)
        if v is None:
            return None
        return v, _step_of(v), "word"
    return None


def _is_year(raw: str) -> bool:
    lo, hi = _data()["year_range"]
    return raw.isdigit() and len(raw) == 4 and lo <= int(raw) <= hi


def _excluded_num(s: str, m: re.Match, L: _Lang, sent_end: int) -> bool:
    """A digit figure that names or dates something rather than counting it."""
    a, e = m.start(), m.end()
    before = s[a - 1] if a else " "
    if before.isalpha() or before in "#§№":
        return True
    if before in "-‐" and a >= 2 and s[a - 2].isalpha():
        return True
    after = s[e : e + 1]
    if after.isalpha() or after in "°²":
        m2 = re.match(r"°?[^\W\d_°²³/]+(?:[²³]|/h)?", s[e:])
        suffix = m2.group(0) if m2 else ""
        ok = set(_data()["attached_ok"]) | set(L.scales)
        if suffix not in ok:
            return True
    if after == "." and s[e + 1 : e + 2].isspace() and s[e + 1 :].strip() and e + 1 < sent_end:
        return True  # "7. September", "der 2. Weltkrieg": ordinal
    if after in ".," and s[e + 1 : e + 2].isdigit():
        return True  # "3.2.1", "1.5" in German text: not a figure this language writes
    pw = _prev_word(s, a)
    if pw and pw.group("w") in L.designators:
        return True
    raw = m.group("num")
    return len(raw) > 1 and raw[0] == "0" and raw[1].isdigit()  # "0711": a code, not an amount


def _scan(s: str, L: _Lang) -> list[_Found]:
    d = _data()
    tol = d["tolerance"]
    # dates, times, codes: only digits can start one, so wordy sentences skip the masks
    masked = [(mm.start(), mm.end()) for rx in L.masks for mm in rx.finditer(s)] if _HAS_DIGIT.search(s) else []
    positions = _positions(s, L, masked) + _duration_adjectives(s, L, masked)
    masked += [(f.start, f.end) for f in positions]
    found = [f for f in positions if f.value is not None]
    running = _running_ordinals(s, L, masked) + _fractions(s, L, masked, tol)
    masked += [(f.start, f.end) for f in running]
    shares = _shares(s, L, masked, tol)
    masked += [(f.start, f.end) for f in shares]
    found += running + shares + _zero_counts(s, L)
    pos = 0
    for m in L.atom.finditer(s):
        a = m.start()
        if a < pos or any(x < m.end() and a < y for x, y in masked):
            continue
        f = _vague(s, m, L) if m.group("vague") else _figure(s, m, L, tol)
        if f is not None:
            pos = f.end
            if f.value is not None:
                found.append(f)
            if f.whole is not None:
                found.append(f.whole)
    return _compound_durations(s, sorted(found, key=lambda f: f.start), L)


@lru_cache(maxsize=None)
def _duration_adjective_pattern(lang: str) -> re.Pattern:
    units = _alt(list(_data()["duration_adjectives"][lang]))
    if lang == "en":  # "five-day", "10-day", not "41-year-old" (years are not listed) nor "day-long"
        return re.compile(rf"(?i)(?<![\w-])(?P<n>\d+|[a-z]+)-(?P<u>{units})(?![\w-])")
    return re.compile(rf"(?i)(?<![\w-])(?P<n>\d+-?|[a-zäöüß]+?)(?P<u>{units})(?:e|en|er|es|em)?(?![\w-])")


def _duration_adjectives(s: str, L: _Lang, masked: list[tuple[int, int]]) -> list[_Found]:
    """Durations told as adjectives ("a five-day campaign", "eine zehntägige Kampagne"): what they
    last is the noun after them, left to the measured concepts (data/measured_amounts.yaml)."""
    units = _data()["duration_adjectives"][L.lang]
    found = []
    for m in _duration_adjective_pattern(L.lang).finditer(s):
        if any(x < m.end() and m.start() < y for x, y in masked):
            continue
        n = m.group("n").rstrip("-")
        if n.isdigit():
            v = float(n)
        else:
            v = _parse_de_word(n, L.number_words) if L.lang == "de" else _parse_en_words(n, L.number_words)
        if not v:
            continue
        unit = units[m.group("u").lower()]
        iv = Interval(low=v, high=v)
        tail = _Tail(end=m.end(), unit=unit)
        found.append(_Found(m.start(), m.end(), _value(iv, None, None, tail, None, L, linked=_what_lasts(s, m.end(), L)), f"step={_step_of(v):g}"))
    return found


def _what_lasts(s: str, i: int, L: _Lang) -> Optional[str]:
    """The noun phrase a duration adjective qualifies: "vaccination campaign" of "a five-day vaccination
    campaign", "Impfkampagne" of "eine fünftägige Impfkampagne". It keys the duration, so that one of
    nothing measured ("a 24-hour hotline") is compared only with the same noun."""
    if L.lang == "de":
        noun = re.match(r"\s+([A-ZÄÖÜ][\wäöüß-]*)", s[i:])
        return noun.group(1) if noun else None
    words: list[str] = []
    end = 0
    for word in re.finditer(r"\s+([a-z][a-z-]*)", s[i:]):
        if word.start() != end or word.group(1) in L.stopwords or len(words) == 3:
            break
        words.append(word.group(1))
        end = word.end()
    if not words:
        return None
    last = names_concept(words, "time")  # "vaccination campaign began": up to the word measured
    return " ".join(words[: last + 1]) if last is not None else words[0]


def _compound_durations(s: str, found: list[_Found], L: _Lang) -> list[_Found]:
    """"eight years and six months": one duration, its larger unit first, joined by "and"."""
    joiners = _data()["duration_joiners"][L.lang]
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and _joins_durations(s, prev, f, joiners):
            first, second = prev.value, f.value
            factor = _unit_info(first.unit)[2]
            base = Interval(low=_r(first.base_interval.low + second.base_interval.low), high=_r(first.base_interval.high + second.base_interval.high))
            stated = Interval(low=_r(base.low / factor), high=_r(base.high / factor))
            value = first.model_copy(update={"interval": stated, "base_interval": base, "precision": second.precision})
            out[-1] = _Found(prev.start, f.end, value, f"step={second.precision / factor:g}")
        else:
            out.append(f)
    return out


def _joins_durations(s: str, a: _Found, b: _Found, joiners: list[str]) -> bool:
    va, vb = a.value, b.value
    if not (va and vb and va.dimension == vb.dimension == "time" and va.qualifier is None and vb.qualifier is None):
        return False
    fa, fb = _unit_info(va.unit)[2], _unit_info(vb.unit)[2]
    exact = va.interval.low == va.interval.high and vb.interval.low == vb.interval.high
    return bool(exact and fa and fb and fa > fb and s[a.end : b.start].strip().lower() in joiners)


def _positions(s: str, L: _Lang, masked: list[tuple[int, int]]) -> list[_Found]:
    """Ordinal positions on a scale ("in der 26. Minute", "in minute 26"); a value of None marks
    an ordinal that is no point on the scale ("nach der 80. Minute", "der 26. und 73. Minute")."""
    found: list[_Found] = []
    if not L.position_noun.search(s):
        return found  # most sentences name no scale: skip the costlier patterns
    # "eingewechselt in der 60. Minute, traf er in der 75.": a second, elided position
    elided = any(not any(x < e.end() and e.start() < y for x, y in masked) for e in L.elided_ordinal.finditer(s))
    for m in L.position.finditer(s):
        if any(x < m.end() and m.start() < y for x, y in masked):
            continue
        before = s[: m.start()]
        other = L.not_a_point.search(before)
        bound = other is not None and (other.group("bound") or "-" not in m.group("sep"))
        key = L.position_keys[m.group("noun") if L.lang == "de" else m.group("noun").lower()]
        within = key in L.within and L.within[key].match(s, m.end())
        if bound or within or elided or L.listed_ordinal.search(before):
            found.append(_Found(m.start(), m.end(), None, ""))
        else:
            found.append(_position(m.start(), m.end(), _ordinal_value(m, L), m.group("noun"), L))
    for m in L.position_first.finditer(s):
        if not any(x < m.end() and m.start() < y for x, y in masked + [(f.start, f.end) for f in found]):
            found.append(_position(m.start("noun"), m.end(), float(m.group("n")), m.group("noun"), L))
    return found


@lru_cache(maxsize=None)
def _fraction_pattern(lang: str) -> re.Pattern:
    f = _data()["fractions"]
    units = _data()["number_words"][lang]["units"]
    count = _alt(f["articles"][lang] + [u for u in units if units[u] > 1])
    return re.compile(
        rf"(?<![^\W\d_])(?i:{_alt(f['after'][lang])})\s+(?P<rest>(?:\S+\s+){{0,3}}?)(?P<count>(?i:{count}))[\s-]+(?P<w>{_alt(list(f['words'][lang]))})(?![^\W\d_])(?!\s+(?:{_alt(f['not_before'])})\b)"
    )


def _fractions(s: str, L: _Lang, masked: list[tuple[int, int]], tol: dict[str, float]) -> list[_Found]:
    """"um knapp ein Fünftel", "by two-thirds": the size of a change, as a percentage."""
    f = _data()["fractions"]
    found: list[_Found] = []
    low = s.lower()
    if not any(word.lower() in low for word in f["words"][L.lang]):
        return found  # most sentences name no fraction: skip the pattern
    for m in _fraction_pattern(L.lang).finditer(s):
        qualifier = L.qualifier.search(s[: m.start("count")])
        if m.group("rest").strip() and not (qualifier and qualifier.start() >= m.start("rest")):
            continue  # only a qualifier may stand between "um" and the fraction
        if any(x < m.end() and m.start("rest") < y for x, y in masked):
            continue
        x = _fraction_value(m.group("count"), m.group("w"), L)
        found.append(_rounded_percent(x, qualifier, m.start("count"), m.end(), L, tol, None, f"step={f['step']}"))
    return found


def _fraction_value(count: str, word: str, L: _Lang) -> float:
    """"ein Fünftel" 20, "two-thirds" 66.66: the count times the fraction word's percentage."""
    f = _data()["fractions"]
    count = count.lower()
    times = 1.0 if count in f["articles"][L.lang] else float(L.number_words["units"].get(count, 1))
    return _r(times * f["words"][L.lang][word])


def _rounded_percent(
    x: float, qualifier: Optional[re.Match], start: int, end: int, L: _Lang, tol: dict[str, float], counted: Optional[str], context: str,
) -> _Found:
    """A percentage stated as a fraction or a share: rounded by the fractions' step, bounded by its qualifier
    (the span starts there), measuring `counted` where a share names what it is a share of."""
    code = L.qual_code[qualifier.group("q").lower()] if qualifier else None
    iv = _interval(code, x, tol)
    qv = QuantityValue(interval=iv, qualifier=code, qualifier_text=qualifier.group("q") if qualifier else None,
                       unit="percent", dimension="percent", base_interval=iv, precision=float(_data()["fractions"]["step"]),
                       counted=counted, counted_key=counted_key(counted, L.lang) if counted else None)
    return _Found(qualifier.start() if qualifier else start, end, qv, context)


def _shares(s: str, L: _Lang, masked: list[tuple[int, int]], tol: dict[str, float]) -> list[_Found]:
    """"knapp die Hälfte der Flüge", "two-thirds of members", "jeder dritte Haushalt", "one in eight farms":
    a share of a whole as a percentage, measuring the noun it is a share of. Rounded like a fraction."""
    d = _data()
    step = float(d["fractions"]["step"])
    spec = d["shares"]["proportion"][L.lang]
    units = _small_numbers(L.lang)
    found: list[_Found] = []
    for m in [*L.share.finditer(s), *L.proportion.finditer(s)]:
        if any(x < m.end() and m.start() < y for x, y in masked):
            continue
        before = s[: m.start()]
        if L.change_open.search(before) or re.search(rf"(?:^|\s)(?i:{_alt(d['fractions']['after'][L.lang])})\s+(?:\S+\s+){{0,2}}$", before):
            continue  # "um ein Drittel der Kosten", "won by a quarter of the vote": a change or a margin
        groups = m.groupdict()
        if groups.get("w"):
            x = _fraction_value(groups["count"], groups["w"], L)
            of = L.share_of.match(s, m.end())
            noun = _noun_after(s, of.end(), L, True) if of else None
        elif groups.get("alone"):
            x = 50.0
            noun = _noun_after(s, m.end("det"), L, True)
        else:
            ordinal = groups.get("ord")
            n = spec["ordinals"][ordinal.lower()] if ordinal else (int(groups["n"]) if groups["n"].isdigit() else units.get(groups["n"].lower()))
            if not n or n < 2:
                continue
            x = round(100.0 / n, 2)
            noun = _noun_after(s, m.end(), L, False)
        if noun is None:
            continue  # a share of nothing named says too little to compare
        found.append(_rounded_percent(x, L.qualifier.search(before), m.start(), noun.end(), L, tol, noun.group("w"), f"step={step:g} share"))
    return found


@lru_cache(maxsize=None)
def _zero_words(lang: str, kind: str) -> re.Pattern:
    return re.compile(rf"(?i)(?<![\w-])(?:{_alt(_data()['zero_counts'][kind][lang])})(?![\w-])")


def _zero_counts(s: str, L: _Lang) -> list[_Found]:
    """"Verletzt wurde beim Zusammenstoß keiner", "es gab keine Toten", "nobody was killed", "no serious injuries": a
    casualty count of zero, so that it meets "zwei Verletzte" as a figure. Only in a clause without a
    digit: "keiner der 30 Bewohner" counts against the thirty."""
    z = _data()["zero_counts"]
    concepts, window, between = frozenset(z["concepts"]), int(z["window"]), int(z["adjectives"]) + 1
    not_all = {w.lower() for w in z["not_all"]}
    found: list[_Found] = []
    bounds = [0, *(m.end() for m in _ZERO_CLAUSE_END.finditer(s)), len(s)]
    for lo, hi in zip(bounds, bounds[1:]):
        clause = s[lo:hi]
        negations = [(kind, m) for kind in ("pronouns", "determiners") for m in _zero_words(L.lang, kind).finditer(clause)]
        if not negations or _HAS_DIGIT.search(clause):
            continue  # most clauses: no "niemand", no "no"
        casualties = concept_words(clause, concepts)
        words = list(_A_WORD.finditer(clause))
        starts, lowered = [w.start() for w in words], [w.group().lower() for w in words]
        index = lambda offset: max(0, bisect_right(starts, offset) - 1)  # noqa: E731
        for kind, neg in negations:
            first, last = index(neg.start()), index(neg.end() - 1)
            if first > 0 and lowered[first - 1] in ("nicht", "not"):
                continue
            for start, end, _concept in casualties:
                at = index(start)
                if kind == "pronouns":
                    near = abs(at - first) <= window
                else:  # "keine Toten", "no serious injuries"; "Tote gab es keine" with nothing after it
                    near = 0 < at - last <= between or (at < first and last == len(words) - 1 and first - at <= window)
                span = lowered[max(0, min(at, first) - 1): max(at, last) + 1]  # with the word before: "weitere Tote gab es keine"
                if near and not not_all.intersection(span):
                    zero = Interval(low=0, high=0)
                    value = QuantityValue(interval=zero, dimension="count", base_interval=zero, precision=1.0,
                                          counted=clause[start:end], counted_key=counted_key(clause[start:end], L.lang))
                    found.append(_Found(lo + min(start, neg.start()), lo + max(end, neg.end()), value, "step=1 zero"))
                    break
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if not any(k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return kept


def _running_ordinals(s: str, L: _Lang, masked: list[tuple[int, int]]) -> list[_Found]:
    """"A third worker has died", "ein viertes Todesopfer": the toll reaches that number. Marked
    casualty-only: "a second explosion" counts nothing that accumulates (see extract)."""
    found = []
    for m in L.running_ordinal.finditer(s):
        noun = _noun_after(s, m.end(), L, False)
        if noun is None or any(x < noun.end() and m.start() < y for x, y in masked):
            continue
        iv = Interval(low=_ordinal_value(m, L), high=_ordinal_value(m, L))
        qv = _value(iv, None, None, _Tail(end=m.end()), noun, L)
        qv.precision = 1.0
        found.append(_Found(m.start(), noun.end(), qv, f"step=1 {_CASUALTY_ONLY}"))
    return found


def _ordinal_value(m: re.Match, L: _Lang) -> float:
    if m.group("n"):
        return float(m.group("n"))
    parts = [(m.group("ou"), "units"), (m.group("ot"), "tens"), (m.group("os"), "stems")]
    return float(sum(L.ordinals[table][word.lower()] for word, table in parts if word))


def _position(start: int, end: int, v: float, noun: str, L: _Lang) -> _Found:
    key = L.position_keys[noun if L.lang == "de" else noun.lower()]
    low, high = _data()["positions"]["spread"].get(key, {}).get(L.lang, [0, 0])
    iv = Interval(low=v + low, high=v + high)
    qv = QuantityValue(interval=iv, base_interval=iv, dimension="position", precision=1.0, counted=noun, counted_key=key)
    return _Found(start, end, qv, "step=1")


def _vague(s: str, m: re.Match, L: _Lang) -> Optional[_Found]:
    form = m.group("vague")
    spec = L.vague.get(form) or next((v for k, v in L.vague.items() if k.lower() == form.lower()), None)
    if spec is None:
        return None
    if L.lang == "de" and spec.get("needs_noun") and form[:1].isupper() and not _sentence_initial(s, m.start()):
        return None  # a capitalised determiner mid-sentence is a noun ("die Einigen")
    low, high = spec["interval"]
    low = float(low)
    high = None if high is None else float(high)
    end = m.end()
    sm = L.scale.match(s, end)
    if sm and form in L.vague_with_scale | {f.capitalize() for f in L.vague_with_scale}:
        sc = L.scales[sm.group("s")]
        low, high, end = 2 * sc, 10 * sc - 1, sm.end()
    elif sm and L.scales[sm.group("s")] >= 1e6:
        sc = L.scales[sm.group("s")]
        low, high, end = low * sc, None if high is None else high * sc, sm.end()
    elif spec.get("needs_of") and not re.match(r"\s+of\b", s[end:]):
        return None
    tail = _tail(s, end, L, None)
    noun = _noun_after(s, tail.end, L, True) if not (tail.unit or tail.percent) else None
    if spec.get("needs_noun") and noun is None and end == m.end():
        return None
    qv = _value(Interval(low=low, high=high), None, None, tail, noun, L, vague=True)
    stop = noun.end() if noun else tail.end
    return _Found(m.start(), stop, qv, "vague")


def _figure(s: str, m: re.Match, L: _Lang, tol: dict[str, float]) -> Optional[_Found]:
    got = _atom_value(m, L)
    if got is None:
        return None
    v, step, kind = got
    a = m.start()
    raw = m.group("num") or m.group("word")
    if kind == "num":
        if _excluded_num(s, m, L, len(s.rstrip())):
            return None
    elif L.lang == "de" and raw[:1].isupper() and not _sentence_initial(s, a):
        return None  # "außer Acht", "die Elf": capitalised number words are nouns
    elif L.lang == "en" and s[m.end() : m.end() + 1] == "-":
        return None  # "two-thirds", "one-day"
    # a currency sign or code right before the figure
    currency, start = _prefix_currency(s, a, L)
    negative = False
    if kind == "num" and start == a and a and s[a - 1] in "-−" and (a < 2 or s[a - 2].isspace()):
        negative, start = True, a - 1
    # range: "10 bis 15", "zwischen 10 und 15", "10-15"
    ro = L.range_open.search(s[:start])
    joiners = [L.range_close_rx[ro.group("q").lower()]] if ro else []
    joiners.append(L.joiner)
    v2, hi_end, range_word = None, None, None
    sc1 = L.scale.match(s, m.end())
    after1 = sc1.end() if sc1 else m.end()
    change = L.change_open.search(s[:start]) and L.change_join.match(s, after1)
    for j in [] if change else joiners:
        jm = j.match(s, after1)
        if not jm:
            continue
        second = jm.end()
        if currency:  # "$58.5 billion to $59.5 billion": the second end repeats the sign
            sign = _currency_sign(L.cur_prefix.pattern).match(s, second)
            second = sign.end() if sign and sign.end() < len(s) and s[sign.end()].isdigit() else second
        m2 = L.atom.match(s, second)
        if m2 and not m2.group("vague"):
            got2 = _atom_value(m2, L)
            if got2 and got2[2] != "article":
                v2, hi_end = got2[0], m2.end()
                if j is not L.joiner and ro:
                    range_word = ro
            break
    if v2 is not None and kind == "num" and _is_year(raw) and _is_year(m2.group("num") or ""):
        return None  # "2014 bis 2022", "2022-2023"
    tail = _tail(s, hi_end if v2 is not None else m.end(), L, currency)
    if v2 is not None and sc1:
        s1 = L.scales[sc1.group("s")]
        v, step = v * s1, step * s1
    if v2 is not None and v2 * tail.scale <= v * (1 if sc1 else tail.scale):
        if s[m.end() : m.end() + 1] in "-–" and kind == "num":
            return _Found(a, hi_end, None, "")  # a score "2-1", not a range: skip both figures
        v2, range_word, tail = None, None, _tail(s, after1 if sc1 else m.end(), L, currency)
    if change and tail.scale == 1.0 and not (tail.currency or tail.unit or tail.percent):
        m2 = L.atom.match(s, change.end())
        if m2 and not m2.group("vague"):
            later = _tail(s, m2.end(), L, currency or _prefix_currency(s, m2.start(), L)[0])
            tail = _Tail(end=tail.end, scale=later.scale, currency=later.currency, unit=later.unit, percent=later.percent)
    measured = bool(tail.currency or tail.unit or tail.percent)
    minus = L.minus.search(s[:start]) if kind == "num" and not negative and (tail.unit or tail.percent) else None
    if minus:
        negative, start = True, minus.start()
    lone_one = kind == "article" and L.lang == "en" and raw.lower() == "one" and not (measured or tail.scale != 1.0)
    if kind == "article" and not (measured or tail.scale != 1.0 or lone_one):
        return None
    half = L.half.search(s[:start]) if kind == "article" else None
    if half:
        v, step, start = 0.5, 0.5, half.start(1)
    if kind == "num" and v2 is None and _is_year(raw):
        qm0 = L.qualifier.search(s[:start])
        noun0 = _noun_after(s, tail.end, L, True) if L.lang == "de" else None
        if not (measured or tail.scale != 1.0 or qm0):
            if L.year_cue.search(s[:start]) or noun0 is None or noun0.group("w") in _data()["months"]["de"]:
                return None
    pw = _prev_word(s, start)
    measure_noun = pw.group("w") if pw and pw.group("w") in L.measure_nouns else None
    if (
        kind == "num"
        and not measure_noun
        and pw
        and pw.group("w")[:1].isupper()
        and (not _sentence_initial(s, pw.start()) or (L.lang == "en" and pw.group("w").lower() not in L.stopwords))
        and not L.qualifier.search(s[:start])
        and not L.range_open.search(s[:start])
        and not measured
        # German capitalises every noun: "nach Angaben der Bahn 340 Fahrgäste" counts
        and not (L.lang == "de" and v2 is None and _noun_after(s, tail.end, L, True))
    ):
        return None  # "Boeing 737", "Windows 11": a number that is part of a name
    if tail.unit and _relative_time(s, start, tail.end, tail.unit, L):
        return None
    # qualifier before the figure (or before its currency sign)
    qm = L.qualifier.search(s[:start]) if not range_word else None
    code = L.qual_code[qm.group("q").lower()] if qm else None
    if code == "exact":
        step = min(step, 1.0)  # "genau 30": the zero is a digit, not rounding
    if v2 is None:
        x = (-v if negative else v) * tail.scale
        step *= tail.scale
        iv = _interval(code, x, tol)
    else:
        # "1,5 bis 2 Millionen": the scale after the second figure is the first's too
        scale = 1.0 if sc1 else tail.scale
        step *= scale
        iv = Interval(low=_r(v * scale), high=_r(v2 * tail.scale))
        code = "range"
    plural = v2 is not None or v != 1
    noun = None
    part = None
    if not measured and not measure_noun:
        if L.time_noun.match(s, tail.end):
            return None  # "um zwei Uhr", "at two o'clock"
        part = _partitive(s, tail.end, L, tol, iv)
        noun = None if part else _noun_after(s, tail.end, L, plural)
        if noun is None and not part and re.match(r"-[^\W\d_]", s[tail.end : tail.end + 2]):
            noun = _WORD.match(s, tail.end + 1)  # "62-Jährige", "a 30-year-old"
    if lone_one and (part or noun is None or qm or range_word):
        return None
    span_start = range_word.start() if range_word else (qm.start() if qm else start)
    span_end = part[0] if part else (noun.end() if noun else tail.end)
    linked = None
    share = L.share_of.match(s, tail.end) if tail.percent else None
    if part:
        linked = part[1]
    elif share:
        of = _noun_after(s, share.end(), L, True)
        linked = of.group("w") if of else None
    elif noun is None and measure_noun:
        linked = measure_noun
    elif noun is None:
        lk = L.link.search(s[:span_start])
        if lk and (lk.group("w")[:1].isupper() if L.lang == "de" else lk.group("w").lower() not in L.stopwords):
            linked = lk.group("w")
    qv = _value(iv, code, qm.group("q") if qm else (range_word.group("q") if range_word else None), tail, noun, L, linked=linked)
    qv.precision = _r(_precision(iv.low if iv.low is not None and code not in ("up_to", "less_than") else iv.high, step, tail))
    if part:
        qv.partitive = "part"
    # the stated precision, and whether this is the earlier value of a change
    context = f"step={step:g}" + (" change=from" if change and v2 is None else "") + (f" {_CASUALTY_ONLY}" if lone_one else "")
    return _Found(span_start, span_end, qv, context, whole=part[2] if part else None)


def _partitive(s: str, i: int, L: _Lang, tol: dict[str, float], part: Interval) -> Optional[tuple[int, str, Optional[_Found]]]:
    """"zwei der vier Waggons", "three of its four carriages", "two of the carriages": where the
    part's phrase ends, the noun it counts and the figure of the whole (marked "whole"), if stated."""
    pm = L.part_of.match(s, i)
    if not pm:
        return None
    j = pm.end()
    total = L.part_total.match(s, j)
    j = total.end() if total else j
    owner = _POSSESSIVE.match(s, j)  # "16 of the province's 27 districts"
    m = L.atom.match(s, owner.end()) if owner else None
    m = m if m and not m.group("vague") else L.atom.match(s, j)
    if m and not m.group("vague"):
        whole = _figure(s, m, L, tol)
        value = whole.value if whole else None
        if value is None or value.dimension != "count" or not value.counted or value.partitive:
            return None
        if value.interval.high is not None and part.low is not None and value.interval.high < part.low:
            return None  # "3 der 2": not a part of it
        value.partitive = "whole"
        return whole.end, value.counted, whole
    if pm.group("c").lower() in _data()["partitive_of"]["bare"]:
        return None  # "zwei von ihnen", "two of them"; "zwei von vier" needs the figure
    noun = _noun_after(s, owner.end() if owner else j, L, True)
    return (noun.end(), noun.group("w"), None) if noun else None


def _precision(x: Optional[float], step: float, tail: _Tail) -> Optional[float]:
    """The stated step in base units; a difference, so °C and °F convert correctly."""
    if x is None or not tail.unit:
        return step
    return _to_base(x + step, tail.unit) - _to_base(x, tail.unit)


@lru_cache(maxsize=4)
def _currency_sign(prefix_pattern: str) -> re.Pattern:
    """A currency sign or code where a figure is about to start."""
    return re.compile(prefix_pattern.removesuffix("$"))


def _prefix_currency(s: str, a: int, L: _Lang) -> tuple[Optional[str], int]:
    """A currency sign or code right before the figure at a, and where it starts."""
    cm = L.cur_prefix.search(s, max(0, a - 5), a)
    if cm:
        return _data()["currencies"]["prefix"][cm.group("c")], cm.start()
    return None, a


def _relative_time(s: str, start: int, end: int, unit: str, L: _Lang) -> bool:
    """"vor zwei Wochen", "three days ago": a relative date, not a duration."""
    if _unit_info(unit)[1] != "time":
        return False
    if L.rel_before.search(s[:start]) is not None:
        return True
    term = _prev_word(s, start)
    return L.rel_after.match(s, end) is not None and not (term and term.group("w").lower() in _data()["relative_time"]["term_before"])


def _value(
    iv: Interval,
    code: Optional[str],
    qual_text: Optional[str],
    tail: _Tail,
    noun: Optional[re.Match],
    L: _Lang,
    vague: bool = False,
    linked: Optional[str] = None,
) -> QuantityValue:
    unit = dimension = None
    base = iv
    if tail.currency:
        unit, dimension = tail.currency, f"currency:{tail.currency}"
    elif tail.percent:
        unit = dimension = tail.percent
    elif tail.unit:
        unit, dimension, _ = _unit_info(tail.unit)
        base = Interval(
            low=_r(_to_base(iv.low, tail.unit)), high=_r(_to_base(iv.high, tail.unit)),
            low_closed=iv.low_closed, high_closed=iv.high_closed,
        )
    else:
        dimension = "count"
    counted = noun.group("w") if noun else linked
    return QuantityValue(
        interval=iv, qualifier=code, qualifier_text=qual_text, vague=vague, unit=unit,
        dimension=dimension, base_interval=base, counted=counted,
        counted_key=counted_key(counted, L.lang) if counted else None,
    )


def scan(text: str, lang: str) -> list[tuple[int, int, QuantityValue, str]]:
    """Figures in one piece of text: (start, end, value, context), offsets into ``text``."""
    found = [(f.start, f.end, f.value, f.context) for f in _scan(text, _lang(lang))
             if not _not_a_casualty(f, text) and not _names_a_kind(f, text)]
    return _durations_joined(found, text)


# A number joined by a hyphen to the word after it ("12-Zoll-Rohr", "3-Zimmer-Wohnung", "a 5-litre can")
# names a kind of thing, not how many there are.
_KIND_COMPOUND = re.compile(r"\d-[^\W\d_]")
# What may stand between the parts of one duration: "1 Stunde 20 Minuten", "2 hours and 5 minutes".
_DURATION_JOINER = re.compile(r"\s*(?:,|and|und)?\s*")


def _names_a_kind(f: _Found, text: str) -> bool:
    """A count whose number is joined to a noun by a hyphen; not an age ("62-Jährige", "a 41-year-old"),
    which the ages' reader takes from here."""
    return (f.value.dimension == "count" and _KIND_COMPOUND.search(text, f.start, f.end) is not None
            and not ages_in(text[f.start: f.end]))


def _durations_joined(found: list[tuple[int, int, QuantityValue, str]], text: str) -> list[tuple[int, int, QuantityValue, str]]:
    """"3 minutes 12 seconds", "2 Stunden 15 Minuten": one duration in parts, each part a smaller unit than the
    one before, is one figure, not two that disagree."""
    out: list[tuple[int, int, QuantityValue, str]] = []
    for start, end, value, context in found:
        if out and _continues_duration(out[-1][2], value, text[out[-1][1]:start]):
            first_start, _, first, first_context = out.pop()
            value = _duration_sum(first, value)
            start, context = first_start, first_context
        out.append((start, end, value, context))
    return out


def _continues_duration(first: QuantityValue, value: QuantityValue, between: str) -> bool:
    if first.dimension != "time" or value.dimension != "time" or value.qualifier or not _DURATION_JOINER.fullmatch(between):
        return False
    if not (first.base_interval and value.base_interval and first.interval.low and value.interval.low):
        return False
    return first.base_interval.low / first.interval.low > value.base_interval.low / value.interval.low


def _duration_sum(first: QuantityValue, second: QuantityValue) -> QuantityValue:
    factor = second.base_interval.low / second.interval.low  # base units per unit of the last part
    base = Interval(low=first.base_interval.low + second.base_interval.low, high=first.base_interval.high + second.base_interval.high)
    return second.model_copy(update={
        "interval": Interval(low=base.low / factor, high=base.high / factor), "base_interval": base,
        "qualifier": first.qualifier, "qualifier_text": first.qualifier_text,
    })


def _not_a_casualty(f: _Found, text: str) -> bool:
    return _CASUALTY_ONLY in f.context and concept_of(f.value.counted, text[f.end :], text[: f.start]) not in CASUALTIES


def _place_modifier(span: str, counted: Optional[str], lang: str) -> Optional[str]:
    """"six Charlottetown districts": a count restricted to a named place is a subset, not the whole.

    English only: German capitalises every noun, and its place adjectives ("Kölner") need their own reading.
    """
    if lang != "en" or not counted or not span.endswith(counted):
        return None
    words = span[: len(span) - len(counted)].split()[1:]  # the first word is the figure or its qualifier
    names: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper():
            break
        names.insert(0, word)
    if not names:
        return None
    name = " ".join(names)
    return name.lower() if Gazetteer.load().candidates(name, "en", fuzzy=False) else None


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    mentions: list[Mention] = []
    told: list[str] = []  # the article's sentences so far: an amount that names no period takes the last one named
    for sent in sentences:
        text = article.text[sent.start : sent.end]
        told.append(text)
        found = scan(text, article.lang)
        amounts = measures(text, [Figure(start, end, value.dimension, value.counted, "change=from" in context) for start, end, value, context in found])
        for (start, end, value, context), amount in zip(found, amounts):
            a, b = sent.start + start, sent.start + end
            if amount is not None and amount.concept is not None:
                amount = in_period(amount, last_period([*told[:-1], text[:start]]))
                value.counted_key, value.scope = amount.concept, amount.scope
            elif value.dimension != "position":  # a position's key is its scale ("minute"), not a concept
                value.scope = amount.scope if amount is not None else None
                value.counted_key = compound_concept(text[start:end], value.counted) or concept_of(
                    value.counted, text[end:], text[:start]) or (None if value.counted and is_generic(value.counted) else value.counted_key)
                place = _place_modifier(text[start:end], value.counted, article.lang)
                if place and value.counted_key:
                    value.counted_key = f"{place} {value.counted_key}"
            mentions.append(
                Mention(kind="quantity", doc=article.id, start=a, end=b, text=article.text[a:b], value=value, context=context)
            )
    return mentions
