"""Naming-variant rules: one referent written with different names across articles.

These are notices for editors (house style, transliteration), never contradictions.
"""

from __future__ import annotations

import re
from importlib import resources
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Optional

from rapidfuzz.distance import Levenshtein

from checker.extract.people import fold_name
from checker.language import function_words
from checker.models import Finding, Mention, OrgValue, Severity
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


def _stems(word: str, endings: tuple[str, ...] = _CASE_ENDINGS) -> set[str]:
    return {word} | {word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= 3}


def same_name(a: str, b: str, endings: tuple[str, ...] = _CASE_ENDINGS) -> bool:
    """German case endings make no new name: "Russlands" is "Russland", "Sicherheitsrats" is "Sicherheitsrates"."""
    words_a, words_b = a.split(), b.split()
    return len(words_a) == len(words_b) and all(_stems(x, endings) & _stems(y, endings) for x, y in zip(words_a, words_b))


def fold_forms(forms: set[str], endings: tuple[str, ...] = _CASE_ENDINGS) -> dict[str, str]:
    """Each form mapped to the shortest form it is the same name as."""
    ordered = sorted(forms, key=lambda f: (len(f), f))
    base_of: dict[str, str] = {}
    for form in ordered:
        base_of[form] = next((b for b in ordered if b in base_of.values() and same_name(form, b, endings)), form)
    return base_of


def variant_groups(
    ctx: RuleContext,
    kind: str,
    referent: Callable[[Mention], Optional[str]],
    form: Callable[[Mention], str],
    endings: tuple[str, ...] = _CASE_ENDINGS,
) -> Iterator[tuple[str, list[tuple[Mention, str]]]]:
    """Referents named in two or more articles with two or more distinct forms: (first mention, form) per doc and form."""
    by_referent: dict[str, list[tuple[Mention, str]]] = {}
    for claim in ctx.claims.values():
        for mention in claim.of_kind(kind):
            key = referent(mention)
            if key:
                by_referent.setdefault(key, []).append((mention, form(mention)))
    for key, mentions in sorted(by_referent.items()):
        base_of = fold_forms({f for _, f in mentions}, endings)
        firsts: dict[tuple[str, str], tuple[Mention, str]] = {}
        for mention, written in sorted(mentions, key=lambda mf: (mf[0].doc, mf[0].start)):
            firsts.setdefault((mention.doc, base_of[written]), (mention, base_of[written]))
        if len({doc for doc, _ in firsts}) >= 2 and len(set(base_of.values())) >= 2:
            yield key, list(firsts.values())


@lru_cache(maxsize=1)
def _academic_titles() -> tuple[str, ...]:
    return tuple(sorted(load_data("people_names.yaml")["academic_titles"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _nicknames() -> frozenset[frozenset[str]]:
    """Given-name pairs from the curated table of the `nicknames` package (Apache-2.0)."""
    lines = (resources.files("nicknames") / "names.csv").read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines[1:] if line]
    return frozenset(frozenset((a, b)) for a, _, b in rows)


@lru_cache(maxsize=1)
def _given_spellings() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p), r) for p, r in load_data("people_names.yaml")["given_name_spellings"]]


def _respelled(given: str) -> str:
    for pattern, repl in _given_spellings():
        given = pattern.sub(repl, given)
    return given


def related_given_names(a: str, b: str) -> bool:
    """One given name in two forms: a nickname ("maggie" / "margaret") or a spelling ("marcus" / "markus")."""
    return a != b and (_respelled(a) == _respelled(b) or frozenset((a, b)) in _nicknames())


