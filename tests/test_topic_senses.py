"""Topics hold one subject: a word of two meanings names its topic only in the sense the lexicon
means, catch-all topics give way to the subject the complaint names, and a noun said in passing
loses to what the complaint is about (workbench.topics; own sentences only)."""

from __future__ import annotations

import pytest

import workbench
from workbench.topics import sense_lexicon, topic_lexicon, weak_topics, word_senses


def _topics(texts: list[str], lang: str) -> list[str]:
    r = workbench.find_themes(texts, lang=lang, label="all", kind="pain_point")
    return r.texts["topic_labels"].tolist()


def test_a_word_of_two_meanings_names_its_topic_only_in_that_sense():
    en = _topics(["We missed our connection because the first train was late.",
                  "The broadband connection drops every evening.",
                  "The status update on my claim never came.",
                  "The app update broke everything.",
                  "I bought a new phone and it broke after a week.",
                  "I was on the phone for an hour and nobody picked up.",
                  "They lost my iCloud account password."], "en")
    assert en == ["travel and transport", "internet and connection", "contract and subscription",
                  "app and website", "product and quality", "customer service", "app and website"]
    nl = _topics(["Ze houden totaal geen rekening met hun klanten.", "De rekening klopte niet.",
                  "Mijn man heeft drie keer gebeld.", "Mijn vrouw wachtte een uur op de bezorger.",
                  "De man achter de bar was onbeleefd.",
                  "Het bedieningsgemak van de thermostaat is slecht.", "De bediening was traag en onvriendelijk.",
                  "Mijn pas werd geblokkeerd."], "nl")
    assert nl == ["", "rekening en betalen", "klantenservice", "bezorging", "personeel", "", "personeel",
                  "rekening en betalen"]


def test_a_verb_or_adjective_is_no_compound():
    # 'geregeld' ends in 'geld' only by its letters
    assert _topics(["Het was allemaal slecht geregeld.", "De bezorgkosten waren veel te hoog."], "nl") == [
        "", "prijs en kosten"]


def test_catch_all_topics_give_way_to_the_subject_named():
    assert _topics(["There is no information about my refund.", "There was no explanation for the outage.",
                    "The information was confusing."], "en") == [
        "returns and refunds", "internet and connection", "information and communication"]
    assert _topics(["Geen informatie over mijn terugbetaling.", "Er is een totaal gebrek aan communicatie."],
                   "nl") == ["retour en terugbetaling", "informatie en communicatie"]


def test_credit_and_debt_is_a_subject_of_its_own():
    assert _topics(["The collection agency keeps reporting a debt I already paid to the credit bureau.",
                    "My credit card was declined."], "en") == ["credit and debt", "account and payments"]


def test_the_complaint_is_about_its_own_subject_or_its_negated_verb():
    # ordered and paid are what the customer did; what went wrong is that nothing came
    assert _topics(["Ordered and paid, but nothing ever arrived."], "en") == ["delivery"]
    # the payment is when it happened, the engineer who never came is what the complaint is about
    assert _topics(["Besteld en betaald, maar niets ontvangen.", "Na de betaling kwam de monteur nooit opdagen."],
                   "nl") == ["bezorging", "internet en verbinding"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_sense_lexicon_is_well_formed(lang):
    """Every ambiguous word is a lexicon word, every sense a topic id or "none", and the catch-all
    topics are topics: a typo in aspects.toml would silently switch a sense off."""
    nouns, verbs, names = topic_lexicon(lang)
    lex = sense_lexicon(lang)
    assert lex
    for word, (not_pos, senses) in lex.items():
        assert word in nouns or word in verbs, word
        assert all(topic is None or topic in names for topic, _ in senses), word
        assert all(ctx for _, ctx in senses) or not_pos, word
    assert set(weak_topics()) <= set(names) and "company" in weak_topics()


def test_word_senses_reads_the_context_of_each_occurrence():
    from workbench.nlp.syntax import parse

    doc = parse(["No update at the gate, and no update on the departure time."], "en")[0]
    assert word_senses(doc, "en")["update"] == "travel"
    doc = parse(["De statusupdate kwam nooit."], "nl")[0]
    assert word_senses(doc, "nl")["statusupdate"] == "information"


def test_a_complaint_with_no_noun_takes_the_topic_of_its_adjective():
    """'Te duur.' is about the price, "'s avonds veel te druk" about crowding, 'So rude!' about the
    staff — the last resort, after every noun and verb; praise has no topic."""
    nl = _topics(["Te duur.", "Het is 's avonds veel te druk.", "Zo onvriendelijk!", "Het is er altijd zo vol.",
                  "De bezorging was duur.", "Mooi en niet duur.", "Het was te koud in de zaal."], "nl")
    assert nl == ["prijs en kosten", "drukte en wachtrijen", "personeel", "drukte en wachtrijen", "bezorging", "", ""]
    en = _topics(["Way too expensive.", "It was so crowded on Saturday.", "So rude!", "The delivery was pricey."], "en")
    assert en == ["price and costs", "crowding and queues", "staff", "delivery"]
