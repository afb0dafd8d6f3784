"""Command line: `factdiff check`, `factdiff archive`, `factdiff baseline`, `factdiff review`,
`factdiff decisions`, `factdiff eval`, `factdiff rules`, `factdiff schema`.

Exit codes, as linters use them: 0 nothing at or above the fail level, 1 findings at or above
it (or eval below its thresholds), 2 usage or input errors.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import Optional, Sequence

from checker import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# The knobs of `thresholds`: the stages' tables and the numbers the rules that read the batch
# themselves ask for (rules/claims.py). Anything else is a misspelling or a knob that no longer exists.
THRESHOLDS = frozenset([
    "align", "archive", "contested_similarity", "contested_window", "counterclaim_similarity",
    "version_similarity", "negation_similarity", "negation_wording",
])
FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}
CI_FORMATS = {"sarif": "sarif", "github": "txt", "jsonl": "jsonl"}  # format -> file extension


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="on an unexpected failure, print the full traceback"
    )
    parser = argparse.ArgumentParser(
        prog="factdiff", description="Find where news articles about one story disagree.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"factdiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub_add_parser = sub.add_parser
    sub.add_parser = lambda *a, **k: sub_add_parser(*a, parents=[common], **k)  # type: ignore[method-assign]

    check = sub.add_parser("check", help="check a batch of articles and write a discrepancy report")
    check.add_argument("batch", type=Path, help="folder of articles (.txt/.md with optional front matter, .json/.jsonl)")
    check.add_argument("-o", "--output", type=Path, help="report file ('-' for stdout); default: <output_dir>/<batch>.<format>")
    check.add_argument(
        "--format", choices=["json", "md", "html", "all", *CI_FORMATS], default=None,
        help="default: json, md and html, or json with -o; sarif, github (annotations, to stdout) and jsonl are for CI",
    )
    check.add_argument("--fail-on", choices=list(FAIL_LEVELS), default=None, help="exit 1 when a finding is at or above this severity")
    check.add_argument("--exit-zero", action="store_true", help="always exit 0 unless the input is unusable")
    check.add_argument("--model", help="sentence-transformers model name or path (default: offline multilingual-e5-small)")
    check.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    check.add_argument("--preview", action="store_true", help="also run the preview rules, with the preview decision model")
    check.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    check.add_argument("--config", type=Path, help="a pyproject.toml or factdiff.toml to read settings from")
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")
    check.add_argument("--archive", type=archive_location, metavar="DB",
                       help="also check against the related articles of this archive (a SQLite file or a postgresql:// URL)")
    check.add_argument("--window-days", type=int, help="archived articles within this many days of the batch's dates (default 30)")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline (factdiff baseline create)")
    check.add_argument("--decisions", type=Path, metavar="FILE", help="YAML list of {id, decision: confirmed|dismissed, note, by, date}")

    archive = sub.add_parser("archive", help="keep checked batches to check later batches against them")
    archive_sub = archive.add_subparsers(dest="archive_command", required=True)
    archive_sub_add = archive_sub.add_parser
    archive_sub.add_parser = lambda *a, **k: archive_sub_add(*a, parents=[common], **k)  # type: ignore[method-assign]
    archive_add = archive_sub.add_parser("add", help="store a batch's articles, claims and claim vectors (one transaction)")
    archive_add.add_argument("batch", type=Path)
    archive_add.add_argument("--db", type=archive_location, help="the archive: a SQLite file (created if missing) or a postgresql:// URL "
                             "(default: archive in [tool.factdiff])")
    archive_add.add_argument("--model", help="sentence-transformers model name or path (must be the archive's model)")
    archive_info = archive_sub.add_parser("info", help="the archive's model, batches and article count")
    archive_info.add_argument("--db", type=archive_location, help="the archive (default: archive in [tool.factdiff])")

    baseline = sub.add_parser("baseline", help="record the current findings so that later checks report only new ones")
    baseline_sub = baseline.add_subparsers(dest="baseline_command", required=True)
    baseline_sub_add = baseline_sub.add_parser
    baseline_sub.add_parser = lambda *a, **k: baseline_sub_add(*a, parents=[common], **k)  # type: ignore[method-assign]
    create = baseline_sub.add_parser("create", help="write the fingerprints of a batch's findings, or of a JSON report's")
    create.add_argument("source", type=Path, help="a batch folder, or a JSON report written by factdiff check")
    create.add_argument("-o", "--output", type=Path, required=True, help="the baseline file to write")
    create.add_argument("--archive", type=archive_location, metavar="DB", help="check the batch against this archive first")
    create.add_argument("--window-days", type=int)
    create.add_argument("--model", help="sentence-transformers model name or path")
    create.add_argument("--config", type=Path)

    from checker.review.cli import add_parsers as add_review_parsers

    add_review_parsers(sub)

    evaluate = sub.add_parser("eval", help="score the checker against labelled batches (gold.yaml)")
    evaluate.add_argument("cases", nargs="*", type=Path, help="case folders (articles/ + gold.yaml), or folders of them")
    evaluate.add_argument("--split", action="append", default=[], help="a split of fixtures/splits.yaml (train, dev, a blind set); repeatable")
    evaluate.add_argument("--folds", type=int, help="cross-validate: fit on the other folds, score each held-out fold (needs scikit-learn)")
    evaluate.add_argument("--format", choices=["table", "json"], default="table")
    evaluate.add_argument("--model", help="sentence-transformers model name or path")
    evaluate.add_argument("--preview", action="store_true", help="score with the preview rules and the preview decision model")
    evaluate.add_argument("--min-recall", type=float, help="exit 1 when conflict recall falls below this")
    evaluate.add_argument("--min-precision", type=float, help="exit 1 when conflict precision falls below this")
    evaluate.add_argument("--max-trap-rate", type=float, help="exit 1 when the share of violated traps exceeds this")
    evaluate.add_argument("--show-unmatched", action="store_true", help="list false alarms and missed conflicts, each with its decision trace, and missed variants")

    train = sub.add_parser("train", help="fit the decision model on the train split, choose the policy on dev (needs scikit-learn)")
    train.add_argument("--splits", type=Path, default=Path("fixtures/splits.yaml"))
    train.add_argument("-o", "--output", type=Path, help="model file to write (default: the shipped checker/data/decision_model.json)")
    train.add_argument("--folds", type=int, default=5, help="also report cross-validated figures over train+dev (0: skip)")

    explain = sub.add_parser("explain", help="why a finding fired, or why a pair of mentions was not reported")
    explain.add_argument("batch", type=Path)
    explain.add_argument("--at", required=True, metavar="DOC:OFFSET", help="a mention: article id and a character offset inside it")
    explain.add_argument("--vs", metavar="DOC:OFFSET", help="another mention: explain this pair")
    explain.add_argument("--model", help="sentence-transformers model name or path")
    explain.add_argument("--preview", action="store_true", help="explain as a check with --preview judges")

    rules = sub.add_parser("rules", help="list the rules with their codes, severities and summaries")
    rules.add_argument("--format", choices=["text", "markdown"], default="text", help="markdown: the text of docs/rules.md")
    sub.add_parser("schema", help="print the JSON Schema of the report")

    data = sub.add_parser("data", help="the knowledge files (checker/data and the configured alias files)")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    data_lint = data_sub.add_parser("lint", help="check every knowledge file: provenance, schema, keys and names given twice")
    data_lint.add_argument("--config", type=Path, help="a pyproject.toml or factdiff.toml whose alias_files to check too")
    return parser


# A check makes many short-lived objects (tokens, mentions, slots, candidate pairs, gates) beside large
# long-lived tables (gazetteer, lexicons, the decision model). At Python's default young-generation
# threshold (700 allocations) the collector runs thousands of times a batch, each pass walking far more
# than it frees; a larger threshold keeps the same collections for a fraction of the time.
GC_YOUNG_THRESHOLD = 50_000


def main(argv: Optional[Sequence[str]] = None) -> int:
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    args = build_parser().parse_args(argv)
    debug = getattr(args, "debug", False) or os.environ.get("FACTDIFF_DEBUG") not in (None, "", "0")
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("factdiff: interrupted", file=sys.stderr)
        return 130
    except (FileNotFoundError, ValueError) as exc:
        # Expected failures (usage, configuration, input, archive): their message says what to do.
        _error(str(exc), debug)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        _error(f"database error{_subject(args)}: {exc} (a damaged archive or cache file: restore it or start a new one)", debug)
        return EXIT_USAGE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _error(f"{where}{(exc.strerror or str(exc)).lower()}", debug)
        return EXIT_USAGE
    except Exception as exc:  # a bug: exit 2, never 1 (CI reads 1 as "contradictions found")
        if isinstance(exc, RunFailure) and exc.__cause__ is not None:
            exc = exc.__cause__  # type: ignore[assignment]
        _error(f"unexpected failure{_subject(args)}: {_cause(exc)}; this is a bug in factdiff "
               f"({'traceback above' if debug else 'run again with --debug for the traceback'})", debug)
        return EXIT_USAGE


def archive_location(value: str):
    """--archive and --db: a postgresql:// URL, or a SQLite file's path."""
    from checker.archive import archive_location as parse

    return parse(value)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return cmd_check(args)
    if args.command == "archive":
        return cmd_archive(args)
    if args.command == "baseline":
        return cmd_baseline(args)
    if args.command == "review":
        from checker.review.cli import cmd_review

        config = _check_config(args)
        return cmd_review(args, lambda batch: _run(batch, config, args.archive, None), Path(config.output_dir))
    if args.command == "decisions":
        from checker.review.cli import cmd_decisions

        return cmd_decisions(args)
    if args.command == "eval":
        return cmd_eval(args)
    if args.command == "train":
        return cmd_train(args)
    if args.command == "explain":
        return cmd_explain(args)
    if args.command == "rules":
        return cmd_rules(args.format)
    if args.command == "data":
        return cmd_data_lint(args)
    if args.command == "schema":
        from checker.report import report_json_schema

        print(json.dumps(report_json_schema(), indent=2, ensure_ascii=False))
        return EXIT_OK
    return EXIT_USAGE


