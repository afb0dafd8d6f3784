"""Symbolic comparison of two slots' values: can both be true?

This is the part of a verdict that is not a judgement: intervals of figures (with units converted
and an exact figure standing for everything that rounds to it), calendar days, windows of minutes
on a common clock, and places by containment and distance. Whether the two slots are one fact at
all is the decision model's question (checker/decide.py), never answered here.

Relations: "same" (one value), "compatible" (both can hold), "differs" (both can hold, but they are
stated differently: two lower bounds "at least 17" / "at least 96"), "disjoint" (no value satisfies
both) and "incomparable" (different units, unplaceable places, days unknown).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from checker import clock
from checker.extract.places import local_kind_words
from checker.gazetteer import Gazetteer, norm
from checker.models import DateValue, Frame, Interval, PlaceValue, QuantityValue, RoleValue, Slot, StateValue

NEAR_KM = 50.0  # a place this close to a big city is that city's surroundings
TOWN_KM = 10.0  # two places this close are one place
ROUNDING_SHARE = 0.05  # how far a plain round figure may stand from what it rounds (chosen on train/dev, docs/quality.md)
LOWER_BOUNDS = ("more_than", "at_least", "over")
UPPER_BOUNDS = ("up_to", "at_most", "less_than", "under", "nearly")


@dataclass(frozen=True)
class Relation:
    name: str  # same | compatible | differs | disjoint | incomparable
    detail: str  # the normalised values side by side, for the report and the trace
    value_a: str
    value_b: str
    gap: float = 0.0  # how far apart: log ratio of figures, days, minutes or km
    assumed: bool = False  # read under an assumption the text does not state (a clock)


BIRTHDAY_YEARS = 1  # two ages this far apart agree: a birthday may fall between two reports, or outlets count differently


def compare(a: Slot, b: Slot, frame_a: Frame, frame_b: Frame) -> Relation:
    if a.kind == "figure":
        return compare_figures(a.mention.value, b.mention.value)
    if a.kind == "age":
        return compare_ages(a.mention.value, b.mention.value)
    if a.kind == "date":
        return compare_dates(a.mention.value, b.mention.value)
    if a.kind == "time":
        return compare_times(a, b, frame_a, frame_b)
    if a.kind == "holder":
        return compare_holders(a.mention.value, b.mention.value)
    if a.kind == "state":
        return compare_states(a.mention.value, b.mention.value)
    if a.kind == "speaker":
        return compare_people(a.mention.value.key, b.mention.value.key)
    return compare_places(a.mention.value, b.mention.value)


def compare_ages(a: QuantityValue, b: QuantityValue) -> Relation:
    """Two ages: one year each, or a span of years ("in his 40s")."""
    (la, ha), (lb, hb) = _years(a), _years(b)
    va, vb = _years_text(la, ha), _years_text(lb, hb)
    gap = max(0.0, max(la, lb) - min(ha, hb))
    if (la, ha) == (lb, hb) and la == ha:
        return Relation("same", f"{va}: one age", va, vb)
    if gap == 0:
        return Relation("compatible", f"{va} and {vb}: the one age lies within the other span", va, vb, gap)
    if gap <= BIRTHDAY_YEARS:
        return Relation("compatible", f"{va} and {vb}: a birthday apart, both may hold", va, vb, gap)
    return Relation("disjoint", f"{va} vs {vb}: no one is both", va, vb, gap)


def _years(age: QuantityValue) -> tuple[float, float]:
    low = age.interval.low
    return low, age.interval.high if age.interval.high is not None else low


def _years_text(low: float, high: float) -> str:
    return f"{low:g} years" if low == high else f"{low:g}-{high:g} years"


def value_identity(slot: Slot) -> tuple:
    """What makes two mentions state the same value: an interval in base units with its bound, the days,
    the clock window, the place, the person. Findings group by it, and an article that states a value
    somewhere "echoes" every mention of that value."""
    value = slot.mention.value
    if slot.kind in ("figure", "age"):
        interval = value.base_interval or value.interval
        return ("figure", value.dimension, interval.low, interval.high, value.qualifier)
    if slot.kind in ("date", "time"):
        return (slot.kind, value.start, value.end, value.time, value.time_span, value.time_zone)
    if slot.kind == "holder":
        return ("holder", value.holder)
    if slot.kind == "speaker":
        return ("speaker", value.key)
    if slot.kind == "state":
        return ("state", value.key, value.value, _denied(value))
    return ("place", value.key)


def compare_states(a: StateValue, b: StateValue) -> Relation:
    """Two values of one state: a yes against a no, or two named values of a closed set ("voted against" vs
    "abstained"), cannot both hold; a value denied ("did not abstain") excludes only itself."""
    va, vb = _state_text(a), _state_text(b)
    if a.key != b.key:
        return Relation("incomparable", f"{va} and {vb}: two different states", va, vb)
    denied_a, denied_b = _denied(a), _denied(b)
    if a.value == b.value:
        if denied_a == denied_b:
            return Relation("same", f"{va}: one value", va, vb)
        return Relation("disjoint", f"{va} vs {vb}: stated and denied", va, vb, 1.0)
    if denied_a or denied_b:
        return Relation("compatible", f"{va} and {vb}: denying one value leaves the other open", va, vb)
    return Relation("disjoint", f"{va} vs {vb}: not both", va, vb, 1.0)


def _denied(value: StateValue) -> bool:
    """A named value negated ("did not abstain"): it excludes only itself. A yes/no value is already turned."""
    return value.negated and value.value not in ("yes", "no")


def _state_text(value: StateValue) -> str:
    return f"{value.key}: {'not ' if _denied(value) else ''}{value.value}"


def compare_holders(a: RoleValue, b: RoleValue) -> Relation:
    """Two people named for one role: one name (a spelling, an initial) or two people."""
    return compare_people(a.holder, b.holder)


def compare_people(a: str, b: str) -> Relation:
    """Two person keys: one name (a spelling, an initial, a surname alone) or two people."""
    from rules.names import one_name

    if a == b or one_name(a, b) or _surname_of(a, b):
        return Relation("same", f"{a} / {b}: one person", a, b)
    return Relation("disjoint", f"{a} vs {b}: two people", a, b)


def _surname_of(a: str, b: str) -> bool:
    """"kirby" and "john kirby": a surname alone names the full name's person."""
    ta, tb = a.split(), b.split()
    return (len(ta) == 1 or len(tb) == 1) and ta[-1] == tb[-1]


