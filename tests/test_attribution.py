"""Speaker, modality and cues of single sentences, German and English."""

from __future__ import annotations

import pytest

from checker.extract.attribution import analyse, continues, disputed_words, reported_speech
from checker.models import Article, Modality, Sentence

A, H, N, D, P = Modality.asserted, Modality.hedged, Modality.negated, Modality.denied, Modality.proposed

CASES = [
    # seed sentences
    ("Der Kreml erklärte nun am Dienstag (17. Oktober), westliche Vorwürfe, dass Nordkorea Waffen an Russland liefere, "
     "würden nicht auf Beweisen beruhen.", "Kreml", D, ["nicht auf Beweisen beruhen"]),
    # A party denying a deed in the first person is a denial, not a plain negation.
    ("«Wir haben niemals Waffen oder Munition an Russland exportiert und wir planen auch nicht, diese zu exportieren», "
     "hiess es.", None, D, ["niemals", "nicht"]),
    ("„Wir werden nicht zögern, Sanktionen zu verhängen“, sagte die Ministerin.", "Ministerin", N, ["nicht"]),
    ("Nordkorea hat nach Angaben der US-Regierung Waffen an Russland für den Angriffskrieg gegen die Ukraine geliefert.",
     "US-Regierung", A, []),
    ("Nordkorea soll den USA zufolge heimlich eine «bedeutende» Menge Artilleriegeschosse an Russland verkauft haben.",
     "USA", H, ["soll"]),
    ("Man gehe davon aus, dass Pjöngjang Technologie wolle, sagte der Kommunikationsdirektor des Nationalen "
     "Sicherheitsrats, John Kirby.", "John Kirby", A, []),
    ("Es handle sich um mehr als 1.000 Container, hieß es am 13. Oktober 2023 aus dem Weißen Haus.", "Weißen Haus", A, []),
    ("Der Kreml weist Vorwürfe zurück, dass Nordkorea Waffen an Russland liefert.", "Kreml", D, ["weist Vorwürfe zurück"]),
    ("Seitens der USA besteht kein Zweifel daran, dass Kim Jong Un geholfen habe.", None, A, []),
    ("Laut Kirby haben Satellitenbilder gezeigt, dass Schiffe angekommen sind.", "Kirby", A, []),
    ("Kirby zufolge wollen die USA ihre Besorgnis zum Ausdruck bringen.", "Kirby", A, []),
    ("Nordkorea dürfte vor allem auf Raketen setzen, sagte Kirby.", "Kirby", H, ["dürfte"]),
    ("„Wir werden nicht zulassen, dass Nordkorea Russland unterstützt“, so Kirby.", "Kirby", N, ["nicht"]),
    ("Dies berichtete die Nachrichtenagentur Tass unter Berufung auf Kremlsprecher Dmitri Peskow.", "Dmitri Peskow", A, []),
    # other topics, German
    ("Die WHO teilte mit, es gebe keine Hinweise auf eine Pandemie.", "WHO", N, ["keine"]),
    ("Microsoft hat die Vorwürfe der britischen Wettbewerbsbehörde zurückgewiesen.", "Microsoft", D, ["zurückgewiesen"]),
    ("Der Trainer Thomas Tuchel sagte, die Mannschaft sei nicht in Form.", "Thomas Tuchel", N, ["nicht"]),
    ("Die EZB wird den Leitzins vermutlich erneut anheben.", None, H, ["vermutlich"]),
    ("Laut Polizei wurden drei Menschen verletzt.", "Polizei", A, []),
    ("Bei dem Brand kamen nach Angaben der Feuerwehr zwei Menschen ums Leben.", "Feuerwehr", A, []),
    ("Der Verein dementiert einen Wechsel des Stürmers.", "Verein", D, ["dementiert"]),
    ("Der Angeklagte bestreitet die Tat.", "Angeklagte", D, ["bestreitet"]),
    ("Die Regierung hat den Plan nicht nur vorgelegt, sondern auch beschlossen.", None, A, []),
    ("Der mutmaßliche Täter wurde am Montag festgenommen.", None, H, ["mutmaßliche"]),
    ("Russland hat angeblich Drohnen aus dem Iran erhalten.", None, H, ["angeblich"]),
    ("Das Unternehmen macht offenbar Verluste.", None, H, ["offenbar"]),
    ("Die Partei hat niemals Spenden aus Russland erhalten.", None, N, ["niemals"]),
    ("Bundeskanzler Olaf Scholz erklärte, Deutschland werde weitere Panzer liefern.", "Olaf Scholz", A, []),
    # a party's position: demands and offers differ between sides by design
    ("Die Gewerkschaft fordert sieben Prozent mehr Lohn bei einer Laufzeit von zwölf Monaten.", None, P, ["fordert"]),
    ("Die Arbeitgeber bieten 4,5 Prozent in zwei Stufen.", None, P, ["bieten"]),
    ("Der Vorstand schlägt den Aktionären eine Dividende von 1,20 Euro vor.", None, P, ["schlägt den Aktionären eine Dividende von 1,20 Euro vor"]),
    ("Das Angebot der Arbeitgeber sei nicht verhandelbar, sagte die Sprecherin.", "Sprecherin", N, ["nicht", "Angebot"]),
    # a party calling a claim untrue denies it
    ("Von einer Einigung könne keine Rede sein, sagte ein Sprecher.", "Sprecher", D, ["keine Rede sein"]),
    ("Wer das behauptet, sagt nicht die Wahrheit, erklärte der Verband.", "Verband", D, ["nicht die Wahrheit"]),
    ("Die Ursache des Brandes ist noch nicht bekannt.", None, N, ["nicht"]),
    ("Diese Darstellung sei unwahr, sagte die Anwältin.", "Anwältin", D, ["unwahr"]),
    ("Ein Rücktritt ist unwahrscheinlich.", None, A, []),
    # a denial that refers back, a contradiction, and what is not proven
    ("Die Reederei wies das zurück.", "Reederei", D, ["wies das zurück"]),
    ("Der Hersteller wies die Darstellung des Verbands zurück.", "Hersteller", D,
     ["wies die Darstellung des Verbands zurück"]),
    ("Das Ingenieurbüro wies jede Verantwortung von sich.", "Ingenieurbüro", D, ["wies jede Verantwortung von sich"]),
    ("Die Landesregierung widersprach: Es gebe keinen Beleg für einen Zusammenhang mit dem Lärm, erklärte ein Sprecher.",
     "Sprecher", D, ["widersprach", "keinen"]),
    ("Ein Zusammenhang mit dem Futter sei nicht nachgewiesen, sagte die Tierärztin.", "Tierärztin", D,
     ["nicht nachgewiesen"]),
    ("Es gebe keinen Fall, der nachweislich auf das Futter zurückgeht, sagte ein Sprecher.", "Sprecher", D,
     ["keinen Fall, der nachweislich"]),
]