def _note(message: str) -> None:
    from checker.safe_text import terminal

    print(f"factdiff: note: {terminal(message)}", file=sys.stderr, flush=True)


def _error(message: str, debug: bool) -> None:
    from checker.safe_text import terminal

    if debug:
        traceback.print_exc(file=sys.stderr)
    print(f"factdiff: error: {terminal(message)}", file=sys.stderr)


def _subject(args: argparse.Namespace) -> str:
    """What the command was working on, for the one-line message: the batch, the archive."""
    for name in ("batch", "source", "db"):
        value = getattr(args, name, None)
        if value is not None:
            from checker.archive import display

            return f" on {display(value)}"
    return ""


def _cause(exc: BaseException) -> str:
    """`Type: message` on one line, with the innermost frame of factdiff's own code."""
    from checker.safe_text import shorten, terminal

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f"{os.sep}checker{os.sep}" in f.filename or f"{os.sep}rules{os.sep}" in f.filename]
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {Path(last.filename).parent.name}/{Path(last.filename).name}:{last.lineno}"
    return shorten(terminal(f"{type(exc).__name__}: {exc}"), 200) + where


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


def _check_config(args: argparse.Namespace):
    from checker.config import load_config

    batch = args.batch if hasattr(args, "batch") else getattr(args, "source", None)
    if batch is None and getattr(args, "sources", None):
        batch = args.sources[0]  # factdiff review
    return _with_options(load_config(batch=batch, explicit=args.config), args)


