"""Ingest stage: read a batch folder into Articles, reporting bad input instead of dropping it.

A batch is a folder (read recursively) of ``.txt``/``.md`` articles with optional YAML
front matter, and ``.json``/``.jsonl`` records carrying ``text`` plus the same metadata.
A labelled case (``<case>/articles/`` beside ``gold.yaml``) is read from its ``articles/``.

Every entry that is not read is named in ``problems``: a symbolic link out of the batch folder
(never followed), a loop, a FIFO or device, an unreadable folder or file, a file over a limit
(``checker.limits``), a hidden entry (its name starts with ``.``; a hidden folder is named once,
not read).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

from checker.language import detect_language
from checker.limits import Limits, describe
from checker.models import Article, DateValue, Granularity, InputProblem

ARTICLE_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".json", ".jsonl"}
METADATA_KEYS = ("id", "source", "url", "date", "lang", "title")
SUPPORTED_LANGS = {"de", "en"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class InputError(Exception):
    """One article that cannot be read; the message names the problem, the caller names the file."""


@dataclass
class Batch:
    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def read_batch(root: Path, limits: Limits = Limits()) -> Batch:
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")
    batch = Batch(root=root)
    base = root / "articles" if (root / "articles").is_dir() else root
    if base.is_file():
        files = [(base, base.name, base)]
    else:
        files = walk(base, batch.problems)
    seen: dict[str, str] = {}
    for path, rel, real in files:
        suffix = path.suffix.lower()
        if suffix not in ARTICLE_SUFFIXES | RECORD_SUFFIXES:
            batch.problems.append(
                InputProblem(path=shown(path), message=f"not an article (expected {', '.join(sorted(ARTICLE_SUFFIXES | RECORD_SUFFIXES))}); not checked")
            )
            continue
        try:
            raw = read_bytes(real, limits, follow=real is not path)
            text, warning = decode(raw)
            if warning:
                batch.problems.append(InputProblem(path=shown(path), message=warning, skipped=False))
            default_id = safe_id(rel[: -len(path.suffix)])
            if suffix in RECORD_SUFFIXES:
                readers = read_records(text, default_id, limits)
            else:
                readers = iter([read_article_text(text, default_id, limits)])
            for item in readers:
                if isinstance(item, InputProblem):
                    batch.problems.append(item.model_copy(update={"path": shown(path)}))
                    continue
                article, notes = item
                for note in notes:
                    batch.problems.append(InputProblem(path=shown(path), message=note, skipped=False))
                article.path = shown(path)
                if article.id in seen:
                    batch.problems.append(
                        InputProblem(path=shown(path), message=f"duplicate article id {shorten(article.id)!r} (also in {seen[article.id]}); not checked")
                    )
                    continue
                seen[article.id] = shown(path)
                batch.articles.append(article)
        except InputError as exc:
            batch.problems.append(InputProblem(path=shown(path), message=str(exc)))
    return batch


def walk(base: Path, problems: list[InputProblem]) -> list[tuple[Path, str, Path]]:
    """The regular files below `base` as (path, path relative to base, path to open), in path order.

    A symbolic link is read only when it resolves to a regular file inside the batch folder; a link
    to a folder is not followed (no loops); everything else that is not read is named in `problems`.
    """
    real_base = base.resolve()
    found: list[tuple[Path, str, Path]] = []
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            problems.append(InputProblem(path=shown(folder), message=f"folder cannot be read ({_reason(exc)}); nothing in it checked"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                problems.append(InputProblem(path=shown(path), message="hidden entry (its name starts with '.'); not checked"))
                continue
            rel = path.relative_to(base).as_posix()
            try:
                if entry.is_symlink():
                    target = _link_target(path, real_base)
                    if target is not None:
                        found.append((path, rel, target))
                    else:
                        problems.append(InputProblem(path=shown(path), message=_link_problem(path, real_base)))
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    found.append((path, rel, path))
                else:
                    kind = _kind(entry.stat(follow_symlinks=False).st_mode)
                    problems.append(InputProblem(path=shown(path), message=f"not a regular file ({kind}); not checked"))
            except OSError as exc:
                problems.append(InputProblem(path=shown(path), message=f"cannot be read ({_reason(exc)}); not checked"))
    return sorted(found, key=lambda item: item[1])


def _link_target(path: Path, real_base: Path) -> Optional[Path]:
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError):
        return None
    if not target.is_relative_to(real_base):
        return None
    try:
        return target if stat.S_ISREG(target.stat().st_mode) else None
    except OSError:
        return None


def _link_problem(path: Path, real_base: Path) -> str:
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError) as exc:
        loop = getattr(exc, "errno", None) == 40 or isinstance(exc, RuntimeError)
        return "symbolic link loop; not followed" if loop else "broken symbolic link (its target does not exist); not checked"
    if not target.is_relative_to(real_base):
        return "symbolic link to a file outside the batch folder; not followed (copy the file into the batch to check it)"
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        return f"symbolic link whose target cannot be read ({_reason(exc)}); not checked"
    if stat.S_ISDIR(mode):
        return "symbolic link to a folder; not followed"
    return f"symbolic link to something that is not a regular file ({_kind(mode)}); not checked"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def read_bytes(path: Path, limits: Limits = Limits(), follow: bool = False) -> bytes:
    """The bytes of one regular file, at most `limits.max_file_bytes`; never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot be read ({_reason(exc)}); not checked") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_kind(info.st_mode)}); not checked")
        if info.st_size > limits.max_file_bytes:
            raise InputError(f"file is {info.st_size:,} bytes, over the {describe('max_file_bytes', limits.max_file_bytes)}; not checked")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limits.max_file_bytes:
                raise InputError(f"file is over the {describe('max_file_bytes', limits.max_file_bytes)} (it grew while read); not checked")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"cannot be read ({_reason(exc)}); not checked") from None
    finally:
        os.close(fd)


