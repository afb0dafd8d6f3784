"""Person, organisation and role mentions, with one key per person across spellings.

No statistical NER runs offline here (see model notes), so names come from patterns:
a first-name lexicon plus capitalised surnames, East Asian family-name-first names,
office titles before a surname, and short references ("Scholz" after "Olaf Scholz").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional


from checker.models import Article, Mention, OrgValue, PersonValue, RoleValue, Sentence
from checker.resources import DATA_DIR, load_data


_WORD = re.compile(r"[A-Z]\.|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CAP = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
_INITIAL = re.compile(r"[A-Z]\.")
# One or two romanised CJK syllables: onset, vowel cluster, optional final ("Jae", "In", "Jinping").
_SYLLABLE = r"(?:[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|k|l|p|t)?)"
# German plural and abstract-noun endings: "sagte Regierungssprecher Hebestreit Journalisten" ends the name at Hebestreit.
_PLURAL = re.compile(r"(?:en|ern|ungen|heit|keit|schaft)$")
_CJK_GIVEN = re.compile(rf"(?i){_SYLLABLE}{{1,2}}(?:-{_SYLLABLE}{{1,2}})?")


def _load(name: str) -> dict:
    return load_data(name)


@lru_cache(maxsize=1)
def _names() -> dict:
    data = _load("people_names.yaml")
    text = (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines()
    not_first = set(data["not_first_names"])
    first = {n for n in text if n and not n.startswith("#") and n not in not_first}
    # Romanised given names of the transliteration table are first names in either spelling ("Mychajlo").
    first |= {v.capitalize() for c, vs in _load("people_translit.yaml")["given_names"].items() for v in [c, *vs]}
    return {
        "first": first,
        "first_plain": {n.lower() for n in first if folds_to_itself(n)},
        "asian": set(data["asian_surnames"]),
        "particles": set(data["particles"]),
        "honorifics": set(data["honorifics"]),
        "not_surnames": set(data["not_surnames"]) | not_first | set(data["institution_heads"]) | set(data["place_heads"]),
        "not_speakers": set(data["not_surnames"]) | not_first,
    }


def first_names() -> set[str]:
    """Given names in either spelling (checker/data/first_names.txt, less its `not_first_names`)."""
    return _names()["first"]


@lru_cache(maxsize=1)
def _translit() -> dict:
    data = _load("people_translit.yaml")
    given = {}
    for canonical, variants in data["given_names"].items():
        for v in [canonical, *variants]:
            given[v] = canonical
    endings = sorted(data["slavic_endings"], key=len, reverse=True)
    return {
        "given": given,
        "slavic": re.compile(rf"(?:{'|'.join(endings)})$"),
        "de_to_en": [(re.compile(p), r) for p, r in data["de_to_en"]],
        "common": [(re.compile(p), r) for p, r in data["common"]],
    }


@lru_cache(maxsize=1)
def _countries() -> set[str]:
    # Country names (and German genitives) are capitalised like surnames: "Präsident Russlands".
    from babel import Locale

    names: set[str] = set()
    for lang in ("de", "en"):
        for name in Locale(lang).territories.values():
            names.add(name)
            names.add(name + "s")
    return names | {"USA", "US", "UK", "EU"}


# --------------------------------------------------------------------------- keys


# Letters with a stroke or ligatures have no Unicode decomposition: "Paweł" is written "Pawel".
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"})


def fold_name(text: str) -> str:
    """A name in lower case without accents, ß as ss, hyphens and apostrophes as spaces: "Łódź" is "lodz"."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ß", "ss").translate(_UNDECOMPOSED)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[-‐–_’'.]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def folds_to_itself(name: str) -> bool:
    """fold_name(name) == name.lower(), without folding the many plain ASCII names of the lexicon."""
    lower = name.lower()
    if name.isascii():
        return not any(c in "-_'." for c in lower) and " ".join(lower.split()) == lower
    return fold_name(name) == lower


# "Mueller" is how "Müller" is written without umlauts. No umlaut: "Joe", "Jae" and "Joey" end in
# the vowel, "Michael", "Manuel" and "Joel" in a syllable "-el".
_UMLAUT_DIGRAPH = re.compile(r"(?<=[b-df-hj-np-tv-z])([aou])e(?=[a-xz])(?!l$)")


def _looks_german_romanised(token: str) -> bool:
    # English romanisation of Cyrillic never writes w, j or sch; German always does for в, й/я/ю, ш.
    return bool(re.search(r"w|j|sch", token)) or token.endswith(("ow", "ew", "owa", "ewa"))


def _rewrite(token: str, rules: list[tuple[re.Pattern, str]]) -> str:
    for pattern, repl in rules:
        token = pattern.sub(repl, token)
    return token.lower()


def person_key(name: str, lang: Optional[str] = None) -> str:
    """Normalised key of a person name: one key for German and English spellings.

    ``lang`` is accepted for callers that know the article language; romanisation is
    detected from the spelling itself, because German articles also quote English forms.
    """
    t = _translit()
    honorifics = {fold_name(h) for h in _names()["honorifics"]}
    tokens = [tok for tok in fold_name(name).split() if tok not in honorifics]
    slavic_given = any(tok in t["given"] for tok in tokens)
    out = []
    for tok in tokens:
        if tok in t["given"]:
            out.append(t["given"][tok])
            continue
        if slavic_given or t["slavic"].search(tok):
            if _looks_german_romanised(tok):
                tok = _rewrite(tok, t["de_to_en"])
            tok = _rewrite(tok, t["common"])
        out.append(_UMLAUT_DIGRAPH.sub(r"\1", tok))
    return " ".join(out)


def same_person(a: str, b: str) -> Optional[str]:
    """Why two names are one person ("spelling variant (hyphen)", "transliteration"), else None."""
    if a == b:
        return "same spelling"
    if a.lower() == b.lower():
        return "spelling variant (case)"
    unify = lambda s: re.sub(r"[\s\-‐]+", " ", s.lower()).strip()  # noqa: E731
    if unify(a) == unify(b):
        return "spelling variant (hyphen)"
    if fold_name(a) == fold_name(b):
        return "spelling variant (ß/ss, diacritics)"
    ka, kb = person_key(a), person_key(b)
    if ka == kb:
        return "transliteration"
    short, full = (ka, kb) if len(ka.split()) < len(kb.split()) else (kb, ka)
    if len(short.split()) == 1 and short in (full.split()[-1], full.split()[0]):
        return "short form of the name"
    return None


# --------------------------------------------------------------------------- organisations


def _inflect_lower(token: str) -> str:
    return re.escape(re.sub(r"(?:e|en|er|es)$", "", token)) + r"(?:e|en|er|es|em)?"


def _inflect(token: str) -> str:
    # Nouns and adjectives take German case endings ("des Weißen Hauses"), lower-case adjectives
    # too ("der britischen Wettbewerbsbehörde"); acronyms and short words stay as written.
    if token[:1].islower() and len(token) > 4:
        return _inflect_lower(token)
    if not token[:1].isupper() or len(token) < 4 or token.isupper():
        return re.escape(token).replace("ß", "(?:ß|ss)")
    stem = re.sub(r"(?:es|en|er|em|e)$", "", token) if len(token) > 5 else token
    return re.escape(stem).replace("ß", "(?:ß|ss)") + r"(?:es|en|er|em|e|s|n)?"


@lru_cache(maxsize=1)
def _org_patterns() -> list[tuple[str, str, str, str]]:
    """(pattern, key, canonical, literal start): the start every match shares (lower case, at most 4
    letters) lets a text skip the hundreds of patterns whose name cannot occur in it, and compiling
    only those a text may hold keeps a small batch from compiling all of them (0.3 s)."""
    out = []
    for org in _load("orgs.yaml")["orgs"]:
        canonical = (org.get("en") or org["de"])[0]
        for name in {*org.get("de", []), *org.get("en", [])}:
            parts = name.split()
            body = r"\s+".join(_inflect(p) for p in parts)
            first = re.match(r"\w*", body).group().lower()[:4]  # the literal start every match shares
            out.append((rf"(?<![\w-]){body}(?![\w])", org["key"], canonical, first))
    out.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _word_starts(text: str) -> set[str]:
    """The first one to four letters of every word, lower case."""
    return {w[:n] for w in re.findall(r"\w+", text.lower()) for n in range(1, 5)}


def find_orgs(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, key, canonical) of organisation names in text, longest first, no overlaps."""
    found: list[tuple[int, int, str, str]] = []
    starts = _word_starts(text)
    for pattern, key, canonical, first in _org_patterns():
        if first and first not in starts:
            continue
        for m in _compiled(pattern).finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _, _ in found):
                continue
            found.append((m.start(), m.end(), key, canonical))
    return sorted(found)


# --------------------------------------------------------------------------- roles


@lru_cache(maxsize=1)
def _roles() -> dict:
    data = _load("roles.yaml")
    de, en = data["de"], data["en"]
    de_forms = sorted({h + e for h in de["heads"] for e in de["endings"]}, key=len, reverse=True)
    en_heads = sorted(en["heads"], key=len, reverse=True)
    en_re = re.compile(
        r"(?i)(?<![\w-])(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in en_heads) + r")s?"
        + r"(?:-(?:" + "|".join(map(re.escape, en.get("status_suffixes", []))) + r"))?(?![\w-])"
    )
    whole = {h + e for h in de["whole_word_only"] for e in de["endings"]}
    return {
        # a title alone, or the tail of a compound with three letters or more before it ("Kremlsprecher")
        "de_re": re.compile(
            "(?:" + "|".join(map(re.escape, de_forms)) + ")"
            + "|.{3,}(?:" + "|".join(re.escape(f) for f in de_forms if f not in whole) + ")"
        ),
        "whole": whole,
        "not_compound": {w.lower() for w in de["not_compound"]},
        "en": en_re,
        "determiners": {d.lower() for d in data["determiners"]},
    }


_DE_COMPLEMENT = re.compile(
    r"\s+(?:des|der|von|vom|für|beim|bei\s+der|im|am|an\s+der|in\s+der)\s+"
    r"(?:[a-zäöüß]+(?:e|en|er|es|em)\s+){0,2}[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*){0,2}"
)
_EN_COMPLEMENT = re.compile(
    r"\s+(?:of|for|at|to)\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+(?:(?:of|and|for|on)\s+(?:the\s+)?)?[A-Z][\w&-]*)*"
)


@lru_cache(maxsize=8192)
def _de_head(token: str) -> bool:
    roles = _roles()
    low = token.lower()
    if not token[:1].isupper() or any(n in low for n in roles["not_compound"]):
        return False
    return roles["de_re"].fullmatch(low) is not None


def _is_head(word: str) -> bool:
    return _de_head(word) or bool(_roles()["en"].fullmatch(word))


def find_roles(text: str) -> list[tuple[int, int]]:
    """Spans of role phrases: optional modifiers, a head noun and its genitive or prepositional complements."""
    roles = _roles()
    heads: list[tuple[int, int]] = [(m.start(), m.end()) for m in _WORD.finditer(text) if _de_head(m.group())]
    for m in roles["en"].finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in heads):
            heads.append((m.start(), m.end()))
    spans = []
    for start, end in sorted(heads):
        for _ in range(3):
            m = _DE_COMPLEMENT.match(text, end) or _EN_COMPLEMENT.match(text, end)
            if not m:
                break
            end = m.end()
        start = _extend_left(text, start, roles["determiners"])
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


def _extend_left(text: str, start: int, determiners: set[str]) -> int:
    # Take modifiers before the head: "französische Präsident", "Irans Staatschef", "White House spokesman".
    for _ in range(3):
        m = re.search(r"([^\W\d_][\w-]*)\s+$", text[:start])
        if not m:
            break
        word = m.group(1)
        if word.lower() in determiners or word in _names()["first"]:
            break
        lower_adj = re.fullmatch(r"[a-zäöüß]+(?:e|en|er|es)", word) is not None
        if lower_adj or (word[:1].isupper() and (word.endswith("s") or not re.search(r"[äöüß]", word))):
            if word[:1].isupper() and m.start(1) > 0 and re.search(r"[.!?:»«\"„“]\s*$", text[: m.start(1)]):
                break
            start = m.start(1)
            if word[:1].isupper() and word.endswith("s") and not word.isupper():
                break
        else:
            break
    return start


def role_key(phrase: str) -> str:
    return fold_name(phrase)


# --------------------------------------------------------------------------- persons


@dataclass
class _Person:
    start: int
    end: int
    text: str
    key: str
    full: bool  # a full name, not a surname on its own


def _tokens(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group()) for m in _WORD.finditer(text)]


def _cap(word: str) -> bool:
    return bool(_CAP.match(word))


def _full_names(tokens: list[tuple[int, int, str]], text: str, base: int) -> list[_Person]:
    found: list[_Person] = []
    i = 0
    while i < len(tokens):
        span = _asian_name(tokens, i, text, base) or _western_name(tokens, i, text, base)
        if span:
            found.append(_make(tokens[span[0] : span[1] + 1], text, base))
            i = span[1] + 1
        else:
            i += 1
    return found


def _adjacent(tokens: list[tuple[int, int, str]], j: int, text: str, base: int) -> bool:
    """Token j+1 exists and follows token j across spaces only (no punctuation, no line break)."""
    return j + 1 < len(tokens) and re.fullmatch(r"[ \t\u00a0]+", text[tokens[j][1] - base : tokens[j + 1][0] - base]) is not None


def _asian_name(tokens: list[tuple[int, int, str]], i: int, text: str, base: int) -> Optional[tuple[int, int]]:
    """Family name first, then a one- or two-part given name: "Moon Jae In", "Moon Jae-in", "Xi Jinping"."""
    names = _names()

    def given(j: int) -> bool:
        w = tokens[j][2]
        return _cap(w) and bool(_CJK_GIVEN.fullmatch(w)) and w not in names["not_surnames"] and w not in names["first"]

    if tokens[i][2] not in names["asian"] or not _adjacent(tokens, i, text, base) or not given(i + 1):
        return None
    j = i + 1
    if "-" not in tokens[j][2] and _adjacent(tokens, j, text, base) and given(j + 1):
        j += 1
    return i, j


def _first_name(word: str) -> bool:
    """In the lexicon, also with diacritics the lexicon lacks ("Paweł" for "Pawel", never "Osten" for "Östen")."""
    names = _names()
    if word in names["first"]:
        return True
    folded = fold_name(word)
    return _cap(word) and folded != word.lower() and folded in names["first_plain"]


def _western_name(tokens: list[tuple[int, int, str]], i: int, text: str, base: int) -> Optional[tuple[int, int]]:
    """Given name(s) from the lexicon, initials and particles, then a surname: "Ursula von der Leyen"."""
    names = _names()
    w = tokens[i][2]
    honorific = w in names["honorifics"]
    # "Esa-Projektleiterin Ines Haberland": a compound office title starting with a name-like word is no given name.
    given = _first_name(w.split("-")[0]) and not ("-" in w and _is_head(w))
    if not (given or honorific) or not _adjacent(tokens, i, text, base):
        return None
    j = i
    while _adjacent(tokens, j, text, base) and tokens[j + 1][2] not in names["not_surnames"] and (
        tokens[j + 1][2].split("-")[0] in names["first"] or _INITIAL.fullmatch(tokens[j + 1][2])
        or tokens[j + 1][2] in names["particles"]
    ):
        j += 1
    while j > i and tokens[j][2] in names["particles"]:
        j -= 1
    k = j
    while _adjacent(tokens, k, text, base) and tokens[k + 1][2] in names["particles"]:
        k += 1
    nxt = tokens[k + 1][2] if _adjacent(tokens, k, text, base) else ""
    if _cap(nxt) and re.sub(r"['’]s$", "", nxt) not in names["not_surnames"] and not _is_head(nxt):
        end = k + 1
    elif j > i and _cap(tokens[j][2]):
        end = j  # the last given-name-like word is the surname: "John Paul"
    else:
        return None
    return (i + 1 if honorific else i), end


def _make(toks: list[tuple[int, int, str]], text: str, base: int, full: bool = True) -> _Person:
    s, e = toks[0][0], toks[-1][1]
    surface = text[s - base : e - base]
    return _Person(s, e, surface, person_key(surface), full)


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


_Org = tuple[int, int, str, str]  # start, end, key, canonical
_Span = tuple[int, int]


def _sentence_entities(text: str, sent: Sentence) -> tuple[list[_Org], list[_Span], list[_Person]]:
    stext = text[sent.start : sent.end]
    orgs = [(sent.start + s, sent.start + e, k, c) for s, e, k, c in find_orgs(stext)]
    org_spans = [(o[0], o[1]) for o in orgs]
    roles = [(sent.start + s, sent.start + e) for s, e in find_roles(stext)]
    people = [p for p in _full_names(_tokens(stext, sent.start), stext, sent.start)
              if not _overlaps(p.start, p.end, org_spans)]
    # An office title before one or two capitalised words names a person: "Präsident Macron",
    # "Hamas-Führer Jahja Sinwar" (a given name the lexicon lacks).
    taken = [(p.start, p.end) for p in people] + org_spans
    for _, role_end in roles:
        m = re.match(rf"\s+(?:{_honorific_re()}\s+)?([^\W\d_][\w-]*)(?:\s+([^\W\d_][\w-]*))?", text[role_end : sent.end])
        if not m or not _surname_like(m.group(1)) or _overlaps(role_end + m.start(1), role_end + m.end(1), taken):
            continue
        two = bool(m.group(2)) and _surname_like(m.group(2)) and not _PLURAL.search(m.group(2)) \
            and not _overlaps(role_end + m.start(2), role_end + m.end(2), taken)
        ws, we = role_end + m.start(1), role_end + m.end(2 if two else 1)
        people.append(_Person(ws, we, text[ws:we], person_key(text[ws:we]), two))
    # A role phrase never runs into the name of its holder, nor starts inside a name.
    roles = [(rs, min([re_] + [p.start for p in people if rs < p.start < re_])) for rs, re_ in roles]
    roles = [(rs, _rstrip(text, rs, re_)) for rs, re_ in roles if not any(p.start <= rs < p.end for p in people)]
    return orgs, roles, sorted(people, key=lambda p: p.start)


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    text = article.text
    per_sentence = [_sentence_entities(text, sent) for sent in sentences]
    full = [p for _, _, people in per_sentence for p in people if p.full]
    _settle_full_names(full)
    full = [p for p in full if p.full]
    mentions: list[Mention] = []
    for sent, (orgs, roles, people) in zip(sentences, per_sentence):
        # Short references: "Scholz" after "Olaf Scholz", "Moon" for "Moon Jae-in", "Scholz'".
        taken = [(p.start, p.end) for p in people] + [(o[0], o[1]) for o in orgs]
        for s, e, w in _tokens(text[sent.start : sent.end], sent.start):
            ref = None if _overlaps(s, e, taken) or not _cap(w) else _resolve(w, s, full)
            if ref:
                people.append(_Person(s, e, w, ref.key, False))
        people.sort(key=lambda p: p.start)
        for p in people:
            ref = None if p.full else _resolve(p.text, p.start, full)
            key = ref.key if ref else p.key
            mentions.append(Mention(kind="person", doc=article.id, start=p.start, end=p.end, text=p.text,
                                    value=PersonValue(key=key, canonical=ref.text if ref else p.text)))
            p.key = key
        for s, e, key, canonical in orgs:
            mentions.append(Mention(kind="org", doc=article.id, start=s, end=e, text=text[s:e],
                                    value=OrgValue(key=key, canonical=canonical)))
        for s, e in roles:
            mentions.append(Mention(kind="role", doc=article.id, start=s, end=e, text=text[s:e],
                                    value=RoleValue(key=role_key(text[s:e]), holder=_holder(text, s, e, people))))
    return sorted(mentions, key=lambda m: (m.start, m.end, m.kind))


def _settle_full_names(full: list[_Person]) -> None:
    """Fix names that only the whole article can tell apart.

    "Emmanuel Macrons" is the genitive of "Emmanuel Macron"; "Moon Staatsmedien" is the
    family name of "Moon Jae-in" before a noun, not a Western first name and surname.
    """
    asian = _names()["asian"]
    texts = {p.text for p in full}
    cjk = {p.text.split()[0] for p in full if p.text.split()[0] in asian and _CJK_GIVEN.fullmatch(p.text.split()[1])}
    for p in full:
        parts = p.text.split()
        if p.text.endswith("s") and p.text[:-1] in texts:
            p.key = person_key(p.text[:-1])
        elif parts[0] in cjk and not _CJK_GIVEN.fullmatch(parts[1]) and not any(
            q is not p and q.text.split()[-1] == parts[-1] for q in full
        ):
            p.end, p.text, p.full = p.start + len(parts[0]), parts[0], False
            p.key = person_key(parts[0])


@lru_cache(maxsize=1)
def _honorific_re() -> str:
    # "Hauptgeschäftsführer Dr. Jörg Lenzen": the title stands between the office and the name.
    return "(?:" + "|".join(re.escape(h) for h in sorted(_names()["honorifics"], key=len, reverse=True)) + ")"


def _surname_like(word: str) -> bool:
    names = _names()
    return _cap(word) and word not in names["first"] and word not in names["not_surnames"] \
        and word not in names["honorifics"] and word.rstrip(".") not in names["honorifics"] \
        and word not in _countries() and not _is_head(word)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:-–":
        end -= 1
    return end


def _resolve(word: str, at: int, full: list[_Person]) -> Optional[_Person]:
    """The full name a lone word refers to: nearest before it, else the first after it."""
    bare = word[:-1] if word.endswith("s") and len(word) > 3 else None
    cands = []
    for p in full:
        parts = p.text.replace("-", " ").split()
        if len(parts) < 2:
            continue
        asian = parts[0] in _names()["asian"]
        if word == parts[-1] or bare == parts[-1] or (asian and parts[0] in (word, bare)):
            cands.append(p)
    if not cands:
        return None
    before = [p for p in cands if p.start < at]
    return max(before, key=lambda p: p.start) if before else min(cands, key=lambda p: p.start)


def _holder(text: str, start: int, end: int, people: list[_Person]) -> Optional[str]:
    for p in people:
        between_after = text[end : p.start]
        if p.start >= end and re.fullmatch(rf"\s*,?\s*(?:{_honorific_re()}\s+)?", between_after):
            return p.key
        between_before = text[p.end : start]
        if p.end <= start and re.fullmatch(r"\s*,\s*(?:(?:der|die|the|a|an|ein|eine)\s+)?", between_before):
            return p.key
    # "Olaf Scholz, seit 2021 der Kanzler der Bundesrepublik, sagte": an apposition set off by commas.
    earlier = [p for p in people if p.end <= start]
    if earlier and re.match(r"\s*,", text[end:]) and "," in text[earlier[-1].end : start] \
            and re.search(r"(?i)\b(?:der|die|the)\s+$", text[max(0, start - 5) : start]):
        return earlier[-1].key
    return None
