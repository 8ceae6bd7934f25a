"""Names that the words around them make people: kin asides and chat openers.

Two contexts that :mod:`workbench.privacy._context` does not cover, each decided by the words
around the candidate, never by a list of names:

- a kin word in an aside or after "is": "Lincoln, my youngest, broke his wrist", "Storm is mijn
  zoon", "And April, is that your sister?" — a capitalised word (also one that is a place or an
  everyday word) or a lower-case listed first name;
- a chat message that opens with an exclamation or a thanks, then a lower-case word, then what a
  person does or owns: "omg will just sent me the link", "lmao precious said", "lol marcus just
  got a fine", "omg priya ur mum's card", "omg storm stuurde me", "ta shazza for the tip", "thx
  jas voor de tip". After an exclamation a word that is an everyday word as well needs a verb
  that takes a person ("said", "sent me", "stuurde me"), a plain word no list knows any finite
  verb ("got", "is"); after thanks the word before "for"/"voor" is the one thanked, unless it is
  a frequent word ("thanks again for", "bedankt allemaal voor").
"""

from __future__ import annotations

import re

__all__ = ["aside_names", "kin_aside"]

_KIN = frozenset({
    "son", "daughter", "sister", "brother", "mum", "mom", "mother", "dad", "father", "wife", "husband", "partner",
    "boyfriend", "girlfriend", "fiancé", "fiancée", "nephew", "niece", "cousin", "uncle", "aunt", "auntie", "grandson",
    "granddaughter", "grandma", "grandad", "granny", "nan", "youngest", "eldest", "oldest", "middle", "stepson",
    "stepdaughter", "kid", "child", "baby", "twin", "zoon", "dochter", "zus", "zusje", "broer", "broertje", "moeder",
    "vader", "mama", "papa", "vrouw", "man", "vriend", "vriendin", "neef", "nicht", "oom", "tante", "kleinzoon",
    "kleindochter", "oma", "opa", "jongste", "oudste", "middelste", "kind", "kindje", "tweeling", "schoonzoon",
    "schoondochter", "stiefzoon", "stiefdochter"})
_OWNER = frozenset({"my", "our", "your", "his", "her", "their", "mijn", "m'n", "mn", "onze", "ons", "je", "jouw", "uw",
                    "zijn", "haar", "hun"})
_EXCLAIM = frozenset({"omg", "omfg", "lol", "lool", "lmao", "lmfao", "rofl", "haha", "hahaha", "hahah", "ffs", "wtf",
                      "ugh", "jeez", "btw", "jeetje", "pff", "pfff", "oef", "hihi", "yaar", "arre", "oi", "oii", "bruh", "wallah", "wollah", "ey"})
# after a lower-case name that opens a chat: the name is spoken to ("lol jess i told…", "yaar priya pls send")
_TO_YOU = frozenset({"i", "u", "you", "pls", "plz", "please", "can", "could", "did", "r", "are", "have", "ik", "kun",
                     "kan", "wil", "heb", "ben", "jij", "moet"})
_THANKS = frozenset({"ta", "thx", "thnx", "tnx", "ty", "thanks", "thank", "cheers", "bedankt", "dank", "merci", "dankjewel",
                     "dankje", "danku"})
_FOR = frozenset({"for", "voor"})
_POSSESSIVE = frozenset({"ur", "his", "her", "zn", "z'n", "zijn", "d'r", "haar"})
_CHAT_POSSESSIVE = frozenset({"zn", "z'n", "d'r", "ur"})
_ADVERBS = frozenset({"just", "also", "still", "finally", "already", "literally", "net", "ook", "nog", "gewoon", "eindelijk",
                      "al"})
_OWNER_KIN = (r"(?:" + "|".join(sorted(o for o in _OWNER if "'" not in o)) + r"|m'n)\s+(?:[^\W\d_]+\s+)?(?:"
              + "|".join(sorted(_KIN)) + r")\b(?!['’])")
# ", my youngest," (an aside, closed) or " is mijn zoon", ", is that your sister"; not ", my husband hates it"
_KIN_AFTER = re.compile(r"(?i)\s*(?:,\s*" + _OWNER_KIN + r"(?=\s*(?:[,.;:!?)]|$))|,?\s*(?:is|was)(?:\s+(?:that|dat|die|het))?\s+"
                        + _OWNER_KIN + ")")
_FREQUENT = 4.6
_RARE = 3.0  # Zipf: below it a capitalised word no list knows is a name before a kin aside  # Zipf: above it a word after thanks is the thanks itself ("again", "allemaal", "schat")


def kin_aside(text: str, e: int) -> bool:
    """The text at ``e`` is a kin aside: ", my youngest", " is mijn zoon", ", is that your sister"."""
    return _KIN_AFTER.match(text, e) is not None


