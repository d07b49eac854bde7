#!/usr/bin/env bash
# Every test: installs what is missing, builds native and wasm, runs CTest on
# the release build, then all of it but the page's build and Playwright (label
# web) again under ASan + UBSan (debug), the thread pool, scheduler, pattern
# cache and hot-swap tests under ThreadSanitizer (tsan), and every
# fuzz target briefly (a regression on the corpus shows at once).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --preset release
echo "--- again under AddressSanitizer + UndefinedBehaviorSanitizer (debug preset)"
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug
echo "--- the thread pool and hot-swap tests under ThreadSanitizer (tsan preset)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan
ctest --preset tsan
echo "--- every fuzz target for ${TALA_FUZZ_SECONDS:-15} s (scripts/fuzz.sh; docs/reliability.md has the long runs)"
mkdir -p build
for target in mini language graph samples server wasm_abi; do
  # The summary when it passes; the whole report (the crash, its input) when not.
  # A fixed seed: CI replays the same mutations (long runs explore; CI guards the corpus).
  if ! TALA_FUZZ_SEED=1 scripts/fuzz.sh "$target" "${TALA_FUZZ_SECONDS:-15}" >build/fuzz-"$target".log 2>&1; then
    grep -v '^#[0-9]' build/fuzz-"$target".log | tail -60
    echo "error: fuzz target $target failed (log: build/fuzz-$target.log)" >&2
    exit 1
  fi
  echo "$target: $(grep -E 'stat::number_of_executed_units' build/fuzz-"$target".log | awk '{print $2}') executions, no failure"
done
