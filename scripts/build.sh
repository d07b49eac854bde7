#!/usr/bin/env bash
# Builds the native release (build/release), the WebAssembly core (build/wasm)
# and the browser page (build/web, with the wasm module in it).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
cmake --preset wasm >/dev/null
cmake --build --preset wasm
npm run build --silent
