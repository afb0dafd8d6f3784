from pathlib import Path

import pytest

from checker.embed import Embedder

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The default offline model, built once per machine; embeddings cached on disk across runs."""
    return Embedder()


# --------------------------------------------------------------------------- the review page's tests

def _json_report(batch: Path, out: Path) -> Path:
    from checker.cli import main

    assert main(["check", str(batch), "-o", str(out), "--format", "json", "--exit-zero", "-q"]) == 0
    return out


@pytest.fixture(scope="session")
def nk_arms_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fixtures/nk-arms checked once per test session (the embedding model makes a check take seconds)."""
    return _json_report(REPO / "fixtures" / "nk-arms", tmp_path_factory.mktemp("review") / "nk-arms.json")


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fixtures/review-hostile (markup meant to run, in text and front matter), checked once per session."""
    return _json_report(REPO / "fixtures" / "review-hostile", tmp_path_factory.mktemp("review") / "review-hostile.json")
