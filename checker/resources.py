"""Knowledge files under checker/data/: loaded once, each carrying its provenance."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)
