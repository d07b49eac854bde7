#!/usr/bin/env bash
# Regenerates the golden graphs of the examples (tests/golden/NAME.json) after a
# deliberate change to the language or the graph format; review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in examples/*.tala; do
  name=$(basename "$f" .tala)
  build/release/native/tala compile "$f" -o "tests/golden/$name.json"
done
build/release/native/tala schema > docs/graph.schema.json
build/release/native/tala nodes > docs/nodes.md
git status --short tests/golden docs/graph.schema.json docs/nodes.md
