"""Context of a sentence beyond its own words: a story about another company, a limitation judged
negatively, a researcher's ambiguous phase cue, and a contact verb said without whom.

The sentences are written for these tests (same shapes as the two fresh studies' reviews)."""

from __future__ import annotations

import pandas as pd

from workbench.journey.lanes import action_hits
from workbench.nlp import tag_texts
from workbench.phases import load_phase_model


def pains_and_needs(texts: list[str], lang: str, home=()) -> tuple[list[int], list[int], pd.DataFrame]:
    doc_tags, tags = tag_texts(texts, lang=lang, home=home, return_tags=True)
    return doc_tags["pain_point"].tolist(), doc_tags["need"].tolist(), tags


def pain_texts(tags: pd.DataFrame, doc: int) -> list[str]:
    rows = tags[(tags["doc_id"] == str(doc)) & (tags["label"] == "pain_point")]
    return rows["text"].str.lower().tolist()


# --- 1. a story about another company is not the studied company's pain ---------------------------


def test_story_about_the_previous_provider_holds_no_pain_over_the_next_sentences():
    texts = ["At my previous bank I sat in the queue for over an hour. The staff were rude. Nobody called back.",
             "With Telfort I waited an hour on hold. It was awful. Kestrel answers in a minute, but the app crashes a lot."]
    pains, _, tags = pains_and_needs(texts, "en", home=["Kestrel"])
    assert pains == [0, 1]
    assert pain_texts(tags, 1) == ["crashes"]  # only the sentence back at the studied brand


def test_story_ends_where_the_talk_comes_back_here():
    pains, _, tags = pains_and_needs(["At another provider the app was terrible. Here the chat is slow."], "en",
                                     home=["Kestrel"])
    assert pains == [1] and pain_texts(tags, 0) == ["slow"]
    pains, _, tags = pains_and_needs(["Bij de concurrent ging alles mis. Hier duurt het ook veel te lang."], "nl",
                                     home=["Zonnewind"])
    assert pains == [1] and pain_texts(tags, 0) == ["veel te lang"]


def test_dutch_story_about_the_former_supplier():
    texts = ["Bij mijn vorige energieleverancier hing ik een uur in de wacht. Dat was echt waardeloos.",
             "Bij Groenstroom moest ik drie keer bellen. Niemand wist ervan. Bij Zonnewind ging het goed, maar de app is traag."]
    pains, _, tags = pains_and_needs(texts, "nl", home=["Zonnewind klantreis 2026"])
    assert pains == [0, 1]
    assert pain_texts(tags, 1) == ["traag"]


def test_comparison_complaint_about_this_company_stays():
    pains, _, _ = pains_and_needs(["My previous bank had a proper phone line and you don't, which is really annoying."],
                                  "en", home=["Kestrel"])
    assert pains == [1]


def test_a_named_company_opens_no_story_when_the_studied_one_is_unknown():
    # a review names the company it is about: without the study's names it may be the studied one
    pains, _, _ = pains_and_needs(["Bij Groenstroom moest ik drie keer bellen, heel vervelend."], "nl")
    assert pains == [1]


def test_a_common_word_after_at_names_no_company():
    pains, _, _ = pains_and_needs(["At Christmas the app crashed twice."], "en", home=["Kestrel"])
    assert pains == [1]


# --- 2. a limitation judged negatively is a pain point that implies a wish -------------------------


def test_regretted_limitation_is_pain_and_need():
    texts = ["Help is only by email, that's a shame.", "You can only pay by card, which is annoying.",
             "Unfortunately the app only works on a phone."]
    pains, needs, _ = pains_and_needs(texts, "en")
    assert pains == [1, 1, 1] and needs == [1, 1, 1]
    pains, needs, _ = pains_and_needs(["Je kunt ze alleen mailen, dat is jammer.",
                                       "Ze zijn alleen via de chat bereikbaar, wat ik jammer vind."], "nl")
    assert pains == [1, 1] and needs == [1, 1]


def test_contrastive_alleen_and_the_only_thing_imply_no_wish():
    _, needs, _ = pains_and_needs(["Het eten was goed, alleen was het koud."], "nl")
    assert needs == [0]
    pains, needs, _ = pains_and_needs(["The only thing that annoyed me was the noise."], "en")
    assert pains == [1] and needs == [0]


# --- 3. a researcher's one-word verb cue needs its sense context -----------------------------------

_MODEL = {
    "id": "bank-3",
    "name": {"en": "Bank"},
    "phases": [
        {"id": "daily", "name": {"en": "Daily use"}, "cues": {"en": ["card", "budgeting"]}, "touchpoints": ["app"]},
        {"id": "support", "name": {"en": "Support"}, "cues": {"en": ["dispute", "refund"]},
         "touchpoints": ["customer_service"]},
        {"id": "stay", "name": {"en": "Staying"}, "cues": {"en": ["stayed", "leave", "closed my account"]},
         "touchpoints": []},
    ],
}


def test_ambiguous_user_verb_cue_needs_its_sense():
    model = load_phase_model(_MODEL)
    texts = ["We stayed at a hotel and they charged us twice.", "In the end I stayed."]
    # a question about the dispute: the hotel stay is no staying a customer
    out = tag_texts(texts, lang="en", phase_model=model, contexts=["Tell me about the dispute."] * 2)
    assert out["phase"].tolist() == ["support", "support"]
    # a question about leaving gives 'stayed' its sense
    out = tag_texts(texts[1:], lang="en", phase_model=model, contexts=["Did you ever think about leaving?"])
    assert out["phase"].tolist() == ["stay"]
    # beside another cue of its phase it is a cue in full
    out = tag_texts(["I stayed, but I closed my account at the other bank."], lang="en", phase_model=model,
                    contexts=["Tell me about the dispute."])
    assert out["phase"].tolist() == ["stay"]


def test_a_phrase_cue_and_shipped_models_are_not_weakened():
    model = load_phase_model(_MODEL)
    assert not model.curated and load_phase_model("klassiek-5").curated
    out = tag_texts(["I closed my account last week."], lang="en", phase_model=model,
                    contexts=["Tell me about the dispute."])
    assert out["phase"].tolist() == ["stay"]


# --- 4. a contact verb without whom takes the customer service from its context ---------------------


def _docs(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"text": texts, "kind": "segment"}, index=[f"P0{i}#003" for i in range(1, len(texts) + 1)])


def test_same_bare_call_by_three_people_is_one_action_with_its_party():
    model = load_phase_model("klassiek-5")
    docs = _docs(["Ja, ik heb gebeld.", "Ik heb toen gebeld en ik hing een half uur in de wacht.", "Ik belde."])
    phase = pd.Series("use_evaluation", index=docs.index)
    hits = action_hits(docs, model, "nl", doc_phase=phase, parties=set(docs.index))
    calls = hits[hits["key"].str.startswith("bellen")]
    assert calls["key"].nunique() == 1 and calls["doc_id"].nunique() == 3
    assert calls["item"].nunique() == 1 and calls["item"].iloc[0] in {"klantenservice gebeld", "belde klantenservice"}


def test_bare_call_without_a_party_in_its_context_is_no_action():
    model = load_phase_model("klassiek-5")  # its awareness phase lists no customer service
    docs = _docs(["Ja, ik heb gebeld."])
    hits = action_hits(docs, model, "nl", doc_phase=pd.Series("awareness", index=docs.index), parties=set())
    assert hits.empty
    hits = action_hits(_docs(["Yes, I called."]), load_phase_model(_MODEL), "en",
                       doc_phase=pd.Series("support", index=["P01#003"]))
    assert hits["item"].tolist() == ["called customer service"]
