#!/usr/bin/env bash
# The `tala events` command line: output shapes, exit codes and error lines.
set -u
tala="$1"
data="$2"
source "$(dirname "$0")/check.sh"

check table 0 '1/2 - 1/1  "sd"' -- events "bd sd"
check json 0 '{"pattern":"bd sd","cycles":2,"events":[{"whole":["0/1","1/2"],"part":["0/1","1/2"],"value":"bd"}' -- events "bd sd" --cycles 2 --json
check from 0 '"from":3,"events":[{"whole":["3/1","7/2"]' -- events "bd sd" --from 3 --json
check fraction_cycles 0 '"cycles":0.5' -- events "bd sd" --cycles 1/2 --json
check unclosed 2 "error: 1:4: '[' is never closed" -- events "bd [sn"
check caret 2 $'  bd [sn\n     ^' -- events "bd [sn"
check negative_cycles 2 "error: --cycles: cannot be negative" -- events "bd" --cycles -1
check bad_cycles 2 "--cycles: expected a number" -- events "bd" --cycles lots
check unknown_flag 2 "error: unrecognised option '--nope'" -- events "bd" --nope
check missing_pattern 2 "error: missing PATTERN" -- events
check unknown_command 2 "error: unknown command 'dance'" -- dance
check help 0 "usage: tala events PATTERN" -- events --help

# --stdin answers one line per request and keeps going after a bad one.
out=$(printf '%s\n' '{"pattern":"bd sd","cycles":1}' 'not json' '{"pattern":"a [b","cycles":1}' '{"pattern":"hh","cycles":2}' | "$tala" events --stdin)
lines=$(printf '%s\n' "$out" | wc -l)
if [[ $lines -eq 4 && "$out" == *'"error":"error: bad request'* && "$out" == *"never closed"* && "$out" == *'"pattern":"hh","cycles":2,"events":['* ]]; then
  echo "ok   stdin"
else
  echo "FAIL stdin:"; echo "$out"; failures=$((failures + 1))
fi

# The whole shared corpus through --stdin: every line answered, none crashing.
answered=$("$tala" events --stdin < "$data/mini.jsonl" | wc -l)
expected=$(grep -c . "$data/mini.jsonl")
if [[ $answered -eq $expected ]]; then echo "ok   corpus_stdin ($answered lines)"; else echo "FAIL corpus_stdin: $answered of $expected"; failures=$((failures + 1)); fi

echo "$failures failures"
[[ $failures -eq 0 ]]
