"""A child process for the archive's process tests (tests/test_archive_processes.py), without the
embedding model: `store NAME N LOCATION` adds a synthetic batch of N articles straight to the store,
printing `ready` before and `done` after the write; `cli BATCH LOCATION` runs `factdiff archive add`
with FakeEmbedder in place of the model."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DIM = 8
CLAIMS_PER_ARTICLE = 3


class FakeEmbedder:
    """Deterministic unit vectors from a hash of the text: the same sentence gives the same vector."""

    name = "fake-hash-embedder"

    def __init__(self, model=None) -> None:
        pass

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = [np.frombuffer(hashlib.sha256(t.encode("utf-8")).digest()[: DIM * 4], dtype="<u4").astype(np.float32) for t in texts]
        vectors = np.stack(rows) if rows else np.zeros((0, DIM), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def synthetic_batch(name: str, count: int):
    from checker.models import Article, Claim, Sentence

    articles = [Article(id=f"{name}-{i}", path=f"{name}-{i}.txt", text=f"Artikel {i} der Lieferung {name}. " * 20) for i in range(count)]
    claims = [
        Claim(id=f"{a.id}#{j}", doc=a.id, sentence=Sentence(doc=a.id, index=j, start=0, end=1, text=f"{a.id} Satz {j}"))
        for a in articles for j in range(CLAIMS_PER_ARTICLE)
    ]
    return articles, claims, FakeEmbedder().encode([c.sentence.text for c in claims])


def main(argv: list[str]) -> int:
    from checker.archive import archive_location, open_archive

    if argv[0] == "store":
        name, count, location = argv[1], int(argv[2]), archive_location(argv[3])
        articles, claims, vectors = synthetic_batch(name, count)
        store = open_archive(location)
        print("ready", flush=True)
        store.add_batch(name, articles, claims, vectors, FakeEmbedder.name)
        print("done", flush=True)
        store.close()
        return 0
    import checker.pipeline
    from checker.cli import main as factdiff

    checker.pipeline.Embedder = FakeEmbedder
    return factdiff(["archive", "add", argv[1], "--db", argv[2]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
