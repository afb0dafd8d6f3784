"""A sample of the hostile-batch generator (scripts/hostile_batch.py), checked on every test run: each
kind of bad or odd file once, beside good articles. The full batch (320 entries) and the fuzzer are
scripts/reliability.sh (docs/reliability.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checker import ci_formats
from checker.config import Config
from checker.pipeline import run_check
from checker.report import to_html, to_json, to_markdown

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from hostile_batch import generate, verify  # noqa: E402


def test_a_hostile_batch_names_every_bad_entry_and_checks_every_good_article(tmp_path, embedder):
    expected = generate(tmp_path / "hostile", bad=70, seed=7, good=3, core_crashes=False)
    assert len(expected["bad"]) >= 25
    # Tighter limits than the defaults keep the sample fast; the full run uses the defaults.
    config = Config(limits={"max_records": 20, "max_line_chars": 5000})
    result = run_check(tmp_path / "hostile", config, embedder=embedder)
    report = json.loads(to_json(result.report))
    articles = {a.id: a for a in result.articles}
    outputs = {
        "json": to_json(result.report), "md": to_markdown(result.report), "html": to_html(result.report),
        "sarif": ci_formats.to_sarif(result.report, articles), "github": ci_formats.to_github(result.report, articles),
    }
    assert verify(report, expected, outputs) == []
    # Every odd but readable file is either checked or named.
    named = {p["path"].rpartition("hostile/")[2] for p in report["problems"]}
    paths = {a.path.rpartition("hostile/")[2] for a in result.articles}
    assert all(rel in named or rel in paths for rel in expected["readable"])


def test_a_fuzz_sample_reads_segments_and_extracts_without_escaping_exceptions(tmp_path):
    """scripts/fuzz.py's mutations, 40 articles through ingest, segmentation and extraction (the
    full fuzzer also embeds, aligns, runs the rules and writes every format)."""
    import random

    from checker.pipeline import prepare
    from fuzz import seeds, write_batch

    write_batch(tmp_path / "fuzz", 0, 40, random.Random(11), seeds())
    prepared = prepare(tmp_path / "fuzz", {})
    files = {p.name for p in (tmp_path / "fuzz").iterdir()}
    accounted = {Path(a.path).name for a in prepared.articles} | {Path(p.path).name for p in prepared.problems if p.skipped}
    assert files <= accounted
