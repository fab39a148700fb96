"""Synthesizes the speech-path evaluation sets (tests/fixtures/speech_eval/{dev,heldout}).

    .venv/bin/python scripts/make_speech_eval.py [--set dev|heldout|both] [--count N]

Needs espeak-ng and sox on PATH (Debian/Ubuntu: `sudo apt-get install espeak-ng sox`; macOS:
`brew install espeak-ng sox`); the audio is encoded to Ogg/Opus with PyAV, which varsam already
depends on. Deterministic for a seed and an espeak-ng version. Each utterance is one call
fragment with personal data: a customer answering (mono), or an agent asking and the customer
answering (one channel each in stereo: agent left, customer right; or both voices on one
channel in "mono dialogue"); some pass through a telephone band (8 kHz mu-law, 300-3400 Hz).
The heldout set uses another seed, other voices, speeds, names, values and sentence frames.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speech_eval.frames import DEV_FRAMES, HELDOUT_FRAMES, LANGUAGE_SHARES, Frame
from speech_eval.pools import DEV, HELDOUT, Pools
from speech_eval.values import GENERATORS, Value

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests/fixtures/speech_eval"
RATE = 16_000
EDGE_S = 0.3
TURN_GAP_S = 0.5
STEREO_SHARE = 0.3
MONO_DIALOGUE_SHARE = 0.2
TELEPHONE_SHARE = 0.35
# Below about 32 kbit/s libopus folds stereo into (intensity) mono: the agent would bleed into
# the customer channel.
BITRATE = {1: 12_000, 2: 32_000}
SEEDS = {"dev": 20261202, "heldout": 77031989}
SETS: dict[str, tuple[Pools, dict[str, list[Frame]]]] = {
    "dev": (DEV, DEV_FRAMES),
    "heldout": (HELDOUT, HELDOUT_FRAMES),
}
# espeak-ng's voice for a language code of the manifest (Whisper's codes).
# Respellings applied only to what espeak-ng reads: its Swedish "sju" is heard as "två".
TTS_RESPELL: dict[str, dict[str, str]] = {"sv": {"sju": "schu"}}
# sox effects: the telephone band, and a common loudness.
TELEPHONE = ("sinc", "300-3400", "norm", "-3")
NORM = ("norm", "-3")
_SLOT = re.compile(r"\{([A-Z_]+)\}")


def require_tools() -> None:
    """Exit with how to install espeak-ng and sox when either is missing."""
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"missing {', '.join(missing)}: install with `sudo apt-get install espeak-ng sox` "
            "(Debian/Ubuntu) or `brew install espeak-ng sox` (macOS)"
        )


def speak(text: str, voice: str, speed: int, telephone: bool, tmp: Path) -> np.ndarray:
    """espeak-ng, then sox to 16 kHz mono int16; through a telephone channel when asked."""
    wav = tmp / "tts.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(wav), text], check=True)
    if telephone:
        band = tmp / "band.wav"
        subprocess.run(
            ["sox", str(wav), "-r", "8000", "-e", "u-law", "-c", "1", str(band), *TELEPHONE],
            check=True,
        )
        wav = band
    raw = subprocess.run(
        [
            "sox",
            str(wav),
            "-t",
            "raw",
            "-r",
            str(RATE),
            "-e",
            "signed",
            "-b",
            "16",
            "-c",
            "1",
            "-",
            *NORM,
        ],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16)


def encode_opus(samples: np.ndarray, out: Path) -> None:
    """(n, channels) int16 at 16 kHz -> Ogg/Opus at a low speech bitrate."""
    import av

    channels = samples.shape[1]
    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(out), "w", format="ogg", options={"fflags": "+bitexact"}) as container:
        stream = container.add_stream("libopus", rate=RATE, layout=layout)
        stream.bit_rate = BITRATE[channels]
        stream.options = {"application": "voip"}
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples).reshape(1, -1), format="s16", layout=layout
        )
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def fill(text: str, values: dict[str, Value]) -> str:
    return _SLOT.sub(lambda m: values[m.group(1)].spoken, text)


def languages_for(count: int) -> list[str]:
    """Languages in proportion to LANGUAGE_SHARES, interleaved."""
    plan: list[str] = []
    for lang, share in LANGUAGE_SHARES.items():
        plan += [lang] * round(count * share)
    plan += ["en"] * (count - len(plan))
    return plan[:count]


def make_utterance(
    index: int, lang: str, rng: random.Random, pools: Pools, frames: dict[str, list[Frame]]
) -> dict:
    """Draw one utterance's frame, values, voices and layout (no audio yet)."""
    agent_q, answer = rng.choice(frames[lang])
    values = {slot: GENERATORS[slot](rng, lang, pools) for slot in _SLOT.findall(answer)}
    roll = rng.random()
    if roll < STEREO_SHARE:
        layout, dialogue = "stereo", True
    elif roll < STEREO_SHARE + MONO_DIALOGUE_SHARE:
        layout, dialogue = "mono", True
    else:
        layout, dialogue = "mono", False
    customer_voice, agent_voice = rng.sample(pools.voices[lang], 2)
    turns = [{"speaker": "customer", "text": fill(answer, values)}]
    if dialogue:
        turns.insert(0, {"speaker": "agent", "text": agent_q})
    return {
        "id": f"{lang}-{index:04d}",
        "language": lang,
        "layout": layout,
        "dialogue": dialogue,
        "telephone": rng.random() < TELEPHONE_SHARE,
        "voice": customer_voice,
        "agent_voice": agent_voice if dialogue else None,
        "speed": rng.choice(pools.speeds),
        "turns": turns,
        "values": [{"type": v.type, "value": v.value, "spoken": v.spoken} for v in values.values()],
    }


