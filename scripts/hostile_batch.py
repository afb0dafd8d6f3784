"""A generator of hostile batches: good articles mixed with bad and odd files of every kind that
issue 13 lists, plus a mutator of good articles for the fuzzer (scripts/fuzz.py).

    .venv/bin/python scripts/hostile_batch.py OUT [--bad 320] [--seed 1]

writes OUT/ (the batch) and OUT.expected.json: the good article ids that must be checked and the
bad paths that must be named in the report's problems. All article text here is invented.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from checker.ingest import shown  # noqa: E402
from hostile import PAYLOADS, TERMINAL  # noqa: E402  (tests/hostile.py: the markup and escapes)

# --------------------------------------------------------------------------- good articles (invented)

GOOD = [
    ("de", "Fähre vor Halmstede auf Grund gelaufen",
     "Vor Halmstede ist am Sonntagabend eine Autofähre auf eine Sandbank gelaufen. Nach Angaben der Wasserschutzpolizei "
     "waren mehr als {n} Passagiere an Bord. Verletzt wurde niemand.\n\nDie Reederei Nordsund teilte mit, die Fähre sei erst "
     "vor drei Jahren modernisiert worden. Die Verbindung zwischen Halmstede und Ostbrück bleibt eingeschränkt.\n"),
    ("de", "Brand in Lagerhalle in Kesselbach",
     "In Kesselbach ist am Dienstag eine Lagerhalle abgebrannt. Die Feuerwehr war mit {n} Einsatzkräften vor Ort. "
     "Bürgermeisterin Anna Lindqvist sprach von einem Schaden in Millionenhöhe.\n\nZwei Feuerwehrleute wurden leicht verletzt. "
     "Die Polizei ermittelt zur Brandursache.\n"),
    ("en", "Bridge closed after crack found in Marlow Ferry",
     "The Eastgate bridge in Marlow Ferry was closed on Monday after engineers found a crack in a main girder. "
     "About {n} vehicles cross it every day, the county council said.\n\nCouncil leader Priya Handley said repairs "
     "would take at least six weeks. A diversion via Northmere adds 20 minutes.\n"),
    ("en", "Power cut hits Wexcombe",
     "A power cut left {n} homes in Wexcombe without electricity on Friday night. The network operator Brightline said "
     "a cable fault near the harbour caused the outage.\n\nSupply was restored to most homes by Saturday morning, "
     "spokesman Tom Arkwright said.\n"),
]


def good_article(index: int, rng: random.Random, figure: int | None = None) -> tuple[str, str]:
    lang, title, body = GOOD[index % len(GOOD)]
    n = figure if figure is not None else rng.choice([120, 150, 200, 250])
    doc = f"good-{index:03d}"
    text = f"---\nid: {doc}\nsource: Blatt {index}\ndate: 2025-06-0{1 + index % 9}\nlang: {lang}\ntitle: {title}\n---\n{title}\n\n"
    return doc, text + body.format(n=n)


# --------------------------------------------------------------------------- bad and odd files

Writer = Callable[[Path, random.Random], None]


def _front(meta: str, body: str = "Ein erfundener Satz über drei Verletzte in Halmstede.\n") -> str:
    return f"---\n{meta}\n---\n{body}"


def _alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    names = "abcdefghijklmnop"
    for i, name in enumerate(names[1:], 1):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{names[i - 1]}"] * 9) + "]")
    return "\n".join(lines) + "\ntitle: *p"


BYTES: dict[str, Callable[[random.Random], bytes]] = {
    "empty.txt": lambda r: b"",
    "blank.txt": lambda r: b" \n\t\n",
    "random.txt": lambda r: bytes(r.getrandbits(8) for _ in range(r.randint(200, 3000))),
    "png.txt": lambda r: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    "late-nul.txt": lambda r: ("Ein Satz. " * 600).encode() + b"\x00" + b"Rest.",
    "utf16-nobom.txt": lambda r: "Drei Verletzte in Halmstede.".encode("utf-16-le"),
    "utf16-bad.txt": lambda r: codecs.BOM_UTF16_LE + b"\x00\xd8\x41",
    "utf32-bad.txt": lambda r: codecs.BOM_UTF32_LE + b"\xff\xff\xff\xff",
    "only-front.md": lambda r: b"---\nid: x\n---\n",
    "nul-in-utf16.txt": lambda r: codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"),
    "deep.json": lambda r: b"[" * r.choice([100, 10_000, 200_000]) + b"]" * 10,
    "deep-object.json": lambda r: b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "broken.json": lambda r: b'{"text": "Ein Satz",',
    "notext.json": lambda r: b'{"title": "ohne Text"}',
    "number.json": lambda r: b"42",
    "list-text.json": lambda r: b'{"text": ["a", "b"]}',
    "too-many.jsonl": lambda r: b"\n".join(json.dumps({"text": f"Satz {i} über Halmstede."}).encode() for i in range(520)),
    "bad-lines.jsonl": lambda r: b"{not json\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n" + b'{"text": ""}\n',
    "huge-line.txt": lambda r: b"Wort " * 7_000,
    "huge-file.txt": lambda r: b"Ein Satz ohne Ende und ohne Punkt " * 320_000,
    "not-an-article.csv": lambda r: b"a,b\n1,2\n",
    "image.png": lambda r: b"\x89PNG\r\n\x1a\n",
}

TEXTS: dict[str, Callable[[random.Random], str]] = {
    "malformed-front.md": lambda r: _front("title: [unclosed"),
    "alias-bomb.md": lambda r: _front(_alias_bomb()),
    "deep-front.md": lambda r: _front("title: " + "[" * 3000 + "]" * 3000),
    "date-impossible.md": lambda r: _front(f"date: {r.choice(['2023-02-31', '0000-00-00', '2023-13', '9999-12', '2024-01-05T25:99'])}"),
    "date-tagged.md": lambda r: _front("date: !!timestamp 2023-02-31"),
    "date-weird.md": lambda r: _front(f"date: {r.choice(['[2024, 1]', '{y: 2024}', '1e9999', 'null', '2024-06-01T12:00:00.123456Z'])}"),
    "meta-types.md": lambda r: _front("id: [a, b]\ntitle: {x: 1}\nsource: 12\nlang: 99\n1: one\nnull: ~"),
    "meta-long.md": lambda r: _front(f"title: {'x' * 5000}\nurl: {'y' * 5000}"),
    "meta-bigint.md": lambda r: _front(f"id: {'9' * 5000}"),
    "meta-binary.md": lambda r: _front("title: !!binary aGVsbG8=\nsource: !!binary ###"),
    "meta-set.md": lambda r: _front("title: !!set {a, b}"),
    "never-closed.md": lambda r: "---\nid: offen\nEin Text ohne Ende der Kopfzeilen.\n",
    "front-not-mapping.md": lambda r: _front("- a\n- b"),
    "unknown-keys.md": lambda r: _front("\n".join(f"key{i}: {i}" for i in range(200))),
    "id-newline.json": lambda r: json.dumps({"id": "x\n::error::forged", "text": "Drei Verletzte in Halmstede."}),
    "id-control.json": lambda r: json.dumps({"id": "\x1b[2J\x1b]0;title\x07", "title": "\u202eevil", "text": "Drei Verletzte."}),
    "record-nul.json": lambda r: json.dumps({"text": "Drei\x00Verletzte."}),
    "records-mixed.json": lambda r: json.dumps([{"text": "Satz eins."}, 5, None, {"text": {"nested": 1}}, {"text": "  "}]),
    "duplicate-id.md": lambda r: _front("id: good-000"),
    "double-space.txt": lambda r: "Der Bürgermeister  Hans  Berger sprach in  Halmstede von drei Verletzten.\n",
    "tab-names.txt": lambda r: "Die Ministerin\tAnna\tLindqvist besuchte\tKesselbach.\n",
    "one-line-long.txt": lambda r: "Am 13. Oktober sprach Dr. Berg in Halmstede " * 500 + ".",
    "dots.txt": lambda r: "Anfang" + "." * 50_000 + " Ende.",
    "spaces.txt": lambda r: "Anfang." + " " * 100_000 + "Ende.",
    "crlf-only.txt": lambda r: "\r\n" * 1000 + "Drei Verletzte.\r\n",
    "zero-width.txt": lambda r: "\u200b" * 1000 + "Drei\u200bVerletzte\u200bin\u200bHalmstede.",
    "surrogates.json": lambda r: '{"text": "Drei \\ud800 Verletzte."}',
    "emoji.txt": lambda r: "😀" * 2000 + " Drei Verletzte in Halmstede. " + "👍🏽" * 500,
    "numbers.txt": lambda r: " ".join(str(r.randint(0, 10**12)) for _ in range(3000)) + ".",
    "markup.md": lambda r: "\n\n".join(f"Drei Verletzte {p} in Halmstede." for p in PAYLOADS),
    "escapes.txt": lambda r: "\n\n".join(f"Vier Verletzte {t} in Halmstede." for t in TERMINAL),
}


def _latin1(r: random.Random) -> bytes:
    return "Die Brücke in Kesselbach ist gesperrt, sagte Bürgermeisterin Lindqvist.\n".encode("cp1252")


def _mixed(r: random.Random) -> bytes:
    return ("Größere Schäden gab es in Halmstede.\n".encode() + "Köln meldet Schäden.\n".encode("cp1252")
            + "Die Straße bleibt gesperrt.\n".encode())


def _bom(codec: str, bom: bytes) -> Callable[[random.Random], bytes]:
    return lambda r: bom + "Die Feuerwehr meldete drei Verletzte in Kesselbach.\n".encode(codec)


ENCODED: dict[str, Callable[[random.Random], bytes]] = {
    "latin1.txt": _latin1,
    "mixed.txt": _mixed,
    "utf16le.txt": _bom("utf-16-le", codecs.BOM_UTF16_LE),
    "utf16be.txt": _bom("utf-16-be", codecs.BOM_UTF16_BE),
    "utf32le.txt": _bom("utf-32-le", codecs.BOM_UTF32_LE),
    "utf8bom.txt": _bom("utf-8", codecs.BOM_UTF8),
}


def _special(folder: Path, index: int, outside: Path) -> list[Path]:
    """Symbolic links (out of the batch, loops, dangling, to a folder), a FIFO: entries, not files."""
    made = []
    links = {
        f"link-out-{index}.txt": outside,
        f"link-loop-{index}": folder,
        f"link-dangling-{index}.txt": folder / "missing.txt",
        f"link-self-{index}.txt": folder / f"link-self-{index}.txt",
    }
    for name, target in links.items():
        os.symlink(target, folder / name)
        made.append(folder / name)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / f"fifo-{index}.txt")
        made.append(folder / f"fifo-{index}.txt")
    return made


def generate(out: Path, bad: int = 320, seed: int = 1, good: int = 7, core_crashes: bool = True) -> dict:
    """Write a hostile batch into `out` (created); return what a check must do with it.
    `core_crashes=False` leaves out the kinds that crash the decision core (CORE_CRASHES)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=False)
    outside = out.parent / f"{out.name}-outside-secret.txt"
    outside.write_text("Ein Satz von ausserhalb des Stapels, der nie im Bericht stehen darf.\n", encoding="utf-8")
    good_ids = []
    for i in range(good):
        doc, text = good_article(i, rng)
        (out / f"{doc}.md").write_text(text, encoding="utf-8")
        good_ids.append(doc)
    kinds: list[tuple[str, Callable[[random.Random], bytes]]] = list(BYTES.items()) + list(ENCODED.items())
    kinds += [(name, (lambda make: lambda r: make(r).encode("utf-8", "surrogatepass"))(make)) for name, make in TEXTS.items()]
    if not core_crashes:
        kinds = [(name, make) for name, make in kinds if name not in CORE_CRASHES]
    bad_paths: list[str] = []
    readable: list[str] = []  # odd files that are read (with a warning or not): not bad, but must not crash
    i = 0
    while len(bad_paths) + len(readable) < bad:
        name, make = kinds[i % len(kinds)]
        if name in ONCE and i >= len(kinds):
            i += 1
            continue
        stem, dot, ext = name.rpartition(".")
        path = out / "odd" / f"{stem}-{i:03d}.{ext}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(make(rng))
        (readable if name in READABLE else bad_paths).append(str(path))
        i += 1
        if i % 40 == 0:
            bad_paths += [str(p) for p in _special(out / "odd", i, outside)]
    (out / "odd" / ".hidden").mkdir()
    (out / "odd" / ".hidden" / "notes.txt").write_text("Ein versteckter Satz.\n", encoding="utf-8")
    bad_paths.append(str(out / "odd" / ".hidden"))
    (out / "odd" / "weird\nname.txt").write_text("Drei Verletzte in Halmstede, sagte die Polizei.\n", encoding="utf-8")
    readable.append(str(out / "odd" / "weird\nname.txt"))
    latin_name = os.fsencode(out / "odd") + b"/caf\xe9-\x1b[2J.txt"  # a file name that is not UTF-8
    with open(latin_name, "wb") as handle:
        handle.write("Vier Verletzte in Halmstede, sagte die Feuerwehr.\n".encode())
    readable.append(shown(os.fsdecode(latin_name)))
    base = shown(out) + "/"
    return {
        "name": out.name, "good": good_ids, "outside_text": "ausserhalb des Stapels",
        "bad": [p.removeprefix(base) for p in bad_paths], "readable": [p.removeprefix(base) for p in readable],
    }