def _with_options(config, args: argparse.Namespace):
    """The configuration with what the command line says over it (the options a command has)."""
    updates = {k: v for k, v in {"model": getattr(args, "model", None), "fail_on": getattr(args, "fail_on", None)}.items() if v}
    if getattr(args, "select", None):
        updates["select"] = _codes(args.select)
    if getattr(args, "ignore", None):
        updates["ignore"] = _codes(args.ignore)
    if getattr(args, "preview", False):
        updates["preview"] = True
    return config.model_copy(update=updates)


def validate(args: argparse.Namespace, config) -> dict:
    """Everything a run depends on, checked before it starts (a mistake must not cost a whole run):
    the fail level, rule codes, limits, stage thresholds, the output, the model, the baseline and
    decisions files. Returns what was read on the way."""
    from checker.align import AlignSettings
    from checker.archive import ArchiveSettings
    from checker.config import settings_from
    from checker.limits import limits_from

    origin = f" ({', '.join(config.source)})" if config.source else ""
    if config.fail_on not in FAIL_LEVELS:
        raise ValueError(f"fail_on {config.fail_on!r}{origin}: expected one of {', '.join(FAIL_LEVELS)}")
    config.selected_rules()
    limits_from(config.limits)
    for key, value in config.thresholds.items():
        if key not in THRESHOLDS:
            raise ValueError(f"thresholds.{key}{origin}: no such knob (known: {', '.join(sorted(THRESHOLDS))}); "
                             "a rule's decision bars are set under [tool.factdiff.rules.<CODE>]")
        if key in ("align", "archive"):
            if not isinstance(value, dict):
                raise ValueError(f"thresholds.{key}{origin}: expected a table, got {value!r}")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"thresholds.{key}{origin}: expected a number, got {value!r}")
    settings_from(AlignSettings, config.thresholds.get("align", {}), "align")
    knobs = dict(config.thresholds.get("archive", {}))
    if getattr(args, "window_days", None) is not None:
        if args.window_days < 0:
            raise ValueError(f"--window-days {args.window_days}: expected 0 or more days")
        knobs["window_days"] = args.window_days
    found: dict = {"archive_settings": settings_from(ArchiveSettings, knobs, "archive")}
    archive = getattr(args, "archive", None)
    if archive is None and config.archive is not None and hasattr(args, "archive"):
        args.archive = archive = archive_location(config.archive)
    _validate_archive(archive)
    _validate_model(config.model)
    for alias_file in config.alias_files:
        if not Path(alias_file).is_file():
            raise ValueError(f"alias_files{origin}: {alias_file}: no such file")
    decisions = getattr(args, "decisions", None) or (Path(config.decisions) if config.decisions else None)
    baseline = getattr(args, "baseline", None) or (Path(config.baseline) if config.baseline else None)
    if decisions is not None and decisions.exists():
        from checker.baseline import read_decisions

        found["decisions"] = read_decisions(decisions)
    if baseline is not None and baseline.exists():
        from checker.baseline import read_baseline

        found["baseline"] = read_baseline(baseline)
    found["decisions_path"], found["baseline_path"] = decisions, baseline
    return found


