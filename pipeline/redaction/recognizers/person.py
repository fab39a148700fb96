"""Person names from the gazetteer (Nordic lists, 1990 US Census), cues and capitals, any case.

The rule for a name that is also a word ("Sten" = stone, "Björn" = bear, "Dag" = day):
it counts when a cue precedes it ("jag heter sten"), when it is part of a longer name
("Björn Andersson"), or when it is capitalised inside a sentence; capitalised at the start
of a sentence on its own it does not. A name that is no word counts whenever capitalised,
and in lower case (ASR without capitals) after a cue or as first name + surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.gazetteer import (
    CALENDAR_WORDS,
    Gazetteer,
    gazetteer_for,
    is_shipped,
    load_gazetteer,
)
from pipeline.redaction.recognizers.name_cues import (
    TITLES,
    Cue,
    Token,
    adjacent,
    cue_after,
    cues_before,
    sentence_initial,
    tokens_of,
)
from pipeline.redaction.span import Span

STRONG_CUE_LISTED = 0.9
STRONG_CUE_CAPITALISED = 0.75
STRONG_CUE_OTHER = 0.6
WEAK_CUE_LISTED = 0.8
WEAK_CUE_CAPITALISED = 0.6
FULL_NAME = 0.75
FIRST_NAME = 0.55
SURNAME_OR_WORD_NAME = 0.5
LOWER_CASE_FULL_NAME = 0.45
MAX_NAME_TOKENS = 4
# Words that join two names in a list: "mary and tom", "maria och johan".
_NAME_LINKS = frozenset({"and", "och", "og", "eller", "or", "ja"})
STRONG_CUE_TOKENS = 3

# Surname endings that continue a name in lower case too ("anna kristoffersen").
_SURNAME_ENDING = re.compile(
    r"(?:sson|son|sen|ssen|nen|berg|ström|strøm|qvist|kvist|gren|lund|dahl|holm|stad|rud|"
    r"gaard|gård|heim|vik|dal|haug|moen|bakken|sæter|seter|strup|rup|holt|skov|bjerg|toft|"
    r"kjær|blad|bäck|stedt|field|worth|wood|ford|ley)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PersonRecognizer:
    """Names: listed first names and surnames, and any word a self-introduction points at."""

    gazetteer: Gazetteer = field(default_factory=load_gazetteer, repr=False)
    language: str | None = None
    name: str = "person"
    languages: frozenset[str] | None = None
    # Spelled names ("a n n a") arrive joined in the normalized text.
    runs_on_normalized: bool = True

    def for_language(self, language: str | None) -> PersonRecognizer:
        """This recognizer judging ordinary words by `language`'s word lists."""
        if language == self.language:
            return self
        if is_shipped(self.gazetteer):
            return replace(self, language=language, gazetteer=gazetteer_for(language))
        return replace(self, language=language)

    def analyze(self, text: str) -> list[Span]:
        """One span per name found in `text`."""
        tokens = tokens_of(text)
        cues = cues_before(text, tokens)
        spans: list[Span] = []
        i = 0
        while i < len(tokens):
            end = self._extend(text, tokens, i, loose=cues.get(i) is Cue.STRONG)
            if cues.get(i) is Cue.WEAK and end == i + 1:
                end = self._surname_after_cue(text, tokens, i)
            elif end == i + 1 and (
                self._framed_by_after_cue(text, tokens, i)
                or self._unseen_surname_after(text, tokens, i)
            ):
                end = i + 2
            score = self._score(text, tokens, i, end, cues.get(i))
            if score is None:
                i += 1
                continue
            end = _spelled_after(text, tokens, end)
            spans.append(
                Span(tokens[i].start, tokens[end - 1].end, str(EntityType.PERSON), score, self.name)
            )
            i = end
        return spans

    def _extend(self, text: str, tokens: list[Token], i: int, loose: bool) -> int:
        """Index after the last token that continues a name starting at token i.

        After a strong cue (`loose`) any word but a function word continues it, up to
        STRONG_CUE_TOKENS words: "jeg heter kari nordmann" in lower-case ASR output.
        """
        end = i + 1
        while end < len(tokens) and end - i < MAX_NAME_TOKENS:
            token = tokens[end]
            any_word = loose and end - i < STRONG_CUE_TOKENS
            if not adjacent(text, tokens[end - 1], token) or not self._continues(token, any_word):
                break
            end += 1
        return end

    def _surname_after_cue(self, text: str, tokens: list[Token], i: int) -> int:
        """After a weak cue, a listed first name takes the next word as its surname in lower
        case ("this is tobias brennan"); so does any word when a name cue also follows
        ("this is ottilie ashdown speaking")."""
        end = i + 1
        if end >= len(tokens) or not adjacent(text, tokens[i], tokens[end]):
            return end
        second = tokens[end]
        if self.gazetteer.is_stop_word(second.text, self.language) or cue_after(text, tokens[i]):
            return end
        first = tokens[i]
        # A lower-case first name that is also a word ("long", "will") takes no surname here.
        word = not first.capitalised and self.gazetteer.is_ordinary_word(first.text, self.language)
        if (self.gazetteer.is_first_name(first.text) and not word) or cue_after(text, second):
            return end + 1
        if self._surname(second):
            return end + 1
        return end

    def _surname(self, token: Token) -> bool:
        """A listed surname that is no ordinary word ("hansen"). A surname shape alone is not
        enough here: "det är väldigt ledsen", "olen tosi iloinen"."""
        g = self.gazetteer
        return g.is_surname(token.text) and not g.is_ordinary_word(token.text, self.language)

    def _framed_by_after_cue(self, text: str, tokens: list[Token], i: int) -> bool:
        """A listed first name, one more word and "här"/"speaking": "lisbeth zaragoza här"."""
        if i + 1 >= len(tokens) or not adjacent(text, tokens[i], tokens[i + 1]):
            return False
        second = tokens[i + 1]
        return (
            self.gazetteer.is_first_name(tokens[i].text)
            and not self.gazetteer.is_stop_word(second.text, self.language)
            and cue_after(text, second)
        )

    def _english(self) -> bool:
        return self.language is not None and self.language.lower().startswith("en")

    def _unseen_surname_after(self, text: str, tokens: list[Token], i: int) -> bool:
        """English, lower case: a listed first name that is no word, then a word that is no
        common English word and no listed name ("alister ledwith", "katie o'beirne")."""
        if not self._english() or i + 1 >= len(tokens):
            return False
        first, second = tokens[i], tokens[i + 1]
        g = self.gazetteer
        return (
            adjacent(text, first, second)
            and g.is_first_name(first.text)
            and not g.is_ordinary_word(first.text, self.language)
            and g.is_unknown_word(second.text)
        )

    def _unseen_first_name(self, text: str, tokens: list[Token], i: int, end: int) -> bool:
        """English, lower case: an unlisted word that is no common English word, then a
        listed surname that is no word ("zubeida thompson")."""
        if not self._english() or end - i != 2:
            return False
        g = self.gazetteer
        second = tokens[i + 1]
        return (
            g.is_unknown_word(tokens[i].text)
            and g.is_surname(second.text)
            # "username john": a first name after an unknown word is no surname of it.
            and not g.is_first_name(second.text)
            and not g.is_ordinary_word(second.text, self.language)
            and not second.capitalised
        )

    def _continues(self, token: Token, any_word: bool) -> bool:
        if self.gazetteer.is_stop_word(token.text, self.language):
            return False
        return (
            any_word
            or token.capitalised
            or self.gazetteer.is_name(token.text)
            or bool(_SURNAME_ENDING.search(token.text))
        )

    def _score(
        self, text: str, tokens: list[Token], i: int, end: int, cue: Cue | None
    ) -> float | None:
        first = tokens[i]
        g = self.gazetteer
        listed = g.is_name(first.text)
        if len(first.text) < 2 or first.text.lower() in TITLES:
            return None
        if g.is_stop_word(first.text, self.language):
            # A name that is also a function word ("My", "Else") needs a strong cue, a
            # capitalised surname or a capital inside a sentence: "this is my account" holds
            # no name.
            if not listed:
                return None
            full_name = first.capitalised and end - i > 1 and tokens[i + 1].capitalised
            mid_sentence = first.capitalised and not sentence_initial(text, first)
            if cue is not Cue.STRONG and not full_name and not mid_sentence:
                return None
        any_listed = listed or any(g.is_name(t.text) for t in tokens[i + 1 : end])
        if cue is Cue.STRONG:
            if any_listed:
                return STRONG_CUE_LISTED
            return STRONG_CUE_CAPITALISED if first.capitalised else STRONG_CUE_OTHER
        if cue is Cue.WEAK or cue_after(text, tokens[end - 1]):
            # The word right after a weak cue must look like a name itself ("fru heter Lisa"
            # has the title "fru" before "heter").
            # Lower-case words between a cue and "speaking": "this is ottilie ashdown speaking".
            framed = end - i >= 2 and cue is Cue.WEAK and cue_after(text, tokens[end - 1])
            # An unlisted first name with a surname: "det är ottilie hansen".
            surnamed = end - i == 2 and cue is Cue.WEAK and self._surname(tokens[i + 1])
            if not (listed or first.capitalised or framed or surnamed):
                return None
            # A lone lower-case word that is also a name needs more than a weak cue: "it's
            # fine", "this is long" ("Fine" and "Long" are surnames).
            if (
                end - i == 1
                and not first.capitalised
                and g.is_ordinary_word(first.text, self.language)
            ):
                return None
            return WEAK_CUE_LISTED if any_listed else WEAK_CUE_CAPITALISED
        if not listed:
            return LOWER_CASE_FULL_NAME if self._unseen_first_name(text, tokens, i, end) else None
        if end - i == 1 and self._in_name_list(text, tokens, i):
            return LOWER_CASE_FULL_NAME
        return self._uncued_score(text, tokens, i, end)

    def _in_name_list(self, text: str, tokens: list[Token], i: int) -> bool:
        """Two first names joined by "and"/"och"/"og" ("mary and tom"): neither may be an
        ordinary word of the language."""
        for a, link, b in ((i, i + 1, i + 2), (i - 2, i - 1, i)):
            if a < 0 or b >= len(tokens) or tokens[link].text.lower() not in _NAME_LINKS:
                continue
            if not (
                adjacent(text, tokens[a], tokens[link]) and adjacent(text, tokens[link], tokens[b])
            ):
                continue
            if all(
                self.gazetteer.is_first_name(tokens[k].text)
                and not self.gazetteer.is_ordinary_word(tokens[k].text, self.language)
                for k in (a, b)
            ):
                return True
        return False

    def _uncued_score(self, text: str, tokens: list[Token], i: int, end: int) -> float | None:
        """A listed name with no cue: capitalisation and word-ness decide."""
        first = tokens[i]
        g = self.gazetteer
        word = g.is_ordinary_word(first.text, self.language)
        if first.capitalised:
            if end - i > 1 and tokens[i + 1].capitalised:
                return FULL_NAME
            if first.text.lower() in CALENDAR_WORDS:
                return None
            if word:
                return None if sentence_initial(text, first) else SURNAME_OR_WORD_NAME
            return FIRST_NAME if g.is_first_name(first.text) else SURNAME_OR_WORD_NAME
        # Lower case: only a first name followed by a surname, neither an ordinary word.
        if end - i < 2 or word or not g.is_first_name(first.text):
            return None
        second = tokens[i + 1]
        surname_shaped = bool(_SURNAME_ENDING.search(second.text))
        if g.is_ordinary_word(second.text, self.language):
            # A listed surname with a surname ending is a name even when the dictionary also
            # lists it ("gustav sjöberg"); other word-surnames need capitals ("anna holm").
            if g.is_surname(second.text) and surname_shaped:
                return LOWER_CASE_FULL_NAME
            # The most frequent surnames are names after a first name ("katie smith").
            if g.is_common_surname(second.text):
                return LOWER_CASE_FULL_NAME
            return None
        if g.is_surname(second.text) or surname_shaped:
            return LOWER_CASE_FULL_NAME
        if self._english() and g.is_unknown_word(second.text):
            return LOWER_CASE_FULL_NAME
        return None


def _spelled_after(text: str, tokens: list[Token], end: int) -> int:
    """Index after a run of two or more single letters spelling out the name just found
    ("michael wright w r i g h t", "Emma O'Brien, o b r i e n")."""
    j = end
    while j < len(tokens) and len(tokens[j].text) == 1:
        gap = text[tokens[j - 1].end : tokens[j].start]
        if gap == "" or gap.strip(" \t,-") != "" or len(gap) > 3:
            break
        j += 1
    return j if j - end >= 2 else end


def person_recognizer() -> PersonRecognizer:
    """The PERSON recognizer with the shipped gazetteer."""
    return PersonRecognizer()


def introduced_name_recognizer() -> PersonRecognizer:
    """Former name of the PERSON recognizer, which now covers introduced names too."""
    return person_recognizer()
