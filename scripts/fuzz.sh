#!/usr/bin/env bash
# Runs one libFuzzer target for a while:  scripts/fuzz.sh TARGET SECONDS [libFuzzer flags]
# (e.g. -runs=10000000 to stop after ten million executions; later flags win).
# TARGET: mini, language, graph, samples, server or wasm_abi. Seeds come from the tests and
# examples; what the fuzzer finds new stays in build/fuzz/corpus/TARGET, and a
# crashing input is saved as build/fuzz/crash-* (the run then fails).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh mini|language|graph|samples|server|wasm_abi SECONDS}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
case $target in mini | language | graph | samples | server | wasm_abi) ;; *) echo "error: unknown fuzz target '$target'" >&2; exit 2 ;; esac

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${target}_fuzz" >/dev/null

corpus=build/fuzz/corpus/$target
seeds=build/fuzz/seeds/$target
mkdir -p "$corpus" "$seeds"
# Inputs that once crashed a target stay seeds for ever.
[[ -d tests/fuzz/regressions/$target ]] && cp tests/fuzz/regressions/"$target"/* "$seeds"/
case $target in
  mini)  # the pattern of every conformance case, one file each
    node -e '
      const fs = require("fs");
      let i = 0;
      for (const f of ["tests/data/mini.jsonl", "tests/data/mini_extra.jsonl"])
        for (const line of fs.readFileSync(f, "utf8").split("\n"))
          if (line.trim()) fs.writeFileSync(process.argv[1] + "/" + (i++), JSON.parse(line).pattern);
    ' "$seeds" ;;
  language) cp examples/*.tala tests/data/identity/*.tala "$seeds"/ ;;
  graph) cp tests/golden/*.json "$seeds"/ ;;
  samples)  # a short WAV, 16-bit mono and float stereo
    node -e '
      const fs = require("fs");
      function wav(channels, bits, format) {
        const frames = 64, bytes = frames * channels * bits / 8, b = Buffer.alloc(44 + bytes);
        b.write("RIFF", 0); b.writeUInt32LE(36 + bytes, 4); b.write("WAVEfmt ", 8);
        b.writeUInt32LE(16, 16); b.writeUInt16LE(format, 20); b.writeUInt16LE(channels, 22);
        b.writeUInt32LE(44100, 24); b.writeUInt32LE(44100 * channels * bits / 8, 28);
        b.writeUInt16LE(channels * bits / 8, 32); b.writeUInt16LE(bits, 34); b.write("data", 36);
        b.writeUInt32LE(bytes, 40);
        for (let i = 0; i < frames * channels; i++) {
          const v = Math.sin(i / 3);
          if (bits === 16) b.writeInt16LE(Math.round(v * 20000), 44 + 2 * i); else b.writeFloatLE(v, 44 + 4 * i);
        }
        return b;
      }
      fs.writeFileSync(process.argv[1] + "/mono16.wav", wav(1, 16, 1));
      fs.writeFileSync(process.argv[1] + "/stereo32f.wav", wav(2, 32, 3));
    ' "$seeds" ;;
  server)  # requests for files inside, outside and around the root, pipelined, with bodies
    printf 'GET / HTTP/1.1\r\nHost: a\r\n\r\n' >"$seeds/get_root"
    printf 'GET /sub/a.js?x=1 HTTP/1.1\r\nHost: a\r\n\r\nHEAD /index.html HTTP/1.0\r\n\r\n' >"$seeds/pipelined"
    printf 'GET /../secret.txt HTTP/1.1\r\n\r\n' >"$seeds/traversal"
    printf 'GET /%%2e%%2e/secret.txt HTTP/1.1\r\n\r\n' >"$seeds/escaped_traversal"
    printf 'GET /link.txt HTTP/1.1\r\nConnection: close\r\n\r\n' >"$seeds/symlink"
    printf 'POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello' >"$seeds/post"
    printf 'GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' >"$seeds/chunked" ;;
  wasm_abi)  # programs and graphs: the fuzzer's calls take their text from the input
    cp examples/*.tala tests/golden/*.json "$seeds"/ ;;
esac
dict=tests/fuzz/$target.dict
if [[ $target == wasm_abi ]]; then  # programs and graphs both
  dict=build/fuzz/wasm_abi.dict
  cat tests/fuzz/language.dict tests/fuzz/graph.dict >"$dict"
fi

# The page's engine lives from one call to the next, so its inputs rarely free what they allocate:
# libFuzzer would then look for leaks after nearly every input (a scan of the whole heap: two thirds
# of the time). The same, less often, for the language: a query's scratch vectors and event values
# are pooled per thread and kept (core/util/scratch.hpp, controls.cpp), so an input that grows a pool
# looks like a leak and is run again (11 % of the time in perf; 474 -> 504 per second, session 15).
# Leaks are still looked for when the run ends.
leaks=1
[[ $target == wasm_abi || $target == language ]] && leaks=0

# -seed 0: a new random seed each run (TALA_FUZZ_SEED fixes it).
# -timeout: an input taking over a second is a hang; -rss_limit_mb: memory must stay bounded.
exec "build/fuzz/tests/fuzz/${target}_fuzz" "$corpus" "$seeds" \
  -dict="$dict" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
  -max_len=4096 -detect_leaks=$leaks -seed="${TALA_FUZZ_SEED:-0}" -print_final_stats=1 -artifact_prefix=build/fuzz/ -close_fd_mask=3 "$@"
