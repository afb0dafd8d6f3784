"""Command line: `factdiff check`, `factdiff eval`, `factdiff rules`, `factdiff schema`.

Exit codes, as linters use them: 0 nothing at or above the fail level, 1 findings at or above
it (or eval below its thresholds), 2 usage or input errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from checker import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factdiff", description="Find where news articles about one story disagree.")
    parser.add_argument("--version", action="version", version=f"factdiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check a batch of articles and write a discrepancy report")
    check.add_argument("batch", type=Path, help="folder of articles (.txt/.md with optional front matter, .json/.jsonl)")
    check.add_argument("-o", "--output", type=Path, help="report file ('-' for stdout); default: <output_dir>/<batch>.<format>")
    check.add_argument("--format", choices=["json", "md", "html", "all"], default=None, help="default: all three, or json with -o")
    check.add_argument("--fail-on", choices=list(FAIL_LEVELS), default=None, help="exit 1 when a finding is at or above this severity")
    check.add_argument("--exit-zero", action="store_true", help="always exit 0 unless the input is unusable")
    check.add_argument("--model", help="sentence-transformers model name or path (default: offline multilingual-e5-small)")
    check.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    check.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    check.add_argument("--config", type=Path, help="a pyproject.toml or factdiff.toml to read settings from")
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")

    evaluate = sub.add_parser("eval", help="score the checker against labelled batches (gold.yaml)")
    evaluate.add_argument("cases", nargs="+", type=Path, help="case folders (articles/ + gold.yaml), or folders of them")
    evaluate.add_argument("--format", choices=["table", "json"], default="table")
    evaluate.add_argument("--model", help="sentence-transformers model name or path")
    evaluate.add_argument("--min-recall", type=float, help="exit 1 when conflict recall falls below this")
    evaluate.add_argument("--min-precision", type=float, help="exit 1 when conflict precision falls below this")
    evaluate.add_argument("--max-trap-rate", type=float, help="exit 1 when the share of violated traps exceeds this")
    evaluate.add_argument("--show-unmatched", action="store_true", help="list unmatched errors and warnings")

    rules = sub.add_parser("rules", help="list the rules with their codes, severities and summaries")
    rules.add_argument("--format", choices=["text", "markdown"], default="text", help="markdown: the text of docs/rules.md")
    sub.add_parser("schema", help="print the JSON Schema of the report")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "eval":
            return cmd_eval(args)
        if args.command == "rules":
            return cmd_rules(args.format)
        if args.command == "schema":
            from checker.report import report_json_schema

            print(json.dumps(report_json_schema(), indent=2, ensure_ascii=False))
            return EXIT_OK
    except (FileNotFoundError, ValueError) as exc:
        print(f"factdiff: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_USAGE


def _codes(value: Optional[str]) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()] if value else []


def _progress():
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        end = "\n" if done == total else ""
        print(f"\r{stage:8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def cmd_check(args: argparse.Namespace) -> int:
    from checker.config import load_config
    from checker.pipeline import run_check
    from checker.report import FORMATS, summary_line, write_report, WRITERS

    if not args.batch.exists():
        raise FileNotFoundError(f"{args.batch}: no such file or folder")
    config = load_config(batch=args.batch, explicit=args.config)
    updates = {k: v for k, v in {"model": args.model, "fail_on": args.fail_on}.items() if v}
    if args.select:
        updates["select"] = _codes(args.select)
    if args.ignore:
        updates["ignore"] = _codes(args.ignore)
    config = config.model_copy(update=updates)
    result = run_check(args.batch, config, progress=_progress())
    report = result.report

    formats = list(FORMATS) if args.format in (None, "all") and args.output is None else [args.format or "json"]
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(WRITERS[formats[0]](report))
    else:
        stem = args.batch.resolve().name
        for fmt in formats:
            path = args.output if args.output is not None else Path(config.output_dir) / f"{stem}.{fmt}"
            write_report(report, path, fmt)
            if not args.quiet:
                print(f"wrote {path}", file=sys.stderr)
        if not args.quiet:
            for finding in report.findings:
                first = finding.evidence[0]
                print(f"{finding.rule} {finding.severity.value:7} {first.doc}:{first.start}  {finding.message}")
            for problem in report.problems:
                print(f"input   {problem.path}: {problem.message}", file=sys.stderr)
        print(summary_line(report))

    if not report.articles:
        print("factdiff: error: no readable article in the batch", file=sys.stderr)
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    level = FAIL_LEVELS[config.fail_on]
    return EXIT_FINDINGS if any(f.severity.rank >= level for f in report.findings) else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from checker.config import load_config
    from checker.embed import Embedder
    from checker.evaluate import check_thresholds, evaluate_cases, format_table, to_json
    from checker.pipeline import run_check

    cases: list[Path] = []
    for path in args.cases:
        if (path / "gold.yaml").is_file():
            cases.append(path)
        elif path.is_dir():
            cases.extend(sorted(p.parent for p in path.glob("*/gold.yaml")))
        else:
            raise FileNotFoundError(f"{path}: not a case folder (no gold.yaml) nor a folder of cases")
    if not cases:
        raise ValueError("no labelled case found (a case is a folder with articles/ and gold.yaml)")
    config = load_config()
    if args.model:
        config = config.model_copy(update={"model": args.model})
    embedder = Embedder(config.model)
    scores, total = evaluate_cases(cases, lambda articles: run_check(articles, config, embedder=embedder).report)
    if args.format == "json":
        print(json.dumps(to_json(scores, total), indent=2, ensure_ascii=False))
    else:
        print(format_table(scores, total))
        if args.show_unmatched:
            for score in scores:
                for alarm in score.false_alarms:
                    print(f"\n{score.case}: false alarm {alarm.rule} {alarm.severity}: {alarm.message}")
                    for evidence in alarm.evidence:
                        print(f"    {evidence}")
                for missed in score.missed_conflicts:
                    print(f"\n{score.case}: missed conflict {missed.id} ({missed.kind}): {'; '.join(missed.anchors)}")
    failures = check_thresholds(total, args.min_recall, args.min_precision, args.max_trap_rate)
    for failure in failures:
        print(f"factdiff eval: below threshold: {failure}", file=sys.stderr)
    return EXIT_FINDINGS if failures else EXIT_OK


def cmd_rules(fmt: str = "text") -> int:
    from rules.registry import all_rules, rules_markdown

    if fmt == "markdown":
        sys.stdout.write(rules_markdown())
        return EXIT_OK
    for rule in all_rules():
        print(f"{rule.code}  {rule.default_severity.value:7}  {rule.name:22}  {rule.summary()}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
