"""Date and time-of-day mentions (German and English), resolved to calendar intervals.

Finding is done by regular expressions built from the word lists in
checker/data/dates.yaml; nothing is read as a date unless a month or weekday name,
a date-shaped number pattern (13.10.2023, 2023-10-13), a clock word (Uhr, a.m.) or a
year preposition ("im Jahr 2022") says so, which keeps "1.000 Container", "2:1" and
"1,5 Mio." out.

Resolution rules (each resolved value records how in ``DateValue.anchor``):
- the reference day is the publication date when it is known to the day;
- otherwise a narrative anchor: a weekday stated together with a date
  ("am Dienstag (17. Oktober)"), its year fixed by calendar consistency with the
  years the article states (or the coarse publication date);
- a weekday refers to the latest such day on or before the reference day;
- a missing year comes from the reference (a date more than two months after the
  reference is taken from the year before), else from the nearest full date in the
  article;
- with only a month- or year-precise publication date and no narrative anchor, the
  expression is resolved at both ends of that period and the union is returned; it
  is ``resolved=False`` (granularity "range") unless both ends agree, as they do for
  "letzten Monat" in an article dated 2023-10.
Nothing is guessed without a reference: such mentions keep start/end None,
``resolved=False`` and say why in ``Mention.unresolved``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from checker.models import Article, DateValue, Granularity, Mention, Sentence
from checker.resources import load_data

DEADLINE = "deadline"  # how an anchor says that a date's start is the reference day, not stated
STATED = "stated"  # how an anchor gives a deadline's period as written, before it was opened towards the reference
UNCERTAIN = "uncertain"  # how an anchor says that a resolved weekday may be another week's
SINCE = "since"  # how an anchor says that a start was opened up to the reference day
FUTURE_TOLERANCE = dt.timedelta(days=62)  # a year-less date this far after the reference is last year's
ANCHOR_YEAR_SPAN = 30  # years searched for a weekday+date pair's calendar-consistent year
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[–—-]\s")  # where a clause ends inside a sentence
NOT_WORD = r"(?![\wäöüßÄÖÜ])"
NO_WORD_BEFORE = r"(?<![\wäöüßÄÖÜ])"


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    relative_days: dict[str, int]
    rel_adjectives: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    parts: dict[str, str]
    data: dict


def _alt(words, case_insensitive: bool = False) -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?i:{body})" if case_insensitive else f"(?:{body})"


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    data = load_data("dates.yaml")
    months = {n: int(m) for lang in data["months"].values() for m, names in lang.items() for n in names}
    weekdays = {n: int(d) for lang in data["weekdays"].values() for d, names in lang.items() for n in names}
    seasons: dict[str, tuple[int, int]] = {}
    for info in data["seasons"].values():
        for name in info["names"]:
            seasons[name] = tuple(info["months"])
    rel_adj = {k: v for lang in data["relative_adjectives"].values() for k, v in lang.items()}
    units = {w: unit for unit, words in data["units"].items() for w in words}
    parts = {w: part for part, words in data["period_parts"].items() for w in words}
    return Vocab(months, weekdays, seasons, data["relative_days"], rel_adj, units, data["number_words"], parts, data)


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    v = vocab()
    d = v.data
    month = f"(?:{NO_WORD_BEFORE}{_alt(v.months)}(?![\\wäöüß]))"
    wday = f"(?:{_alt(v.weekdays)}{_alt(d['weekday_suffixes'])}?(?![\\wäöüß]))"
    day = r"(?:3[01]|[12]\d|0?[1-9])"
    year = r"(?:1[89]\d\d|20\d\d)(?!\d)"
    ordsuf = r"(?:\.|st|nd|rd|th)"
    dmy = rf"(?<![\d.,]){day}{ordsuf}?\s+(?:of\s+)?{month}(?:,?\s+{year})?"
    mdy = rf"{month}\s+{day}(?:st|nd|rd|th)?(?!\d|[.:]\d)(?:,?\s+{year})?"
    num = rf"(?<![\d.,]){day}\.(?:1[0-2]|0?[1-9])\.(?:{year}|\d\d(?!\d))?(?![\d]|\.\d)"
    iso = rf"(?<![\d.\-]){year}-(?:1[0-2]|0[1-9])-(?:3[01]|[12]\d|0[1-9])(?![\d\-])"
    month_year = rf"{month}\s+{year}"
    day_atom = f"(?:{iso}|{num}|{dmy}|{mdy})"
    season = _alt(v.seasons)
    rel_adj = "|".join(sorted(v.rel_adjectives, key=len, reverse=True))
    endings = _alt(d["adjective_endings"])
    rel_adj = rf"(?i:{rel_adj}){endings}?"
    unit_sing = _alt(d["relative_units"])
    num_word = _alt(v.numbers, case_insensitive=True)
    count = rf"(?:\d{{1,2}}|{num_word})"
    unit_any = _alt(v.units)
    parts = _alt(v.parts)
    year_prep = _alt(d["year_prepositions"]["de"] + d["year_prepositions"]["en"], case_insensitive=True)
    noun_after = r"(?!\s*(?:[-–]\s*\d|[.,]\d|%|\s+[A-ZÄÖÜ][a-zäöüß]|\s+(?:km|kg|m|t|mm|cm|Mio|Mrd)\b))"
    hour_word = _alt([w for w, n in v.numbers.items() if w not in ("a", "an", "ein", "eine", "einer", "einem", "einen", "one")])
    range_pairs = "|".join(
        f"(?:{_alt(r['open'], True)})\\s+(?P<a{i}>{{A}})\\s+(?:{_alt(r['close'], True)})\\s+(?P<b{i}>{{B}})"
        for i, r in enumerate(d["ranges"])
    )
    range_atom = f"(?:{day_atom}|{month_year}|{month}|{year}{noun_after})"
    range_first = f"(?:{range_atom}|{day}{ordsuf}?)"
    night = _alt(d["night"]["de"] + d["night"]["en"], case_insensitive=True)
    t = d["time"]
    uhr, am, pm, approx = _alt(t["clock"]), _alt(t["am"]), _alt(t["pm"]), _alt(t["approx"], True)
    day_parts = [w for part in t["day_parts"].values() for w in part["words"]]
    named_before = _alt(t["approx"] + t["at"] + [w for q in t["qualifiers"].values() for w in q["words"]], True)
    return {
        "range": re.compile(NO_WORD_BEFORE + f"(?:{range_pairs.replace('{A}', range_first).replace('{B}', range_atom)})"),
        "dayrange": re.compile(
            rf"(?<![\d.,])(?P<a>{day}){ordsuf}?\s*(?:[-–]|(?i:bis(?:\s+zum)?|to|until|and|und))\s*(?P<b>{day}{ordsuf}?\s+(?:of\s+)?{month}(?:,?\s+{year})?)"
        ),
        "wday_date": re.compile(rf"{wday}(?:\s*,\s*(?:{_alt(d['weekday_date_articles'], True)}\s+)?(?P<d1>{day_atom})|\s*\(\s*(?P<d2>{day_atom})\s*\))"),
        "iso": re.compile(iso),
        "num": re.compile(num),
        "dmy": re.compile(dmy),
        "mdy": re.compile(mdy),
        "part": re.compile(
            NO_WORD_BEFORE
            + rf"(?P<part>{parts})\s*-?\s*(?:(?P<what>{month}(?:\s+{year})?|{year}{noun_after})|(?P<this>{_alt(d['this_year'], True)}){NOT_WORD})"
        ),
        "year_part": re.compile(
            NO_WORD_BEFORE
            + rf"(?:(?P<word>{_alt([w for words in d['year_parts'].values() for w in words], True)})"
            + rf"|(?:{_alt(d['year_part_prepositions'], True)})\s+(?P<word_en>{_alt([w for words in d['year_parts_after_preposition'].values() for w in words], True)}))"
            + rf"(?:\s+(?P<year>{year}))?{NOT_WORD}"
        ),
        "month_year": re.compile(month_year),
        "quarter": re.compile(
            NO_WORD_BEFORE
            + rf"(?:(?i:(?P<ord>{_alt(d['quarters']['ordinals'])})){endings}?\s+{_alt(d['quarters']['words'])}(?:\s+(?i:of)|\s+(?i:des\s+Jahres))?(?:\s+(?P<y1>{year}))?|Q(?P<q>[1-4])\s*/?\s*(?P<y2>{year}))"
        ),
        "half": re.compile(
            NO_WORD_BEFORE
            + rf"(?:(?i:(?P<ord>{_alt(d['quarters']['ordinals'])})){endings}?\s+(?:{_alt(d['halves']['words'])}(?:\s+(?i:des\s+Jahres))?(?:\s+(?P<y1>{year}))?"
            + rf"|{_alt(d['halves']['words_with_year'])}\s+(?i:of)\s+(?:(?P<y2>{year})|(?P<this>{_alt(d['this_year'], True)}){NOT_WORD}))|H(?P<h>[12])\s*/?\s*(?P<y3>{year}))"
        ),
        "month": re.compile(
            NO_WORD_BEFORE + rf"{_alt(d['month_prepositions'], True)}\s+(?:{_alt(d['month_articles'], True)}\s+)?{month}(?!,?\s+{year})"
        ),  # "seit März 2023" is a month of 2023, read by month_year, not this year's March
        "season": re.compile(
            NO_WORD_BEFORE
            + rf"(?:(?:{_alt(d['season_prepositions'], True)}\s+(?:{_alt(d['season_articles'], True)}\s+)?(?:{rel_adj}\s+)?)(?P<s1>{season})(?:\s+(?:(?i:of)\s+)?(?P<y1>{year}))?|(?P<s2>{season})\s+(?:(?i:of)\s+)?(?P<y2>{year}))"
        ),
        "year": re.compile(NO_WORD_BEFORE + rf"(?P<prep>{year_prep})\s+(?P<year>{year}){noun_after}"),
        "night": re.compile(NO_WORD_BEFORE + rf"{night}\s+{wday}"),
        "rel_unit": re.compile(
            NO_WORD_BEFORE
            + rf"(?:{_alt(d['relative_prepositions'], True)}\s+)?(?P<adj>{rel_adj})\s+(?P<what>{unit_sing}|{wday}|{month}|{season}){NOT_WORD}"
        ),
        "ago": re.compile(
            NO_WORD_BEFORE
            + rf"(?:{_alt(d['ago']['before'], True)}\s+(?P<n1>{count})\s+(?P<u1>{unit_any})|(?P<n2>{count})\s+(?P<u2>{unit_any})\s+{_alt(d['ago']['after'], True)}){NOT_WORD}"
        ),
        "rel_day": re.compile(
            NO_WORD_BEFORE
            + f"(?:{_alt([w for w in v.relative_days if w not in d['lower_case_only']], True)}|{_alt(d['lower_case_only'])})"
            + NOT_WORD
        ),
        "weekday": re.compile(NO_WORD_BEFORE + wday),
        "day_part": re.compile(NO_WORD_BEFORE + _alt(day_parts, True) + NOT_WORD),
        "clock": re.compile(rf"(?<![\d.,:])(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s*{uhr}{NOT_WORD}"),
        # "2.17am", "4am": British style, a point and "am" written on; "7 am Morgen" is German
        "clock_en": re.compile(rf"(?<![\d.,:])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?:(?P<pm>{pm})|{am}|(?<=\d)am)(?![\w])"),
        "clock_at": re.compile(
            NO_WORD_BEFORE + rf"{_alt(t['at'], True)}\s+(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"
        ),
        "clock_word": re.compile(
            NO_WORD_BEFORE
            + rf"(?:{approx}\s+|{_alt(t['at'], True)}\s+)?(?P<off>{_alt(d['clock_offsets'], True)})\s+(?P<hw2>{hour_word}|1[0-2]|[1-9])(?:\s+{uhr}|{NOT_WORD}(?!\s+[A-ZÄÖÜ]))"
            + rf"|{approx}\s+(?P<hw>{hour_word})(?:\s+{uhr}|{NOT_WORD}(?!\s+[A-ZÄÖÜ]))"
            + rf"|(?:{named_before})\s+(?P<named>{_alt(d['named_hours'], True)}){NOT_WORD}"
        ),
    }


# --------------------------------------------------------------------------- parsed, not yet resolved


@dataclass
class Partial:
    kind: str  # day | month | season | year | part | quarter | half | weekday | relday | relunit | ago | night | range | time
    start: int
    end: int
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    weekday: Optional[int] = None
    season: Optional[tuple[int, int]] = None
    part: Optional[str] = None
    shift: int = 0
    unit: Optional[str] = None
    time: Optional[str] = None
    first: Optional["Partial"] = None  # range ends
    last: Optional["Partial"] = None
    explicit_weekday: bool = False  # "Dienstag (17. Oktober)": weekday and date stated together
    forward: bool = False  # "ab Montag", "bis Mittwoch", "by Tuesday": the next such day, not the last
    deadline: bool = False  # "bis Ende September", "as of Tuesday": only the last day is stated
    ahead: bool = False  # in a clause that looks ahead ("wird im dritten Quartal erwartet"): not last year's
    since: bool = False  # "seit Montag", "since 2022": only the first day is stated, the state lasts to the reference
    ambiguous: bool = False  # "last Friday", "nächsten Montag": may skip a week
    time_span: Optional[tuple[str, str]] = None  # a part of the day: its clock window
    time_qualifier: Optional[str] = None  # "about", "shortly_after", "shortly_before"
    time_zone: Optional[str] = None  # key in time_zones.yaml
    stamp: bool = False  # when a text was written ("Stand: 10.15 Uhr"), not an event's time


def _weekday_of(word: str) -> int:
    for name, number in vocab().weekdays.items():
        if word.startswith(name):
            return number
    raise KeyError(word)


def _year(text: str) -> Optional[int]:
    m = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)
    return int(m[1]) if m else None


def _find_month(text: str) -> int:
    v = vocab()
    for name in sorted(v.months, key=len, reverse=True):
        if re.search(NO_WORD_BEFORE + re.escape(name) + r"(?![\wäöüß])", text):
            return v.months[name]
    raise ValueError(text)


def parse_day_atom(text: str, start: int = 0) -> Partial:
    """A stated calendar day, month or year in any of the finder's shapes ("13. Oktober 2023", "13.10.", "2023-10-13")."""
    end = start + len(text)
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
        return Partial("day", start, end, int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d\d)?", text):
        y = m[3] and (int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3]))
        return Partial("day", start, end, y or None, int(m[2]), int(m[1]))
    if re.fullmatch(r"(1[89]\d\d|20\d\d)", text):
        return Partial("year", start, end, int(text))
    month = _find_month(text)
    days = re.findall(r"(?<![\d])(\d{1,2})(?!\d)", text)
    if days:
        return Partial("day", start, end, _year(text), month, int(days[0]))
    return Partial("month", start, end, _year(text), month)


