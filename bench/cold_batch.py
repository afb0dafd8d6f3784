"""A cold check of one batch: a new process, an empty sentence-vector cache, the model loaded from
disk. The decision-core issue's target: a 6-article batch of long articles in 8 s or less on 2 cores.

    .venv/bin/python bench/cold_batch.py ARTICLE_OR_FOLDER ... [--runs 2]
    # the figure in docs/benchmarks.md: six long articles (2,550 words)
    .venv/bin/python bench/cold_batch.py fixtures/blind6/en-power-blackout/articles \
        fixtures/blind3/de-warehouse-fire/articles/01_rna.txt

Each run is a fresh child process. The lemma cache ($FACTDIFF_HOME/lemmas-*.json) is used as it is:
words never seen before cost one load of simplemma's dictionary (about 3 s), once per process.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, tempfile, time
t0 = time.perf_counter()
from pathlib import Path
from checker.config import Config
from checker.embed import Embedder
from checker.pipeline import run_check
t1 = time.perf_counter()
with tempfile.TemporaryDirectory() as cache:
    result = run_check(Path(sys.argv[1]), Config(), embedder=Embedder(cache_dir=Path(cache)))
t2 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "run_check": t2 - t1, "total": t2 - t0, "stages": result.timings,
                  "articles": len(result.report.articles), "sentences": sum(a.sentences for a in result.report.articles)}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="article files or folders of them, checked as one batch")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as batch:
        for path in map(Path, args.paths):
            for article in sorted(path.glob("*.txt")) if path.is_dir() else [path]:
                shutil.copy(article, Path(batch) / f"{path.parent.parent.name if path.is_file() else path.parent.name}-{article.name}")
        for run in range(args.runs):
            _run(batch, run)
    return 0


def _run(batch: str, run: int) -> None:
    out = subprocess.run([sys.executable, "-c", CHILD, batch], capture_output=True, text=True, check=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    stages = ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items())
    print(f"run {run + 1}: {r['articles']} articles, {r['sentences']} sentences: total {r['total']:.2f} s "
          f"(imports {r['imports']:.2f}, run_check {r['run_check']:.2f}: {stages})")


if __name__ == "__main__":
    sys.exit(main())
