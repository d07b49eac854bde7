#!/usr/bin/env bash
# Builds the native release (build/release) and the WebAssembly core (build/wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
cmake --preset wasm >/dev/null
cmake --build --preset wasm