def one_name(a: str, b: str) -> bool:
    """Two person keys that are one name written two ways: a related given name ("maggie" / "margaret"),
    one letter more or less in a long name ("whitcomb" / "whitcombe", "chukuma" / "chukwuma"), or a
    middle name as an initial or left out ("sani g rimi", "sani rimi" / "sani garba rimi")."""
    ta, tb = a.split(), b.split()
    if a == b or ta[-1] != tb[-1] and ta[0] != tb[0]:
        return False
    if len(ta) == len(tb):
        differ = [i for i, (x, y) in enumerate(zip(ta, tb)) if x != y]
        if len(differ) != 1:
            return False
        i = differ[0]
        x, y = ta[i], tb[i]
        if i == 0:  # a given name: "Daniel" / "Daniela", "Antonio" / "Antonia" are two people
            return related_given_names(x, y) or (
                min(len(x), len(y)) >= 6 and Levenshtein.distance(x, y) == 1 and x[-1] == y[-1] and not (x.startswith(y) or y.startswith(x)))
        if i < len(ta) - 1 and (len(x) == 1 and y.startswith(x) or len(y) == 1 and x.startswith(y)):
            return True  # a middle name and its initial
        return i == len(ta) - 1 and min(len(x), len(y)) >= 5 and Levenshtein.distance(x, y) == 1 and x[0] == y[0]
    short, long = sorted((ta, tb), key=len)
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    middle, given = short[1:-1], long[1:-1]
    return not middle or len(middle) == len(given) and all(m == g or len(m) == 1 and g.startswith(m) for m, g in zip(middle, given))


def person_aliases(ctx: RuleContext) -> dict[str, str]:
    """Person keys mapped to the key of the same person's full name, when only one fits.

    "Maggie Arsenault" is "Margaret Arsenault" when no "Madeline Arsenault" is named too, and a
    surname alone ("Reuß" in an article that never gives the full name) is the one full name in the
    batch with that surname. Same surname is never enough between full names: "Anna Berger" and
    "Paul Berger" stay two people, and "Berger" alone beside both is nobody's.
    """
    return ctx.shared("person_aliases", lambda: _person_aliases(ctx))


def _person_aliases(ctx: RuleContext) -> dict[str, str]:
    named = {m.value.key for c in ctx.claims.values() for m in c.of_kind("person")}
    keys = {key for key in named if len(key.split()) >= 2}
    full_by_surname: dict[str, set[str]] = {}
    for key in keys:
        full_by_surname.setdefault(key.split()[-1], set()).add(key)
    by_last: dict[str, list[str]] = {}
    for key in sorted(keys):
        by_last.setdefault(key.split()[-1], []).append(key)
        by_last.setdefault(key.split()[0], []).append(key)  # a misspelt surname shares the given name
    partners = {key: sorted({o for o in by_last[key.split()[-1]] + by_last[key.split()[0]] if one_name(key, o)}) for key in keys}
    aliases: dict[str, str] = {}
    for key, found in partners.items():
        if len(found) == 1 and partners[found[0]] == [key]:
            aliases[key] = min(key, found[0])
    for surname in named - keys:
        full = {aliases.get(key, key) for key in full_by_surname.get(surname, ())}
        if len(full) == 1:
            aliases[surname] = full.pop()
    return aliases


class _VariantRule(Rule):
    default_severity = Severity.info
    mention_kind: str
    noun: str
    case_endings: tuple[str, ...] = _CASE_ENDINGS  # endings that make no new name

    def referent(self, mention: Mention) -> Optional[str]:
        return getattr(mention.value, "key", None)

    def form(self, mention: Mention) -> str:
        return name_form(mention.text)

    def canonical(self, mentions: list[Mention]) -> str:
        return getattr(mentions[0].value, "canonical", mentions[0].text)

    def cited(self, ctx: RuleContext, mention: Mention) -> Mention:
        return mention

    def reason(self, mentions: list[Mention]) -> str:
        return "the same referent in the gazetteer and name lexicons"

    def referent_in(self, ctx: RuleContext) -> Callable[[Mention], Optional[str]]:
        return self.referent

    def form_in(self, ctx: RuleContext) -> Callable[[Mention], str]:
        return self.form

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for key, found in variant_groups(ctx, self.mention_kind, self.referent_in(ctx), self.form_in(ctx), self.case_endings):
            found = [(self.cited(ctx, m), f) for m, f in found]
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

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from super().check(ctx)
        yield from text_variant_findings(self, ctx, places=True)


