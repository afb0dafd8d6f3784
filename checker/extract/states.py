"""Yes/no facts and closed sets of values: "wurde nicht festgenommen", "blieb unverletzt", "stayed open",
"enthielt sich".

A state mention is a form of a state's value (checker/data/states.yaml) standing in a sentence. A negation
in its clause, a few words from it, turns a yes/no value into the other ("Verletzt wurde niemand": injured,
no) and marks a named value as denied ("did not abstain"). A clause that asks ("ob jemand verletzt wurde")
states nothing, and a negated degree ("nicht schwer verletzt") is no "unverletzt": neither gives a mention.
Which two mentions speak of one fact (whose injury, which site) is the decision model's question.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.extract.attribution import negation_spans, not_content
from checker.language import CLAUSE_BREAKS, function_words
from checker.models import Article, Mention, Sentence, StateValue, Token
from checker.resources import load_data

_GERMAN_ENDINGS = ("e", "en", "er", "es", "em")
# The content words nearest a negation that no state of the lexicon took: what it negates, as a yes/no fact of
# its own ("Eine Notbetreuung wird es nicht geben" -> Notbetreuung: no), met by the same word stated elsewhere.
NEGATED_WORDS = 2
_COMPOUND_HEAD = 7  # a German noun ending with a form this long is a compound of it ("Brandverletzungen")


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]
    state: str
    value: str


@dataclass(frozen=True)
class _Lexicon:
    forms: dict[str, dict[str, list[_Form]]]  # language -> first word -> forms starting with it, longest first
    compound_heads: dict[str, list[_Form]]  # German one-word forms a noun may end with
    open_question: frozenset[str]
    degree: frozenset[str]
    skipped: frozenset[str]  # words a negation may stand by without denying them: degrees, who said it, the unknown
    existence: frozenset[str]  # verbs that say only that something exists
    window: int


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_data("states.yaml")
    forms: dict[str, dict[str, list[_Form]]] = {"de": {}, "en": {}}
    for state, values in data["states"].items():
        for value, by_lang in values.items():
            for lang, phrases in by_lang.items():
                for phrase in phrases:
                    words = tuple(phrase.lower().split())
                    forms[lang].setdefault(words[0], []).append(_Form(words, state, str(value)))
    for by_first in forms.values():
        for found in by_first.values():
            found.sort(key=lambda f: -len(f.words))
    heads = {word: [f for f in found if len(f.words) == 1] for word, found in forms["de"].items() if len(word) >= _COMPOUND_HEAD}
    return _Lexicon(
        forms=forms, compound_heads={w: f for w, f in heads.items() if f},
        open_question=frozenset(w.lower() for w in data["open_question"]),
        degree=frozenset(w.lower() for w in data["degree"]), window=int(data["negation_window"]),
        skipped=frozenset(w.lower() for w in data["degree"] + data["not_negated"]),
        existence=frozenset(w.lower() for w in data["existence"]),
    )


def _compound_forms(text: str, lexicon: _Lexicon) -> list[_Form]:
    return [form for word, forms in lexicon.compound_heads.items() if text.endswith(word) and text != word
            for form in forms]


def _word_matches(word: str, token: Token, lang: str, single: bool) -> bool:
    text = token.text.lower()
    if text == word or token.lemma == word:
        return True
    if not (single and lang == "de"):
        return False
    if text.startswith(word) and text[len(word):] in _GERMAN_ENDINGS:
        return True
    return len(word) >= _COMPOUND_HEAD and token.text[:1].isupper() and text.endswith(word)


def _match_at(tokens: list[Token], i: int, lang: str, lexicon: _Lexicon) -> _Form | None:
    token = tokens[i]
    if token.particle:
        return None  # "fand ... statt": the verb before it matched already, by their joined lemma
    candidates = lexicon.forms[lang].get(token.text.lower(), []) + lexicon.forms[lang].get(token.lemma, [])
    if lang == "de":
        for ending in _GERMAN_ENDINGS:
            if token.text.lower().endswith(ending):
                candidates += lexicon.forms[lang].get(token.text.lower()[: -len(ending)], [])
        if token.text[:1].isupper():
            candidates += _compound_forms(token.text.lower(), lexicon)
    for form in sorted(candidates, key=lambda f: -len(f.words)):
        n = len(form.words)
        if i + n <= len(tokens) and all(_word_matches(w, tokens[i + k], lang, n == 1) for k, w in enumerate(form.words)):
            return form
    return None


def _clause(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    lo = first
    while lo > 0 and tokens[lo - 1].lemma not in CLAUSE_BREAKS:
        lo -= 1
    hi = last + 1
    while hi < len(tokens) and tokens[hi].lemma not in CLAUSE_BREAKS:
        hi += 1
    return lo, hi


def _negating(sentence: Sentence) -> list[bool]:
    negations = negation_spans(sentence.text)
    return [any(a <= t.start - sentence.start < b for a, b in negations) for t in sentence.tokens]


def _says_something(token: Token, index: int, lang: str) -> bool:
    """A content word that may be what a negation denies: no function word, no number, no English name."""
    return (len(token.lemma) > 3 and token.text[:1].isalpha() and token.lemma not in function_words()
            and token.lemma not in not_content() and not (lang == "en" and index > 0 and token.text[:1].isupper()))


def _sentence_states(article: Article, sentence: Sentence, lexicon: _Lexicon) -> list[Mention]:
    tokens = sentence.tokens
    if article.lang not in lexicon.forms:
        return []
    negating = _negating(sentence)
    used: set[int] = set()
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        form = _match_at(tokens, i, article.lang, lexicon)
        if form is None:
            i += 1
            continue
        first, last = i, i + len(form.words) - 1
        i = last + 1
        lo, hi = _clause(tokens, first, last)
        if any(t.lemma in lexicon.open_question for t in tokens[lo:first]):
            continue  # "ob jemand verletzt wurde": asked, not stated
        near = [k for k in range(lo, hi) if negating[k] and not first <= k <= last and abs(k - first) <= lexicon.window]
        if near:
            k = min(near, key=lambda k: abs(k - first))
            between = tokens[min(k, first) + 1: max(k, last)]
            if any(t.lemma in lexicon.degree or t.text.lower() in lexicon.degree for t in between):
                used.add(k)
                continue  # "nicht schwer verletzt": a matter of degree, not a no
            value = {"yes": "no", "no": "yes"}.get(form.value, form.value)
            start, end = min(tokens[k].start, tokens[first].start), max(tokens[k].end, tokens[last].end)
            used.add(k)
        else:
            value, start, end = form.value, tokens[first].start, tokens[last].end
        mentions.append(Mention(
            kind="state", doc=article.id, start=start, end=end, text=article.text[start:end],
            value=StateValue(key=form.state, value=value, negated=bool(near),
                             words=article.text[tokens[first].start: tokens[last].end]),
            context=tokens[k].text if near else None,
        ))
    return mentions + _negated_words(article, sentence, negating, used, lexicon)


def _negated_words(article: Article, sentence: Sentence, negating: list[bool], used: set[int], lexicon: _Lexicon) -> list[Mention]:
    """"Kurzarbeit ist nicht vorgesehen", "no formal inquiry was opened": the words a negation stands by, each a
    yes/no fact with the value no (`generic`), for the same word stated without a negation in another article."""
    tokens = sentence.tokens
    mentions: list[Mention] = []
    for k, is_negation in enumerate(negating):
        if not is_negation or k in used:
            continue
        lo, hi = _clause(tokens, k, k)
        if any(t.lemma in lexicon.open_question for t in tokens[lo:k]):
            continue
        for j in _negated_by(tokens, k, lo, hi, negating, article.lang, lexicon):
            start, end = min(tokens[k].start, tokens[j].start), max(tokens[k].end, tokens[j].end)
            mentions.append(Mention(
                kind="state", doc=article.id, start=start, end=end, text=article.text[start:end], context=tokens[k].text,
                value=StateValue(key=tokens[j].lemma, value="no", negated=True, words=tokens[j].text, generic=True),
            ))
    return mentions


def _negated_by(tokens: list[Token], k: int, lo: int, hi: int, negating: list[bool], lang: str, lexicon: _Lexicon) -> list[int]:
    """Which words the negation at `k` denies. A determiner denies the noun after it ("keine Notbetreuung", "no
    formal inquiry"); "nicht"/"not" the word after it ("hat sich nicht geäußert", "had not been carrying a
    pilot"); a "nicht" that ends its clause or stands before a verb of existence, the nouns before it ("Eine
    Notbetreuung gibt es nicht", "wird es nicht geben")."""
    hi = next((j for j in range(k, hi) if tokens[j].lemma in lexicon.open_question), hi)  # "not clear whether ...": asked
    words = [j for j in range(lo, hi) if abs(j - k) <= lexicon.window and not negating[j]
             and _says_something(tokens[j], j, lang) and tokens[j].lemma not in lexicon.skipped]
    after = [j for j in words if j > k and tokens[j].lemma not in lexicon.existence]
    if lang == "de" and tokens[k].text.lower().startswith("kein"):
        return [j for j in after if tokens[j].text[:1].isupper()][:1]
    if after:
        return after[:NEGATED_WORDS]
    before = sorted((j for j in words if j < k and tokens[j].lemma not in lexicon.existence), reverse=True)
    if lang == "de":
        before = [j for j in before if tokens[j].text[:1].isupper()]
    return before[:NEGATED_WORDS]


def drop_named(mentions: list[Mention]) -> list[Mention]:
    """A negated name ("nicht in Kassel") is no yes/no fact: where a word of a person, organisation, place or date
    is what a negation stands by, the words around it say where or who, and other slots compare that."""
    named = [(m.start, m.end) for m in mentions if m.kind in ("person", "org", "place", "date")]
    return [m for m in mentions if not (m.kind == "state" and m.value.generic and any(
        a <= m.start + _word_offset(m) < b for a, b in named))]


def _word_offset(mention: Mention) -> int:
    """Where the state's own word stands in the mention's text."""
    at = mention.text.find(mention.value.words)
    return max(at, 0)


def affirmation(sentence: Sentence, index: int, lang: str, doc_text: str, doc: str) -> Mention | None:
    """The word at `index` stated without a negation in its clause: the yes of a word another article negates."""
    tokens, lexicon = sentence.tokens, _lexicon()
    token = tokens[index]
    if not _says_something(token, index, lang):
        return None
    lo, hi = _clause(tokens, index, index)
    negating = _negating(sentence)
    if any(negating[k] and abs(k - index) <= lexicon.window for k in range(lo, hi)):
        return None
    if any(t.lemma in lexicon.open_question for t in tokens[lo:index]):
        return None
    return Mention(kind="state", doc=doc, start=token.start, end=token.end, text=doc_text[token.start: token.end],
                   value=StateValue(key=token.lemma, value="yes", words=token.text, generic=True))


def extract(article: Article, sentences: list[Sentence]) -> list[Mention]:
    lexicon = _lexicon()
    return [m for sentence in sentences for m in _sentence_states(article, sentence, lexicon)]
