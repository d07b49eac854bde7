// The page: wires the editor, the compile and export workers, the engine in
// the AudioWorklet, the meters and the controls; exposes window.tala for tests.
import { createEditor } from './editor.js';
import { Engine, workersUnavailable } from './engine_client.js';
import { Compiler, Exporter } from './workers.js';
import { Session } from './session.js';
import { startViews, SPECTRUM_SIZE } from './views.js';
import { peakBin } from './spectrum.js';
import { installDropZone } from './samples.js';
import { installControls } from './controls.js';
import { PlayingSteps } from './playing.js';
import { installProfile } from './profile.js';

const $ = (id) => document.getElementById(id);

function logger(pre) {
  return (line) => {
    const time = new Date().toLocaleTimeString();
    pre.textContent = `${pre.textContent}${time} ${line}\n`.split('\n').slice(-200).join('\n');
    pre.scrollTop = pre.scrollHeight;
  };
}

function statusLine(footer) {
  return (text, isError) => {
    footer.textContent = text;
    footer.classList.toggle('error', !!isError);
  };
}

async function boot() {
  const log = logger($('log'));
  const status = statusLine($('status'));
  const module = await WebAssembly.compileStreaming(fetch('tala.wasm'));
  const [engine, compiler, examples] = await Promise.all([
    Engine.start(module),
    Compiler.start(module),
    fetch('examples/index.json').then((r) => r.json()),
  ]);
  const first = examples.includes('demo.tala') ? 'demo.tala' : examples[0];
  const firstText = first ? await (await fetch(`examples/${first}`)).text() : 'out: sinosc 440 * 0.2\n';

  let session = null;
  const editor = createEditor($('editor'), {
    text: firstText,
    onEvaluate: () => session.evaluate(),
    onSilence: () => session.silence(),
  });
  const controls = installControls({ $, engine, examples, first, log, status, getSession: () => session, editor,
    exporter: new Exporter(module) });
  const profile = installProfile({ $, compiler, getSession: () => session, status });
  let playing = null;
  session = new Session({ engine, compiler, editor, ui: { status, log, taps: controls.taps, cps: controls.cps,
    playing: (source) => playing.track(source ?? '') } });
  const views = startViews(engine, {
    spectrum: $('spectrum'), scope: $('scope'), cycle: $('cycle'), cpu: $('cpu'), cpuText: $('cpu-text'),
    underruns: $('underruns'),
  }, log);
  // The cycle being heard: the last status, moved on by the audio clock.
  playing = new PlayingSteps(editor.view, compiler, () => {
    const { status: s, statusAt } = views.latest;
    if (!s || !session.graph) return null;
    // In "workers" mode the engine is ahead of what is heard by the frames in the ring.
    const heardAfter = (engine.ctx.outputLatency || 0) + (s.ahead || 0) / engine.ctx.sampleRate;
    return s.cycle + (engine.ctx.currentTime - statusAt - heardAfter) * session.graph.cps;
  });
  installDropZone(document.body, engine, {
    progress: $('sample-progress'),
    onAdded: (lines) => { lines.forEach(log); session.reload(); },
  });

  engine.onCrash = (error) => status(`error: the engine stopped (${error}); reload the page`, true);
  status(`ready (${engine.ctx.sampleRate} Hz, timing by ${engine.timing}): Ctrl/Cmd+Enter evaluates, Ctrl+. silences`
    + (workersUnavailable() ? `; rendering in the worklet (workers mode is off: ${workersUnavailable()})` : ''));
  // ?mode=workers starts in "workers" mode (or says why it cannot).
  const wanted = new URLSearchParams(location.search).get('mode');
  if (wanted && wanted !== engine.mode) await controls.setMode(wanted);
  window.tala = testHook({ engine, session, views, editor, controls, profile });
}

// What the end-to-end tests call instead of scraping pixels.
function testHook({ engine, session, views, editor, controls, profile }) {
  return {
    ready: true,
    evaluate: (src) => session.evaluate(src),
    text: () => editor.text(),
    status: () => views.poll(),
    lastError: () => session.lastError,
    graph: () => session.graph,
    tap: (name) => engine.tap(name),
    setMode: (mode) => controls.setMode(mode),
    mode: () => engine.mode,
    // The next `frames` the worklet node outputs (after the ring in "workers" mode).
    async capture(frames) {
      const { left, right } = await engine.capture(frames);
      return { left: Array.from(left), right: Array.from(right) };
    },
    silence: () => session.silence(),
    async spectrum() {
      const bins = await engine.spectrum(SPECTRUM_SIZE);
      return { bins: Array.from(bins), size: SPECTRUM_SIZE, sampleRate: engine.ctx.sampleRate, peakBin: peakBin(bins) };
    },
    scope: async (n = 1024) => Array.from(await engine.scope(n)),
    timings: async () => Array.from(await engine.timings()),
    resetTimings: () => engine.resetTimings(),
    startClock: () => engine.startClock(),
    // The table the profile button shows, for the evaluated program (or `src`).
    profile: async (src) => profile(await session.graphOf(src)),
    async renderOffline(src, frames = 96000) {
      const [left, right] = await engine.renderOffline(await session.graphOf(src), frames);
      return { left: Array.from(left), right: Array.from(right) };
    },
    // WAV bytes as base64, rendered by the export worker.
    async exportWav(src, options) {
      const wav = await controls.exportWav(await session.graphOf(src), options);
      let text = '';
      for (let i = 0; i < wav.length; i += 0x8000) text += String.fromCharCode(...wav.subarray(i, i + 0x8000));
      return btoa(text);
    },
  };
}

boot().catch((e) => {
  statusLine($('status'))(`error: ${e.message || e}`, true);
  console.error(e);
});
