"""Untrusted text (article words, ids, titles, file names) made safe for each output.

Nothing from an article may start a new output line (a GitHub workflow command such as
``::error::`` runs only at a line's start), move the terminal's cursor or change its state
(ANSI/OSC escapes), reorder what is shown (bidirectional overrides), or become markup in a
Markdown report once rendered (raw HTML, images, links).
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

# C0 and C1 controls (newlines and ESC among them), DEL, line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates ("Trojan source"), and a stray byte-order mark.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": " "}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """The text on one line with every control character written as a visible escape (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(_visible, str(text))


def controls_visible(text: object, keep: str = "") -> str:
    """Like `one_line`, but the characters in `keep` (say CR and LF, for a format that escapes them itself) stay."""
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _visible(m), str(text))


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def terminal(text: object, limit: int | None = None) -> str:
    """For a terminal line: one line, controls visible, optionally shortened."""
    safe = one_line(text)
    return shorten(safe, limit) if limit else safe


def use_color(stream: TextIO = sys.stdout) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM is dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


_SEVERITY_COLOR = {"error": "31", "warning": "33", "info": "36"}


def severity_label(severity: str, color: bool) -> str:
    label = f"{severity:7}"
    return f"\x1b[{_SEVERITY_COLOR[severity]}m{label}\x1b[0m" if color and severity in _SEVERITY_COLOR else label


# Markdown: characters that CommonMark or GitHub-flavoured Markdown give a meaning to inline.
_MD_ACTIVE = re.compile(r"([\\`*_\[\]{}()#+!|~<>&])")
_MD_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def markdown(text: object) -> str:
    """Text for a Markdown line: one line, every active character escaped; ``<``, ``>`` and ``&`` as
    entities, so no raw HTML, no image, no link can come from it."""
    return _MD_ACTIVE.sub(lambda m: _MD_ENTITY.get(m.group(1), "\\" + m.group(1)), one_line(text))


def markdown_code(text: object, in_table: bool = False) -> str:
    """An inline code span that no backtick in the text can close early (CommonMark: a longer fence)."""
    safe = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", safe)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if safe.startswith("`") or safe.endswith("`") or not safe.strip() else ""
    if in_table:  # in a table cell a pipe ends the cell even inside a code span (GFM) unless escaped
        safe = safe.replace("|", "\\|")
    return f"{fence}{pad}{safe}{pad}{fence}"