def _kin_name(c, i: int) -> bool:
    """Token ``i`` is a one-word name before a kin aside ("Lincoln, my youngest, …")."""
    t, lo, lex = c.toks[i][2], c.low[i], c.lex
    if not c.word(i) or len(lo) < 2 or lo in _OWNER or lo in lex.cues or lo in lex.titles:
        return False
    if lo in lex.keep and lo not in lex.first:
        return False  # a brand; "Lincoln, my youngest" is a person all the same
    if t[:1].isupper() and not t.isupper():
        return lo in lex.first or lo not in lex.vocab and lo not in lex.words and lo not in lex.towns and (
            lex.rarity(lo) < _RARE)  # "Uh, my husband, …": a word all the same
    return lo in lex.first and not lex.everyday(lo)


def _message_start(c, i: int) -> bool:
    return i == 0 or c.sent_initial(i)


def _chat_name(c, i: int) -> bool:
    """Token ``i`` is a lower-case name right after an opening exclamation or thanks."""
    toks, low, n, lex = c.toks, c.low, len(c.toks), c.lex
    if not c.word(i) or toks[i][2][:1].isupper():
        return False
    lo = low[i]
    if _message_start(c, i) and i + 1 < n and low[i + 1] in _CHAT_POSSESSIVE:
        return lo in lex.first and lo not in lex.words  # "mees zn verjaardag is zaterdag"
    if i < 1 or not c.word(i - 1) or not _message_start(c, i - 1):
        return False
    if len(lo) < 3 or not lo.isalpha() or lo in lex.cues or lo in lex.titles or lo in lex.keep or lo in _OWNER:
        return False
    if lo in _EXCLAIM or lo in _THANKS or lo in (lex.context or {}).get("_own", ()):
        return False
    k = i + 1
    if low[i - 1] in _THANKS:
        return k < n and low[k] in _FOR and (lo in lex.first or lex.rarity(lo) < _FREQUENT)
    if low[i - 1] not in _EXCLAIM:
        return False
    if k < n and low[k] in _POSSESSIVE and (lo in lex.first or lo not in lex.vocab):
        return True  # "omg priya ur mum's card", "mees zn verjaardag"
    if k < n and low[k] in _TO_YOU and lo in lex.first and lo not in lex.vocab and lo not in lex.words:
        return True
    if k < n and low[k] in _ADVERBS:
        k += 1
    if k >= n or not c.word(k):
        return False
    verbs = (lex.context or {}).get("verbs", frozenset())
    two = f"{low[k]} {low[k + 1]}" if k + 1 < n else ""
    if low[k] in verbs or two in verbs:
        return lo in lex.first or lo not in lex.words
    return lo not in lex.vocab and low[k] in lex.verb_forms


def _emoji_sign_off(c, i: int) -> bool:
    """A lower-case listed first name that signs a chat message after an emoji ("… opslaan 🙏 yusuf")."""
    lo, lex, text = c.low[i], c.lex, c.text
    if not c.word(i) or c.toks[i][2][:1].isupper() or lo not in lex.first or lo in lex.vocab or lo in lex.words:
        return False
    if text[c.toks[i][1]:].strip(" \t.!?"):
        return False
    head = text[:c.toks[i][0]].rstrip()
    return bool(head) and not head[-1].isalnum() and ord(head[-1]) > 0x2000 and not head[-1].isspace()


def aside_names(c, busy: bytearray) -> list[tuple[int, int]]:
    """Token spans of one-word names found by a kin aside or a chat opener, not overlapping ``busy``."""
    out, n, low = [], len(c.toks), c.low
    last = max((i for i in range(n) if c.word(i)), default=-1)
    for i in range(n):
        if busy[i]:
            continue
        kin = i + 1 < n and (low[i + 1] in (",", "is", "was") or c.toks[i + 1][2] == ",")
        opener = c.sent_initial(i) or i > 0 and c.sent_initial(i - 1)
        if (kin and _kin_name(c, i) and kin_aside(c.text, c.toks[i][1])) or (opener and _chat_name(c, i)) or (
                i == last and _emoji_sign_off(c, i)):
            out.append((i, i + 1))
            busy[i] = 1
    return out


# A record that opens with a person's full name, then a comma and their date of birth or phone
# ("Zanele Mokoena, 082 447 1903, wants a callback", "Morag Campbell, née X, DOB 21.06.1956").
_RECORD_HEAD = re.compile(r"(?:^|(?<=[.!?:]\s))([A-Z][^\W\d_]+(?:[\-'’][^\W\d_]+)?(?:\s[A-Z][^\W\d_]+(?:[\-'’][^\W\d_]+)?){1,3}),\s")
_RECORD_KINDS = frozenset({"phone", "date", "national_id"})


def record_names(text: str, hits: list[tuple[int, int, str]], lex) -> list[tuple[int, int, str]]:
    """Full names that open a record followed, within a few words, by that person's date of birth,
    phone or national number; every word of the name is no ordinary word, place or brand."""
    out = []
    for m in _RECORD_HEAD.finditer(text):
        words = m.group(1).lower().split()
        if any(w in lex.vocab or w in lex.words or w in lex.keep or w in lex.titles or w in lex.cues or (
                (w in lex.towns or w in lex.places) and w not in lex.surname) for w in words):
            continue
        if any(k in _RECORD_KINDS and m.end() <= s <= m.end() + 45 for s, _, k in hits):
            out.append((m.start(1), m.end(1), "person"))
    return out