# Crash the decision core (rules/names.py, "substring not found"): tests/test_core_crashes.py.
CORE_CRASHES = {"double-space.txt", "tab-names.txt"}

# Costly to write or to read (500 articles; 11 MB): once per batch.
ONCE = {"too-many.jsonl", "huge-file.txt"}

# Odd files that are still read, with or without a warning: they need no problem, only no crash.
READABLE = {
    "latin1.txt", "mixed.txt", "utf16le.txt", "utf16be.txt", "utf32le.txt", "utf8bom.txt", "malformed-front.md",
    "alias-bomb.md", "deep-front.md", "date-impossible.md", "date-tagged.md", "date-weird.md", "meta-types.md",
    "meta-long.md", "meta-bigint.md", "meta-binary.md", "meta-set.md", "never-closed.md", "front-not-mapping.md",
    "unknown-keys.md", "id-newline.json", "id-control.json", "records-mixed.json", "double-space.txt", "tab-names.txt",
    "one-line-long.txt", "dots.txt", "spaces.txt", "crlf-only.txt", "zero-width.txt", "surrogates.json", "emoji.txt",
    "numbers.txt", "markup.md", "escapes.txt", "too-many.jsonl", "bad-lines.jsonl",
}


# --------------------------------------------------------------------------- mutations for the fuzzer