CASES_EN = [
    ("North Korea has reportedly shipped artillery shells to Russia, according to the White House.", "White House", H,
     ["reportedly"]),
    ("The Kremlin denied the claims, Dmitry Peskov told reporters.", "Kremlin", D, ["denied"]),
    ("Apple may face fines, the EU Commission said.", "EU Commission", H, ["may"]),
    ("The company said the allegations were baseless.", None, D, ["baseless"]),
    ("There is no evidence that the vaccine causes autism, the CDC said.", "CDC", D, ["no evidence"]),
    ("The minister did not resign.", None, N, ["not"]),
    ("The striker won't play on Sunday, coach Xabi Alonso said.", "Xabi Alonso", N, ["won't"]),
    ("Inflation fell to 2.4 percent in May, Eurostat said.", "Eurostat", A, []),
    ("The suspect allegedly fled to Spain.", None, H, ["allegedly"]),
    ("No doubt the team played well, said the coach.", "coach", A, []),
    ("Prices might rise again next year.", None, H, ["might"]),
    ("The IAEA said the plant had never been damaged.", "IAEA", N, ["never"]),
    ("“We did not sell any weapons to Russia,” the Kremlin said.", "Kremlin", D, ["not"]),
    ("The union is demanding a 9 percent raise over two years.", None, P, ["demanding"]),
    ("Management offered 4 percent and a one-off payment.", None, P, ["offered"]),
    ("The committee proposed a ceiling of 30 kilometres per hour.", None, P, ["proposed"]),
    ("Residents called for a second bridge.", None, P, ["called for"]),
    ("That is simply not true, the minister said.", "minister", D, ["not true"]),
    ("The company said the report was untrue.", None, D, ["was untrue"]),
    ("Microsoft has maintained that the deal would not harm competition.", "Microsoft", N, ["not"]),
    ("The mayor denied all charges.", "mayor", D, ["denied"]),
    ("No case of poisoning has been proven to be linked to the plant.", None, D, ["No case of poisoning has been proven"]),
    ("A link to the factory has not been proven, Ortega said.", "Ortega", D, ["not been proven"]),
    ("The airline rejected the union's account.", None, D, ["rejected the union's account"]),
    ("The disputed border region was quiet on Monday.", None, A, []),
    ("The union is not telling the truth, Ortega said.", "Ortega", D, ["is not telling the truth"]),
]


