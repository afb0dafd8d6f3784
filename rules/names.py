"""Naming-variant rules: one referent written with different names across articles.

These are notices for editors (house style, transliteration), never contradictions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator, Optional

from checker.language import function_words
from checker.models import Finding, Mention, Severity
from checker.resources import load_data
from rules.base import Rule, RuleContext

_CASE_ENDINGS = ("s", "es", "n", "en", "e", "er", "ns")


@lru_cache(maxsize=1)
def _generic_place_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_data("variant_forms.yaml")["generic_place_words"])


@lru_cache(maxsize=4096)
def _names_a_country(word: str) -> bool:
    """ "russische", "Nordkoreas", "USA": a nationality, not part of a title."""
    from checker.extract.places import demonym_country
    from checker.gazetteer import Gazetteer

    if demonym_country(word):
        return True
    return any(c.place.kind == "country" for c in Gazetteer.load().candidates(word, fuzzy=False)[:1])


def name_form(text: str, drop: frozenset[str] = frozenset()) -> str:
    """The name as written, lower case, without generic words ("Hafen Odessa" -> "odessa")."""
    tokens = [t for t in re.split(r"\s+", text.lower().strip(" .,;:()\"'„“”«»")) if t and t not in drop]
    return " ".join(tokens)


def _stems(word: str) -> set[str]:
    return {word} | {word[: -len(e)] for e in _CASE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3}


def same_name(a: str, b: str) -> bool:
    """German case endings make no new name: "Russlands" is "Russland", "Sicherheitsrats" is "Sicherheitsrates"."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(_stems(x) & _stems(y) for x, y in zip(words_a, words_b))


def fold_forms(forms: set[str]) -> dict[str, str]:
    """Each form mapped to the shortest form it is the same name as."""
    ordered = sorted(forms, key=lambda f: (len(f), f))
    base_of: dict[str, str] = {}
    for form in ordered:
        base_of[form] = next((b for b in ordered if b in base_of.values() and same_name(form, b)), form)
    return base_of


def variant_groups(
    ctx: RuleContext,
    kind: str,
    referent: Callable[[Mention], Optional[str]],
    form: Callable[[Mention], str],
) -> Iterator[tuple[str, list[tuple[Mention, str]]]]:
    """Referents named in two or more articles with two or more distinct forms: (first mention, form) per doc and form."""
    by_referent: dict[str, list[tuple[Mention, str]]] = {}
    for claim in ctx.claims.values():
        for mention in claim.of_kind(kind):
            key = referent(mention)
            if key:
                by_referent.setdefault(key, []).append((mention, form(mention)))
    for key, mentions in sorted(by_referent.items()):
        base_of = fold_forms({f for _, f in mentions})
        firsts: dict[tuple[str, str], tuple[Mention, str]] = {}
        for mention, written in sorted(mentions, key=lambda mf: (mf[0].doc, mf[0].start)):
            firsts.setdefault((mention.doc, base_of[written]), (mention, base_of[written]))
        if len({doc for doc, _ in firsts}) >= 2 and len(set(base_of.values())) >= 2:
            yield key, list(firsts.values())


class _VariantRule(Rule):
    default_severity = Severity.info
    mention_kind: str
    noun: str

    def referent(self, mention: Mention) -> Optional[str]:
        return getattr(mention.value, "key", None)

    def form(self, mention: Mention) -> str:
        return name_form(mention.text)

    def canonical(self, mentions: list[Mention]) -> str:
        return getattr(mentions[0].value, "canonical", mentions[0].text)

    def reason(self, mentions: list[Mention]) -> str:
        return "the same referent in the gazetteer and name lexicons"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for key, found in variant_groups(ctx, self.mention_kind, self.referent, self.form):
            mentions = [m for m, _ in found]
            forms = sorted({f for _, f in found})
            written = " / ".join(dict.fromkeys(m.text for m in mentions))
            canonical = self.canonical(mentions)
            yield self.finding(
                ctx,
                severity=self.default_severity,
                message=f"{self.noun.capitalize()} written differently across articles: {written} (all {canonical})",
                explanation=f"{written}: {self.reason(mentions)}; one {self.noun}, not a contradiction. Consider one spelling.",
                confidence=0.9,
                evidence=[(m, forms.index(f), canonical) for m, f in found],
                identity=[key, *forms],
            )


