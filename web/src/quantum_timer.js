// Time spent per quantum in the worklet, against the quantum's real-time
// budget, and a count of times the audio clock fell behind the wall clock.
// AudioWorkletGlobalScope may lack performance.now(): then Date.now() is
// used and only averages over many quanta mean anything.

const RING = 1 << 16;
const UNDERRUN_MS = 25; // the audio clock losing this much against the wall clock

const clock = typeof performance !== 'undefined' && performance.now
  ? { now: () => performance.now(), source: 'performance.now' }
  : { now: () => Date.now(), source: 'Date.now' };

export class QuantumTimer {
  constructor(sampleRate, quantum) {
    this.sampleRate = sampleRate;
    this.budgetMs = (1000 * quantum) / sampleRate;
    this.source = clock.source;
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

  start() { return clock.now(); }

  stop(start, frame) {
    const end = clock.now();
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
