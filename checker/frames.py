"""Frames stage: what each claim says, typed, so that no later stage reads raw text again.

A frame holds a claim's event classes, the story's thing it speaks of, participants, places,
speaker, modality, whether it looks back or ahead, and its slots: every figure, date, time of day,
place, role holder, yes/no fact and who said it, each with what it is a value of. A figure's `measure`
is the concept the extractor gave what it counts or measures ("dead", "profit"), else the lemma of the
noun that names it ("magnitude" for "a magnitude of 6.4", "Stärke" for "Stärke 5,9"); its `modifiers`
are the lemmas between the number and that noun and the amount's stated facets ("schwer",
"period=quarter").
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from checker import cues
from checker.annotate import masculine
from checker.extract.ages import AGE
from checker.extract.dates import period_words
from checker.extract.states import affirmation
from checker.language import CLAUSE_BREAKS, function_words
from checker.models import (
    Article, Claim, DateValue, Frame, Mention, Modality, PersonValue, QuantityValue, RoleValue, Slot, StateValue, Token,
)

BACKGROUND_DAYS = 60  # a dated event this long before publication is background, not the story's news
_FIGURE_WINDOW = 3  # tokens either side of a number that may name what it measures
LEAD_SENTENCES = 4  # the headline and the first sentences: where a story's main facts stand


def build_frames(article: Article, claims: list[Claim]) -> list[Frame]:
    article_countries = {m.value.country for c in claims for m in c.of_kind("place") if m.value.country}
    return [_frame(article, claim, article_countries, len(claims)) for claim in claims]


def _frame(article: Article, claim: Claim, article_countries: set[str], article_claims: int) -> Frame:
    published = article.published.start if article.published and article.published.resolved else None
    looks_back = cues.looks_back(claim)
    forecast = claim.modality == Modality.proposed or cues.has_forecast_cue(claim)
    own_countries = {m.value.country for m in claim.of_kind("place") if m.value.country}
    frame = Frame(
        claim=claim.id, doc=claim.doc, lang=article.lang,
        lemmas=_content_lemmas(claim),
        event_classes=sorted(cues.event_classes(claim)),
        things=sorted(cues.event_things(claim)),
        participants=sorted({m.value.key for m in claim.mentions if m.kind in ("person", "org")}),
        places=sorted({m.value.key for m in claim.of_kind("place")}),
        countries=sorted(own_countries or article_countries),
        speaker=claim.speaker, modality=claim.modality, heading=claim.sentence.heading,
        lead=claim.sentence.index < LEAD_SENTENCES, position=claim.sentence.index / max(1, article_claims),
        background=looks_back or _dated_long_before(claim, published),
        forecast=forecast or _dated_after(claim, published),
        published=published,
        published_time=article.published.time if article.published else None,
    )
    frame.slots = _slots(claim, frame)
    return frame


def add_affirmations(frames: dict[str, Frame], claims: dict[str, Claim], articles: dict[str, Article]) -> None:
    """A word one article negates ("Eine Notbetreuung gibt es nicht") is a yes/no fact wherever another article
    states it without a negation ("Die Notbetreuung läuft"): each such statement becomes a state slot with the
    value yes, so that the candidates stage can pair the two like any other values. Only words some other
    article negates: the batch decides which words are facts in question."""
    negated_in: dict[str, set[str]] = {}
    for frame in frames.values():
        for slot in frame.slots:
            if slot.kind == "state" and slot.mention.value.generic:
                negated_in.setdefault(slot.measure or "", set()).add(frame.doc)
    if not negated_in:
        return
    for frame in frames.values():
        claim = claims[frame.claim]
        article = articles[frame.doc]
        taken = {s.measure for s in frame.slots if s.kind == "state"}  # a claim states each word's value once
        for index, token in enumerate(claim.sentence.tokens):
            if not negated_in.get(token.lemma, set()) - {frame.doc} or token.lemma in taken:
                continue
            mention = affirmation(claim.sentence, index, frame.lang, article.text, frame.doc)
            if mention is not None:
                slot = _slot(claim, frame, len(frame.slots), "state", mention)
                slot.id = f"{claim.id}/y{index}"
                frame.slots.append(slot)
                taken.add(token.lemma)


def _content_lemmas(claim: Claim) -> list[str]:
    skip = function_words()
    named = [(m.start, m.end) for m in claim.mentions if m.kind in ("person", "org", "place", "date")]
    return sorted({
        t.lemma for t in claim.sentence.tokens
        if not t.is_number and len(t.lemma) > 2 and t.lemma not in skip and t.text[:1].isalpha()
        and not any(lo <= t.start < hi for lo, hi in named)
    })


def _dated_long_before(claim: Claim, published: Optional[dt.date]) -> bool:
    if published is None:
        return False
    ends = [m.value.end or m.value.start for m in claim.of_kind("date") if m.value.resolved and m.value.start]
    return bool(ends) and all((published - end).days > BACKGROUND_DAYS for end in ends)


def _dated_after(claim: Claim, published: Optional[dt.date]) -> bool:
    if published is None:
        return False
    starts = [m.value.start for m in claim.of_kind("date") if m.value.resolved and m.value.start and not m.value.stamp]
    return bool(starts) and all(start > published for start in starts)


def _slots(claim: Claim, frame: Frame) -> list[Slot]:
    slots: list[Slot] = []
    for index, mention in enumerate(claim.mentions):
        for kind in _slot_kinds(mention):
            slots.append(_slot(claim, frame, index, kind, mention))
    speaker = _speaker_mention(claim)
    if speaker is not None:
        slot = _slot(claim, frame, len(claim.mentions), "speaker", speaker)
        slot.id = f"{claim.id}/s"
        slot.measure = "statement"
        slot.context = list(frame.lemmas)  # what was said, the whole statement: one quotation in two mouths shares it
        slots.append(slot)
    for slot in slots:
        slot.ambiguity = sum(1 for other in slots if other.kind == slot.kind)
    return slots


def _speaker_mention(claim: Claim) -> Optional[Mention]:
    """Who a claim is attributed to, named in full ("sagte Landrat Anton Weber"): the value of who said it, so
    that one statement put in two people's mouths is compared like any other value. A role or a surname alone
    ("ein Sprecher", "Weber") may be anyone of that description: no slot."""
    if not claim.speaker or not claim.speaker_span:
        return None
    words = claim.speaker.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    start, end = claim.speaker_span
    return Mention(kind="person", doc=claim.doc, start=start, end=end, text=claim.speaker,
                   value=PersonValue(key=" ".join(w.lower() for w in words), canonical=claim.speaker))


def _slot_kinds(mention: Mention) -> list[str]:
    value = mention.value
    if isinstance(value, QuantityValue):
        if value.dimension == AGE:
            return ["age"]
        return [] if value.vague or value.dimension is None else ["figure"]
    if isinstance(value, DateValue):
        if value.stamp:
            return []
        # A time on a stated day gives no day slot of its own: proposing its day against other days (715 more
        # pairs, 14 more conflicts) gave no better refit in cross-validation (docs/quality.md, round 10).
        kinds = ["date"] if value.start is not None and value.granularity.value != "time" else []
        if value.time or value.time_span:
            kinds.append("time")
        return kinds
    if mention.kind == "place":
        return ["place"]
    if isinstance(value, RoleValue) and value.holder:
        return ["holder"]
    if isinstance(value, StateValue):
        return ["state"]
    return []


def _slot(claim: Claim, frame: Frame, index: int, kind: str, mention: Mention) -> Slot:
    slot = Slot(
        id=f"{claim.id}/{index}{'t' if kind == 'time' else ''}", kind=kind, claim=claim.id, doc=claim.doc,
        mention=mention, background=frame.background, forecast=frame.forecast, context=_clause_lemmas(claim, mention),
    )
    if kind in ("figure", "age"):
        _describe_figure(slot, claim, frame.lang)
        if kind == "age":
            slot.modifiers = []  # whose age it is lies in the words around it (measure_lemmas), not in facets
    elif kind == "place":
        slot.role = place_role(claim, mention)
    elif kind == "holder":
        _describe_role(slot, claim)
    elif kind == "state":
        slot.measure = slot.mention.value.key
    return slot


def _describe_figure(slot: Slot, claim: Claim, lang: str) -> None:
    value = slot.mention.value
    assert isinstance(value, QuantityValue)
    tokens = claim.sentence.tokens
    inside = [i for i, t in enumerate(tokens) if slot.mention.start <= t.start < slot.mention.end]
    first, last = (inside[0], inside[-1]) if inside else (0, -1)
    around = tokens[max(0, first - _FIGURE_WINDOW): first] + tokens[last + 1: last + 1 + _FIGURE_WINDOW]
    named = [t for t in tokens[first: last + 1] + around if _names_something(t)]
    slot.measure_lemmas = sorted({t.lemma for t in named})
    named_spans = [(m.start, m.end) for m in claim.mentions if m.kind != "quantity"]
    slot.measure = value.counted_key or (_lemma_of(value.counted, tokens) if value.counted else None) \
        or _noun_before(tokens, first, lang, named_spans)
    counted_at = next((i for i in inside if value.counted and tokens[i].text == value.counted.split()[-1]), None)
    between = tokens[first + 1: counted_at] if counted_at is not None else []
    modifiers = {t.lemma for t in between if _names_something(t)}
    modifiers.update(f for f in (value.scope or "").split() if f)
    if value.partitive:
        modifiers.add(f"partitive={value.partitive}")
    slot.modifiers = sorted(modifiers)


def _clause_lemmas(claim: Claim, mention: Mention) -> list[str]:
    """Content lemmas of the clause the value stands in: "filed for insolvency on 14 January" tells what
    happened on that day, whatever else the sentence says."""
    tokens = claim.sentence.tokens
    at = next((i for i, t in enumerate(tokens) if t.start >= mention.start), len(tokens))
    breaks = [i for i, t in enumerate(tokens) if t.lemma in CLAUSE_BREAKS and not (mention.start <= t.start < mention.end)]
    lo = max([-1] + [b for b in breaks if b < at]) + 1
    hi = min([len(tokens)] + [b for b in breaks if b > at])
    return sorted({t.lemma for t in tokens[lo:hi] if _names_something(t) and not mention.start <= t.start < mention.end})


def _names_something(token: Token) -> bool:
    return not token.is_number and token.text[:1].isalpha() and len(token.lemma) > 2 and token.lemma not in function_words()


def _lemma_of(word: str, tokens: list[Token]) -> Optional[str]:
    last = word.split()[-1]
    return next((t.lemma for t in tokens if t.text == last), last.lower())


def _noun_before(tokens: list[Token], first: int, lang: str, named: list[tuple[int, int]]) -> Optional[str]:
    """"Stärke 5,9", "Tempo 120", "a magnitude of 6.4", "a depth of 350 metres": the noun that names the
    measure before the number. German nouns are capitalised; an English one is the word before "of".
    Only function words and qualifiers may stand between it and the number: a verb or another content
    word between them ends the search ("Die Ältere fuhr mit 95 km/h" measures no "Ältere"), and a word
    of a date, a name or a place (`named`: their spans) or of a period ("in der Vorwoche 40") names no measure
    ("am Freitag 3,2 Millionen")."""
    offset = max(0, first - _FIGURE_WINDOW)
    before = tokens[offset: first]
    for i in range(len(before) - 1, -1, -1):
        token = before[i]
        if not _names_something(token):
            continue
        if any(start <= token.start < end for start, end in named) or token.text in period_words():
            return None
        if token.text[:1].isupper() and (lang == "de" or offset + i > 0):
            return token.lemma  # a German noun; in English, a capitalised word inside the sentence
        if i + 1 < len(before) and before[i + 1].lemma in ("of", "von"):
            return token.lemma
        return None
    return None


def role_head(word: str) -> str:
    """A role's head word without its German feminine ending: "Werkleiterin" and "Werkleiter" are one role."""
    return masculine(word.lower())


