"""The analysis cache: an article already read is not read again, and anything it depends on changing misses."""

from __future__ import annotations

from pathlib import Path

from checker.analyses import AnalysisCache, fingerprint
from checker.pipeline import prepare

ARTICLES = {
    "a.txt": "---\nsource: Tagesblatt\ndate: 2026-03-02\nlang: de\n---\nIn Lindenau brannte am Montag eine Lagerhalle. "
             "Die Feuerwehr war mit 80 Einsatzkräften vor Ort.\n",
    "b.txt": "---\nsource: Wire\ndate: 2026-03-02\nlang: en\n---\nA warehouse burned in Lindenau on Monday. "
             "About 60 firefighters were at the scene.\n",
}


def _batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_second_check_reads_the_articles_from_the_cache(tmp_path):
    batch, cache = _batch(tmp_path), AnalysisCache(tmp_path / "analyses.sqlite")
    first_timings: dict[str, float] = {}
    first = prepare(batch, first_timings, analyses=cache)
    assert (cache.hits, cache.misses) == (0, 2) and "extract" in first_timings
    again_timings: dict[str, float] = {}
    again = prepare(batch, again_timings, analyses=AnalysisCache(tmp_path / "analyses.sqlite"))
    assert "extract" not in again_timings
    assert again.claims == first.claims and again.summaries == first.summaries and again.problems == first.problems
    uncached = prepare(batch, {})
    assert uncached.claims == first.claims


def test_an_edited_article_is_read_again(tmp_path):
    batch, cache = _batch(tmp_path), AnalysisCache(tmp_path / "analyses.sqlite")
    prepare(batch, {}, analyses=cache)
    (batch / "b.txt").write_text(ARTICLES["b.txt"].replace("60", "90"), encoding="utf-8")
    cache = AnalysisCache(tmp_path / "analyses.sqlite")
    edited = prepare(batch, {}, analyses=cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert any("90" in c.sentence.text for c in edited.claims)


def test_the_key_holds_the_alias_files(tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("aliases: {}\n", encoding="utf-8")
    before = fingerprint((str(aliases),))
    aliases.write_text("aliases: {lindenau: [Lindenow]}\n", encoding="utf-8")
    fingerprint.cache_clear()
    assert fingerprint((str(aliases),)) != before != fingerprint()


def test_an_entry_that_no_longer_reads_is_a_miss_and_is_written_anew(tmp_path):
    batch, path = _batch(tmp_path), tmp_path / "analyses.sqlite"
    prepare(batch, {}, analyses=AnalysisCache(path))
    cache = AnalysisCache(path)
    with cache.con:
        cache.con.execute("UPDATE analyses SET analysis = ?", (b'{"claims": "not a list"}',))
    timings: dict[str, float] = {}
    prepare(batch, timings, analyses=cache)
    assert (cache.hits, cache.misses) == (0, 2) and "extract" in timings
    cache = AnalysisCache(path)
    prepare(batch, {}, analyses=cache)
    assert (cache.hits, cache.misses) == (2, 0)
