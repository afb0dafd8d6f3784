"""Editors' decisions on findings, in SQLite: every decision kept, keyed by the finding's fingerprint.

The table lives in the archive database when there is one (so that `check --archive DB` honours
it), else in a decisions database beside the batch. Nothing is ever updated or deleted: a new
decision is a new row, and a finding's status is its latest row. Two editors deciding one finding
at once are told apart by `expected`, the id of the latest row the editor saw (optimistic
concurrency): a decision made against an older state is refused with the current one, so that
the editor is asked again and nothing is overwritten unseen.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

STATUSES = ("open", "confirmed", "dismissed", "deferred")  # "open": undecided, or reopened
VERDICTS = ("confirmed", "dismissed")  # what `check --decisions` understands

_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    finding TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('open', 'confirmed', 'dismissed', 'deferred')),
    note TEXT,
    editor TEXT,
    decided_at TEXT NOT NULL,
    previous INTEGER,
    batch TEXT,
    rule TEXT,
    message TEXT
);
CREATE INDEX IF NOT EXISTS review_decisions_finding ON review_decisions (finding, id);
"""


@dataclass(frozen=True)
class DecisionRow:
    id: int
    finding: str
    decision: str
    note: Optional[str]
    editor: Optional[str]
    decided_at: str  # UTC, ISO 8601
    previous: Optional[int]  # the row this decision was made against (None: the first one)
    batch: Optional[str]
    rule: Optional[str]
    message: Optional[str]


@dataclass(frozen=True)
class Outcome:
    saved: bool
    current: Optional[DecisionRow]  # the latest row after the attempt (the other editor's when refused)


def decisions_db_beside(source: Path) -> Path:
    """`fixtures/nk-arms` -> `fixtures/nk-arms.decisions.sqlite`; `reports/b.json` -> `reports/b.decisions.sqlite`."""
    source = Path(source)
    stem = source.stem if source.suffix == ".json" else source.resolve().name
    return source.resolve().parent / f"{stem}.decisions.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class DecisionStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection per store, used from the server's worker threads one call at a time.
        self.con = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.executescript(_SCHEMA)

    def close(self) -> None:
        self.con.close()

    def _rows(self, sql: str, params: tuple = ()) -> list[DecisionRow]:
        return [DecisionRow(*row) for row in self.con.execute(sql, params)]

    def latest(self, finding: str) -> Optional[DecisionRow]:
        rows = self._rows("SELECT * FROM review_decisions WHERE finding = ? ORDER BY id DESC LIMIT 1", (finding,))
        return rows[0] if rows else None

    def latest_all(self) -> dict[str, DecisionRow]:
        rows = self._rows("SELECT * FROM review_decisions WHERE id IN (SELECT max(id) FROM review_decisions GROUP BY finding) ORDER BY id")
        return {row.finding: row for row in rows}

    def history(self, finding: str) -> list[DecisionRow]:
        return self._rows("SELECT * FROM review_decisions WHERE finding = ? ORDER BY id", (finding,))

    def histories(self) -> dict[str, list[DecisionRow]]:
        found: dict[str, list[DecisionRow]] = {}
        for row in self._rows("SELECT * FROM review_decisions ORDER BY id"):
            found.setdefault(row.finding, []).append(row)
        return found

    def decide(
        self,
        finding: str,
        decision: str,
        expected: int,
        note: Optional[str] = None,
        editor: Optional[str] = None,
        batch: Optional[str] = None,
        rule: Optional[str] = None,
        message: Optional[str] = None,
    ) -> Outcome:
        """Record a decision made against the state `expected` (the latest row id seen, 0 for none).

        Refused, with the current state, when the finding was decided by someone else meanwhile.
        """
        if decision not in STATUSES:
            raise ValueError(f"unknown decision {decision!r} (expected one of {', '.join(STATUSES)})")
        con = self.con
        con.execute("BEGIN IMMEDIATE")  # the write lock: no other decision between the check and the insert
        try:
            current = self.latest(finding)
            if (current.id if current else 0) != expected:
                con.execute("ROLLBACK")
                return Outcome(saved=False, current=current)
            con.execute(
                "INSERT INTO review_decisions (finding, decision, note, editor, decided_at, previous, batch, rule, message)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (finding, decision, note or None, editor or None, _now(), current.id if current else None, batch, rule, message),
            )
            saved = self.latest(finding)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return Outcome(saved=True, current=saved)

    def verdicts(self) -> list[DecisionRow]:
        """The latest decision of each finding whose status is a verdict (confirmed or dismissed)."""
        return [row for row in self.latest_all().values() if row.decision in VERDICTS]


def read_verdicts(path: Path) -> list[DecisionRow]:
    """Verdicts stored in a database (an archive or a decisions database); none if it has no review_decisions table."""
    path = Path(path)
    if not path.exists():
        return []
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        has = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'review_decisions'").fetchone()
        if not has:
            return []
        rows = con.execute("SELECT * FROM review_decisions WHERE id IN (SELECT max(id) FROM review_decisions GROUP BY finding) ORDER BY id")
        return [row for row in (DecisionRow(*r) for r in rows) if row.decision in VERDICTS]
    finally:
        con.close()


def as_decisions(rows: list[DecisionRow]):
    """Stored verdicts as the `Decision`s that `check --decisions` reads (checker/baseline.py)."""
    from checker.baseline import Decision

    return [
        Decision(id=r.finding, decision=r.decision, note=r.note, by=r.editor, date=dt.datetime.fromisoformat(r.decided_at).date())
        for r in rows
    ]


def export_yaml(rows: list[DecisionRow]) -> str:
    """The decisions file `check --decisions` reads: one entry per finding, its latest verdict."""
    import yaml

    entries = []
    for decision in as_decisions(rows):
        entry = {"id": decision.id, "decision": decision.decision}
        for key in ("note", "by", "date"):
            value = getattr(decision, key)
            if value is not None:
                entry[key] = value
        entries.append(entry)
    head = (
        "# factdiff decisions, exported from the review page's database (factdiff decisions export).\n"
        "# Each finding's latest verdict; deferred and reopened findings are not listed. Read by: factdiff check --decisions FILE\n"
    )
    if not entries:
        return head + "[]\n"
    return head + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, default_flow_style=False)
