#!/usr/bin/env python3
"""Writes the three side-by-side workloads (60 s, 48 kHz stereo) into OUTDIR:
w1/w2/w3 .tala (tala), .csd (Csound), .osc (SuperCollider scsynth NRT scores,
SynthDefs embedded) and .ck (ChucK). The parameters follow the peers'
measurements in the project's background notes; every engine gets the same
frequencies, amplitudes, rates, pans and kick times from the lists below, and
where an engine cannot say the same thing, the difference is written next to it.

The scsynth scores are written here directly, without sclang: an NRT score is a
sequence of (int32 big-endian length, OSC bundle), and each SynthDef travels as
a SynthDef2 binary in a /d_recv blob at time 0."""
import math
import os
import struct
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
SR, DUR = 48000, 60.0


def frac(x):
    return x - math.floor(x)


def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)


# ---- OSC and SynthDef2 encoding, for scsynth's NRT scores.

def osc_str(s):
    b = s.encode() + b"\0"
    return b + b"\0" * (-len(b) % 4)


def osc_msg(addr, *args):
    tags, data = ",", b""
    for a in args:
        if isinstance(a, bool) or isinstance(a, int):
            tags, data = tags + "i", data + struct.pack(">i", a)
        elif isinstance(a, float):
            tags, data = tags + "f", data + struct.pack(">f", a)
        elif isinstance(a, str):
            tags, data = tags + "s", data + osc_str(a)
        else:  # bytes: a blob
            tags, data = tags + "b", data + struct.pack(">i", len(a)) + a + b"\0" * (-len(a) % 4)
    return osc_str(addr) + osc_str(tags) + data


def nrt_score(events):
    """events: (seconds, OSC message) pairs, in time order -> the binary score.
    One message per bundle; the time tag is seconds as 32.32 fixed point."""
    score = b""
    for t, msg in events:
        bundle = b"#bundle\0" + struct.pack(">Q", round(t * 2 ** 32)) + struct.pack(">i", len(msg)) + msg
        score += struct.pack(">i", len(bundle)) + bundle
    return score


IR, KR, AR = 0, 1, 2
OP_ADD, OP_MUL, OP_POW = 0, 2, 25  # BinaryOpUGen special indices


class SynthDef:
    """A SynthDef2 graph built by hand. Inputs are numbers (constants) or
    (ugen index, output index) pairs; ugens must be added in evaluation order."""

    def __init__(self, name, **params):
        self.name, self.consts, self.ugens = name, [], []
        self.params = list(params.items())
        self.p = {}
        if self.params:  # one control-rate Control ugen holds every parameter
            self.ugen("Control", KR, [], len(self.params))
            self.p = {n: (0, k) for k, (n, _) in enumerate(self.params)}

    def _input(self, x):
        if isinstance(x, tuple):
            return x
        x = float(x)
        if x not in self.consts:
            self.consts.append(x)
        return (-1, self.consts.index(x))

    def ugen(self, cls, rate, inputs, outs=1, special=0):
        self.ugens.append((cls, rate, [self._input(x) for x in inputs], outs, special))
        i = len(self.ugens) - 1
        return i if outs != 1 else (i, 0)

    def op(self, special, a, b):
        rate = max([self.ugens[x[0]][1] if isinstance(x, tuple) else IR for x in (a, b)])
        return self.ugen("BinaryOpUGen", rate, [a, b], 1, special)

    def bytes(self):
        name = self.name.encode()
        d = struct.pack(">B", len(name)) + name
        d += struct.pack(">i", len(self.consts)) + b"".join(struct.pack(">f", c) for c in self.consts)
        d += struct.pack(">i", len(self.params)) + b"".join(struct.pack(">f", v) for _, v in self.params)
        d += struct.pack(">i", len(self.params))
        for k, (n, _) in enumerate(self.params):
            d += struct.pack(">B", len(n)) + n.encode() + struct.pack(">i", k)
        d += struct.pack(">i", len(self.ugens))
        for cls, rate, inputs, outs, special in self.ugens:
            d += struct.pack(">B", len(cls)) + cls.encode() + struct.pack(">biih", rate, len(inputs), outs, special)
            d += b"".join(struct.pack(">ii", u, o) for u, o in inputs)
            d += struct.pack(">b", rate) * outs
        d += struct.pack(">h", 0)  # no variants
        return b"SCgf" + struct.pack(">ih", 2, 1) + d