@pytest.mark.parametrize("lang,text,speaker,modality,cues",
                         [("de", *case) for case in CASES] + [("en", *case) for case in CASES_EN])
def test_attribution(lang: str, text: str, speaker: str | None, modality: Modality, cues: list[str]) -> None:
    article = Article(id="d", path="d", text="x\n" + text, lang=lang)  # offsets must point into the whole file
    sentence = Sentence(doc="d", index=0, start=2, end=len(article.text), text=text)
    result = analyse(article, sentence)
    assert result.speaker == speaker
    if speaker is not None:
        start = article.text.index(speaker)
        assert result.speaker_span == (start, start + len(speaker))
    assert result.modality == modality
    assert result.cues == cues


@pytest.mark.parametrize("text,reported", [
    ("Es handle sich um mehr als 1.000 Container.", True),
    ("Die Lieferungen seien getarnt gewesen.", True),
    ("Ich habe das Spiel gesehen.", False),
    ("Die Container wurden verladen.", False),
])
def test_konjunktiv_marks_reported_speech(text: str, reported: bool) -> None:
    article = Article(id="d", path="d", text=text)
    assert analyse(article, Sentence(doc="d", index=0, start=0, end=len(text), text=text)).reported is reported


@pytest.mark.parametrize("text,says", [
    ("Die Behörde teilte mit, der Damm halte.", True),
    # an accusation is said by someone: the separable "wirft ... vor" only with its "vor"
    ("Die USA werfen Nordkorea vor, Waffen zu liefern.", True),
    ("Der Fall wirft Fragen auf.", False),
    ("The union accused the company of lying.", True),
    ("Die Militärdoktrin sei rein defensiver Natur.", False),
    ("So begann der Streik.", False),
])
def test_says_someone(text: str, says: bool) -> None:
    from checker.extract.attribution import says_someone

    assert says_someone(text) is says


def test_speaker_from_given_mentions_and_article_keys() -> None:
    from checker.extract.people import extract

    text = "Der Sprecher John Kirby äußerte sich.\nNordkorea dürfte Raketen liefern, sagte Kirby."
    article = Article(id="d", path="d", text=text)
    cut = text.index("Nordkorea")
    sentences = [Sentence(doc="d", index=0, start=0, end=cut - 1, text=text[: cut - 1]),
                 Sentence(doc="d", index=1, start=cut, end=len(text), text=text[cut:])]
    for mentions in (extract(article, sentences), None):
        result = analyse(article, sentences[1], mentions)
        assert (result.speaker, result.speaker_span, result.speaker_key) == (
            "Kirby", (text.rindex("Kirby"), len(text) - 1), "john kirby")
        assert (result.modality, result.cues) == (Modality.hedged, ["dürfte"])


