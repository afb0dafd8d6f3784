"""Speed and memory of factdiff: end to end on fixtures/nk-arms (cold and warm), stage throughput,
and scaling to 100 / 1,000 / 10,000 articles with exact and nearest-neighbour alignment.

    .venv/bin/python bench/run.py                      # everything (about 15-25 min on 2 cores)
    .venv/bin/python bench/run.py --only e2e           # cold/warm end to end, import and profile breakdown
    .venv/bin/python bench/run.py --only scale --sizes 100,1000 --json bench.json

Every measurement runs in a fresh child process, so import and peak-memory figures are not mixed.

Scale batches are the fixture articles (fixtures/nk-arms and fixtures/eval/*/articles) copied
under new ids (only the ids vary). Copies repeat texts, so their sentences come from the vector
cache (keyed by sha256 of prompt + text: one entry per distinct text). Used as they are, every
copy would pair with every other copy of the same article at similarity 1.0 and the alignment
output itself would grow with the square of the copies; so copy c gets its vectors turned by an
orthogonal map of its own (coordinate permutation and signs in the plane orthogonal to the mean
vector). Within a copy every similarity stays exactly as the model gave it; across copies two
sentences score like unrelated sentences of the model's space: the batch behaves like a feed
of many stories, not one story told 10,000 times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the code of this checkout, whichever one the venv was installed from
NK = ROOT / "fixtures" / "nk-arms"
FACTDIFF = Path(sys.executable).parent / "factdiff"


# ----------------------------------------------------------------------------- helpers


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def peak_mb() -> float:
    """Peak resident memory of this process since the last reset_peak(), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak() -> None:
    """Linux resets VmHWM to the current RSS on writing 5 to clear_refs: per-stage peaks."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def child(mode: str, *args: str, timeout: float = 3600, env: dict | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"child {mode} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = round(wall, 3)
    return result


def base_files() -> list[tuple[str, Path]]:
    """(id stem, file) of every fixture article: the material scale batches are copied from."""
    files = [(f"nk-arms/{p.stem}", p) for p in sorted((NK / "articles").glob("*.txt"))]
    for case in sorted((ROOT / "fixtures" / "eval").glob("*/articles")):
        files += [(f"{case.parent.name}/{p.stem}", p) for p in sorted(case.glob("*.txt"))]
    return files


def write_batch(n: int, folder: Path) -> None:
    files = base_files()
    for i in range(n):
        stem, path = files[i % len(files)]
        target = folder / f"c{i // len(files):05d}" / f"{stem}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def copy_of(doc: str) -> int:
    head = doc.split("/", 1)[0]
    return int(head[1:]) if head.startswith("c") and head[1:].isdigit() else 0


def story_copies(vectors, copies, seed: int = 0):
    """Turn each copy's vectors by its own orthogonal map that fixes the mean direction (see module doc)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    dim = vectors.shape[1]
    mean = vectors.mean(axis=0)
    mean /= np.linalg.norm(mean)
    basis, _ = np.linalg.qr(np.column_stack([mean, rng.normal(size=(dim, dim - 1))]))
    # float32 throughout: at 10,000 articles float64 copies of the vectors would dominate the bench's own peak
    rest = basis[:, 1:].astype(np.float32)  # orthonormal basis of the plane orthogonal to the mean
    mean = mean.astype(np.float32)
    along = vectors @ mean
    coords = vectors @ rest
    copies = np.asarray(copies)
    for c in np.unique(copies):
        if c == 0:
            continue
        local = np.random.default_rng([seed, int(c)])
        perm, signs = local.permutation(dim - 1), local.choice([-1.0, 1.0], size=dim - 1)
        rows = np.flatnonzero(copies == c)
        coords[rows] = coords[rows][:, perm] * signs
    return (along[:, None] * mean + coords @ rest.T).astype(np.float32)


