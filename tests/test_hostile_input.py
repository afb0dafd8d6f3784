"""Hostile and odd input: every bad file is a problem naming it, and the rest of the batch is read."""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

import pytest

from checker import pipeline
from checker.ingest import read_batch
from checker.limits import Limits, limits_from

GOOD = "Die Feuerwehr meldete am Montag drei Verletzte in Kassel."


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def problems_of(batch, path):
    return [p.message for p in batch.problems if p.path == str(path)]


@pytest.mark.parametrize("value", ["2023-02-31", "0000-00-00", "2023-13", "2024-01-05T25:99", "9999-12", "!!timestamp 2023-02-31"])
def test_an_impossible_front_matter_date_is_a_note_naming_the_file(tmp_path, value):
    path = write(tmp_path, "a.md", f"---\ndate: {value}\n---\n{GOOD}\n")
    batch = read_batch(tmp_path)
    (article,) = batch.articles
    assert article.published is None or article.published_from != "front matter"
    (message,) = problems_of(batch, path)
    assert "front-matter date" in message and "not understood" in message


def test_a_front_matter_date_stays_text_for_our_parser(tmp_path):
    write(tmp_path, "a.md", f"---\ndate: 2024-03-02 14:30:00+01:00\n---\n{GOOD}\n")
    (article,) = read_batch(tmp_path).articles
    assert article.published.time == "14:30"


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghijklmnop"):
        prev = "abcdefghijklmnop"[i]
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb.append("title: *p")
    path = write(tmp_path, "bomb.md", "---\n" + "\n".join(bomb) + "\n---\n" + GOOD + "\n")
    began = time.process_time()
    batch = read_batch(tmp_path)
    assert time.process_time() - began < 5  # a bound on a broken loader, not a speed target
    (article,) = batch.articles
    assert article.title is None
    assert any("aliases" in m and "limits.max_aliases" in m for m in problems_of(batch, path))


def test_deep_yaml_nesting_is_a_note(tmp_path):
    path = write(tmp_path, "deep.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + GOOD + "\n")
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["deep"]
    assert any("nested deeper" in m for m in problems_of(batch, path))


def test_metadata_that_is_not_a_single_value_or_too_long_is_ignored(tmp_path):
    path = write(tmp_path, "a.md", f"---\ntitle: [a, b]\nsource: {'x' * 50}\nid: {{k: v}}\n---\n{GOOD}\n")
    batch = read_batch(tmp_path, Limits(max_metadata_chars=20))
    (article,) = batch.articles
    assert (article.id, article.title, article.source) == ("a", None, None)
    messages = problems_of(batch, path)
    assert any("'title' is not a single value" in m for m in messages)
    assert any("'source' is 50 characters long" in m and "limits.max_metadata_chars" in m for m in messages)


def test_mixed_key_types_in_front_matter(tmp_path):
    write(tmp_path, "a.md", f"---\n1: one\nzwei: 2\nnull: x\n---\n{GOOD}\n")
    assert len(read_batch(tmp_path).articles) == 1


def test_a_newline_in_an_id_never_reaches_the_id(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"id": "x\n::error::owned", "text": GOOD}))
    write(tmp_path, "b\nc.txt", GOOD.replace("drei", "vier"))
    batch = read_batch(tmp_path)
    ids = sorted(a.id for a in batch.articles)
    assert ids == ["a", "b\\x0ac"]
    assert any("control characters" in m for m in problems_of(batch, path))


@pytest.mark.parametrize("depth", [25, 100_000])
def test_deeply_nested_json_is_a_problem_naming_the_file(tmp_path, depth):
    write(tmp_path, "good.txt", GOOD)
    path = write(tmp_path, "deep.json", "[" * depth + "]" * depth)
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["good"]
    assert any("nested deeper" in m for m in problems_of(batch, path))


def test_a_deep_jsonl_line_is_one_record_problem(tmp_path):
    lines = [json.dumps({"text": GOOD}), "[" * 50_000, json.dumps({"text": GOOD.replace("drei", "vier")})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    batch = read_batch(tmp_path)
    assert len(batch.articles) == 2
    messages = problems_of(batch, path)
    assert messages and all(m.startswith("line 2:") and "nested deeper" in m for m in messages)


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, bom, codec):
    write(tmp_path, "a.txt", bom + GOOD.encode(codec))
    batch = read_batch(tmp_path)
    (article,) = batch.articles
    assert article.text == GOOD and not batch.problems[0].skipped


def test_a_nul_after_the_first_kilobytes_is_a_problem(tmp_path):
    path = write(tmp_path, "a.txt", (GOOD + "\n") * 200 + "\x00 tail")
    batch = read_batch(tmp_path)
    assert batch.articles == []
    assert "NUL byte at byte offset" in problems_of(batch, path)[0]


def test_one_legacy_line_does_not_turn_a_utf8_file_into_mojibake(tmp_path):
    data = "Die Brücke über die Fulda ist gesperrt.\n".encode("utf-8") + "Köln meldet Schäden.\n".encode("cp1252")
    data += "Größere Schäden gab es in Gießen.\n".encode("utf-8")
    path = write(tmp_path, "a.txt", data)
    batch = read_batch(tmp_path)
    (article,) = batch.articles
    assert article.text.splitlines() == ["Die Brücke über die Fulda ist gesperrt.", "Köln meldet Schäden.", "Größere Schäden gab es in Gießen."]
    (message,) = problems_of(batch, path)
    assert "line 2" in message and "1 of 3 line(s)" in message


