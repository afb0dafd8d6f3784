"""Segmentation cost on long lines: time per size for hostile line shapes, and the growth factor
when the line doubles (about 2 for linear, 2.1-2.2 for n log n, 4 for quadratic).

    .venv/bin/python bench/long_lines.py                 # segment only, 25,000 to 800,000 characters
    .venv/bin/python bench/long_lines.py --stage prepare --sizes 5000,10000,20000,40000
                                                         # segment + extract (checker/extract, rules' input)

Shapes are invented text: a sentence that never ends but has many false boundaries ("am 13. Oktober"),
a run of dots, a run of spaces between two words, many caption credits, distinct short sentences,
and one word without spaces.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.models import Article  # noqa: E402
from checker.segment import segment  # noqa: E402

SHAPES = {
    "false-boundaries": lambda n: ("Der Rat tagte am 13. Oktober in Halde, dann Dr. Berg sprach ca. 5 Min. lang " * (n // 60 + 1))[:n],
    "dots": lambda n: "Anfang" + "." * n + " Ende.",
    "spaces": lambda n: "Anfang." + " " * n + "Ende.",
    "credits": lambda n: ("Foto: Agentur " * (n // 14 + 1))[:n],
    "sentences": lambda n: "".join(f"Satz Nummer {i} meldet {i % 97} Verletzte. " for i in range(n // 40 + 1))[:n],
    "one-word": lambda n: "x" * n + ".",
    "initials": lambda n: ("A. B. C. " * (n // 9 + 1))[:n],
}


def run_segment(text: str) -> int:
    return len(segment(Article(id="bench", path="bench.txt", text=text)))


def run_prepare(text: str) -> int:
    from checker.extract import extract_claims

    article = Article(id="bench", path="bench.txt", text=text)
    sentences = segment(article)
    return len(extract_claims(article, sentences, []))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stage", choices=["segment", "prepare"], default="segment")
    parser.add_argument("--sizes", default="25000,50000,100000,200000,400000,800000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--budget", type=float, default=60.0, help="stop a shape once one size takes this long (s)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    run = run_segment if args.stage == "segment" else run_prepare
    run(SHAPES["sentences"](2000))  # load the rules once
    print(f"stage {args.stage}; seconds per one-line article; x = growth when the size doubles")
    print(f"{'shape':18}" + "".join(f"{n:>14,}" for n in sizes))
    for name in args.shapes.split(","):
        row, last = [], None
        for n in sizes:
            text = SHAPES[name](n)
            began = time.perf_counter()
            run(text)
            took = time.perf_counter() - began
            row.append(f"{took:8.3f}" + (f" x{took / last:4.1f}" if last and last > 0.005 else "      "))
            last = took
            if took > args.budget:
                break
        print(f"{name:18}" + "".join(f"{cell:>14}" for cell in row), flush=True)


if __name__ == "__main__":
    main()
