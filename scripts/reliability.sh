#!/usr/bin/env bash
# The full reliability run behind docs/reliability.md: the hostile batch (320 bad or odd entries and
# 7 good articles) checked and verified, the fuzzer on 10,000 mutated articles, kill -9 trials on
# `archive add`, and the long-line benchmark. Takes about 30 minutes on 2 cores; each part can be run alone.
#
#   bash scripts/reliability.sh [WORKDIR]          (default: a temporary folder)
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
status=0

echo "== hostile batch, without the kinds that crash the decision core =="
$PY scripts/hostile_batch.py "$WORK/hostile" --bad 320 --without-core-crashes
( cd "$WORK" && /usr/bin/time -f "%e s, %M KB max RSS" "$OLDPWD/.venv/bin/factdiff" check hostile --fail-on never -q >/dev/null 2>hostile.err; echo "exit $?"; tail -n 1 hostile.err )
$PY - "$WORK" <<'PY' || status=1
import json, sys
from pathlib import Path
sys.path.insert(0, "scripts")
from hostile_batch import verify
work = Path(sys.argv[1])
expected = json.loads((work / "hostile.expected.json").read_text())
reports = work / "reports"
outputs = {p.name: p.read_text(encoding="utf-8") for p in reports.glob("hostile.*")}
report = json.loads(outputs["hostile.json"])
failures = verify(report, expected, outputs)
sizes = ", ".join(f"{name} {len(text.encode()):,} B" for name, text in sorted(outputs.items()))
print(f"{len(report['articles'])} articles checked, {len(report['problems'])} problems; reports: {sizes}")
print("verified: every good article checked, every bad entry named" if not failures else "\n".join(failures))
sys.exit(1 if failures else 0)
PY

echo "== hostile batch with them (rules/names.py: substring not found) =="
$PY scripts/hostile_batch.py "$WORK/hostile-core" --bad 320 >/dev/null
( cd "$WORK" && "$OLDPWD/.venv/bin/factdiff" check hostile-core --fail-on never -q >/dev/null 2>core.err; echo "exit $?"; tail -n 1 core.err )

echo "== fuzzer: 10,000 mutated articles in batches of 50 =="
$PY scripts/fuzz.py --articles 10000 --batch-size 50 --seed 1 --json "$WORK/fuzz.json"          # the core crash counts here
$PY scripts/fuzz.py --articles 10000 --batch-size 50 --seed 1 --without-core-crashes --json "$WORK/fuzz-nc.json" || status=1

echo "== kill -9 trials on archive add =="
$PY scripts/kill_trials.py --trials 20 || status=1

echo "== long lines =="
$PY bench/long_lines.py
exit $status
