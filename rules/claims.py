"""Claim-level rules: disputes between parties, and one claim affirmed in one article and negated in another."""

from __future__ import annotations

from typing import Iterator, Optional

import re

from checker.extract.attribution import claim_nouns, continues, disputed_words, not_content, reported_speech, says_someone
from checker.models import Article, Claim, Finding, Modality, Severity
from rules.base import Rule, RuleContext
from checker.cues import _WORD, _stem, content_stems, different_events, same_wording, shared_entities

_QUOTE = re.compile(r"[«»„“”\"]")


def _speaker(claim: Claim) -> str:
    return claim.speaker or "unattributed"


def _party_statement(claim: Claim) -> bool:
    """A party speaks: a named source or a quotation ("…", he said), not the outlet's own narration."""
    return bool(claim.speaker) or bool(_QUOTE.search(claim.sentence.text))


def _focus(claim: Claim, article: Article) -> tuple[set[str], set[str]]:
    """Stems of what a claim denies or negates, before and after the cue; the names of the parties are who, not what."""
    names = {w for m in claim.mentions if m.kind in ("person", "org", "place") for w in _WORD.findall(m.text.lower())}
    names |= set(_WORD.findall((claim.speaker or "").lower())) | claim_nouns()  # who denies, and "diese Darstellung"
    if article.lang == "en":  # "Voltra denied ...": an English word never written in lower case is a name
        names |= {w.lower() for w in re.findall(r"\b[A-Z]\w+", article.text)} - set(re.findall(r"\b[a-z]\w+", article.text))
    before, after = disputed_words(claim.sentence.text, article.lang)
    return {_stem(w) for w in before if w not in names}, {_stem(w) for w in after if w not in names}


def _continuation(ctx: RuleContext, claim: Claim) -> list[Claim]:
    """The sentences that go on with a claim ("Es handle sich dabei um mehr als 1.000 Container"): the
    figures and details of what is disputed."""
    claims = ctx.claims_of(claim.doc)
    text = ctx.articles[claim.doc].text
    following: list[Claim] = []
    at = claims.index(claim)
    for previous, nxt in zip(claims[at:], claims[at + 1 :]):
        if not continues(text, previous.sentence.end, nxt.sentence.start):
            break
        following.append(nxt)
    return following


def _refers_back(claim: Claim, article: Article) -> bool:
    """A denial that says nothing of its own: "Die Bank wies das zurück", "He denied all charges",
    "Die Regierung widersprach:"; it answers what another party said just before."""
    before, after = _focus(claim, article)
    return claim.modality == Modality.denied and not (before | after)


def _meets(focus: set[str], words: set[str]) -> bool:
    # A whole short word meets the words it starts: "heat" meets "heatstroke" (stem "heats").
    return any(f == w or (len(f) < 5 and w.startswith(f)) for f in focus for w in words)


def _topic(claims: list[Claim]) -> set[str]:
    return set().union(*map(content_stems, claims)) - {_stem(w) for w in not_content() | claim_nouns()}


def _reported(claim: Claim) -> bool:
    return _party_statement(claim) or reported_speech(claim.sentence.text)


def _answered(ctx: RuleContext, denial: Claim, min_similarity: float) -> list[Claim]:
    """What a denial answers in its own article: the statements of another party just before it, in its
    paragraph or, when the denial opens one, in the paragraph before ("Verdi warnt vor 2.000
    Stellen. ¶ Die Bank wies das zurück."). A denial that refers back answers them all; one with
    words of its own only a statement those words meet, similar enough to be about one thing."""
    claims = ctx.claims_of(denial.doc)
    at = claims.index(denial)
    earlier = [c for c in claims[:at] if not c.sentence.heading]
    span = [c for c in earlier if c.sentence.paragraph == denial.sentence.paragraph]
    if not span and earlier:
        span = [c for c in earlier if c.sentence.paragraph == earlier[-1].sentence.paragraph]
    span = [c for c in span if c.modality in (Modality.asserted, Modality.hedged, Modality.negated)
            and _reported(c) and not _same_party(c, denial)][-4:]
    if _refers_back(denial, ctx.articles[denial.doc]):
        return span
    before, after = _focus(denial, ctx.articles[denial.doc])
    return [c for c in span[-1:] if _meets(before | after, content_stems(c)) and ctx.similarity(denial, c) >= min_similarity]


