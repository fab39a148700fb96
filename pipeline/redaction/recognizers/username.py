"""Usernames and logins said after a username word ("användarnamn", "brukernavn", "login")."""

from __future__ import annotations

from pipeline.redaction.entities import EntityType
from pipeline.redaction.recognizers.base import Pattern, PatternRecognizer

USERNAME_CONTEXT: tuple[str, ...] = (
    "username",
    "user name",
    "user id",
    "userid",
    "login",
    "log in",
    "logon",
    "handle",
    "screen name",
    "account name",
    "användarnamn",
    "användarnamnet",
    "användar-id",
    "inloggning",
    "inloggningsnamn",
    "brukernavn",
    "brukernavnet",
    "bruker-id",
    "brugernavn",
    "brugernavnet",
    "bruger-id",
    "käyttäjätunnus",
    "käyttäjätunnukseni",
    "käyttäjänimi",
    "tunnus",
)

_WORDS = (
    r"username|user ?name|user ?id|login(?: name| id)?|logon|screen ?name|account ?name|"
    r"användarnamn(?:et)?|användar-?id|inloggning(?:snamn)?|brukernavn(?:et)?|bruker-?id|"
    r"brugernavn(?:et)?|bruger-?id|käyttäjätunnu(?:s|kseni)|käyttäjänimi|tunnus"
)
# "username is kalle", "användarnamn: kalle": after an explicit link any word can be one.
_EXPLICIT_LINK = r"(?:\s*[:=]\s*|\s+(?:is|är|er|on|was|var)\s+)(?:(?:just|bara|kun|vain)\s+)?"
# Spoken symbols inside a username, left as words when the normalizer does not join them.
_SPOKEN_JOINER = (
    r"\s(?:underscore|understreck|dot|punkt|prick|piste|dash|streck|bindestreck|"
    r"bindestrek|bindestreg|alaviiva|viiva)\s"
)
_TOKEN = r"@?[\w][\w.@+-]*\w|@?\w"
_CHAIN = rf"(?:{_TOKEN})(?:{_SPOKEN_JOINER}(?:{_TOKEN}))+"
_TRAILING_DIGITS = r"(?:\s\d{1,6}(?!\w))?"
# Words that follow "login" without being a username ("login page", "användarnamn och").
_NOT_A_USERNAME = (
    r"(?!(?:the|a|an|my|your|is|was|and|or|to|for|with|page|problem|details|same|not|"
    r"och|eller|är|mitt|min|ditt|din|samma|inte|fungerar|funkar|og|er|mit|ikke|"
    r"ja|on|ei|sama|minun)\b)"
)

USERNAME_PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "after_link",
        rf"(?i)(?<!\w)(?:{_WORDS}){_EXPLICIT_LINK}"
        rf"(?P<value>{_NOT_A_USERNAME}(?:{_CHAIN}|{_TOKEN}){_TRAILING_DIGITS})",
        0.8,
    ),
    # Without a link word only what looks like a username counts ("login kalle_84",
    # "användarnamn kalle punkt anka"): "login again" is no username.
    Pattern(
        "after_word",
        rf"(?i)(?<!\w)(?:{_WORDS})\s+(?P<value>{_NOT_A_USERNAME}"
        rf"(?:{_CHAIN}|(?=[\w.@+-]*[\d_.@-])(?:{_TOKEN})){_TRAILING_DIGITS})",
        0.8,
    ),
)


def username_recognizer() -> PatternRecognizer:
    """The token (or spoken token chain: "john underscore smith") after a username word."""
    return PatternRecognizer(
        name="username",
        entity_type=EntityType.USERNAME,
        patterns=USERNAME_PATTERNS,
        context=USERNAME_CONTEXT,
    )
