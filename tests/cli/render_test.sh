#!/usr/bin/env bash
# `tala render`: every example renders, formats and lengths are as asked,
# renders are reproducible, --split, --realtime, --profile, and every bad
# input gives one error line and exit code 2.
set -u
tala="$1"
wav_info="$2"
examples="$3"
source "$(dirname "$0")/check.sh"
info_is() {  # info_is NAME FILE "CHANNELS RATE FRAMES FORMAT"
  local got
  got=$("$wav_info" "$2")
  if [[ "$got" != "$3 "* ]]; then fail "$1: $got (expected $3 ...)"; return; fi
  local peak=${got##* }
  if [[ "$peak" == "0.0000" ]]; then fail "$1: silent"; return; fi
  echo "ok   $1 ($got)"
}

# Every example renders, not silent, stereo or multichannel as its outputs say.
for f in "$examples"/*.tala; do
  name=$(basename "$f" .tala)
  if ! "$tala" render "$f" "$tmp/$name.wav" --seconds 2 --quiet; then fail "render $name"; continue; fi
  channels=2
  [[ $name == stress_extreme ]] && channels=32
  [[ $name == outputs ]] && channels=8
  [[ $name == sketch ]] && channels=4  # out and out2
  info_is "example_$name" "$tmp/$name.wav" "$channels 48000 96000 f32"
done

# Formats, rates and lengths: cps 0.5 in sketch, so 4 cycles are 8 s.
check s16 0 '' -- render "$examples/sketch.tala" "$tmp/s16.wav" --format s16 --cycles 4 --quiet
info_is s16_file "$tmp/s16.wav" "4 48000 384000 s16"
check s24 0 '' -- render "$examples/sketch.tala" "$tmp/s24.wav" --format s24 --seconds 1 --rate 44100 --quiet
info_is s24_file "$tmp/s24.wav" "4 44100 44100 s24"
check block 0 '' -- render "$examples/sketch.tala" "$tmp/b64.wav" --seconds 1 --block 64 --quiet
info_is block_file "$tmp/b64.wav" "4 48000 48000 f32"

# The same render twice (and with 1 or 2 threads) gives the same bytes; another seed changes noise.
"$tala" render "$examples/outputs.tala" "$tmp/a.wav" --seconds 2 --format s16 --threads 1 --quiet
"$tala" render "$examples/outputs.tala" "$tmp/b.wav" --seconds 2 --format s16 --threads 2 --quiet
"$tala" render "$examples/outputs.tala" "$tmp/c.wav" --seconds 2 --format s16 --seed 7 --quiet
cmp -s "$tmp/a.wav" "$tmp/b.wav" && echo "ok   reproducible" || fail "reproducible: two renders differ"
[[ -s $tmp/c.wav ]] && ! cmp -s "$tmp/a.wav" "$tmp/c.wav" && echo "ok   seed" || fail "seed: the --seed 7 render failed or changed nothing"
# In f32 there is no dither: what --seed changes is the noise itself, and only
# in the output that has noise (out2), not in the one without (out).
"$tala" render "$examples/outputs.tala" "$tmp/n0.wav" --seconds 1 --split --quiet
"$tala" render "$examples/outputs.tala" "$tmp/n7.wav" --seconds 1 --split --seed 7 --quiet
[[ -s $tmp/n7-out2.wav ]] && ! cmp -s "$tmp/n0-out2.wav" "$tmp/n7-out2.wav" && echo "ok   seed changes noise" ||
  fail "seed: the --seed 7 render failed or left the noise of out2 unchanged"
cmp -s "$tmp/n0-out.wav" "$tmp/n7-out.wav" && echo "ok   seed leaves noiseless outputs alone" || fail "seed: --seed 7 changed out, which has no noise"

# --split: one stereo file per output.
check split 0 '' -- render "$examples/outputs.tala" "$tmp/split.wav" --split --seconds 1 --quiet
for o in out out1 out2 out3; do info_is "split_$o" "$tmp/split-$o.wav" "2 48000 48000 f32"; done

# Reports.
check realtime 0 'real-time factor' -- render "$examples/sketch.tala" "$tmp/r.wav" --seconds 2 --realtime --quiet
check realtime_verdict 0 'live on this machine: ' -- render "$examples/sketch.tala" "$tmp/r.wav" --seconds 2 --realtime --quiet
check profile 0 'd1/voices1' -- render "$examples/sketch.tala" "$tmp/p.wav" --seconds 2 --profile --quiet
check profile_stages 0 'profile: time per stage' -- render "$examples/sketch.tala" "$tmp/p.wav" --seconds 2 --profile --quiet

# Warnings.
printf 'out: sinosc 440 * 0\n' > "$tmp/silent.tala"
check silent 0 'warning: the output is silent' -- render "$tmp/silent.tala" "$tmp/silent.wav" --seconds 1
printf 'd1: s "nope*4"\n' > "$tmp/unknown.tala"
check unknown_sound 0 "warning: d1/voices1: unknown sound 'nope' (it plays silence)" -- render "$tmp/unknown.tala" "$tmp/u.wav" --seconds 1

# Bad input: one line, exit 2.
printf 'd1: s "bd" # lpff 800\n' > "$tmp/bad.tala"
check missing_input 2 "error: $tmp/nope.tala: cannot read the file" -- render "$tmp/nope.tala" "$tmp/x.wav"
check bad_output 2 "cannot write the file" -- render "$examples/sketch.tala" "$tmp/no/such/dir/x.wav"
# A full disk: the write fails on the first chunk, with the file written here or on the writer thread.
if [[ -w /dev/full ]]; then
  check full_disk_serial 2 'error: /dev/full: write failed' -- render "$examples/sketch.tala" /dev/full --threads 1
  check full_disk_threads 2 'error: /dev/full: write failed' -- render "$examples/sketch.tala" /dev/full --threads 2
fi
# the most cycles at the slowest cps a graph may have: 10^12 s, refused like any too long
"$tala" compile "$examples/sketch.tala" | sed 's/"cps": *[0-9.e-]*/"cps":0.000001/' >"$tmp/slowest.json"
check slowest_cps 2 'error: the render would be 1e+12 s long (limit: 1 frame .. 24 hours)' -- render "$tmp/slowest.json" "$tmp/x.wav" --cycles 1000000
# below it, the tempo would be 0 as a fraction (a clock standing still): refused by the loader
sed 's/"cps":0.000001/"cps":5e-324/' "$tmp/slowest.json" >"$tmp/too_slow.json"
check too_slow_cps 2 "$tmp/too_slow.json: error: /cps: expected a number of cycles per second from 0.000001 to 1000" -- render "$tmp/too_slow.json" "$tmp/x.wav" --cycles 1
check negative_cycles 2 'error: --cycles must be above 0 and at most 1000000 (got -1)' -- render "$examples/sketch.tala" "$tmp/x.wav" --cycles -1
check zero_threads 2 'error: --threads must be in 1..256' -- render "$examples/sketch.tala" "$tmp/x.wav" --threads 0
check rate_1 2 'error: --rate must be in 8000..384000' -- render "$examples/sketch.tala" "$tmp/x.wav" --rate 1
check bad_format 2 "error: --format must be f32, s24 or s16 (got 'mp3')" -- render "$examples/sketch.tala" "$tmp/x.wav" --format mp3
check unknown_flag 2 "error: unrecognised option '--bogus'" -- render "$examples/sketch.tala" "$tmp/x.wav" --bogus
check one_file 2 'error: expected IN and OUT.wav' -- render "$examples/sketch.tala"
check compile_error 2 "bad.tala: error: 1:14: unknown function 'lpff'" -- render "$tmp/bad.tala" "$tmp/x.wav"
check not_a_folder 2 "error: $tmp/nowhere: not a folder of sample folders" -- render "$examples/sketch.tala" "$tmp/x.wav" --samples "$tmp/nowhere"

exit $((failures > 0))
