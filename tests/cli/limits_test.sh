#!/usr/bin/env bash
# `tala limits` and `--limit NAME=VALUE`: the table docs/limits.md holds is the
# one the binary prints; a lowered limit accepts what is at it, a raised one
# what the default refuses; voices and sample files are bounded as set. (The
# refusals, with their exact lines, are in tests/bad/cases.tsv; the request
# limits in serve_test.sh.)
#   tests/cli/limits_test.sh TALA DOCS_LIMITS_MD BAD_INPUTS_DIR
set -u
tala="$1"
doc="$2"
inputs="$3"
source "$(dirname "$0")/check.sh"

# docs/limits.md carries `tala limits --markdown` verbatim.
if grep -qxF -f <("$tala" limits --markdown | grep -v '^$') "$doc" &&
  [[ $(grep -cxF -f <("$tala" limits --markdown | grep -v '^$') "$doc") -eq $("$tala" limits --markdown | grep -cv '^$') ]]; then
  echo "ok   docs_table"
else
  fail "docs_table: $doc does not hold the output of tala limits --markdown (paste it in)"
fi
check table 0 'events-per-query      200000 events' -- limits
check table_lowered 0 'voices                16 voices' -- limits --limit voices=16
check help 0 'usage: tala limits' -- limits --help
for command in events compile render serve; do
  check "help_$command" 0 '--limit NAME=VALUE' -- "$command" --help
done

# At a lowered limit is accepted (one more is refused: tests/bad/cases.tsv).
check events_at_lowered 0 '7/8 - 1/1' -- events 'bd*4 bd*4' --limit events-per-query=8
check nesting_at_lowered 0 '"bd"' -- events '[[bd]]' --limit mini-nesting=2
check ops_at_lowered 0 '"bd"' -- events 'bd*1*1' --limit mini-ops=2
check bytes_at_lowered 0 '"c"' -- events 'bd sd hh c' --limit pattern-bytes=10
check expr_depth_at_lowered 0 '"nodes"' -- compile "$inputs/parens.tala" --limit expr-depth=4
check graph_nodes_at_lowered 0 '"nodes"' -- compile "$inputs/three_nodes.json" --limit graph-nodes=3
# Raised past the default.
check events_past_default 2 'more than 200000 events' -- events 'bd*200001'
check events_raised 0 '200000/200001 - 1/1' -- events 'bd*200001' --limit events-per-query=200001
# The last --limit of a name wins; --stdin and --json answer within the limits too.
check repeated 0 '"bd"' -- events 'bd*8' --limit events-per-query=4 --limit events-per-query=8
check json_lowered 2 'more than 4 events in one query' -- events 'bd*8' --json --limit events-per-query=4
out=$(printf '{"pattern":"bd*8"}\n{"pattern":"bd*4"}\n' | "$tala" events --stdin --limit events-per-query=4)
[[ $(sed -n 1p <<< "$out") == *'more than 4 events in one query'* && $(sed -n 2p <<< "$out") == *'"events":['* ]] &&
  echo "ok   stdin_lowered" || fail "stdin_lowered: $out"

# One block's pattern query: the voices node asks for 1/8 cycle ahead, which
# holds 9 events of bd*64 where it starts between two (8 where it starts on one).
printf 'cps 1\nd1: s "bd*64"\n' > "$tmp/b64.tala"
out=$("$tala" render "$tmp/b64.tala" "$tmp/b.wav" --cycles 1 --limit events-per-block=9 2>&1)
[[ $? -eq 0 && $out != *'more than'* ]] && echo "ok   block_events_at" || fail "block_events_at: $out"
check block_events_past 0 'warning: d1/voices1: the pattern makes more than 8 events in one block (limit: events-per-block)' -- \
  render "$tmp/b64.tala" "$tmp/b.wav" --cycles 1 --limit events-per-block=8

# Voices: a program renders at any polyphony from 1.
check voices_one 0 '' -- render "$inputs/blip.tala" "$tmp/v.wav" --cycles 1 --quiet --limit voices=1

# Sample files: one of exactly N seconds loads, one of N+1 does not (the rest of the bank plays).
mkdir -p "$tmp/bank/long" "$tmp/bank/longer"
printf 'd1: s "long longer"\n' > "$tmp/two.tala"
sample_check() {  # sample_check NAME LIMIT_SECONDS ("" = the default) EXPECTED_STDERR_LINE ("" = none)
  local err rc
  err=$("$tala" render "$tmp/two.tala" "$tmp/s.wav" --cycles 1 --samples "$tmp/bank" ${2:+--limit "sample-seconds=$2"} 2>&1 >/dev/null)
  rc=$?
  err=$(grep -E '^(error|warning)' <<< "$err")
  [[ $rc -eq 0 && "$err" == "$3" ]] && echo "ok   $1" || fail "$1: exit $rc, stderr '$err' (expected '$3')"
}
# A sample that does not load is an unknown sound when the program plays it.
unknown=$'\n'"warning: d1/voices1: unknown sound 'longer' (it plays silence)"
"$tala" render "$inputs/sine.tala" "$tmp/bank/long/1.wav" --seconds 2 --quiet
"$tala" render "$inputs/sine.tala" "$tmp/bank/longer/1.wav" --seconds 3 --quiet
sample_check samples_lowered 2 "error: $tmp/bank/longer/1.wav: longer than 2 s$unknown"
sample_check samples_raised 3 ""
rm -r "$tmp/bank"/*/1.wav
"$tala" render "$inputs/sine.tala" "$tmp/bank/long/1.wav" --seconds 60 --quiet
"$tala" render "$inputs/sine.tala" "$tmp/bank/longer/1.wav" --seconds 61 --quiet
sample_check samples_default "" "error: $tmp/bank/longer/1.wav: longer than 60 s$unknown"

[[ $failures -eq 0 ]] && echo "all limits checks passed" || { echo "$failures failures"; exit 1; }
