"""Shape-keeping helpers for surrogates: pour new characters into an original's layout."""

from __future__ import annotations

import string
from collections.abc import Callable
from random import Random


def is_digit(ch: str) -> bool:
    """True for 0-9 only ("²" and other Unicode digits are not what checksums take)."""
    return ch in string.digits


def digits_of(value: str) -> str:
    """Only the digits 0-9 of `value`, in order."""
    return "".join(ch for ch in value if is_digit(ch))


def normalized(value: str) -> str:
    """The form two mentions of one value share: case-folded letters and digits only."""
    return "".join(ch for ch in value.casefold() if ch.isalnum())


def pour(template: str, chars: str, slot: Callable[[str], bool] = is_digit) -> str | None:
    """`template` with each slot character (a digit) replaced, in order, by one of `chars`.

    None when the template has a different number of slots than `chars` has characters.
    """
    if sum(1 for ch in template if slot(ch)) != len(chars):
        return None
    fill = iter(chars)
    return "".join(next(fill) if slot(ch) else ch for ch in template)


def shape(value: str, rng: Random) -> str:
    """A new value of the same shape: a digit for each digit, a letter of the same case for each
    letter, every other character kept."""
    out = []
    for ch in value:
        if ch.isdigit():
            out.append(rng.choice(string.digits))
        elif ch.isalpha():
            letter = rng.choice(string.ascii_lowercase)
            out.append(letter.upper() if ch.isupper() else letter)
        else:
            out.append(ch)
    return "".join(out)


def same_case(fake: str, original: str) -> str:
    """`fake` written in the case style of `original` (lower, UPPER or Title)."""
    if original.islower():
        return fake.lower()
    if original.isupper() and len(original) > 1:
        return fake.upper()
    return fake
