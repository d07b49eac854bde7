// Measurements on rendered audio and WAV files, for the e2e checks.

// The first sample where |a - b| exceeds threshold (b absent: |a|), or -1.
// An event's onset is where a render departs from the render of the same
// program without that event: exact even where the previous event's tail
// is still loud (a kick rings longer than the half second between kicks).
export function firstAbove(a, b = null, threshold = 1e-3) {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - (b ? b[i] : 0)) > threshold) return i;
  return -1;
}

export function rms(x) {
  let sum = 0;
  for (const v of x) sum += v * v;
  return Math.sqrt(sum / x.length);
}

// The samples of a WAV file (PCM 16/24, float 32) as floats, interleaved.
export function wavSamples(buf) {
  let fmt = null;
  let data = null;
  for (let at = 12; at + 8 <= buf.length;) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { tag: buf.readUInt16LE(at + 8), bits: buf.readUInt16LE(at + 22) };
    if (id === 'data') data = buf.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size & 1);
  }
  if (!fmt || !data) throw new Error('not a WAV file');
  const bytes = fmt.bits / 8;
  const out = new Float64Array(Math.floor(data.length / bytes));
  for (let i = 0; i < out.length; i++) {
    const o = i * bytes;
    if (fmt.bits === 32) out[i] = data.readFloatLE(o);
    else if (fmt.bits === 24) out[i] = data.readIntLE(o, 3) / 8388608;
    else out[i] = data.readInt16LE(o) / 32768;
  }
  return out;
}

export function maxAbsDiff(a, b) {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
