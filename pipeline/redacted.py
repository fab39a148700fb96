"""The redacted transcript: a raw transcript with personal data replaced, safe for training."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pipeline.answer_windows import TranscriptRedaction, answer_spans, placed_words
from pipeline.redaction.merge import merge_overlapping
from pipeline.redaction.operators import Operator, RedactionPolicy, redact_text
from pipeline.redaction.span import Span
from pipeline.redaction.widen import widen_to_unsure_words
from pipeline.stages.context import TextAnalyzer
from pipeline.transcript import Segment, Transcript


@dataclass(frozen=True)
class _Piece:
    segment: int
    offset: int  # where the segment's text starts in the speaker's joined text


def _speaker_text(segments: list[tuple[int, Segment]]) -> tuple[str, list[_Piece]]:
    # One text per speaker, so an entity spoken across two segments is still seen whole.
    parts, pieces, offset = [], [], 0
    for index, seg in segments:
        pieces.append(_Piece(index, offset))
        parts.append(seg.text)
        offset += len(seg.text) + 1
    return " ".join(parts), pieces


def _split(
    spans: list[Span], pieces: list[_Piece], lengths: dict[int, int]
) -> dict[int, list[Span]]:
    # Cut speaker-level spans at segment borders, into segment-local offsets.
    local: dict[int, list[Span]] = {}
    for span in spans:
        for piece in pieces:
            seg_len = lengths[piece.segment]
            start = max(span.start - piece.offset, 0)
            end = min(span.end - piece.offset, seg_len)
            if start < end:
                local.setdefault(piece.segment, []).append(
                    Span(start, end, span.entity_type, span.score, span.recognizer)
                )
    return local


def _word_times(seg: Segment, span: Span) -> tuple[float, float]:
    # Locate each word in the segment text; the span covers the words it overlaps.
    times, cursor = [], 0
    for word in seg.words:
        at = seg.text.find(word.text, cursor)
        if at < 0:
            continue
        cursor = at + len(word.text)
        if at < span.end and span.start < cursor:
            times.append((word.start, word.end))
    if not times:
        return seg.start, seg.end
    return min(t[0] for t in times), max(t[1] for t in times)


def redact_transcript(
    transcript: Transcript,
    analyzer: TextAnalyzer,
    *,
    versions: dict[str, str],
    redacted_at: datetime,
    source_sha256: str,
    policy: RedactionPolicy | None = None,
    options: TranscriptRedaction | None = None,
) -> dict[str, Any]:
    """Build the redacted transcript's JSON: text, segments, entity tags with times, provenance.

    Entities record type, operator, position and time; never the value they replaced.
    """
    by_speaker: dict[str, list[tuple[int, Segment]]] = {}
    for index, seg in enumerate(transcript.segments):
        by_speaker.setdefault(seg.speaker, []).append((index, seg))
    lengths = {i: len(s.text) for i, s in enumerate(transcript.segments)}
    local: dict[int, list[Span]] = {}
    for segments in by_speaker.values():
        text, pieces = _speaker_text(segments)
        for index, spans in _split(
            analyzer.analyze(text, transcript.language), pieces, lengths
        ).items():
            local.setdefault(index, []).extend(spans)
    # Dialogue-aware redaction and Whisper's own doubt (issue 8): the answer to a question for
    # personal data is redacted as that type; unsure words beside a span go with it.
    options = options or TranscriptRedaction()
    for index, spans in answer_spans(transcript, options.dialogue_window_s).items():
        local.setdefault(index, []).extend(spans)
    for index, seg in enumerate(transcript.segments):
        if local.get(index):
            local[index] = widen_to_unsure_words(
                seg.text,
                merge_overlapping(local[index]),
                placed_words(index, seg),
                options.unsure_probability,
            )
    # One operator for the whole call, so a stateful one (surrogates) is consistent within it.
    policy = policy or RedactionPolicy()
    operator: Operator = policy.build(transcript.call_id, transcript.language)
    counts: Counter[str] = Counter()
    out_segments: list[dict[str, Any]] = []
    for index, seg in enumerate(transcript.segments):
        spans = merge_overlapping(local.get(index, []))
        text, placed = redact_text(seg.text, spans, operator)
        entities = []
        for span, new in zip(spans, placed, strict=True):
            t_start, t_end = _word_times(seg, span)
            entities.append(
                {
                    "start": new.start,
                    "end": new.end,
                    "type": span.entity_type,
                    "operator": policy.operator_for(span.entity_type),
                    "t_start": t_start,
                    "t_end": t_end,
                }
            )
            counts[span.entity_type] += 1
        out_segments.append(
            {
                "start": seg.start,
                "end": seg.end,
                "speaker": seg.speaker,
                "channel": seg.channel,
                "text": text,
                "entities": entities,
            }
        )
    return {
        "call_id": transcript.call_id,
        "language": transcript.language,
        "duration_s": transcript.duration_s,
        "text": " ".join(s["text"] for s in out_segments),
        "segments": out_segments,
        "entity_counts": dict(sorted(counts.items())),
        "models": {
            "asr": {"name": transcript.asr_model, **transcript.asr_versions},
            "redaction": versions,
        },
        "redacted_at": redacted_at.isoformat(),
        "source_sha256": source_sha256,
    }
