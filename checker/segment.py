"""Segment stage: article text -> sentences with true offsets, boilerplate left out.

Splitting is rule-based: sentence-final punctuation followed by a capital, digit or quote,
except after abbreviations, initials, and ordinal numbers ("am 13. Oktober", "(17. Oktober)"),
which are the common failure of general-purpose splitters on German news.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.models import Article, Sentence
from checker.resources import load_data

_CLOSERS = "\"'”“»«’)]"
_OPENERS = "\"'„“‚‘«»([¿¡"
# Possessive runs, and a run is tried only from its first character: linear on any line
# ("......" or a long run of spaces cost one pass, not one pass per character).
_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++[" + re.escape(_CLOSERS) + r"]*+(?=\s++[" + re.escape(_OPENERS) + r"]*+[\w])"
)
_LOOK_BACK = 200  # characters searched for the word before a full stop: no abbreviation is longer
_WORD_CHAR = re.compile(r"[\w.\-]")
_NEXT_WORD = re.compile(r"\s+[" + re.escape(_OPENERS) + r"]*([\w\-]+)")
_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_data("segment.yaml")
    abbreviations = {a.lower().rstrip(".") for lang in data["abbreviations"].values() for a in lang}
    return {
        "abbreviations": abbreviations,
        "ordinal_lead": {w.lower() for w in data["ordinal_lead_words"]},
        "ordinal_next": {w.lower() for w in data["months"]},
        "boilerplate": [re.compile(p, re.I) for p in data["boilerplate"]],
        "trailing": [re.compile(p, re.I) for p in data["trailing_credits"]],
    }


def segment(article: Article) -> list[Sentence]:
    text = article.text
    sentences: list[Sentence] = []
    seen: set[str] = set()
    for paragraph_index, match in enumerate(_PARAGRAPH.finditer(text, article.body_start)):
        for start, end in _without(match.start(), match.end(), article.dateline):
            last = _trim(text, start, end)[1]  # where the span's text ends: a sentence ending there stands alone
            for s_start, s_end in split_sentences(text, start, end):
                s_start, s_end = _trim(text, s_start, s_end)
                if s_end <= s_start or is_boilerplate(text[s_start:s_end]):
                    continue
                s_end = _cut_trailing_credit(text, s_start, s_end)
                key = _normalise(text[s_start:s_end])
                if not key or key in seen:  # repeated captions and teasers
                    continue
                seen.add(key)
                sentence_text = text[s_start:s_end]
                heading = _looks_like_heading(sentence_text, s_end >= last)
                sentences.append(
                    Sentence(doc=article.id, index=len(sentences), start=s_start, end=s_end,
                             text=sentence_text, paragraph=paragraph_index, heading=heading)
                )
    return sentences


def _without(start: int, end: int, cut: tuple[int, int] | None) -> list[tuple[int, int]]:
    if not cut or cut[1] <= start or cut[0] >= end:
        return [(start, end)]
    return [(a, b) for a, b in ((start, cut[0]), (cut[1], end)) if b > a]


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for boundary in _BOUNDARY.finditer(text, start, end):
        if _is_false_boundary(text, cursor, boundary.start(), boundary.end()):
            continue
        spans.append((cursor, boundary.end()))
        cursor = boundary.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


def _is_false_boundary(text: str, sentence_start: int, punct_start: int, punct_end: int) -> bool:
    if text[punct_start] != ".":
        return False
    rules = _rules()
    before = _word_before(text, max(sentence_start, punct_start - _LOOK_BACK), punct_start)
    if not before:
        return False
    word_start, word = before
    next_match = _NEXT_WORD.match(text, punct_end)
    next_word = next_match.group(1) if next_match else ""
    if word.lower().rstrip(".") in rules["abbreviations"] or re.fullmatch(r"(?:\w\.)+\w?", word):
        return True
    if re.fullmatch(r"[A-Za-zÄÖÜäöü]", word):  # an initial ("John F. Kennedy") or "z. B."
        return True
    if re.fullmatch(r"\d{1,3}", word):
        if next_word.lower() in rules["ordinal_next"] or next_word[:1].islower():
            return True
        preceding = text[max(sentence_start, word_start - _LOOK_BACK) : word_start].split()
        lead = preceding[-1].lower().strip("(") if preceding else ""
        return lead in rules["ordinal_lead"] or text[word_start - 1 : word_start] == "("
    return False


def _word_before(text: str, low: int, high: int) -> tuple[int, str] | None:
    """The word ([\\w.-]+) that ends `text[low:high]`, spaces after it allowed, with its start; read
    backwards, so the cost is the word's length, not the sentence's."""
    end = high
    while end > low and text[end - 1].isspace():
        end -= 1
    start = end
    while start > low and _WORD_CHAR.match(text, start - 1):
        start -= 1
    return (start, text[start:end]) if start < end else None


def is_boilerplate(sentence: str) -> bool:
    return any(p.search(sentence) for p in _rules()["boilerplate"])


def _cut_trailing_credit(text: str, start: int, end: int) -> int:
    # A credit holds no sentence-final mark: search only after the sentence's last one (linear).
    after = max(text.rfind(mark, start, end) for mark in ".!?") + 1
    for pattern in _rules()["trailing"]:
        m = pattern.search(text, max(start, after), end)
        if m and m.start() > start:
            end = m.start()
    return _trim(text, start, end)[1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _normalise(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence).strip().lower()


def _looks_like_heading(sentence: str, alone: bool) -> bool:
    return alone and not re.search(r"[.!?…\"“”»«]$", sentence) and len(sentence.split()) <= 16
