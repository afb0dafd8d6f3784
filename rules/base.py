"""What a rule is: a small declared unit with a stable code, a default severity and a docstring.

A rule's docstring says what it checks, why it matters, and gives an example; `factdiff rules`
and docs/rules.md are generated from it. A rule sees the whole aligned batch through a
RuleContext and yields Findings; it never reads files or models itself.
"""

from __future__ import annotations

import hashlib
import inspect
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Iterator, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.models import AlignedPair, Article, Claim, Evidence, Finding, Mention, Severity


@dataclass
class RuleContext:
    articles: dict[str, Article]
    claims: dict[str, Claim]
    pairs: list[AlignedPair]
    thresholds: dict[str, Any] = field(default_factory=dict)
    vectors: dict[str, Any] = field(default_factory=dict)  # claim id -> unit vector, for similarity beyond alignment

    def __post_init__(self) -> None:
        self._cache: dict[str, Any] = {}
        self._by_doc: dict[str, list[Claim]] = {}
        for claim in sorted(self.claims.values(), key=lambda c: (c.doc, c.sentence.start)):
            self._by_doc.setdefault(claim.doc, []).append(claim)
        self._starts = {doc: [c.sentence.start for c in claims] for doc, claims in self._by_doc.items()}

    def claims_of(self, doc: str) -> list[Claim]:
        return self._by_doc.get(doc, [])

    def claim_of(self, mention: Mention) -> Optional[Claim]:
        index = bisect_right(self._starts.get(mention.doc, []), mention.start) - 1
        if index < 0:
            return None
        claim = self._by_doc[mention.doc][index]
        return claim if mention.start < claim.sentence.end else None

    def aligned(self) -> Iterator[tuple[AlignedPair, Claim, Claim]]:
        for pair in self.pairs:
            yield pair, self.claims[pair.a], self.claims[pair.b]

    def language(self, claim: Claim) -> str:
        return self.articles[claim.doc].lang

    def similarity(self, a: Claim, b: Claim) -> float:
        if a.id not in self.vectors or b.id not in self.vectors:
            return 0.0
        return float(self.vectors[a.id] @ self.vectors[b.id])

    def candidate_pairs(
        self, related: Callable[[Claim, Claim], bool], min_similarity: float
    ) -> Iterator[tuple[Claim, Claim, float, Optional[AlignedPair]]]:
        """Pairs of claims in different articles that `related` says report one event: aligned ones first.

        Alignment keeps each claim's best partner; one event is often told in several sentences of an
        article, so event rules also look past the best partner, gated by similarity.
        """
        seen = set()
        for pair, a, b in self.aligned():
            seen.update({(a.id, b.id), (b.id, a.id)})
            if related(a, b):
                yield a, b, pair.similarity, pair
        for a, b in self._sharing_participants():
            if (a.id, b.id) in seen:
                continue
            seen.update({(a.id, b.id), (b.id, a.id)})
            score = self.similarity(a, b)
            if score >= min_similarity and related(a, b):
                yield a, b, score, None

    def paired_docs(self) -> set[frozenset[str]]:
        """Article pairs that alignment connected at least once: other articles tell other stories."""
        return self.shared(
            "paired_docs", lambda: {frozenset((self.claims[p.a].doc, self.claims[p.b].doc)) for p in self.pairs}
        )

    def partner_docs(self, doc: str) -> list[str]:
        """The articles alignment connected with `doc`, sorted."""

        def partners() -> dict[str, list[str]]:
            found: dict[str, set[str]] = {}
            for a, b in map(sorted, self.paired_docs()):
                found.setdefault(a, set()).add(b)
                found.setdefault(b, set()).add(a)
            return {d: sorted(others) for d, others in found.items()}

        return self.shared("partner_docs", partners).get(doc, [])

    def _sharing_participants(self) -> Iterator[tuple[Claim, Claim]]:
        """Claim pairs of aligned articles naming a common person or organisation word (an index, not all pairs)."""
        by_doc: dict[str, dict[str, list[Claim]]] = {}
        for claim in self.claims.values():
            for mention in claim.mentions:
                if mention.kind in ("person", "org"):
                    for word in mention.value.key.split():
                        by_doc.setdefault(claim.doc, {}).setdefault(word, []).append(claim)
        for pair in sorted(self.paired_docs(), key=sorted):
            doc_a, doc_b = sorted(pair)
            words_a, words_b = by_doc.get(doc_a, {}), by_doc.get(doc_b, {})
            emitted = set()
            for word in sorted(words_a.keys() & words_b.keys()):
                for a in {c.id: c for c in words_a[word]}.values():
                    for b in {c.id: c for c in words_b[word]}.values():
                        if (a.id, b.id) not in emitted:
                            emitted.add((a.id, b.id))
                            yield a, b

    def threshold(self, name: str, default: Any) -> Any:
        return self.thresholds.get(name, default)

    def shared(self, name: str, compute: Callable[[], Any]) -> Any:
        """Computed once per check and shared by the rules that need it (FD101 and FD102 compare the same figures)."""
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]


