"""ML model loading: ASR (faster-whisper) and NER (spaCy), resolved offline."""
