#!/usr/bin/env bash
# The bad-input corpus: every case of tests/bad/cases.tsv runs against TALA
# and must end with its exact expected exit code and first stderr line (for
# `server` cases: HTTP status and first body line), within 10 s (TALA_BAD_SECONDS: the
# sanitizer build is slower), without a crash.
#   tests/bad/run.sh TALA_BINARY [NAME_FILTER]
#   tests/bad/run.sh --generate DIR   (only makes the inputs in DIR; live.mjs uses it)
# Columns of cases.tsv (tab-separated; `#` lines are comments):
#   category  name  input  exit  args  expected  [flags]
# `{N*TEXT}` in expected stands for TEXT N times; `{input}` in args and expected stands for the input (a file or folder of
# tests/bad/inputs, or one the runner generates, see generate()); args are
# shell words; flags: `known-bug` (reported as skip), `sounds` (the render must
# not warn that the output is silent).
set -u
here=$(cd "$(dirname "$0")" && pwd)
rep() { head -c "$2" /dev/zero | tr '\0' "$1"; }  # rep CHAR N


# Inputs too big to commit: made fresh in the work folder (the current one).
generate() {
  for f in "$here"/inputs/*; do ln -s "$f" .; done
  { printf 'out: '; rep '(' 10000; printf '440'; rep ')' 10000; printf '\n'; } > deep_parens.tala
  { printf 'out: sinosc 440'; for _ in $(seq 20000); do printf ' + 0'; done; printf ' * 0.5\n'; } > long_line.tala
  { printf -- '-- '; rep x $((9 << 20)); printf '\nout: sinosc 440\n'; } > over_8mib.tala
  { rep '[' 10000; printf 'bd'; rep ']' 10000; } > deep_mini.txt
  { printf 'd1: s "'; cat deep_mini.txt; printf '"\n'; } > deep_mini_program.tala
  { printf '{"format":"tala-graph","version":1,"source":"'; rep x $((100 << 20))
    printf '","nodes":[{"id":"a","type":"sinosc"}],"outputs":{"out":"a"}}\n'; } > string_100mb.json
  { printf '{"format":"tala-graph","version":1,"nodes":[{"id":"'; rep x $((100 << 20))
    printf '","type":"sinosc"}],"outputs":{"out":"a"}}\n'; } > id_100mb.json
  { printf '{"format":"tala-graph","version":1,"cps":'; rep '[' 10000; rep ']' 10000
    printf ',"nodes":[],"outputs":{}}\n'; } > deep_array.json
  { printf '{"format":"tala-graph","version":1,"nodes":[{"id":"a","type":"voices","pattern":'
    for _ in $(seq 10000); do printf '{"call":"fast","args":[2,'; done; printf '{"mini":"bd"}'
    rep ']' 10000 | sed 's/]/]}/g'; printf '}],"outputs":{"out":"a"}}\n'; } > deep_pattern.json
  head -c $((2 << 20)) /dev/zero > body_2mb.bin
  mkdir -p site/sub outside
  printf '<!doctype html><p>tala</p>\n' > site/index.html
  printf 'secret\n' > outside/secret.txt
  ln -s ../outside/secret.txt site/link.txt
  mkdir -p unreadable && chmod 000 unreadable
}

if [[ "$1" == --generate ]]; then
  cd "$2" && generate
  exit
fi
tala=$(realpath "$1")
filter="${2:-}"
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  chmod 700 "$work/unreadable" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export LC_ALL=C.UTF-8

start_server() {
  "$tala" serve site --port 0 --quiet > server.out 2> server.err &
  server_pid=$!
  for _ in $(seq 400); do  # up to 20 s: a loaded CI machine (web e2e running beside) starts it slowly
    url=$(grep -o 'http://\S*' server.out 2>/dev/null | head -1)
    [[ -n "$url" ]] && return 0
    sleep 0.05
  done
  echo "FAIL server: did not start: $(cat server.err)"
  return 1
}

# `{N*TEXT}` -> TEXT repeated N times (for the long JSON paths of deep nesting).
expand() {
  local text="$1" re='\{([0-9]+)\*([^}]*)\}'
  while [[ "$text" =~ $re ]]; do
    local n="${BASH_REMATCH[1]}" unit="${BASH_REMATCH[2]}" out=""
    for ((k = 0; k < n; k++)); do out+="$unit"; done
    text="${text/"${BASH_REMATCH[0]}"/$out}"
  done
  printf '%s' "$text"
}

passed=0 failed=0 skipped=0 total=0
skips=()
report() {  # report NAME FLAGS PROBLEM ("" = ok)
  if [[ -z "$3" ]]; then
    echo "ok   $1"; passed=$((passed + 1))
  elif [[ "$2" == *known-bug* ]]; then
    echo "skip $1 (known bug): $3"; skipped=$((skipped + 1)); skips+=("$1")
  else
    echo "FAIL $1: $3"; failed=$((failed + 1))
  fi
}

# The source line and caret that may follow a positioned error line.
check_caret() {  # check_caret EXPECTED_LINE STDERR_FILE INPUT -> problem or ""
  local pos line col src caret
  pos=$(grep -oE 'error: [0-9]+:[0-9]+: ' <<< "$1" | head -1)
  [[ -z "$pos" ]] && return 0
  src=$(sed -n 2p "$2" | tr -d "\0") caret=$(sed -n 3p "$2")
  [[ "$src" != "  "* ]] && return 0
  line=${pos#error: } line=${line%%:*}
  col=${pos#error: *:} col=${col%: }
  if [[ "$caret" != "  "*"^" ]]; then echo "no caret line under the source line"; return; fi
  local before="${caret%^}"
  if (( ${#before} - 2 != col - 1 )); then echo "caret at column $(( ${#before} - 1 )), expected $col"; return; fi
  if [[ -f "$3" && "$3" != *.json ]]; then
    local want
    want=$(sed -n "${line}p" "$3" | tr -d "\0")
    [[ "  $want" != "$src" ]] && echo "source line '$src' is not line $line of $3"
  fi
}

run_cli() {  # run_cli NAME INPUT EXIT ARGS EXPECTED FLAGS
  local name="$1" input="$2" want_exit="$3" args="$4" expected="$5" flags="$6"
  local -a argv
  eval "argv=(${args//\{input\}/$input})"
  timeout "${TALA_BAD_SECONDS:-10}" "$tala" "${argv[@]}" > out.txt 2> err.txt < /dev/null
  local code=$? problem=""
  local first
  first=$(head -1 err.txt | tr -d "\0")
  if (( code == 124 )); then
    problem="took more than ${TALA_BAD_SECONDS:-10} s"
  elif (( code == 134 || code == 139 )); then
    problem="crashed (exit $code): $first"
  elif [[ "$code" != "$want_exit" ]]; then
    problem="expected exit $want_exit, got $code ($first)"
  elif [[ "$first" != "$expected" ]]; then
    problem="expected '$expected', got '$first'"
  elif [[ "$flags" == *sounds* ]] && grep -q 'the output is silent' err.txt; then
    problem="the rest of the bank did not play (silent output)"
  else
    problem=$(check_caret "$expected" err.txt "$input")
  fi
  report "$name" "$flags" "$problem"
}

run_server() {  # run_server NAME STATUS ARGS EXPECTED_BODY_LINE FLAGS
  local name="$1" want="$2" args="$3" expected="$4" flags="$5"
  local -a argv
  eval "argv=(${args//\{url\}/$url})"
  local got first problem=""
  got=$(timeout 5 curl -s -o body.txt -w '%{http_code}' --max-time 4 "${argv[@]}")
  first=$(head -1 body.txt 2>/dev/null)
  if [[ "$got" != "$want" ]]; then
    problem="expected HTTP $want, got $got"
  elif [[ "$first" != "$expected" ]]; then
    problem="expected body '$expected', got '$first'"
  elif ! kill -0 "$server_pid" 2>/dev/null; then
    problem="the server stopped"
  fi
  rm -f body.txt
  report "$name" "$flags" "$problem"
}

cd "$work" && generate
start_server || exit 1
while IFS=$'\t' read -r category name input want args expected flags; do
  [[ -z "$category" || "$category" == \#* ]] && continue
  total=$((total + 1))
  [[ -n "$filter" && "$name" != *$filter* ]] && continue
  expected=$(expand "${expected//\{input\}/$input}")
  if [[ "$category" == server ]]; then
    run_server "$category/$name" "$want" "$args" "$expected" "${flags:-}"
  else
    run_cli "$category/$name" "$input" "$want" "$args" "$expected" "${flags:-}"
  fi
done < "$here/cases.tsv"

echo "$passed passed, $failed failed, $skipped known bugs skipped, $total cases"
for s in "${skips[@]}"; do echo "known bug: $s"; done
if (( total < 100 )); then
  echo "FAIL the corpus has $total cases (at least 100)"
  exit 1
fi
(( failed == 0 ))