def _validate_model(model: Optional[str]) -> None:
    """A model that cannot be there is an error now, not after a run and the hub's retries."""
    if model is None:
        return
    path = Path(model).expanduser()
    if path.is_dir():
        return
    looks_like_path = model.startswith((".", "/", "~")) or os.sep in model.strip("/").replace("/", "", 1) or model.count("/") > 1
    if looks_like_path or path.exists():
        raise ValueError(f"--model {model!r}: no such model folder (a model is a folder or a hub name like 'owner/name')")
    import re

    if not re.fullmatch(r"[\w.\-]+(/[\w.\-]+)?", model):
        raise ValueError(f"--model {model!r}: not a model folder nor a hub name like 'owner/name'")
    if os.environ.get("HF_HUB_OFFLINE") not in (None, "", "0"):
        from checker.embed import _hub_snapshot

        if _hub_snapshot(model) is None:
            raise ValueError(f"--model {model!r}: not in the local hub cache, and the hub is offline (HF_HUB_OFFLINE)")


def _validate_output(args: argparse.Namespace) -> None:
    if args.output is None or str(args.output) == "-":
        return
    if args.format == "all":
        raise ValueError("--format all writes one file per format: leave out -o (reports go to output_dir)")
    if args.output.is_dir():
        raise ValueError(f"-o {args.output}: is a folder; name the report file (or leave out -o to write into output_dir)")


class RunFailure(Exception):
    """An exception from inside a run that is no usage, configuration, input or archive error: a bug.

    (Options and configuration are checked before the run, so a ValueError raised during it is not
    the user's mistake and must not read as one.)"""


def _validate_archive(archive) -> None:
    if isinstance(archive, Path) and archive.exists() and not archive.is_file():
        raise ValueError(f"{archive}: is not a file (an archive is one SQLite file, or a postgresql:// URL)")


