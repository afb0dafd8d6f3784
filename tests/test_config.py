from pathlib import Path

import pytest

from checker import gazetteer
from checker.config import Config, load_config
from checker.models import Severity
from rules.registry import select_rules


def test_pyproject_section_then_batch_file_then_explicit(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factdiff]\nselect = ["FD1"]\nfail_on = "warning"\n')
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "factdiff.toml").write_text('ignore = ["FD102"]\nseverity = { FD101 = "warning" }\n')
    config = load_config(batch=batch, cwd=tmp_path)
    assert (config.select, config.ignore, config.fail_on) == (["FD1"], ["FD102"], "warning")
    assert config.severity == {"FD101": Severity.warning}
    assert [r.code for r in select_rules(config.select, config.ignore, {"FD101": "warning"})] == ["FD101"]
    assert select_rules(config.select, config.ignore, {"FD101": "warning"})[0].severity(Severity.error) == Severity.warning


def test_unknown_key_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.factdiff]\nselekt = ["FD1"]\n')
    with pytest.raises(ValueError, match=r"pyproject.toml: unknown \[tool.factdiff\] keys: selekt"):
        load_config(cwd=tmp_path)


def test_unknown_rule_code_is_an_error():
    with pytest.raises(ValueError, match="unknown rule code 'FD999'"):
        select_rules(["FD999"])


def test_broken_toml_names_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.factdiff\n")
    with pytest.raises(ValueError, match="pyproject.toml: cannot read configuration"):
        load_config(cwd=tmp_path)


def test_defaults():
    assert Config().fail_on == "error" and Config().select == [] and Config().model is None


def test_extra_alias_files_reach_the_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDIFF_HOME", str(tmp_path / "home"))
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "provenance: test\nentries:\n"
        "  - {id: test-harbour, kind: facility, country: DE, admin1_city: Kiel, lat: 54.33, lon: 10.16,"
        " en: [Testharbour Quay], de: [Testhafenkai Nord]}\n",
        encoding="utf-8",
    )
    try:
        gazetteer.use_alias_files([str(aliases)])
        (hit,) = gazetteer.Gazetteer.load().lookup("Testhafenkai Nord")[:1]
        assert hit.key == "alias:test-harbour" and hit.country == "DE"
    finally:
        gazetteer.use_alias_files([])  # forgets the index built here; the next load uses the real home
    assert gazetteer._extra_alias_files == ()


def test_missing_alias_file_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no such file"):
        gazetteer.use_alias_files([str(tmp_path / "nope.yaml")])


def test_preview_rules_run_only_in_preview_mode_with_the_preview_model():
    from checker.decide import PREVIEW_MODEL_PATH, load_model, model_path

    everyday = {r.code for r in select_rules()}
    previewed = {r.code for r in select_rules(preview=True)}
    assert {"FD601", "FD408"} <= previewed - everyday
    assert {r.code for r in select_rules(["FD6"], preview=True)} == {"FD601"}
    with pytest.raises(ValueError, match="FD601: preview rule"):
        select_rules(["FD601"])
    assert model_path(None, True) == str(PREVIEW_MODEL_PATH) and model_path("mine.json", True) == "mine.json"
    assert model_path(None, False) is None
    assert "kind_state" in load_model(str(PREVIEW_MODEL_PATH)).features  # the preview model knows the preview slots
