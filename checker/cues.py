"""Text cues the frames stage reads once per claim: event classes, look-backs, forecasts, place roles, shared wording."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterator, Optional

from checker.extract.dates import CLAUSE_BREAK
from checker.language import function_words
from checker.models import Claim, DateValue, Mention
from checker.resources import load_data

_WORD = re.compile(r"\w+")


def date_bounds(value: Optional[DateValue]) -> Optional[tuple[dt.date, dt.date]]:
    if value is None or not value.resolved or value.start is None:
        return None
    return value.start, value.end or value.start


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def resolved_dates(claim: Claim) -> list[tuple[dt.date, dt.date]]:
    return [b for m in claim.of_kind("date") if (b := date_bounds(m.value))]


def different_events(a: Claim, b: Claim) -> bool:
    """Claims whose resolved dates cannot overlap report different events; so does a look back
    ("damals", "back then") beside a claim that does not look back."""
    da, db = resolved_dates(a), resolved_dates(b)
    if da and db:
        return dates_apart(da, db)
    return looks_back(a) != looks_back(b)


def dates_apart(da: list[tuple[dt.date, dt.date]], db: list[tuple[dt.date, dt.date]]) -> bool:
    """No date of one list can overlap one of the other."""
    return not any(_overlap(x, y) for x in da for y in db)


def looks_back(claim: Claim) -> bool:
    return _looks_back(claim.sentence.text)


@lru_cache(maxsize=4096)
def _looks_back(text: str) -> bool:
    return bool(_retrospective().search(text))


@lru_cache(maxsize=1)
def _retrospective() -> re.Pattern:
    return literal_alternation(_events()["retrospective"])


def literal_alternation(phrases: list[str], whole_words: bool = True) -> re.Pattern:
    """One case-insensitive pattern for a word list from the data files, longest phrase first;
    `whole_words=False` lets a phrase start a longer word ("erwart" in "erwartet")."""
    if not phrases:
        return re.compile(r"(?!)")  # an empty alternation would match everywhere
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{alternatives})" + (r"(?!\w)" if whole_words else r"\w*"))


@lru_cache(maxsize=1)
def _events() -> dict:
    return load_data("events.yaml")


def _text_outside_names(claim: Claim) -> str:
    """The sentence with its person, organisation and place names blanked: "Brandt" must not read as "Brand".

    Blanks keep the length, so offsets into the sentence still hold."""
    text, start = claim.sentence.text, claim.sentence.start
    for mention in claim.mentions:
        if mention.kind in ("person", "org", "place"):
            lo, hi = mention.start - start, mention.end - start
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def _stem_patterns(classes: dict[str, list[str]]) -> dict[str, tuple[re.Pattern, list[list[re.Pattern]]]]:
    """Per class, one regex of word-initial stems, plus the "a+b" stems as groups that must all match."""
    def stem_re(stems: list[str]) -> re.Pattern:
        # "met$": the whole word only, so that "met" does not start "Meter" or "metal"
        alternatives = (re.escape(s[:-1]) + r"(?!\w)" if s.endswith("$") else re.escape(s)
                        for s in sorted(stems, key=len, reverse=True))
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")" if stems else r"(?!)")

    patterns = {}
    for name, stems in classes.items():
        single = [s for s in stems if "+" not in s]
        joined = [[stem_re([part]) for part in s.split("+")] for s in stems if "+" in s]
        patterns[name] = (stem_re(single), joined)
    return patterns


@lru_cache(maxsize=2)
def _event_patterns(section: str = "classes") -> dict[str, tuple[re.Pattern, list[list[re.Pattern]]]]:
    """Event classes, or the phases (moments) of an event."""
    return _stem_patterns(_events()[section])


@lru_cache(maxsize=1)
def _dated_event_patterns() -> dict[str, tuple[re.Pattern, list[list[re.Pattern]]]]:
    return _stem_patterns({name: spec["words"] for name, spec in _events()["dated_events"].items()})


def identified_by(happening: str) -> list[str]:
    """What makes two claims one happening of this kind (events.yaml, `dated_events`)."""
    return _events()["dated_events"][happening]["identified_by"]


def dated_happenings(claim: Claim) -> list[tuple[str, Mention]]:
    """The once-only happenings a claim dates, each with a date of its own clause.

    "authorities on Thursday confirmed a death in the fire, which ignited on Monday" dates the ignition
    Monday, not Thursday: a happening takes only the dates of its clause. Commas inside a date
    ("on Tuesday, August 11") do not end a clause."""
    dates = claim.of_kind("date")
    if not dates:
        return []
    start = claim.sentence.start
    text = _text_outside_names(claim).lower()
    found = []
    for lo, hi in _date_clauses(claim, text):
        in_clause = [m for m in dates if lo <= m.start - start < hi]
        clause = text[lo:hi]
        for name, (single, joined) in _dated_event_patterns().items():
            if in_clause and (single.search(clause) or any(all(p.search(clause) for p in group) for group in joined)):
                found.extend((name, m) for m in in_clause)
    return found


def _date_clauses(claim: Claim, text: str) -> list[tuple[int, int]]:
    """The claim's clauses as offsets into its sentence; commas inside a date end none."""
    start = claim.sentence.start
    inside_dates = [(m.start - start, m.end - start) for m in claim.of_kind("date")]
    breaks = [b.start() for b in CLAUSE_BREAK.finditer(text) if not any(lo <= b.start() < hi for lo, hi in inside_dates)]
    return list(zip([0] + breaks, breaks + [len(text)]))