def _elaboration(ctx: RuleContext, denial: Claim, answered: list[Claim]) -> list[Claim]:
    """The denying party's own account right after its denial, in the same paragraph ("Die Stadt wies
    das zurück. Eine solche Empfehlung sei nie ausgesprochen worden, sagte die Baurätin.")."""
    claims = ctx.claims_of(denial.doc)
    following: list[Claim] = []
    for claim in claims[claims.index(denial) + 1 :][:3]:
        if claim.sentence.paragraph != denial.sentence.paragraph or not _reported(claim):
            break
        if any(_same_party(claim, a) for a in answered):
            break
        following.append(claim)
    return following


def _versions(ctx: RuleContext, claims: list[Claim]) -> list[Claim]:
    """Other articles' reports of the same statements: their aligned partners, close and said by a party."""
    ids = {c.id for c in claims}
    docs = {c.doc for c in claims}
    found = []
    for pair, a, b in ctx.aligned():
        for mine, other in ((a, b), (b, a)):
            if mine.id not in ids or other.doc in docs or other in found or other.sentence.heading or not _reported(other):
                continue
            # The same named party denying again elsewhere is its side; another speaker must say the same thing.
            same = _same_party(mine, other) and other.modality == Modality.denied \
                and pair.similarity >= ctx.threshold("counterclaim_similarity", 0.8)
            close = pair.similarity >= ctx.threshold("version_similarity", 0.85) and (
                ctx.language(mine) != ctx.language(other) or _meets(_topic([mine]), _topic([other])))
            if same or close:
                found.append(other)
    return found


def _party(claim: Claim) -> Optional[str]:
    # "Étienne Marchal" and later "Marchal": a party is known by its last word.
    return claim.speaker.split()[-1].lower() if claim.speaker else None


def _same_party(a: Claim, b: Claim) -> bool:
    return _party(a) is not None and _party(a) == _party(b)


def _names_party_unattributed(claim: Claim, denial: Claim) -> bool:
    """A claim naming the denying party with no one said to speak ("Die Militärdoktrin des Kreml sei
    defensiv") tells that party's side, not what it denies; "The regulator said the deal would harm
    Microsoft" is the regulator's."""
    party = _party(denial)
    return not claim.speaker and party is not None and not says_someone(claim.sentence.text) and any(
        m.kind in ("org", "person") and party in m.text.lower().split() for m in claim.mentions)