def write_sc(name, defs, events):
    """defs are sent at time 0, then events; a last no-op at DUR ends the render."""
    head = [(0.0, osc_msg("/d_recv", d.bytes())) for d in defs]
    tail = [(DUR, osc_msg("/c_set", 0, 0.0))]
    with open(os.path.join(out, name), "wb") as f:
        f.write(nrt_score(head + events + tail))


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

# scsynth: one node per oscillator, SinOsc (a wavetable read with linear interpolation, like
# Csound's oscili) into both output channels.
d = SynthDef("w1sine", freq=440.0, amp=0.1)
x = d.op(OP_MUL, d.ugen("SinOsc", AR, [d.p["freq"], 0.0]), d.p["amp"])
d.ugen("Out", AR, [0.0, x, x], 0)
write_sc("w1.osc", [d], [(0.0, osc_msg("/s_new", "w1sine", 1000 + i, 0, 0, "freq", f, "amp", amp1))
                         for i, f in enumerate(freqs)])
# ChucK: 256 SinOsc into the dac (mono into a stereo dac feeds both channels). ChucK's SinOsc calls
# sin() every sample (no table), and ChucK has no block size: it ticks the graph one sample at a time.
write("w1.ck", f"""// W1: 256 sine oscillators summed. usage: chuck --silent --srate:48000 w1.ck:OUT.wav
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
[{", ".join(f"{f:.6f}" for f in freqs)}] @=> float freqs[];
SinOsc s[freqs.size()];
for (0 => int i; i < freqs.size(); i++) {{
  freqs[i] => s[i].freq;
  {amp1:.8f} => s[i].gain;
  s[i] => dac;
}}
{DUR}::second => now;
w.closeFile();
""")

# W2: a 1-second sample triggered 64 times a second, each with its own rate and pan.
RATE = 64
N2 = int(DUR * RATE)
RATE_STEP, PAN_STEP = 0.6180339887498949, 0.7548776662466927  # low-discrepancy sequences
rates = [0.5 + 1.5 * frac(i * RATE_STEP) for i in range(N2)]
pans = [frac(i * PAN_STEP + 0.5) for i in range(N2)]  # 0 .. 1 (the peers' -1 .. 1)
cycles = int(DUR)
speed = " ".join("[" + " ".join(f"{r:.5f}" for r in rates[c * RATE:(c + 1) * RATE]) + "]" for c in range(cycles))
pan = " ".join("[" + " ".join(f"{p:.5f}" for p in pans[c * RATE:(c + 1) * RATE]) + "]" for c in range(cycles))
# tala's voices pan with equal power scaled by sqrt 2 (unity at the centre, as in SuperDirt), the
# others' without, so tala's gain is 0.12 / sqrt 2 for the same level.
write("w2.tala", f"""-- W2: the 1 s sample `pluck` 64 times a second, each with its own speed and pan
cps 1
d1: s "pluck*64" # speed "<{speed}>" # pan "<{pan}>" # gain {0.12 / math.sqrt(2):.6f}
out: d1
""")
# Csound: loscil (linear interpolation) on the sample as it is (GEN -1: GEN 1 would normalise the
# -1 dBFS sample to 0 dBFS, 1 dB louder than in the others), pan2 (equal power) over 0 .. 1.
# A voice lasts 1/rate s (the whole sample), cut at 60 s so that Csound, like the others, renders
# 60 s and not until the last voice ends.
score = "\n".join(f"i 2 {i / RATE:.6f} {min(1.0 / rates[i], DUR - i / RATE):.6f} {rates[i]:.6f} {pans[i]:.6f}"
                  for i in range(N2))
