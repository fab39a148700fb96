"""Would a prompt asking Whisper for digits help? Word error rate and leaks on the samples with
and without a per-language initial prompt, in one run (issue 8, item 4; not shipped: it did not).

.venv/bin/python bench/asr_digits_prompt.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from faster_whisper import decode_audio
from rapidfuzz.distance import Levenshtein

from config.settings import load_settings
from models.asr import SAMPLE_RATE, _load
from pipeline.redaction import Analyzer
from pipeline.redaction.normalize import normalize_spoken
from pipeline.redaction.operators import redact_text
from workers.cli.demo import leaked_values

ROOT = Path(__file__).resolve().parents[1]
PROMPTS = {
    "en": "Support call. Numbers are written as digits: 0 1 2 3 4 5 6 7 8 9.",
    "sv": "Kundtjänst. Siffror skrivs med siffror: 0 1 2 3 4 5 6 7 8 9.",
}


def tokens(text: str, language: str) -> list[str]:
    """Words, with numbers as single digits on both sides: "zero seven" and "07" agree."""
    return re.findall(r"\d|[^\W\d_]+", normalize_spoken(text, language).text.lower())


def hear(model, call: dict, prompt: str | None) -> str:
    """The call as Whisper hears it, channels merged by time."""
    path = str(ROOT / "samples" / call["file"])
    stereo = call["layout"] == "stereo"
    tracks = (
        list(decode_audio(path, sampling_rate=SAMPLE_RATE, split_stereo=True))
        if stereo
        else [decode_audio(path, sampling_rate=SAMPLE_RATE)]
    )
    heard = []
    for samples in tracks:
        segments, _ = model.transcribe(
            samples,
            language=call["language"],
            beam_size=5,
            word_timestamps=True,
            vad_filter=True,
            condition_on_previous_text=False,
            initial_prompt=prompt,
        )
        heard += [(s.start, s.text.strip()) for s in segments]
    return " ".join(text for _, text in sorted(heard))


def main() -> None:
    """Print per call and in total: WER, ground-truth forms in the raw text, leaks after."""
    _name, model = _load(load_settings().asr)
    manifest = json.loads((ROOT / "samples/manifest.json").read_text(encoding="utf-8"))
    analyzer = Analyzer.default()
    for mode in ("no prompt", "digits prompt"):
        errors = words = raw = leaked = 0
        for call in manifest:
            language = call["language"]
            text = hear(model, call, PROMPTS[language] if mode == "digits prompt" else None)
            reference = tokens(" ".join(s["text"] for s in call["script"]), language)
            errors += Levenshtein.distance(reference, tokens(text, language))
            words += len(reference)
            redacted, _ = redact_text(text, analyzer.analyze(text, language))
            raw += len(leaked_values(text, [call]))
            leaked += len(leaked_values(redacted, [call]))
        print(
            f"{mode}: WER {errors / words:.3f} ({errors}/{words}); ground-truth forms in the "
            f"raw transcripts {raw}; left after redaction {leaked}"
        )


if __name__ == "__main__":
    main()