def find_partials(text: str, lo: int = 0, hi: Optional[int] = None) -> list[Partial]:
    """Every date-like expression in text[lo:hi], longest first, no overlaps."""
    hi = len(text) if hi is None else hi
    v = vocab()
    found: list[Partial] = []
    for name, pattern in patterns().items():
        for m in pattern.finditer(text, lo, hi):
            p = _partial(name, m, v)
            if p is not None:
                found.append(p)
    found.sort(key=lambda p: (-(p.end - p.start), p.start))
    kept: list[Partial] = []
    for p in found:
        if all(p.end <= k.start or p.start >= k.end for k in kept):
            kept.append(p)
    kept.sort(key=lambda p: p.start)
    return _merge_times(text, [_time_details(text, _with_preposition(text, p)) for p in kept])


def _partial(name: str, m: re.Match, v: Vocab) -> Optional[Partial]:
    s, e = m.span()
    if name == "range":
        i = next(k for k in range(10) if m.groupdict().get(f"a{k}"))
        a_text, a_start = m[f"a{i}"], m.start(f"a{i}")
        b = parse_day_atom(m[f"b{i}"], m.start(f"b{i}"))
        if re.fullmatch(r"\d{1,2}(?:\.|st|nd|rd|th)?", a_text):
            if b.kind != "day":
                return None
            a = Partial("day", a_start, a_start + len(a_text), b.year, b.month, int(re.match(r"\d+", a_text)[0]))
        else:
            a = parse_day_atom(a_text.strip(), a_start)
        if a.kind == "year" and b.kind != "year" or b.kind == "year" and a.kind != "year":
            return None
        return Partial("range", s, e, first=a, last=b)
    if name == "dayrange":
        b = parse_day_atom(m["b"], m.start("b"))
        a = Partial("day", m.start("a"), m.end("a"), b.year, b.month, int(m["a"]))
        return Partial("range", s, e, first=a, last=b)
    if name == "wday_date":
        inner = m["d1"] or m["d2"]
        p = parse_day_atom(inner, m.start("d1") if m["d1"] else m.start("d2"))
        if p.kind != "day":
            return None
        return replace(p, start=s, end=e, weekday=_weekday_of(m[0]), explicit_weekday=True)
    if name in ("iso", "num", "dmy", "mdy", "month_year"):
        p = parse_day_atom(m[0], s)
        return replace(p, start=s, end=e)
    if name == "part":
        part = v.parts[m["part"].rstrip("-")]
        if m["this"]:
            return Partial("part", s, e, part=part, unit="this_year")
        what = parse_day_atom(m["what"].strip())
        return Partial("part", s, e, what.year, what.month if what.kind == "month" else None, part=part)
    if name == "year_part":
        word = re.sub(r"\s+", " ", (m["word"] or m["word_en"]).lower())
        table = v.data["year_parts"] if m["word"] else v.data["year_parts_after_preposition"]
        part = next(k for k, words in table.items() if word in (w.lower() for w in words))
        if m["year"]:
            return Partial("part", s, e, int(m["year"]), part=part)
        return Partial("part", s, e, part=part, unit="this_year")
    if name == "month":
        return Partial("month", s, e, None, _find_month(m[0]))
    if name == "quarter":
        n = int(m["q"]) if m["q"] else v.data["quarters"]["ordinals"][m["ord"].lower()]
        y = m["y1"] or m["y2"]
        return Partial("quarter", s, e, int(y) if y else None, shift=n)
    if name == "half":
        n = int(m["h"]) if m["h"] else v.data["quarters"]["ordinals"][m["ord"].lower()]
        if n > 2:
            return None
        y = m["y1"] or m["y2"] or m["y3"]
        return Partial("half", s, e, int(y) if y else None, shift=n, unit="this_year" if m["this"] else None)
    if name == "season":
        word = m["s1"] or m["s2"]
        year = m["y1"] or m["y2"]
        adj = re.search(r"(?i)\b(" + "|".join(v.rel_adjectives) + r")", m[0])
        shift = v.rel_adjectives[adj[1].lower()] if adj else 0
        kind = "relunit" if adj else "season"
        return Partial(kind, s, e, int(year) if year else None, season=v.seasons[word], shift=shift, unit="season")
    if name == "year":
        return Partial("year", s, e, int(m["year"]))
    if name == "night":
        return Partial("night", s, e, weekday=_weekday_of(re.search(_alt(v.weekdays), m[0])[0]))
    if name == "rel_unit":
        adj = next(a for a in sorted(v.rel_adjectives, key=len, reverse=True) if m["adj"].lower().startswith(a))
        what = m["what"]
        p = Partial("relunit", s, e, shift=v.rel_adjectives[adj])
        if what in v.units:
            p.unit = v.units[what]
        elif what in v.seasons:
            p.unit, p.season = "season", v.seasons[what]
        elif any(what.startswith(w) for w in v.weekdays):
            p.unit, p.weekday = "weekday", _weekday_of(what)
            p.ambiguous = adj in v.data["ambiguous_weekday_adjectives"]
        else:
            p.unit, p.month = "month_name", _find_month(what)
        return p
    if name == "ago":
        n_text, unit = (m["n1"], m["u1"]) if m["n1"] else (m["n2"], m["u2"])
        n = int(n_text) if n_text.isdigit() else v.numbers[n_text.lower()]
        return Partial("ago", s, e, shift=-n, unit=v.units[unit])
    if name == "rel_day":
        return Partial("relday", s, e, shift=v.relative_days[m[0].lower()])
    if name == "weekday":
        return Partial("weekday", s, e, weekday=_weekday_of(m[0]), time_span=_day_part_of_suffix(m[0]))
    if name == "day_part":
        return Partial("time", s, e, time_span=_day_part_window(m[0]))
    if name in ("clock", "clock_at"):
        return Partial("time", s, e, time=f"{int(m['h']):02d}:{m['m'] or '00'}")
    if name == "clock_en":
        h = int(m["h"]) % 12 + (12 if m["pm"] else 0)
        return Partial("time", s, e, time=f"{h:02d}:{m['m'] or '00'}")
    if name == "clock_word":
        if m["off"]:
            word = m["hw2"].lower()
            h = int(word) if word.isdigit() else v.numbers[word]
            offsets = {k.lower(): n for k, n in v.data["clock_offsets"].items()}
            minutes = (h * 60 + offsets[re.sub(r"\s+", " ", m["off"].lower())]) % (12 * 60)
            return Partial("time", s, e, time=f"{minutes // 60:02d}:{minutes % 60:02d}")
        if m["named"]:
            named = {k.lower(): n for k, n in v.data["named_hours"].items()}
            return Partial("time", s, e, time=f"{named[m['named'].lower()]:02d}:00")
        h = v.numbers[m["hw"].lower()]
        return Partial("time", s, e, time=f"{h:02d}:00")
    raise ValueError(name)


