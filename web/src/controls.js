// The header and export controls: examples menu, play/silence, tempo,
// volume, quantized swaps, render mode, tap selector, export WAV with a progress bar.
import { workersUnavailable } from './engine_client.js';

export function installControls({ $, engine, examples, first, log, status, getSession, editor, exporter }) {
  const menu = $('examples');
  for (const name of examples) menu.add(new Option(name.replace(/\.tala$/, ''), name, false, name === first));
  menu.onchange = async () => {
    editor.setText(await (await fetch(`examples/${menu.value}`)).text());
    getSession().evaluate();
  };
  $('play').onclick = () => getSession().evaluate();
  $('stop').onclick = () => getSession().silence();
  $('cps').onchange = () => getSession().setCps(Number($('cps').value));
  $('volume').oninput = () => engine.setVolume(Number($('volume').value));
  engine.setVolume(Number($('volume').value));
  $('quantize').onchange = () => { getSession().when = $('quantize').checked ? 1 : 0; };

  const mode = $('mode');
  const unavailable = workersUnavailable();
  mode.querySelector('option[value=workers]').disabled = !!unavailable;
  if (unavailable) mode.title = `workers mode is off: ${unavailable}`;
  async function setMode(value) {
    const reply = await engine.setMode(value);
    mode.value = engine.mode;
    if (reply.error) status(`${reply.error}; rendering in the worklet`, true);
    else status(`rendering in ${value === 'workers' ? 'a worker, ahead into a shared ring' : 'the worklet'}`, false);
    return reply;
  }
  mode.onchange = () => setMode(mode.value);

  const tap = $('tap');
  tap.onchange = async () => {
    const r = await engine.tap(tap.value);
    if (r.error) log(r.error);
  };

  const progress = $('export-progress');
  const link = $('export-link');
  async function exportWav(graph, { cycles = 0, seconds = 0, format = 'f32', seed = 0 } = {}) {
    if (!graph) throw new Error('nothing evaluated yet');
    progress.hidden = false;
    progress.value = 0;
    try {
      return await exporter.exportWav({ graph, cycles, seconds, format, seed, samples: engine.samples }, (done, total) => {
        progress.max = total;
        progress.value = done;
      });
    } finally {
      progress.hidden = true;
    }
  }
  $('export').onclick = async () => {
    try {
      const wav = await exportWav(getSession().graph,
        { cycles: Number($('export-cycles').value), format: $('export-format').value });
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
      link.download = `${menu.value.replace(/\.tala$/, '') || 'tala'}.wav`;
      link.hidden = false;
      status(`exported ${wav.length} bytes`, false);
    } catch (e) {
      status(`export: ${e.message}`, true);
    }
  };

  return {
    exportWav,
    setMode,
    cps: (value) => { $('cps').value = value; },
    taps(names) {
      const keep = tap.value;
      tap.replaceChildren(...names.map((n) => new Option(n, n, false, n === keep)));
    },
  };
}
