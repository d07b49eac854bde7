#!/usr/bin/env bash
# Every test: installs what is missing, builds native and wasm, runs CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --preset release