def mutate(text: str, rng: random.Random) -> str:
    """One to four random edits of an article: hostile snippets, controls, whitespace, truncation,
    repetition, front-matter damage, random characters."""
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(12)
        at = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:at] + rng.choice(PAYLOADS + TERMINAL) + text[at:]
        elif op == 1:
            text = text[:at] + rng.choice(["  ", "\t", "\u00a0", "\u200b", "\r", "\n\n", "\x0c", "\u2028"]) + text[at:]
        elif op == 2:
            text = text[:at]
        elif op == 3:
            lines = text.splitlines(keepends=True)
            if lines:
                line = rng.choice(lines)
                text = text + line * rng.randint(2, 50)
        elif op == 4:
            text = text.replace("---\n", rng.choice(["--\n", "---\n---\n", "--- \n", "---\ntitle: [\n"]), 1)
        elif op == 5:
            text = text[:at] + "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 40))) + text[at:]
        elif op == 6:
            text = text[:at] + rng.choice([" 13. ", " Dr. ", " z. B. ", " ca. ", "...", " (17. Oktober) ", " 1.000.000 ", " 3,5 % "]) + text[at:]
        elif op == 7:
            text = text.replace(" ", "  ", rng.randint(1, 20))
        elif op == 8:
            text = text[:at] + rng.choice(["date: 2023-02-31\n", "id: \"a\\nb\"\n", "title: *x\n", "lang: xx\n"]) + text[at:]
        elif op == 9:
            words = text.split(" ")
            rng.shuffle(words)
            text = " ".join(words)
        elif op == 10:
            text = text[:at] + (" " + rng.choice(["Anna Lindqvist", "Priya Handley", "Halmstede", "Kesselbach"])) * rng.randint(1, 30) + text[at:]
        else:
            text = text.upper() if rng.random() < 0.5 else text.lower()
    return text


