// The export worker: renders a JSON graph to WAV bytes with the same core
// code as `tala render`, reporting progress as it goes.
import { serveWorker } from './wasm.js';

const FORMATS = { f32: 0, s24: 1, s16: 2 };
const STEP_FRAMES = 48000; // one second per step between progress reports

function exportWav(tala, { graph, seconds = 0, cycles = 0, format = 'f32', seed = 0, samples = [] }, progress) {
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

// Replies: 'progress' messages, then { wav } or { error }.
serveWorker((tala, data) => {
  if (data.type !== 'export') return { result: { error: `unknown request '${data.type}'` } };
  try {
    const wav = exportWav(tala, data, (done, total) =>
      self.postMessage({ type: 'progress', id: data.id, done, total }));
    return { result: { wav }, transfer: [wav.buffer] };
  } catch (e) {
    return { result: { error: String(e.message || e) } };
  }
});