def similarity_profile(vectors, groups, sample: int = 200_000, seed: int = 1) -> dict:
    """Share of claim pairs from different groups scoring >= 0.8, and their mean score."""
    import numpy as np

    rng = np.random.default_rng(seed)
    groups = np.asarray(groups)
    i, j = rng.integers(0, len(vectors), sample), rng.integers(0, len(vectors), sample)
    keep = groups[i] != groups[j]
    scores = np.einsum("ij,ij->i", vectors[i[keep]], vectors[j[keep]])
    return {"pairs": int(keep.sum()), "mean": round(float(scores.mean()), 3), "share_ge_0.8": round(float((scores >= 0.8).mean()), 5)}


class Deadline(Exception):
    pass


def _alarm(signum, frame):
    raise Deadline()


# ----------------------------------------------------------------------------- child processes


def child_e2e(cache: str, profile: bool) -> dict:
    """One run of the pipeline on fixtures/nk-arms, split into imports, model load, stages, report."""
    began = time.perf_counter()
    from checker.embed import Embedder
    from checker.pipeline import run_check
    from checker.report import write_report

    imports = time.perf_counter() - began
    embedder = Embedder(cache_dir=Path(cache) if cache != "default" else None)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    result = run_check(NK, embedder=embedder)
    check = time.perf_counter() - started
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_report(result.report, Path(tmp) / "r.json", "json")
    writing = time.perf_counter() - started
    out: dict[str, Any] = {
        "imports_s": round(imports, 3),
        "run_check_s": round(check, 3),
        "report_json_s": round(writing, 3),
        "stages_s": {k: round(v, 3) for k, v in result.timings.items()},
        "model_load_s": round(embedder.stats.load_seconds, 3),
        "encode_s": round(embedder.stats.encode_seconds, 3),
        "cache_hits": embedder.stats.hits,
        "cache_misses": embedder.stats.misses,
        "articles": len(result.report.articles),
        "sentences": sum(a.sentences for a in result.report.articles),
        "claims": len(result.claims),
        "findings": len(result.report.findings),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if profiler:
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler)
        rows = []
        for (file, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():
            rows.append((cumtime, tottime, calls, f"{Path(file).name}:{line}({name})"))
        rows.sort(reverse=True)
        out["profile_top"] = [
            {"cum_s": round(c, 3), "own_s": round(t, 3), "calls": n, "where": w} for c, t, n, w in rows if c > 0.05
        ][:40]
    return out


def child_pipeline(batch: str, rules_budget: float) -> dict:
    """Every stage on a scale batch, with per-stage peak memory; vectors turned per copy."""
    began = time.perf_counter()
    from checker.align import AlignSettings, align
    from checker.embed import Embedder
    from checker.extract import extract_claims
    from checker.ingest import read_batch
    from checker.segment import segment

    out: dict[str, Any] = {"imports_s": round(time.perf_counter() - began, 3), "stages": {}}

    def stage(name: str, started: float, **extra) -> None:
        out["stages"][name] = {"s": round(time.perf_counter() - started, 3), "peak_mb": round(peak_mb(), 1), **extra}
        reset_peak()

    reset_peak()
    t = time.perf_counter()
    read = read_batch(Path(batch))
    stage("ingest", t)
    t = time.perf_counter()
    sentences = {a.id: segment(a) for a in read.articles}
    stage("segment", t)
    t = time.perf_counter()
    problems: list = []
    claims = [c for a in read.articles for c in extract_claims(a, sentences[a.id], problems)]
    stage("extract", t)
    t = time.perf_counter()
    embedder = Embedder()
    vectors = embedder.encode([c.sentence.text for c in claims])
    stage("embed", t, cache_misses=embedder.stats.misses)
    vectors = story_copies(vectors, [copy_of(c.doc) for c in claims])
    t = time.perf_counter()
    pairs = align(claims, vectors, AlignSettings())
    stage("align", t, pairs=len(pairs), path="ann" if len(claims) > AlignSettings().ann_above else "exact")
    out.update(articles=len(read.articles), sentences=sum(len(s) for s in sentences.values()), claims=len(claims))
    if rules_budget > 0:
        out["rules"] = run_rules_capped(read.articles, claims, pairs, vectors, rules_budget)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def run_rules_capped(articles, claims, pairs, vectors, budget: float) -> dict:
    """Each rule timed on its own; stop after `budget` seconds and say which rule was running."""
    from checker.config import Config
    from rules.base import RuleContext
    from rules.registry import select_rules

    reset_peak()
    t = time.perf_counter()
    ctx = RuleContext(
        articles={a.id: a for a in articles}, claims={c.id: c for c in claims}, pairs=pairs,
        vectors={c.id: v for c, v in zip(claims, vectors)},
    )
    out: dict[str, Any] = {"context_s": round(time.perf_counter() - t, 3), "per_rule_s": {}, "finished": True}
    out["sharing_participants_pairs"] = sharing_participant_pairs(claims)
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget)
    findings = 0
    try:
        for rule in select_rules(Config().select, Config().ignore, {}):
            t = time.perf_counter()
            try:
                findings += sum(1 for _ in rule.check(ctx))
            finally:
                out["per_rule_s"][rule.code] = round(time.perf_counter() - t, 3)
    except Deadline:
        out["finished"] = False
        out["stopped_in"] = list(out["per_rule_s"])[-1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    out["s"] = round(sum(out["per_rule_s"].values()) + out["context_s"], 3)
    out["findings"] = findings
    out["peak_mb"] = round(peak_mb(), 1)
    return out


def sharing_participant_pairs(claims) -> int:
    """How many claim pairs RuleContext._sharing_participants yields: a sum of squares over name words."""
    index: dict[str, list] = {}
    for claim in claims:
        words = {w for m in claim.mentions if m.kind in ("person", "org") for w in m.value.key.split()}
        for word in words:
            index.setdefault(word, []).append(claim.doc)
    total = 0
    for docs in index.values():
        counts: dict[str, int] = {}
        for d in docs:
            counts[d] = counts.get(d, 0) + 1
        n = len(docs)
        total += (n * n - sum(c * c for c in counts.values())) // 2
    return total  # an upper bound: a pair sharing two words is counted once per word, yielded once


def replicated(n: int):
    """(articles, claims, vectors) of n articles: the fixtures extracted once, copied under new ids."""
    import numpy as np

    from checker.embed import Embedder
    from checker.extract import extract_claims
    from checker.ingest import read_batch
    from checker.segment import segment

    with tempfile.TemporaryDirectory() as tmp:
        write_batch(len(base_files()), Path(tmp))
        read = read_batch(Path(tmp))
    base = [c for a in read.articles for c in extract_claims(a, segment(a), [])]
    base_vectors = Embedder().encode([c.sentence.text for c in base])
    by_doc: dict[str, list] = {}
    for claim, vector in zip(base, base_vectors):
        by_doc.setdefault(claim.doc, []).append((claim, vector))
    base_docs = [a.id for a in read.articles]
    articles_by_id = {a.id: a for a in read.articles}
    claims, vectors, articles = [], [], []
    for i in range(n):
        source = base_docs[i % len(base_docs)]
        doc = f"c{i // len(base_docs):05d}/{source.split('/', 1)[1]}"
        articles.append(articles_by_id[source].model_copy(update={"id": doc}))
        for claim, vector in by_doc.get(source, []):
            copy = claim.model_copy(deep=True)
            copy.id, copy.doc, copy.sentence.doc = claim.id.replace(source, doc, 1), doc, doc
            for mention in copy.mentions:
                mention.doc = doc
            claims.append(copy)
            vectors.append(vector)
    return articles, claims, story_copies(np.stack(vectors), [copy_of(c.doc) for c in claims])


def child_align(n: int, rules_budget: float) -> dict:
    """Alignment of n articles (the fixtures' claims, copied) as a large batch, linked article pairs
    found by the index against exact search; up to 1,000 articles also the small-batch path (every
    article pair); then the rules."""
    from checker.align import AlignSettings, align

    reset_peak()
    t = time.perf_counter()
    articles, claims, vectors = replicated(n)
    out: dict[str, Any] = {
        "articles": n, "claims": len(claims), "build_s": round(time.perf_counter() - t, 2), "build_peak_mb": round(peak_mb(), 1),
        "rss_before_align_mb": round(rss_mb(), 1),
        "cross_copy_similarity": similarity_profile(vectors, [copy_of(c.doc) for c in claims]),
    }
    base_groups = [c.doc.split("/")[1] for c in claims if copy_of(c.doc) == 0]
    out["cross_story_similarity_real"] = similarity_profile(vectors[: len(base_groups)], base_groups)

    def timed(settings: AlignSettings, label: str) -> list:
        reset_peak()
        started = time.perf_counter()
        pairs = align(claims, vectors, settings)
        out[label] = {"s": round(time.perf_counter() - started, 3), "pairs": len(pairs), "peak_mb": round(peak_mb(), 1)}
        return pairs

    ann = timed(AlignSettings(ann_above=0), "ann")
    exact = timed(AlignSettings(ann_above=0, neighbour_search="exact"), "exact")
    ann_keys, exact_keys = {(p.a, p.b) for p in ann}, {(p.a, p.b) for p in exact}
    out["recall"] = round(len(exact_keys & ann_keys) / max(1, len(exact_keys)), 5)
    out["recall_by_kind"] = recall_by_kind(exact, ann_keys)
    out["ann_extra_pairs"] = len(ann_keys - exact_keys)
    out["speedup"] = round(out["exact"]["s"] / max(out["ann"]["s"], 1e-9), 1)
    if n <= 1000:
        every = timed(AlignSettings(ann_above=len(claims) + 1), "every_article_pair")
        out["every_article_pair"]["by_kind"] = recall_by_kind(every, ann_keys)
    del exact, exact_keys
    if rules_budget > 0:
        out["rules"] = run_rules_capped(articles, claims, ann, vectors, rules_budget)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def recall_by_kind(exact, found: set) -> dict:
    """Recall of exact pairs within one story (same copy, same fixture case), across stories, and by similarity."""
    kinds: dict[str, list[int]] = {}

    def story(claim_id: str) -> str:
        return "/".join(claim_id.split("/")[:2])

    for p in exact:
        hit = int((p.a, p.b) in found)
        same = story(p.a) == story(p.b)
        for kind in ("same story" if same else "different stories", "similarity >= 0.9" if p.similarity >= 0.9 else "similarity < 0.9"):
            kinds.setdefault(kind, []).append(hit)
    return {k: {"exact_pairs": len(v), "recall": round(sum(v) / len(v), 5)} for k, v in sorted(kinds.items())}


# ----------------------------------------------------------------------------- parent sections


def bench_e2e(results: dict) -> None:
    with tempfile.TemporaryDirectory() as cache:
        cold = child("e2e", "--cache", cache)
    child("e2e", "--cache", "default")  # fill the default cache
    warm = child("e2e", "--cache", "default", "--profile")
    profile = warm.pop("profile_top")
    warm_plain = child("e2e", "--cache", "default")
    results["e2e"] = {"cold": cold, "warm": warm_plain, "warm_profile_top": profile}
    # Warm: every vector cached, and every article's analysis (the default), or the articles read again
    # (cache_analyses = false); runs of the two alternate, so that a busy moment hits both alike.
    walls: dict[str, list[float]] = {"cli_warm_wall_s": [], "cli_warm_reading_again_wall_s": []}
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(FACTDIFF), "check", str(NK), "-o", f"{tmp}/x.json", "--format", "json", "-q"]
        reading_again = Path(tmp) / "factdiff.toml"
        reading_again.write_text("cache_analyses = false\n", encoding="utf-8")
        subprocess.run(cmd, capture_output=True, cwd=ROOT)  # fill the analysis cache
        for _ in range(5):
            for key, extra in (("cli_warm_wall_s", []), ("cli_warm_reading_again_wall_s", ["--config", str(reading_again)])):
                started = time.perf_counter()
                subprocess.run(cmd + extra, capture_output=True, cwd=ROOT)
                walls[key].append(time.perf_counter() - started)
        imports = subprocess.run([sys.executable, "-X", "importtime", "-m", "checker.cli", *cmd[1:]], capture_output=True, text=True, cwd=ROOT)
    for key, runs in walls.items():
        results[key] = {"median": round(statistics.median(runs), 3), "min": round(min(runs), 3), "runs": len(runs)}
    results["import_self_time_by_package_s"] = import_breakdown(imports.stderr)
    print_e2e(results)