class PlaceNameVariant(_VariantRule):
    """One place is named differently across articles (romanisation, exonym, older name).

    Groups place mentions that the gazetteer resolves to one place and reports the distinct
    names used, with the canonical name and why they are one place.

    Why: readers comparing coverage think two names are two places; editors want one spelling.

    Example: "Danzig" / "Gdańsk" (German exonym and Polish name of one city), "Charkiw" / "Kharkiv": info.
    """

    code = "FD401"
    name = "place-name-variant"
    kind = "place_name"
    mention_kind = "place"
    noun = "place"

    def form(self, mention: Mention) -> str:
        return name_form(mention.text, _generic_place_words())

    def reason(self, mentions: list[Mention]) -> str:
        notes = sorted({note for m in mentions for note in getattr(m.value, "variant_of", [])})
        return "; ".join(notes) if notes else "the gazetteer resolves them to one place"


class PersonNameVariant(_VariantRule):
    """One person's full name is spelled differently across articles (hyphenation, transliteration).

    Only full names (two or more words) count: "Hoffmann" after "Karin Hoffmann" is a short reference,
    not a variant.

    Why: inconsistent spelling of a name looks careless and breaks search.

    Example: "Sergei Orlov" vs "Sergej Orlow", "Kim Jong Un" vs "Kim Jong-un": info.
    """

    code = "FD402"
    name = "person-name-variant"
    kind = "person_name"
    mention_kind = "person"
    noun = "person's name"

    def referent(self, mention: Mention) -> Optional[str]:
        return super().referent(mention) if len(mention.text.split()) >= 2 else None

    def reason(self, mentions: list[Mention]) -> str:
        return "spelling variants of one name (hyphenation, transliteration)"


class OrgNameVariant(_VariantRule):
    """One organisation is named differently across articles (acronym, long form, translation, orthography).

    Why: "CMA" in one article and "Competition and Markets Authority" in another are one body;
    saying so helps editors and readers follow the story.

    Example: "Weißen Haus" vs "Weisse Haus" (Swiss orthography): info.
    """

    code = "FD403"
    name = "org-name-variant"
    kind = "org_name"
    mention_kind = "org"
    noun = "organisation"

    def reason(self, mentions: list[Mention]) -> str:
        return "names of one organisation (acronym, long form, translation or orthography)"


class RoleVariant(_VariantRule):
    """One person is described with different titles across articles.

    Groups role phrases attached to the same person and reports the distinct titles.

    Why: a title is a fact too; differing titles are often harmless paraphrase but sometimes an
    outdated or wrong one.

    Example: "Umweltministerin Katrin Weber" vs "Katrin Weber, Bundesministerin für Umwelt" (one holder): info.
    """

    code = "FD404"
    name = "role-variant"
    kind = "role"
    mention_kind = "role"
    noun = "title"

    def referent(self, mention: Mention) -> Optional[str]:
        return getattr(mention.value, "holder", None)

    def form(self, mention: Mention) -> str:
        """The title without nationality and articles: "der russische Präsident" is "Präsident"."""
        words = name_form(mention.text).split()
        kept = [w for w in words if w not in function_words() and not _names_a_country(w)]
        return " ".join(kept) or " ".join(words)

    def canonical(self, mentions: list[Mention]) -> str:
        return f"titles of {mentions[0].value.holder}"

    def reason(self, mentions: list[Mention]) -> str:
        return "different titles for the same person"


RULES = [PlaceNameVariant, PersonNameVariant, OrgNameVariant, RoleVariant]