class ContestedClaim(Rule):
    """One party asserts what another denies; the report shows the dispute with both sides and their speakers.

    Pairs a claim carrying a denial ("weist ... zurück", "dementiert", "nicht auf Beweisen beruhen",
    "keine Rede sein", "denies", "no evidence") with the asserted claims of other articles that say
    what is denied: the words next to the denial cue, or enough shared content words. A party's plain
    negation ("X habe die Schließung nicht beschlossen, sagte der Sprecher") of what another party
    asserts is a dispute too. A denial that says nothing of its own ("Die Bank wies das zurück",
    "He denied all charges", "Die Regierung widersprach:") answers the other party's statements just
    before it in its article, and the denying party's account follows it; other articles' close
    versions of either side join that side. The outlets do not contradict each other: they report a
    dispute, so this is never an error.

    Why: editors must present contested claims as contested; a report that only says "X delivered
    weapons" while another outlet carries the denial is one-sided.

    Example: "Voltra Motors denied that it had concealed defects" vs "The regulator said Voltra Motors had concealed defects": info.
    """

    code = "FD501"
    name = "contested-claim"
    kind = "contested"
    default_severity = Severity.info

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        min_similarity = ctx.threshold("contested_similarity", 0.82)
        window = ctx.threshold("contested_window", 0.01)
        disputes: dict[tuple[str, str], tuple[list[Claim], dict[str, tuple[float, Claim]]]] = {}
        for denial in sorted(ctx.claims.values(), key=lambda c: c.id):
            answered: list[Claim] = []
            refers_back = False
            if denial.modality == Modality.denied:
                answered = _answered(ctx, denial, ctx.threshold("counterclaim_similarity", 0.8))
                # A denial that only refers back is about what it answers: its own words match anything.
                refers_back = _refers_back(denial, ctx.articles[denial.doc])
                asserted = [] if refers_back else self._asserted(ctx, denial, min_similarity, window)
            elif denial.modality == Modality.negated and _party_statement(denial):
                asserted = self._asserted(ctx, denial, ctx.threshold("counterclaim_similarity", 0.8), window)
            else:
                continue
            if not asserted and not answered:
                continue
            # "Firmensprecher Tobias Lange" and then "Lange": one party, one finding.
            # Unattributed denials are one party's only within a paragraph.
            party = _party(denial) or f"unattributed ¶{denial.sentence.paragraph}"
            # A denial with words of its own says itself what it holds; one that refers back needs its party's account.
            account = _elaboration(ctx, denial, answered) if answered and refers_back else []
            if answered and not any(_meets(_topic([denial, *account]), _topic([c])) for c in answered):
                answered = []  # the denying party's account is about something else than what came before
                if not asserted:
                    continue
            account = [denial, *account]
            if answered and refers_back:
                # What the denial answers is known: other articles take part through their versions of
                # it and of the denying party's account; the denial's own words say nothing.
                answered += [c for c in _versions(ctx, answered) if c.modality != Modality.denied]
                account += _versions(ctx, account)
            asserted += [(ctx.similarity(denial, c), c) for c in answered]
            denials, found = disputes.setdefault((denial.doc, party), ([], {}))
            denials.extend(c for c in (account if answered else [denial]) if c not in denials)
            for score, claim in asserted:
                if claim.id not in found or found[claim.id][0] < score:
                    found[claim.id] = (score, claim)
        for (doc, party), (denials, found) in sorted(disputes.items()):
            yield self._finding(ctx, _speaker(denials[0]), party, denials, sorted(found.values(), key=lambda sc: (sc[1].doc, sc[1].sentence.start)))

    @staticmethod
    def _asserted(ctx: RuleContext, denial: Claim, min_similarity: float, window: float) -> list[tuple[float, Claim]]:
        """Per other article, the asserted claim that says most nearly what is denied: shared content
        words and shared places, organisations and people first, firm over hedged, then similarity.

        The words next to the denial cue are what is denied: one of them met in the claim pairs a
        denial ("Von einer Einigung könne keine Rede sein" with "sei eine Einigung erzielt worden").
        A party's plain negation is weaker evidence of a dispute, so it needs two of them, half of them
        all and one of those after the negation (what is negated: "bei der Kundgebung wurde keiner
        verletzt" does not dispute "an der Kundgebung nahmen 300 Menschen teil"), and a claim of
        another party: one party repeating its own "no" is no dispute.
        """
        asserted = []
        denied_words = content_stems(denial)
        before, after = _focus(denial, ctx.articles[denial.doc])
        focus = before | after
        negation = denial.modality == Modality.negated
        for doc in ctx.partner_docs(denial.doc):
            scored = []
            for claim in ctx.claims_of(doc):
                if claim.modality not in (Modality.asserted, Modality.hedged) or claim.sentence.heading and not claim.speaker:
                    continue  # a headline is a teaser, unless it names who claims
                similarity = ctx.similarity(denial, claim)
                if similarity < min_similarity or different_events(denial, claim) and not denial.speaker:
                    continue
                if negation and _same_party(denial, claim) or _names_party_unattributed(claim, denial):
                    continue
                words = content_stems(claim)
                overlap = len(denied_words & words) + shared_entities(denial, claim)
                if negation:
                    disputes = len(focus & words) >= max(2, len(focus) / 2) and bool(after & words)
                else:
                    # What is denied must be met where the denial names it; words it shares elsewhere
                    # ("Die Regionalregierung widersprach ...") are the story's, not the dispute's.
                    met = _meets(focus, words) if focus else overlap >= 2
                    disputes = met or ctx.language(claim) != ctx.language(denial)
                if disputes:
                    # A denial disputes an assertion: "hat geliefert" outranks "könnte liefern".
                    firm = claim.modality == Modality.asserted
                    scored.append(((overlap, firm, similarity), claim))
            if scored:
                best = max(score for score, _ in scored)
                chosen = [(s[2], c) for s, c in scored if s[:2] == best[:2] and s[2] >= best[2] - window]
                asserted += chosen + [(score, more) for score, c in chosen for more in _continuation(ctx, c)]
        return asserted

    def _finding(self, ctx: RuleContext, speaker: str, party: str, denials: list[Claim], asserted: list[tuple[float, Claim]]) -> Finding:
        speakers = sorted({_speaker(c) for _, c in asserted} - {"unattributed"})
        shown = ", ".join(speakers[:3]) + (" and others" if len(speakers) > 3 else "") if speakers else "other sources"
        cues = ", ".join(dict.fromkeys(cue for d in denials for cue in d.cues)) or "denial"
        doc = denials[0].doc
        evidence = [(d, 0, f"denied by {speaker} ({cues})") for d in denials]
        evidence += [(c, 1, f"asserted by {_speaker(c)}") for _, c in asserted]
        others = len({c.doc for _, c in asserted} - {doc})
        message = f"Contested: {speaker} ({doc}) denies what {others} other article(s) report as asserted by {shown}"
        identity = [f"denial:{doc}:{speaker}", *sorted({c.doc for _, c in asserted})]
        if any(c.doc == doc for _, c in asserted):
            also = f" and {others} other article(s)" if others else ""
            message = f"Contested: {speaker} ({doc}) denies what {shown} assert(s), in its own article{also}"
            identity.append(party)  # two unattributed disputes in one article are two findings
        return self.finding(
            ctx,
            severity=self.default_severity,
            message=message,
            explanation=f"“{denials[0].sentence.text}” disputes a claim other articles carry; present it as a dispute between parties, with both sides.",
            confidence=max(s for s, _ in asserted),
            evidence=evidence,
            identity=identity,
        )


