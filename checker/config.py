"""Configuration as data: `[tool.factdiff]` in pyproject.toml, or a factdiff.toml beside the batch.

Precedence (later wins): defaults < pyproject.toml found from the working directory upwards
< factdiff.toml in the batch folder < command-line options.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from checker.models import Severity

T = TypeVar("T")


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list)  # rule codes or prefixes; empty = all
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)  # code or prefix -> severity override
    thresholds: dict[str, Any] = Field(default_factory=dict)  # see docs/configuration.md
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)  # per-rule typed settings: [tool.factdiff.rules.FD101]
    decision_model: Optional[str] = None  # a decision model JSON other than the shipped one (factdiff train -o)
    preview: bool = False  # run the preview rules, judged by the preview decision model (docs/rules.md)
    alias_files: list[str] = Field(default_factory=list)  # extra place alias files (YAML)
    limits: dict[str, Any] = Field(default_factory=dict)  # input limits (checker/limits.py)
    model: Optional[str] = None  # a sentence-transformers model name or path; None = offline default
    output_dir: str = "reports"
    fail_on: str = "error"
    baseline: Optional[str] = None  # fingerprints of accepted findings (factdiff baseline create)
    decisions: Optional[str] = None  # editors' confirmed/dismissed findings (docs/ci.md)
    archive: Optional[str] = None  # the archive when --archive / --db is not given: a SQLite file or a postgresql:// URL
    cache_analyses: bool = True  # keep each article's analysis on disk, as vectors are (checker/analyses.py)
    source: list[str] = Field(default_factory=list)  # where the settings came from, for --verbose

    def selected_rules(self) -> list:
        """The rules this configuration runs, with their severities and typed settings (rules/registry.py)."""
        from rules.registry import select_rules  # the rules read the models, never the configuration

        severities = {code: severity.value for code, severity in self.severity.items()}
        return select_rules(self.select, self.ignore, severities, self.rules, self.preview)

    def merged(self, data: dict[str, Any], origin: str) -> "Config":
        unknown = set(data) - (set(Config.model_fields) - {"source"})
        if unknown:
            raise ValueError(f"{origin}: unknown [tool.factdiff] keys: {', '.join(sorted(unknown))}")
        merged = self.model_dump() | data
        merged["source"] = [*self.source, origin]
        return Config.model_validate(merged)


def settings_from(cls: type[T], knobs: dict[str, Any], table: str) -> T:
    """A stage's settings dataclass from its `thresholds.<table>`; a misspelt knob or a value the
    dataclass rejects is an error naming the table, not a silent default."""
    try:
        return cls(**knobs)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"thresholds.{table}: {exc}") from None


def find_pyproject(start: Path) -> Optional[Path]:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(batch: Optional[Path] = None, cwd: Optional[Path] = None, explicit: Optional[Path] = None) -> Config:
    config = Config()
    files: list[tuple[Path, bool]] = []
    pyproject = find_pyproject((cwd or Path.cwd()).resolve())
    if pyproject:
        files.append((pyproject, True))
    if batch is not None:
        folder = batch if batch.is_dir() else batch.parent
        if (folder / "factdiff.toml").is_file():
            files.append((folder / "factdiff.toml", False))
    if explicit is not None:
        files.append((explicit, explicit.name == "pyproject.toml"))
    for path, nested in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: cannot read configuration: {exc}") from None
        section = data.get("tool", {}).get("factdiff") if nested else data.get("tool", {}).get("factdiff", data)
        if section:
            config = config.merged(section, str(path))
    return config
