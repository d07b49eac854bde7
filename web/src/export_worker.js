// The export worker: renders a JSON graph to WAV bytes with the same core
// code as `tala render`, reporting progress as it goes.
import { instantiate } from './wasm.js';

const FORMATS = { f32: 0, s24: 1, s16: 2 };
const STEP_FRAMES = 48000; // one second per step between progress reports

let tala = null;

function exportWav({ graph, seconds = 0, cycles = 0, format = 'f32', seed = 0, samples = [] }, progress) {
  const x = tala.x;
  for (const s of samples) {
    const added = tala.addSample(s);
    if (added.error) throw new Error(added.error);
  }
  const json = typeof graph === 'string' ? graph : JSON.stringify(graph);
  const total = tala.withString(json, (p, n) =>
    x.tala_export_begin(p, n, seconds, cycles, FORMATS[format] ?? 0, seed));
  if (total < 0) throw new Error(tala.lastError());
  let done = 0;
  while (done < total) {
    done = x.tala_export_step(STEP_FRAMES);
    if (done < 0) throw new Error(tala.lastError());
    progress(done, total);
  }
  const ptr = x.tala_export_finish();
  if (!ptr) throw new Error(tala.lastError());
  return tala.bytes().slice(ptr, ptr + x.tala_result_size());
}

self.onmessage = ({ data }) => {
  if (data.type === 'init') {
    tala = instantiate(data.module);
    self.postMessage({ type: 'ready' });
    return;
  }
  if (data.type === 'export') {
    try {
      const wav = exportWav(data, (done, total) =>
        self.postMessage({ type: 'progress', id: data.id, done, total }));
      self.postMessage({ type: 'done', id: data.id, wav }, [wav.buffer]);
    } catch (e) {
      self.postMessage({ type: 'error', id: data.id, error: String(e.message || e) });
    }
  }
};