def import_breakdown(stderr: str) -> dict[str, float]:
    """Self time of every imported module, summed per top-level package (-X importtime output)."""
    totals: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line.split(":", 1)[1].split("|")
        top = name.strip().split(".")[0]
        totals[top] = totals.get(top, 0.0) + int(self_us) / 1e6
    return {k: round(v, 3) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])[:15]}


def print_e2e(results: dict) -> None:
    for name in ("cold", "warm"):
        r = results["e2e"][name]
        print(f"\n{name} (new process, fixtures/nk-arms: {r['articles']} articles, {r['sentences']} sentences, {r['claims']} claims)")
        print(f"  process wall {r['process_wall_s']:.2f} s = imports {r['imports_s']:.2f} s + run_check {r['run_check_s']:.2f} s + JSON report {r['report_json_s']:.3f} s + interpreter start")
        print(f"  stages: " + ", ".join(f"{k} {v:.3f}" for k, v in r["stages_s"].items()))
        print(f"  embedding: model load {r['model_load_s']:.2f} s, encode {r['encode_s']:.2f} s, cache {r['cache_hits']} hits / {r['cache_misses']} misses; peak RSS {r['peak_rss_mb']:.0f} MB")
        if r["encode_s"]:
            print(f"  encode throughput: {r['cache_misses'] / r['encode_s']:.1f} sentences/s")
    w, again = results["cli_warm_wall_s"], results["cli_warm_reading_again_wall_s"]
    print(f"\nfactdiff check fixtures/nk-arms -o x.json --format json (warm, wall clock, {w['runs']} runs): median {w['median']:.2f} s, min {w['min']:.2f} s")
    print(f"  the same with cache_analyses = false (every article read again): median {again['median']:.2f} s, min {again['min']:.2f} s")
    print("import self time by top-level package (s): " + ", ".join(f"{k} {v}" for k, v in results["import_self_time_by_package_s"].items()))
    print("warm run profile, cumulative (s):")
    for row in results["e2e"]["warm_profile_top"][:25]:
        print(f"  {row['cum_s']:7.3f} {row['own_s']:7.3f} {row['calls']:>9}  {row['where']}")
    r = results["e2e"]["warm"]
    print("throughput (warm):")
    for stage, seconds in r["stages_s"].items():
        if seconds > 0:
            print(f"  {stage:8} {r['sentences'] / seconds:10.0f} sentences/s {r['articles'] / seconds:8.1f} articles/s")


