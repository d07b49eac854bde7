// One place that knows how to instantiate the standalone tala module and move
// strings and floats across its C ABI. Used by the worklet and the workers
// (serveWorker is the workers' side of workers.js's startWorker).

import { encode, decode } from './utf8.js';

// The module imports wasi_snapshot_preview1 functions (stubs that succeed,
// except proc_exit which must never return) and env.tala_now_ms, the clock below.
function wasiStubs() {
  return new Proxy({}, {
    get(_, name) {
      if (name === 'proc_exit') return (code) => { throw new Error(`tala: proc_exit(${code})`); };
      return () => 0;
    },
  });
}

// The clock the per-node profile reads (env.tala_now_ms): performance.now()
// where there is one (workers, node); the AudioWorklet has none.
const clock = typeof performance !== 'undefined' && performance.now ? () => performance.now() : () => Date.now();

// Synchronous instantiation: an OfflineAudioContext never yields for a promise.
export function instantiate(module) {
  const instance = new WebAssembly.Instance(module, {
    wasi_snapshot_preview1: wasiStubs(),
    env: { tala_now_ms: clock },
  });
  return new Tala(instance.exports);
}

// A worker's message loop: 'init' brings the compiled module (instantiated
// here, then init(tala, message) runs and 'ready' is posted); every other
// request goes to handle(tala, message), which answers { result, transfer }
// (posted back with the request's id) or nothing (it replied itself).
export function serveWorker(handle, init = () => {}) {
  let tala = null;
  self.onmessage = ({ data }) => {
    if (data.type === 'init') {
      try {
        tala = instantiate(data.module);
        init(tala, data);
        self.postMessage({ type: 'ready' });
      } catch (e) {
        self.postMessage({ type: 'failed', error: String(e.message || e) });
      }
      return;
    }
    const reply = handle(tala, data);
    if (reply) self.postMessage({ type: data.type, id: data.id, result: reply.result }, reply.transfer ?? []);
  };
}

export class Tala {
  constructor(exports) {
    this.x = exports;
    if (exports._initialize) exports._initialize();
  }

  // Views are made per call: cheap, and correct even if memory ever grew.
  bytes() { return new Uint8Array(this.x.memory.buffer); }

  floats(ptr, n) { return new Float32Array(this.x.memory.buffer, ptr, n); }

  // Calls fn(ptr, len) with the UTF-8 of text in module memory, then frees it.
  withString(text, fn) {
    const utf8 = encode(text);
    const ptr = this.x.tala_alloc(Math.max(1, utf8.length));
    if (!ptr) throw new Error('tala: out of memory');
    this.bytes().set(utf8, ptr);
    try { return fn(ptr, utf8.length); } finally { this.x.tala_free(ptr); }
  }

  // Reads a NUL-terminated UTF-8 string the module returned.
  string(ptr) {
    if (!ptr) return null;
    const bytes = this.bytes();
    let end = ptr;
    while (bytes[end] !== 0) end++;
    return decode(bytes.subarray(ptr, end));
  }

  json(ptr) {
    const text = this.string(ptr);
    return text === null ? { error: this.lastError() } : JSON.parse(text);
  }

  lastError() { return this.string(this.x.tala_last_error()); }

  // Copies a Float32Array into freshly allocated module memory.
  allocFloats(data) {
    const ptr = this.x.tala_alloc(Math.max(4, data.length * 4));
    if (!ptr) throw new Error('tala: out of memory');
    this.floats(ptr, data.length).set(data);
    return ptr;
  }

  // Appends the next variant `name:k` of a sample (the engine resamples).
  addSample({ name, left, right, rate }) {
    const l = this.allocFloats(left);
    const r = right ? this.allocFloats(right) : 0;
    try {
      const rc = this.withString(name, (p, n) => this.x.tala_add_sample(p, n, l, r, left.length, rate));
      return rc === 0 ? { ok: true } : { error: this.lastError() };
    } finally {
      this.x.tala_free(l);
      if (r) this.x.tala_free(r);
    }
  }

  // Per-node time of `blocks` blocks of a graph rendered offline:
  // { blocks, budget_us, total_us, nodes: [{ id, type, stage, us }] } (µs per block, largest first).
  profile(graph, blocks) {
    const json = typeof graph === 'string' ? graph : JSON.stringify(graph);
    return this.withString(json, (p, n) => this.json(this.x.tala_profile(p, n, blocks)));
  }

  compile(source) {
    return this.withString(source, (p, n) => this.json(this.x.tala_compile(p, n)));
  }
}