_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
# Legacy encodings a German or English file may be in, for the lines that are not UTF-8.
_LEGACY = ["cp1252", "iso8859_15", "latin_1", "cp1250", "mac_roman", "cp850"]


def decode(raw: bytes) -> tuple[str, Optional[str]]:
    """UTF-8 as the contract says; UTF-16/32 with a byte-order mark; a file with lines in a legacy
    8-bit encoding is read line by line (UTF-8 lines stay UTF-8), with a warning naming the first byte.
    A NUL anywhere is an error: the file is binary or in an encoding that needs a byte-order mark."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {name} after its byte-order mark (byte offset {exc.start + len(bom)}); not checked") from None
            _check_text(text)
            return text, (None if codec == "utf-8" else f"encoded as {name} (byte-order mark); read, and evidence offsets count characters")
    if not raw.strip():
        raise InputError("empty file")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary file (NUL byte at byte offset {nul}); not checked (UTF-16 or UTF-32 text needs a byte-order mark, or save it as UTF-8)"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_mixed(raw, exc)
    _check_text(text)
    return text, None


_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _check_text(text: str, max_control_share: float = 0.10) -> None:
    """Empty, a NUL, or so many control characters that it cannot be prose: not an article."""
    if not text.strip():
        raise InputError("empty file")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL character at character offset {nul}); not checked")
    sample = text[:65536]
    controls = len(_BINARY_CONTROL.findall(sample))
    if controls > max(2, max_control_share * len(sample)):
        raise InputError(f"binary file ({controls} control characters in its first {len(sample):,} characters); not checked")


def _decode_mixed(raw: bytes, first: UnicodeDecodeError) -> tuple[str, str]:
    lines = raw.splitlines(keepends=True)
    bad: list[int] = []
    parts: list[Optional[str]] = []
    for i, line in enumerate(lines):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            bad.append(i)
            parts.append(None)
    legacy = _legacy_encoding(b"".join(lines[i] for i in bad[:200])[:65536])
    for i in bad:
        parts[i] = lines[i].decode(legacy, errors="replace")
    text = "".join(p or "" for p in parts)
    _check_text(text, max_control_share=0.02)  # a legacy text has next to no controls; random bytes have 11 %
    line_no = raw.count(b"\n", 0, first.start) + 1
    which = "the file" if len(bad) == len(lines) else f"{len(bad)} of {len(lines)} line(s) (the rest read as UTF-8)"
    return text, (
        f"not valid UTF-8 (byte 0x{raw[first.start]:02x} at byte offset {first.start}, line {line_no}); {which} read as "
        f"{legacy}, so evidence offsets count characters of that reading"
    )


def _legacy_encoding(sample: bytes) -> str:
    """The likeliest legacy 8-bit encoding of the non-UTF-8 lines (charset-normalizer), else Windows-1252."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample, cp_isolation=_LEGACY).best()
    except Exception:  # a detector failure must not stop the file from being read
        best = None
    return best.encoding if best is not None else "cp1252"


class LimitExceeded(yaml.YAMLError):
    pass


class MetadataLoader(yaml.SafeLoader):
    """YAML's safe loader with bounded nesting and aliases, and without its date resolver: a
    front-matter date stays text, parsed by `parse_metadata_date` (an impossible date is a note,
    not a crash)."""

    limits = Limits()

    def __init__(self, stream: str, limits: Limits = Limits()) -> None:
        super().__init__(stream)
        self.limits = limits
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self.limits.max_aliases:
                raise LimitExceeded(f"more than {self.limits.max_aliases} aliases, {describe('max_aliases', self.limits.max_aliases)}")
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > self.limits.max_depth:
                raise LimitExceeded(f"nested deeper than {describe('max_depth', self.limits.max_depth)}")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


MetadataLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
MetadataLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def load_metadata_yaml(text: str, limits: Limits = Limits()) -> Any:
    loader = MetadataLoader(text, limits)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.S)


def json_depth_over(text: str, limit: int) -> bool:
    """Whether JSON text nests arrays and objects deeper than `limit` (strings skipped), in one pass."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


def load_json(text: str, limits: Limits) -> Any:
    if json_depth_over(text, limits.max_depth):
        raise InputError(f"JSON nested deeper than {describe('max_depth', limits.max_depth)}")
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError("JSON nested too deeply to read") from None


def check_text_limits(text: str, limits: Limits) -> Optional[str]:
    """Why an article text is over a limit (too long, or a line too long), else None."""
    if len(text) > limits.max_article_chars:
        return f"article text is {len(text):,} characters long, over the {describe('max_article_chars', limits.max_article_chars)}"
    if len(text) > limits.max_line_chars:
        for line_no, line in enumerate(text.split("\n"), 1):
            if len(line) > limits.max_line_chars:
                return (f"line {line_no} is {len(line):,} characters long, over the "
                        f"{describe('max_line_chars', limits.max_line_chars)}")
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(path: Path | str) -> str:
    """A path as text that every output can write: a byte of a non-UTF-8 file name (which Python
    keeps as a lone surrogate) is written as \\xNN."""
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if ord(m.group()) >= 0xDC80 else f"\\u{ord(m.group()):04x}", str(path))


def without_surrogates(text: str) -> tuple[str, int]:
    """Lone UTF-16 surrogates (a JSON "\\ud800" escape) replaced by U+FFFD, one for one: offsets stay."""
    return _SURROGATE.subn("\ufffd", text)


def safe_id(value: str) -> str:
    """An id with control characters (a newline in a file name) or bytes of a non-UTF-8 file name
    written as escapes: ids go into one-line messages, annotations and file names."""
    value = shown(value)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", value)


def shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def read_article_text(text: str, default_id: str, limits: Limits = Limits()) -> tuple[Article, list[str]]:
    notes: list[str] = []
    meta: dict[str, Any] = {}
    body_start = 0
    too_big = check_text_limits(text, limits)
    if too_big:
        raise InputError(f"{too_big}; not checked")
    match = _FRONT_MATTER.match(text)
    if match:
        body_start = match.end()
        try:
            loaded = load_metadata_yaml(match.group(1), limits)
        except LimitExceeded as exc:
            notes.append(f"front matter {exc}; metadata ignored, text checked")
            loaded = {}
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" (line {where.line + 2})" if where is not None else ""
            problem = shorten(str(getattr(exc, "problem", None) or exc).replace("\n", " "), 200)
            notes.append(f"malformed front matter{line}: {problem}; metadata ignored, text checked")
            loaded = {}
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            notes.append(f"malformed front matter: {shorten(str(exc), 200)}; metadata ignored, text checked")
            loaded = {}
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            notes.append("front matter is not a mapping of keys to values; metadata ignored, text checked")
            loaded = {}
        meta = loaded
    elif text.startswith("---") and text.lstrip("-").strip():
        first = text[: text.find("\n")] if "\n" in text else text
        if first.strip() == "---":
            notes.append("front matter opened with '---' but never closed; the whole file is read as text")
    if not text[body_start:].strip():
        raise InputError("no article text (only front matter)")
    return build_article(text, body_start, meta, default_id, notes, limits), notes


def read_records(text: str, default_id: str, limits: Limits = Limits()) -> Iterator[tuple[Article, list[str]] | InputProblem]:
    records: list[tuple[Optional[int], Any]] = []
    stripped = text.strip()
    cut_at: Optional[int] = None
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            loaded = load_json(text, limits)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        items = loaded if isinstance(loaded, list) else [loaded]
        if len(items) > limits.max_records:
            cut_at = limits.max_records + 1
        records = [(None, r) for r in items[: limits.max_records]]
    else:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            if len(records) == limits.max_records:
                cut_at = lineno
                break
            try:
                records.append((lineno, load_json(line, limits)))
            except json.JSONDecodeError as exc:
                yield InputProblem(path="", message=f"line {lineno}: malformed JSON at column {exc.colno}: {exc.msg}; record not checked")
            except InputError as exc:
                yield InputProblem(path="", message=f"line {lineno}: {exc}; record not checked")
    if cut_at is not None:
        where = f"line {cut_at}" if records and records[0][0] else f"record {cut_at}"
        yield InputProblem(
            path="", message=f"more than {limits.max_records:,} records ({describe('max_records', limits.max_records)}); "
            f"the records from {where} on not checked",
        )
    many = len(records) > 1
    for index, (lineno, record) in enumerate(records, 1):
        where = f"line {lineno}: " if lineno else (f"record {index}: " if many else "")
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            yield InputProblem(path="", message=f"{where}record has no non-empty 'text' string; not checked")
            continue
        too_big = check_text_limits(record["text"], limits)
        if too_big:
            yield InputProblem(path="", message=f"{where}{too_big}; record not checked")
            continue
        text, replaced = without_surrogates(record["text"])
        nul = text.find("\x00")
        if nul >= 0:
            yield InputProblem(path="", message=f"{where}text has a NUL character at offset {nul}; record not checked")
            continue
        notes: list[str] = []
        if replaced:
            notes.append(f"{replaced} lone UTF-16 surrogate(s) in the text replaced by U+FFFD")
        record_id = default_id if not many else f"{default_id}/{lineno or index}"
        article = build_article(text, 0, record, record_id, notes, limits)
        article.record = lineno or index
        yield article, [where + n for n in notes]


def build_article(
    text: str, body_start: int, meta: dict[str, Any], default_id: str, notes: list[str], limits: Limits = Limits()
) -> Article:
    unknown = sorted({shorten(safe_id(str(k)), 40) for k in meta} - set(METADATA_KEYS) - {"text"})
    if unknown and body_start:
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        notes.append(f"unknown front-matter keys ignored: {', '.join(unknown[:5])}{more}")
    fields = {key: metadata_value(meta, key, limits, notes) for key in METADATA_KEYS}
    doc_id = fields["id"]
    if doc_id is not None and (_CONTROL.search(doc_id) or not doc_id.strip()):
        notes.append(f"metadata 'id' {shorten(safe_id(doc_id), 40)!r} has control characters or only spaces; the file's id is used")
        doc_id = None
    article = Article(
        id=doc_id or default_id,
        path="",
        text=text,
        body_start=body_start,
        title=_one_line(fields["title"]),
        source=_one_line(fields["source"]),
        url=_one_line(fields["url"]),
    )
    lang = fields["lang"]
    if lang and lang.lower()[:2] in SUPPORTED_LANGS:
        article.lang = lang.lower()[:2]
    else:
        if lang:
            notes.append(f"language {shorten(lang, 40)!r} is not supported (de, en); detected instead")
        article.lang = detect_language(text[body_start:])
        article.lang_detected = True
    raw_date = meta.get("date") if isinstance(meta.get("date"), (dt.date, dt.datetime)) else fields["date"]
    if raw_date is not None:
        try:
            article.published = parse_metadata_date(raw_date)
            article.published_from = "front matter"
        except (ValueError, OverflowError) as exc:
            reason = shorten(str(exc), 80)
            notes.append(f"front-matter date {shorten(str(raw_date), 40)!r} not understood ({reason}); publication date unknown")
    if article.published is None:
        found = publication_date_in_header(text, body_start)
        if found:
            article.published, article.published_from, start, end = found
            article.dateline = (start, end)
    return article


def metadata_value(meta: dict[str, Any], key: str, limits: Limits, notes: list[str]) -> Optional[str]:
    """One metadata value as text; a list, a mapping or an over-long value is a note and is ignored."""
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list, tuple, set, bytes)):
        notes.append(f"metadata {key!r} is not a single value; ignored")
        return None
    try:
        text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    except ValueError as exc:  # an integer too long to print
        notes.append(f"metadata {key!r} cannot be read ({shorten(str(exc), 80)}); ignored")
        return None
    text = without_surrogates(text)[0]
    if len(text) > limits.max_metadata_chars:
        notes.append(
            f"metadata {key!r} is {len(text):,} characters long, over the {describe('max_metadata_chars', limits.max_metadata_chars)}; ignored"
        )
        return None
    return text


def _one_line(value: Optional[str]) -> Optional[str]:
    return None if value is None else _CONTROL.sub(" ", value)


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
    if len(text) > 40:
        raise ValueError("too long for a date")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(m[1]), int(m[2])
        start = dt.date(year, month, 1)
        end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        return DateValue(start=start, end=end, granularity=Granularity.month)
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?", text):
        dt.time.fromisoformat(m[2])  # 25:99 is no time
        day = dt.date.fromisoformat(m[1])
        return DateValue(start=day, end=day, granularity=Granularity.time, time=m[2])
    day = dt.date.fromisoformat(text)
    return DateValue(start=day, end=day, granularity=Granularity.day)


def _str_or_none(value: Any) -> Optional[str]:
    return None if value is None else str(value)