class Rule:
    """A rule that reads the whole batch itself (naming variants, disputes). Rules that judge whether
    two values of one fact disagree are SlotRules: the verdicts stage decides for them."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, e.g. "quantity-conflict"
    kind: ClassVar[str]  # what the finding is about: quantity, location, place_name, ...
    default_severity: ClassVar[Severity]
    # A preview rule runs only with `preview = true`, judged by the preview decision model, which knows its slots:
    # its readings are in, but the refit that weighs them did not yet score better on unseen batches.
    preview: ClassVar[bool] = False

    def __init__(self, severity: Optional[Severity] = None) -> None:
        self.severity_override = severity

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].replace("\n", " ")

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    def severity(self, proposed: Severity) -> Severity:
        """A severity configured for the rule replaces the one the rule proposes."""
        return self.severity_override or proposed

    def finding(
        self,
        ctx: RuleContext,
        *,
        severity: Severity,
        message: str,
        explanation: str,
        confidence: float,
        evidence: list[tuple[Mention | Claim, Optional[int], str]],
        identity: Iterable[str],
    ) -> Finding:
        """Build a finding; `identity` holds the normalised values that make it this finding."""
        return Finding(
            id=fingerprint(self.code, identity, {m.doc for m, _, _ in evidence}),
            rule=self.code,
            kind=self.kind,
            severity=self.severity(severity),
            message=message,
            explanation=explanation,
            confidence=round(max(0.0, min(1.0, confidence)), 3),
            evidence=[to_evidence(ctx, m, side, value) for m, side, value in evidence],
        )


def fingerprint(code: str, identity: Iterable[str], docs: Iterable[str]) -> str:
    """Stable across edits elsewhere in an article: rule, normalised values and article ids, never offsets."""
    material = "\x1f".join([code, *sorted(set(identity)), *sorted(set(docs))])
    return f"{code}-{hashlib.sha256(material.encode()).hexdigest()[:12]}"


def to_evidence(ctx: RuleContext, item: Mention | Claim, side: Optional[int], value: str) -> Evidence:
    """A mention is cited as its own words; a claim as a whole is cited as its sentence."""
    if isinstance(item, Claim):
        start, end, sentence = item.sentence.start, item.sentence.end, item.sentence.text
    else:
        claim = ctx.claim_of(item)
        start, end, sentence = item.start, item.end, claim.sentence.text if claim else item.text
    return Evidence(
        doc=item.doc, start=start, end=end, text=ctx.articles[item.doc].text[start:end], sentence=sentence,
        value=value, side=side,
    )


class RuleSettings(BaseModel):
    """A rule's typed settings, from `[tool.factdiff.rules.<CODE>]`: a misspelt key is an error."""

    model_config = ConfigDict(extra="forbid")

    warning_at: Optional[float] = Field(None, ge=0.0, le=1.0)  # overrides the policy's warning bar for this rule
    error_at: Optional[float] = Field(None, ge=0.0, le=1.0)  # overrides the policy's error bar for this rule


class SlotRule(Rule):
    """A rule over candidate pairs of one slot kind: it declares what it checks and how a finding reads;
    the candidates stage, the value comparison, the decision model and the policy do the rest
    (checker/verdicts.py). Subclasses set `slot_kind` and may extend `Settings`."""

    slot_kind: ClassVar[str]
    Settings: ClassVar[type[RuleSettings]] = RuleSettings
    updates: ClassVar[bool] = False  # True: the rule reports running counts given later differently

    def __init__(self, severity: Optional[Severity] = None, settings: Optional[dict[str, Any]] = None) -> None:
        super().__init__(severity)
        try:
            self.settings = self.Settings(**(settings or {}))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ValueError(f"[tool.factdiff.rules.{self.code}]: {problems}") from None

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        return ()  # decided by the verdicts stage

    def message(self, sides: list[list[str]], subject: str) -> str:
        """One line: the values of each side, and what they are values of."""
        return f"{self.title} for {subject}: " + " vs ".join(" / ".join(dict.fromkeys(side)) for side in sides)

    title: ClassVar[str] = "Conflicting values"