@lru_cache(maxsize=1)
def _thing_patterns() -> dict[str, re.Pattern]:
    return {
        name: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(\w{0,2})(?!\w)")
        for name, words in _events()["thing_concepts"].items()
    }


def _story_thing_words(claim: Claim) -> Iterator[tuple[str, int]]:
    """(concept, offset in the sentence) of each word naming the story's own thing."""
    if looks_back(claim):
        return
    text = _text_outside_names(claim).lower()
    other = frozenset(_events()["other_instance"])
    modifiers = frozenset(_events()["thing_modifiers"])
    for name, pattern in _thing_patterns().items():
        for word in pattern.finditer(text):
            if not other & set(_WORD.findall(text[: word.start()])[-2:]) \
                    and not modifiers & set(_WORD.findall(text[word.end():])[:1]):
                yield name, word.start()


def event_things(claim: Claim) -> set[str]:
    """The concepts of what happened ("das Feuer", "the blaze": fire), as the story's own.

    Not one introduced as another ("a second fire", "ein Brand", "a previous fire"), and none in a
    claim that looks back ("damals")."""
    return {name for name, _ in _story_thing_words(claim)}


@lru_cache(maxsize=1)
def _plural_res() -> dict[str, re.Pattern]:
    return {name: literal_alternation(words) for name, words in _events()["thing_plurals"].items()}


def several_things(claim: Claim) -> set[str]:
    """Thing concepts the claim speaks of in the plural as the story's: "die beiden Brände", "the fires",
    a headline's "wildfires"; not a superlative ("one of the worst fires") nor a look back."""
    if looks_back(claim):
        return set()
    text = _text_outside_names(claim).lower()
    several = set(_events()["several_before"])
    superlative = literal_alternation(_events()["superlative_before"])
    found = set()
    for name, pattern in _plural_res().items():
        for word in pattern.finditer(text):
            before = _WORD.findall(text[: word.start()])
            if superlative.search(" ".join(before[-4:])):
                continue
            if claim.sentence.heading or several & set(before[-2:]):
                found.add(name)
    return found


@lru_cache(maxsize=1)
def _comparison_re() -> re.Pattern:
    return literal_alternation(_events()["comparison_cues"])


def in_comparison(claim: Claim, mention: Mention) -> bool:
    """The mention stands in a comparison, between its cue and the end of the clause: "stürzte in X ein,
    ähnlich wie 2018 in Genua", "collapsed like the bridge in Genoa"."""
    text, at = claim.sentence.text, mention.start - claim.sentence.start
    cue = max((m.end() for m in _comparison_re().finditer(text, 0, at)), default=None)
    return cue is not None and not any(cue <= b.start() < at for b in CLAUSE_BREAK.finditer(text))


@lru_cache(maxsize=65536)
def _classes_of_text(text: str, section: str = "classes") -> frozenset[str]:
    text = text.lower()
    return frozenset(
        name
        for name, (single, joined) in _event_patterns(section).items()
        if single.search(text) or any(all(p.search(text) for p in group) for group in joined)
    )


def event_classes(claim: Claim) -> frozenset[str]:
    return _classes_of_text(_text_outside_names(claim))


def event_phases(claim: Claim) -> frozenset[str]:
    """Which moments of an event the claim names: the alarm, the start, the arrival of rescuers, ..."""
    return _classes_of_text(_text_outside_names(claim), "phases")


@lru_cache(maxsize=1)
def _continuing_re() -> re.Pattern:
    return literal_alternation(_events()["continuing_cues"])


def continuing(claim: Claim) -> bool:
    """A state that lasted ("brannte noch immer"), true at many times, not a moment."""
    return bool(_continuing_re().search(claim.sentence.text))


def content_stems(claim: Claim) -> set[str]:
    """Content words outside names, cut to five letters so "liefert"/"Lieferungen" meet; cue words excluded.

    Names are left out: the same person appears in every sentence about them, whatever the event.
    """
    return _stems(claim, _text_outside_names(claim).lower())