def bench_scale(results: dict, sizes: list[int], pipeline_sizes: list[int], rules_budget: float) -> None:
    results["scale_pipeline"] = {}
    for n in pipeline_sizes:
        with tempfile.TemporaryDirectory() as tmp:
            write_batch(n, Path(tmp))
            r = child("pipeline", tmp, "--rules-budget", str(rules_budget))
        results["scale_pipeline"][n] = r
        print(f"\npipeline, {n} articles ({r['sentences']} sentences, {r['claims']} claims), peak RSS {r['peak_rss_mb']:.0f} MB:")
        for name, s in r["stages"].items():
            extra = {k: v for k, v in s.items() if k not in ("s", "peak_mb")}
            print(f"  {name:8} {s['s']:9.2f} s  peak {s['peak_mb']:7.0f} MB  {r['sentences'] / max(s['s'], 1e-9):9.0f} sentences/s  {extra or ''}")
        if "rules" in r:
            print_rules(r["rules"])
    results["scale_align"] = {}
    for n in sizes:
        r = child("align", str(n), "--rules-budget", str(rules_budget))
        results["scale_align"][n] = r
        print(f"\nalignment, {n} articles, {r['claims']} claims (copies built in {r['build_s']} s, peak {r['build_peak_mb']:.0f} MB, {r['rss_before_align_mb']:.0f} MB resident before aligning)")
        print(f"  linked articles, exact search (every claim pair scored) {r['exact']['s']:9.2f} s  {r['exact']['pairs']} pairs, peak {r['exact']['peak_mb']:.0f} MB")
        print(f"  linked articles, index (usearch HNSW)                   {r['ann']['s']:9.2f} s  {r['ann']['pairs']} pairs, peak {r['ann']['peak_mb']:.0f} MB")
        print(f"  speed-up {r['speedup']}x, recall of exact pairs {r['recall']}, index pairs not in exact {r['ann_extra_pairs']}")
        for kind, figures in r["recall_by_kind"].items():
            print(f"    recall, {kind}: {figures['recall']} of {figures['exact_pairs']} exact pairs")
        if "every_article_pair" in r:
            e = r["every_article_pair"]
            print(f"  small-batch path (every article pair) {e['s']:9.2f} s  {e['pairs']} pairs: " + ", ".join(f"{k} {v['exact_pairs']} (kept in large-batch alignment: {v['recall']})" for k, v in e["by_kind"].items()))
        print(f"  similarity across copies {r['cross_copy_similarity']}; across real stories {r['cross_story_similarity_real']}")
        if "rules" in r:
            print_rules(r["rules"])
        print(f"  peak RSS of the process {r['peak_rss_mb']:.0f} MB")


