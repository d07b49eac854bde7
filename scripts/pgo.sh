#!/usr/bin/env bash
# Profile-guided build of the tala CLI, and what LTO and PGO each bring:
#   scripts/pgo.sh        # builds build/nolto, build/pgo-gen (instrumented), build/pgo
# Renders every example with each binary, checks the audio bytes are the same
# as the release build's, and prints the render times of q.tala and
# stress_extreme.tala (one thread, median of 5) for: no LTO, LTO (release), LTO + PGO.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/setup.sh >/dev/null
cmake --preset release >/dev/null && cmake --build --preset release --target tala >/dev/null

build() {  # build DIR EXTRA_CMAKE_ARGS...
  local dir=$1; shift
  cmake --preset release -B "$dir" -DTALA_TESTS=OFF -DTALA_BENCH=OFF "$@" >/dev/null
  cmake --build "$dir" --target tala -j2 >/dev/null
}
flags="-O3 -march=x86-64-v3 -DNDEBUG"
build build/nolto -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF
rm -rf build/pgo-data
build build/pgo-gen "-DCMAKE_CXX_FLAGS_RELEASE=$flags -fprofile-generate=$root/build/pgo-data -fprofile-update=atomic"
# Train on every example (one and two threads: both paths are profiled).
for f in examples/*.tala; do
  build/pgo-gen/native/tala render "$f" /tmp/tala-pgo-train.wav --seconds 20 --threads 1 --quiet
  build/pgo-gen/native/tala render "$f" /tmp/tala-pgo-train.wav --seconds 5 --threads 2 --quiet
done
build build/pgo "-DCMAKE_CXX_FLAGS_RELEASE=$flags -fprofile-use=$root/build/pgo-data -fprofile-partial-training -Wno-missing-profile"

echo "== the same audio bytes from every build"
same=1
for f in examples/*.tala; do
  build/release/native/tala render "$f" /tmp/tala-release.wav --seconds 10 --quiet
  for b in nolto pgo; do
    build/$b/native/tala render "$f" /tmp/tala-$b.wav --seconds 10 --quiet
    cmp -s /tmp/tala-release.wav /tmp/tala-$b.wav || { echo "DIFFERENT: $f with $b"; same=0; }
  done
done
[[ $same == 1 ]] && echo "all examples identical in nolto, release (LTO) and pgo builds"

median_seconds() {  # median_seconds TALA FILE SECONDS: wall time of 5 renders
  for i in 1 2 3 4 5; do
    /usr/bin/env time -f %e "$1" render "$2" /tmp/tala-time.wav --seconds "$3" --threads 1 --quiet 2>&1 >/dev/null | tail -1
  done | sort -n | sed -n 3p
}
echo "== render time, one thread, median of 5 (seconds of wall time)"
printf '%-26s %10s %10s %10s\n' program "no LTO" "LTO" "LTO+PGO"
for spec in "examples/q.tala 120" "examples/stress_extreme.tala 20" "examples/voices.tala 30"; do
  set -- $spec
  printf '%-26s %10s %10s %10s\n' "$(basename "$1") ($2 s)" "$(median_seconds build/nolto/native/tala "$1" "$2")" \
    "$(median_seconds build/release/native/tala "$1" "$2")" "$(median_seconds build/pgo/native/tala "$1" "$2")"
done
[[ $same == 1 ]]
