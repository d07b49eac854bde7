// The ring between the render worker and the AudioWorklet in "workers" mode:
// a SharedArrayBuffer of stereo frames (planar: left, then right) and two
// frame counters used with Atomics. One writer (the worker), one reader (the
// worklet); the counters only grow (modulo 2^32) and each side stores only
// its own. Frames move in whole quanta, so a quantum never wraps the end.

export const RING_FRAMES = 8192; // a power of two, above the worker's lead (render_worker.js)
const READ = 0;
const WRITE = 1;
const HEADER_BYTES = 16;

export function createRingBuffer() {
  return new SharedArrayBuffer(HEADER_BYTES + 2 * 4 * RING_FRAMES);
}

export class Ring {
  constructor(buffer) {
    this.counters = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.left = new Float32Array(buffer, HEADER_BYTES, RING_FRAMES);
    this.right = new Float32Array(buffer, HEADER_BYTES + 4 * RING_FRAMES, RING_FRAMES);
  }

  readIndex() { return Atomics.load(this.counters, READ); }

  // Frames written and not yet read.
  available() { return (Atomics.load(this.counters, WRITE) - Atomics.load(this.counters, READ)) | 0; }

  // The writer: a quantum of planar stereo (left then right, `frames` each).
  write(planar, frames) {
    const at = Atomics.load(this.counters, WRITE);
    const i = at & (RING_FRAMES - 1);
    this.left.set(planar.subarray(0, frames), i);
    this.right.set(planar.subarray(frames, 2 * frames), i);
    Atomics.store(this.counters, WRITE, (at + frames) | 0);
  }

  // The reader: copies a quantum into left and right (right may be null);
  // false, copying nothing, when fewer frames are there. Never blocks: it
  // wakes the writer (Atomics.notify) waiting on the read counter.
  read(left, right, frames) {
    if (this.available() < frames) return false;
    const at = Atomics.load(this.counters, READ);
    const i = at & (RING_FRAMES - 1);
    left.set(this.left.subarray(i, i + frames));
    if (right) right.set(this.right.subarray(i, i + frames));
    Atomics.store(this.counters, READ, (at + frames) | 0);
    Atomics.notify(this.counters, READ);
    return true;
  }

  // The writer sleeps until the reader moves on from `seen`, or ms pass.
  waitForRead(seen, ms) { Atomics.wait(this.counters, READ, seen, ms); }
}