def _run(batch: Path, config, archive, settings):
    from checker.archive import ArchiveError

    try:
        return _run_unguarded(batch, config, archive, settings)
    except (ArchiveError, FileNotFoundError, RunFailure):
        raise
    except ValueError as exc:
        raise RunFailure(str(exc)) from exc


def _run_unguarded(batch: Path, config, archive, settings):
    """A plain check, or one against an archive (a missing archive file is an empty archive)."""
    from checker.archive import archive_exists, open_archive
    from checker.pipeline import run_check, run_check_with_archive

    if archive is None or not archive_exists(archive):
        return run_check(batch, config, progress=_progress(), analyses=_analysis_cache(config))

    store = open_archive(archive, create=False, lock_timeout=settings.lock_timeout, on_wait=_note)
    try:
        return run_check_with_archive(
            batch, store, config, progress=_progress(), settings=settings, analyses=_analysis_cache(config),
        )
    finally:
        store.close()


def _analysis_cache(config):
    """The on-disk cache of article analyses, unless the configuration turns it off (cache_analyses)."""
    from checker.analyses import AnalysisCache

    if not config.cache_analyses:
        return None
    return AnalysisCache(alias_files=tuple(str(Path(p).resolve()) for p in config.alias_files))


def cmd_check(args: argparse.Namespace) -> int:
    from checker.archive import display
    from checker.report import FORMATS, WRITERS, summary_line
    from checker.safe_text import severity_label, terminal, use_color

    if not args.batch.exists():
        raise FileNotFoundError(f"{args.batch}: no such file or folder")
    config = _check_config(args)
    _validate_output(args)
    checked = validate(args, config)
    result = _run(args.batch, config, args.archive, checked["archive_settings"])
    report = result.report
    archived = sorted({a.id for a in result.articles} - {a.id for a in report.articles})
    if args.archive is not None and not args.quiet:
        listed = f": {', '.join(terminal(a, 60) for a in archived)}" if 0 < len(archived) <= 10 else ""
        print(f"factdiff: compared with {len(archived)} archived article(s) from {terminal(display(args.archive))}{listed}", file=sys.stderr)
    # A baseline or decisions file that does not exist yet suppresses nothing, so that one CI
    # command serves from the first run on; a mistyped name reports more, never less.
    # Decisions recorded on the review page in the archive, then the decisions file (later wins).
    decisions = []
    if isinstance(args.archive, Path) and args.archive.exists():  # the review page keeps its decisions in SQLite archives only
        from checker.review.cli import stored_decisions

        decisions += stored_decisions(args.archive)
    if checked["decisions_path"] is not None:
        if "decisions" in checked:
            decisions += checked["decisions"]
        else:
            print(f"factdiff: note: no decisions file {terminal(checked['decisions_path'])} yet; nothing dismissed", file=sys.stderr)
    if decisions:
        from checker.baseline import apply_decisions

        report = apply_decisions(report, decisions)
    if checked["baseline_path"] is not None:
        from checker.baseline import apply_baseline

        if "baseline" in checked:
            report = apply_baseline(report, checked["baseline"])
        else:
            print(f"factdiff: note: no baseline {terminal(checked['baseline_path'])} yet; nothing suppressed", file=sys.stderr)

    writers = dict(WRITERS)
    extensions = {fmt: fmt for fmt in FORMATS}
    if args.format in CI_FORMATS:
        from checker import ci_formats

        articles = {a.id: a for a in result.articles}
        new = {a.id for a in report.articles}
        writers = {
            "sarif": lambda r: ci_formats.to_sarif(r, articles, prefer=new),
            "github": lambda r: ci_formats.to_github(r, articles, prefer=new),
            "jsonl": ci_formats.to_jsonl,
        }
        extensions = CI_FORMATS
    formats = list(FORMATS) if args.format in (None, "all") and args.output is None else [args.format or "json"]
    suppressed = f", {report.suppressed} suppressed (baseline or decisions)" if report.suppressed else ""
    to_stdout = args.output is not None and str(args.output) == "-"
    if to_stdout or (args.format == "github" and args.output is None):
        sys.stdout.write(writers[formats[0]](report))
        print(terminal(summary_line(report)) + suppressed, file=sys.stderr)
    else:
        stem = args.batch.resolve().name
        for fmt in formats:
            path = args.output if args.output is not None else Path(config.output_dir) / f"{stem}.{extensions[fmt]}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(writers[fmt](report), encoding="utf-8")
            if not args.quiet:
                print(f"wrote {terminal(path)}", file=sys.stderr)
        if not args.quiet:
            color = use_color(sys.stdout)
            for finding in report.findings:
                first = finding.evidence[0]
                decided = f" [{finding.decision}]" if finding.decision else ""
                print(f"{finding.rule} {severity_label(finding.severity.value, color)} {terminal(first.doc, 60)}:{first.start}  "
                      f"{terminal(finding.message)}{decided}")
            for problem in report.problems:
                print(f"input   {terminal(problem.path)}: {terminal(problem.message)}", file=sys.stderr)
        print(terminal(summary_line(report)) + suppressed)

    if not report.articles:
        print("factdiff: error: no readable article in the batch", file=sys.stderr)
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    level = FAIL_LEVELS[config.fail_on]
    return EXIT_FINDINGS if any(f.severity.rank >= level for f in report.findings) else EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    from checker.archive import ArchiveError, ArchiveSettings, display, open_archive
    from checker.config import load_config, settings_from
    from checker.safe_text import terminal

    batch = getattr(args, "batch", None)
    if batch is not None and not batch.exists():
        raise FileNotFoundError(f"{batch}: no such file or folder")
    config = load_config(batch=batch)
    if args.db is None:
        if config.archive is None:
            raise ValueError("which archive? give --db (a SQLite file or a postgresql:// URL) or set archive in [tool.factdiff]")
        args.db = archive_location(config.archive)
    shown = terminal(display(args.db))
    _validate_archive(args.db)
    if args.archive_command == "info":
        store = open_archive(args.db, create=False)
        try:
            print(f"{shown}: model {terminal(store.model() or '(none yet)')}, {len(store.article_ids())} articles")
            for info in store.batches():
                print(f"  batch {info.id}  {terminal(info.added)}  {terminal(info.name, 60)}  {info.articles} articles")
        finally:
            store.close()
        return EXIT_OK

    from checker.limits import limits_from
    from checker.pipeline import add_to_archive

    if args.model:
        config = config.model_copy(update={"model": args.model})
    limits_from(config.limits)
    _validate_model(config.model)
    settings = settings_from(ArchiveSettings, config.thresholds.get("archive", {}), "archive")
    store = open_archive(args.db, lock_timeout=settings.lock_timeout, on_wait=_note)
    try:
        added, problems = add_to_archive(batch, store, config, progress=_progress(), analyses=_analysis_cache(config))
    except (ArchiveError, FileNotFoundError):
        raise
    except ValueError as exc:
        raise RunFailure(str(exc)) from exc
    finally:
        store.close()
    for problem in problems:
        print(f"input   {terminal(problem.path)}: {terminal(problem.message)}", file=sys.stderr)
    print(
        f"{shown}: batch {added.batch} ({terminal(batch.name)}): {added.added} article(s) added, {added.replaced} replaced, "
        f"{added.unchanged} unchanged, {added.claims} claim(s)"
    )
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    from checker.baseline import baseline_of, read_report, write_baseline

    if not args.source.exists():
        raise FileNotFoundError(f"{args.source}: no such file or folder")
    if args.output.is_dir():
        raise ValueError(f"-o {args.output}: is a folder; name the baseline file")
    report = read_report(args.source) if args.source.is_file() and args.source.suffix == ".json" else None
    if report is None:
        config = _check_config(args)
        checked = validate(args, config)
        report = _run(args.source, config, args.archive, checked["archive_settings"]).report
    write_baseline(baseline_of(report), args.output)
    from checker.safe_text import terminal

    print(f"wrote {terminal(args.output)}: {len(report.findings)} finding(s) of {terminal(report.batch)}")
    return EXIT_OK