class PersonNameVariant(_VariantRule):
    """One person's full name is spelled differently across articles (hyphenation, transliteration).

    Only full names (two or more words) count: "Hoffmann" after "Karin Hoffmann" is a short reference,
    not a variant. A nickname or another spelling of the given name ("Maggie" / "Margaret",
    "Marcus" / "Markus"), one letter more or less inside a long name ("Holcomb" / "Holcombe",
    "Chukuma" / "Chukwuma"; never a final letter of a given name: "Daniel" / "Daniela") and a middle
    name as an initial or left out count when only one full name fits; an academic title
    ("Dr. Jörg Lenzen" / "Jörg Lenzen") counts too.

    Why: inconsistent spelling of a name looks careless and breaks search.

    Example: "Sergei Orlov" vs "Sergej Orlow", "Kim Jong Un" vs "Kim Jong-un": info.
    """

    code = "FD402"
    name = "person-name-variant"
    kind = "person_name"
    mention_kind = "person"
    noun = "person's name"
    case_endings = ("s",)  # a name's only ending is the genitive: "Holcombe" is no case of "Holcomb"

    def referent(self, mention: Mention) -> Optional[str]:
        return super().referent(mention) if len(mention.text.split()) >= 2 else None

    def referent_in(self, ctx: RuleContext) -> Callable[[Mention], Optional[str]]:
        aliases = person_aliases(ctx)
        return lambda m: (lambda k: aliases.get(k, k) if k else None)(self.referent(m))

    def form_in(self, ctx: RuleContext) -> Callable[[Mention], str]:
        return lambda m: name_form(self.cited(ctx, m).text)

    def cited(self, ctx: RuleContext, mention: Mention) -> Mention:
        """The name with the academic title written before it ("Dr. Jörg Lenzen")."""
        before = ctx.articles[mention.doc].text[max(0, mention.start - 12) : mention.start]
        m = re.search(rf"(?<![\w.])(?:{'|'.join(map(re.escape, _academic_titles()))})\s+$", before)
        if not m:
            return mention
        start = mention.start - (len(before) - m.start())
        return mention.model_copy(update={"start": start, "text": ctx.articles[mention.doc].text[start : mention.end]})

    def reason(self, mentions: list[Mention]) -> str:
        return "spelling variants of one name (hyphenation, transliteration, nickname, academic title)"


