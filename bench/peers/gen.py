#!/usr/bin/env python3
"""Writes the three side-by-side workloads (60 s, 48 kHz stereo) for tala and
Csound into OUTDIR: w1/w2/w3 .tala and .csd. The parameters follow the peers'
measurements in the project's background notes; where the tala language
cannot say the same thing, the difference is written next to it."""
import math
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
SR, DUR = 48000, 60.0


def frac(x):
    return x - math.floor(x)


def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)


# W1: 256 sines, 40 Hz .. ~10 kHz, summed.
N1 = 256
amp1 = 0.9 / N1
freqs = [40.0 * 2.0 ** (i / 32.0) for i in range(N1)]
lines = ["-- W1: 256 sine oscillators at different frequencies, summed", "cps 1"]
lines += [f"~o{i}: sinosc {f:.6f}" for i, f in enumerate(freqs)]
lines.append("out: (" + " + ".join(f"~o{i}" for i in range(N1)) + f") * {amp1:.8f}")
write("w1.tala", "\n".join(lines) + "\n")
score = "\n".join(f"i 1 0 {DUR} {f:.6f}" for f in freqs)
write("w1.csd", f"""<CsoundSynthesizer>
<CsOptions>
-d -m0 --nodisplays
</CsOptions>
<CsInstruments>
sr = {SR}
ksmps = 64
nchnls = 2
0dbfs = 1
giSine ftgen 1, 0, 65536, 10, 1
instr 1
  a1 oscili {amp1:.8f}, p4, giSine
  outs a1, a1
endin
</CsInstruments>
<CsScore>
{score}
e
</CsScore>
</CsoundSynthesizer>
""")

# W2: a 1-second sample triggered 64 times a second, each with its own rate and pan.
RATE = 64
N2 = int(DUR * RATE)
rates = [0.5 + 1.5 * frac(i * 0.6180339887498949) for i in range(N2)]
pans = [frac(i * 0.7548776662466927 + 0.5) for i in range(N2)]  # 0 .. 1 (the peers' -1 .. 1)
cycles = int(DUR)
speed = " ".join("[" + " ".join(f"{r:.5f}" for r in rates[c * RATE:(c + 1) * RATE]) + "]" for c in range(cycles))
pan = " ".join("[" + " ".join(f"{p:.5f}" for p in pans[c * RATE:(c + 1) * RATE]) + "]" for c in range(cycles))
write("w2.tala", f"""-- W2: the 1 s sample `pluck` 64 times a second, each with its own speed and pan
cps 1
d1: s "pluck*64" # speed "<{speed}>" # pan "<{pan}>" # gain 0.12
out: d1
""")
score = "\n".join(f"i 2 {i / RATE:.6f} {1.0 / rates[i]:.6f} {rates[i]:.6f} {pans[i]:.6f}" for i in range(N2))
write("w2.csd", f"""<CsoundSynthesizer>
<CsOptions>
-d -m0 --nodisplays
</CsOptions>
<CsInstruments>
sr = {SR}
ksmps = 64
nchnls = 2
0dbfs = 1
giPluck ftgen 2, 0, 0, 1, "samples/pluck/pluck.wav", 0, 0, 1
instr 2
  a1 loscil 0.12, p4, giPluck, 1
  aL, aR pan2 a1, p5
  outs aL, aR
endin
</CsInstruments>
<CsScore>
{score}
e
</CsScore>
</CsoundSynthesizer>
""")

# W3: a Euclid(5,8) kick every 0.5 s cycle, 16 detuned saws through a resonant
# low-pass swept by an LFO, a stereo feedback delay and a reverb.
saws = [110.0 * (1.0 + 0.004 * (k - 7.5)) for k in range(16)]
write("w3.tala", """-- W3: Euclid 5/8 kick + 16 detuned saws, resonant low-pass with an LFO, delay, reverb.
-- The kick is the built-in kit's bd (the peers synthesise theirs), and the cutoff LFO is linear
-- from 250 to 4000 Hz (the peers sweep 1000 * 2^(2 sin(2 pi 0.2 t)), the same range, exponentially).
cps 2
d1: s "bd(5,8)" # gain 0.3
~saws: (""" + " + ".join(f"sawosc {f:.4f}" for f in saws) + """) * 0.02
~cut: sinosc 0.2 * 1875 + 2125
out: d1 + ~saws # lpf ~cut 0.884 # delay 0.375 0.5 0.5 # room 0.3 0.8 0.5
""")
kicks = []
for c in range(int(DUR / 0.5)):
    for s, on in enumerate([1, 0, 1, 1, 0, 1, 1, 0]):
        if on:
            kicks.append(c * 0.5 + s * 0.0625)
score = "\n".join(f"i 3 {t:.4f} 0.3" for t in kicks)
score += "\n" + "\n".join(f"i 4 0 {DUR} {f:.4f}" for f in saws) + f"\ni 5 0 {DUR}"
write("w3.csd", f"""<CsoundSynthesizer>
<CsOptions>
-d -m0 --nodisplays
</CsOptions>
<CsInstruments>
sr = {SR}
ksmps = 64
nchnls = 2
0dbfs = 1
gaSaw init 0
gaKick init 0
instr 3 ; kick: a falling sine
  kf expon 150, p3, 40
  ke expon 1, p3, 0.001
  a1 poscil 0.3 * ke, kf
  gaKick = gaKick + a1
endin
instr 4 ; one detuned saw
  a1 vco2 0.02, p4
  gaSaw = gaSaw + a1
endin
instr 5 ; filter, delay, reverb
  kcut = 1000 * 2 ^ (2 * sin(2 * 3.14159265 * 0.2 * times:k()))
  af lowpass2 gaSaw, kcut, 4
  adry = af + gaKick
  adl delayr 0.375
  aout deltapi 0.375
  delayw adry + aout * 0.5
  amix = adry + 0.5 * aout
  arl, arr freeverb amix, amix, 0.8, 0.5
  outs amix + 0.3 * arl, amix + 0.3 * arr
  clear gaSaw, gaKick
endin
</CsInstruments>
<CsScore>
{score}
e
</CsScore>
</CsoundSynthesizer>
""")
print("wrote w1..w3 .tala and .csd to", out)
