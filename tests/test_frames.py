"""The frames stage on small invented texts: what each claim's frame says beyond its slots."""

from __future__ import annotations

from checker.frames import build_frames
from checker.models import Article, Frame


def frames_of_text(text: str, lang: str = "de", doc: str = "a") -> tuple[Article, list[Frame]]:
    from checker.annotate import annotate
    from checker.extract import extract_claims
    from checker.segment import segment

    article = Article(id=doc, path=f"{doc}.txt", text=text, lang=lang)
    sentences = segment(article)
    annotate(article, sentences)
    claims = extract_claims(article, sentences, [])
    return article, build_frames(article, claims)


def test_a_frame_says_where_its_claim_stands_in_its_article():
    text = " ".join(f"Satz {n} erzählt von der Sitzung des Rates am Dienstag." for n in ("eins", "zwei", "drei", "vier", "fünf", "sechs"))
    _, frames = frames_of_text(text)
    assert [f.lead for f in frames] == [True, True, True, True, False, False]
    assert frames[0].position == 0.0 and 0.5 < frames[-1].position < 1.0