def _eval_cases(args: argparse.Namespace) -> list[Path]:
    from checker.corpus import case_folders, read_splits

    cases = case_folders(list(args.cases))
    if args.split:
        splits = read_splits()
        for name in args.split:
            if name not in splits:
                raise ValueError(f"no split {name!r} in fixtures/splits.yaml (known: {', '.join(splits)})")
            cases += splits[name]
    if not cases:
        raise ValueError("no labelled case found (a case is a folder with articles/ and gold.yaml; or give --split)")
    return cases


def cmd_eval(args: argparse.Namespace) -> int:
    from checker.config import load_config
    from checker.corpus import SPLITS_FILE, Workbench
    from checker.decide import load_model
    from checker.embed import Embedder
    from checker.evaluate import aggregate, check_thresholds, format_kinds, format_table, score_report, to_json
    from checker.train import cross_validate, finding_outcomes, fold_models, reliability_table

    cases = _eval_cases(args)
    config = _with_options(load_config(), args)
    bench = Workbench(config, Embedder(config.model))
    names = bench.load(cases)
    if args.folds:
        # As `factdiff train` cross-validates: the shipped policy, the rule fixtures in every fold's fit.
        fixtures = bench.load_rule_fixtures(SPLITS_FILE.parent / "rules")
        judged = fold_models({c: bench.rows(c) for c in names}, args.folds, bench.rows_of(fixtures)).judged
        scores, outcomes = cross_validate(judged, bench.golds, bench.rejudge, load_model().policy)
    else:
        scores = [score_report(bench.report(c), bench.golds[c]) for c in names]
        outcomes = [o for c, s in zip(names, scores) for o in finding_outcomes(bench.report(c), s)]
    total = aggregate(scores)
    extracted = reached = 0
    for c in names:
        e, r = bench.candidate_recall(c)
        extracted, reached = extracted + e, reached + r
    if args.format == "json":
        out = to_json(scores, total)
        out["reliability"] = reliability_table(outcomes)
        out["candidate_recall"] = {"extracted": extracted, "reached": reached}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(format_table(scores, total))
        print()
        print(format_kinds(scores, total))
        rate = f"{reached / extracted:.2f}" if extracted else "-"
        print(f"\ncandidate recall: {reached}/{extracted} = {rate} (gold conflicts whose two sides were extracted, reached by a proposed pair)")
        print("\nreliability (errors and warnings by stated confidence):")
        for row in reliability_table(outcomes):
            print(f"  {row['confidence']}: {row['right']}/{row['findings']} right ({row['share_right']:.2f})")
        if args.show_unmatched:
            _print_unmatched(bench, names, scores)
    failures = check_thresholds(total, args.min_recall, args.min_precision, args.max_trap_rate)
    for failure in failures:
        print(f"factdiff eval: below threshold: {failure}", file=sys.stderr)
    return EXIT_FINDINGS if failures else EXIT_OK