def _day_part_window(words: str) -> tuple[str, str]:
    said = re.sub(r"\s+", " ", words.lower())
    part = next(p for p in vocab().data["time"]["day_parts"].values() if said in (w.lower() for w in p["words"]))
    return tuple(part["window"])


def _day_part_of_suffix(weekday: str) -> Optional[tuple[str, str]]:
    """"Dienstagabend": the evening of that Tuesday."""
    for part in vocab().data["time"]["day_parts"].values():
        if any(weekday.lower().endswith(suffix) for suffix in part["suffixes"]):
            return tuple(part["window"])
    return None


@lru_cache(maxsize=1)
def _time_detail_patterns() -> dict[str, re.Pattern]:
    t = vocab().data["time"]
    zones = load_data("time_zones.yaml")["zones"]
    abbreviations = [w for z in zones.values() for w in z["words"] if w.isupper()]
    phrases = [w for z in zones.values() for w in z["words"] if not w.isupper()]
    qualifiers = [w for q in t["qualifiers"].values() for w in q["words"]]
    return {
        "zone": re.compile(rf"\s*\(?\s*(?:(?i:nach)\s+)?(?P<zone>{_alt(abbreviations)}|{_alt(phrases, True)}){NOT_WORD}"),
        "qualifier_before": re.compile(NO_WORD_BEFORE + rf"(?P<q>{_alt(qualifiers, True)})\s+(?:(?i:um|at)\s+)?$"),
        "qualifier_start": re.compile(rf"(?P<q>{_alt(qualifiers, True)})\s"),
        "stamp": re.compile(rf"(?m)(?:^|[(|–—.!?])[ \t]*{_alt(t['stamp_labels'])}{NOT_WORD}(?:[^\n.!?]|\.(?=\S)|(?<=\d)\.\s){{0,30}}\Z"),
    }


