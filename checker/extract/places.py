"""Place mentions: countries, regions, cities and facilities, German and English.

German capitalises every noun and GeoNames lists villages named like common words, so a
city is only taken when something vouches for it: a locative cue before it ("in", "nach",
"near", "Hafen"), or a large population. Countries, regions and curated facilities are
taken on their name. Capitalised neighbours that are not places ("Paris Hilton",
"Washington Post") veto a city reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from checker.gazetteer import Candidate, Gazetteer, cues, norm
from checker.language import function_words
from checker.models import Article, Mention, PlaceValue, Sentence

MAX_SPAN_TOKENS = 5
BIG_CITY = 100_000  # a city this large needs no cue when named by its own GeoNames name
BIG_CITY_ALT = 500_000  # ... and this large when named by an alternate name ("Dort" is Dordrecht's)
HUGE_CITY = 1_000_000  # ... and survives a capitalised word before it ("Bevölkerung Berlins")
MIN_CUED_CITY = 1_000
MIN_ADJECTIVE_TOWN = 5_000  # "die Kasseler Firma": a town's adjective, where the article names a place of its country
MIN_TOWN_ADJECTIVE = 5  # letters: "Aber" and "Oder" end in -er too
CONNECTORS = {"am", "an", "der", "von", "vom", "im", "bei", "ob", "of", "upon", "on", "de", "del", "la", "al", "el",
              "da", "do", "dos", "das", "di", "du", "sur", "aan", "op", "le", "les"}

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w]*(?:[-'’][\w]+)*")


@dataclass
class Tok:
    text: str
    start: int  # offset in article.text
    end: int

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=1)
def _lex() -> dict:
    c = cues()
    low = lambda xs: {x.lower() for x in xs}  # noqa: E731
    dir_words: dict[str, str] = {}
    dir_prefix: dict[str, str] = {}
    dir_outside: dict[str, str] = {}
    for d, forms in c["directions"].items():
        for w in forms.get("de", []) + forms.get("en", []):
            dir_words[w.lower()] = d
        for w in forms.get("de_outside", []) + forms.get("en_outside", []):
            dir_outside[w.lower()] = d
        for p in forms.get("de_prefix", []):
            dir_prefix[p] = d
    return {
        "loc": {lang: low(v) for lang, v in c["locative"].items()},
        "person_cue": {lang: low(v) for lang, v in c["person_cues"].items()},
        "proximity": low(c["proximity"]),
        "det": {lang: low(v) for lang, v in c["determiners"].items()},
        "fac_before": low(c["facility_before"]["de"] + c["facility_before"]["en"]),
        "kind_nouns": {lang: low(v) for lang, v in c["facility_before"].items()},
        "fac_after": low(c["facility_after"]["en"]),
        "org_after": set(c["org_after"]["de"] + c["org_after"]["en"]),
        "stop": {norm(w) for w in c["stopwords"]},
        "function": set(function_words()),
        "place_adjectives": set(c["place_adjectives"]["de"]),
        "dir_words": dir_words,
        "dir_outside": dir_outside,
        "dir_prefix": sorted(dir_prefix.items(), key=lambda kv: -len(kv[0])),
    }


@lru_cache(maxsize=1)
def _german_only_country_names() -> frozenset[str]:
    """German country names that are ordinary English words or names: "Island" is Iceland only in German."""
    from babel import Locale
    de, en = Locale("de").territories, Locale("en").territories
    return frozenset(norm(n) for cc, n in de.items() if len(cc) == 2 and norm(n) != norm(en.get(cc, "")))


@lru_cache(maxsize=1)
def _country_names() -> list[tuple[str, str]]:
    from babel import Locale
    out = []
    for lang in ("de", "en"):
        for cc, n in Locale(lang).territories.items():
            if len(cc) == 2 and cc.isalpha() and " " not in n:
                out.append((norm(n), cc))
    return out


# Prepositions of a street or a square that the gazetteer's cues leave out ("an der Mosel" is a river's bank).
_LOCAL_PREPOSITIONS = frozenset(["am", "an", "zum", "zur", "on", "off"])
_DEFINITE = frozenset(["der", "die", "das", "den", "dem", "des", "the"])


@dataclass(frozen=True)
class _LocalLexicon:
    heads: tuple[tuple[str, str], ...]  # (compound head, class), longest first
    before: dict[str, dict[str, str]]  # lang -> kind noun before the name -> class
    after: dict[str, str]  # kind noun after an English name -> class
    generic: frozenset[str]
    prepositions: dict[str, frozenset[str]]  # lang -> the words that place something at a local place


@lru_cache(maxsize=1)
def _local_lex() -> _LocalLexicon:
    c = cues()
    spec = c["local_places"]
    heads = sorted(((h, cls) for cls, s in spec.items() for h in s["heads"]), key=lambda hc: -len(hc[0]))
    before = {lang: {w.lower(): cls for cls, s in spec.items() for w in s["before"].get(lang, [])} for lang in ("de", "en")}
    after = {w: cls for cls, s in spec.items() for w in s["after"].get("en", [])}
    prepositions = {lang: frozenset(_lex()["loc"][lang] | _LOCAL_PREPOSITIONS) for lang in ("de", "en")}
    return _LocalLexicon(tuple(heads), before, after, frozenset(c["generic_local_places"]), prepositions)


@lru_cache(maxsize=1)
def local_kind_words() -> frozenset[str]:
    """The words that name a local place's kind ("strasse", "village"), normalised as `norm` does."""
    lex = _local_lex()
    words = [h for h, _ in lex.heads] + [w for by_word in lex.before.values() for w in by_word] + list(lex.after)
    return frozenset(norm(w) for w in words)