class OrgNameVariant(_VariantRule):
    """One organisation is named differently across articles (acronym, long form, translation, orthography).

    Lexicon organisations are grouped by key. Organisations no lexicon knows are found in the text:
    one word in two spellings ("AFAD" / "Afad", "ver.di" / "Verdi"), an acronym an article defines
    in parentheses, an acronym with the initials of a long name (only when one long name in the
    batch has them, and three letters or more), a long name with "&" for "and".

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

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from super().check(ctx)
        yield from text_variant_findings(self, ctx, places=False)


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

    def referent_in(self, ctx: RuleContext) -> Callable[[Mention], Optional[str]]:
        aliases = person_aliases(ctx)
        return lambda m: (lambda k: aliases.get(k, k) if k else None)(self.referent(m))

    def form(self, mention: Mention) -> str:
        """The title without nationality and articles: "der russische Präsident" is "Präsident"."""
        words = name_form(mention.text).split()
        kept = [w for w in words if w not in function_words() and not _names_a_country(w)]
        return " ".join(kept) or " ".join(words)

    def canonical(self, mentions: list[Mention]) -> str:
        return f"titles of {mentions[0].value.holder}"

    def reason(self, mentions: list[Mention]) -> str:
        return "different titles for the same person"


# --------------------------------------------------------------------------- names found in the text itself
#
# Most organisations are in no lexicon. Their variants still show in the text: one word written in
# two spellings ("Afad" / "AFAD", "Verdi" / "ver.di"), an acronym that an article defines
# ("Kommunaler Arbeitgeberverband NRW (KAV NRW)"), an acronym whose letters are the initials of a
# capitalised name in another article ("the HSE" / "Health and Safety Executive"), or a long name
# written with "&" for "and".

_TOKEN = re.compile(r"(?<![\w.])[^\W\d_]+(?:\.[^\W\d_]+)*\.?(?![\w])")
_ACRONYM = re.compile(r"(?:[A-ZÄÖÜ]\.){2,6}|[A-ZÄÖÜ]{2,6}s?\b")  # "PCs" is the plural of "PC"
_CAPWORD = r"[A-ZÄÖÜ][\w]*(?:-[A-ZÄÖÜ][\w]*)*"
_CONNECT = r"(?:and|und|&|of|for|für|the|de|der|des|du)"  # inside a name; org_connectors give no initial
_LONG = re.compile(rf"(?<![\w-]){_CAPWORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)?{_CAPWORD})+")
_DEFINED = re.compile(rf"({_CAPWORD}(?:[ \t]+(?:{_CONNECT}[ \t]+|[a-zäöüß]+[ \t]+)?{_CAPWORD})+)\s*\((([A-ZÄÖÜ]{{2,6}})(?:\s+[A-ZÄÖÜ]{{2,6}})?)\)")


@lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    data = load_data("variant_forms.yaml")
    return {k: frozenset(w.lower() for w in data[k]) for k in ("org_generic_heads", "org_connectors", "compound_heads", "compound_prefixes")}


def _fold_token(word: str) -> str:
    return word.replace(".", "").lower()


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _letter_forms(word: str) -> dict[str, str]:
    """The word's letters without accents, with umlauts written out and dropped: "Sölden" is "soelden" and "solden"."""
    return {"written": fold_name(word.lower().translate(_UMLAUTS)), "dropped": fold_name(word)}


_DATELINE = re.compile(r"[ \t]*[A-ZÄÖÜ][A-ZÄÖÜ \t/.,-]*(?:\(|[-–—][ \t])")


