"""`factdiff review` and `factdiff decisions export`: the command-line side of the review page."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import Callable, Optional

from checker.review.store import DecisionStore, decisions_db_beside, export_yaml, read_verdicts

TOKEN_ENV = "FACTDIFF_REVIEW_TOKEN"
LOCAL = ("127.0.0.1", "localhost", "::1")


def add_parsers(sub) -> None:
    review = sub.add_parser("review", help="a local web page to review findings and record editors' decisions")
    review.add_argument(
        "sources", nargs="*", type=Path, metavar="BATCH|REPORT.json",
        help="batch folders (checked first) or JSON reports; default: the JSON reports in the output folder (reports/)",
    )
    review.add_argument("--archive", type=Path, metavar="DB", help="check against this archive and keep the decisions in it")
    review.add_argument("--db", type=Path, metavar="DB", help="the decisions database (default: the archive, else <batch>.decisions.sqlite beside the batch)")
    review.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; any other needs --token)")
    review.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    review.add_argument("--token", help=f"access token, required to bind beyond localhost (or ${TOKEN_ENV})")
    review.add_argument("--model", help="sentence-transformers model name or path (for batch folders)")
    review.add_argument("--config", type=Path)
    review.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    review.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")

    decisions = sub.add_parser("decisions", help="editors' decisions recorded on the review page")
    decisions_sub = decisions.add_subparsers(dest="decisions_command", required=True)
    export = decisions_sub.add_parser("export", help="write the decisions file that `check --decisions` reads (YAML)")
    export.add_argument("source", nargs="?", type=Path, metavar="BATCH|REPORT.json", help="find the decisions database beside it")
    export.add_argument("--archive", type=Path, metavar="DB", help="the archive holding the decisions")
    export.add_argument("--db", type=Path, metavar="DB", help="a decisions database")
    export.add_argument("-o", "--output", type=Path, help="file to write ('-' or none: stdout)")


def decisions_db(source: Optional[Path], archive: Optional[Path], db: Optional[Path]) -> Path:
    if db is not None:
        return db
    if archive is not None:
        return archive
    if source is None:
        raise ValueError("name the batch or report (its decisions database lies beside it), or --archive DB, or --db DB")
    return decisions_db_beside(source)


def default_sources(output_dir: Path) -> list[Path]:
    from checker.baseline import read_report

    found = [p for p in sorted(Path(output_dir).glob("*.json")) if read_report(p) is not None]
    if not found:
        raise FileNotFoundError(f"no batch given and no JSON report in {output_dir}/ (run factdiff check first, or name a batch)")
    return found


def cmd_review(args: argparse.Namespace, run: Callable[[Path], object], output_dir: Path) -> int:
    import uvicorn

    from checker.review.app import allowed_hosts_for, create_app
    from checker.review.sources import load

    token = args.token or os.environ.get(TOKEN_ENV) or None
    if args.host not in LOCAL and not token:
        print(
            f"factdiff: error: binding to {args.host} exposes the page beyond this machine: give an access token "
            f"(--token or ${TOKEN_ENV}); refusing to start",
            file=sys.stderr,
        )
        return 2
    sources = list(args.sources) or default_sources(output_dir)
    db = decisions_db(sources[0], args.archive, args.db)
    data = load(sources, run)
    store = DecisionStore(db)
    app = create_app(data, store, token=token, allowed_hosts=allowed_hosts_for(args.host))
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
        sock.listen(128)  # connections wait from now on, even before the server runs
    except OSError as exc:
        print(f"factdiff: error: cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"factdiff review: {len(data.items)} finding(s) of {', '.join(data.batches)}; decisions in {db}")
    print(f"factdiff review: open {address}  (Ctrl+C to stop)", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    try:
        server.run(sockets=[sock])
    finally:
        store.close()
        sock.close()
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    db = decisions_db(args.source, args.archive, args.db)
    if not db.exists():
        raise FileNotFoundError(f"{db}: no decisions database (decide findings with factdiff review first)")
    store = DecisionStore(db)  # creates the table in an archive that has none yet
    try:
        text = export_yaml(store.verdicts())
        count = len(store.verdicts())
    finally:
        store.close()
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}: {count} decision(s) from {db}", file=sys.stderr)
    return 0


def stored_decisions(archive: Path):
    """The verdicts recorded in an archive, as `check --decisions` entries (none if it has no decisions)."""
    from checker.review.store import as_decisions

    return as_decisions(read_verdicts(archive))