def local_key(name: str) -> str:
    return norm(name).replace(" ", "-")


_ADJECTIVE = re.compile(r"(?:en|e|er|es|em|ed|ern|ian|ese|ish)$")
_GEO_ADJECTIVE = re.compile(r"[a-zäöüß]{2,}isch(?:en|e|er|es|em)")  # "nordschwedischen", "oberbayerischen"


def _attributive(word: str) -> bool:
    """A declined adjective of place that may stand between a German cue and a name: "im
    nordschwedischen Kiruna", "im benachbarten Meppen". Not any adjective: "in der großen Halle",
    "im oberen Stock" name no town."""
    return bool(_GEO_ADJECTIVE.fullmatch(word)) or word in _lex()["place_adjectives"]


_ADJ_ENDING = re.compile(r"(?:ischen|ischer|isches|ischem|ische|isch|ian|ians|i|ese|en|er|es|em|e)$")


@lru_cache(maxsize=8192)
def demonym_country(word: str) -> Optional[str]:
    """'ukrainischen' -> UA, 'südkoreanische' -> KR, 'Israeli' -> IL: a hint for choosing between
    namesakes ("dem ukrainischen Hafen X"), never a place mention by itself. Irregular forms
    (chinesisch, französisch) give None."""
    stem = _ADJ_ENDING.sub("", norm(word))
    if len(stem) < 3:
        return None
    hits = {cc for n, cc in _country_names()
            if (n.startswith(stem) and len(n) - len(stem) <= 4) or (stem.startswith(n) and len(stem) - len(n) <= 2)}
    return hits.pop() if len(hits) == 1 else None


def _tokens(article: Article, s: Sentence) -> list[Tok]:
    return [Tok(m.group(), s.start + m.start(), s.start + m.end()) for m in _TOKEN.finditer(s.text)]


def _joined(text: str, toks: list[Tok]) -> bool:
    """Tokens separated by single spaces only (no comma, bracket or line break inside a name)."""
    return all(text[a.end:b.start] == " " for a, b in zip(toks, toks[1:]))


