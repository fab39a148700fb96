# Set-up and entry points; every target creates .venv from PyPI when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: demo test fuzz lint format bench eval-speech clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

$(BENCH_STAMP): pyproject.toml $(DEV_STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@touch $@

demo: $(STAMP)
	$(BIN)/varsam demo

# The console's browser tests drive Debian's Chromium; install it where it is missing.
test: $(DEV_STAMP)
	@test -x /usr/bin/chromium || scripts/install_test_tools.sh
	$(BIN)/python -m pytest

# The long fuzz run (`make test` gives each target a few seconds): FUZZ_SECONDS per target,
# failing inputs saved under tests/fixtures/fuzz/ as regression cases.
fuzz: $(DEV_STAMP)
	PYTHON=$(BIN)/python scripts/fuzz.sh

# Measurements, never run by `make test`: redaction against Presidio, pipeline throughput,
# deletion latency, the API under load, varsam against bare faster-whisper, memory of long
# calls. Each prints its table; see bench/README.md. The last two take about an hour on 2 cores
# (--quick: less).
bench: $(BENCH_STAMP)
	$(BIN)/python bench/redaction_vs_presidio.py
	$(BIN)/python bench/pipeline_throughput.py
	$(BIN)/python bench/deletion_latency.py
	$(BIN)/python bench/api_load.py
	nice -n 10 $(BIN)/python bench/asr_overhead.py
	nice -n 10 $(BIN)/python bench/long_call.py

# The speech-path evaluation on both committed sets (README, "Speech-path evaluation"); the first
# run transcribes 640 utterances, later runs read the transcripts from the cache.
eval-speech: $(STAMP)
	$(BIN)/varsam eval speech --set dev --set heldout

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) varsam-data .pytest_cache .ruff_cache
