"""Every data model of factdiff, in one place.

Data flows one way: ingest -> segment -> annotate -> extract -> frames -> embed -> candidates ->
verdicts (rules and the decision model) -> report.
Each stage consumes and produces the models below; offsets are always character
offsets into the article file's text as read (UTF-8, front matter included).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

REPORT_SCHEMA_VERSION = "1.4"  # 1.1: findings carry the probability and gate trace of their verdict; 1.2: a date value says whether it was read from a weekday name alone; 1.3: and whether it is a deadline; a place below the gazetteer is of kind "local" with its local_kind; 1.4: a yes/no fact (state: key, value, negated), slot kind "state"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- ingest


class Granularity(str, Enum):
    time = "time"
    day = "day"
    week = "week"
    month = "month"
    season = "season"
    year = "year"
    range = "range"


class DateValue(Model):
    """A closed interval of calendar days [start, end] and how precisely it was stated."""

    type: Literal["date"] = "date"
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    granularity: Granularity = Granularity.day
    time: Optional[str] = None  # "06:45" when a time of day was stated
    time_span: Optional[tuple[str, str]] = None  # the clock window a part of the day stands for ("17:00", "24:00")
    time_qualifier: Optional[str] = None  # "about" | "shortly_after" | "shortly_before", as stated before the time
    time_zone: Optional[str] = None  # key in checker/data/time_zones.yaml of the clock named after the time ("GMT")
    stamp: bool = False  # a time a text was written or updated ("Stand: 10.15 Uhr"), not when anything happened
    resolved: bool = True  # False: relative or partial and no anchor to resolve it against
    anchor: Optional[str] = None  # how it was resolved ("relative to publication date 2023-10-17")
    weekday_only: bool = False  # resolved from a weekday name alone: the same weekday of a week before or after is as likely
    deadline: bool = False  # after "bis", "by", "until": the day something is due or had happened by, a bound, not an event's day


class Article(Model):
    id: str
    path: str  # path of the file the article came from, as given to ingest
    text: str  # the whole file text as read; all offsets point into it
    body_start: int = 0  # offset where the text after front matter starts
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    lang: str = "de"  # "de" | "en"
    lang_detected: bool = False
    published: Optional[DateValue] = None
    published_from: Optional[str] = None  # "front matter" | "header line: ..." | None (unknown)
    dateline: Optional[tuple[int, int]] = None  # span of a header date line: metadata, not a claim
    record: Optional[int] = None  # line number in a .jsonl file


class InputProblem(Model):
    """Bad input: the file, the problem, and whether the article was still checked."""

    path: str
    message: str
    skipped: bool = True


# --------------------------------------------------------------------------- segment


class Token(Model):
    """One word, number or sign of a sentence, with its lemma (simplemma, per article language)."""

    text: str
    start: int  # article offsets
    end: int
    lemma: str  # lower case; a number's digits as written
    is_number: bool = False
    particle: bool = False  # a German separable verb's particle ("nahm ... fest"); its lemma is the joined verb's


class Sentence(Model):
    doc: str
    index: int  # position within the article's kept sentences
    start: int
    end: int
    text: str
    paragraph: int = 0
    heading: bool = False  # a headline or sub-heading: no verb, often a teaser
    tokens: list[Token] = Field(default_factory=list)  # filled by the annotate stage


# --------------------------------------------------------------------------- extract


class Interval(Model):
    """A numeric interval; None means unbounded on that side."""

    low: Optional[float] = None
    high: Optional[float] = None
    low_closed: bool = True
    high_closed: bool = True

    def overlaps(self, other: "Interval") -> bool:
        if self.low is not None and other.high is not None:
            if self.low > other.high or (self.low == other.high and not (self.low_closed and other.high_closed)):
                return False
        if other.low is not None and self.high is not None:
            if other.low > self.high or (other.low == self.high and not (other.low_closed and self.high_closed)):
                return False
        return True

    def contains(self, other: "Interval") -> bool:
        """Every value of `other` lies in this interval (closedness ignored: rounding makes it moot)."""
        low_ok = self.low is None or (other.low is not None and other.low >= self.low)
        high_ok = self.high is None or (other.high is not None and other.high <= self.high)
        return low_ok and high_ok

    def describe(self) -> str:
        lo, hi = self.low, self.high
        if lo is not None and hi is not None and lo == hi:
            return f"= {_fmt(lo)}"
        if lo is None and hi is None:
            return "any amount"
        if hi is None:
            return f"{'≥' if self.low_closed else '>'} {_fmt(lo)}"
        if lo is None or lo == 0:
            return f"{'≤' if self.high_closed else '<'} {_fmt(hi)}"
        return f"{'[' if self.low_closed else '('}{_fmt(lo)}, {_fmt(hi)}{']' if self.high_closed else ')'}"


def _fmt(x: Optional[float]) -> str:
    if x is None:
        return "∞"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


class QuantityValue(Model):
    type: Literal["quantity"] = "quantity"
    interval: Interval  # in the unit as stated
    qualifier: Optional[str] = None  # "more_than" | "up_to" | "about" | "at_least" | ... as stated
    qualifier_text: Optional[str] = None  # "mehr als"
    vague: bool = False  # "Hunderte", "mehrere", "dozens": an order of magnitude, not a figure
    unit: Optional[str] = None  # pint unit name ("kilometer") or currency code ("USD") or None for counts
    dimension: Optional[str] = None  # "length" | "mass" | "currency:USD" | "count" ...
    base_interval: Optional[Interval] = None  # converted to the dimension's base unit
    precision: Optional[float] = None  # place value of the last stated digit, in base units (0.1e9 for "68,7 Mrd.")
    counted: Optional[str] = None  # the thing counted or measured, as written ("Container")
    counted_key: Optional[str] = None  # normalised ("container"); for an amount, what it measures ("profit previous")
    scope: Optional[str] = None  # an amount's stated period and basis ("period=quarter"); see extract/measured.py
    partitive: Optional[Literal["part", "whole"]] = None  # "zwei der vier Waggons": zwei is the part, vier the whole


class PlaceValue(Model):
    type: Literal["place"] = "place"
    key: str  # stable identifier: "geonames:2039557" or "alias:vostochny-cosmodrome" or "country:KP"
    canonical: str  # "Gdańsk"
    kind: str = "place"  # "country" | "admin" | "city" | "facility" | "region" | "place" | "local"
    country: Optional[str] = None  # ISO 3166-1 alpha-2
    ancestors: list[str] = Field(default_factory=list)  # keys of containing places, nearest first
    lat: Optional[float] = None
    lon: Optional[float] = None
    variant_of: list[str] = Field(default_factory=list)  # why names are one place ("romanisation of")
    local_kind: Optional[str] = None  # a place below the gazetteer (kind "local"): "site", "settlement", "water", "height"


class PersonValue(Model):
    type: Literal["person"] = "person"
    key: str  # normalised full name ("kim jong un")
    canonical: str


class OrgValue(Model):
    type: Literal["org"] = "org"
    key: str
    canonical: str


class RoleValue(Model):
    type: Literal["role"] = "role"
    key: str  # normalised role phrase
    holder: Optional[str] = None  # person key the role is attached to


class StateValue(Model):
    """A yes/no fact or one of a closed set of values (checker/data/states.yaml): "wurde nicht festgenommen"
    is the state "arrested" with the value "no"."""

    type: Literal["state"] = "state"
    key: str  # the state ("arrested", "operating", "vote")
    value: str  # the value that holds, a negation applied: "yes" | "no" | a named value ("abstain")
    negated: bool = False  # a negation turned the words' value: "nicht festgenommen" (no), "not abstained" (not abstain)
    words: str = ""  # the state's own words as written, without the negation ("festgenommen")
    generic: bool = False  # no state of the lexicon: a word negated ("keine Notbetreuung"), or that word stated elsewhere


MentionValue = Annotated[
    Union[QuantityValue, DateValue, PlaceValue, PersonValue, OrgValue, RoleValue, StateValue],
    Field(discriminator="type"),
]


class Mention(Model):
    kind: Literal["quantity", "date", "place", "person", "org", "role", "state"]
    doc: str
    start: int
    end: int
    text: str
    value: MentionValue
    context: Optional[str] = None  # the words around it that the extractor used (preposition, cue)
    unresolved: Optional[str] = None  # what could not be resolved, said plainly


class Modality(str, Enum):
    asserted = "asserted"
    hedged = "hedged"  # soll, dürfte, offenbar, reportedly
    negated = "negated"
    denied = "denied"  # a party rejects a claim: dementiert, weist zurück, denies
    proposed = "proposed"  # a party's demand, offer or proposal: a position, not a fact (fordert, bietet, proposes)


class Claim(Model):
    id: str  # "<doc>#<sentence index>"
    doc: str
    sentence: Sentence
    mentions: list[Mention] = Field(default_factory=list)
    speaker: Optional[str] = None
    speaker_span: Optional[tuple[int, int]] = None
    modality: Modality = Modality.asserted
    cues: list[str] = Field(default_factory=list)  # the hedge/negation/denial words found
    event_time: Optional[DateValue] = None

    def of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]


class Analysis(Model):
    """What reading one article gave: its claims and the problems met, as the analysis cache keeps them."""

    sentences: int
    claims: list[Claim] = Field(default_factory=list)
    problems: list[InputProblem] = Field(default_factory=list)


# --------------------------------------------------------------------------- align


class AlignedPair(Model):
    a: str  # claim id
    b: str
    similarity: float
    margin: float  # how far the pair stands above each side's next best candidate
    shared: list[str] = Field(default_factory=list)  # shared entity keys or counted nouns
    mutual: bool = True


# --------------------------------------------------------------------------- frames


SlotKind = Literal["figure", "age", "date", "time", "place", "holder", "state", "speaker"]


class Slot(Model):
    """One comparable value of a claim, with what it is a value of: the unit rules and the decision read."""

    id: str  # "<claim id>/<position of the mention in the claim>"
    kind: SlotKind
    claim: str
    doc: str
    mention: Mention
    measure: Optional[str] = None  # figure: the concept or head lemma of what is measured ("dead", "magnitude"); holder: the role; state: the state or negated word; speaker: "statement"
    measure_lemmas: list[str] = Field(default_factory=list)  # the lemmas that named it, across both sides of the number
    modifiers: list[str] = Field(default_factory=list)  # lemmas that narrow the referent ("schwer", "previous", "pro")
    context: list[str] = Field(default_factory=list)  # content lemmas of the slot's own clause, the value left out
    role: Optional[str] = None  # place: venue | origin | destination | residence | felt | comparison | other
    background: bool = False  # said of an earlier event (a look back, a date long before publication)
    forecast: bool = False  # said of something ahead (a plan, an expectation, a date after publication)
    ambiguity: int = 1  # slots of this kind in the claim: which one another article's value is about is less sure


class Frame(Model):
    """What one claim says, typed: its event, participants, places, time, speaker, modality and slots."""

    claim: str
    doc: str
    lang: str
    lemmas: list[str] = Field(default_factory=list)  # content lemmas outside names, numbers and dates
    event_classes: list[str] = Field(default_factory=list)  # events.yaml classes the claim reports
    things: list[str] = Field(default_factory=list)  # the story's own thing ("the fire") the claim speaks of
    participants: list[str] = Field(default_factory=list)  # person and organisation keys
    places: list[str] = Field(default_factory=list)  # place keys
    countries: list[str] = Field(default_factory=list)  # the countries its clock times are read in: its places', else its article's
    speaker: Optional[str] = None
    modality: Modality = Modality.asserted
    heading: bool = False
    lead: bool = False  # among its article's first sentences, where a story's main facts stand
    position: float = 0.0  # how far into its article it stands: its sentence's index over the article's claims
    background: bool = False
    forecast: bool = False
    published: Optional[dt.date] = None
    published_time: Optional[str] = None
    slots: list[Slot] = Field(default_factory=list)


# --------------------------------------------------------------------------- candidates and verdicts


class Gate(Model):
    """One decision step on a candidate pair, as `factdiff explain` shows it."""

    name: str  # "proposed" | "comparable" | "values" | "model" | "policy" | ...
    passed: bool
    detail: str


class Candidate(Model):
    """Two slots of different articles proposed as possibly one fact, with everything decided about them."""

    a: str  # slot ids
    b: str
    kind: SlotKind
    reasons: list[str]  # why the pair was proposed: aligned, neighbour, same_measure, shared_participant, same_thing
    relation: Optional[str] = None  # disjoint | differs | compatible | same | incomparable
    relation_detail: Optional[str] = None
    features: dict[str, float] = Field(default_factory=dict)
    probability: Optional[float] = None  # that this disagreement is a real contradiction of one fact
    rule: Optional[str] = None  # the rule whose verdict this is
    verdict: str = "none"  # error | warning | info | none
    gates: list[Gate] = Field(default_factory=list)


# --------------------------------------------------------------------------- rules and report


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Evidence(Model):
    doc: str
    start: int
    end: int
    text: str  # exactly article.text[start:end]
    sentence: str
    value: Optional[str] = None  # the normalised value this mention stands for
    side: Optional[int] = None  # mentions with the same side agree with each other


class Finding(Model):
    id: str  # stable fingerprint: rule, normalised values and article ids; never offsets
    rule: str
    kind: str  # "quantity" | "location" | "place_name" | ...
    severity: Severity
    message: str
    explanation: str
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence]
    decision: Optional[str] = None  # "confirmed" when a decisions file says so (dismissed ones are suppressed)
    probability: Optional[float] = None  # the decision model's probability that this is one fact told two ways
    trace: list[Gate] = Field(default_factory=list)  # how the verdict was reached (factdiff explain)


class ArticleSummary(Model):
    id: str
    path: str
    title: Optional[str] = None
    source: Optional[str] = None
    lang: str
    published: Optional[DateValue] = None
    published_from: Optional[str] = None
    sentences: int
    claims: int


class Report(Model):
    schema_version: str = REPORT_SCHEMA_VERSION
    tool: str = "factdiff"
    tool_version: str
    batch: str
    model: str
    articles: list[ArticleSummary]
    problems: list[InputProblem] = Field(default_factory=list)
    findings: list[Finding]
    suppressed: int = 0
