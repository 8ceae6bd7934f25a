"""Tagger classes found when a researcher ran the workbench on a study of their own (own sentences).

Each case is a class, written in both languages where the language has it: a preposition that
negates only its own object, interview meta-talk (a late start, a camera or connection), a
recommendation denied to anyone, hindsight about what the company could have done, praise said
as a denied comparative, time a problem cost, something that used to be free, and a sign-off
('Super, bedankt.').
"""

import pytest

from workbench.nlp import tag_texts


def tagged(texts, lang):
    return tag_texts(texts, lang=lang)


CASES = {
    # (text, pain_point, need, sentiment sign: -1 negative, 0 neutral, 1 positive, None any)
    "nl": [
        ("Een abonnement zonder groepslessen zou fijn zijn.", 0, 1, None),
        ("Een goedkoper abonnement zonder groepslessen zou fijn zijn.", 0, 1, None),
        ("Alles verliep zonder problemen.", 0, 0, 1),
        ("Camera doet het niet, sorry, laptop van de zaak.", 0, 0, 0),
        ("Beetje laat, sorry, de trein had vertraging.", 0, 0, 0),
        ("Sorry dat ik zo laat ben.", 0, 0, 0),
        ("Hoor je me? Mijn verbinding is slecht.", 0, 0, 0),
        ("Sorry, de bezorging was veel te laat.", 1, 0, -1),
        ("De camera van mijn nieuwe telefoon doet het niet.", 1, 0, -1),
        ("Ik kan deze bank niemand aanraden.", 1, 0, -1),
        ("Ik kan ze iedereen aanraden.", 0, 0, 1),
        ("Ze hadden me op zijn minst een herinnering kunnen sturen.", 1, 0, -1),
        ("Dan hadden ze me kunnen bellen.", 1, 0, -1),
        ("Ze hadden het niet beter kunnen doen.", 0, 0, 1),
        ("Ze hadden niet vriendelijker kunnen zijn.", 0, 0, 1),
        ("Dat kostte me drie weken.", 1, 0, -1),
        ("Het kost 20 euro per maand.", 0, 0, 0),
        ("Je moet nu betalen voor parkeren. Dat was eerst gratis.", 1, 0, -1),
        ("Vroeger was parkeren gratis.", 1, 0, -1),
        # a sign-off is no thought of the journey ('Super, bedankt.' once became a quote on the map)
        ("Super, bedankt. Fijne dag nog!", 0, 0, 0),
        ("Top, dank je wel!", 0, 0, 0),
        ("Een vegan schap zou fijn zijn, bedankt.", 0, 1, None),
        ("Succes met je onderzoek!", 0, 0, 0),
        ("Super bedankt voor de snelle hulp!", 0, 0, 1),
    ],
    "en": [
        ("A cheaper plan without group classes would be nice.", 0, 1, None),
        ("Delivered without any problems.", 0, 0, 1),
        ("Sorry I'm late, the train was delayed.", 0, 0, 0),
        ("Sorry, my camera isn't working, it's a work laptop.", 0, 0, 0),
        ("Running late, sorry, traffic was awful.", 0, 0, 0),
        ("You're breaking up a bit, can you hear me?", 0, 0, 0),
        ("Sorry, the delivery was way too late.", 1, 0, -1),
        ("Yeah he's running late, maybe he'll be there at 7.", 1, 0, -1),
        ("I can't recommend this bank to anyone.", 1, 0, -1),
        ("I can't recommend them enough.", 0, 0, 1),
        ("I cannot recommend this place highly enough.", 0, 0, 1),
        ("They could at least have sent me a reminder.", 1, 0, -1),
        ("They couldn't have been more helpful.", 0, 0, 1),
        ("It cost me three weeks.", 1, 0, -1),
        ("Parking used to be free.", 1, 0, -1),
        ("Great, thanks. Have a good one!", 0, 0, 0),
        ("Okay, thank you!", 0, 0, 0),
        ("A vegan section would be lovely, thanks.", 0, 1, None),
        ("Good luck with your research.", 0, 0, 0),
        ("Thanks so much for the quick help, great service!", 0, 0, 1),
    ],
}


def _sign(x: float) -> int:
    return 0 if abs(x) < 0.15 else (1 if x > 0 else -1)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_user_study_classes(lang):
    cases = CASES[lang]
    out = tagged([c[0] for c in cases], lang)
    got = [(t, int(p), int(n), None if s is None else _sign(float(v)))
           for (t, _, _, s), p, n, v in zip(cases, out["pain_point"], out["need"], out["sentiment"], strict=True)]
    want = [(t, p, n, s) for t, p, n, s in cases]
    assert got == want