def _caps_heavy(text: str, start: int) -> bool:
    """A headline, label or dateline in capitals ("KIEW/MOSKAU (dpa) -"): its capital words are no acronyms."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    dateline = _DATELINE.match(line)
    if dateline and dateline.end() > start - line_start:
        return True
    words = re.findall(r"[^\W\d_]{2,}", line)
    return (len(words) >= 3 and sum(w.isupper() for w in words) * 2 > len(words)) or (
        len(words) >= 2 and all(w.isupper() for w in words))


def _mid_sentence(text: str, start: int) -> bool:
    return re.search(r"[\w,;»«„“”\"')-][ \t]+$", text[max(0, start - 3) : start]) is not None


def _marked(word: str) -> bool:
    """A spelling only names use: an acronym's capitals or a dot inside ("AFAD", "ver.di").

    Longer words in capitals are headlines and datelines ("CHARLOTTETOWN"), not another spelling.
    """
    core = word.rstrip(".")
    return "." in core or (3 <= len(core) <= 5 and core.isupper())


def _initials(name: str) -> str:
    return _initials_options(name)[0]


def _initials_options(name: str) -> list[str]:
    """The name's initials, first the plain ones, then those that also take the head of a German
    compound ("Technisches Hilfswerk" is "TH" and "THW", "Schifffahrtsgesellschaft Untersee" "SU" and "SGU")."""
    connectors = _name_words()["org_connectors"]
    options = [""]
    for word in re.split(r"[ \t]+", name):
        if word.lower() in connectors:
            continue
        for part in word.split("-"):
            letters = _part_letters(part)
            options = [o + letter for letter in letters for o in options]
    return [o.upper() for o in options[:8]]


def _part_letters(part: str) -> list[str]:
    """The letters one word may give an acronym: its first; with the head of a compound ("Hilfswerk": H,
    HW); with each part after a leading "Bundes-", "Landes-", "Ober-" ("Landeskriminalamt": L, LA, LKA;
    "Oberlandesgericht": O, OG, OLG)."""
    if part.isupper() and len(part) > 1:
        return [part]
    letters = [part[:1]]
    head = _compound_head(part)
    if head:
        letters.append(part[:1] + head[0])
    pieces = _compound_pieces(part.lower())
    if len(pieces) > 2 or (len(pieces) == 2 and not head):
        spelled = part[:1] + "".join(p[0] for p in pieces[1:])
        if spelled.upper() not in (x.upper() for x in letters):
            letters.append(spelled)
    return letters


def _compound_pieces(lower: str) -> list[str]:
    """A German compound split after its leading parts ("landes", "ober") and before its head:
    "landesvermessungsamt" is landes, vermessungs, amt."""
    pieces: list[str] = []
    rest = lower
    while True:
        prefix = max((p for p in _name_words()["compound_prefixes"] if rest.startswith(p) and len(rest) - len(p) >= 3), key=len, default=None)
        if prefix is None:
            break
        pieces.append(prefix)
        rest = rest[len(prefix):]
    if not pieces:
        return [lower]
    head = _compound_head(rest) if rest not in _name_words()["compound_heads"] else None
    return pieces + ([rest[: -len(head)], head] if head else [rest])


def _compound_head(word: str) -> Optional[str]:
    lower = word.lower()
    return max((h for h in _name_words()["compound_heads"] if lower.endswith(h) and len(lower) - len(h) >= 3), key=len, default=None)


def _long_key(name: str) -> str:
    words = [w for w in re.split(r"[ \t]+", name.replace("&", "and").replace(" und ", " and ")) if w]
    heads = _name_words()["org_generic_heads"]
    while len(words) > 2 and words[-1].lower() in heads:
        words.pop()
    return " ".join(words).lower()


@dataclass
class _Written:
    doc: str
    start: int
    end: int
    text: str


def _subnames(written: _Written) -> Iterator[_Written]:
    """The name and its runs of two or more capitalised words ("Prince Edward Island" in "Elections Prince Edward Island")."""
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", written.text)]
    connectors = _name_words()["org_connectors"]
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            if words[i][2].lower() in connectors or words[j][2].lower() in connectors:
                continue
            s, e = words[i][0], words[j][1]
            yield _Written(written.doc, written.start + s, written.start + e, written.text[s:e])


def _defined_name(before: _Written, acronym: str) -> Optional[_Written]:
    """The words before "(KAV)" that the acronym stands for: those with its initials, else the longest
    run starting with its first letter ("Schätzungen des Verbands Deutscher Verkehrsunternehmen (VDV)")."""
    suffixes = [w for w in _subnames(before) if w.end == before.end]
    exact = [w for w in suffixes if acronym in _initials_options(w.text)]
    if exact:
        return exact[0]
    lettered = [w for w in suffixes if w.text[:1].upper() == acronym[:1]]
    return lettered[0] if lettered else None


def _spans(ctx: RuleContext, pattern: re.Pattern) -> Iterator[tuple[str, re.Match]]:
    for doc, article in sorted(ctx.articles.items()):
        for m in pattern.finditer(article.text):
            yield doc, m


def text_name_groups(ctx: RuleContext) -> list[list[_Written]]:
    """Groups of written names that one referent goes by, found in the articles' text."""
    return ctx.shared("text_name_groups", lambda: _text_name_groups(ctx))