def render(utt: dict, tmp: Path) -> np.ndarray:
    """The utterance's audio as (samples, channels) int16; turns never overlap."""
    channels = 2 if utt["layout"] == "stereo" else 1
    parts = [np.zeros((int(EDGE_S * RATE), channels), dtype=np.int16)]
    for i, turn in enumerate(utt["turns"]):
        text = turn["text"]
        for word, respelled in TTS_RESPELL.get(utt["language"], {}).items():
            text = re.sub(rf"\b{word}\b", respelled, text)
        voice = utt["voice"] if turn["speaker"] == "customer" else utt["agent_voice"]
        audio = speak(text, voice, utt["speed"], utt["telephone"], tmp)
        block = np.zeros((len(audio), channels), dtype=np.int16)
        block[:, 1 if channels == 2 and turn["speaker"] == "customer" else 0] = audio
        parts.append(block)
        gap = TURN_GAP_S if i < len(utt["turns"]) - 1 else EDGE_S
        parts.append(np.zeros((int(gap * RATE), channels), dtype=np.int16))
    return np.concatenate(parts)


def generate(name: str, count: int) -> None:
    """Write one set: audio files and manifest.json."""
    pools, frames = SETS[name]
    rng = random.Random(SEEDS[name])
    out = FIXTURES / name
    audio_dir = out / "audio"
    audio_dir.mkdir(parents=True, exist_ok=True)
    for old in audio_dir.glob("*.ogg"):
        old.unlink()
    plan = languages_for(count)
    rng.shuffle(plan)
    counters: dict[str, int] = {}
    utterances = []
    with tempfile.TemporaryDirectory(prefix="speech-eval-") as tmp:
        for lang in plan:
            counters[lang] = counters.get(lang, 0) + 1
            utt = make_utterance(counters[lang], lang, rng, pools, frames)
            samples = render(utt, Path(tmp))
            utt["file"] = f"audio/{utt['id']}.ogg"
            utt["duration_s"] = round(len(samples) / RATE, 2)
            encode_opus(samples, out / utt["file"])
            utterances.append(utt)
    utterances.sort(key=lambda u: u["id"])
    manifest = {
        "set": name,
        "seed": SEEDS[name],
        "generator": "scripts/make_speech_eval.py",
        "espeak_ng": _espeak_version(),
        "sample_rate": RATE,
        "utterances": utterances,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    size = sum(p.stat().st_size for p in audio_dir.glob("*.ogg"))
    seconds = sum(u["duration_s"] for u in utterances)
    print(f"{name}: {len(utterances)} utterances, {seconds / 60:.1f} min, {size / 1e6:.2f} MB")


def _espeak_version() -> str:
    out = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    return out.split("Data at")[0].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--count", type=int, default=320, help="utterances per set")
    args = parser.parse_args()
    require_tools()
    for name in ("dev", "heldout") if args.set == "both" else (args.set,):
        generate(name, args.count)


if __name__ == "__main__":
    main()