class _Extractor:
    def __init__(self, article: Article, gaz: Gazetteer, prefer: frozenset[str], named: frozenset[str] = frozenset()):
        self.article, self.gaz, self.prefer = article, gaz, prefer
        self.named = prefer | named  # the countries of every place the article names, its towns' too
        self.lang = article.lang if article.lang in ("de", "en") else "de"
        self.lex = _lex()
        self.name_toks: set[int] = set()  # token indices (of the current sentence) read as a person or org name
        self.local_prefer: frozenset[str] = frozenset()  # countries named by adjectives in the sentence

    # ---------------------------------------------------------------- context

    def cue(self, toks: list[Tok], i: int, j: int) -> Optional[str]:
        """The word(s) that announce toks[i:j] as a place: "nach", "in der", "Hafen", "port"."""
        loc, det = self.lex["loc"][self.lang], self.lex["det"][self.lang]
        if self.lang == "de":
            # "im nordschwedischen Kiruna": declined adjectives may stand between the preposition and the name
            first = i
            while i >= 2 and first - i < 2 and _attributive(toks[i - 1].text) \
                    and toks[i - 1].text not in loc and toks[i - 1].text not in self.lex["function"]:
                i -= 1
        prev = toks[i - 1].text.lower() if i >= 1 else ""
        if prev in self.lex["fac_before"] or prev in loc:
            return toks[i - 1].text
        if i >= 2 and prev in det and toks[i - 2].text.lower() in loc:
            return f"{toks[i - 2].text} {toks[i - 1].text}"
        if j < len(toks) and not toks[j].cap and toks[j].text.lower() in self.lex["fac_after"]:
            return toks[j].text
        return None

    def context(self, toks: list[Tok], i: int, j: int) -> Optional[str]:
        """The preposition that governs the name, for the rules ("im", "nach", "aus", "near"), looking
        past articles, adjectives and a facility noun ("im russischen Hafen X" -> "im", "Hafen von X" ->
        the preposition before "Hafen"); "in der Nähe von" is kept whole. Without one, the facility
        noun or the word after ("port") if any."""
        loc, det, fac = self.lex["loc"][self.lang], self.lex["det"][self.lang], self.lex["fac_before"]
        k, facility = i - 1, None
        while k >= 0 and i - k <= 5:
            low = toks[k].text.lower()
            if facility is None and low in ("von", "of") and k >= 1 and toks[k - 1].text.lower() in fac:
                k -= 1  # "Hafen von X", "port of X": the preposition that counts stands before the noun
                continue
            if low in loc:
                if k >= 1 and toks[k - 1].text.lower() in self.lex["proximity"]:
                    first = max(0, k - 3)
                    while first < k - 1 and toks[first].text.lower() not in loc:
                        first += 1
                    return self.article.text[toks[first].start:toks[k].end]
                return toks[k].text
            if low in fac:
                facility = facility or toks[k].text
            elif low not in det and (toks[k].cap or not _ADJECTIVE.search(low)):
                break  # only articles, adjectives and a facility noun stand between a preposition and a name
            k -= 1
        return facility or self.cue(toks, i, j)

    def outside_direction(self, toks: list[Tok], i: int) -> Optional[tuple[int, str, Candidate]]:
        """A direction away from a place, and the place: "nordwestlich von Bad Urach", "north-west of the
        town of X" is not read (no name follows). The longest capitalised name the gazetteer knows wins."""
        d = self.lex["dir_outside"].get(toks[i].text.lower())
        k = i + 1
        if not d or k >= len(toks) or toks[k].text.lower() not in ("von", "vom", "der", "des", "of"):
            return None
        k += 1
        if k < len(toks) and toks[k].text.lower() == "the":
            k += 1
        for n in (3, 2, 1):
            span = toks[k:k + n]
            if len(span) < n or not all(t.cap or t.text.lower() in CONNECTORS for t in span) or not span[-1].cap:
                continue
            name = self.article.text[span[0].start:span[-1].end]
            for form in self._forms(name) if n == 1 else [name]:
                c = self.resolve(form, None)
                if c:
                    return k + n, d, c
        return None

    def neighbour_name(self, toks: list[Tok], i: int, j: int) -> tuple[bool, bool]:
        """(capitalised non-place word right before, ... right after): signs of a person or org name.

        The sentence's first token is capitalised anyway, so it says nothing."""
        text = self.article.text

        def is_name(k: int) -> bool:
            if k in self.name_toks:
                return True
            t = toks[k]
            low = t.text.lower()
            if not t.cap or low in self.lex["fac_before"] or low in self.lex["loc"][self.lang] \
                    or low in self.lex["det"][self.lang]:
                return False
            # surnames are often villages somewhere ("Hilton"): only a notable place counts as a place here
            return not any(c.place.kind != "city" or c.place.population >= BIG_CITY
                           for f in self._forms(t.text) for c in self.gaz.candidates(f, self.lang, fuzzy=False)[:1])

        first = 1 if self.lang == "de" else 0  # a German sentence's first word is capitalised whatever it is
        before = i - 1 >= first and text[toks[i - 1].end:toks[i].start] == " " and is_name(i - 1)
        after = j < len(toks) and text[toks[j - 1].end:toks[j].start] == " " and is_name(j)
        return before, after

    # ---------------------------------------------------------------- resolution

    def resolve(self, name: str, cue: Optional[str]) -> Optional[Candidate]:
        prefer = self.prefer | self.local_prefer
        cands = self.gaz.candidates(name, self.lang, fuzzy=False, prefer_countries=prefer)
        if not cands and cue and len(name) >= 5:
            cands = self.gaz.candidates(name, self.lang, fuzzy=True, prefer_countries=prefer)
        return cands[0] if cands else None

    def accept(self, c: Candidate, name: str, cue: Optional[str], before: bool, after: bool,
               attributive: bool = False) -> bool:
        """`attributive`: a lower-case noun follows the name ("the Ostra plant")."""
        p = c.place
        if name.lower() in self.lex["kind_nouns"][self.lang]:
            return False  # "Kanton", "Provinz": what kind of place follows, never itself a place (GeoNames has namesakes)
        if self.foreign_region(c):
            return False
        if self.lang == "de" and cue and cue.split()[0].lower() not in self.lex["person_cue"]["de"]:
            after = False  # "in Tel Aviv heulten Sirenen": German nouns follow place names
        if p.kind != "city":
            if after and self.lang == "en" and p.kind == "country":
                return False  # "Jordan Henderson"
            if self.lang == "en" and p.kind == "country" and norm(name) in _german_only_country_names():
                return False  # "Prince Edward Island" is not Iceland
            return c.how != "fuzzy romanisation" or cue is not None
        if after or (name.isupper() and len(name) <= 5):  # acronyms ("RUSI") are organisations, not towns
            return False
        if before and p.population < HUGE_CITY:
            return False
        if cue and self.lang == "en" and cue.split()[-1].lower() in self.lex["det"]["en"] and attributive \
                and p.population < BIG_CITY:
            return False  # "at the Northgate plant in X": a small town's name before a noun is mostly a firm's
        if cue:
            # GeoNames gives many district towns no population: in English, after a cue and in a country the
            # article is about, the capitalised name is a place ("began in Kumbotso" in a story on Nigeria)
            unknown_size = p.population == 0 and self.lang == "en" and p.country in self.prefer
            return p.population >= MIN_CUED_CITY or unknown_size
        if c.how == "name":
            return p.population >= BIG_CITY
        return p.population >= BIG_CITY_ALT and c.how != "fuzzy romanisation"

    def direction(self, toks: list[Tok], i: int) -> Optional[tuple[int, str, Candidate]]:
        """'Südwesten Polens', 'Osten der Ukraine', 'southwestern Turkey' -> (end, dir, base); and away
        from a place of any size: 'nordwestlich von Landshut', 'north-west of Nelson'."""
        outside = self.outside_direction(toks, i)
        if outside:
            return outside
        d = self.lex["dir_words"].get(toks[i].text.lower())
        if not d:
            return None
        k = i + 1
        if k < len(toks) and toks[k].text.lower() in ("der", "des", "of", "the"):
            k += 1
            if k < len(toks) and toks[k].text.lower() == "the":
                k += 1
        if k >= len(toks) or not toks[k].cap:
            return None
        if self.lang == "de" and not toks[i].cap:
            return None
        if self.lang == "en" and toks[i].cap and i > 0:
            return None
        for name in self._forms(toks[k].text):
            c = self.resolve(name, None)
            if c and (c.place.kind in ("country", "admin") or
                      (c.place.kind == "city" and c.place.population >= BIG_CITY)):
                return k + 1, d, c
        return None

    def _forms(self, name: str) -> list[str]:
        # German genitive "Frankreichs", "Berlins", "Irans"; English possessive "Georgia's"
        forms = [name]
        if self.lang == "de" and len(name) > 4 and name.endswith("s") and not name.endswith("ss"):
            forms.append(name[:-1])
        if name.endswith(("'s", "’s")):
            forms.append(name[:-2])
        return forms

    def compound(self, tok: Tok) -> Optional[tuple[str, Candidate]]:
        """'Westukraine', 'Nordisrael': a compass prefix glued to a country or region name."""
        if self.lang != "de":
            return None
        for prefix, d in self.lex["dir_prefix"]:
            rest = tok.text[len(prefix):]
            if tok.text.startswith(prefix) and len(rest) >= 4 and rest[0].islower():
                for name in self._forms(rest[0].upper() + rest[1:]):
                    c = self.resolve(name, None)
                    if c and c.place.kind in ("country", "admin") and not self.foreign_region(c):
                        return d, c
        return None

    def town_adjective(self, toks: list[Tok], i: int) -> Optional[Candidate]:
        """A German adjective of a town or region before a noun or a name ("der Bielefelder Versorger", "die Kasseler
        Firma", "der Tiroler Läufer"): the place, where its own name is a town of 5,000 in a country the article
        names (or of 100,000 anywhere) or a region. Countries are left out: "Schweizer Behörden" says whose, not
        where."""
        t = toks[i]
        if self.lang != "de" or not t.text.endswith("er") or len(t.text) < MIN_TOWN_ADJECTIVE \
                or t.text.lower() in self.lex["function"] \
                or i + 1 >= len(toks) or not toks[i + 1].cap or not _joined(self.article.text, toks[i:i + 2]):
            return None
        following = toks[i + 1].text.lower()
        if any(following.endswith(head) for head, _ in _local_lex().heads):
            return None  # "an der Kieler Straße": a street named after the town, read by local_places
        stem = t.text[:-2]
        # "Bielefeld-er", "Kassl-er" (Kassel), "Münchn-er" (München); no "-en" added to the stem: that would make a
        # town of many a noun's -er
        forms = [stem] + ([stem[:-1] + "el"] if stem.endswith("l") else []) \
            + ([stem[:-1] + "en"] if stem.endswith("n") else [])
        for form in forms:
            for c in self.gaz.candidates(form, self.lang, fuzzy=False, prefer_countries=self.named)[:1]:
                p = c.place
                if c.how != "name" and (p.population < BIG_CITY_ALT or len(form) < 4):
                    continue  # "Wiener": Wien is Vienna's German name, an alternate one in GeoNames; three letters are a code
                big_enough = p.population >= BIG_CITY or (p.population >= MIN_ADJECTIVE_TOWN and p.country in self.named)
                if (p.kind == "admin" and not self.foreign_region(c)) or (p.kind == "city" and big_enough):
                    return c
        return None

    def foreign_region(self, c: Candidate) -> bool:
        """A region's bare name (not "Kanton Wallis" but "Wallis", gazetteer.py) of a country the article does not
        otherwise speak of: more often a namesake the gazetteer lacks (a German district named like a Dutch province, or a
        direction from it)."""
        return c.place.kind == "admin" and c.how != "name" and c.place.country not in self.named | self.local_prefer

    # ---------------------------------------------------------------- main loop

    def mention(self, toks: list[Tok], i: int, j: int, value: PlaceValue, context: Optional[str],
                start: Optional[int] = None, trim: int = 0) -> Mention:
        s = toks[i].start if start is None else start
        end = toks[j - 1].end - trim
        return Mention(kind="place", doc=self.article.id, start=s, end=end, text=self.article.text[s:end],
                       value=value, context=context)

    def sentence(self, s: Sentence) -> list[Mention]:
        toks = _tokens(self.article, s)
        self.name_toks = set()
        adjectives = (t.text for t in toks if (not t.cap) == (self.lang == "de") and len(t.text) > 5)
        self.local_prefer = frozenset(filter(None, map(demonym_country, adjectives)))
        text = self.article.text
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            low = t.text.lower()
            d = self.direction(toks, i)
            if d:
                end, direction, base = d
                value = self.gaz.get(f"dir:{direction}:{base.place.key}")
                out.append(self.mention(toks, i, end, value, self.context(toks, i, end)))
                i = end
                continue
            if not t.cap or len(t.text) < 2 or norm(t.text) in self.lex["stop"]:
                i += 1
                continue
            function_word = low in self.lex["loc"][self.lang] or low in self.lex["det"][self.lang]
            found = None
            for j in range(min(len(toks), i + MAX_SPAN_TOKENS), i, -1):
                span = toks[i:j]
                if not span[-1].cap or not _joined(text, span):
                    continue
                if any(not x.cap and x.text.lower() not in CONNECTORS for x in span):
                    continue
                if function_word and j == i + 1:
                    break  # "In", "North" alone; "North Macedonia" was tried above
                name = text[span[0].start:span[-1].end]
                cue = self.cue(toks, i, j)
                form, c = next(((f, c) for f in self._forms(name) if (c := self.resolve(f, cue))), (name, None))
                if c is None:
                    continue
                # the longest name that resolves decides; a rejected one hides no shorter reading
                org = j < len(toks) and toks[j].text in self.lex["org_after"] and _joined(text, toks[j - 1:j + 1])
                before, after = self.neighbour_name(toks, i, j)
                attributive = j < len(toks) and not toks[j].cap and toks[j].text.lower() not in self.lex["fac_after"] \
                    and toks[j].text.lower() not in self.lex["function"] and _joined(text, toks[j - 1:j + 1])
                if not org and self.accept(c, name, cue, before, after, attributive):
                    # a possessive ending stays outside the mention; a German genitive is the word itself
                    found = (j, c, cue, 2 if form != name and name.endswith(("'s", "’s")) else 0)
                elif org or after:
                    self.name_toks.update(range(i, j))
                break
            if found:
                j, c, cue, trim = found
                start = None
                if cue and cue.lower() in self.lex["fac_before"] and c.place.kind == "facility":
                    start = toks[i - 1].start  # "Weltraumbahnhof Baikonur": the facility word is part of the name
                note = [] if c.how == "name" else [f"{c.how} of {c.place.canonical}"]
                out.append(self.mention(toks, i, j, c.place.value(note), self.context(toks, i, j), start, trim))
                i = j
                continue
            adjective = self.town_adjective(toks, i)
            if adjective:
                value = adjective.place.value([f"adjective of {adjective.place.canonical}"])
                out.append(self.mention(toks, i, i + 1, value, None))
                i += 1
                continue
            comp = self.compound(t)
            if comp:
                direction, base = comp
                value = self.gaz.get(f"dir:{direction}:{base.place.key}")
                out.append(self.mention(toks, i, i + 1, value, self.context(toks, i, i + 1)))
            i += 1
        return sorted(out + self.local_places(toks, out), key=lambda m: (m.start, m.end))

    # ---------------------------------------------------------------- places below the gazetteer

    def local_places(self, toks: list[Tok], known: list[Mention]) -> list[Mention]:
        """Streets, stations, halls, villages, lakes, peaks the gazetteer does not list, read where the noun
        of their kind names them: "in der Lindenstraße", "am Ulmenbahnhof", "im Dorf Kalos", "near the
        village of Kalos", "on Fulton Street", "at the Ferncombe Centre". A name inside one the gazetteer
        knows stays the gazetteer's ("Hafen Odesa")."""
        lex = _local_lex()
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            hit = self._local_before(toks, i, lex) or self._local_compound(toks, i, lex) or self._local_after(toks, i, lex)
            if hit is None:
                i += 1
                continue
            first, name_start, name_end, end, kind = hit
            s, e = toks[first].start, toks[end - 1].end
            context = self._local_context(toks, first, lex)
            # only where a preposition places something there: "Wall Street said" is a metonym, and "a school
            # place" ("einen Hortplatz") no place at all
            if context is not None and not any(m.start < e and s < m.end for m in known):
                name = self.article.text[toks[name_start].start:toks[name_end - 1].end]
                value = PlaceValue(key=f"local:{kind}:{local_key(name)}", canonical=name, kind="local", local_kind=kind)
                found.append(Mention(kind="place", doc=self.article.id, start=s, end=e, text=self.article.text[s:e],
                                     value=value, context=context))
            i = end
        return found

    def _local_context(self, toks: list[Tok], first: int, lex: _LocalLexicon) -> Optional[str]:
        """The preposition before a local place, past articles and adjectives ("an der Kieler Straße": "an",
        "on Fulton Street": "on"), with a proximity noun kept whole ("in der Nähe des Dorfes X")."""
        words = lex.prepositions[self.lang]
        k = first - 1
        near = False
        while k >= 0 and first - k <= 4:
            low = toks[k].text.lower()
            if low in words:
                return self.article.text[toks[k].start:toks[first - 1].end] if near else toks[k].text
            if low in self.lex["proximity"]:
                near = True
            elif low not in self.lex["det"][self.lang] and (toks[k].cap or not _ADJECTIVE.search(low)):
                return None
            k -= 1
        return None

    def _name_after(self, toks: list[Tok], k: int) -> int:
        """The end of a capitalised name starting at `k` (k itself: none): one word in German, where every
        noun is capitalised ("im Dorf Kalos Feuerwehrleute"), up to three in English."""
        longest = 1 if self.lang == "de" else 3
        j = k
        while j < len(toks) and j - k < longest and toks[j].cap and toks[j].text.lower() not in self.lex["function"] \
                and _joined(self.article.text, toks[k:j + 1]):
            j += 1
        return j

    def _local_before(self, toks: list[Tok], i: int, lex: _LocalLexicon) -> Optional[tuple[int, int, int, int, str]]:
        """"Dorf Kalos", "the village of Kalos", "Terminal Amselkai": the kind noun, then the name."""
        kind = lex.before[self.lang].get(toks[i].text.lower())
        if kind is None or (self.lang == "de" and not toks[i].cap):
            return None
        k = i + 1
        if self.lang == "en":  # "the village of Kalos", "Mount Kenta"; not "the hospital Director Ann Ray"
            if k < len(toks) and toks[k].text == "of":
                k += 1
            elif not toks[i].cap:
                return None
        j = self._name_after(toks, k)
        return (i, k, j, j, kind) if j > k and _joined(self.article.text, toks[i:k + 1]) else None

    def _local_compound(self, toks: list[Tok], i: int, lex: _LocalLexicon) -> Optional[tuple[int, int, int, int, str]]:
        """"in der Lindenstraße", "am Ulmenbahnhof", "an der Kieler Straße", "from Ulmenbahnhof": a German compound
        whose last part names the kind, after a preposition or an article; not one that names no single place
        ("Parkplatz")."""
        t = toks[i]
        low = t.text.lower()
        if not t.cap or low in lex.generic or i == 0:
            return None
        before, prepositions = toks[i - 1].text.lower(), lex.prepositions[self.lang]
        if before not in prepositions and not (before in _DEFINITE and i >= 2 and toks[i - 2].text.lower() in prepositions):
            return None  # "in der Lindenstraße", "am Ulmenbahnhof"; not "einen Hortplatz", a place in a nursery
        kind = next((cls for head, cls in lex.heads if low.endswith(head) and len(low) >= len(head) + 3), None)
        if kind is not None:
            return i, i, i + 1, i + 1, kind
        # "Kieler Straße": a place adjective in -er before the head word alone
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and t.text.endswith("er") and _joined(self.article.text, [t, nxt]):
            kind = next((cls for head, cls in lex.heads if nxt.text.lower() == head), None)
            if kind is not None:
                return i, i, i + 2, i + 2, kind
        return None

    def _local_after(self, toks: list[Tok], i: int, lex: _LocalLexicon) -> Optional[tuple[int, int, int, int, str]]:
        """"the Ferncombe Centre", "Fulton Street", "the Ulmenbahnhof station": an English name, then its kind."""
        if self.lang != "en" or not toks[i].cap or toks[i].text.lower() in self.lex["function"] or toks[i].text in lex.after:
            return None
        for j in range(i + 1, min(len(toks), i + 4)):
            if not _joined(self.article.text, toks[i:j + 1]):
                return None
            if toks[j].text in lex.after:
                return i, i, j + 1, j + 1, lex.after[toks[j].text]  # the kind is part of the name: "Fulton Street"
            if not toks[j].cap:
                return None
        return None


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    gaz = Gazetteer.load()
    # first pass: the countries the article talks about, to choose between namesakes
    first = _Extractor(article, gaz, frozenset())
    found = [m.value for s in sentences for m in first.sentence(s) if m.value.country]
    prefer = frozenset(v.country for v in found if v.kind in ("country", "admin", "region", "facility")
                       and not (v.kind == "admin" and v.variant_of))  # a region's bare name votes for none
    second = _Extractor(article, gaz, prefer, frozenset(v.country for v in found))
    out = [m for s in sentences for m in second.sentence(s)]
    return sorted(out, key=lambda m: (m.start, m.end))
