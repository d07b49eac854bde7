// A clock for the AudioWorklet, which has no performance.now(): spins,
// writing performance.now() in microseconds into shared memory. Started only
// for precise per-quantum timings (it keeps one core busy).
self.onmessage = ({ data }) => {
  const micros = new Int32Array(data.buffer);
  const origin = performance.now();
  self.postMessage({ type: 'ready' });
  for (;;) Atomics.store(micros, 0, Math.round((performance.now() - origin) * 1000) | 0);
};