def zone_of_words(words: str) -> Optional[str]:
    """The key in time_zones.yaml of a zone as written ("deutscher Zeit" -> "germany")."""
    said = re.sub(r"\s+", " ", words).lower()
    for key, zone in load_data("time_zones.yaml")["zones"].items():
        if said in (w.lower() for w in zone["words"]):
            return key
    return None


def _time_details(text: str, p: Partial) -> Partial:
    """How exactly a clock time is meant ("gegen"), the clock it is on ("GMT"), and whether it stamps the text."""
    if p.time is None:
        return p
    pats = _time_detail_patterns()
    span = text[p.start : p.end]
    digit = re.search(r"\d", span)
    head = text[max(0, p.start - 30) : p.start + (digit.start() if digit else 0)]
    said = pats["qualifier_before"].search(head) or (None if digit else pats["qualifier_start"].match(span))
    qualifier = None
    if said:
        words = re.sub(r"\s+", " ", said["q"].lower())
        qualifier = next(k for k, q in vocab().data["time"]["qualifiers"].items() if words in (w.lower() for w in q["words"]))
    zone = pats["zone"].match(text, p.end)
    stamp = bool(pats["stamp"].search(text, max(0, p.start - 40), p.start))
    return replace(p, time_qualifier=qualifier, time_zone=zone_of_words(zone["zone"]) if zone else None, stamp=stamp)


@lru_cache(maxsize=1)
def _preposition_re() -> re.Pattern:
    d = vocab().data
    preps = d["prepositions"]["de"] + d["prepositions"]["en"] + ["kurz vor", "kurz nach", "etwa um"]
    return re.compile(NO_WORD_BEFORE + f"(?:{_alt(preps, True)})\\s+$")


def _with_preposition(text: str, p: Partial) -> Partial:
    if p.kind == "range" and not text[p.start : p.start + 1].isdigit():
        return p
    m = _preposition_re().search(text, max(0, p.start - 20), p.start)
    forward = _alt(vocab().data["forward_prepositions"], True) + r"\s+"
    own = re.match(forward, text[p.start : p.end])
    if p.kind in ("weekday", "day", "month", "part", "season", "quarter", "half") and (own or m and re.fullmatch(forward, m[0])):
        p = replace(p, forward=True)
    deadline = _alt(vocab().data["deadline_prepositions"], True) + r"\s+"
    if p.kind in ("weekday", "day", "month", "part", "season", "quarter", "half", "year") and (
        re.match(deadline, text[p.start : p.end]) or m and re.fullmatch(deadline, m[0])
    ):
        p = replace(p, deadline=True)
    since = _alt(vocab().data["start_prepositions"], True) + r"\s+"
    if p.kind in ("weekday", "day", "month", "part", "season", "quarter", "half", "year", "relday", "relunit") and (
        re.match(since, text[p.start : p.end]) or m and re.fullmatch(since, m[0])
    ):
        p = replace(p, since=True)
    if m and not re.match(r"(?i)(im|in|am|on|at|um|seit|since|bis|until|vom|from|zwischen|between|gegen|kurz)\s", text[p.start : p.end]):
        return replace(p, start=m.start())
    return p


