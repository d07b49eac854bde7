// The AudioWorkletProcessor: the tala core renders every quantum here.
// The module arrives compiled in processorOptions and is instantiated
// synchronously (an OfflineAudioContext never waits for a promise).
import { instantiate } from './wasm.js';
import { QuantumTimer } from './quantum_timer.js';

const QUANTUM = 128;

class TalaProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const { module, graph, when = 0, samples = [] } = options.processorOptions;
    this.tala = instantiate(module);
    this.timer = new QuantumTimer(sampleRate, QUANTUM);
    this.ready = this.tala.x.tala_live_init(sampleRate, QUANTUM) === 0;
    this.port.onmessage = ({ data }) => this.answer(data);
    // An offline render adds the page's samples and loads its graph before the first quantum.
    if (this.ready) samples.forEach((s) => this.tala.addSample(s));
    const loaded = this.ready && graph ? this.load(graph, when) : null;
    this.port.postMessage({ type: this.ready ? 'ready' : 'failed', loaded, timing: this.timer.source,
      error: this.ready ? null : this.tala.lastError() });
  }

  load(graph, when) {
    const json = typeof graph === 'string' ? graph : JSON.stringify(graph);
    return this.tala.withString(json, (p, n) => this.tala.json(this.tala.x.tala_load(p, n, when)));
  }

  // One request from the page, one reply with the same id.
  answer(msg) {
    const t = this.tala;
    let result = null;
    let transfer = [];
    switch (msg.type) {
      case 'load': result = this.load(msg.graph, msg.when ?? 0); break;
      case 'silence': t.x.tala_silence(); result = { ok: true }; break;
      case 'tap':
        result = t.withString(msg.name, (p, n) => t.x.tala_set_tap(p, n)) === 0
          ? { ok: true } : { error: `unknown output or bus '${msg.name}'` };
        break;
      case 'scope': {
        const n = Math.min(msg.n ?? 1024, 4096);
        result = t.floats(t.x.tala_scope(n), n).slice();
        transfer = [result.buffer];
        break;
      }
      case 'spectrum': {
        const size = msg.size ?? 4096;
        result = t.floats(t.x.tala_spectrum(size), size / 2).slice();
        transfer = [result.buffer];
        break;
      }
      case 'status':
        result = { ...t.json(t.x.tala_status()), cpu: this.timer.summary(), timing: this.timer.source,
          underruns: this.timer.underruns, overBudget: this.timer.overBudget };
        break;
      case 'timings': result = this.timer.samples(); transfer = [result.buffer]; break;
      case 'resetTimings': this.timer.reset(); result = { ok: true }; break;
      case 'clock': this.timer.useSharedClock(msg.buffer); result = { ok: true }; break;
      case 'addSample': result = t.addSample(msg); break;
      default: result = { error: `unknown request '${msg.type}'` };
    }
    this.port.postMessage({ id: msg.id, result }, transfer);
  }

  process(_inputs, outputs) {
    if (!this.ready) return true;
    const out = outputs[0];
    const start = this.timer.start();
    try {
      const planar = this.tala.floats(this.tala.x.tala_process(QUANTUM), 2 * QUANTUM);
      out[0].set(planar.subarray(0, QUANTUM));
      if (out.length > 1) out[1].set(planar.subarray(QUANTUM));
    } catch (e) {
      // A trap leaves the instance unusable: go silent and say so once.
      this.ready = false;
      this.port.postMessage({ type: 'crashed', error: String(e.message || e) });
    }
    this.timer.stop(start, currentFrame);
    return true;
  }
}

registerProcessor('tala', TalaProcessor);
