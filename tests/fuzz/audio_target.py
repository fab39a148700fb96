"""Audio probing's fuzz target: each format's seed with mutated headers."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from pipeline.errors import VarsamError
from tests.fuzz.harness import FIXTURES

AUDIO_SEEDS = sorted((FIXTURES / "audio_seeds").glob("seed.*"))
AUDIO_SEEDS = [p for p in AUDIO_SEEDS if p.suffix != ".py"]
_WORDS = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF]


@st.composite
def mutated_audio(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed recording with its header (and now and then its body) changed."""
    seed = draw(st.sampled_from(AUDIO_SEEDS))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        op = draw(st.sampled_from(["byte", "word", "anywhere", "truncate", "insert", "zero"]))
        header = min(len(data), 256)
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=header - 1))
        if op == "byte":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif op == "word":
            width = draw(st.sampled_from([2, 4]))
            value = draw(st.sampled_from(_WORDS) | st.integers(0, 2**32 - 1)) % (1 << 8 * width)
            order = draw(st.sampled_from(["little", "big"]))
            data[at : at + width] = value.to_bytes(width, order)
        elif op == "anywhere":
            data[draw(st.integers(min_value=0, max_value=len(data) - 1))] ^= 1 << draw(
                st.integers(min_value=0, max_value=7)
            )
        elif op == "truncate":
            del data[draw(st.integers(min_value=0, max_value=len(data) - 1)) :]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "zero":
            data[at : at + draw(st.integers(min_value=1, max_value=64))] = b""
    return seed.suffix.lstrip("."), bytes(data)


def check_audio(case: tuple[str, bytes]) -> None:
    """A sane AudioInfo, or a VarsamError with a reason; never another exception."""
    from pipeline.audio import MIN_DURATION_S, probe_audio

    ext, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"call.{ext}"
        path.write_bytes(data)
        try:
            info = probe_audio(path)
        except VarsamError as exc:
            assert exc.reason and "\n" not in str(exc)
            return
    assert math.isfinite(info.duration_s) and info.duration_s >= MIN_DURATION_S
    assert 1 <= info.channels <= 64 and info.sample_rate > 0, info


def dump_audio(case: tuple[str, bytes]) -> tuple[bytes, str]:
    return case[1], f".{case[0]}"


def load_audio(path: Path) -> tuple[str, bytes]:
    return path.suffix.lstrip("."), path.read_bytes()