def _print_unmatched(bench, names: list[str], scores: list) -> None:
    from checker.explain import explain_pair, explain_finding

    for case, score in zip(names, scores):
        result = bench.results[case]
        by_id = {f.id: f for f in result.report.findings}
        for alarm in score.false_alarms:
            print(f"\n{score.case}: false alarm {alarm.rule} {alarm.severity}: {alarm.message}")
            for evidence in alarm.evidence:
                print(f"    {evidence}")
            if alarm.id in by_id:
                print(_indent(explain_finding(by_id[alarm.id])))
        for missed in score.missed_conflicts:
            print(f"\n{score.case}: missed conflict {missed.id} ({missed.kind}): {'; '.join(missed.anchors)}")
            item = next(i for i in bench.golds[case].of("conflicts") if i.id == missed.id)
            a, b = item.sides[0][0], item.sides[1][0]
            print(_indent(explain_pair(result, a.doc, a.start, b.doc, b.start, a.end, b.end)))
        # Variants are matched by a finding of any severity; one no finding matched is listed with the words
        # of each mention, so that the missed names can be read in bulk by kind.
        for item in bench.golds[case].of("variants"):
            if not score.matched.get(item.id):
                written = "; ".join(f"{anchor.doc}: {anchor.text!r}" for side in item.sides for anchor in side)
                print(f"\n{score.case}: missed variant {item.id} ({item.kind}): {written}")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def cmd_train(args: argparse.Namespace) -> int:
    from checker.config import load_config
    from checker.corpus import Workbench, read_splits
    from checker.decide import MODEL_PATH
    from checker.embed import Embedder
    from checker.evaluate import aggregate
    from checker.train import (
        DEV_TIE, choose_policy, cross_validate, fit, fit_calibration, fold_models, provenance, reliability_table,
        write_model,
    )

    splits = read_splits(args.splits)
    for needed in ("train", "dev"):
        if needed not in splits:
            raise ValueError(f"{args.splits}: no split {needed!r}")
    # A model is fitted on the pairs of every rule, the preview rules' too: one model serves both modes (outside
    # preview mode the preview kinds' pairs are never weighed).
    config = load_config().model_copy(update={"preview": True})
    bench = Workbench(config, Embedder(config.model), progress=lambda c: print(f"checking {c}", file=sys.stderr))
    train_cases, dev_cases = bench.load(splits["train"]), bench.load(splits["dev"])
    fixtures = bench.load_rule_fixtures(args.splits.parent / "rules")
    fixture_rows = bench.rows_of(fixtures)
    rows = bench.rows_of(train_cases) + fixture_rows
    labelled = [r for r in rows if r.label is not None]
    model = fit(rows)
    extra: dict = {"examples": len(labelled), "positives": sum(r.label for r in labelled), "rule_fixtures": len(fixtures)}
    if args.folds:
        # The bars are chosen where most batches are: every train and dev batch, each judged by the model
        # fitted without it (the rule fixtures are in every fit, but no news batch to score).
        rows_by_case = {c: bench.rows(c) for c in train_cases + dev_cases}
        folds = fold_models(rows_by_case, args.folds, fixture_rows)
        # The shipped model's probabilities calibrated on every held-out pair; the bars are then chosen on
        # calibrated probabilities, as each fold's model gives them.
        model = model.model_copy(update={"calibration": fit_calibration(folds.raw_pairs)})
        policy, tried = choose_policy(folds.judged, bench.golds, bench.rejudge)
        scores, outcomes = cross_validate(folds.judged, bench.golds, bench.rejudge, policy)
        total = aggregate(scores)
        extra["policy_search_on_held_out_folds"] = tried
        extra["cross_validation"] = {
            "folds": args.folds, "batches": len(scores), "recall": total.recall, "precision": total.precision,
            "trap_rate": total.trap_rate, "reliability": reliability_table(outcomes),
        }
    else:
        policy, tried = choose_policy([(c, model) for c in dev_cases], bench.golds, bench.rejudge, tie=DEV_TIE)
        extra["policy_search_on_dev"] = tried
    model = model.model_copy(update={"policy": policy, "provenance": provenance(train_cases, dev_cases, extra)})
    target = args.output or MODEL_PATH
    write_model(model, target)
    print(f"factdiff train: {len(labelled)} labelled pairs ({extra['positives']} conflicts) from {len(train_cases)} batches; "
          f"policy on {'the held-out folds' if args.folds else f'{len(dev_cases)} dev batches'}: warning at {policy.warning_at}, "
          f"error at {policy.error_at}; wrote {target}")
    if "cross_validation" in extra:
        cv = extra["cross_validation"]
        print(f"cross-validated ({cv['folds']} folds, {cv['batches']} batches): recall {cv['recall']}, precision {cv['precision']}, traps {cv['trap_rate']}")
    return EXIT_OK


def cmd_data_lint(args: argparse.Namespace) -> int:
    from checker.config import load_config
    from checker.datalint import lint

    config = load_config(explicit=args.config)
    alias_files = tuple(Path(p) for p in config.alias_files)
    problems = lint(alias_files=alias_files)
    for problem in problems:
        print(problem)
    print(f"factdiff data lint: {len(problems)} problem(s) in the knowledge files and {len(alias_files)} alias file(s)",
          file=sys.stderr)
    return EXIT_FINDINGS if problems else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from checker.config import load_config
    from checker.explain import explain_at, parse_position
    from checker.pipeline import run_check

    config = _with_options(load_config(args.batch), args)
    at = parse_position(args.at)
    vs = parse_position(args.vs) if args.vs else None
    result = run_check(args.batch, config, analyses=_analysis_cache(config))
    print(explain_at(result, at, vs))
    return EXIT_OK


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
