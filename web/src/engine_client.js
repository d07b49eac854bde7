// The page's side of the engine: the AudioContext and the worklet node, and
// in "workers" mode the render worker that owns the engine instead (the
// worklet then copies from the shared ring). Requests to the engine go to
// whichever side owns it (ask); renderOffline runs the worklet in an
// OfflineAudioContext for tests.
import { Rpc, first } from './rpc.js';
import { startWorker } from './workers.js';
import { ENGINE_REQUESTS } from './engine_host.js';
import { createRingBuffer } from './ring.js';

const WORKLET_URL = 'worklet.js';
export const MODES = ['worklet', 'workers'];

function talaNode(ctx, module, graph, samples = []) {
  return new AudioWorkletNode(ctx, 'tala', {
    numberOfInputs: 0,
    numberOfOutputs: 1,
    outputChannelCount: [2],
    processorOptions: { module, graph, samples },
  });
}

// Why "workers" mode is unavailable here, or null.
export function workersUnavailable() {
  if (!self.crossOriginIsolated) {
    return 'the page is not cross-origin isolated (no COOP/COEP headers; `tala serve` sends them), '
      + 'so there is no SharedArrayBuffer';
  }
  return null;
}

export class Engine {
  static async start(module, sampleRate = 48000) {
    const ctx = new AudioContext({ sampleRate, latencyHint: 'interactive' });
    await ctx.audioWorklet.addModule(WORKLET_URL);
    const node = talaNode(ctx, module, null);
    const ready = await first(node.port, 'ready');
    const engine = new Engine(ctx, node, module, ready.timing);
    if (ctx.state !== 'running') ctx.resume().catch(() => {});
    return engine;
  }

  constructor(ctx, node, module, timing) {
    this.ctx = ctx;
    this.node = node;
    this.module = module;
    this.timing = timing;
    this.gain = ctx.createGain();
    node.connect(this.gain).connect(ctx.destination);
    this.onCrash = () => {};
    this.worklet = new Rpc(node.port, (m) => { if (m.type === 'crashed') this.onCrash(m.error); });
    this.mode = 'worklet';
    this.renderer = null; // { worker, rpc } in "workers" mode
    this.samples = []; // every sample added, for offline renders, exports and a change of mode
    this.workletSamples = 0; // how many of them the worklet's engine has
    this.playing = null; // { graph, when } last loaded and not silenced, for a change of mode
    this.tapName = 'out';
  }

  // The one place requests leave: engine requests to the side that owns the
  // engine, the rest (meters, timings, clock, ring, capture) to the worklet.
  async ask(type, fields = {}, transfer = []) {
    const rpc = ENGINE_REQUESTS.has(type) && this.renderer ? this.renderer.rpc : this.worklet;
    return (await rpc.call({ type, ...fields }, transfer)).result;
  }

  async load(graph, when = 0) {
    const text = typeof graph === 'string' ? graph : JSON.stringify(graph);
    const reply = await this.ask('load', { graph: text, when });
    if (!reply.error) this.playing = { graph: text, when };
    return reply;
  }

  silence() {
    this.playing = null;
    return this.ask('silence');
  }

  async tap(name) {
    const reply = await this.ask('tap', { name });
    if (!reply.error) this.tapName = name;
    return reply;
  }

  scope(n = 1024) { return this.ask('scope', { n }); }
  spectrum(size = 4096) { return this.ask('spectrum', { size }); }
  // The engine's status (cycle, peak, messages) and the worklet's meters (cpu, underruns, ring lead).
  async status() {
    const [engine, meters] = await Promise.all([this.ask('status'), this.ask('meters')]);
    return { ...engine, ...meters, mode: this.mode };
  }

  timings() { return this.ask('timings'); }
  resetTimings() { return this.ask('resetTimings'); }
  // The next `frames` the worklet node outputs, whichever mode renders them.
  capture(frames) { return this.ask('capture', { frames }); }

  // Precise per-quantum timings: a worker writes the time into shared
  // memory the worklet reads (needs cross-origin isolation).
  async startClock() {
    if (this.clockWorker) return { ok: true };
    if (!self.crossOriginIsolated) return { error: 'precise timing needs cross-origin isolation' };
    const buffer = new SharedArrayBuffer(4);
    this.clockWorker = new Worker('clock_worker.js');
    const ready = first(this.clockWorker, 'ready');
    this.clockWorker.postMessage({ buffer });
    await ready;
    return this.ask('clock', { buffer });
  }

  setVolume(v) { this.gain.gain.setTargetAtTime(v, this.ctx.currentTime, 0.02); }

  async addSample(name, left, right, rate) {
    const reply = await this.ask('addSample', { name, left, right, rate });
    if (!reply.error) {
      this.samples.push({ name, left, right, rate });
      if (!this.renderer) this.workletSamples = this.samples.length;
    }
    return reply;
  }

  // "worklet": the worklet renders; "workers": a render worker renders ahead
  // into a shared ring the worklet copies from. The new owner gets the
  // samples, the tap and the playing program (from its start: a fresh engine).
  async setMode(mode) {
    if (!MODES.includes(mode)) return { error: `unknown mode '${mode}'` };
    if (mode === this.mode) return { ok: true, mode };
    if (mode === 'workers') {
      const why = workersUnavailable();
      if (why) return { error: `workers mode is unavailable: ${why}` };
      const ring = createRingBuffer();
      let worker;
      try {
        worker = await startWorker('render_worker.js', this.module,
          { sampleRate: this.ctx.sampleRate, ring, samples: this.samples });
      } catch (e) {
        return { error: `the render worker did not start: ${e.message || e}` };
      }
      this.renderer = { worker, rpc: new Rpc(worker, (m) => { if (m.type === 'crashed') this.onCrash(m.error); }) };
      await this.handOver();
      await this.ask('ring', { buffer: ring });
    } else {
      await this.ask('ring', { buffer: null });
      this.renderer.worker.terminate();
      this.renderer = null;
      for (const s of this.samples.slice(this.workletSamples)) await this.ask('addSample', s);
      this.workletSamples = this.samples.length;
      await this.handOver();
    }
    this.mode = mode;
    return { ok: true, mode };
  }

  // The engine that now owns the output gets the playing program and the tap.
  async handOver() {
    if (this.playing) await this.ask('load', this.playing);
    else await this.ask('silence');
    await this.ask('tap', { name: this.tapName });
  }

  // Renders a graph through the same worklet in an OfflineAudioContext:
  // the graph is loaded in the processor's constructor, before frame 0.
  async renderOffline(graph, frames, sampleRate = 48000) {
    const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate });
    await ctx.audioWorklet.addModule(WORKLET_URL);
    const node = talaNode(ctx, this.module, JSON.stringify(graph), this.samples);
    const ready = first(node.port, 'ready');
    node.connect(ctx.destination);
    const buffer = await ctx.startRendering();
    const { loaded } = await ready;
    if (loaded && loaded.error) throw new Error(loaded.error);
    return [buffer.getChannelData(0), buffer.getChannelData(1)];
  }
}