def _merge_times(text: str, parts: list[Partial]) -> list[Partial]:
    """A time of day next to a day ("am Freitag um 6.45 Uhr", "05.01.2024 04:55 Uhr") is one mention."""
    out: list[Partial] = []
    for p in parts:
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"\s*,?\s*", text[prev.end : p.start]):
            date, clock = (prev, p) if p.kind == "time" and prev.kind != "time" else (p, prev)
            if clock.kind == "time" and date.kind not in ("time", "range") and clock is not date:
                out[-1] = replace(
                    date, start=prev.start, end=p.end, time=clock.time, time_span=clock.time_span or date.time_span,
                    time_qualifier=clock.time_qualifier, time_zone=clock.time_zone, stamp=clock.stamp,
                )
                continue
        out.append(p)
    return out


# --------------------------------------------------------------------------- resolution


@dataclass
class Reference:
    """What relative and partial expressions of one article are resolved against."""

    day: Optional[dt.date] = None  # a precise reference day
    day_how: str = ""
    period: Optional[tuple[dt.date, dt.date]] = None  # a coarse publication date
    period_how: str = ""
    anchors: list[tuple[int, dt.date, str]] = field(default_factory=list)  # narrative anchors: position, day, text
    anchor_years: dict[int, str] = field(default_factory=dict)  # anchor position -> how its year was fixed
    years: list[tuple[int, int, str]] = field(default_factory=list)  # position, year, text of a full date
    full_days: list[tuple["Partial", str]] = field(default_factory=list)  # stated days with their year


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _season_bounds(season: tuple[int, int], year: int) -> tuple[dt.date, dt.date]:
    first, last = season
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), _month_end(end_year, last)


def _weekday_on_or_before(ref: dt.date, wd: int, strict: bool = False) -> dt.date:
    back = (ref.weekday() - wd) % 7
    if strict and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _past_year(candidate: tuple[dt.date, dt.date], ref: dt.date, year: int) -> int:
    return year - 1 if candidate[0] > ref + FUTURE_TOLERANCE else year


def _year_near(p: Partial, ref: dt.date) -> int:
    """The year for a year-less expression: the past one, unless a forward preposition points ahead."""
    if p.unit == "this_year" or p.ahead and not p.forward:
        return ref.year  # a forecast's year-less date is not last year's; next year's only with a forward word
    if p.forward:  # "bis Ende September" said in March is this September; "bis zum 1. Oktober" said on 17 October too
        return ref.year + 1 if _bounds_for_year(p, ref.year)[1] < ref - FUTURE_TOLERANCE else ref.year
    return _past_year(_bounds_for_year(p, ref.year)[:2], ref, ref.year)


def _bounds_for_year(p: Partial, year: int) -> tuple[dt.date, dt.date, Granularity]:
    if p.kind == "day":
        d = dt.date(year, p.month, p.day)
        return d, d, Granularity.time if p.time else Granularity.day
    if p.kind == "month":
        return dt.date(year, p.month, 1), _month_end(year, p.month), Granularity.month
    if p.kind == "season":
        s, e = _season_bounds(p.season, year)
        return s, e, Granularity.season
    if p.kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.year
    if p.kind == "quarter":
        return dt.date(year, 3 * p.shift - 2, 1), _month_end(year, 3 * p.shift), Granularity.range
    if p.kind == "half":
        return dt.date(year, 6 * p.shift - 5, 1), _month_end(year, 6 * p.shift), Granularity.range
    if p.kind == "part":
        if p.month:
            last = calendar.monthrange(year, p.month)[1]
            lo, hi = {"start": (1, 10), "middle": (11, 20), "end": (21, last)}[p.part]
            return dt.date(year, p.month, lo), dt.date(year, p.month, hi), Granularity.range
        lo, hi = {"start": (1, 4), "middle": (5, 8), "end": (9, 12)}[p.part]
        return dt.date(year, lo, 1), _month_end(year, hi), Granularity.range
    raise ValueError(p.kind)


def _relative_at(p: Partial, ref: dt.date) -> tuple[dt.date, dt.date, Granularity]:
    """A relative expression against one reference day."""
    if p.kind == "weekday" and p.forward:
        d = ref + dt.timedelta(days=(p.weekday - ref.weekday()) % 7)
        return d, d, Granularity.day
    if p.kind in ("weekday", "night"):
        d = _weekday_on_or_before(ref, p.weekday)
        return (d - dt.timedelta(days=1), d, Granularity.range) if p.kind == "night" else (d, d, Granularity.day)
    if p.kind == "relday":
        d = ref + dt.timedelta(days=p.shift)
        return d, d, Granularity.day
    if p.kind == "ago":
        if p.unit == "day":
            d = ref + dt.timedelta(days=p.shift)
            return d, d, Granularity.day
        if p.unit in ("week", "weekend"):
            c = ref + dt.timedelta(weeks=p.shift)
            return c - dt.timedelta(days=3), c + dt.timedelta(days=3), Granularity.week
        if p.unit == "month":
            y, m = _add_months(ref.year, ref.month, p.shift)
            return dt.date(y, m, 1), _month_end(y, m), Granularity.month
        return dt.date(ref.year + p.shift, 1, 1), dt.date(ref.year + p.shift, 12, 31), Granularity.year
    # relunit
    if p.unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=p.shift)
        return monday, monday + dt.timedelta(days=6), Granularity.week
    if p.unit == "weekend":
        saturday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=5)
        if p.shift < 0:
            saturday = saturday - dt.timedelta(weeks=1) if saturday + dt.timedelta(days=1) >= ref else saturday
        elif p.shift > 0 and saturday <= ref:
            saturday += dt.timedelta(weeks=1)
        return saturday, saturday + dt.timedelta(days=1), Granularity.range
    if p.unit == "month":
        y, m = _add_months(ref.year, ref.month, p.shift)
        return dt.date(y, m, 1), _month_end(y, m), Granularity.month
    if p.unit == "year":
        y = ref.year + p.shift
        return dt.date(y, 1, 1), dt.date(y, 12, 31), Granularity.year
    if p.unit == "weekday":
        if p.shift < 0:
            d = _weekday_on_or_before(ref, p.weekday, strict=True)
        elif p.shift > 0:
            d = ref + dt.timedelta(days=(p.weekday - ref.weekday() - 1) % 7 + 1)
        else:
            d = ref - dt.timedelta(days=ref.weekday() - p.weekday)
        return d, d, Granularity.day
    if p.unit == "month_name":
        y = ref.year + (p.shift if p.shift > 0 and p.month <= ref.month else 0)
        y += p.shift if p.shift < 0 and p.month >= ref.month else 0
        return dt.date(y, p.month, 1), _month_end(y, p.month), Granularity.month
    if p.unit == "season":
        y = ref.year if p.season[0] <= ref.month or p.season[1] < p.season[0] and ref.month <= p.season[1] else ref.year - 1
        if p.season[1] < p.season[0] and ref.month <= p.season[1]:
            y -= 1
        s, e = _season_bounds(p.season, y)
        if p.shift < 0:
            s, e = _season_bounds(p.season, y - 1 if e >= ref else y)
        elif p.shift > 0:
            s, e = _season_bounds(p.season, y + 1 if s <= ref else y)
        return s, e, Granularity.season
    raise ValueError(p.unit)


