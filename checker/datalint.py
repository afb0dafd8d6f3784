"""`factdiff data lint`: the knowledge files, checked before a check trusts them.

A knowledge file is data with provenance (checker/data/*.yaml, the first-name list, the decision model)
or a newsroom's own alias file (`alias_files` in the configuration). Each is checked for what would
otherwise go wrong silently: YAML keeps the last of two equal keys without a word, a misspelt field of an
alias entry is never read, a word listed twice is a copy left behind, and one place name given to two
places makes the gazetteer pick one. Files with a schema below are validated against it (a misspelt key
is an error); every file must say where its contents come from.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.resources import DATA_DIR

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: Optional[int]
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}" if self.line else f"{shown}: {self.message}"


# --------------------------------------------------------------------------- schemas


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlaceAlias(_Strict):
    """One entry of place_aliases.yaml or of a newsroom's alias file (the gazetteer reads both alike)."""

    id: str = Field(min_length=1)
    kind: Literal["facility", "region", "admin", "country"]
    country: Optional[str] = Field(None, pattern=r"^[A-Z]{2}$")  # ISO 3166 alpha-2
    admin1_city: Optional[str] = None  # a GeoNames city whose first-level region the entry lies in or is
    admin1_cities: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    lat: Optional[float] = Field(None, ge=-90, le=90)
    lon: Optional[float] = Field(None, ge=-180, le=180)
    en: list[str] = Field(default_factory=list)
    de: list[str] = Field(default_factory=list)


class PlaceAliases(_Strict):
    provenance: str = Field(min_length=1)
    entries: list[PlaceAlias]


class Organisation(_Strict):
    key: str = Field(min_length=1)
    de: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class Organisations(_Strict):
    provenance: str = Field(min_length=1)
    orgs: list[Organisation]


class Morphology(_Strict):
    provenance: str = Field(min_length=1)
    de_feminine_plural: str = Field(min_length=1)
    de_feminine_min_stem: int = Field(ge=1)
    de_feminine_singular: dict[str, str]
    de_separable_particles: list[str] = Field(min_length=1)


class FunctionWords(_Strict):
    provenance: str = Field(min_length=1)
    de: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class StateForms(_Strict):
    de: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class States(_Strict):
    """states.yaml: each state's values (yes/no, or a closed set) and the words of each, per language."""

    provenance: str = Field(min_length=1)
    open_question: list[str] = Field(min_length=1)
    degree: list[str]
    not_negated: list[str]
    existence: list[str]
    negation_window: int = Field(ge=1)
    states: dict[str, dict[str, StateForms]]


SCHEMAS: dict[str, type[BaseModel]] = {
    "place_aliases.yaml": PlaceAliases,
    "orgs.yaml": Organisations,
    "morphology.yaml": Morphology,
    "language.yaml": FunctionWords,
    "states.yaml": States,
}


# --------------------------------------------------------------------------- reading


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int) -> None:
        super().__init__(f"key {key!r} given twice in one mapping (YAML keeps only the last)")
        self.line = line


