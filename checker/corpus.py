"""The labelled corpus: its splits, and a workbench that checks each batch once and judges it again
with any decision model (for `factdiff train`, `factdiff eval --folds` and the candidate recall).

Splits are data (fixtures/splits.yaml): `train` (fit and inspect freely), `dev` (choose settings),
and blind sets, each written after the code it judges was frozen and scored once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import yaml

from checker.config import Config
from checker.decide import DecisionModel
from checker.evaluate import Anchor, Gold, GoldItem, load_gold, read_articles
from checker.models import Report
from checker.pipeline import CheckResult, judge_again, run_check
from checker.train import Row, apart, rows_of, touched_sides
from rules.base import SlotRule

SPLITS_FILE = Path("fixtures/splits.yaml")


def read_splits(path: Path = SPLITS_FILE) -> dict[str, list[Path]]:
    """Split name -> case folders; every case folder named must hold a gold.yaml."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    root = path.parent.parent
    splits: dict[str, list[Path]] = {}
    for name, cases in (data.get("splits") or {}).items():
        folders = [root / c for c in cases or []]
        missing = [str(f) for f in folders if not (f / "gold.yaml").is_file()]
        if missing:
            raise ValueError(f"{path}: split {name}: no gold.yaml in {', '.join(missing)}")
        splits[name] = folders
    return splits


def case_folders(paths: list[Path]) -> list[Path]:
    cases: list[Path] = []
    for path in paths:
        if (path / "gold.yaml").is_file():
            cases.append(path)
        elif path.is_dir():
            cases.extend(sorted(p.parent for p in path.glob("*/gold.yaml")))
        else:
            raise FileNotFoundError(f"{path}: not a case folder (no gold.yaml) nor a folder of cases")
    return cases


@dataclass
class Workbench:
    config: Config
    embedder: object
    progress: Optional[Callable[[str], None]] = None
    results: dict[str, CheckResult] = field(default_factory=dict)
    golds: dict[str, Gold] = field(default_factory=dict)

    def load(self, cases: list[Path]) -> list[str]:
        names = []
        for case in cases:
            key = str(case)
            if key not in self.results:
                if self.progress:
                    self.progress(key)
                self.golds[key] = load_gold(case)
                self.results[key] = run_check(case / "articles", self.config, embedder=self.embedder)
            names.append(key)
        return names

    def load_rule_fixtures(self, folder: Path) -> list[str]:
        """The rule fixtures (fixtures/rules/FD*/) as labelled batches: what a rule must find is a conflict
        (an update for an update rule), what it must not find a trap. Invented sentences, written for
        one class of case each: training examples the corpus may lack."""
        names = []
        for case in sorted(p.parent for p in folder.glob("FD*/expect.yaml")):
            key = str(case)
            if key not in self.results:
                self.golds[key] = gold_from_expectations(case)
                self.results[key] = run_check(case / "articles", self.config, embedder=self.embedder)
            names.append(key)
        return names

    def report(self, case: str) -> Report:
        return self.results[case].report

    def rejudge(self, case: str, model: DecisionModel) -> Report:
        result = self.results[case]
        findings, _ = judge_again(result.checked, model)
        return result.report.model_copy(update={"findings": findings})

    def rows(self, case: str) -> list[Row]:
        result = self.results[case]
        slots = {s.id: s for f in result.frames.values() for s in f.slots}
        return rows_of(case, result.candidates, slots, self.golds[case])

    def rows_of(self, cases: list[str]) -> list[Row]:
        return [r for c in cases for r in self.rows(c)]

    def candidate_recall(self, case: str) -> tuple[int, int]:
        """(gold conflicts whose two sides were extracted as slots of one kind, those of them proposed as a pair).
        Only slots of kinds a selected rule judges count: outside preview mode, a preview rule's slots are never paired."""
        result = self.results[case]
        judged = {r.slot_kind for r in result.checked.rules if isinstance(r, SlotRule)} if result.checked else set()
        slots = [s for f in result.frames.values() for s in f.slots if s.kind in judged]
        by_id = {s.id: s for s in slots}
        extracted = reached = 0
        for item in self.golds[case].of("conflicts"):
            touching = {s.id: touched_sides(s, item) for s in slots}
            touching = {k: v for k, v in touching.items() if v}
            if not any(by_id[x].kind == by_id[y].kind and apart(touching[x], touching[y]) for x in touching for y in touching):
                continue
            extracted += 1
            if any(c.a in touching and c.b in touching and apart(touching[c.a], touching[c.b]) for c in result.candidates):
                reached += 1
        return extracted, reached


KIND_OF_RULE = {"FD1": "quantity", "FD2": "location", "FD3": "date", "FD406": "person", "FD407": "person", "FD408": "person"}


def gold_from_expectations(case: Path) -> Gold:
    """A rule fixture's expect.yaml read as gold: must_find items are conflicts (updates for FD102),
    must_not_find items traps; each evidence text is anchored where it first stands in its article."""
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    rule = expect["rule"]
    kind = next((k for prefix, k in sorted(KIND_OF_RULE.items(), key=lambda x: -len(x[0])) if rule.startswith(prefix)), "other")
    articles = read_articles(case / "articles")
    items = []
    for section, category in (("must_find", "updates" if rule == "FD102" else "conflicts"), ("must_not_find", "traps")):
        for i, entry in enumerate(expect.get(section) or []):
            sides = []
            for doc, text in entry["evidence"].items():
                start = articles[str(doc)].index(text)
                sides.append([Anchor(doc=str(doc), text=text, start=start, end=start + len(text))])
            items.append(GoldItem(id=f"{section}-{i}", category=category, kind=kind, sides=sides, note=entry.get("why")))
    return Gold(case=case.name, path=str(case), articles=articles, items=items)


