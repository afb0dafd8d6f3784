import pytest

from checker.embed import Embedder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The default offline model, built once per machine; embeddings cached on disk across runs."""
    return Embedder()


# --------------------------------------------------------------------------- the review page's tests

import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


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


@contextmanager
def serving(app, host: str = "127.0.0.1"):
    """The app on a free local port, in a thread, for as long as the block runs; yields its base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the review app did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
