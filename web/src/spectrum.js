// The spectrum view (log-frequency axis 20 Hz - 20 kHz, dB scale -100..0)
// and the oscilloscope. Both draw what the core computed: the FFT is the
// core's own, not an AnalyserNode.

const F_MIN = 20;
const F_MAX = 20000;
const DB_MIN = -100;
const DB_MAX = 0;

function fit(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(canvas.clientWidth * ratio);
  const h = Math.round(canvas.clientHeight * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return canvas.getContext('2d');
}

const xOfFreq = (f, w) => (Math.log(f / F_MIN) / Math.log(F_MAX / F_MIN)) * w;
const yOfDb = (db, h) => ((DB_MAX - db) / (DB_MAX - DB_MIN)) * h;

function grid(g, w, h) {
  g.strokeStyle = '#2a2f3a';
  g.fillStyle = '#6c7380';
  g.font = `${Math.max(10, h / 18)}px sans-serif`;
  g.lineWidth = 1;
  for (const f of [50, 100, 200, 500, 1000, 2000, 5000, 10000]) {
    const x = xOfFreq(f, w);
    g.beginPath(); g.moveTo(x, 0); g.lineTo(x, h); g.stroke();
    g.fillText(f >= 1000 ? `${f / 1000}k` : `${f}`, x + 2, h - 3);
  }
  for (let db = -20; db > DB_MIN; db -= 20) {
    const y = yOfDb(db, h);
    g.beginPath(); g.moveTo(0, y); g.lineTo(w, y); g.stroke();
    g.fillText(`${db} dB`, 2, y - 2);
  }
}

// dB: Float32Array of size/2 bins, bin k at k * sampleRate / size Hz.
export function drawSpectrum(canvas, dB, sampleRate) {
  const g = fit(canvas);
  const { width: w, height: h } = canvas;
  g.fillStyle = '#10131a';
  g.fillRect(0, 0, w, h);
  grid(g, w, h);
  if (!dB || !dB.length) return;
  const binHz = sampleRate / (2 * dB.length);
  g.strokeStyle = '#59c2ff';
  g.lineWidth = 1.5;
  g.beginPath();
  for (let x = 0; x < w; x++) {
    // The loudest bin under this pixel column.
    const f0 = F_MIN * Math.pow(F_MAX / F_MIN, x / w);
    const f1 = F_MIN * Math.pow(F_MAX / F_MIN, (x + 1) / w);
    const k0 = Math.max(1, Math.floor(f0 / binHz));
    const k1 = Math.min(dB.length - 1, Math.max(k0, Math.floor(f1 / binHz)));
    let peak = -Infinity;
    for (let k = k0; k <= k1; k++) peak = Math.max(peak, dB[k]);
    const y = yOfDb(Math.max(DB_MIN, Math.min(DB_MAX, peak)), h);
    if (x === 0) g.moveTo(x, y); else g.lineTo(x, y);
  }
  g.stroke();
}

export function drawScope(canvas, samples) {
  const g = fit(canvas);
  const { width: w, height: h } = canvas;
  g.fillStyle = '#10131a';
  g.fillRect(0, 0, w, h);
  g.strokeStyle = '#2a2f3a';
  g.beginPath(); g.moveTo(0, h / 2); g.lineTo(w, h / 2); g.stroke();
  if (!samples || !samples.length) return;
  g.strokeStyle = '#95e6cb';
  g.lineWidth = 1.5;
  g.beginPath();
  for (let i = 0; i < samples.length; i++) {
    const x = (i / (samples.length - 1)) * w;
    const y = h / 2 - Math.max(-1, Math.min(1, samples[i])) * (h / 2);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  }
  g.stroke();
}

// Index of the loudest bin (the test hook and the readout use it).
export function peakBin(dB) {
  let best = 1;
  for (let k = 1; k < dB.length; k++) if (dB[k] > dB[best]) best = k;
  return best;
}