RELATIVE = ("weekday", "night", "relday", "ago", "relunit")


def _doubt(p: Partial) -> Optional[str]:
    """Why a weekday resolved against a reference day may name another week's day."""
    if p.kind == "weekday" and p.ahead and not p.forward:
        return f"{UNCERTAIN}: in a clause that looks ahead, it may be the next such day"
    if p.kind == "relunit" and p.ambiguous:
        return f"{UNCERTAIN}: 'last' or 'next' may skip a week"
    return None


class Resolver:
    def __init__(self, ref: Reference):
        self.ref = ref

    def _anchor_for(self, pos: int) -> Optional[tuple[int, dt.date, str]]:
        before = [a for a in self.ref.anchors if a[0] <= pos]
        return before[-1] if before else (self.ref.anchors[0] if self.ref.anchors else None)

    def _nearest_year(self, pos: int) -> Optional[tuple[int, int, str]]:
        if not self.ref.years:
            return None
        before = [y for y in self.ref.years if y[0] <= pos]
        return before[-1] if before else self.ref.years[0]

    def resolve(self, p: Partial) -> tuple[DateValue, Optional[str]]:
        if p.kind == "range":
            return self._range(p)
        if p.kind == "time":
            return DateValue(start=None, end=None, granularity=Granularity.time, time=p.time, resolved=False), "time of day without a stated day"
        if p.kind in RELATIVE:
            value, why = self._relative(p)
        else:
            value, why = self._absolute(p)
        if p.time:  # kept when the day is not resolved: the time of day itself was stated
            value.time = p.time
            value.granularity = Granularity.time if value.start is not None else value.granularity
        if p.deadline and value.resolved:
            self._open_towards_now(p, value)
        if p.since and value.resolved:
            self._open_until_now(p, value)
        return value, why

    def _reference_day(self, p: Partial) -> Optional[tuple[dt.date, str]]:
        """The day a deadline or a start is open towards: the publication date, else a narrative anchor."""
        anchor = self._anchor_for(p.start)
        if self.ref.day:
            return self.ref.day, self.ref.day_how
        if anchor:
            return anchor[1], anchor[2]
        return None

    def _open_until_now(self, p: Partial, value: DateValue) -> None:
        """A start ("seit Montag gesperrt", said on Wednesday) dates a state that lasts up to the reference day,
        so a later day of that state ("am Mittwoch gesperrt") lies inside it."""
        reference = self._reference_day(p)
        if reference and reference[0] > value.end:
            value.end, value.granularity = reference[0], Granularity.range
            value.anchor = "; ".join(filter(None, [value.anchor, f"{SINCE}: open until {reference[0].isoformat()} ({reference[1]})"]))

    def _open_towards_now(self, p: Partial, value: DateValue) -> None:
        """A deadline ahead of the reference ("bis Ende September abgeschlossen", said in March) is any day
        from the reference to its end. One not ahead dates a state ("by Tuesday it had burned ...") and stays."""
        reference = self._reference_day(p)
        if reference is None and self.ref.period:
            reference = self.ref.period[0], self.ref.period_how  # a deadline is ahead of a coarse publication date too
        if reference is None:
            return
        day, how = reference
        if day < value.start:
            stated = f"{STATED} {value.start.isoformat()}..{value.end.isoformat()}"
            value.start, value.granularity = day, Granularity.range
            value.anchor = "; ".join(filter(None, [value.anchor, f"{DEADLINE} from {day.isoformat()} ({how})", stated]))

    def _absolute(self, p: Partial) -> tuple[DateValue, Optional[str]]:
        if p.year is not None:
            s, e, g = _bounds_for_year(p, p.year)
            return DateValue(start=s, end=e, granularity=g), None
        r = self.ref
        anchor = self._anchor_for(p.start)
        if p.explicit_weekday and p.start in r.anchor_years:
            s, e, g = _bounds_for_year(p, anchor[1].year)
            return DateValue(start=s, end=e, granularity=g, anchor=r.anchor_years[p.start]), None
        if r.day or anchor:
            day = r.day or anchor[1]
            how = f"publication date {day.isoformat()}" if r.day else f"narrative anchor {day.isoformat()} ({anchor[2]})"
            year = _year_near(p, day)
            s, e, g = _bounds_for_year(p, year)
            return DateValue(start=s, end=e, granularity=g, anchor=f"year {year} from {how}"), None
        if r.period:
            year = _year_near(p, r.period[1] if not p.forward else r.period[0])
            s, e, g = _bounds_for_year(p, year)
            return DateValue(start=s, end=e, granularity=g, anchor=f"year {year} from {r.period_how}"), None
        days = [(dt.date(q.year, q.month, q.day), t) for q, t in self.ref.full_days]
        if days:
            latest, label = max(days)
            year = _year_near(p, latest)
            s, e, g = _bounds_for_year(p, year)
            return DateValue(start=s, end=e, granularity=g, anchor=f"year {year} from the latest full date in the article, '{label}'"), None
        near = self._nearest_year(p.start)
        if near:
            s, e, g = _bounds_for_year(p, near[1])
            return DateValue(start=s, end=e, granularity=g, anchor=f"year {near[1]} from '{near[2]}' in the same article"), None
        g = _bounds_for_year(p, 2000)[2]
        return DateValue(granularity=g, resolved=False), "no year stated and no publication date or full date in the article"

    def _relative(self, p: Partial) -> tuple[DateValue, Optional[str]]:
        r = self.ref
        anchor = self._anchor_for(p.start)
        if r.day or anchor:
            day, how = (r.day, r.day_how) if r.day else (anchor[1], anchor[2])
            s, e, g = _relative_at(p, day)
            what = "relative to"
            if p.kind == "weekday":
                what = "weekday on or after" if p.forward else "weekday on or before"
            return DateValue(start=s, end=e, granularity=g, anchor="; ".join(filter(None, [f"{what} {day.isoformat()} ({how})", _doubt(p)])),
                             weekday_only=p.kind == "weekday"), None
        if r.period:
            lo = _relative_at(p, r.period[0])
            hi = _relative_at(p, r.period[1])
            if lo == hi:
                return DateValue(start=lo[0], end=lo[1], granularity=lo[2], anchor=f"relative to {r.period_how}"), None
            why = f"{r.period_how} is not precise enough: any day from {lo[0]} to {hi[1]} fits"
            anchor_text = f"{'candidates' if p.kind != 'weekday' else 'candidate ' + calendar.day_name[p.weekday] + 's'} from {lo[0]} to {hi[1]}, relative to {r.period_how}"
            return DateValue(start=lo[0], end=hi[1], granularity=Granularity.range, resolved=False, anchor=anchor_text), why
        return DateValue(granularity=_relative_at(p, dt.date(2000, 1, 5))[2], resolved=False), "relative expression and no publication date or narrative anchor"

    def _range(self, p: Partial) -> tuple[DateValue, Optional[str]]:
        """The end is resolved like any date; a start without a year takes the end's year (the one before if its month is later)."""
        a, b = p.first, p.last
        vb, why = self._absolute(b)
        if vb.end is None:
            return DateValue(granularity=Granularity.range, resolved=False), why
        if a.year is None:
            a = replace(a, year=vb.end.year - 1 if (a.month or 1) > (b.month or 12) else vb.end.year)
        va, _ = self._absolute(a)
        if va.start > vb.end:
            return DateValue(granularity=Granularity.range, resolved=False), "the range ends before it starts"
        return DateValue(start=va.start, end=vb.end, granularity=Granularity.range, anchor=vb.anchor), None