def _text_name_groups(ctx: RuleContext) -> list[list[_Written]]:
    texts = {doc: a.text for doc, a in ctx.articles.items()}
    stop = {w.lower() for w in function_words() if isinstance(w, str)}
    lower_words = {m.group() for t in texts.values() for m in re.finditer(r"(?<![\w.])[a-zäöüß]+(?![\w.])", t)}
    groups: dict[str, list[_Written]] = {}

    # One word, two spellings.
    for doc, m in _spans(ctx, _TOKEN):
        word = m.group().rstrip(".") if not re.fullmatch(r"(?:\w\.)+", m.group()) else m.group()
        fold = _fold_token(word)
        if len(fold) < 3 or fold in stop or fold in lower_words or not word[:1].isalpha():
            continue
        if not (word[:1].isupper() or _marked(word)) or _caps_heavy(texts[doc], m.start()):
            continue
        groups.setdefault("w:" + fold, []).append(_Written(doc, m.start(), m.start() + len(word), word))
    # A capitalised word only at the start of sentences may be a common word ("Read more:").
    spelled = {
        k: v for k, v in groups.items()
        if any(_marked(w.text) for w in v) and any(not _marked(w.text) and _mid_sentence(texts[w.doc], w.start) for w in v)
        or all(_marked(w.text) for w in v)
    }
    # One name with and without umlauts or accents ("Ötztal" / "Oetztal", "Müller" / "Muller", "Jaén" / "Jaen"),
    # each spelling written mid-sentence somewhere, so no common word at the start of a sentence counts.
    # German nouns change their vowel in the plural ("Schaden" / "Schäden"): a dropped umlaut counts only
    # between articles in two languages ("Sölden" / "Solden").
    lettered: dict[str, list[_Written]] = {}
    for written in [w for ws in groups.values() for w in ws if not _marked(w.text)]:
        for scheme, form in _letter_forms(written.text).items():
            lettered.setdefault(f"{scheme}:{form}", []).append(written)
    for key, written in lettered.items():
        spellings = {_fold_token(w.text) for w in written}
        languages = {ctx.articles[w.doc].lang for w in written}
        if len(spellings) >= 2 and (key.startswith("written") or len(languages) >= 2) and all(
            any(_mid_sentence(texts[w.doc], w.start) for w in written if _fold_token(w.text) == sp) for sp in spellings
        ):
            spelled["l:" + key] = written

    # Long names and the acronyms they stand for.
    longs: dict[str, list[_Written]] = {}
    for doc, m in _spans(ctx, _LONG):
        # word by word with their offsets: the words may stand apart by two spaces or a tab
        words = list(re.finditer(r"\S+", m.group()))
        while words and words[0].group().lower() in stop:
            words = words[1:]
        name = " ".join(w.group() for w in words)
        if len(re.findall(_CAPWORD, name)) < 2:
            continue
        s, e = m.start() + words[0].start(), m.start() + words[-1].end()
        longs.setdefault(_long_key(name), []).append(_Written(doc, s, e, texts[doc][s:e]))
    defined: dict[str, set[str]] = {}
    for doc, m in _spans(ctx, _DEFINED):
        name = _defined_name(_Written(doc, m.start(1), m.end(1), m.group(1)), m.group(3))
        if name:
            defined.setdefault(m.group(3), set()).add(_long_key(name.text))
            longs.setdefault(_long_key(name.text), []).append(name)
    by_initials: dict[str, set[str]] = {}
    parts: dict[str, list[_Written]] = {}
    for written in [w for ws in longs.values() for w in ws]:
        for part in _subnames(written):
            key = _long_key(part.text)
            for initials in _initials_options(part.text):
                by_initials.setdefault(initials, set()).add(key)
            parts.setdefault(key, []).append(part)
    # One German compound may stand for three letters or more: "Landeskriminalamt" (LKA).
    for written in [w for ws in groups.values() for w in ws if not _marked(w.text)]:
        letters = [initials for initials in _initials_options(written.text) if len(initials) >= 3]
        for initials in letters:
            by_initials.setdefault(initials, set()).add(written.text.lower())
        if letters:
            parts.setdefault(written.text.lower(), []).append(written)

    out: list[list[_Written]] = []
    acronyms: dict[str, list[_Written]] = {}
    for doc, m in _spans(ctx, _ACRONYM):
        if _caps_heavy(texts[doc], m.start()):
            continue
        acronyms.setdefault(m.group().replace(".", "").rstrip("s"), []).append(_Written(doc, m.start(), m.end(), m.group()))
    for acronym, written in sorted(acronyms.items()):
        expansions = sorted(defined.get(acronym) or by_initials.get(acronym, set()))
        if not expansions or not all(same_name(key, expansions[0]) for key in expansions):
            continue  # two organisations share the letters
        plural = any(w.text.endswith("s") for w in written) and expansions[0].endswith("s")
        if acronym not in defined and len(acronym) < 3 and not plural:
            continue  # two letters say too little, unless both are plurals ("the PCs", "Progressive Conservatives")
        out.append(written + [w for key in expansions for w in parts.get(key, [])])
    # Two letters and the name after them: "LG Weiden" is "Landgericht Weiden", "AG Celle" "Amtsgericht Celle";
    # the shared name says what two letters alone cannot.
    for (acronym, name), written in sorted(_acronyms_before_names(ctx, texts).items()):
        expansions = sorted(k for k in by_initials.get(acronym + name[:1].upper(), set())
                            if k.split()[-1] == name.lower() and k.split()[0] != acronym.lower())
        if expansions and all(same_name(key, expansions[0]) for key in expansions):
            out.append(written + [w for key in expansions for w in parts.get(key, [])])
    # One long name written with "&" or without its generic head ("Service", "GmbH").
    for key, written in longs.items():
        if len(key.split()) >= 3 and len({w.text for w in written}) >= 2:
            out.append(written)
    out.extend(spelled.values())
    out.extend(_abbreviated_names(ctx))
    return [g for g in out if len({w.doc for w in g}) >= 2 and len({w.text for w in g}) >= 2]


