"""Scoring of a redaction system against a labelled corpus: leaks, protection, over-redaction."""

from pipeline.evaluation.corpus import GoldSpan, InvalidCorpus, Sample, load_corpus
from pipeline.evaluation.entity_map import SENSITIVE_TYPES, canonical_type
from pipeline.evaluation.metrics import EvaluationResult, Tally, evaluate, score_sample
from pipeline.evaluation.report import format_comparison, format_report, result_to_dict
from pipeline.evaluation.runner import AnalyzeFn, predict, run_evaluation

__all__ = [
    "SENSITIVE_TYPES",
    "AnalyzeFn",
    "EvaluationResult",
    "GoldSpan",
    "InvalidCorpus",
    "Sample",
    "Tally",
    "canonical_type",
    "evaluate",
    "format_comparison",
    "format_report",
    "load_corpus",
    "predict",
    "result_to_dict",
    "run_evaluation",
    "score_sample",
]