def test_a_symlink_out_of_the_batch_is_not_followed(tmp_path):
    secret = write(tmp_path, "outside/secret.txt", "Ein geheimer Satz, der nicht in den Bericht gehört.")
    batch_dir = tmp_path / "batch"
    write(batch_dir, "good.txt", GOOD)
    os.symlink(secret, batch_dir / "leak.txt")
    os.symlink(batch_dir, batch_dir / "loop")
    os.symlink(batch_dir / "missing.txt", batch_dir / "dangling.txt")
    os.symlink(batch_dir / "good.txt", batch_dir / "inside.txt")
    batch = read_batch(batch_dir)
    assert sorted(a.id for a in batch.articles) == ["good", "inside"]
    assert all("geheim" not in a.text for a in batch.articles)
    assert "outside the batch folder; not followed" in problems_of(batch, batch_dir / "leak.txt")[0]
    assert "folder; not followed" in problems_of(batch, batch_dir / "loop")[0]
    assert "broken symbolic link" in problems_of(batch, batch_dir / "dangling.txt")[0]


def test_a_self_loop_symlink_is_named(tmp_path):
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    write(tmp_path, "good.txt", GOOD)
    batch = read_batch(tmp_path)
    assert "loop" in problems_of(batch, tmp_path / "self.txt")[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_named_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path, "good.txt", GOOD)
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["good"]
    assert "FIFO" in problems_of(batch, tmp_path / "pipe.txt")[0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named(tmp_path):
    locked = tmp_path / "locked"
    write(locked, "a.txt", GOOD)
    write(tmp_path, "good.txt", GOOD)
    locked.chmod(0)
    try:
        batch = read_batch(tmp_path)
    finally:
        locked.chmod(0o755)
    assert "folder cannot be read" in problems_of(batch, locked)[0]


def test_limits_name_their_key(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    big = write(tmp_path, "big.txt", GOOD + " " + "x" * 5000)
    long_line = write(tmp_path, "line.txt", GOOD + "\n" + "Wort " * 400)
    feed = write(tmp_path, "feed.jsonl", "\n".join(json.dumps({"text": f"{GOOD} {i}"}) for i in range(5)))
    batch = read_batch(tmp_path, Limits(max_file_bytes=4000, max_line_chars=1000, max_records=3))
    assert sorted(a.id for a in batch.articles) == ["feed/1", "feed/2", "feed/3", "good"]
    assert "limits.max_file_bytes" in problems_of(batch, big)[0]
    assert "line 2 is 2,000 characters long" in problems_of(batch, long_line)[0]
    assert "records from line 4 on not checked" in problems_of(batch, feed)[0]


def test_limits_from_config_are_checked():
    assert limits_from({"max_records": 5}).max_records == 5
    with pytest.raises(ValueError, match="limits: unknown key"):
        limits_from({"max_recrods": 5})
    with pytest.raises(ValueError, match="limits.max_depth: expected a positive whole number"):
        limits_from({"max_depth": "deep"})


def test_one_article_that_fails_in_segmentation_is_a_problem_and_the_rest_is_checked(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", GOOD)
    bad = write(tmp_path, "b.txt", "Ein Artikel, an dem die Segmentierung scheitert.")
    real = pipeline.segment

    def failing(article):
        if article.id == "b":
            raise RuntimeError("boom\non two lines")
        return real(article)

    monkeypatch.setattr(pipeline, "segment", failing)
    prepared = pipeline.prepare(tmp_path, {})
    assert [a.id for a in prepared.articles] == ["a"] and [s.id for s in prepared.summaries] == ["a"]
    (problem,) = [p for p in prepared.problems if p.path == str(bad)]
    assert "RuntimeError: boom on two lines" in problem.message and problem.skipped


def test_lone_surrogates_and_non_utf8_file_names_reach_no_output_raw(tmp_path):
    path = write(tmp_path, "a.json", '{"id": "x\\ud800", "title": "T\\udfff", "text": "Drei \\ud800 Verletzte in Kassel."}')
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(GOOD.encode())
    batch = read_batch(tmp_path)
    by_id = {a.id: a for a in batch.articles}
    assert set(by_id) == {"x\ufffd", "caf\\xe9"}
    assert by_id["x\ufffd"].text == "Drei \ufffd Verletzte in Kassel." and by_id["x\ufffd"].title == "T\ufffd"
    assert by_id["caf\\xe9"].path.endswith("caf\\xe9.txt")
    assert any("surrogate" in m for m in problems_of(batch, path))
    for article in batch.articles:
        article.model_dump_json().encode("utf-8")  # would raise on a surrogate


def test_random_bytes_without_a_nul_are_binary(tmp_path):
    import random

    rng = random.Random(3)
    data = bytes(b for b in (rng.getrandbits(8) for _ in range(3000)) if b)
    path = write(tmp_path, "noise.txt", data)
    write(tmp_path, "escapes.txt", "Ein Satz \x1b[31mmit Farbe\x1b[0m und einem Ende.\n" * 5)
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["escapes"]
    assert "control characters" in problems_of(batch, path)[0]


def test_hidden_entries_are_named_once_and_not_read(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, ".git/objects/a.txt", GOOD)
    write(tmp_path, ".notes.txt", GOOD)
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["good"]
    assert sorted(Path(p.path).name for p in batch.problems) == [".git", ".notes.txt"]
    assert all("hidden entry" in p.message and p.skipped for p in batch.problems)
