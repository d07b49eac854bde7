#!/usr/bin/env bash
# `tala compile`: output, exit codes and error lines.
set -u
tala="$1"
examples="$2"
source "$(dirname "$0")/check.sh"
printf 'd1: s "bd" # lpff 800\n' > "$tmp/bad.tala"
printf '{"format": "tala-graph", "version": 7, "nodes": []}' > "$tmp/bad.json"
check compile_example 0 '"format": "tala-graph"' -- compile "$examples/sketch.tala"
check output_file 0 '' -- compile "$examples/sketch.tala" -o "$tmp/sketch.json"
check json_input 0 '"version": 1' -- compile "$tmp/sketch.json"
check unknown_function 2 "bad.tala: error: 1:14: unknown function 'lpff' (did you mean 'lpf'?)" -- compile "$tmp/bad.tala"
check caret 2 $'  d1: s "bd" # lpff 800\n               ^' -- compile "$tmp/bad.tala"
check bad_version 2 "bad.json: error: /version: unknown version 7 (this tala reads version 1)" -- compile "$tmp/bad.json"
check missing_file 2 "error: $tmp/nope.tala: cannot read the file" -- compile "$tmp/nope.tala"
check bad_output 2 "cannot write the file" -- compile "$examples/sketch.tala" -o "$tmp/no/such/dir/x.json"
check no_input 2 "error: missing FILE" -- compile
echo "$failures failures"
[[ $failures -eq 0 ]]
