// The meters that follow the engine: spectrum and scope every animation
// frame, status (cycle, peak, CPU, underruns, messages) a few times a second.
import { drawSpectrum, drawScope } from './spectrum.js';

export const SPECTRUM_SIZE = 4096;
export const SCOPE_SIZE = 1024;

export function startViews(engine, els, log) {
  const latest = { spectrum: null, scope: null, status: null };
  let busy = false;
  const frame = async () => {
    if (!busy) {
      busy = true;
      try {
        const [spectrum, scope] = await Promise.all([engine.spectrum(SPECTRUM_SIZE), engine.scope(SCOPE_SIZE)]);
        latest.spectrum = spectrum;
        latest.scope = scope;
        drawSpectrum(els.spectrum, spectrum, engine.ctx.sampleRate);
        drawScope(els.scope, scope);
      } finally {
        busy = false;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  let lastRender = null;
  const poll = async () => {
    const s = await engine.status();
    // The render worker's mean time per quantum since the last look.
    const before = lastRender;
    lastRender = s.render || null;
    if (s.render) {
      const quanta = s.render.quanta - (before ? before.quanta : 0);
      s.render.meanMs = quanta > 0 ? (s.render.totalMs - (before ? before.totalMs : 0)) / quanta : 0;
    }
    latest.status = s;
    latest.statusAt = engine.ctx.currentTime;
    els.cycle.textContent = s.cycle.toFixed(2);
    els.cpu.value = Math.min(1, s.cpu.load);
    // In "workers" mode: the worklet's copy, then what the render worker spends per quantum.
    const render = s.render ? `; render worker ${(100 * s.render.meanMs / s.cpu.budgetMs).toFixed(1)}%` : '';
    els.cpuText.textContent = `${(100 * s.cpu.load).toFixed(1)}% (${s.cpu.meanMs.toFixed(3)} of `
      + `${s.cpu.budgetMs.toFixed(2)} ms)${render}`;
    els.underruns.textContent = `${s.underruns}`;
    for (const m of s.messages || []) log(m);
    return s;
  };
  setInterval(() => poll().catch((e) => log(`status: ${e.message}`)), 250);
  return { latest, poll };
}
