"""Times of day as windows of minutes, and the UTC offsets of the clock a time was stated on.

A stated time is never a point: "um 7.48 Uhr" may be rounded, "gegen 7.50 Uhr" is meant roughly,
"am Abend" is hours wide. Windows are minutes after local midnight and may run past 24:00 (a night).
A clock is read as every UTC offset it may stand for on the day in question, because writers use
"MEZ" or "EST" for their region's clock all year; a conflict must hold under every reading.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterable, Optional
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checker.models import DateValue
from checker.resources import load_data

DAY = 24 * 60
NEAR_PUBLICATION = 7  # days before publication an undated event time may lie in, for its zone's offset
PRECISE_SLACK = 5  # minutes either side of a time stated to the minute (rounding, clocks of sources)
HOUR_SLACK = 30  # minutes either side of a time stated as a full hour ("um 8 Uhr", "9pm")


def _minutes(clock: str) -> int:
    h, m = clock.split(":")
    return int(h) * 60 + int(m)


def stated_to_the_minute(value: DateValue, text: str) -> bool:
    """"8.40 Uhr" or "8:00 a.m." name the minute; "8 Uhr" and "9pm" only the hour."""
    return not value.time.endswith(":00") or bool(re.search(r"\d[.:]00(?!\d)", text))


def local_window(value: DateValue, text: str) -> Optional[tuple[int, int]]:
    """The minutes after local midnight the stated time of day may mean, or None without one."""
    if value.time:
        t = _minutes(value.time)
        slack = PRECISE_SLACK if stated_to_the_minute(value, text) else HOUR_SLACK
        before, after = slack, slack
        if value.time_qualifier:
            q_before, q_after = load_data("dates.yaml")["time"]["qualifiers"][value.time_qualifier]["slack"]
            # "kurz nach 21 Uhr" is not before 21:00, however round the hour
            before = q_before and max(before, q_before)
            after = q_after and max(after, q_after)
        return t - before, t + after
    if value.time_span:
        lo, hi = map(_minutes, value.time_span)
        return lo, hi if hi > lo else hi + DAY
    return None


def local_windows(value: DateValue, text: str, lang: str) -> list[tuple[int, int]]:
    """Every window the time may mean: an English "at 9:15" without a.m. or p.m. may be either."""
    window = local_window(value, text)
    if window is None:
        return []
    if value.time and _twelve_hour(value.time, text, lang):
        return [window, (window[0] + DAY // 2, window[1] + DAY // 2)]
    return [window]


def _twelve_hour(time: str, text: str, lang: str) -> bool:
    """An English time without a.m. or p.m.; a German one told as speech ("halb drei", "kurz vor
    sieben"), not written with digits and "Uhr" ("14.35 Uhr", "um 9:15"); never a named hour ("noon")."""
    hour = int(time.split(":")[0])
    if not 1 <= hour <= 12 or re.search(r"(?i)[ap]\.?m\b|\bUhr\b|(?<!\d)0\d[:.]\d", text) or _named_hour(text):
        return False
    return lang == "en" or not re.search(r"\d[:.]\d", text)


def _named_hour(text: str) -> bool:
    return any(re.search(rf"(?i)\b{re.escape(word)}\b", text) for word in load_data("dates.yaml")["named_hours"])


def disjoint(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """No minute of the day lies in both windows, whichever day each wraps into."""
    return all(a[1] < b[0] + k * DAY or b[1] + k * DAY < a[0] for k in (-1, 0, 1))


def to_utc(window: tuple[int, int], offsets: set[int]) -> tuple[int, int]:
    """The hull of the window under every offset it may be on: wider, never narrower."""
    return window[0] - max(offsets), window[1] - min(offsets)


@lru_cache(maxsize=1)
def _zones() -> dict:
    return load_data("time_zones.yaml")


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    return load_data("country_time_zones.yaml")["countries"]


def zone_offsets(zone: str, days: Iterable[dt.date]) -> Optional[set[int]]:
    """The zone's UTC offsets on those days; None where no time zone database is installed (then no
    time is converted: the system's zoneinfo or the tzdata package provides one)."""
    try:
        info = ZoneInfo(zone)
    except ZoneInfoNotFoundError:
        return None
    return {int(info.utcoffset(dt.datetime.combine(d, dt.time(12))).total_seconds() // 60) for d in days}


def days_around(day: Optional[dt.date], published: Optional[dt.date]) -> list[dt.date]:
    """The days whose offsets count: the event's day, else the week before publication, else a whole year."""
    if day:
        return [day]
    if published:
        return [published - dt.timedelta(days=n) for n in range(NEAR_PUBLICATION + 1)]
    return [dt.date(2001, month, 15) for month in range(1, 13)]


def offsets_of(zone_key: str, days: list[dt.date], countries: set[str]) -> Optional[set[int]]:
    """Every UTC offset (minutes east) the named clock may mean on those days; None when it cannot be told.

    "local" is the clock of the place named: all `countries` must keep one clock."""
    entry = _zones()["zones"].get(zone_key)
    if entry is None:
        return None
    if zone_key == "local":
        zones = {_countries().get(c) for c in countries}
        if len(zones) != 1 or None in zones:
            return None
        return zone_offsets(zones.pop(), days)
    offsets = {entry["offset"]} if entry["offset"] is not None else set()
    if entry["zone"]:
        actual = zone_offsets(entry["zone"], days)
        if actual is None:
            return None
        offsets |= actual
    return offsets


def zone_label(zone_key: str) -> str:
    """How a zone is named in a report: its first word in time_zones.yaml ("German time")."""
    return _zones()["zones"][zone_key]["words"][0]


def home_clock(lang: str, countries: set[str]) -> Optional[str]:
    """The zone a reader assumes for a time stated without one, when every place named keeps it."""
    home = _zones()["home_clocks"].get(lang)
    if home and countries and countries <= set(home["countries"]):
        return home["zone"]
    return None
