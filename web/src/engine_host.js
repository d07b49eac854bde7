// The requests to the engine itself, answered where the engine lives: in the
// AudioWorklet ("worklet" mode) or in the render worker ("workers" mode).
// engine_client.js sends each to whichever side owns the engine.

export const ENGINE_REQUESTS = new Set(['load', 'silence', 'tap', 'scope', 'spectrum', 'status', 'addSample']);

export class EngineHost {
  constructor(tala) { this.tala = tala; }

  load(graph, when = 0) {
    const json = typeof graph === 'string' ? graph : JSON.stringify(graph);
    return this.tala.withString(json, (p, n) => this.tala.json(this.tala.x.tala_load(p, n, when)));
  }

  // { result, transfer } for an engine request, null for any other.
  answer(msg) {
    const t = this.tala;
    switch (msg.type) {
      case 'load': return { result: this.load(msg.graph, msg.when ?? 0) };
      case 'silence': t.x.tala_silence(); return { result: { ok: true } };
      case 'tap':
        return { result: t.withString(msg.name, (p, n) => t.x.tala_set_tap(p, n)) === 0
          ? { ok: true } : { error: `unknown output or bus '${msg.name}'` } };
      case 'scope': {
        const n = Math.min(msg.n ?? 1024, 4096);
        const result = t.floats(t.x.tala_scope(n), n).slice();
        return { result, transfer: [result.buffer] };
      }
      case 'spectrum': {
        const size = msg.size ?? 4096;
        const result = t.floats(t.x.tala_spectrum(size), size / 2).slice();
        return { result, transfer: [result.buffer] };
      }
      case 'status': return { result: t.json(t.x.tala_status()) };
      case 'addSample': return { result: t.addSample(msg) };
      default: return null;
    }
  }
}
