"""Strategies the fuzz targets share: JSON values, odd text, deep nesting, byte mutations."""

from __future__ import annotations

import math

from hypothesis import strategies as st

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=40)
    | st.sampled_from(["", "c1", "..", "../x", "calls/c1/", "2026-01-01T00:00:00Z", "-1"])
)
edge_values = st.sampled_from(
    [
        math.nan,
        math.inf,
        -math.inf,
        -1,
        -0.0,
        10**400,
        2**63,
        "",
        "\ud800",
        "2026-01-01T00:00:00",
        "2026-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        True,
    ]
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=8,
)
surrogates = st.characters(categories=["Cs"])
wild_text = st.text(st.characters(codec=None) | surrogates, max_size=60)


def deep(n: int, dicts: bool) -> bytes:
    return (b'{"a":' * n + b"1" + b"}" * n) if dicts else (b"[" * n + b"]" * n)


deep_json = st.builds(deep, st.integers(min_value=1, max_value=12_000), st.booleans())


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few bytes changed, cut or inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        op = draw(st.sampled_from(["set", "cut", "insert", "truncate"]))
        at = draw(st.integers(min_value=0, max_value=max(len(out) - 1, 0)))
        if op == "set" and out:
            out[at] = draw(st.integers(min_value=0, max_value=255))
        elif op == "cut":
            del out[at : at + draw(st.integers(min_value=1, max_value=8))]
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "truncate":
            del out[at:]
    return bytes(out)
