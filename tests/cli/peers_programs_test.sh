#!/usr/bin/env bash
# The side-by-side benchmark's tala programs (bench/peers/gen.py) compile.
set -u
tala="$1"
gen="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$gen" "$tmp" >/dev/null || { echo "FAIL gen.py"; exit 1; }
failures=0
for w in w1 w2 w3; do
  if "$tala" compile "$tmp/$w.tala" -o "$tmp/$w.json"; then echo "ok   $w"; else echo "FAIL $w"; failures=$((failures + 1)); fi
done
exit $((failures > 0))