def _stems(claim: Claim, text: str) -> set[str]:
    skip = function_words() | {c.lower() for c in claim.cues}
    return {_stem(w) for w in _WORD.findall(text) if len(w) > 3 and w not in skip and not w.isdigit()}


def _stem(word: str) -> str:
    """Five letters, after the German participle prefix: "geliefert" meets "liefert"."""
    return (word[2:] if word.startswith("ge") and len(word) >= 7 else word)[:5]


@lru_cache(maxsize=1)
def _forecast_re() -> re.Pattern:
    return literal_alternation(_events()["forecast_cues"], whole_words=False)


def has_forecast_cue(claim: Claim) -> bool:
    return bool(_forecast_re().search(_text_outside_names(claim).lower()))


def planned_classes(claim: Claim) -> frozenset[str]:
    return event_classes(claim) & frozenset(_events()["planned_classes"])


@lru_cache(maxsize=1)
def _event_word_patterns() -> dict[str, re.Pattern]:
    """Per class, its single stems extended to the whole word ("abgeschlossen" -> "abgeschlossenen")."""
    return {name: re.compile(single.pattern + r"\w*") for name, (single, _) in _event_patterns().items()}


def content_concepts(claim: Claim) -> set[str]:
    """Content words outside names and dates, each word of an event class standing for its class.

    "Der Abschluss der Übernahme" and "der Kauf ... abgeschlossen" then share two concepts (completion,
    deal) where their stems share none; forecast cues ("erwartet", "soll") are left out.
    """
    text = _text_outside_names(claim)
    for mention in claim.of_kind("date"):  # the dates are what a date rule compares, not what the claim is about
        text = text.replace(mention.text, " ")
    text = _forecast_re().sub(" ", text.lower())
    concepts: set[str] = set()
    for name, whole_words in _event_word_patterns().items():
        concepts.update(f"<{name}>" for _ in whole_words.finditer(text))
        text = whole_words.sub(" ", text)
    return concepts | _stems(claim, text)


def shared_entities(a: Claim, b: Claim) -> int:
    keys = lambda c: {m.value.key for m in c.mentions if m.kind in ("place", "org", "person")}  # noqa: E731
    return len(keys(a) & keys(b))


def same_wording(a: Claim, b: Claim, min_shared: int = 3, min_ratio: float = 0.3) -> bool:
    """Embeddings score unrelated sentences on one topic above 0.85; the words themselves must meet too."""
    return _share_enough(content_stems(a), content_stems(b), min_shared, min_ratio)


def _share_enough(sa: set[str], sb: set[str], min_shared: int, min_ratio: float) -> bool:
    shared = sa & sb
    return len(shared) >= min_shared and len(shared) / max(1, min(len(sa), len(sb))) >= min_ratio


def venue_classes(claim: Claim) -> set[str]:
    return event_classes(claim) & set(_events()["venue_classes"])


def participants(claim: Claim) -> set[str]:
    return {m.value.key for m in claim.mentions if m.kind in ("person", "org")}


def is_locative(mention: Mention) -> bool:
    context = (mention.context or "").lower().split()
    if not context or is_proximity(mention):
        return False
    if context[-1] in _events()["point_locative_contexts"]:
        return mention.value.kind in ("city", "facility", "local")
    return context[-1] in _events()["locative_contexts"]


@lru_cache(maxsize=1)
def _residence_re() -> re.Pattern:
    return literal_alternation(_events()["residence_cues"])


def is_residence(claim: Claim, mention: Mention) -> bool:
    """The place is where someone lives or something is based: "who lives in X", "mit Sitz in X", and
    German verb-last "der in X wohnt", "die in X ansässige Firma"."""
    text, start = claim.sentence.text, claim.sentence.start
    before, after = text[: mention.start - start], text[mention.end - start:]
    return bool(_residence_re().search(" ".join(_WORD.findall(before)[-3:] + _WORD.findall(after)[:1])))


def is_destination(claim: Claim, mention: Mention) -> bool:
    """Where something went: "nach X", "to X", and German "in den Hafen von X" (the accusative of motion)."""
    context = (mention.context or "").lower().split()
    if not context:
        return False
    if context[-1] in _events()["destination_contexts"]:
        return True
    words = _WORD.findall(claim.sentence.text[: mention.start - claim.sentence.start].lower())
    at = max((i for i, w in enumerate(words) if w == context[-1]), default=None)
    return at is not None and context[-1] == "in" and words[at + 1: at + 2] in (["den"], ["die"], ["das"])


def is_proximity(mention: Mention) -> bool:
    context = (mention.context or "").lower()
    return any(word in context for word in _events()["proximity_contexts"])


