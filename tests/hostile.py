"""Hostile text for the output tests and the fuzzer: markup that would run if any output let it through.

Every payload, once it runs, marks the page: `document.body` gets the attribute data-pwned, so a
browser test needs only read the DOM after load.
"""

from __future__ import annotations

MARK = "document.body.setAttribute('data-pwned','1')"

PAYLOADS = [
    f"<script>{MARK}</script>",
    f"<img src=x onerror=\"{MARK}\">",
    f"<svg onload=\"{MARK}\"></svg>",
    f"<a href=\"javascript:{MARK}\">klick</a>",
    f"[klick](javascript:{MARK})",
    "![pixel](https://tracker.invalid/p.gif)",
    f"<iframe srcdoc=\"<script>parent.{MARK}</script>\"></iframe>",
    f"<details open ontoggle=\"{MARK}\">",
    "`code` **bold** | pipe | <b>bold</b> &lt;script&gt;",
]
TERMINAL = [
    "\x1b[2J\x1b[31mrot\x1b[0m",  # clear screen, colour
    "\x1b]0;title\x07",  # OSC: window title
    "\x1b]8;;https://tracker.invalid\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "zeile\r\n::error file=x::forged\n::set-output name=x::y\n::stop-commands::token",
    "\u202egnp.exe",  # right-to-left override
]
