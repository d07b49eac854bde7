#!/usr/bin/env bash
# Every test: installs what is missing, builds native and wasm, runs CTest on
# the release build, then the whole suite again under ASan + UBSan (debug),
# and the thread pool and hot-swap tests under ThreadSanitizer (tsan).
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
