#!/usr/bin/env bash
# How much a second thread buys, against what this machine can give at all.
#   bench/threads.sh [TALA] [PROGRAM] [SECONDS] [RUNS]
# Renders PROGRAM with --threads 1 and --threads 2, and two --threads 1 renders
# at once (two processes sharing nothing: the most two cores can do here),
# RUNS times each, interleaved, and prints the best wall time of each and the
# speed-ups. On a VM whose two vCPUs share a physical core, the two processes
# together are well short of 2x, and no scheduler can beat that.
set -euo pipefail
tala=${1:-build/release/native/tala}
program=${2:-examples/stress_extreme.tala}
seconds=${3:-20}
runs=${4:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

wall() {  # wall seconds of a command, to the millisecond
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
render() { "$tala" render "$program" "$tmp/$1.wav" --seconds "$seconds" --quiet --threads "$2"; }
both() { render a 1 & render b 1; wait; }

best1=999999999 best2=999999999 bestpair=999999999
for _ in $(seq "$runs"); do
  t=$(wall render one 1); ((t < best1)) && best1=$t
  t=$(wall render two 2); ((t < best2)) && best2=$t
  t=$(wall both); ((t < bestpair)) && bestpair=$t
done
cmp -s "$tmp/one.wav" "$tmp/two.wav" || { echo "error: 1 and 2 threads wrote different bytes" >&2; exit 1; }
awk -v a="$best1" -v b="$best2" -v p="$bestpair" -v prog="$program" -v s="$seconds" 'BEGIN {
  printf "%s, %s s, best of runs (wall):\n", prog, s
  printf "  1 thread                       %7.3f s\n", a / 1000
  printf "  2 threads                      %7.3f s   %.2fx over 1 thread\n", b / 1000, a / b
  printf "  two 1-thread renders at once   %7.3f s   %.2fx the work per second of one (the ceiling)\n", p / 1000, 2 * a / p
  printf "  2 threads reach %.0f %% of the ceiling\n", 100 * (a / b) / (2 * a / p)
}'