def _describe_role(slot: Slot, claim: Claim) -> None:
    """Who holds which role: the role's head word is what the slot is a value of, the holder its value.
    The head is the last word before the role's complement ("Sprecher des Amts", "spokesman for the
    ministry", "Transport Ministry spokesman", "Eisenachs Werkleiter")."""
    inside = [t for t in claim.sentence.tokens if slot.mention.start <= t.start < slot.mention.end]
    cut = next((i for i, t in enumerate(inside) if t.lemma in _COMPLEMENT), len(inside))
    heads = [t for t in inside[:cut] if _names_something(t)]
    if not heads:
        return
    head = heads[-1]
    slot.measure = role_head(head.text)
    slot.modifiers = sorted({t.lemma for t in inside if _names_something(t) and t is not head})
    slot.background = slot.background or bool({t.lemma for t in inside} & _FORMER)


# Words that open a role's complement: what comes after them says whose role it is.
_COMPLEMENT = frozenset(["des", "der", "den", "dem", "von", "vom", "bei", "für", "of", "for", "at", "in", "with"])
# Words that make a role a past one: the former chief is not the chief.
_FORMER = frozenset(["damalig", "damaligen", "damalige", "ehemalig", "ehemalige", "ehemaligen", "früher", "frühere", "former", "ex", "then", "late"])


def place_role(claim: Claim, mention: Mention) -> str:
    """What the place is to the claim's event: where it happened, where someone went, lives, ..."""
    if cues.in_comparison(claim, mention):
        return "comparison"
    if cues.is_residence(claim, mention):
        return "residence"
    if cues.is_destination(claim, mention):
        return "destination"
    if cues.is_locative(mention):
        return "venue"
    context = (mention.context or "").lower()
    if context in ("aus", "from", "von"):
        return "origin"
    return "other"