def verify(report: dict, expected: dict, outputs: dict[str, str] | None = None) -> list[str]:
    """What a check of a generated batch got wrong: a good article not checked, a bad entry not
    named as skipped, text from outside the batch in an output, a report over 10 MB."""
    failures = []
    checked = {a["id"] for a in report["articles"]}
    failures += [f"good article {doc} not checked" for doc in expected["good"] if doc not in checked]
    marker = expected["name"] + "/"
    skipped = {p["path"].rpartition(marker)[2] for p in report["problems"] if p["skipped"]}
    failures += [f"bad entry not named: {path!r}" for path in expected["bad"] if path not in skipped]
    for name, text in (outputs or {}).items():
        if expected["outside_text"] in text:
            failures.append(f"{name}: quotes a file outside the batch")
        if len(text.encode("utf-8")) > 10_000_000:
            failures.append(f"{name}: over 10 MB")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--bad", type=int, default=320)
    parser.add_argument("--good", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--without-core-crashes", action="store_true", help=f"leave out {', '.join(sorted(CORE_CRASHES))}")
    args = parser.parse_args()
    expected = generate(args.out, args.bad, args.seed, args.good, core_crashes=not args.without_core_crashes)
    Path(f"{args.out}.expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"{args.out}: {len(expected['good'])} good articles, {len(expected['bad'])} bad entries, "
          f"{len(expected['readable'])} odd but readable files")


if __name__ == "__main__":
    main()
