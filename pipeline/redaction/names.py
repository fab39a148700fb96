"""A call's memory of fake name parts: "John Smith", "Smith", "john.smith@" stay consistent."""

from __future__ import annotations

from random import Random

from pipeline.redaction import fake_data
from pipeline.redaction.shapes import normalized, same_case, shape

# Kept as they are: a title says nothing about who the person is.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "herr", "fru", "fröken", "frau", "hr"})


class NameBook:
    """Each real name part gets one fake part for the whole call, never one that resembles it."""

    def __init__(self, language: str | None) -> None:
        self._first = fake_data.for_language(fake_data.FIRST_NAMES, language)
        self._last = fake_data.for_language(fake_data.LAST_NAMES, language)
        self._fakes: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, parts: list[str], rng: Random) -> list[str]:
        """Fake parts for `parts`: a given name first, surnames after (after a title: surname)."""
        names = [p for p in parts if normalized(p) not in TITLES]
        titled = len(names) < len(parts)
        out = []
        for part in parts:
            key = normalized(part)
            if key in TITLES or not key:
                out.append(part)
                continue
            if key not in self._fakes:
                given = part is names[0] and not (titled and len(names) == 1)
                self._fakes[key] = self._draw(key, self._first if given else self._last, rng)
                self._used.add(normalized(self._fakes[key]))
            out.append(same_case(self._fakes[key], part))
        return out

    def _draw(self, key: str, pool: tuple[str, ...], rng: Random) -> str:
        choices = [
            name
            for name in pool
            if normalized(name) not in self._used and _unlike(normalized(name), key)
        ]
        if not choices:  # a very name-rich call: fall back to a made-up word of the same shape
            return shape(key.capitalize(), rng)
        return rng.choice(choices)


def _unlike(fake: str, real: str) -> bool:
    # Neither inside the other: "Berg" must not stand in for "Bergström", nor the reverse.
    return fake not in real and real not in fake
