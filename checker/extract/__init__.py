"""Extract stage: typed mentions and claims from segmented articles.

Every extractor module exposes ``extract(article, sentences) -> list[Mention]``:
it sees the whole article (so it can resolve "Scholz" after "Olaf Scholz", or
"am Freitag" against the publication date) and returns mentions whose offsets
point into ``article.text``.
"""

from __future__ import annotations

import importlib
from typing import Callable

from checker.models import Article, Claim, InputProblem, Mention, Sentence

# Order matters only for reading: each extractor works on its own.
EXTRACTORS = ("quantities", "ages", "dates", "places", "people", "states")


def _extractor(name: str) -> Callable[[Article, list[Sentence]], list[Mention]]:
    return importlib.import_module(f"checker.extract.{name}").extract


def extract_claims(article: Article, sentences: list[Sentence], problems: list[InputProblem]) -> list[Claim]:
    """One claim per kept sentence, carrying its mentions, speaker, modality and event time."""
    from checker.extract.attribution import analyse

    mentions: list[Mention] = []
    for name in EXTRACTORS:
        try:
            mentions.extend(_extractor(name)(article, sentences))
        except Exception as exc:  # one extractor's failure must not hide the rest of the article
            problems.append(
                InputProblem(path=article.path, message=f"{name} extractor failed on article {article.id}: {exc!r}", skipped=False)
            )
    from checker.extract.ages import supersede
    from checker.extract.states import drop_named

    mentions = drop_named(supersede(mentions))
    claims = []
    for sentence in sentences:
        inside = sorted(
            (m for m in mentions if sentence.start <= m.start < sentence.end), key=lambda m: (m.start, -m.end)
        )
        attribution = analyse(article, sentence, mentions)
        dates = [m.value for m in inside if m.kind == "date" and m.value.resolved]
        claims.append(
            Claim(
                id=f"{article.id}#{sentence.index}",
                doc=article.id,
                sentence=sentence,
                mentions=inside,
                speaker=attribution.speaker,
                speaker_span=attribution.speaker_span,
                modality=attribution.modality,
                cues=list(attribution.cues),
                event_time=dates[0] if dates else None,
            )
        )
    return claims
