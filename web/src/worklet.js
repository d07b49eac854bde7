// The AudioWorkletProcessor. In "worklet" mode the tala core renders every
// quantum here; in "workers" mode a render worker renders ahead into a
// shared ring (ring.js) and this only copies a quantum out of it. The module
// arrives compiled in processorOptions and is instantiated synchronously (an
// OfflineAudioContext never waits for a promise).
import { instantiate } from './wasm.js';
import { EngineHost } from './engine_host.js';
import { QuantumTimer } from './quantum_timer.js';
import { Ring } from './ring.js';

const QUANTUM = 128;

class TalaProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { module, graph, when = 0, samples = [] } = options.processorOptions;
    this.tala = instantiate(module);
    this.host = new EngineHost(this.tala);
    this.timer = new QuantumTimer(sampleRate, QUANTUM);
    this.ring = null; // set in "workers" mode
    this.ringEmpty = 0; // quanta the ring could not supply (silence instead)
    this.capture = null; // { id, left, right, at }: the next frames this node outputs, for the tests
    this.ready = this.tala.x.tala_live_init(sampleRate, QUANTUM) === 0;
    this.port.onmessage = ({ data }) => this.answer(data);
    // An offline render adds the page's samples and loads its graph before the first quantum.
    if (this.ready) samples.forEach((s) => this.tala.addSample(s));
    const loaded = this.ready && graph ? this.host.load(graph, when) : null;
    this.port.postMessage({ type: this.ready ? 'ready' : 'failed', loaded, timing: this.timer.source,
      error: this.ready ? null : this.tala.lastError() });
  }

  // One request from the page, one reply with the same id (a capture replies when it is full).
  answer(msg) {
    const { result, transfer = [] } = this.host.answer(msg) ?? this.own(msg);
    if (result !== undefined) this.port.postMessage({ id: msg.id, result }, transfer);
  }

  own(msg) {
    switch (msg.type) {
      case 'meters':
        return { result: { cpu: this.timer.summary(), timing: this.timer.source, overBudget: this.timer.overBudget,
          underruns: this.timer.underruns + this.ringEmpty, ringEmpty: this.ringEmpty,
          ahead: this.ring ? this.ring.available() : 0 } };
      case 'timings': {
        const result = this.timer.samples();
        return { result, transfer: [result.buffer] };
      }
      case 'resetTimings': this.timer.reset(); return { result: { ok: true } };
      case 'clock': this.timer.useSharedClock(msg.buffer); return { result: { ok: true } };
      case 'ring':
        this.ring = msg.buffer ? new Ring(msg.buffer) : null;
        this.primed = false;
        return { result: { ok: true } };
      case 'capture': {
        const frames = Math.max(QUANTUM, Math.min(msg.frames, 30 * sampleRate));
        this.capture = { id: msg.id, left: new Float32Array(frames), right: new Float32Array(frames), at: 0 };
        return { result: undefined };
      }
      default: return { result: { error: `unknown request '${msg.type}'` } };
    }
  }

  process(_inputs, outputs) {
    if (!this.ready) return true;
    const out = outputs[0];
    const start = this.timer.start();
    if (this.ring) this.copyFromRing(out);
    else this.render(out);
    this.timer.stop(start, currentFrame);
    if (this.capture) this.record(out);
    return true;
  }

  render(out) {
    try {
      const planar = this.tala.floats(this.tala.x.tala_process(QUANTUM), 2 * QUANTUM);
      out[0].set(planar.subarray(0, QUANTUM));
      if (out.length > 1) out[1].set(planar.subarray(QUANTUM));
    } catch (e) {
      // A trap leaves the instance unusable: go silent and say so once.
      this.ready = false;
      this.port.postMessage({ type: 'crashed', error: String(e.message || e) });
    }
  }

  // Silence when the ring is empty: an underrun once the worker has delivered its first quantum.
  copyFromRing(out) {
    if (this.ring.read(out[0], out.length > 1 ? out[1] : null, QUANTUM)) {
      this.primed = true;
      return;
    }
    for (const channel of out) channel.fill(0);
    if (this.primed) this.ringEmpty++;
  }

  record(out) {
    const c = this.capture;
    const n = Math.min(QUANTUM, c.left.length - c.at);
    c.left.set(out[0].subarray(0, n), c.at);
    c.right.set((out.length > 1 ? out[1] : out[0]).subarray(0, n), c.at);
    c.at += n;
    if (c.at < c.left.length) return;
    this.capture = null;
    this.port.postMessage({ id: c.id, result: { left: c.left, right: c.right } }, [c.left.buffer, c.right.buffer]);
  }
}

registerProcessor('tala', TalaProcessor);
