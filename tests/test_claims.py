"""Pieces of the contested-claim rule that need no embedder: what meets what is denied."""

from __future__ import annotations

import pytest

from rules.claims import _meets


@pytest.mark.parametrize("focus,words,expected", [
    ({"heat"}, {"heats", "died"}, True),  # "heat" (a whole short word) meets "heatstroke"
    ({"stell"}, {"stell", "abbau"}, True),
    ({"stell"}, {"stelz"}, False),  # five-letter stems meet only whole
    ({"hitze"}, {"hitzs"}, False),
    (set(), {"abbau"}, False),
])
def test_meets(focus: set[str], words: set[str], expected: bool) -> None:
    assert _meets(focus, words) is expected
