"""`factdiff data lint`: the knowledge files' provenance, schemas, repeated keys and words, names given twice."""

from pathlib import Path

from checker.cli import main
from checker.datalint import lint

SOUND_ALIASES = """provenance: invented for a test
entries:
  - {id: north-pier, kind: facility, country: DE, en: [North Pier], de: [Nordmole]}
"""


def _data_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_shipped_knowledge_files_are_sound():
    assert [str(p) for p in lint()] == []


def test_each_kind_of_problem_is_named_with_its_file(tmp_path):
    folder = _data_dir(tmp_path, {
        "place_aliases.yaml": SOUND_ALIASES,
        "twice.yaml": "provenance: test\nwords: [a]\nwords: [b]\n",
        "unsourced.yaml": "words: [alpha, beta]\n",
        "booleans.yaml": "provenance: test\nprepositions: [in, on, at]\ncountries: [DK, NO]\n",
        "repeated.yaml": "provenance: test\nstopwords: [Haus, Hof, Haus]\nslack: [15, 15]\n",
        "names.txt": "Anna\nBen\n",
        "notes.md": "stray\n",
    })
    problems = [str(p) for p in lint(folder)]
    assert any("twice.yaml:3: key 'words' given twice" in p for p in problems)
    assert any("unsourced.yaml: no provenance" in p for p in problems)
    assert sum("booleans.yaml" in p and "true or false" in p for p in problems) == 2
    assert any("repeated.yaml: stopwords: 'Haus' listed 2 times" in p for p in problems)
    assert not any("slack" in p for p in problems)  # numbers may repeat
    assert any("names.txt:1: the first line must be `# provenance: ...`" in p for p in problems)
    assert any("notes.md: not a knowledge file" in p for p in problems)
    assert not any("place_aliases.yaml" in p for p in problems)


def test_an_alias_file_is_held_to_the_gazetteer_schema_and_may_not_rename_a_known_place(tmp_path):
    folder = _data_dir(tmp_path, {"place_aliases.yaml": SOUND_ALIASES})
    newsroom = tmp_path / "newsroom-places.yaml"
    newsroom.write_text(
        "provenance: our desk\n"
        "entries:\n"
        "  - {id: old-harbour, kind: facility, contry: DE, en: [Old Harbour], de: [Alter Hafen]}\n"
        "  - {id: south-pier, kind: pier, country: DE, en: [North Pier], de: [Südmole]}\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in lint(folder, (newsroom,))]
    assert any("newsroom-places.yaml: entries.0.contry: Extra inputs are not permitted" in p for p in problems)
    assert any("newsroom-places.yaml: entries.1.kind" in p for p in problems)
    assert any("the name 'north pier' is given to 'south-pier' and to 'north-pier' (place_aliases.yaml)" in p for p in problems)


def test_the_command_checks_the_configured_alias_files_and_fails_on_a_problem(tmp_path, monkeypatch, capsys):
    aliases = tmp_path / "desk.yaml"
    aliases.write_text("entries:\n  - {id: x, kind: region, en: [Xland], de: [Xland]}\n", encoding="utf-8")
    config = tmp_path / "factdiff.toml"
    config.write_text(f'alias_files = ["{aliases}"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["data", "lint", "--config", str(config)]) == 1
    out = capsys.readouterr()
    assert "desk.yaml: no provenance" in out.out
    assert "1 problem(s) in the knowledge files and 1 alias file(s)" in out.err
