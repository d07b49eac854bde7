#!/usr/bin/env bash
# Every test: installs what is missing, builds native and wasm, runs CTest on
# the release build, then the whole suite again under ASan + UBSan (debug),
# the thread pool and hot-swap tests under ThreadSanitizer (tsan), and every
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
for target in mini language graph samples; do
  scripts/fuzz.sh "$target" "${TALA_FUZZ_SECONDS:-15}" 2>&1 | tail -4
done
