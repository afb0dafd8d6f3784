"""The fuzzer: mutated articles (scripts/hostile_batch.py's `mutate`) checked in batches through
`factdiff check`, counting aborted batches, tracebacks, hangs and articles set aside by an
internal failure (a caught crash, named in the report's problems).

    .venv/bin/python scripts/fuzz.py --articles 10000 --batch-size 50 --seed 1       # the full run (docs/reliability.md)
    .venv/bin/python scripts/fuzz.py --articles 200 --batch-size 20                  # a quick one
    .venv/bin/python scripts/fuzz.py --articles 10000 --without-core-crashes         # all but the core's known crash

Each batch runs in-process through `checker.cli.main` (all formats written, so every writer sees
the hostile text) inside worker processes that share one embedder; a batch that runs past
--timeout is a hang. Exit 1 if any batch aborted, printed a traceback or hung.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing as mp
import random
import re
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from hostile_batch import GOOD, mutate  # noqa: E402

FIXTURE_SEEDS = sorted((HERE.parent / "fixtures" / "ci").glob("batch-*/*.txt"))


class Hang(Exception):
    pass


def seeds() -> list[str]:
    texts = []
    for i, (lang, title, body) in enumerate(GOOD):
        for n in (120, 200):
            texts.append(f"---\nid: seed{i}-{n}\nlang: {lang}\ntitle: {title}\ndate: 2025-06-02\n---\n{title}\n\n{body.format(n=n)}")
    texts += [p.read_text(encoding="utf-8") for p in FIXTURE_SEEDS]
    return texts


CORE_CRASH = re.compile(r"[ \t]*\t[ \t]*| {2,}")  # two spaces or a tab: rules/names.py's known crash


def write_batch(folder: Path, index: int, size: int, rng: random.Random, pool: list[str], core_crashes: bool = True) -> None:
    folder.mkdir(parents=True)
    for j in range(size):
        text = mutate(rng.choice(pool), rng)
        if not core_crashes:
            text = CORE_CRASH.sub(" ", text)
        kind = rng.random()
        if kind < 0.1:
            (folder / f"r{j:03d}.json").write_text(json.dumps({"id": f"r{index}-{j}", "text": text}), encoding="utf-8")
        elif kind < 0.15:
            (folder / f"r{j:03d}.txt").write_bytes(text.encode("cp1252", errors="replace"))
        else:
            (folder / f"a{j:03d}.md").write_text(text, encoding="utf-8", errors="surrogatepass")


def _alarm(signum, frame):
    raise Hang()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=300, help="seconds one batch may take before it counts as a hang")
    parser.add_argument("--keep", type=Path, help="write the batches here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="write every batch's result here")
    parser.add_argument("--without-core-crashes", action="store_true",
                        help="collapse runs of spaces and tabs, the decision core's one known crash (tests/test_core_crashes.py), "
                        "so that the run measures everything else")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pool = seeds()
    batches = (args.articles + args.batch_size - 1) // args.batch_size
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        jobs = []
        for index in range(batches):
            size = min(args.batch_size, args.articles - index * args.batch_size)
            folder = root / f"batch-{index:04d}"
            write_batch(folder / "articles", index, size, rng, pool, core_crashes=not args.without_core_crashes)
            (folder / "factdiff.toml").write_text('output_dir = "reports"\n', encoding="utf-8")
            jobs.append((index, str(folder)))
        began = time.perf_counter()
        queue: mp.Queue = mp.Queue()
        procs = []
        for w in range(args.workers):
            mine = jobs[w :: args.workers]
            proc = mp.Process(target=worker, args=(mine, args.timeout, queue))
            proc.start()
            procs.append(proc)
        results = []
        while len(results) < len(jobs):
            try:
                results.append(queue.get(timeout=args.timeout * 2 + 120))
            except Exception:
                break
            done = len(results)
            if done % 10 == 0 or done == len(jobs):
                print(f"{done}/{len(jobs)} batches, {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
        for proc in procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
        wall = time.perf_counter() - began

    lost = len(jobs) - len(results)
    aborted = [r for r in results if r.get("escaped") or r.get("unexpected") or r.get("rc") not in (0, 1, 2)]
    tracebacks = [r for r in results if r.get("traceback") or r.get("escaped")]
    hangs = [r for r in results if r.get("hang")]
    caught = Counter(re.sub(r"article '.*?' could", "article … could", c.split(": ", 1)[-1])[:160]
                     for r in results for c in r["caught"])
    slowest = max((r["seconds"] for r in results), default=0)
    biggest = max((r["report_bytes"] for r in results), default=0)
    summary = {
        "articles": args.articles, "batches": len(jobs), "without_core_crashes": args.without_core_crashes, "batch_size": args.batch_size, "seed": args.seed,
        "wall_seconds": round(wall, 1), "aborted_batches": len(aborted), "tracebacks": len(tracebacks),
        "hangs": len(hangs), "lost_batches": lost, "raw_controls_on_stdout": sum(r["raw_controls"] for r in results),
        "articles_set_aside_by_internal_failure": sum(caught.values()), "slowest_batch_seconds": slowest,
        "largest_report_set_bytes": biggest, "exit_2_batches": sum(r.get("rc") == 2 for r in results),
        "articles_checked": sum(r.get("checked", 0) for r in results),
        "input_problems": sum(r.get("problems", 0) for r in results),
        "findings": sum(r.get("findings", 0) for r in results),
    }
    print(json.dumps(summary, indent=1))
    if caught:
        print("internal failures caught per article (the article is named in the report's problems):")
        for cause, count in caught.most_common(20):
            print(f"  {count:5}  {cause}")
    for r in aborted[:10] + hangs[:10]:
        print(f"batch {r['batch']}: {r.get('escaped') or r.get('unexpected') or 'hang'}")
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "results": results}, indent=1), encoding="utf-8")
    return 1 if aborted or tracebacks or hangs or lost else 0


def worker(jobs: list[tuple[int, str]], timeout: int, queue) -> None:
    """One process: one embedder for all its batches; each batch run from beside it, so that its
    reports land in <batch>/reports (its factdiff.toml says so)."""
    import os

    from checker import pipeline
    from checker.embed import Embedder

    shared = Embedder()
    real = pipeline.Embedder
    pipeline.Embedder = lambda model=None: shared if model is None else real(model)
    for job in jobs:
        os.chdir(job[1])
        worker_one(job, timeout, queue)


def worker_one(job, timeout, queue) -> None:
    from checker.cli import main

    index, folder = job
    out, err = io.StringIO(), io.StringIO()
    began = time.perf_counter()
    result: dict = {"batch": index}
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result["rc"] = main(["check", folder, "--format", "all", "--fail-on", "never"])
    except Hang:
        result["hang"] = True
    except BaseException as exc:  # escaped main(): a traceback for the user
        result["escaped"] = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        signal.alarm(0)
    result["seconds"] = round(time.perf_counter() - began, 2)
    text = err.getvalue() + out.getvalue()
    result["traceback"] = "Traceback (most recent call last)" in text
    result["unexpected"] = [line[:300] for line in text.splitlines() if "unexpected failure" in line]
    result["caught"] = [line[:300] for line in text.splitlines() if "could not be checked" in line or "extractor failed" in line]
    result["raw_controls"] = bool(re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out.getvalue()))
    reports = Path(folder) / "reports"
    result["report_bytes"] = sum(p.stat().st_size for p in reports.glob("*")) if reports.exists() else 0
    report = reports / f"{Path(folder).name}.json"
    if report.exists():
        data = json.loads(report.read_text(encoding="utf-8"))
        result["checked"], result["problems"], result["findings"] = len(data["articles"]), len(data["problems"]), len(data["findings"])
    queue.put(result)


if __name__ == "__main__":
    sys.exit(main())
