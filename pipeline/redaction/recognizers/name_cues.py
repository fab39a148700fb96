"""Words around a name that say it is one ("my name is", "jag heter", "herr", "speaking")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

# Cues right before a name. A strong cue makes the next word a name whatever it is (lower-case
# ASR output included); a weak cue only when that word is listed or capitalised.
STRONG_CUES: tuple[str, ...] = (
    "my name is",
    "my name's",
    "the name is",
    "name is",
    "i'm called",
    "i am called",
    "call me",
    "jag heter",
    "heter",
    "mitt namn är",
    "namnet är",
    "jeg heter",
    "jeg hedder",
    "hedder",
    "mitt navn er",
    "mit navn er",
    "navnet mitt er",
    "navnet er",
    "minun nimeni on",
    "nimeni on",
    "nimeni",
    "olen nimeltäni",
    # Parts of a name, said on their own.
    "surname is",
    "my surname's",
    "first name is",
    "efternamn är",
    "efternamnet är",
    "förnamn är",
    "förnamnet är",
    "etternavn er",
    "etternavnet er",
    "etternavnet mitt er",
    "fornavn er",
    "fornavnet er",
    "fornavnet mitt er",
    "efternavn er",
    "efternavnet er",
    "sukunimi on",
    "sukunimeni on",
    "etunimi on",
    "etunimeni on",
    "he's called",
    "she's called",
    "name on the card is",
    "name on the account is",
    # Whose an account or order is: the next words are a name whatever their case.
    "account holder is",
    "the account holder's name is",
    "kontoinnehavare är",
    "kontoinnehavaren är",
    "kontohavaren är",
    "kontohaver er",
    "kontohaveren er",
    "in the name of",
    "under the name",
    "på namnet",
    "i namnet",
    "i navnet",
    "i navnet til",
    "i navnet på",
)
WEAK_CUES: tuple[str, ...] = (
    "this is",
    "it's",
    "it is",
    "i'm",
    "i am",
    "here is",
    "speaking with",
    "speak to",
    "speak with",
    "talk to",
    "talking to",
    "spoke to",
    "spoke with",
    "ask for",
    "det är",
    "här är",
    "jag är",
    "prata med",
    "pratade med",
    "tala med",
    "talade med",
    "fråga efter",
    "det er",
    "her er",
    "jeg er",
    "holder is",
    "put down",
    "står på",
    "skriv upp",
    "skriv opp",
    "skriv op",
    "skriv ned",
    "write down",
    "note down",
    "put me down as",
    "on behalf of",
    "på vegne av",
    "på vegne af",
    "på uppdrag av",
    "spør etter",
    "spørre etter",
    "spørge efter",
    "spørg efter",
    "prate med",
    "snak med",
    "snakke med",
    "snakket med",
    "tale med",
    "talte med",
    # Family members: "my wife mary", "min man gustav", "min kone liisa".
    "my wife",
    "my husband",
    "my partner",
    "my son",
    "my daughter",
    "my mother",
    "my father",
    "min man",
    "min fru",
    "min sambo",
    "min son",
    "min dotter",
    "min mamma",
    "min pappa",
    "min mann",
    "min kone",
    "min mand",
    "min søn",
    "min datter",
    "min mor",
    "min far",
    "name of",
    "namn på",
    # Greetings and thanks said to someone by name: "thanks sarah", "hi tom".
    "thanks",
    "thank you",
    "cheers",
    "hi",
    "hello",
    "hey",
    "dear",
    "bye",
    "morning",
    "tässä on",
    "täällä on",
    "täällä",
    "olen",
)
# Titles before a name.
TITLES: tuple[str, ...] = (
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "dr",
    "doctor",
    "herr",
    "fru",
    "fröken",
    "doktor",
    "hr",
    "frk",
    "herra",
    "rouva",
    "neiti",
)
# Cues right after a name: "Anna speaking", "Anna här" ("here" and "her" are too common).
AFTER_CUES: tuple[str, ...] = ("speaking", "här", "täällä")

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


class Cue(Enum):
    """How strongly the words before a token say it is a name."""

    STRONG = "strong"
    WEAK = "weak"


@dataclass(frozen=True)
class Token:
    """A word of letters (hyphens and apostrophes inside allowed) and where it is."""

    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        """Upper-case first letter, not an all-caps acronym ("Anna", not "IBAN")."""
        return self.text[0].isupper() and not (len(self.text) > 1 and self.text.isupper())


def tokens_of(text: str) -> list[Token]:
    """The letter words of `text`, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def adjacent(text: str, left: Token, right: Token) -> bool:
    """True when only spaces (no punctuation, no line break) stand between the two tokens."""
    gap = text[left.end : right.start]
    return gap != "" and gap.strip(" \t") == ""


def sentence_initial(text: str, token: Token) -> bool:
    """True when `token` opens the text or follows a sentence end (".", "!", "?", ":", newline)."""
    before = text[: token.start].rstrip(" \t\"'“”‘’(")
    return before == "" or before[-1] in ".!?:\n"


def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


_STRONG = _phrase_regex(STRONG_CUES)
_WEAK = _phrase_regex(WEAK_CUES)
_TITLE = re.compile(rf"(?<!\w)(?:{'|'.join(TITLES)})\.?(?=\s)", re.IGNORECASE)
_AFTER = _phrase_regex(AFTER_CUES)
# What may stand between a cue and the name: spaces, a comma, a colon, "just"/"bara", a
# filler ("jeg heter øh kari").
_BRIDGE = re.compile(
    r"[\s,:]*(?:(?:just|bara|bare|kun|vain|uh|um|uhm|eh|ehm|öh|öhm|øh|øhm|äh)[\s,]+)?",
    re.IGNORECASE,
)


def cues_before(text: str, tokens: list[Token]) -> dict[int, Cue]:
    """For each token index that a cue or title stands right before, how strong that cue is."""
    starts = {token.start: i for i, token in enumerate(tokens)}
    found: dict[int, Cue] = {}
    for regex, cue in ((_WEAK, Cue.WEAK), (_TITLE, Cue.WEAK), (_STRONG, Cue.STRONG)):
        for match in regex.finditer(text):
            bridge = _BRIDGE.match(text, match.end())
            after = bridge.end() if bridge is not None else match.end()
            index = starts.get(after)
            if index is not None and after > match.end():
                found[index] = cue
    return found


def cue_after(text: str, token: Token) -> bool:
    """True when "speaking" / "här" follows `token` directly (after spaces or a comma)."""
    match = _AFTER.match(text, _skip(text, token.end))
    return match is not None


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t,":
        position += 1
    return position
