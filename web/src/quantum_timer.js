// Time spent per quantum in the worklet, against the quantum's real-time
// budget, and a count of times the audio clock fell behind the wall clock.
// Chromium's AudioWorkletGlobalScope has no performance.now(): then Date.now()
// (1 ms steps) is used and only averages over many quanta mean anything,
// until the page starts a clock worker (clock_worker.js) that writes
// performance.now() in microseconds into shared memory for us to read.

const RING = 1 << 16;
const UNDERRUN_MS = 25; // the audio clock losing this much against the wall clock

const localClock = typeof performance !== 'undefined' && performance.now
  ? { now: () => performance.now(), source: 'performance.now' }
  : { now: () => Date.now(), source: 'Date.now' };

function sharedClock(buffer) {
  const micros = new Int32Array(buffer);
  const base = Date.now();
  const first = Atomics.load(micros, 0);
  // Microseconds wrap every 71 minutes: differences are taken modulo 2^32.
  return { now: () => base + ((Atomics.load(micros, 0) - first) | 0) / 1000, source: 'clock worker' };
}

export class QuantumTimer {
  constructor(sampleRate, quantum) {
    this.sampleRate = sampleRate;
    this.budgetMs = (1000 * quantum) / sampleRate;
    this.clock = localClock;
    this.ring = new Float32Array(RING);
    this.reset();
    this.underruns = 0;
    this.wallStart = null;
    this.lagBase = 0;
  }

  reset() {
    this.count = 0;
    this.total = 0;
    this.overBudget = 0;
  }

  get source() { return this.clock.source; }

  useSharedClock(buffer) {
    this.clock = sharedClock(buffer);
    this.wallStart = null;
    this.reset();
  }

  start() { return this.clock.now(); }

  stop(start, frame) {
    const end = this.clock.now();
    const ms = end - start;
    this.ring[this.count % RING] = ms;
    this.count++;
    this.total += ms;
    if (ms > this.budgetMs) this.overBudget++;
    this.watchClock(end, frame);
  }

  // Wall time minus audio time grows only when quanta were not delivered.
  watchClock(now, frame) {
    const audioMs = (1000 * frame) / this.sampleRate;
    if (this.wallStart === null) {
      this.wallStart = now - audioMs;
      return;
    }
    const lag = now - this.wallStart - audioMs;
    if (lag > this.lagBase + UNDERRUN_MS) {
      this.underruns++;
      this.lagBase = lag;
    } else if (lag < this.lagBase) {
      this.lagBase = lag;
    }
  }

  summary() {
    const mean = this.count ? this.total / this.count : 0;
    return { meanMs: mean, budgetMs: this.budgetMs, load: mean / this.budgetMs, quanta: this.count };
  }

  // The latest durations (ms), oldest first.
  samples() {
    const n = Math.min(this.count, RING);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.ring[(this.count - n + i) % RING];
    return out;
  }
}
