// The page's side of the AudioWorklet: starts the realtime engine, and
// renders offline through the same worklet for tests.
import { Rpc, first } from './rpc.js';

const WORKLET_URL = 'worklet.js';

function talaNode(ctx, module, graph, samples = []) {
  return new AudioWorkletNode(ctx, 'tala', {
    numberOfInputs: 0,
    numberOfOutputs: 1,
    outputChannelCount: [2],
    processorOptions: { module, graph, samples },
  });
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
    this.rpc = new Rpc(node.port, (m) => { if (m.type === 'crashed') this.onCrash(m.error); });
    this.samples = []; // every sample added, for offline renders and exports
  }

  async ask(type, fields = {}, transfer = []) {
    return (await this.rpc.call({ type, ...fields }, transfer)).result;
  }

  load(graph, when = 0) { return this.ask('load', { graph: JSON.stringify(graph), when }); }
  silence() { return this.ask('silence'); }
  tap(name) { return this.ask('tap', { name }); }
  scope(n = 1024) { return this.ask('scope', { n }); }
  spectrum(size = 4096) { return this.ask('spectrum', { size }); }
  status() { return this.ask('status'); }
  timings() { return this.ask('timings'); }
  resetTimings() { return this.ask('resetTimings'); }
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
    if (!reply.error) this.samples.push({ name, left, right, rate });
    return reply;
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
