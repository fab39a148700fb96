"""Fuzz tests: Hypothesis targets, a short budget here and a long one in scripts/fuzz.sh."""