# --------------------------------------------------------------------------- figures


def stated_interval(value: QuantityValue) -> Interval:
    """The interval in base units; an exact figure stands for everything that rounds to it, but a round
    figure is no estimate: "40.000" stands for 38,000-42,000, not for 35,000-45,000 (at most
    ROUNDING_SHARE of the value either side; "rund", "about" widen it through their qualifier)."""
    interval = value.base_interval or value.interval
    exact = value.qualifier in (None, "exact") and interval.low is not None and interval.low == interval.high
    if exact and value.precision:
        half = min(value.precision / 2, abs(interval.low) * ROUNDING_SHARE) or value.precision / 2
        return Interval(low=interval.low - half, high=interval.high + half, low_closed=True, high_closed=False)
    return interval


def comparable_figures(a: QuantityValue, b: QuantityValue) -> bool:
    """One dimension, both figures (not "Hunderte"), and a part compared with a part, a whole with a whole."""
    return (
        a.dimension is not None and a.dimension == b.dimension and not a.vague and not b.vague
        and a.partitive == b.partitive
    )


def _middle(interval: Interval) -> Optional[float]:
    points = [x for x in (interval.low, interval.high) if x]
    return sum(points) / len(points) if points else None


def _nobody(value: QuantityValue) -> bool:
    return value.interval.low == value.interval.high == 0


def compare_figures(a: QuantityValue, b: QuantityValue) -> Relation:
    ia, ib = stated_interval(a), stated_interval(b)
    va, vb = f"{a.interval.describe()} {a.unit or ''}".strip(), f"{b.interval.describe()} {b.unit or ''}".strip()
    if not comparable_figures(a, b):
        return Relation("incomparable", f"{va} vs {vb}: other dimensions", va, vb)
    ma, mb = _middle(ia), _middle(ib)
    if ma and mb and ma > 0 and mb > 0:
        gap = abs(math.log(ma / mb))
    elif _nobody(a) != _nobody(b):  # "niemand" against "drei": as far apart as one is from one more than three
        gap = math.log1p(max(ma or 0.0, mb or 0.0))
    else:
        gap = 0.0
    if not ia.overlaps(ib):
        return Relation("disjoint", f"{va} vs {vb}: no value satisfies both", va, vb, gap)
    bounds = {a.qualifier, b.qualifier}
    if a.interval != b.interval and (bounds <= set(LOWER_BOUNDS) or bounds <= set(UPPER_BOUNDS)):
        return Relation("differs", f"{va} vs {vb}: both bounds hold together, stated differently", va, vb, gap)
    name = "same" if a.interval == b.interval and a.qualifier == b.qualifier else "compatible"
    return Relation(name, f"{va} and {vb} can both hold", va, vb, gap)