write("w2.csd", f"""<CsoundSynthesizer>
<CsOptions>
-d -m0 --nodisplays
</CsOptions>
<CsInstruments>
sr = {SR}
ksmps = 64
nchnls = 2
0dbfs = 1
giPluck ftgen 2, 0, 0, -1, "samples/pluck/pluck.wav", 0, 0, 1  ; GEN -1: not normalised
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

# scsynth: one node per trigger; PlayBuf frees its node when the sample ends (doneAction 2), so a
# voice lives 1/rate seconds, as p3 does in Csound. PlayBuf interpolates cubically (it has no
# linear option); tala and Csound interpolate linearly. Pan2 is equal-power over -1 .. 1.
d = SynthDef("w2voice", buf=0.0, rate=1.0, pan=0.0, amp=0.1)
rate = d.op(OP_MUL, d.p["rate"], d.ugen("BufRateScale", KR, [d.p["buf"]]))
x = d.op(OP_MUL, d.ugen("PlayBuf", AR, [d.p["buf"], rate, 1.0, 0.0, 0.0, 2.0]), d.p["amp"])
pan = d.ugen("Pan2", AR, [x, d.p["pan"], 1.0], 2)
d.ugen("Out", AR, [0.0, (pan, 0), (pan, 1)], 0)
events = [(0.0, osc_msg("/b_allocRead", 0, "samples/pluck/pluck.wav", 0, 0))]
events += [(i / RATE, osc_msg("/s_new", "w2voice", 1000 + i, 0, 0, "buf", 0.0, "rate", rates[i],
                              "pan", 2.0 * pans[i] - 1.0, "amp", 0.12)) for i in range(N2)]
write_sc("w2.osc", [d], events)
# ChucK: a pool of 192 SndBuf -> Pan2 voices (linear interpolation), used round-robin: slot i % 192
# is re-used 3 s later, well after its voice (at most 1/0.5 = 2 s long) has ended. A voice is connected to
# the dac when triggered and disconnected at the first trigger after its 1/rate seconds are over
# (up to 750 samples late; it is silent by then), so about as many voices are ticked as in the
# others (a new SndBuf per trigger would re-read the WAV file each time).
# ChucK is sample-accurate: its triggers are not rounded to 64-sample blocks.
write("w2.ck", f"""// W2: a 1 s sample triggered 64 times a second, each with its own rate and pan.
// usage: chuck --silent --srate:48000 w2.ck:OUT.wav:SAMPLE.wav
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
// The same rates and pans as the others, computed here in double precision (ChucK 1.4.2 crashes
// on an array literal of 3840 numbers).
fun float frac(float x) {{ return x - Math.floor(x); }}
float rates[{N2}];
float pans[{N2}];
for (0 => int i; i < {N2}; i++) {{
  0.5 + 1.5 * frac(i * {RATE_STEP!r}) => rates[i];
  2.0 * frac(i * {PAN_STEP!r} + 0.5) - 1.0 => pans[i];
}}
192 => int slots;
SndBuf b[slots];
Pan2 p[slots];
for (0 => int v; v < slots; v++) {{
  me.arg(1) => b[v].read;
  1 => b[v].interp;  // linear
  0 => b[v].loop;
  0.12 => b[v].gain;
  b[v] => p[v];
}}
int on[slots];
float ends[slots];  // in samples
for (0 => int i; i < rates.size(); i++) {{
  i * {SR // RATE} => float t;
  for (0 => int v; v < slots; v++) {{  // voices whose 1/rate seconds are over leave the dac
    if (on[v] && ends[v] <= t) {{ p[v] =< dac; 0 => on[v]; }}
  }}
  i % slots => int v;
  rates[i] => b[v].rate;
  pans[i] => p[v].pan;
  0 => b[v].pos;
  p[v] => dac;
  1 => on[v];
  t + {SR}.0 / rates[i] => ends[v];
  {SR // RATE}::samp => now;
}}
w.closeFile();
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

# scsynth: saws and kicks are nodes at the head writing private buses (saws to 16, kicks to 17); one
# fx node at the tail reads them: RLPF (rq = 1/Q = 1/4, the cutoff from a control-rate SinOsc LFO),
# a CombN feedback delay (decay time chosen so its feedback is 0.5: 0.5 = 0.001^(0.375 / decay)),
# FreeVerb2 (wet only: mix 1, room 0.8, damp 0.5) added back at 0.3. Saw is band-limited like vco2.
SAW_BUS, KICK_BUS = 16, 17
kick = SynthDef("w3kick")
x = kick.ugen("SinOsc", AR, [kick.ugen("XLine", KR, [150.0, 40.0, 0.3, 0.0]), 0.0])
x = kick.op(OP_MUL, x, kick.ugen("XLine", KR, [0.3, 0.3 * 0.001, 0.3, 2.0]))
kick.ugen("Out", AR, [float(KICK_BUS), x], 0)
saw = SynthDef("w3saw", freq=110.0)
saw.ugen("Out", AR, [float(SAW_BUS), saw.op(OP_MUL, saw.ugen("Saw", AR, [saw.p["freq"]]), 0.02)], 0)
fx = SynthDef("w3fx")
lfo = fx.op(OP_MUL, fx.ugen("SinOsc", KR, [0.2, 0.0]), 2.0)
cut = fx.op(OP_MUL, fx.op(OP_POW, 2.0, lfo), 1000.0)
dry = fx.op(OP_ADD, fx.ugen("RLPF", AR, [fx.ugen("In", AR, [float(SAW_BUS)]), cut, 0.25]),
            fx.ugen("In", AR, [float(KICK_BUS)]))
decay = 0.375 * math.log(0.001) / math.log(0.5)
mix = fx.op(OP_ADD, dry, fx.op(OP_MUL, fx.ugen("CombN", AR, [dry, 0.375, 0.375, decay]), 0.5))
rev = fx.ugen("FreeVerb2", AR, [mix, mix, 1.0, 0.8, 0.5], 2)
fx.ugen("Out", AR, [0.0, fx.op(OP_ADD, mix, fx.op(OP_MUL, (rev, 0), 0.3)),
                    fx.op(OP_ADD, mix, fx.op(OP_MUL, (rev, 1), 0.3))], 0)
events = [(0.0, osc_msg("/s_new", "w3saw", 1000 + k, 0, 0, "freq", f)) for k, f in enumerate(saws)]
events.append((0.0, osc_msg("/s_new", "w3fx", 999, 1, 0)))  # addToTail: after every source
events += [(t, osc_msg("/s_new", "w3kick", 2000 + i, 0, 0)) for i, t in enumerate(kicks)]
write_sc("w3.osc", [kick, saw, fx], events)
# ChucK: the same chain, one sample at a time. BlitSaw (band-limited) comes out at half the
# amplitude of the others' saws (measured in the peer notes), so its gain is 0.04, not 0.02. LPF is
# ChucK's port of SuperCollider's RLPF. The delay is a Delay -> Gain 0.5 feedback cycle (ChucK adds
# one sample to a cycle). ChucK 1.4 has no Freeverb without chugins: NRev (STK, mono, mix 1) stands
# in, and since its wet output is about 10x hotter, its return is 0.017 instead of 0.3 (measured in
# the peer notes). The LFO and the kick envelopes are updated every 64 samples, in shreds, to mirror
# k-rate in the others; each kick is a shred with its own SinOsc; kicks are sample-accurate.
steps = int(round(0.3 * SR / 64))
write("w3.ck", f"""// W3: Euclid 5/8 kick + 16 detuned saws, resonant low-pass with an LFO, delay, reverb.
// usage: chuck --silent --srate:48000 w3.ck:OUT.wav
dac => WvOut2 w => blackhole;
me.arg(0) => w.wavFilename;
[{", ".join(f"{f:.4f}" for f in saws)}] @=> float freqs[];
[{", ".join(str(round(t * SR)) for t in kicks)}] @=> int kicks[];
LPF lpf => Gain dry;
4.0 => lpf.Q;
BlitSaw saw[freqs.size()];
for (0 => int k; k < freqs.size(); k++) {{
  freqs[k] => saw[k].freq;
  0.04 => saw[k].gain;
  saw[k] => lpf;
}}
Delay dl => Gain fb => dl;
2::second => dl.max;
0.375::second => dl.delay;
0.5 => fb.gain;
Gain mix;
dry => dl;
dry => mix;
dl => Gain wet => mix;
0.5 => wet.gain;
mix => dac;
mix => NRev rev => Gain ret => dac;
1.0 => rev.mix;
0.017 => ret.gain;

fun void kick() {{
  SinOsc s => dry;
  for (0 => int n; n < {steps}; n++) {{
    (n * 64.0) / {0.3 * SR} => float x;
    150.0 * Math.pow(40.0 / 150.0, x) => s.freq;
    0.3 * Math.pow(0.001, x) => s.gain;
    64::samp => now;
  }}
  s =< dry;
}}
fun void kicker() {{
  0 => int at;
  for (0 => int i; i < kicks.size(); i++) {{
    (kicks[i] - at)::samp => now;
    kicks[i] => at;
    spork ~ kick();
  }}
  1::week => now;  // keep the sporked kicks alive
}}
fun void lfo() {{
  0 => int n;
  while (true) {{
    1000.0 * Math.pow(2.0, 2.0 * Math.sin(2.0 * pi * 0.2 * n * 64.0 / {SR}.0)) => lpf.freq;
    n++;
    64::samp => now;
  }}
}}
spork ~ lfo();
spork ~ kicker();
{DUR}::second => now;
w.closeFile();
""")
print("wrote w1..w3 .tala, .csd, .osc and .ck to", out)
