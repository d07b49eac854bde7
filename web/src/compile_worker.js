// The compile worker: source text in, JSON graph (or a positioned error) out.
// Typing and compiling never touch the audio thread. Also answers the
// events of mini-notation strings, for lighting tokens as they play, and
// profiles a graph per node (rendered here, off the audio thread).
import { serveWorker } from './wasm.js';

function compile(tala, source) {
  try {
    return tala.compile(source);
  } catch (e) {
    return { error: `error: ${e.message}`, line: 0, column: 0 };
  }
}

// One cycle of a mini-notation string's events, as `tala events --json` prints them.
function events(tala, { pattern, from }) {
  const line = JSON.stringify({ pattern, cycles: 1, from });
  return tala.withString(line, (p, n) => tala.json(tala.x.tala_events_answer(p, n)));
}

serveWorker((tala, data) => {
  if (data.type === 'compile') return { result: compile(tala, data.source) };
  if (data.type === 'events') return { result: events(tala, data) };
  if (data.type === 'profile') return { result: tala.profile(data.graph, data.blocks) };
  return { result: { error: `unknown request '${data.type}'` } };
});
