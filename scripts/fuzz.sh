#!/usr/bin/env bash
# The long fuzz run: each target (all, or those named) for FUZZ_SECONDS under the fuzz-long
# Hypothesis profile (tests/fuzz/harness.py). A failing input is saved under
# tests/fixtures/fuzz/<target>/, where every `make test` replays it from then on; commit it with
# the fix. Examples tried per target are appended to FUZZ_REPORT (fuzz-report.jsonl).
#   scripts/fuzz.sh                      # every target, 6 minutes each
#   FUZZ_SECONDS=60 scripts/fuzz.sh events jsonl_lines
set -uo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
seconds=${FUZZ_SECONDS:-360}
report=${FUZZ_REPORT:-fuzz-report.jsonl}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(events jsonl_lines ids config audio_probe)
fi
failed=()
for target in "${targets[@]}"; do
    echo "== fuzz $target for ${seconds}s"
    FUZZ_PROFILE=fuzz-long FUZZ_SECONDS=$seconds FUZZ_REPORT=$report \
        "$python" -m pytest -q -s -p no:cacheprovider \
        "tests/fuzz/test_fuzz.py::test_fuzz_target_keeps_its_contract[$target]" \
        || failed+=("$target")
done
echo "== report: $report"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failing targets: ${failed[*]} (inputs saved under tests/fixtures/fuzz/)" >&2
    exit 1
fi
