#!/usr/bin/env bash
# Regenerates a conformance corpus with Strudel, the reference (never a tala
# dependency: it is installed in a scratch folder and nothing of it is kept).
#   scripts/oracle.sh tests/data/mini_extra.requests.jsonl tests/data/mini_extra.jsonl
# Request lines: {"pattern": "...", "cycles": N[, "from": F]} or {"code": "fast(2, \"a b\")", ...}.
set -euo pipefail
requests="$1"
out="$2"
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${TALA_SHARED:-$here/../shared}/conformance"
scratch="${TMPDIR:-/tmp}/tala-oracle"
mkdir -p "$scratch"
cp "$shared/oracle.mjs" "$shared/package.json" "$shared/package-lock.json" "$scratch/"
(cd "$scratch" && [[ -d node_modules/@strudel ]] || npm ci --no-audit --no-fund --loglevel=error)
node "$scratch/oracle.mjs" < "$requests" 2>/dev/null > "$out"
echo "wrote $(wc -l < "$out") cases to $out"
