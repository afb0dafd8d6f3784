"""Crash reproductions from the hardening issue whose cause lay in the rules: two spaces or a tab between
capitalised words made the organisation-name grouping look for the words joined by one space. Fixed in
rules/names.py (words taken with their own offsets); kept as tests."""

from __future__ import annotations

import numpy as np
import pytest

from checker.archive import SQLiteArchive
from checker.config import Config
from checker.pipeline import prepare, run_check, run_check_with_archive


A = "Die Sprecherin der Nordsund  Reederei  Gesellschaft sagte, 200 Passagiere seien an Bord gewesen.\n"
B = "Die Sprecherin der Nordsund Reederei Gesellschaft sagte, 150 Passagiere seien an Bord gewesen.\n"


def batch(tmp_path, name, texts):
    folder = tmp_path / name
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{name}-{i}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("gap", ["  ", "\t"])
def test_two_spaces_or_a_tab_between_capitalised_words(tmp_path, embedder, gap):
    """rules/names.py (_text_name_groups): `m.group().index(name)` after the words were joined by one space."""
    folder = batch(tmp_path, "b", [A.replace("  ", gap), B])
    report = run_check(folder, Config(), embedder=embedder).report
    assert len(report.articles) == 2


def test_an_archived_article_with_a_double_space_does_not_poison_later_checks(tmp_path, embedder):
    """The same crash, from an article stored in the archive: every later check that pulls it in fails."""
    old = batch(tmp_path, "old", [A])
    prepared = prepare(old, {})
    store = SQLiteArchive(tmp_path / "a.sqlite")
    vectors = embedder.encode([c.sentence.text for c in prepared.claims])
    store.add_batch("old", prepared.articles, prepared.claims, np.asarray(vectors), embedder.name)
    new = batch(tmp_path, "new", [B])
    report = run_check_with_archive(new, store, Config(), embedder=embedder).report
    assert len(report.articles) == 1