def _explicit_years(parts: list[Partial], text: str) -> list[tuple[int, int, str]]:
    out = []
    for p in parts:
        for q in (p.first, p.last) if p.kind == "range" else (p,):
            if q.kind in ("day", "month") and q.year is not None:
                out.append((q.start, q.year, text[q.start : q.end]))
    return sorted(out)


def build_reference(article: Article, parts: list[Partial]) -> Reference:
    ref = Reference()
    pub = article.published
    if pub and pub.start and pub.end:
        if pub.granularity in (Granularity.day, Granularity.time) or pub.start == pub.end:
            ref.day, ref.day_how = pub.start, "publication date"
        else:
            ref.period = (pub.start, pub.end)
            ref.period_how = f"publication date {_describe_period(pub)}"
    ref.years = _explicit_years(parts, article.text)
    for p in parts:
        for q in (p.first, p.last) if p.kind == "range" else (p,):
            if q.kind == "day" and q.year is not None and _valid(q.year, q.month, q.day):
                ref.full_days.append((q, article.text[p.start : p.end]))
    if ref.day:
        return ref
    years = {y for _, y, _ in ref.years}
    for p in parts:
        if not (p.explicit_weekday and p.kind == "day"):
            continue
        label = article.text[p.start : p.end]
        if p.year is not None:
            d = dt.date(p.year, p.month, p.day)
            if d.weekday() == p.weekday:
                ref.anchors.append((p.start, d, label))
            continue
        base = ref.period[1].year if ref.period else (max(years) if years else None)
        if base is None:
            continue
        fits = [y for y in range(base - ANCHOR_YEAR_SPAN, base + ANCHOR_YEAR_SPAN + 1) if _valid(y, p.month, p.day) and dt.date(y, p.month, p.day).weekday() == p.weekday]
        stated = [y for y in fits if y in years]
        pool = stated or fits
        if not pool:
            continue
        year = min(pool, key=lambda y: (abs(y - base), -y))
        ref.anchors.append((p.start, dt.date(year, p.month, p.day), label))
        source = f"the year {year} stated elsewhere in the article" if stated else f"the nearest such year to {base} ({ref.period_how or 'latest year stated'})"
        ref.anchor_years[p.start] = f"year {year}: the only weekday-consistent year matching {source}" if len(pool) == 1 else f"year {year}: weekday-consistent, nearest to {source}"
    return ref


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _describe_period(v: DateValue) -> str:
    if v.granularity == Granularity.month:
        return v.start.strftime("%Y-%m")
    if v.granularity == Granularity.year:
        return str(v.start.year)
    return f"{v.start.isoformat()}..{v.end.isoformat()}"


def _plausible(p: Partial) -> bool:
    """Impossible calendar days ("31.02.") are not dates; a leap day without a year may be."""
    ends = (p.first, p.last) if p.kind == "range" else (p,)
    return all(q.kind != "day" or _valid(q.year or 2000, q.month, q.day) for q in ends)


# --------------------------------------------------------------------------- public API


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    text = article.text
    header = publication_date_from_header(text[article.body_start :])
    skips = [article.dateline] if article.dateline else []
    if header:  # a header date line is metadata, not a claim, even when front matter gave the date
        skips.append((header[2] + article.body_start, header[3] + article.body_start))
    parts = [p for p in find_partials(text, article.body_start) if _plausible(p)]
    parts = [p for p in parts if not any(p.start < e and p.end > s for s, e in skips)]
    parts = _ahead_in_forecasts(text, parts, sentences)
    resolver = Resolver(build_reference(article, parts))
    mentions = []
    for p in parts:
        value, why = resolver.resolve(p)
        value.time_span, value.time_qualifier, value.time_zone = p.time_span, p.time_qualifier, p.time_zone
        value.stamp, value.deadline = p.stamp, p.deadline
        mentions.append(
            Mention(kind="date", doc=article.id, start=p.start, end=p.end, text=text[p.start : p.end], value=value, unresolved=why)
        )
    _times_take_their_sentence_day(mentions, sentences)
    return mentions


@lru_cache(maxsize=1)
def period_words() -> frozenset[str]:
    """Words that name a period of time ("Wochen", "year", "Vorjahr"), as written."""
    data = vocab().data
    return frozenset([*(w for forms in data["units"].values() for w in forms), *data["previous_periods"]])


def stated_month_day(text: str) -> Optional[tuple[int, int]]:
    """The month and day written in a date mention ("on 6 November", "Tuesday, August 11"), whatever its year."""
    parts = [p for p in find_partials(text) if p.kind == "day" and _valid(2000, p.month, p.day)]
    return (parts[0].month, parts[0].day) if len(parts) == 1 else None


