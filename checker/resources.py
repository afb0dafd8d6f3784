"""Knowledge files under checker/data/: loaded once, each carrying its provenance."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
# libyaml's loader is several times faster; start-up time matters for a CLI.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    return read_yaml(DATA_DIR / name)
