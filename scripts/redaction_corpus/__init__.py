"""Parts of the synthetic redaction corpus: number words, fake identifiers, sentence templates."""