@lru_cache(maxsize=1)
def _future_cue_re() -> re.Pattern:
    return re.compile(NO_WORD_BEFORE + _alt(vocab().data["future_cues"], True))


@lru_cache(maxsize=1)
def _weekday_ahead_re() -> re.Pattern:
    data = vocab().data
    return re.compile(NO_WORD_BEFORE + _alt(data["future_cues"] + data["weekday_ahead_cues"], True))


def _ahead_in_forecasts(text: str, parts: list[Partial], sentences: list[Sentence]) -> list[Partial]:
    """A year-less date in a clause that looks ahead ("wird im dritten Quartal erwartet") is this year's.

    Not next year's: "sales fell in March as expected", said in June, is this March; a cue alone is too
    weak to move a date a year ahead.

    Only its own clause counts: "sued in December, while the Commission is due to rule in May". Weekdays
    keep their last occurrence ("die am Montag angekündigte Übernahme soll ..." is common), marked as
    uncertain: "Das Urteil wird am Donnerstag erwartet" may be the next Thursday."""
    ends = [m.end() for m in re.finditer(r"(?<!\d)[.!?](?=\s)|\n", text)] + [len(text)]
    spans = [(s.start, s.end) for s in sentences] or list(zip([0] + ends[:-1], ends))
    out = []
    for p in parts:
        if p.kind in ("day", "month", "season", "quarter", "half", "part", "weekday") and p.year is None and p.unit != "this_year":
            span = next(((a, b) for a, b in spans if a <= p.start < b), None)
            cues = _weekday_ahead_re() if p.kind == "weekday" else _future_cue_re()
            if span and cues.search(text, *_clause(text, span, p.start)):
                p = replace(p, ahead=True)
        out.append(p)
    return out


def _clause(text: str, sentence: tuple[int, int], pos: int) -> tuple[int, int]:
    """The stretch of the sentence around pos between commas, semicolons, colons and dashes."""
    lo, hi = sentence
    start, end = lo, hi
    for m in CLAUSE_BREAK.finditer(text[lo:hi]):
        if lo + m.end() <= pos:
            start = lo + m.end()
        elif lo + m.start() >= pos:
            end = lo + m.start()
            break
    return start, end


def _times_take_their_sentence_day(mentions: list[Mention], sentences: list[Sentence]) -> None:
    """'Am Freitag ... Gegen 15.40 Uhr' in one sentence: the time is on that day, when the sentence names only one."""
    for m in mentions:
        if m.value.granularity != Granularity.time or m.value.start is not None:
            continue
        sentence = next((s for s in sentences if s.start <= m.start and m.end <= s.end), None)
        if sentence is None:
            continue
        days = {
            (o.value.start, o.text)
            for o in mentions
            if o is not m and sentence.start <= o.start and o.end <= sentence.end and o.value.resolved
            and o.value.start is not None and o.value.start == o.value.end
        }
        if len({d for d, _ in days}) == 1:
            day, label = min(days)
            m.value = m.value.model_copy(update={"start": day, "end": day, "resolved": True, "anchor": f"day of '{label}' in the same sentence"})
            m.unresolved = None


def publication_date_from_header(text: str) -> Optional[tuple[DateValue, str, int, int]]:
    """The publication date stated in an article's first lines, with its description and span."""
    labels = _alt(vocab().data["publication_labels"])
    window_end = _header_window(text)
    found = find_partials(text, 0, window_end)
    best: Optional[tuple[int, DateValue, str, int, int]] = None
    rank = {Granularity.month: 1, Granularity.day: 2, Granularity.time: 3}

    def offer(value: DateValue, desc: str, s: int, e: int) -> None:
        nonlocal best
        if best is None or rank[value.granularity] > best[0]:
            best = (rank[value.granularity], value, desc, s, e)

    for m in re.finditer(NO_WORD_BEFORE + rf"(?:{labels})\s*:?\s+(?P<ym>(?:1[89]|20)\d\d-(?:0[1-9]|1[0-2]))(?![\d-])", text[:window_end]):
        y, mo = map(int, m["ym"].split("-"))
        offer(DateValue(start=dt.date(y, mo, 1), end=_month_end(y, mo), granularity=Granularity.month), m[0].strip(), m.start(), m.end())
    # "Published: Thursday 12 March 2026": a weekday before the date without a comma is no date of its own
    weekday = re.compile(rf"{_alt(vocab().weekdays)}\s+")
    for m in re.finditer(NO_WORD_BEFORE + rf"(?:{labels})\s*:?\s+", text[:window_end]):
        day = _full_date_at(text, m.end(), found)
        if day is None and (w := weekday.match(text, m.end())):
            day = _full_date_at(text, w.end(), found)
        if day:
            offer(day[0], text[m.start() : day[1]].strip(), m.start(), day[1])
    for m in re.finditer(r"(?m)^[ \t]*(?=\S)", text[:window_end]):
        day = _full_date_at(text, m.end(), found)
        if day and re.fullmatch(r"[\s,|–-]*", text[day[1] : text.find("\n", day[1]) if "\n" in text[day[1] :] else len(text)]):
            offer(day[0], text[m.end() : day[1]], m.end(), day[1])
    for m in re.finditer(r"(?m)[,|–—]\s*", text[:window_end]):
        day = _full_date_at(text, m.end(), found)
        line_end = text.find("\n", m.end())
        if day and re.fullmatch(r"\s*", text[day[1] : line_end if line_end >= 0 else len(text)]):
            offer(day[0], text[m.end() : day[1]], m.end(), day[1])
    if best is None:
        return None
    return best[1], best[2], best[3], best[4]


def _header_window(text: str, lines: int = 5) -> int:
    """End of the first few non-empty lines: where a publication date may stand."""
    seen, pos = 0, 0
    for m in re.finditer(r"[^\n]*\n?", text):
        if m[0].strip():
            seen += 1
        pos = m.end()
        if seen >= lines or pos >= len(text):
            break
    return min(pos, 1000)


def _full_date_at(text: str, pos: int, found: list[Partial]) -> Optional[tuple[DateValue, int]]:
    """A full date (with year), optionally with a time, starting at pos (a preposition before it may belong to it)."""
    parts = [p for p in found if p.start <= pos < p.end and not re.search(r"[\d,]", text[p.start : pos])]
    if not parts or parts[0].kind != "day" or parts[0].year is None or not _valid(parts[0].year, parts[0].month, parts[0].day):
        return None
    p = parts[0]
    d = dt.date(p.year, p.month, p.day)
    g = Granularity.time if p.time else Granularity.day
    return DateValue(start=d, end=d, granularity=g, time=p.time), p.end