class _StrictLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """A YAML loader that refuses a mapping with a key given twice."""


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_StrictLoader), []
    except _DuplicateKey as exc:
        return None, [Problem(path, exc.line, str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(path, mark.line + 1 if mark else None, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, None, f"cannot be read: {exc}")]


def _word_list_problems(data: Any, path: Path, where: str = "") -> list[Problem]:
    """Strings listed twice in one list (numbers may repeat: a range's two ends), and booleans among
    words or as keys: YAML 1.1 reads a bare on, off, yes, no (and the country code NO) as true or false."""
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            inside = f"{where}.{key}" if where else str(key)
            if isinstance(key, bool):
                problems.append(Problem(path, None, f"{inside}: a key read as {key}; quote it if it is a word or code"))
            problems += _word_list_problems(value, path, inside)
    elif isinstance(data, list):
        counts = Counter(item for item in data if isinstance(item, str))
        problems += [Problem(path, None, f"{where}: {word!r} listed {n} times") for word, n in counts.items() if n > 1]
        if counts and any(isinstance(item, bool) for item in data):
            problems.append(Problem(path, None, f"{where}: a word read as true or false; quote it (\"on\", \"NO\")"))
        for i, item in enumerate(data):
            problems += _word_list_problems(item, path, f"{where}[{i}]")
    return problems


def _schema_problems(data: Any, path: Path, schema: type[BaseModel]) -> list[Problem]:
    try:
        schema.model_validate(data)
    except ValidationError as exc:
        return [Problem(path, None, f"{'.'.join(str(part) for part in error['loc']) or '(top)'}: {error['msg']}")
                for error in exc.errors()]
    return []


# --------------------------------------------------------------------------- checks


def lint_yaml(path: Path, schema: Optional[type[BaseModel]] = None) -> tuple[Any, list[Problem]]:
    data, problems = _read_yaml(path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(path, None, "expected a mapping at the top, with a provenance")]
    unsourced = not isinstance(data.get("provenance"), str) or not data["provenance"].strip()
    if unsourced:
        problems.append(Problem(path, None, "no provenance: say where the contents come from (a `provenance:` text)"))
    problems += _word_list_problems(data, path)
    if schema is not None:  # (its own word for a missing provenance would say the same again)
        problems += [p for p in _schema_problems(data, path, schema) if not (unsourced and p.message.startswith("provenance:"))]
    return data, problems


def lint_text_list(path: Path) -> list[Problem]:
    """A word list: a `# provenance:` first line, then one entry a line, each once."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(path, None, f"cannot be read: {exc}")]
    problems = []
    if not lines or not lines[0].startswith("# provenance:"):
        problems.append(Problem(path, 1, "the first line must be `# provenance: ...`"))
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if line.startswith("#") or not line.strip():
            continue
        if line in seen:
            problems.append(Problem(path, number, f"{line!r} listed again (first at line {seen[line]})"))
        seen.setdefault(line, number)
    return problems


def lint_model(path: Path) -> list[Problem]:
    from checker.decide import DecisionModel

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [Problem(path, None, f"not a readable JSON decision model: {exc}")]
    problems = _schema_problems(data, path, DecisionModel)
    if not problems and not data.get("provenance"):
        problems.append(Problem(path, None, "no provenance: rebuild it with `factdiff train`"))
    return problems


def _names_given_twice(alias_files: dict[Path, dict]) -> list[Problem]:
    """One place name given to two different places, within or across alias files: the gazetteer would
    answer with one of them, depending on which it read last."""
    owner: dict[str, tuple[str, Path]] = {}
    problems = []
    for path, data in alias_files.items():
        for entry in data.get("entries") or []:
            if not isinstance(entry, dict):
                continue
            place = str(entry.get("id"))
            for name in {n.casefold() for lang in ("de", "en") for n in entry.get(lang) or [] if isinstance(n, str)}:
                if name in owner and owner[name][0] != place:
                    first, where = owner[name]
                    problems.append(Problem(path, None, f"the name {name!r} is given to {place!r} and to {first!r} ({where.name})"))
                owner.setdefault(name, (place, path))
    return problems


def lint(data_dir: Path = DATA_DIR, alias_files: tuple[Path, ...] = ()) -> list[Problem]:
    """Every knowledge file under data_dir and the newsroom's alias files; [] when all are sound."""
    problems: list[Problem] = []
    aliases: dict[Path, dict] = {}
    for path in sorted(data_dir.iterdir()):
        if path.suffix == ".yaml":
            data, found = lint_yaml(path, SCHEMAS.get(path.name))
            problems += found
            if path.name == "place_aliases.yaml" and data:
                aliases[path] = data
        elif path.suffix == ".txt":
            problems += lint_text_list(path)
        elif path.suffix == ".json":
            problems += lint_model(path)
        elif path.is_file():
            problems.append(Problem(path, None, "not a knowledge file factdiff reads (.yaml, .txt or the .json model)"))
    for path in alias_files:
        data, found = lint_yaml(path, PlaceAliases)
        problems += found
        if data:
            aliases[path] = data
    return problems + _names_given_twice(aliases)
