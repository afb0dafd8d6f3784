import pytest

from checker.embed import Embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The default offline model, built once per machine; embeddings cached on disk across runs."""
    return Embedder()
