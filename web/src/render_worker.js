// The render worker ("workers" mode): owns the engine (its own instance of
// the module, its own memory) and keeps the shared ring (ring.js) filled a
// lead ahead of the AudioWorklet, which only copies quanta out. Requests to
// the engine (engine_host.js) are answered between quanta. Timing stays the
// engine's sample clock: the worker renders whole quanta, never by timers.
import { serveWorker } from './wasm.js';
import { EngineHost } from './engine_host.js';
import { Ring } from './ring.js';

const QUANTUM = 128;
// Frames rendered ahead of the worklet: 4096 at 48 kHz is 85 ms the worker may
// be descheduled for without an underrun, and 85 ms more between an edit (or
// Ctrl+.) and hearing it than in "worklet" mode. Lower it for less latency on
// an idle machine; raise it if underruns show up under load.
export const LEAD_FRAMES = 4096;
// Longest sleep while the worklet reads nothing (a suspended context), so
// requests are still answered.
const WAIT_MS = 20;

let host = null;
let ring = null;
const timing = { quanta: 0, totalMs: 0 };
const wake = new MessageChannel(); // yields to the event loop without timer clamping

// Tops the ring up to the lead, sleeps until the worklet reads (Atomics.wait:
// a worker may block), then yields so pending requests run before the next fill.
function pump() {
  try {
    while (ring.available() <= LEAD_FRAMES - QUANTUM) {
      const start = performance.now();
      const planar = host.tala.floats(host.tala.x.tala_process(QUANTUM), 2 * QUANTUM);
      ring.write(planar, QUANTUM);
      timing.quanta++;
      timing.totalMs += performance.now() - start;
    }
  } catch (e) {
    // A trap leaves the instance unusable: stop rendering (the worklet plays silence) and say so once.
    self.postMessage({ type: 'crashed', error: String(e.message || e) });
    return;
  }
  ring.waitForRead(ring.readIndex(), WAIT_MS);
  wake.port2.postMessage(0);
}

// The engine's status, and the worker's time rendering since it started (the
// page takes differences between two looks).
function status() {
  const { result } = host.answer({ type: 'status' });
  return { result: { ...result, render: { ...timing, lead: LEAD_FRAMES } } };
}

serveWorker((_tala, msg) => {
  if (msg.type === 'status') return status();
  return host.answer(msg) ?? { result: { error: `unknown request '${msg.type}'` } };
}, (tala, { sampleRate, ring: buffer, samples = [] }) => {
  if (tala.x.tala_live_init(sampleRate, QUANTUM) !== 0) throw new Error(tala.lastError());
  samples.forEach((s) => tala.addSample(s));
  host = new EngineHost(tala);
  ring = new Ring(buffer);
  wake.port1.onmessage = pump;
  wake.port2.postMessage(0);
});
