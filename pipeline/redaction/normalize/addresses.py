"""Joins atoms and spoken symbols into an address only when the result looks like one.

"john dot smith at example dot com" becomes "john.smith@example.com", while "look at the bill"
and "dot the i's" stay as they are: "look@the" is no e-mail address.
"""

from __future__ import annotations

import ipaddress
import itertools
import re

from pipeline.redaction.normalize.units import Unit, UnitKind

_ATOM_KINDS = (UnitKind.WORD, UnitKind.NUMBER, UnitKind.LETTERS, UnitKind.CODE)
# Letters of any script: ASR writes "björklund" and "åsa" in a spoken local part.
_ATOM_TEXT = re.compile(r"[\w%+-]+")
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_EMAIL = re.compile(rf"[^\W_](?:[\w.%+-]*[^\W_])?@(?:{_LABEL}\.)+[a-z]{{2,}}", re.I)
# Only a known top-level domain makes "bill dot com" a domain; "one dot five" is not one.
KNOWN_TLDS = frozenset(
    {"com", "net", "org", "info", "biz", "io", "co", "eu", "se", "nu", "no", "dk", "fi", "is"}
    | {"de", "uk", "fr", "es", "it", "nl", "be", "at", "ch", "pl", "ee", "lv", "lt"}
)
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)+([a-z]{{2,}})", re.I)

Chain = list[int]  # unit indices: atom, symbol, atom, symbol, atom ...


def _is_atom(unit: Unit) -> bool:
    return unit.kind in _ATOM_KINDS and bool(_ATOM_TEXT.fullmatch(unit.canonical))


def _only_space(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _chains(text: str, units: list[Unit]) -> list[Chain]:
    """Maximal atom-symbol-atom runs with nothing but spaces between them."""
    chains: list[Chain] = []
    i = 0
    while i < len(units):
        if not _is_atom(units[i]):
            i += 1
            continue
        chain = [i]
        while (
            i + 2 < len(units)
            and units[i + 1].kind is UnitKind.SYMBOL
            and _is_atom(units[i + 2])
            and _only_space(text, units[i].end, units[i + 1].start)
            and _only_space(text, units[i + 1].end, units[i + 2].start)
        ):
            chain += [i + 1, i + 2]
            i += 2
        if len(chain) >= 3:
            chains.append(chain)
        i += 1
    return chains


def _render(units: list[Unit], indices: Chain) -> str:
    return "".join(units[k].canonical for k in indices)


def _with_word_before_digits(text: str, units: list[Unit], local: Chain, taken: int) -> Chain:
    """A word said just before spoken digits joins them: "john one two at ..." is john12@...

    `taken` is the last unit index an earlier address already holds.
    """
    first = local[0]
    if first - 1 <= taken or units[first].kind not in (UnitKind.NUMBER, UnitKind.CODE):
        return local
    before = units[first - 1]
    if (
        before.kind is UnitKind.WORD
        and _is_atom(before)
        and _only_space(text, before.end, units[first].start)
    ):
        return [first - 1, *local]
    return local


def looks_like_address(candidate: str) -> bool:
    """True for an e-mail address, a domain with a known top-level domain, or an IPv4 address."""
    if _EMAIL.fullmatch(candidate):
        return True
    domain = _DOMAIN.fullmatch(candidate)
    if domain is not None and domain.group(1).lower() in KNOWN_TLDS:
        return True
    if candidate.count(".") == 3:
        try:
            ipaddress.IPv4Address(candidate)
        except ValueError:
            return False
        return True
    return False


def find_addresses(text: str, units: list[Unit]) -> list[tuple[int, int]]:
    """Unit index ranges [first, last] whose joined canonical text is an address."""
    found: list[tuple[int, int]] = []
    for chain in _chains(text, units):
        at_positions = [p for p in range(1, len(chain), 2) if units[chain[p]].canonical == "@"]
        bounds = [-1, *at_positions, len(chain)]
        segments = [chain[a + 1 : b] for a, b in itertools.pairwise(bounds)]
        used = [False] * len(segments)
        for k in range(len(segments) - 1):
            local, domain = segments[k], segments[k + 1]
            if used[k] or not local or not domain:
                continue
            taken = max((last for _, last in found), default=-1)
            local = _with_word_before_digits(text, units, local, taken)
            if _EMAIL.fullmatch(_render(units, local) + "@" + _render(units, domain)):
                found.append((local[0], domain[-1]))
                used[k] = used[k + 1] = True
        for k, segment in enumerate(segments):
            if not used[k] and len(segment) >= 3 and looks_like_address(_render(units, segment)):
                found.append((segment[0], segment[-1]))
    return _disjoint(sorted(found))


def _disjoint(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop a range that overlaps an earlier one (a word pulled in twice keeps its first)."""
    kept: list[tuple[int, int]] = []
    for first, last in ranges:
        if not kept or first > kept[-1][1]:
            kept.append((first, last))
    return kept
