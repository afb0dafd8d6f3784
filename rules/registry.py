"""The one list of rules: built-in rule families plus third-party rules from entry points.

A third-party package adds rules by declaring, in its pyproject.toml:

    [project.entry-points."factdiff.rules"]
    mycompany = "mycompany_factdiff.rules:RULES"

where RULES is a Rule subclass or a list of them (see docs/rules.md).
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Iterable, Optional

from checker.models import Severity
from rules import claims, dates, locations, names, quantities
from rules.base import Rule

BUILTIN_FAMILIES = (quantities, locations, dates, names, claims)


def builtin_rules() -> list[type[Rule]]:
    return [rule for family in BUILTIN_FAMILIES for rule in family.RULES]


def plugin_rules() -> list[type[Rule]]:
    found: list[type[Rule]] = []
    for entry in entry_points(group="factdiff.rules"):
        loaded = entry.load()
        for rule in loaded if isinstance(loaded, (list, tuple)) else [loaded]:
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                raise TypeError(f"entry point {entry.name!r} ({entry.value}) gave {rule!r}, not a factdiff Rule subclass")
            found.append(rule)
    return found


def all_rules() -> list[type[Rule]]:
    rules = builtin_rules() + plugin_rules()
    seen: dict[str, type[Rule]] = {}
    for rule in rules:
        if rule.code in seen and seen[rule.code] is not rule:
            raise ValueError(f"rule code {rule.code} is declared twice ({seen[rule.code].__module__}, {rule.__module__})")
        seen[rule.code] = rule
    return list(seen.values())


def select_rules(
    select: Optional[Iterable[str]] = None,
    ignore: Optional[Iterable[str]] = None,
    severities: Optional[dict[str, str]] = None,
) -> list[Rule]:
    """Codes match by prefix, as in ruff: "FD1" selects every quantity rule."""
    rules = all_rules()
    known = [r.code for r in rules]
    for code in [*(select or []), *(ignore or []), *(severities or {})]:
        if not any(k.startswith(code) for k in known):
            raise ValueError(f"unknown rule code {code!r} (known: {', '.join(known)})")
    chosen = [r for r in rules if not select or any(r.code.startswith(s) for s in select)]
    chosen = [r for r in chosen if not any(r.code.startswith(i) for i in ignore or [])]
    instances = []
    for rule in chosen:
        override = next((Severity(v) for k, v in (severities or {}).items() if rule.code.startswith(k)), None)
        instances.append(rule(severity=override))
    return instances
