"""Scoring against gold: exact counts for hand-made findings."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from checker.evaluate import (
    Gold,
    GoldError,
    aggregate,
    check_thresholds,
    evaluate_cases,
    format_table,
    load_gold,
    score_report,
    to_json,
)
from checker.models import Evidence, Finding, Report, Severity

SEEDS = Path("/work/shared/seeds")
REPO_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"

ARTICLES = {
    "a": textwrap.dedent(
        """\
        ---
        source: Agentur A
        date: 2024-01-05
        ---
        Das Beben hatte eine Stärke von 6,8. Mindestens 12 Menschen starben.
        Präsident Müller sprach von einer Katastrophe. Kritiker werfen der Regierung Versäumnisse vor.
        Rund 300 Helfer sind im Einsatz. Die Behörden sprechen von Hunderten Verletzten.
        """
    ),
    "b": textwrap.dedent(
        """\
        Stand: 05.01.2024 10:00 Uhr
        Das Beben hatte eine Stärke von 7,2. Mindestens 30 Menschen starben.
        Präsident Mueller reiste an. Mehr als 400 Helfer sind vor Ort. Insgesamt wurden 412 Verletzte gezählt.
        """
    ),
    "c": "Ein Beben der Stärke 6,8 erschütterte die Region. Die Regierung bestreitet Versäumnisse.\n",
}

GOLD_YAML = """\
case: toy-quake
description: hand-made batch for the scorer's tests
conflicts:
  - id: c1
    kind: quantity
    sides:
      - {b: "Stärke von 7,2"}
      - {a: "Stärke von 6,8", c: "Stärke 6,8"}
    note: one quake, two magnitudes.
variants:
  - id: v1
    kind: person_name
    docs: {a: "Präsident Müller", b: "Präsident Mueller"}
updates:
  - id: u1
    kind: quantity
    docs: {a: "Mindestens 12 Menschen starben", b: "Mindestens 30 Menschen starben"}
contested:
  - id: k1
    kind: other
    docs: {a: "werfen der Regierung Versäumnisse vor", c: "Die Regierung bestreitet Versäumnisse"}
traps:
  - id: t1
    kind: quantity
    docs: {a: "Hunderten Verletzten", b: "412 Verletzte"}
    note: vague amount vs a total.
  - id: t2
    kind: quantity
    docs: {a: "eine Stärke von 6,8", c: "Beben der Stärke 6,8"}
    note: same value; both docs sit on one side of c1.
optional:
  - id: o1
    kind: quantity
    docs: {a: "Rund 300 Helfer", b: "Mehr als 400 Helfer"}
