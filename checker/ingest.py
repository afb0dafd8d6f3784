"""Ingest stage: read a batch folder into Articles, reporting bad input instead of dropping it.

A batch is a folder (read recursively) of ``.txt``/``.md`` articles with optional YAML
front matter, and ``.json``/``.jsonl`` records carrying ``text`` plus the same metadata.
A labelled case (``<case>/articles/`` beside ``gold.yaml``) is read from its ``articles/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from checker.language import detect_language
from checker.models import Article, DateValue, Granularity, InputProblem

ARTICLE_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".json", ".jsonl"}
METADATA_KEYS = ("id", "source", "url", "date", "lang", "title")
SUPPORTED_LANGS = {"de", "en"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)


class InputError(Exception):
    """One article that cannot be read; the message names the problem, the caller names the file."""


@dataclass
class Batch:
    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def read_batch(root: Path) -> Batch:
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")
    batch = Batch(root=root)
    base = root / "articles" if (root / "articles").is_dir() else root
    files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
    seen: dict[str, str] = {}
    for path in files:
        if path.name.startswith("."):
            continue
        rel = path.name if base.is_file() else path.relative_to(base).as_posix()
        suffix = path.suffix.lower()
        if suffix not in ARTICLE_SUFFIXES | RECORD_SUFFIXES:
            batch.problems.append(
                InputProblem(path=str(path), message=f"not an article (expected {', '.join(sorted(ARTICLE_SUFFIXES | RECORD_SUFFIXES))}); not checked")
            )
            continue
        try:
            raw = path.read_bytes()
            text, warning = decode(raw)
            if warning:
                batch.problems.append(InputProblem(path=str(path), message=warning, skipped=False))
            default_id = rel[: -len(path.suffix)]
            readers = read_records(text, default_id) if suffix in RECORD_SUFFIXES else [read_article_text(text, default_id)]
            for item in readers:
                if isinstance(item, InputProblem):
                    batch.problems.append(item.model_copy(update={"path": str(path)}))
                    continue
                article, notes = item
                for note in notes:
                    batch.problems.append(InputProblem(path=str(path), message=note, skipped=False))
                article.path = str(path)
                if article.id in seen:
                    batch.problems.append(
                        InputProblem(path=str(path), message=f"duplicate article id {article.id!r} (also in {seen[article.id]}); not checked")
                    )
                    continue
                seen[article.id] = str(path)
                batch.articles.append(article)
        except InputError as exc:
            batch.problems.append(InputProblem(path=str(path), message=str(exc)))
    return batch


def decode(raw: bytes) -> tuple[str, Optional[str]]:
    """UTF-8 as the contract says; a legacy 8-bit file is still read, with a warning naming the byte."""
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw[:4096]:
        raise InputError("binary file (contains NUL bytes); not checked")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        text = raw.decode("cp1252", errors="replace")
        return text, (
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte offset {exc.start}); read as Windows-1252/Latin-1, "
            "so evidence offsets count characters of that reading"
        )


def read_article_text(text: str, default_id: str) -> tuple[Article, list[str]]:
    notes: list[str] = []
    meta: dict[str, Any] = {}
    body_start = 0
    match = _FRONT_MATTER.match(text)
    if match:
        body_start = match.end()
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" (line {where.line + 2})" if where is not None else ""
            notes.append(f"malformed front matter{line}: {getattr(exc, 'problem', exc)}; metadata ignored, text checked")
            loaded = {}
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            notes.append("front matter is not a mapping of keys to values; metadata ignored, text checked")
            loaded = {}
        meta = loaded
    elif text.startswith("---") and text.lstrip("-").strip():
        first = text.splitlines()[0]
        if first.strip() == "---":
            notes.append("front matter opened with '---' but never closed; the whole file is read as text")
    if not text[body_start:].strip():
        raise InputError("no article text (only front matter)")
    return build_article(text, body_start, meta, default_id, notes), notes


def read_records(text: str, default_id: str) -> Iterator[tuple[Article, list[str]] | InputProblem]:
    records: list[tuple[Optional[int], Any]] = []
    stripped = text.strip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        records = [(None, r) for r in (loaded if isinstance(loaded, list) else [loaded])]
    else:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((lineno, json.loads(line)))
            except json.JSONDecodeError as exc:
                yield InputProblem(path="", message=f"line {lineno}: malformed JSON at column {exc.colno}: {exc.msg}; record not checked")
    many = len(records) > 1
    for index, (lineno, record) in enumerate(records, 1):
        where = f"line {lineno}: " if lineno else (f"record {index}: " if many else "")
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield InputProblem(path="", message=f"{where}record has no non-empty 'text' string; not checked")
            continue
        notes: list[str] = []
        record_id = default_id if not many else f"{default_id}/{lineno or index}"
        article = build_article(record["text"], 0, record, record_id, notes)
        article.record = lineno or index
        yield article, [where + n for n in notes]


def build_article(text: str, body_start: int, meta: dict[str, Any], default_id: str, notes: list[str]) -> Article:
    unknown = sorted(set(meta) - set(METADATA_KEYS) - {"text"})
    if unknown and body_start:
        notes.append(f"unknown front-matter keys ignored: {', '.join(map(str, unknown))}")
    article = Article(
        id=str(meta.get("id") or default_id),
        path="",
        text=text,
        body_start=body_start,
        title=_str_or_none(meta.get("title")),
        source=_str_or_none(meta.get("source")),
        url=_str_or_none(meta.get("url")),
    )
    lang = _str_or_none(meta.get("lang"))
    if lang and lang.lower()[:2] in SUPPORTED_LANGS:
        article.lang = lang.lower()[:2]
    else:
        if lang:
            notes.append(f"language {lang!r} is not supported (de, en); detected instead")
        article.lang = detect_language(text[body_start:])
        article.lang_detected = True
    if meta.get("date") is not None:
        try:
            article.published = parse_metadata_date(meta["date"])
            article.published_from = "front matter"
        except ValueError as exc:
            notes.append(f"front-matter date {meta['date']!r} not understood ({exc}); publication date unknown")
    if article.published is None:
        found = publication_date_in_header(text, body_start)
        if found:
            article.published, article.published_from, start, end = found
            article.dateline = (start, end)
    return article


def publication_date_in_header(text: str, body_start: int) -> Optional[tuple[DateValue, str, int, int]]:
    from checker.extract.dates import publication_date_from_header

    found = publication_date_from_header(text[body_start:])
    if not found:
        return None
    value, description, start, end = found
    return value, f"header line: {description}", start + body_start, end + body_start


def parse_metadata_date(value: Any) -> DateValue:
    """YYYY-MM-DD, YYYY-MM-DDTHH:MM (YAML may already have made a date or datetime), or YYYY-MM."""
    if isinstance(value, dt.datetime):
        return DateValue(start=value.date(), end=value.date(), granularity=Granularity.time, time=value.strftime("%H:%M"))
    if isinstance(value, dt.date):
        return DateValue(start=value, end=value, granularity=Granularity.day)
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        start = dt.date(year, month, 1)
        end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        return DateValue(start=start, end=end, granularity=Granularity.month)
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?", text):
        day = dt.date.fromisoformat(m[1])
        return DateValue(start=day, end=day, granularity=Granularity.time, time=m[2])
    day = dt.date.fromisoformat(text)
    return DateValue(start=day, end=day, granularity=Granularity.day)


def _str_or_none(value: Any) -> Optional[str]:
    return None if value is None else str(value)
