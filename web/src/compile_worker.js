// The compile worker: source text in, JSON graph (or a positioned error) out.
// Typing and compiling never touch the audio thread. Also answers the
// events of mini-notation strings, for lighting tokens as they play.
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
  if (data.type === 'events') {
    // One cycle of a mini-notation string's events, as `tala events --json` prints them.
    const line = JSON.stringify({ pattern: data.pattern, cycles: 1, from: data.from });
    const result = tala.withString(line, (p, n) => tala.json(tala.x.tala_events_answer(p, n)));
    self.postMessage({ type: 'events', id: data.id, result });
  }
};