"""


def write_case(root: Path, articles: dict[str, str], gold: str) -> Path:
    (root / "articles").mkdir(parents=True)
    for doc, text in articles.items():
        (root / "articles" / f"{doc}.txt").write_text(text, encoding="utf-8")
    (root / "gold.yaml").write_text(gold, encoding="utf-8")
    return root


@pytest.fixture
def toy(tmp_path: Path) -> Gold:
    return load_gold(write_case(tmp_path / "toy", ARTICLES, GOLD_YAML))


@pytest.fixture(scope="module")
def seed() -> Gold:
    return load_gold(SEEDS)


def ev(gold: Gold, doc: str, needle: str) -> Evidence:
    start = gold.articles[doc].index(needle)
    return Evidence(doc=doc, start=start, end=start + len(needle), text=needle, sentence=needle)


_counter = iter(range(10**6))


def finding(gold: Gold, severity: str, spans: list[tuple[str, str]], rule: str = "R") -> Finding:
    return Finding(
        id=f"f{next(_counter)}",
        rule=rule,
        kind="quantity",
        severity=Severity(severity),
        message="m",
        explanation="e",
        confidence=0.5,
        evidence=[ev(gold, d, n) for d, n in spans],
    )


def report(findings: list[Finding]) -> Report:
    return Report(tool_version="0", batch="x", model="none", articles=[], findings=findings)


# --------------------------------------------------------------------------- load_gold


def test_anchors_resolve_to_first_occurrence_with_front_matter(toy: Gold) -> None:
    c1 = toy.of("conflicts")[0]
    got = [[(a.doc, a.start, a.end) for a in side] for side in c1.sides]
    a_start = ARTICLES["a"].index("Stärke von 6,8")
    assert a_start == 64  # 43 characters of front matter come first
    assert got == [[("b", 49, 63)], [("a", 64, 78), ("c", 14, 24)]]
    # without sides each doc is its own side
    assert [[a.doc for a in s] for s in toy.of("variants")[0].sides] == [["a"], ["b"]]
    assert [i.id for i in toy.items] == ["c1", "v1", "u1", "k1", "t1", "t2", "o1"]


@pytest.mark.parametrize(
    "bad, message",
    [
        ('docs: {a: "Stärke von 9,9", b: "Stärke von 7,2"}', "toy: item x1: doc a: anchor 'Stärke von 9,9' does not occur"),
        ('docs: {z: "Stärke", b: "Stärke von 7,2"}', "toy: item x1: doc 'z' is not in articles/"),
        ('docs: {a: "Stärke von 6,8"}', "toy: item x1: needs at least two sides"),
        ('sides: [{a: "Stärke von 6,8", c: "Stärke 6,8"}]', "toy: item x1: needs at least two sides"),
        ('docs: {a: "", b: "Stärke von 7,2"}', "toy: item x1: doc a: anchor must be a non-empty string"),
        ('docs: {a: "Stärke von 6,8", b: "Stärke von 7,2"}\n    colour: red', "toy: item x1: unknown keys ['colour']"),
        ('kind: quantity', "toy: item x1: needs docs or sides"),
    ],
)
def test_bad_gold_is_a_clear_error(tmp_path: Path, bad: str, message: str) -> None:
    gold = f"case: toy\nconflicts:\n  - id: x1\n    {bad}\n"
    case = write_case(tmp_path / "bad", ARTICLES, gold)
    with pytest.raises(GoldError) as err:
        load_gold(case)
    assert str(err.value).startswith(message)


def test_numeric_doc_ids_stay_strings(tmp_path: Path) -> None:
    articles = {"001": "Es gab 12 Tote.", "2024": "Es gab 14 Tote."}
    gold = 'case: nums\nconflicts:\n  - id: 1\n    docs: {001: "12 Tote", 2024: "14 Tote"}\n'
    item = load_gold(write_case(tmp_path / "nums", articles, gold)).items[0]
    assert (item.id, [(a.doc, a.start, a.end) for s in item.sides for a in s]) == ("1", [("001", 7, 14), ("2024", 7, 14)])


def test_duplicate_ids_and_unknown_sections_are_errors(tmp_path: Path) -> None:
    dup = 'case: toy\ntraps:\n  - {id: t1, docs: {a: "6,8", b: "7,2"}}\n  - {id: t1, docs: {a: "6,8", b: "7,2"}}\n'
    with pytest.raises(GoldError, match="item id t1 is used twice"):
        load_gold(write_case(tmp_path / "dup", ARTICLES, dup))
    with pytest.raises(GoldError, match=r"unknown top-level keys \['conflict'\]"):
        load_gold(write_case(tmp_path / "sec", ARTICLES, "case: toy\nconflict: []\n"))


# --------------------------------------------------------------------------- score_report on the toy gold

HIT = ("warning", [("b", "Stärke von 7,2"), ("a", "Stärke von 6,8")])
HIT_EXCUSED = ("error", [("b", "Stärke von 7,2"), ("a", "Stärke von 6,8"), ("c", "Stärke 6,8")])
TRAP_SAME_VALUE = ("warning", [("a", "Stärke von 6,8"), ("c", "Stärke 6,8")])
TRAP_VAGUE = ("error", [("a", "Hunderten Verletzten"), ("b", "412 Verletzte")])
VARIANT_INFO = ("info", [("a", "Müller"), ("b", "Mueller")])
VARIANT_WARNING = ("warning", [("a", "Müller"), ("b", "Mueller")])
VARIANT_ERROR = ("error", [("a", "Müller"), ("b", "Mueller")])
UPDATE_WARNING = ("warning", [("a", "12 Menschen"), ("b", "30 Menschen")])
UPDATE_ERROR = ("error", [("a", "12 Menschen"), ("b", "30 Menschen")])
CONTESTED = ("warning", [("a", "Versäumnisse vor"), ("c", "bestreitet")])
OPTIONAL = ("error", [("a", "300 Helfer"), ("b", "400 Helfer")])
UNMATCHED = ("error", [("a", "sprach von einer Katastrophe"), ("b", "reiste an")])
ONE_SIDE_ONLY = ("error", [("b", "Stärke von 7,2"), ("b", "412 Verletzte")])
TOUCHING = ("error", [("b", "Das Beben hatte eine "), ("a", "Das Beben hatte eine ")])  # ends where anchors start

# fields: conflicts_hit, alarms_hit, alarms_scored, trap_violations, variants_hit, updates_hit, contested_hit, mistakes
CASES = [
    ("hit", [HIT], (1, 1, 1, 0, 0, 0, 0, 0)),
    ("hit that also cites agreeing docs excuses the trap", [HIT_EXCUSED], (1, 1, 1, 0, 0, 0, 0, 0)),
    ("agreeing docs only: trap, no hit", [TRAP_SAME_VALUE], (0, 0, 1, 1, 0, 0, 0, 0)),
    ("vague amount vs total", [TRAP_VAGUE], (0, 0, 1, 1, 0, 0, 0, 0)),
    ("variant as info", [VARIANT_INFO], (0, 0, 0, 0, 1, 0, 0, 0)),
    ("variant as warning is neutral", [VARIANT_WARNING], (0, 0, 0, 0, 1, 0, 0, 0)),
    ("variant as error is a mistake", [VARIANT_ERROR], (0, 0, 0, 0, 1, 0, 0, 1)),
    ("update as warning", [UPDATE_WARNING], (0, 0, 0, 0, 0, 1, 0, 0)),
    ("update as error is a mistake", [UPDATE_ERROR], (0, 0, 0, 0, 0, 1, 0, 1)),
    ("contested", [CONTESTED], (0, 0, 0, 0, 0, 0, 1, 0)),
    ("optional is neutral", [OPTIONAL], (0, 0, 0, 0, 0, 0, 0, 0)),
    ("unmatched", [UNMATCHED], (0, 0, 1, 0, 0, 0, 0, 0)),
    ("one side only", [ONE_SIDE_ONLY], (0, 0, 1, 0, 0, 0, 0, 0)),
    ("touching ranges do not overlap", [TOUCHING], (0, 0, 1, 0, 0, 0, 0, 0)),
    ("two hits on one conflict", [HIT, HIT_EXCUSED], (1, 2, 2, 0, 0, 0, 0, 0)),
    (
        "mixed",
        [HIT, TRAP_SAME_VALUE, TRAP_VAGUE, UNMATCHED, VARIANT_ERROR, UPDATE_WARNING, CONTESTED, OPTIONAL, VARIANT_INFO],
        (1, 1, 4, 2, 1, 1, 1, 1),
    ),
]
FIELDS = ("conflicts_hit", "alarms_hit", "alarms_scored", "trap_violations", "variants_hit", "updates_hit", "contested_hit", "mistakes")


@pytest.mark.parametrize("name, specs, expected", CASES, ids=[c[0] for c in CASES])
def test_toy_counts(toy: Gold, name: str, specs: list, expected: tuple) -> None:
    score = score_report(report([finding(toy, sev, spans) for sev, spans in specs]), toy)
    assert tuple(getattr(score.counts, f) for f in FIELDS) == expected
    assert (score.counts.conflicts, score.counts.traps, score.counts.variants) == (1, 2, 1)


def test_toy_mixed_details(toy: Gold) -> None:
    specs = [
        (HIT, "quantity"), (TRAP_SAME_VALUE, "quantity"), (TRAP_VAGUE, "quantity"), (UNMATCHED, "person"),
        (VARIANT_ERROR, "person"), (VARIANT_INFO, "person"), (CONTESTED, "dispute"),
    ]
    findings = [finding(toy, sev, spans, rule) for (sev, spans), rule in specs]
    score = score_report(report(findings), toy)
    ids = [f.id for f in findings]
    assert score.recall == 1.0
    assert score.precision == 0.25
    assert score.trap_rate == 1.0
    assert score.conflicts_hit == ["c1"] and score.missed_conflicts == []
    assert score.trap_violations == {"t2": [ids[1]], "t1": [ids[2]]}
    assert [(f.id, f.items) for f in score.false_alarms] == [(ids[1], ["t2"]), (ids[2], ["t1"]), (ids[3], [])]
    assert [(f.id, f.items) for f in score.mistakes] == [(ids[4], ["v1"])]
    assert score.false_alarms[2].evidence == ["a[129:157] 'sprach von einer Katastrophe'", "b[115:124] 'reiste an'"]
    assert {k: v.model_dump() for k, v in score.per_rule.items()} == {
        "dispute": {"findings": 1, "hits": 0, "false_alarms": 0, "neutral": 1},
        "person": {"findings": 3, "hits": 0, "false_alarms": 1, "neutral": 2},
        "quantity": {"findings": 3, "hits": 1, "false_alarms": 2, "neutral": 0},
    }
    assert score.matched == {"c1": [ids[0]], "v1": [ids[4], ids[5]], "k1": [ids[6]], "t1": [ids[2]], "t2": [ids[1]]}


def test_empty_report(toy: Gold) -> None:
    score = score_report(report([]), toy)
    assert (score.recall, score.precision, score.trap_rate) == (0.0, None, 0.0)
    assert [m.id for m in score.missed_conflicts] == ["c1"]
    assert score.missed_conflicts[0].anchors == ["b: 'Stärke von 7,2'", "a: 'Stärke von 6,8'", "c: 'Stärke 6,8'"]


# --------------------------------------------------------------------------- score_report on the seed gold

SEED_CASES = [
    # c1 from one doc of each side
    ("c1 hit", "warning", [("001_a9fea453eefb1996", "bis zu 1000 Container"), ("000_de980200fce5f78a", "mehr als 1.000 Container")],
     (1, 1, 1, 0, 0, 0, 0, 0)),
    # the two docs agree: neither c1 (one side) nor any other item
    ("agreeing docs only", "error", [("000_de980200fce5f78a", "mehr als 1.000 Container"), ("002_1acbf5f9b1a04c9d", "mehr als 1.000 Container")],
     (0, 0, 1, 0, 0, 0, 0, 0)),
    # t1's docs 000 and 002 both sit on c1's second side: excused
    ("c1 excuses t1", "error", [("001_a9fea453eefb1996", "bis zu 1000 Container"), ("000_de980200fce5f78a", "Hunderter Container"),
                                ("002_1acbf5f9b1a04c9d", "mehr als 1.000 Container")], (1, 1, 1, 0, 0, 0, 0, 0)),
    ("t2 hundreds vs total", "warning", [("001_a9fea453eefb1996", "Hunderte von Containern"), ("000_de980200fce5f78a", "mehr als 1.000 Container")],
     (0, 0, 1, 1, 0, 0, 0, 0)),
    ("t3 Friday", "warning", [("001_a9fea453eefb1996", "Am Freitag"), ("000_de980200fce5f78a", "13. Oktober 2023")], (0, 0, 1, 1, 0, 0, 0, 0)),
    # t8's docs straddle c2's sides: the hit counts, the trap is violated all the same
    ("c2 hit with t8 not excused", "error", [("003_2a793f0310a5d09b", "nach Moskau gereist"), ("003_2a793f0310a5d09b", "nach Russland gereist"),
                                             ("000_de980200fce5f78a", "Weltraumbahnhof Wostotschny")], (1, 1, 1, 1, 0, 0, 0, 0)),
    ("v4 as error", "error", [("000_de980200fce5f78a", "Kim Jong Un"), ("001_a9fea453eefb1996", "Kim Jong-un")], (0, 0, 0, 0, 1, 0, 0, 1)),
    ("v1 two of three names", "info", [("001_a9fea453eefb1996", "Rajin"), ("002_1acbf5f9b1a04c9d", "Najin")], (0, 0, 0, 0, 1, 0, 0, 0)),
    ("k1 dispute", "warning", [("001_a9fea453eefb1996", "nicht auf Beweisen"), ("000_de980200fce5f78a", "1.000 Container")], (0, 0, 0, 0, 0, 0, 1, 0)),
    ("o1 ships", "error", [("002_1acbf5f9b1a04c9d", "ein unter russischer Flagge"), ("001_a9fea453eefb1996", "zwei unter russischer Flagge")],
     (0, 0, 0, 0, 0, 0, 0, 0)),
]


@pytest.mark.parametrize("name, severity, spans, expected", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_counts(seed: Gold, name: str, severity: str, spans: list, expected: tuple) -> None:
    score = score_report(report([finding(seed, severity, spans)]), seed)
    assert tuple(getattr(score.counts, f) for f in FIELDS) == expected
    assert (score.counts.conflicts, score.counts.traps, score.counts.variants, score.counts.contested) == (2, 10, 4, 2)


def test_seed_anchor_offsets(seed: Gold) -> None:
    c1 = seed.of("conflicts")[0]
    assert [(a.doc[:3], a.start, a.end) for s in c1.sides for a in s] == [
        ("001", 864, 885), ("000", 885, 909), ("002", 77, 101), ("003", 1865, 1888)
    ]


# --------------------------------------------------------------------------- aggregate, table, json, gates


def test_aggregate_is_micro_averaged(toy: Gold, seed: Gold) -> None:
    toy_score = score_report(report([finding(toy, *HIT), finding(toy, *UNMATCHED), finding(toy, *VARIANT_ERROR)]), toy)
    seed_score = score_report(report([finding(seed, *SEED_CASES[3][1:3])]), seed)
    total = aggregate([toy_score, seed_score])
    assert (total.counts.conflicts_hit, total.counts.conflicts) == (1, 3)
    assert (total.counts.alarms_hit, total.counts.alarms_scored) == (1, 3)
    assert (total.counts.trap_violations, total.counts.traps) == (1, 12)
    assert total.recall == pytest.approx(1 / 3)  # macro would give (1 + 0) / 2
    assert total.precision == pytest.approx(1 / 3)
    assert total.trap_rate == pytest.approx(1 / 12)
    assert total.counts.mistakes == 1 and total.counts.findings == 4
    assert total.per_rule["R"].model_dump() == {"findings": 4, "hits": 1, "false_alarms": 2, "neutral": 1}
    table = format_table([toy_score, seed_score], total)
    assert table.splitlines() == [
        "case          conflicts  recall   precision  traps hit  variants  updates  contested  mistakes",
        "------------  ---------  ------  ----------  ---------  --------  -------  ---------  --------",
        "toy-quake           1/1    1.00  0.50 (1/2)        0/2       1/1      0/1        0/1         1",
        "seed-nk-arms        0/2    0.00  0.00 (0/1)       1/10       0/4      0/0        0/2         0",
        "------------  ---------  ------  ----------  ---------  --------  -------  ---------  --------",
        "TOTAL (2)           1/3    0.33  0.33 (1/3)       1/12       1/5      0/1        0/3         1",
    ]
    data = json.loads(json.dumps(to_json([toy_score, seed_score], total)))
    assert data["total"]["recall"] == pytest.approx(1 / 3)
    assert data["cases"][0]["false_alarms"][0]["items"] == []
    assert check_thresholds(total, min_recall=0.3, min_precision=0.3, max_trap_rate=0.1) == []
    assert check_thresholds(total, min_recall=0.5, min_precision=0.5, max_trap_rate=0.05) == [
        "conflict recall 0.333 < 0.5",
        "conflict precision 0.333 < 0.5",
        "trap violation rate 0.083 > 0.05",
    ]


def test_evaluate_cases_runs_each_case_on_its_articles(tmp_path: Path) -> None:
    case = write_case(tmp_path / "toy", ARTICLES, GOLD_YAML)
    gold = load_gold(case)
    seen: list[Path] = []

    def run(articles: Path) -> Report:
        seen.append(articles)
        return report([finding(gold, *HIT)])

    scores, total = evaluate_cases([case], run)
    assert seen == [case / "articles"]
    assert [s.case for s in scores] == ["toy-quake"] and total.recall == 1.0 and total.precision == 1.0


# --------------------------------------------------------------------------- the dev set's own gold files

# The dev set, the labelled set used after one blind score, the hold-out set and the blind set.
LABELLED_SETS = [REPO_FIXTURES] + [REPO_FIXTURES.parent / name for name in ("heldout", "holdout", "blind", "blind2")]
DEV_CASES = sorted(p for folder in LABELLED_SETS if folder.is_dir() for p in folder.glob("*/") if (p / "gold.yaml").is_file())


@pytest.mark.parametrize("case_dir", DEV_CASES, ids=[p.name for p in DEV_CASES])
def test_dev_set_gold_loads(case_dir: Path) -> None:
    gold = load_gold(case_dir)
    assert gold.case == case_dir.name
    assert gold.of("conflicts") and len(gold.of("traps")) >= 3


def _anchor_finding(gold: Gold, item_id: str, severity: str) -> Finding:
    item = next(i for i in gold.items if i.id == item_id)
    spans = [(a.doc, a.text) for side in item.sides for a in side]
    return finding(gold, severity, spans)


@pytest.mark.parametrize("case_dir", DEV_CASES, ids=[p.name for p in DEV_CASES])
def test_dev_set_gold_is_consistent(case_dir: Path) -> None:
    """Citing exactly a conflict's anchors is a clean hit; citing a trap's anchors never hits a conflict."""
    gold = load_gold(case_dir)
    conflicts = [_anchor_finding(gold, i.id, "warning") for i in gold.of("conflicts")]
    score = score_report(report(conflicts), gold)
    assert (score.recall, score.precision, score.trap_violations) == (1.0, 1.0, {})
    for trap in gold.of("traps"):
        score = score_report(report([_anchor_finding(gold, trap.id, "warning")]), gold)
        assert (score.counts.conflicts_hit, score.counts.trap_violations) == (0, 1), trap.id


def test_show_unmatched_lists_each_variant_no_finding_matched(tmp_path: Path, capsys) -> None:
    from checker.cli import main

    case = tmp_path / "river-names"
    (case / "articles").mkdir(parents=True)
    (case / "articles" / "a.txt").write_text("The old mill by the brook reopened on Monday after repairs.\n", encoding="utf-8")
    (case / "articles" / "b.txt").write_text("The old mill by the stream reopened on Monday after repairs.\n", encoding="utf-8")
    (case / "gold.yaml").write_text(
        "case: river-names\ndescription: invented\nvariants:\n"
        "  - {id: v1, kind: place_name, docs: {a: \"the brook\", b: \"the stream\"}, note: one water named two ways}\n",
        encoding="utf-8",
    )
    main(["eval", str(case), "--show-unmatched"])
    out = capsys.readouterr().out
    assert "river-names: missed variant v1 (place_name): a: 'the brook'; b: 'the stream'" in out
