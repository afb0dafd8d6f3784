"""Person rules: one person given attributes across articles that cannot both be right."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from checker.models import Finding, Mention, OrgValue, Severity
from checker.resources import load_data
from rules.base import Rule, RuleContext
from rules.names import person_aliases


@lru_cache(maxsize=1)
def _parties() -> tuple[dict[str, str], re.Pattern, frozenset[str]]:
    """(party key of each name, the names as one pattern, words that make a person a member)."""
    data = load_data("parties.yaml")
    key_of = {name: key for key, names in data["parties"].items() for name in names}
    names = "|".join(re.escape(n) for n in sorted(key_of, key=len, reverse=True))
    heads = frozenset(w for words in data["member_heads"].values() for w in words)
    return key_of, re.compile(f"(?<![\\w-])(?:{names})(?![\\w])"), heads


_Placed = list[tuple[re.Pattern, bool]]


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Placed, _Placed]:
    """Where a party stands before and after a name, each with whether its member word (group "head") must be checked."""
    party = _parties()[1].pattern
    return [
        # "die SPD-Bewerberin Lea Winter", "Grünen-Politiker Jan Roth"
        (re.compile(f"(?P<party>{party})-(?P<head>\\w+)\\s+$"), True),
        # "Labour MP Anna Berg", "Republican senator Tom Hale", "the Labour candidate, Anna Berg"
        (re.compile(f"(?P<party>{party})(?:'s)?\\s+(?P<head>\\w+),?\\s+$"), True),
        # "Democrat Anna Berg", "Labour's Anna Berg"
        (re.compile(f"(?P<party>{party})(?:'s)?\\s+$"), False),
        # "Die Kandidatin von Bündnis 90/Die Grünen, Lea Winter", "the candidate of the Greens, Ann Roe"
        (re.compile(f"(?P<head>\\w+)\\s+(?:von|der|des|vom|of|for|from)\\s+(?:der\\s+|den\\s+|the\\s+)?(?P<party>{party}),\\s*$"), True),
    ], [
        # "Malte Brüning (SPD)"
        (re.compile(f"^\\s*\\((?P<party>{party})\\)"), False),
        # "Lea Winter, Kandidatin der Grünen", "Anna Berg, candidate for the SNP"
        (re.compile(f"^\\s*,\\s*(?:die\\s+|der\\s+|the\\s+|a\\s+)?(?:\\w+\\s+)?(?P<head>\\w+)\\s+(?:von|der|des|vom|of|for|from)\\s+(?:der\\s+|den\\s+|the\\s+)?(?P<party>{party})\\b"), True),
        # "Anna Berg, the Labour candidate"
        (re.compile(f"^\\s*,\\s*(?:the\\s+|a\\s+)?(?P<party>{party})\\s+(?P<head>\\w+)"), True),
    ]


def parties_of(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The parties a sentence makes the person named at text[start:end] a member of, each as (key,
    start, end) of its name: one, or two for a joint candidate ("candidate of the SPD and the Greens")."""
    key_of, party, heads = _parties()
    before_patterns, after_patterns = _patterns()
    for patterns, window, offset in ((before_patterns, text[:start], 0), (after_patterns, text[end:], end)):
        for pattern, needs_head in patterns:
            m = pattern.search(window)
            if m and (not needs_head or m.group("head").lower() in heads):
                found = [(key_of[m.group("party")], offset + m.start("party"), offset + m.end("party"))]
                also = _JOINED.match(text, offset + m.end("party"))
                second = party.match(text, also.end()) if also else None
                if second:
                    found.append((key_of[second.group()], second.start(), second.end()))
                return found
    return []


_JOINED = re.compile(r"\s*(?:und|and|&|/|sowie)\s+(?:der\s+|den\s+|die\s+|the\s+)?")


Said = dict[str, dict[object, dict[str, Mention]]]  # person -> value -> doc -> the first place an article says it


def stated_parties(ctx: RuleContext) -> Said:
    """The parties stated next to each full name, per person, party and article."""
    aliases = person_aliases(ctx)
    said: Said = {}
    for claim in ctx.claims.values():
        text, base = claim.sentence.text, claim.sentence.start
        for person in claim.of_kind("person"):
            key = aliases.get(person.value.key, person.value.key)
            if len(key.split()) < 2:
                continue
            for value, s, e in parties_of(text, person.start - base, person.end - base):
                said.setdefault(key, {}).setdefault(value, {}).setdefault(claim.doc, Mention(
                    kind="org", doc=claim.doc, start=base + s, end=base + e, text=text[s:e],
                    value=OrgValue(key=str(value), canonical=text[s:e])))
    return said


def one_value_per_article(values: dict[object, dict[str, Mention]]) -> bool:
    """No article gives the person two values: two of them would be a joint candidacy or two people of one name."""
    docs = [doc for by_doc in values.values() for doc in by_doc]
    return len(docs) == len(set(docs))


class PartyConflict(Rule):
    """One person is made a member of different parties in different articles.

    Reads a person's party where a sentence states it next to the name: a compound title
    ("SPD-Kandidatin Lea Winter", "Grünen-Politiker"), a party before the name ("Labour MP",
    "Republican senator", "Democrat"), the party in brackets after it ("Malte Brüning (SPD)"), or an
    apposition ("Lea Winter, Kandidatin der Grünen", "Anna Berg, the Labour candidate"). Only
    words of membership count ("SPD-Kritikerin" criticises the SPD); parties and their names are data
    (checker/data/parties.yaml). An article naming two parties for one person (a joint candidate)
    takes the person out of the comparison.

    Why: a candidate or official put in the wrong party misinforms readers about the politics of a story.

    Example: "Grünen-Kandidatin Lea Winter" vs "die SPD-Bewerberin Lea Winter": warning.
    """

    code = "FD405"
    name = "party-conflict"
    default_severity = Severity.warning
    kind = "person"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for person, values in sorted(stated_parties(ctx).items()):
            ordered = sorted(values)
            if len(ordered) < 2 or not one_value_per_article(values):
                continue
            name = person.title()
            written = " vs ".join(
                f"{next(iter(values[v].values())).text} ({', '.join(sorted(values[v]))})" for v in ordered)
            yield self.finding(
                ctx,
                severity=self.default_severity,
                message=f"One person, different parties: {name}: {written}",
                explanation=f"{written}: the articles give {name} different parties; check which is right.",
                confidence=0.7,
                evidence=[(values[v][doc], side, str(v)) for side, v in enumerate(ordered) for doc in sorted(values[v])],
                identity=[person, *map(str, ordered)],
            )


RULES = [PartyConflict]
