#!/usr/bin/env bash
# tala's main job on its built-in defaults: builds everything, then renders
# examples/demo.tala (30 seconds, the built-in kit: no downloads) to a WAV file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
out=build/demo.wav
echo "tala render examples/demo.tala $out --seconds 30 --realtime"
build/release/native/tala render examples/demo.tala "$out" --seconds 30 --realtime
echo "wrote $out"
