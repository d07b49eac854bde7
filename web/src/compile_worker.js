// The compile worker: source text in, JSON graph (or a positioned error) out.
// Typing and compiling never touch the audio thread.
import { instantiate } from './wasm.js';

let tala = null;

self.onmessage = ({ data }) => {
  if (data.type === 'init') {
    tala = instantiate(data.module);
    self.postMessage({ type: 'ready' });
    return;
  }
  if (data.type === 'compile') {
    let result;
    try {
      result = tala.compile(data.source);
    } catch (e) {
      result = { error: `error: ${e.message}`, line: 0, column: 0 };
    }
    self.postMessage({ type: 'compiled', id: data.id, result });
  }
};