class NegationConflict(Rule):
    """The same claim is affirmed in one article and negated in another, with no party denying it.

    Only claims aligned as near-paraphrases (high similarity, mutual best match) count, and only when
    neither side is a denial by a party and the two sides are not said by two named parties (that
    is a contested claim). Embeddings cannot see negation, so the negation cue itself is what fires
    the rule.

    Why: "the minister attended" vs "the minister did not attend" is a direct contradiction that
    no figure or place check catches.

    Known problems: two near-identical sentences, one negated, are more often two different facts
    ("not injured" of the driver, "injured" of a passenger) than one fact told two ways, and the rule
    cannot tell them apart: on the labelled train and dev batches its warnings were right 1 time in 14
    (`factdiff eval --split train --split dev --folds 5`, docs/quality.md). So it reports info by
    default, a pair for an editor to read; `severity = { FD502 = "warning" }` makes it an alarm again.

    Example: "Der Minister nahm an der Sitzung teil" vs "Der Minister nahm nicht an der Sitzung teil": info.
    """

    code = "FD502"
    name = "negation-conflict"
    kind = "other"
    default_severity = Severity.info

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        min_similarity = ctx.threshold("negation_similarity", 0.92)
        for pair, a, b in ctx.aligned():
            modalities = {a.modality, b.modality}
            if not pair.mutual or pair.similarity < min_similarity or modalities != {Modality.negated, Modality.asserted}:
                continue
            if different_events(a, b) or not same_wording(a, b, min_ratio=ctx.threshold("negation_wording", 0.6)):
                continue
            if a.speaker and b.speaker and not _same_party(a, b):
                continue  # two named parties saying yes and no: a dispute, FD501's business
            negated, affirmed = (a, b) if a.modality == Modality.negated else (b, a)
            yield self.finding(
                ctx,
                severity=self.default_severity,
                message=f"Affirmed in {affirmed.doc}, negated in {negated.doc}",
                explanation=f"Near-identical claims (similarity {pair.similarity:.2f}), one with the negation “{', '.join(negated.cues)}”.",
                confidence=pair.similarity - 0.2,
                evidence=[(affirmed, 0, "affirmed"), (negated, 1, "negated")],
                identity=[f"{affirmed.doc}:{affirmed.sentence.text}", f"{negated.doc}:{negated.sentence.text}"],
            )


RULES = [ContestedClaim, NegationConflict]