# --------------------------------------------------------------------------- dates


def date_bounds(value: DateValue) -> Optional[tuple[dt.date, dt.date]]:
    if not value.resolved or value.start is None:
        return None
    return value.start, value.end or value.start


def describe_date(value: DateValue) -> str:
    bounds = date_bounds(value)
    if bounds is None:
        return "unresolved date"
    start, end = bounds
    return (start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}") + f" ({value.granularity.value})"


def compare_dates(a: DateValue, b: DateValue) -> Relation:
    ba, bb = date_bounds(a), date_bounds(b)
    va, vb = describe_date(a), describe_date(b)
    if ba is None or bb is None:
        return Relation("incomparable", f"{va} vs {vb}: not resolved to days", va, vb)
    if (a.deadline and bb[1] <= ba[1]) or (b.deadline and ba[1] <= bb[1]):
        return Relation("compatible", f"{va} and {vb}: a deadline holds for every day up to its own", va, vb)
    if ba[1] < bb[0] or bb[1] < ba[0]:
        if _one_weekday_other_weeks(a, b):
            return Relation("compatible", f"{va} and {vb}: one weekday, resolved in different weeks; both may name one day", va, vb)
        gap = float(min(abs((bb[0] - ba[1]).days), abs((ba[0] - bb[1]).days)))
        return Relation("disjoint", f"{va} vs {vb}: no day in common", va, vb, gap)
    if _same_short_period_kind(a, b) and ba != bb:
        gap = float(abs((bb[0] - ba[0]).days))
        return Relation("disjoint", f"{va} vs {vb}: two different periods of one kind (two nights)", va, vb, gap)
    return Relation("same" if ba == bb else "compatible", f"{va} and {vb} overlap", va, vb)


def _one_weekday_other_weeks(a: DateValue, b: DateValue) -> bool:
    """A bare weekday ("am Donnerstag") is read as the nearest such day to its article's date; two articles
    published in different weeks, or a weekday against a stated date of that weekday, land a week apart
    on what is most often the same day."""
    if not (a.weekday_only or b.weekday_only) or a.granularity.value != "day" or b.granularity.value != "day":
        return False
    return a.start is not None and b.start is not None and (a.start - b.start).days % 7 == 0


def _same_short_period_kind(a: DateValue, b: DateValue) -> bool:
    """Both a period of one length of at most two days ("in der Nacht zu Samstag" is Friday-Saturday):
    such periods overlap when they are neighbours, yet name two different nights."""
    if a.granularity.value != "range" or b.granularity.value != "range":
        return False
    length = lambda v: ((v.end or v.start) - v.start).days  # noqa: E731
    return length(a) == length(b) <= 1


# --------------------------------------------------------------------------- times of day


def _day(value: DateValue) -> Optional[dt.date]:
    return value.start if value.resolved and value.start and value.start == value.end else None


def _offsets(slot: Slot, frame: Frame) -> Optional[set[int]]:
    value = slot.mention.value
    days = clock.days_around(_day(value), frame.published)
    countries = set(frame.countries)
    if value.time_zone:
        return clock.offsets_of(value.time_zone, days, countries)
    home = clock.home_clock(frame.lang, countries)
    return clock.zone_offsets(home, days) if home else None


