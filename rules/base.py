"""What a rule is: a small declared unit with a stable code, a default severity and a docstring.

A rule's docstring says what it checks, why it matters, and gives an example; `factdiff rules`
and docs/rules.md are generated from it. A rule sees the whole aligned batch through a
RuleContext and yields Findings; it never reads files or models itself.
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator, Optional

from checker.models import AlignedPair, Article, Claim, Evidence, Finding, Mention, Severity


@dataclass
class RuleContext:
    articles: dict[str, Article]
    claims: dict[str, Claim]
    pairs: list[AlignedPair]
    thresholds: dict[str, Any] = field(default_factory=dict)

    def claims_of(self, doc: str) -> list[Claim]:
        return [c for c in self.claims.values() if c.doc == doc]

    def claim_of(self, mention: Mention) -> Optional[Claim]:
        for claim in self.claims.values():
            if claim.doc == mention.doc and claim.sentence.start <= mention.start < claim.sentence.end:
                return claim
        return None

    def aligned(self) -> Iterator[tuple[AlignedPair, Claim, Claim]]:
        for pair in self.pairs:
            yield pair, self.claims[pair.a], self.claims[pair.b]

    def threshold(self, name: str, default: Any) -> Any:
        return self.thresholds.get(name, default)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, e.g. "quantity-conflict"
    kind: ClassVar[str]  # what the finding is about: quantity, location, place_name, ...
    default_severity: ClassVar[Severity]

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
        """A configured override replaces the rule's own choice; never raises info findings' stakes silently."""
        return self.severity_override or proposed

    def finding(
        self,
        ctx: RuleContext,
        *,
        severity: Severity,
        message: str,
        explanation: str,
        confidence: float,
        evidence: list[tuple[Mention, Optional[int], str]],
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


def to_evidence(ctx: RuleContext, mention: Mention, side: Optional[int], value: str) -> Evidence:
    claim = ctx.claim_of(mention)
    article = ctx.articles[mention.doc]
    return Evidence(
        doc=mention.doc,
        start=mention.start,
        end=mention.end,
        text=article.text[mention.start : mention.end],
        sentence=claim.sentence.text if claim else mention.text,
        value=value,
        side=side,
    )
