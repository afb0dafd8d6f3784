"""Event scoping shared by the rules: are two claims about the same event, and which article is newer."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from checker.models import Article, Claim, DateValue


def _bounds(value: Optional[DateValue]) -> Optional[tuple[dt.date, dt.date]]:
    if value is None or not value.resolved or value.start is None:
        return None
    return value.start, value.end or value.start


def different_events(a: Claim, b: Claim) -> bool:
    """Claims whose resolved event times cannot overlap report different events."""
    ta, tb = _bounds(a.event_time), _bounds(b.event_time)
    if ta is None or tb is None:
        return False
    return ta[1] < tb[0] or tb[1] < ta[0]


def publication_order(articles: list[Article]) -> list[Article]:
    """Articles with a known publication time, oldest first; the others are left out."""
    dated = [a for a in articles if a.published and a.published.start]
    return sorted(dated, key=lambda a: (a.published.start, a.published.time or "00:00"))
