#!/usr/bin/env bash
# tala's main job on its built-in defaults: builds, then prints the events of
# the demo pattern. (Rendering audio and the browser editor come next.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
demo='<bd*2 [~ bd]> [~ sd]*2, hh*8?, <c3 eb3 g3 bb3>(3,8,<0 2>)'
echo "tala events \"$demo\" --cycles 2"
build/release/native/tala events "$demo" --cycles 2