_ACRONYM_NAME = re.compile(r"(?<![\w.])(?P<a>[A-ZÄÖÜ]{2})[ \t]+(?P<n>[A-ZÄÖÜ][a-zäöüß]{2,})(?![\w-])")


def _acronyms_before_names(ctx: RuleContext, texts: dict[str, str]) -> dict[tuple[str, str], list[_Written]]:
    """Two capitals and the capitalised name after them ("LG Weiden"), by (letters, name)."""
    found: dict[tuple[str, str], list[_Written]] = {}
    for doc, m in _spans(ctx, _ACRONYM_NAME):
        if not _caps_heavy(texts[doc], m.start()):
            found.setdefault((m.group("a"), m.group("n")), []).append(_Written(doc, m.start(), m.end(), m.group()))
    return found


@lru_cache(maxsize=1)
def _abbreviation_patterns() -> list[tuple[re.Pattern, str, str]]:
    out = []
    for short, long in load_data("variant_forms.yaml")["name_abbreviations"]:
        either = "|".join(re.escape(x).replace(r"\ ", r"\s*") for x in (short, long))
        out.append((re.compile(rf"(?:(?<![\w.])([A-ZÄÖÜ][\w-]+)\s+)?(?<![\w.])({either})\s+([A-ZÄÖÜ][\w-]+)"), short, long))
    return out


def _abbreviated_names(ctx: RuleContext) -> list[list[_Written]]:
    """A name with an abbreviation in one article and written out in another ("a. d." / "an der")."""
    groups: dict[tuple[str, str, str], list[_Written]] = {}
    for pattern, short, long in _abbreviation_patterns():
        for doc, m in _spans(ctx, pattern):
            start = m.start(1) if m.group(1) else m.start(2)
            groups.setdefault((m.group(1) or "", long, m.group(3)), []).append(
                _Written(doc, start, m.end(), ctx.articles[doc].text[start : m.end()]))
    return [g for g in groups.values() if len({re.sub(r"\s+", " ", w.text) for w in g}) >= 2]


