#!/usr/bin/env python3
"""Validate labelled batches against ../shared/GOLD-FORMAT.md.  Usage: python3 scripts/validate_batch.py BATCH_DIR [...]

The blind-set writers run a copy of it outside the repository (docs/writer-brief.md): they never see the code.
Standard library and PyYAML only, so that it runs anywhere."""
import pathlib
import sys

import yaml

KINDS = {
    "conflicts": {"quantity", "location", "date", "person", "other"},
    "contested": {"quantity", "location", "date", "person", "other"},
    "variants": {"place_name", "person_name", "role", "org_name"},
    "updates": {"quantity", "location", "date", "person", "other"},
    "traps": {"quantity", "location", "date", "alignment"},
    "optional": None,
}
TARGETS = {"conflicts": (4, 6), "variants": (2, 4), "updates": (1, 2), "contested": (0, 2), "traps": (8, 12)}


def check(batch: pathlib.Path) -> list[str]:
    errs = []
    arts = {p.relative_to(batch / "articles").with_suffix("").as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((batch / "articles").rglob("*.txt"))}
    if not 4 <= len(arts) <= 6:
        errs.append(f"{len(arts)} articles (want 4-6)")
    for doc, text in arts.items():
        if text.startswith("---"):
            try:
                fm = yaml.safe_load(text.split("---", 2)[1])
                if not isinstance(fm, dict):
                    errs.append(f"{doc}: front matter is not a mapping")
            except Exception as exc:
                errs.append(f"{doc}: front matter does not parse: {exc}")
    try:
        gold = yaml.safe_load((batch / "gold.yaml").read_text(encoding="utf-8"))
    except Exception as exc:
        return errs + [f"gold.yaml does not parse: {exc}"]
    if gold.get("case") != batch.name:
        errs.append(f"case {gold.get('case')!r} != folder name {batch.name!r}")
    if not gold.get("description"):
        errs.append("no description")
    ids = set()
    for section, kinds in KINDS.items():
        items = gold.get(section) or []
        lo_hi = TARGETS.get(section)
        if lo_hi and not lo_hi[0] <= len(items) <= lo_hi[1]:
            errs.append(f"{section}: {len(items)} items (want {lo_hi[0]}-{lo_hi[1]})")
        for item in items:
            iid = item.get("id")
            if iid in ids:
                errs.append(f"id {iid} given twice")
            ids.add(iid)
            if kinds and item.get("kind") not in kinds:
                errs.append(f"{section} {iid}: kind {item.get('kind')!r} not in {sorted(kinds)}")
            groups = item.get("sides") or [{d: a} for d, a in (item.get("docs") or {}).items()]
            if item.get("sides") and item.get("docs"):
                errs.append(f"{section} {iid}: give docs or sides, not both")
            docs = [d for g in groups for d in g]
            if len(set(docs)) < 2 or len(groups) < 2:
                errs.append(f"{section} {iid}: needs 2+ docs on 2+ sides")
            for g in groups:
                for doc, anchor in g.items():
                    if doc not in arts:
                        errs.append(f"{section} {iid}: unknown doc {doc!r}")
                    elif not isinstance(anchor, str) or anchor not in arts[doc]:
                        errs.append(f"{section} {iid}: anchor {anchor!r} not verbatim in {doc}")
                    elif arts[doc].count(anchor) > 1:
                        errs.append(f"{section} {iid}: anchor {anchor!r} occurs {arts[doc].count(anchor)}x in {doc} (make it unique)")
            if not item.get("note"):
                errs.append(f"{section} {iid}: no note")
    return errs


if __name__ == "__main__":
    bad = 0
    for arg in sys.argv[1:]:
        errs = check(pathlib.Path(arg))
        print(f"{arg}: {'OK' if not errs else 'FAIL'}")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)
