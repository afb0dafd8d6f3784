"""`factdiff explain` on the seed batch: why the container figures are reported, and why the meeting's
two places are not. Pinned in a golden text file (FACTDIFF_UPDATE_GOLDEN=1 rewrites it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.config import Config
from checker.explain import explain_at
from checker.pipeline import run_check

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "explain-nk-arms.txt"
UP_TO = ("001_a9fea453eefb1996", 864)  # "bis zu 1000 Container"
MOSCOW = ("003_2a793f0310a5d09b", 191)  # "Moskau" in "nach Moskau gereist"
VOSTOCHNY = ("000_de980200fce5f78a", 1876)  # "Weltraumbahnhof Wostotschny"


@pytest.fixture(scope="module")
def result(embedder):
    return run_check(ROOT / "fixtures" / "nk-arms", Config(), embedder=embedder)


def test_explain_output_is_pinned(result):
    text = "\n\n=====\n\n".join([explain_at(result, UP_TO), explain_at(result, MOSCOW, VOSTOCHNY)]) + "\n"
    if os.environ.get("FACTDIFF_UPDATE_GOLDEN") == "1" or not GOLDEN.exists():
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_explain_answers_for_every_finding(result):
    for finding in result.report.findings:
        first = finding.evidence[0]
        assert finding.message in explain_at(result, (first.doc, first.start))


def test_explain_names_an_unknown_article(result):
    with pytest.raises(ValueError, match="no article"):
        explain_at(result, ("nope", 3))
