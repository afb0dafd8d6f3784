import datetime as dt
import json

import pytest

from checker.ingest import decode, parse_metadata_date, read_batch, InputError
from checker.models import Granularity


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_front_matter_gives_metadata_and_offsets_count_from_the_file_start(tmp_path):
    text = "---\nid: a1\nsource: Tagesblatt\ndate: 2024-03-02T14:30\nlang: de\n---\nDer Zug entgleiste am Morgen.\n"
    write(tmp_path, "x.md", text)
    batch = read_batch(tmp_path)
    (article,) = batch.articles
    assert article.id == "a1" and article.source == "Tagesblatt" and article.lang == "de"
    assert article.published.start == dt.date(2024, 3, 2) and article.published.time == "14:30"
    assert article.published_from == "front matter"
    assert article.text == text and text[article.body_start :].startswith("Der Zug")
    assert batch.problems == []


def test_id_defaults_to_path_below_batch_without_extension(tmp_path):
    write(tmp_path, "sub/dir/story.txt", "The train derailed on Friday.")
    assert [a.id for a in read_batch(tmp_path).articles] == ["sub/dir/story"]


def test_labelled_case_reads_its_articles_folder_only(tmp_path):
    write(tmp_path, "articles/a.txt", "Ein Satz über den Zug.")
    write(tmp_path, "gold.yaml", "case: x\n")
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["a"] and batch.problems == []


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", "  \n\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("only-meta.md", "---\nid: z\n---\n", "no article text"),
        ("broken.json", '{"text": "abc",', "malformed JSON at line 1"),
        ("notext.json", '{"title": "no text here"}', "no non-empty 'text'"),
        ("image.png", b"\x89PNG", "not an article"),
    ],
)
def test_bad_input_is_reported_by_file_and_the_rest_is_checked(tmp_path, name, data, message):
    write(tmp_path, "good.txt", "Die Polizei meldete drei Verletzte.")
    bad = write(tmp_path, name, data)
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["good"]
    (problem,) = batch.problems
    assert problem.path == str(bad) and message in problem.message and problem.skipped


def test_latin1_file_is_read_with_a_warning_naming_the_byte(tmp_path):
    path = write(tmp_path, "latin.txt", "Die Brücke in Köln ist gesperrt.".encode("latin-1"))
    batch = read_batch(tmp_path)
    (article,) = batch.articles
    assert "Brücke in Köln" in article.text
    (problem,) = batch.problems
    assert problem.path == str(path) and "not valid UTF-8 (byte 0xfc" in problem.message and not problem.skipped


def test_malformed_front_matter_is_reported_and_text_still_checked(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\nDer Bürgermeister sprach von 20 Verletzten.\n")
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["a"]
    assert batch.problems[0].path == str(path) and "malformed front matter" in batch.problems[0].message


def test_jsonl_records_each_become_an_article_and_a_bad_line_is_named(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": "Über 100 Menschen wurden evakuiert.", "date": "2024-05-01", "lang": "de"}),
        "{not json",
        json.dumps({"text": "More than 100 people were evacuated.", "lang": "en"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    batch = read_batch(tmp_path)
    assert [a.id for a in batch.articles] == ["r1", "feed/3"]
    assert batch.articles[1].lang == "en"
    (problem,) = batch.problems
    assert problem.path == str(path) and problem.message.startswith("line 2: malformed JSON")


def test_duplicate_ids_are_reported(tmp_path):
    write(tmp_path, "a.md", "---\nid: same\n---\nText eins.\n")
    write(tmp_path, "b.md", "---\nid: same\n---\nText zwei.\n")
    batch = read_batch(tmp_path)
    assert len(batch.articles) == 1 and "duplicate article id 'same'" in batch.problems[0].message


def test_language_is_detected_when_metadata_does_not_say(tmp_path):
    write(tmp_path, "de.txt", "Die Regierung hat am Montag mitgeteilt, dass die Brücke gesperrt wird.")
    write(tmp_path, "en.txt", "The government said on Monday that the bridge will be closed.")
    langs = {a.id: (a.lang, a.lang_detected) for a in read_batch(tmp_path).articles}
    assert langs == {"de": ("de", True), "en": ("en", True)}


@pytest.mark.parametrize(
    "value, start, end, granularity",
    [
        ("2023-10", dt.date(2023, 10, 1), dt.date(2023, 10, 31), Granularity.month),
        ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31), Granularity.month),
        ("2024-01-05T04:55", dt.date(2024, 1, 5), dt.date(2024, 1, 5), Granularity.time),
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29), dt.date(2024, 2, 29), Granularity.day),
    ],
)
def test_metadata_dates(value, start, end, granularity):
    parsed = parse_metadata_date(value)
    assert (parsed.start, parsed.end, parsed.granularity) == (start, end, granularity)


def test_unparseable_metadata_date_is_reported_not_guessed(tmp_path):
    write(tmp_path, "a.md", "---\ndate: next tuesday\n---\nText.\n")
    batch = read_batch(tmp_path)
    assert batch.articles[0].published is None
    assert "front-matter date 'next tuesday' not understood" in batch.problems[0].message


def test_decode_rejects_nul_bytes():
    with pytest.raises(InputError, match="binary"):
        decode(b"abc\x00def")


def test_missing_batch_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_batch(tmp_path / "nope")
