#!/usr/bin/env bash
# tala's main job on its built-in defaults: builds everything, renders
# examples/demo.tala (30 seconds, the built-in kit: no downloads) to a WAV
# file, then serves the live-coding page (Ctrl+C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
out=build/demo.wav
echo "tala render examples/demo.tala $out --seconds 30 --realtime"
build/release/native/tala render examples/demo.tala "$out" --seconds 30 --realtime
echo "wrote $out"
echo "tala serve build/web --port ${TALA_PORT:-8080}   (open the URL below in Chromium or Chrome)"
exec build/release/native/tala serve build/web --port "${TALA_PORT:-8080}"
