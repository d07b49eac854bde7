// The page's side of the compile and export workers (and the start of the
// render worker, engine_client.js).
import { Rpc, first } from './rpc.js';

// Starts a worker (its side is wasm.js's serveWorker) and resolves once it
// has instantiated the module; `fields` go with the init message.
export async function startWorker(url, module, fields = {}) {
  const worker = new Worker(url);
  const ready = first(worker, 'ready');
  worker.postMessage({ type: 'init', module, ...fields });
  await ready;
  return worker;
}

export class Compiler {
  static async start(module) { return new Compiler(await startWorker('compile_worker.js', module)); }

  constructor(worker) { this.rpc = new Rpc(worker); }

  // {graph} or {error, line, column}
  async compile(source) {
    return (await this.rpc.call({ type: 'compile', source })).result;
  }

  // Per-node time of a graph rendered offline for `blocks` blocks (the built-in kit only):
  // {blocks, budget_us, total_us, nodes: [{id, type, stage, us}]} or {error}.
  async profile(graph, blocks = 1500) {
    return (await this.rpc.call({ type: 'profile', graph: JSON.stringify(graph), blocks })).result;
  }

  // {events: [{whole: ["a/b", "c/d"], value}, ...]} of cycle `from` of a mini-notation string.
  async events(pattern, from) {
    return (await this.rpc.call({ type: 'events', pattern, from })).result;
  }
}

export class Exporter {
  constructor(module) { this.module = module; }

  // A fresh worker per export: a long render never blocks the next one.
  // Resolves with the WAV bytes; onProgress(done, total) as it renders.
  async exportWav(options, onProgress = () => {}) {
    const worker = await startWorker('export_worker.js', this.module);
    try {
      const reply = await new Rpc(worker).call({ type: 'export', ...options }, [], {
        settles: (r) => r.type !== 'progress',
        onReply: (r) => onProgress(r.done, r.total),
      });
      if (reply.result.error) throw new Error(reply.result.error);
      return reply.result.wav;
    } finally {
      worker.terminate();
    }
  }
}
