"""Who says a sentence, and how firmly: speaker, modality and the cue words found.

A disagreement between outlets is only an error when both assert; a hedge, a
negation or a party's denial changes what a rule may conclude.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional


from checker.extract import people
from checker.language import function_words
from checker.models import Article, Mention, Modality, Sentence
from checker.resources import load_data



@dataclass
class Attribution:
    speaker: Optional[str] = None  # as written: "Bundesregierung", "Olaf Scholz", "US-Regierung"
    speaker_span: Optional[tuple[int, int]] = None  # offsets into article.text
    speaker_key: Optional[str] = None  # person or org key when the speaker is a known entity
    modality: Modality = Modality.asserted
    cues: list[str] = field(default_factory=list)  # hedge, negation and denial words as written
    reported: bool = False  # a speaker, a quotation or German Konjunktiv I marks reported speech


def _words(patterns: list[str]) -> re.Pattern:
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load_data("cues.yaml")
    return {
        "source_before": _words(data["source_before"]),
        "source_after": _words(data["source_after"]),
        "verbs": _words(data["speech_verbs"]),
        "hedge": _words(data["hedge"]),
        "negation": _words(data["negation"]),
        "not_negation": _words(data["not_negation"]),
        "denial": _words(data["denial"]),
        "proposal": _words(data["proposal"]),
        "not_disputing": _words(data["not_disputing"]),
        "continuation": _words(data["continuation"]),
        "subjunctive": _words(data["subjunctive"]),
        "first_person": {w.lower() for w in data["first_person"]},
        "past_auxiliaries": {w.lower() for w in data["past_auxiliaries"]},
        "not_content": frozenset(w.lower() for w in data["not_content"]),
        "claim_nouns": frozenset(w.lower() for w in data["claim_nouns"]),
    }


def not_content() -> frozenset[str]:
    """Auxiliaries, adverbs and prepositions that say how or where a claim stands, not what it is about."""
    return _cues()["not_content"]


def claim_nouns() -> frozenset[str]:
    """Words that name a claim without saying it ("diese Darstellung", "the allegations", "wrongdoing")."""
    return _cues()["claim_nouns"]


_ARTICLE = r"(?:der|die|das|des|dem|den|the|a|an|ein|eine|einer|eines|einen|einem)"
# A source without a known entity: "laut Experten", "nach Angaben der ukrainischen Armee". German
# capitalises every noun, so there a name is one noun, after an optional capitalised adjective
# ("Vereinigten Staaten"); English strings capitalised words ("EU Commission", "Xabi Alonso").
_ADJ = rf"(?:(?!{_ARTICLE}\s)[a-zäöüß]+(?:e|en|er|es|em)\s+)"
_NAME = {
    "de": r"(?:[A-ZÄÖÜ][\w-]*(?:e|en|er|es)\s+)?[A-ZÄÖÜ][\w-]*",
    "en": r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}",
}
_NP_AFTER = {k: re.compile(rf"\s*(?:{_ARTICLE}\s+)?({_ADJ}{{0,2}}{v})(?![\w-])") for k, v in _NAME.items()}
_NP_BEFORE = {k: re.compile(rf"(?<![\w-])({_ADJ}{{0,2}}{v})\s*$") for k, v in _NAME.items()}
_SUBJECT = {k: re.compile(rf"\W*(?:(?i:{_ARTICLE})\s+)?({_ADJ}{{0,2}}{v})\s*$") for k, v in _NAME.items()}


@lru_cache(maxsize=64)
def _article_entities(doc: str, text: str, body_start: int, lang: str) -> tuple[Mention, ...]:
    # Without the pipeline's sentences, paragraphs keep names and roles from running across lines.
    article = Article(id=doc, path=doc, text=text, body_start=body_start, lang=lang)
    lines = [Sentence(doc=doc, index=i, start=m.start(), end=m.end(), text=m.group())
             for i, m in enumerate(re.finditer(r"[^\n]+", text)) if m.end() > body_start]
    return tuple(people.extract(article, lines))


def _entities(article: Article, sentence: Sentence, mentions: Optional[list[Mention]]) -> list[Mention]:
    if mentions is None:
        mentions = list(_article_entities(article.id, article.text, article.body_start, article.lang))
    return [m for m in mentions if m.kind in ("person", "org", "role")
            and sentence.start <= m.start and m.end <= sentence.end]


def _entity_after(pos: int, ents: list[Mention], text: str) -> Optional[Mention]:
    gap = rf"\s*(?:{_ARTICLE}\s+)?(?:[a-zäöüß]+(?:e|en|er|es)\s+)?"
    for m in sorted(ents, key=lambda m: (m.start, -m.end)):
        if m.start >= pos and re.fullmatch(gap, text[pos : m.start]):
            return _prefer_person(m, ents)
    return None


def _entity_before(pos: int, ents: list[Mention], text: str) -> Optional[Mention]:
    for m in sorted(ents, key=lambda m: (-m.end, m.start)):
        # "der Sprecher ..., Steffen Hebestreit, mitgeteilt": a comma may close an apposed name, not a clause.
        gap = r"\s*,?\s*" if m.kind == "person" else r"\s*"
        if m.end <= pos and re.fullmatch(gap, text[m.end : pos]):
            return _prefer_person(m, ents)
    return None


def _prefer_person(m: Mention, ents: list[Mention]) -> Mention:
    # "der Sprecher der Bundesregierung, Steffen Hebestreit": the person speaks, not the role or the org.
    if m.kind == "role" and m.value.holder:
        for p in ents:
            if p.kind == "person" and p.value.key == m.value.holder and abs(p.start - m.end) < 4:
                return p
    if m.kind == "org":
        for r in ents:
            if r.kind == "role" and r.start <= m.start and m.end <= r.end:
                return _prefer_person(r, ents)
    return m


_Found = Optional[tuple[int, int, Optional[str]]]  # start, end, entity key


def _found(ent: Optional[Mention]) -> _Found:
    if ent is None:
        return None
    return ent.start, ent.end, getattr(ent.value, "key", None) if ent.kind in ("person", "org") else None


def _speaker(article: Article, sentence: Sentence, mentions: Optional[list[Mention]]) -> _Found:
    """The source of a sentence, from the strongest marker to the weakest."""
    text, cues = article.text, _cues()
    s0, s1 = sentence.start, sentence.end
    lang = "en" if article.lang == "en" else "de"
    ents = _entities(article, sentence, mentions)
    stop = people._names()["not_speakers"]

    def named(np: Optional[re.Match]) -> _Found:
        # "wies die Darstellung der Gewerkschaft zurück": what is rejected does not speak.
        if np and np.group(1).split()[-1] not in stop and np.group(1).split()[-1].lower() not in cues["claim_nouns"]:
            return _trim_article(text, np.start(1), np.end(1))
        return None

    # 1. explicit source markers: "nach Angaben der US-Regierung", "Scholz zufolge", "according to"
    for m in cues["source_before"].finditer(text, s0, s1):
        found = _found(_entity_after(m.end(), ents, text)) or named(_NP_AFTER[lang].match(text, m.end(), s1))
        if found:
            return found
    for m in cues["source_after"].finditer(text, s0, s1):
        found = _found(_entity_before(m.start(), ents, text)) or named(_NP_BEFORE[lang].search(text, s0, m.start()))
        if found:
            return found
    # 2. a known entity next to a speech verb: "sagte Olaf Scholz", "the EU Commission said"
    verbs = list(cues["verbs"].finditer(text, s0, s1))
    for m in verbs:
        found = _found(_entity_after(m.end(), ents, text) or _entity_before(m.start(), ents, text))
        if found:
            return found
    # 3. a known entity opening the sentence, its verb later: "Die WHO erklärte nun am Dienstag, ..."
    denials = list(cues["denial"].finditer(text, s0, s1))
    opening = rf"\W*(?:{_ARTICLE}\s+)?"
    for m in verbs + denials:
        subject = [e for e in ents if e.end <= m.start() and re.fullmatch(opening, text[s0 : e.start], re.I)]
        if subject:
            return _found(_prefer_person(subject[0], ents))
    # 4. names the lexicon does not know: "Der Verein dementiert", "sagte Hebestreit", "..., Eurostat said"
    for m in verbs:
        np = _SUBJECT[lang].match(text, s0, m.start()) or _NP_AFTER[lang].match(text, m.end(), s1)
        if not np:
            np = _NP_BEFORE[lang].search(text, s0, m.start())
            after_clause = rf"[,“”»\"]\s*(?:{_ARTICLE}\s+)?(?:\w+\s+)?$"
            if np and not re.search(after_clause, text[s0 : np.start(1)], re.I):
                np = None
        if named(np):
            return named(np)
    for m in denials:
        if named(_SUBJECT[lang].match(text, s0, m.start())):
            return named(_SUBJECT[lang].match(text, s0, m.start()))
    return None


def _trim_article(text: str, start: int, end: int) -> tuple[int, int, None]:
    m = re.match(rf"(?i){_ARTICLE}\s+", text[start:end])
    return (start + m.end() if m else start), end, None


def _speaks_for_itself(text: str, start: int, negation_at: int, end: int) -> bool:
    """A quotation whose subject is "wir"/"ich"/"we"/"I", negated, about the past ("Wir haben niemals
    … exportiert", "we did not"): the speaker denies having done something. "Wir werden nicht
    zulassen" is a commitment, not a denial."""
    if not re.search(r"[«»„“\"]", text[start:end]):
        return False
    words = re.findall(r"\w+", text[start:end].lower())
    before = re.findall(r"\w+", text[start:negation_at].lower())
    return any(w in _cues()["first_person"] for w in before) and any(w in _cues()["past_auxiliaries"] for w in words)


_CLAUSE_END = re.compile(r"[,;:«»„“”\"()–]")
_COMPLEMENT = re.compile(r"(?i),\s*(?:dass|that|wonach|ob|whether)\b")


def negation_spans(text: str) -> list[tuple[int, int]]:
    """Where the text negates something: its negation cues, less those that negate nothing ("nicht nur",
    "no doubt")."""
    cues = _cues()
    excused = [(m.start(), m.end()) for m in cues["not_negation"].finditer(text)]
    return [(m.start(), m.end()) for m in cues["negation"].finditer(text) if not any(a <= m.start() < b for a, b in excused)]


def disputed_words(text: str, lang: str = "de", width: int = 5) -> tuple[list[str], list[str]]:
    """The content words next to a sentence's denial and negation cues, inside their clause: what is
    denied or negated ("Von einer Einigung könne keine Rede sein" -> "einigung"), without who says
    it. Cue words, speech verbs and Konjunktiv forms are left out: they say how, not what; so are
    English capitalised words after the first, names of parties. Returned as the words before the
    cues and the words after them: after a negation stands what it negates ("did not *harm*")."""
    cues = _cues()
    excused = [(m.start(), m.end()) for name in ("not_negation", "not_disputing") for m in cues[name].finditer(text)]
    spans = [(m.start(), m.end()) for m in cues["denial"].finditer(text)]
    spans += [(m.start(), m.end()) for m in cues["negation"].finditer(text)
              if not any(a <= m.start() < b for a, b in excused + spans)]
    marked = spans + excused + [(m.start(), m.end()) for name in ("verbs", "hedge", "subjunctive")
                      for m in cues[name].finditer(text)]
    skip = function_words() | cues["not_content"]
    article = re.compile(rf"(?i){_ARTICLE}")

    def content(a: int, b: int, inside: bool = False) -> list[str]:
        return [w.group().lower() for w in re.finditer(r"\w+", text[a:b]) if len(w.group()) > 3
                and w.group().lower() not in skip and not article.fullmatch(w.group())
                and not (lang == "en" and a + w.start() > 0 and w.group()[0].isupper())
                and (inside or not any(x <= a + w.start() < y for x, y in marked))]

    before: list[str] = []
    after: list[str] = []
    verb_starts = {m.start() for m in cues["verbs"].finditer(text)}
    for start, end in sorted(spans):
        bounds = [m for m in _CLAUSE_END.finditer(text, 0, start)]
        right = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
        if start in verb_starts:
            # "Der Verband wies das zurück", "He denied wrongdoing": before a denying verb stands who
            # denies, after it what is denied, also inside the cue ("wies Berichte über X zurück") and
            # in a clause it opens ("weist zurück, dass ...").
            if _COMPLEMENT.match(text, right):
                right = next((m.start() for m in _CLAUSE_END.finditer(text, right + 1)), len(text))
            verb_end = cues["verbs"].match(text, start).end()
            words = content(verb_end, end, inside=True) + content(end, right)
            # "die Darstellung der Gewerkschaft": after a claim noun, the genitive says whose claim, not what.
            owners = _owners(text[verb_end:right])
            after += [w for w in words if w not in owners][:width]
            continue
        # German puts what is denied in the clause before: "Vorwürfe, dass X liefere, würden nicht auf Beweisen beruhen";
        # a comma joins those clauses, a quotation mark or a dash ends the statement.
        left = bounds.pop().end() if bounds else 0
        while len(content(left, start)) < 2 and bounds and text[left - 1] == ",":
            left = bounds.pop().end()
        # "The company said the report was untrue": before the speech verb stands who denies.
        left = max([left] + [m.end() for m in cues["verbs"].finditer(text, left, start)])
        before += content(left, start)[-width:]
        after += content(end, right)[:width]
    return list(dict.fromkeys(before)), list(dict.fromkeys(after))


@lru_cache(maxsize=1)
def _owner_pattern() -> re.Pattern:
    nouns = "|".join(sorted(_cues()["claim_nouns"]))
    return re.compile(rf"(?i)\b(?:(?:{nouns})\s+(?:der|des|of|by)\s+(?:the\s+)?(\w+)|(\w+)['’]s\s+(?:\w+\s+)?(?:{nouns})\b)")


def _owners(text: str) -> set[str]:
    """Whose claim a claim noun names: "die Darstellung der Gewerkschaft", "the union's account"."""
    return {(m.group(1) or m.group(2)).lower() for m in _owner_pattern().finditer(text)}


def continues(text: str, previous_end: int, start: int) -> bool:
    """The sentence at ``start`` goes on with the one ending at ``previous_end``: same paragraph, and it
    opens with a continuation ("Es handle sich dabei um ...")."""
    return "\n" not in text[previous_end:start] and bool(_cues()["continuation"].match(text, start))


def reported_speech(text: str) -> bool:
    """A quotation or German Konjunktiv I: a sentence that reports what a party says."""
    if re.search(r"[«»„“\"]", text) or says_someone(text):
        return True
    return any(not _after_first_person(text, 0, m.start()) for m in _cues()["subjunctive"].finditer(text))


def says_someone(text: str) -> bool:
    """A speech verb: someone speaks ("so" also means "thus")."""
    return any(m.group().lower() != "so" for m in _cues()["verbs"].finditer(text))


def _after_first_person(text: str, start: int, pos: int) -> bool:
    # "ich habe", "wir werden": indicative, not Konjunktiv I.
    prev = re.findall(r"\w+", text[start:pos])[-1:]
    return bool(prev) and prev[0].lower() in _cues()["first_person"]


def analyse(article: Article, sentence: Sentence, mentions: Optional[list[Mention]] = None) -> Attribution:
    """Speaker, modality and cues of one sentence; offsets point into ``article.text``.

    ``mentions``: the article's person, org and role mentions from ``people.extract`` when the
    caller has them; otherwise they are extracted here (cached per article).
    """
    text, cues = article.text, _cues()
    s0, s1 = sentence.start, sentence.end
    found: list[str] = []

    def hits(name: str) -> list[re.Match]:
        return list(cues[name].finditer(text, s0, s1))

    denial = hits("denial")
    excused = [(m.start(), m.end()) for m in hits("not_negation")]
    negation = [m for m in hits("negation") if not any(a <= m.start() < b for a, b in excused)]
    negation = [m for m in negation if not any(d.start() <= m.start() < d.end() for d in denial)]
    proposal = hits("proposal")
    hedge = hits("hedge")
    for group in (denial, negation, proposal, hedge):
        found.extend(m.group() for m in group)
    if denial or (negation and _speaks_for_itself(text, s0, negation[0].start(), s1)):
        modality = Modality.denied  # «Wir haben niemals … exportiert»: a party rejecting a claim about itself
    elif negation:
        modality = Modality.negated
    elif proposal:
        modality = Modality.proposed
    elif hedge:
        modality = Modality.hedged
    else:
        modality = Modality.asserted

    speaker = _speaker(article, sentence, mentions)
    subjunctive = [m for m in hits("subjunctive") if not _after_first_person(text, s0, m.start())]
    quoted = bool(re.search(r"[«»„“\"]", text[s0:s1]))
    att = Attribution(modality=modality, cues=found, reported=bool(speaker or subjunctive or quoted))
    if speaker:
        att.speaker_span = (speaker[0], speaker[1])
        att.speaker = text[speaker[0] : speaker[1]]
        att.speaker_key = speaker[2]
    return att