def _merged(groups: list[list[_Written]]) -> list[list[_Written]]:
    """Groups that share a written span are one referent ("P.E.I." / "PEI" / "Prince Edward Island")."""
    merged: list[dict[tuple[str, int, int], _Written]] = []
    for group in groups:
        spans = {(w.doc, w.start, w.end): w for w in group}
        overlapping = [m for m in merged if m.keys() & spans.keys()]
        for m in overlapping:
            spans.update(m)
            merged.remove(m)
        merged.append(spans)
    return [sorted(m.values(), key=lambda w: (w.doc, w.start)) for m in merged]


def _covering(ctx: RuleContext, written: _Written, kinds: tuple[str, ...]) -> list[Mention]:
    return [
        mention for claim in ctx.claims_of(written.doc) for mention in claim.mentions
        if mention.kind in kinds and mention.start < written.end and written.start < mention.end
    ]


def _covered(ctx: RuleContext, written: _Written, kinds: tuple[str, ...]) -> bool:
    return bool(_covering(ctx, written, kinds))


def _reported_by_mentions(ctx: RuleContext, group: list[_Written]) -> bool:
    """A person's name, or an organisation or place that extraction gave one key in two spellings in
    two articles: FD401-FD403 report it from the mentions. "Nigeria CDC" read as the lexicon's "CDC"
    beside "NCDC" is no such group."""
    if any(_covered(ctx, w, ("person",)) for w in group):
        return True
    for kind in ("org", "place"):
        covered = [(w, {m.value.key for m in _covering(ctx, w, (kind,))}) for w in group]
        covered = [(w, keys) for w, keys in covered if keys]
        if covered and len(set.union(*(keys for _, keys in covered))) == 1 and len({w.doc for w, _ in covered}) >= 2 \
                and len({_fold_token(w.text) for w, _ in covered}) >= 2:
            return True
    return False


_CITED_USES = 3


def text_variant_findings(rule: _VariantRule, ctx: RuleContext, places: bool) -> Iterator[Finding]:
    """Findings for names spelled or abbreviated differently that no lexicon knows."""
    for group in _merged(text_name_groups(ctx)):
        if _reported_by_mentions(ctx, group):
            continue
        if any((len(w.text.split()) >= 2 or not _marked(w.text)) and _covered(ctx, _Written(w.doc, w.start, w.start + 1, ""), ("place",))
               for w in group) != places:
            continue  # a place's name ("Prince Edward Island", "Jaen") makes the group a place
        # The first few uses of each spelling in each article: a headline often comes first, and an
        # editor changing the spelling wants the places in the body too.
        base_of = fold_forms({re.sub(r"\s+", " ", w.text) for w in group})  # "Betriebe" / "Betrieben": one form
        cited: dict[tuple[str, str], list[_Written]] = {}
        for w in group:
            uses = cited.setdefault((w.doc, base_of[re.sub(r"\s+", " ", w.text)]), [])
            if len(uses) < _CITED_USES:
                uses.append(w)
        forms = sorted({form for _, form in cited})
        if len(forms) < 2 or len({doc for doc, _ in cited}) < 2:
            continue
        canonical = max(forms, key=len)
        mentions = [
            (Mention(kind="org", doc=w.doc, start=w.start, end=w.end, text=w.text,
                     value=OrgValue(key=name_form(canonical), canonical=canonical)), forms.index(form))
            for (_, form), uses in cited.items() for w in uses
        ]
        written = " / ".join(forms)
        yield rule.finding(
            ctx,
            severity=rule.default_severity,
            message=f"{rule.noun.capitalize()} written differently across articles: {written}",
            explanation=f"{written}: one name in another spelling, an acronym or a short form of it "
            f"(letters, initials or a definition in the text); one {rule.noun}, not a contradiction. Consider one spelling.",
            confidence=0.7,
            evidence=[(m, side, canonical) for m, side in mentions],
            identity=["text", *forms],
        )


RULES = [PlaceNameVariant, PersonNameVariant, OrgNameVariant, RoleVariant]
