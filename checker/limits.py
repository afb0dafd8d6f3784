"""Input limits: what one file of a batch may cost before it is set aside with a message.

Each limit is a knob of `[tool.factdiff] limits` (docs/configuration.md); a file or record over a
limit is an input problem naming the file, the limit and its key, and the rest of the batch is
checked. The defaults are far above any news article (a long feature is 50 KB) and far below what
makes a check take minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 10_000_000  # one file, JSONL feeds included
    max_article_chars: int = 1_000_000  # the text of one article or record
    max_line_chars: int = 30_000  # one line (a paragraph) of an article: 5,000 words
    max_records: int = 500  # records of one .json/.jsonl file (a batch is one story's articles)
    max_depth: int = 20  # nesting of YAML front matter and of JSON records
    max_aliases: int = 20  # YAML aliases (*name) in one front matter
    max_metadata_chars: int = 1_000  # one metadata value (id, title, source, url, lang, date)


def limits_from(knobs: dict[str, Any]) -> Limits:
    """Limits from `[tool.factdiff] limits`; a misspelt key or a value that is not a positive whole
    number is an error naming the key."""
    names = {f.name for f in fields(Limits)}
    unknown = sorted(set(knobs) - names)
    if unknown:
        raise ValueError(f"limits: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(names))})")
    for key, value in knobs.items():
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f"limits.{key}: expected a positive whole number, got {value!r}")
    return Limits(**knobs)


def describe(key: str, limit: int) -> str:
    return f"limit {limit:,} (limits.{key})"