def print_rules(r: dict) -> None:
    state = "finished" if r["finished"] else f"stopped after the budget, in {r['stopped_in']}"
    print(f"  rules    {r['s']:9.2f} s  peak {r['peak_mb']:7.0f} MB  ({state}; {r['findings']} findings; "
          f"_sharing_participants pairs <= {r['sharing_participants_pairs']:,})")
    print("           " + ", ".join(f"{k} {v}" for k, v in r["per_rule_s"].items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", choices=["e2e", "scale"])
    parser.add_argument("--sizes", default="100,1000,10000", help="articles per batch for the alignment comparison")
    parser.add_argument("--pipeline-sizes", default="100,1000", help="articles per batch for the full pipeline")
    parser.add_argument("--rules-budget", type=float, default=300, help="seconds the rules may run per batch before being stopped")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child == "e2e":
            out = child_e2e(args.cache, args.profile)
        elif args.child == "pipeline":
            out = child_pipeline(args.rest[0], args.rules_budget)
        else:
            out = child_align(int(args.rest[0]), args.rules_budget)
        print(json.dumps(out))
        return 0
    results: dict[str, Any] = {
        "cpu_count": os.cpu_count(), "cpu_model": cpu_model(), "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(f"factdiff bench: {results['cpu_count']} cores ({results['cpu_model']}), Python {results['python']}, {results['date']}")
    if args.only in (None, "e2e"):
        bench_e2e(results)
    if args.only in (None, "scale"):
        sizes = [int(s) for s in args.sizes.split(",") if s]
        pipeline_sizes = [int(s) for s in args.pipeline_sizes.split(",") if s]
        bench_scale(results, sizes, pipeline_sizes, args.rules_budget)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