def _clock(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"


def _describe_windows(windows: list[tuple[int, int]], on_utc: bool) -> str:
    return " or ".join(f"{_clock(lo)}–{_clock(hi)}" for lo, hi in windows) + (" UTC" if on_utc else "")


def compare_times(a: Slot, b: Slot, frame_a: Frame, frame_b: Frame) -> Relation:
    """Windows of minutes on one clock: the same stated clock, one language's unnamed clock, or UTC."""
    ta, tb = a.mention.value, b.mention.value
    da, db = _day(ta), _day(tb)
    if da and db and da != db:
        return Relation("incomparable", "times of different days", ta.time or "", tb.time or "")
    wa = clock.local_windows(ta, a.mention.text, frame_a.lang)
    wb = clock.local_windows(tb, b.mention.text, frame_b.lang)
    if not wa or not wb:
        return Relation("incomparable", "no window of the day", a.mention.text, b.mention.text)
    on_utc, assumed = False, False
    if not (ta.time_zone == tb.time_zone and (ta.time_zone is not None or frame_a.lang == frame_b.lang)):
        oa, ob = _offsets(a, frame_a), _offsets(b, frame_b)
        if oa and ob:
            wa, wb, on_utc = [clock.to_utc(w, oa) for w in wa], [clock.to_utc(w, ob) for w in wb], True
        elif ta.time_zone or tb.time_zone:
            return Relation("incomparable", "one clock is named, the other cannot be placed", a.mention.text, b.mention.text)
        else:
            assumed = True  # neither names a clock: read both on the event's local clock, and say so
    va, vb = _describe_windows(wa, on_utc), _describe_windows(wb, on_utc)
    said = " (both read as local time)" if assumed else ""
    if all(clock.disjoint(x, y) for x in wa for y in wb):
        gap = min(min(abs(x[0] - y[1]), abs(y[0] - x[1])) for x in wa for y in wb)
        return Relation("disjoint", f"{va} vs {vb}: no minute in common{said}", va, vb, float(gap), assumed)
    return Relation("compatible", f"{va} and {vb} overlap{said}", va, vb, 0.0, assumed)


# --------------------------------------------------------------------------- places


def compare_places(a: PlaceValue, b: PlaceValue) -> Relation:
    if a.kind == "local" or b.kind == "local":
        return _compare_local_places(a, b)
    return _compare_place_keys(Gazetteer.load(), a.key, a.canonical, b.key, b.canonical)


def _compare_local_places(a: PlaceValue, b: PlaceValue) -> Relation:
    """A place below the gazetteer is placed against another of its class only: a street against a street, a
    village against a village. A name word in common ("Ulmenbahnhof" / "Ulmenbahnhof station") makes one place;
    a street against a town is not placed, since the street may lie in it."""
    va, vb = a.canonical, b.canonical
    if a.local_kind is None or a.local_kind != b.local_kind:
        return Relation("incomparable", f"{va} vs {vb}: cannot be placed relative to each other", va, vb)
    if a.key == b.key or _name_words(va) & _name_words(vb):
        return Relation("same", f"{va} / {vb}: one place", va, vb)
    return Relation("disjoint", f"{va} vs {vb}: two places of one kind ({a.local_kind}), named differently", va, vb)


def _name_words(name: str) -> set[str]:
    """The words of a local place's name that name it, not its kind ("Kieler Straße": "kieler")."""
    return {w for w in re.findall(r"\w+", norm(name)) if len(w) >= 4 and w not in local_kind_words()}


@lru_cache(maxsize=1 << 16)
def _compare_place_keys(gazetteer: Gazetteer, key_a: str, va: str, key_b: str, vb: str) -> Relation:
    # A batch compares the same few places in thousands of candidate pairs; the gazetteer is part of the
    # key, so that another alias configuration is never answered from this one's memory.
    relation = gazetteer.relation(key_a, key_b, NEAR_KM, TOWN_KM)
    km = gazetteer.distance_km(key_a, key_b)
    gap = math.log1p(km) if km is not None else 0.0
    if relation == "disjoint":
        far = f" ({km:.0f} km apart)" if km is not None else ""
        return Relation("disjoint", f"{va} vs {vb}: different places{far}", va, vb, gap)
    if relation == "unknown":
        return Relation("incomparable", f"{va} vs {vb}: cannot be placed relative to each other", va, vb, gap)
    if relation == "near":
        far = f"{km:.0f} km apart" if km is not None else "near each other"
        return Relation("differs", f"{va} vs {vb}: two places {far}, near enough to be one place's surroundings", va, vb, gap)
    said = {"same": "one place", "inside": f"{va} lies in {vb}", "contains": f"{vb} lies in {va}", "near": "near each other"}
    return Relation("same" if relation == "same" else "compatible", said[relation], va, vb, gap)