@pytest.mark.parametrize("text,modality", [
    ("The world No. 1 won the final.", Modality.asserted),
    ("Germany is not only the largest economy but also the most populous state.", Modality.asserted),
    ("Die Regierung plant keine neuen Schulden.", Modality.negated),
])
def test_negation_exceptions(text: str, modality: Modality) -> None:
    article = Article(id="d", path="d", text=text, lang="en")
    assert analyse(article, Sentence(doc="d", index=0, start=0, end=len(text), text=text)).modality == modality


@pytest.mark.parametrize("lang,text,before,after", [
    # what is denied stands before the cue, within its clause; who denies is left out
    ("de", "Von einer Einigung könne keine Rede sein, sagte ein Sprecher.", ["einigung"], []),
    ("de", "Vorwürfe, dass die Firma Waffen liefere, würden nicht auf Beweisen beruhen.", ["firma", "waffen"], []),
    ("de", "Die Geschäftsführung habe die Schließung des Werks nicht beschlossen, sagte ein Sprecher.",
     ["geschäftsführung", "schließung", "werks"], ["beschlossen"]),
    ("en", "Microsoft has maintained that the deal would not harm competition.", ["deal"], ["harm", "competition"]),
    ("en", 'The agency said it had "found no evidence of any fraud" in the district.', ["found"], ["fraud"]),
    ("en", "The company said the report was untrue.", ["report"], []),
    ("en", "Ballots were not counted twice, Smith said.", ["ballots"], ["counted", "twice"]),
    # negations that leave a claim open, or state a norm, dispute nothing
    ("de", "Die Ursache des Brandes ist noch nicht bekannt.", [], []),
    ("en", "The project should never have been approved, she said.", [], []),
    ("en", "The mayor insisted the bridge was safe.", [], []),
    # a denying verb: before it stands who denies, after it (inside the cue too) what is denied; whose claim is not what
    ("de", "Die Reederei wies das zurück.", [], []),
    ("de", "Der Hersteller wies die Darstellung des Verbands zurück.", [], ["darstellung"]),
    ("de", "Heider wies Berichte über einen geplanten Stellenabbau zurück.", [], ["berichte", "geplanten", "stellenabbau"]),
    ("de", "Der Kreml weist Vorwürfe zurück, dass die Firma Waffen liefert.", [], ["vorwürfe", "firma", "waffen", "liefert"]),
    ("en", "The airline rejected the union's account.", [], ["account"]),
    ("en", "He denied wrongdoing throughout, saying he believed the loans were secured.", [], ["wrongdoing"]),
    ("en", "A link to the factory has not been proven, the agency said.", ["link", "factory"], []),
])
def test_disputed_words(lang: str, text: str, before: list[str], after: list[str]) -> None:
    assert disputed_words(text, lang) == (before, after)


@pytest.mark.parametrize("text,expected", [
    ("Nordkorea habe Waffen geliefert. Es handle sich dabei um mehr als 1.000 Container.", True),
    ("Die Firma habe Teile geliefert. Demnach gingen 400 Kisten nach Rotterdam.", True),
    ("The army said shells were shipped. This included 300 containers of ammunition.", True),
    ("Nordkorea habe Waffen geliefert.\nEs handle sich dabei um mehr als 1.000 Container.", False),  # a new paragraph
    ("Nordkorea habe Waffen geliefert. Der Kreml weist das zurück.", False),
])
def test_continuation(text: str, expected: bool) -> None:
    cut = text.index(".") + 1
    start = cut + len(text[cut:]) - len(text[cut:].lstrip())
    assert continues(text, cut, start) is expected


@pytest.mark.parametrize("text,reported", [
    ("„Wir haben nichts verschwiegen“, sagte sie.", True),
    ("Die Firma werde alle Unterlagen vorlegen.", True),
    ("The union says two workers died.", True),
    ("So endete der Streik am Abend.", False),
    ("Die Brücke wurde 1967 gebaut.", False),
])
def test_reported_speech(text: str, reported: bool) -> None:
    assert reported_speech(text) is reported
