// The live C ABI the page uses, driven from node: compile with positioned
// errors, load with rollback, process, scope and spectrum of a tap, added
// samples, and WAV export byte-identical to `tala render`.
//   node tests/wasm/live_abi.mjs tala.wasm TALA_BINARY examples/*.tala
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadTala, rms } from './wasm_module.mjs';

const [wasmPath, talaBinary, ...examples] = process.argv.slice(2);
let failed = 0, passed = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
  ok ? passed++ : failed++;
}

const tala = loadTala(wasmPath);
const x = tala.exports;
const rate = 48000, quantum = 128;

// Compile: a graph, or one error line with its position.
const good = tala.compile('out: sinosc 440 * 0.5\n');
check('compile gives a graph', good.graph && good.graph.format === 'tala-graph', JSON.stringify(good).slice(0, 80));
const bad = tala.compile('d1: s "bd*4"\nout: d1 # lpf [\n');
check('compile error has line 2', bad.error && bad.line === 2 && bad.column > 0, JSON.stringify(bad));
check('compile error is one line', bad.error && !bad.error.includes('\n') && bad.error.startsWith('error: 2:'), bad.error);

// Live: init, load, play.
check('live init', x.tala_live_init(rate, quantum) === 0);
const loaded = tala.load(good.graph);
check('load answers outputs and buses', loaded.outputs?.includes('out') && Array.isArray(loaded.buses), JSON.stringify(loaded));
let heard = [];
for (let q = 0; q < 40; q++) heard.push(...tala.process(quantum).subarray(0, quantum));
const level = rms(heard.slice(-quantum * 20));
check('sine plays at about 0.5/sqrt(2) RMS', Math.abs(level - 0.3536) < 0.02, level.toFixed(4));

// Spectrum of the tap peaks at 440 Hz; the scope is not flat.
const size = 4096;
const db = tala.floats(x.tala_spectrum(size), size / 2);
let best = 0;
for (let k = 1; k < db.length; k++) if (db[k] > db[best]) best = k;
const expected = Math.round(440 * size / rate);
check('spectrum peaks at the 440 Hz bin', Math.abs(best - expected) <= 1, `bin ${best} (${(best * rate / size).toFixed(1)} Hz), expected ${expected}`);
check('spectrum peak near -6 dB (a 0.5 sine)', Math.abs(db[best] - -6) < 1.5, db[best].toFixed(2));
const scope = tala.floats(x.tala_scope(1024), 1024);
check('scope is not flat', Math.max(...scope) - Math.min(...scope) > 0.5);
check('spectrum refuses a size that is not a power of two', x.tala_spectrum(1000) === 0);

// A bad graph changes nothing: the sine keeps playing.
const refused = tala.load('{"format":"tala-graph","version":1,"nodes":[{"id":"a","type":"nope"}],"outputs":{"out":"a"}}');
check('bad graph answers an error with its JSON path', refused.error?.includes('/nodes/0'), refused.error);
heard = [];
for (let q = 0; q < 10; q++) heard.push(...tala.process(quantum).subarray(0, quantum));
check('the previous program keeps playing', Math.abs(rms(heard) - 0.3536) < 0.02, rms(heard).toFixed(4));

// A tap on a bus reads that bus, not the output.
const two = tala.compile('~low: sinosc 110 * 0.5\n~high: sinosc 3000 * 0.1\nout: ~low + ~high\n');
tala.load(two.graph);
check('tap on an unknown bus is refused', tala.tap('~nope') === -1);
check('tap on ~high', tala.tap('~high') === 0);
for (let q = 0; q < 80; q++) tala.process(quantum);
const tapped = tala.floats(x.tala_spectrum(size), size / 2);
best = 0;
for (let k = 1; k < tapped.length; k++) if (tapped[k] > tapped[best]) best = k;
check('spectrum of ~high peaks at 3000 Hz', Math.abs(best - Math.round(3000 * size / rate)) <= 1, `${(best * rate / size).toFixed(0)} Hz`);
tala.tap('out');

// Silence fades out.
x.tala_silence();
for (let q = 0; q < 20; q++) tala.process(quantum);
check('silence is silent', rms(tala.process(quantum)) === 0);

// An added sample plays by its name.
const frames = 4800;
const l = x.tala_alloc(frames * 4);
new Float32Array(x.memory.buffer, l, frames).set(Float32Array.from({ length: frames }, (_, i) => Math.sin(i * 0.3) * 0.8));
check('add_sample', tala.exports.tala_add_sample ? (() => {
  const name = new TextEncoder().encode('blip');
  const np = x.tala_alloc(name.length);
  new Uint8Array(x.memory.buffer, np, name.length).set(name);
  const r = x.tala_add_sample(np, name.length, l, 0, frames, 48000);
  x.tala_free(np);
  return r === 0;
})() : false);
x.tala_free(l);
tala.load(tala.compile('out: s "blip*4"\n').graph);
heard = [];
for (let q = 0; q < 200; q++) heard.push(...tala.process(quantum).subarray(0, quantum));
check('the added sample is heard', rms(heard) > 0.05, rms(heard).toFixed(4));
check('no unknown-sound warning for it', !tala.status().messages.some((m) => m.includes('blip')));
tala.load(tala.compile('out: s "nosuchsound*2"\n').graph);
for (let q = 0; q < 400; q++) tala.process(quantum);
const messages = tala.status().messages;
check('a missing sample is reported by name', messages.some((m) => m.includes('nosuchsound')), JSON.stringify(messages));

// Profile: per-node time of blocks rendered offline, timed by the imported clock.
const profiled = tala.compile('~lfo: sinosc 0.5 * 400 + 800\nout: sawosc 110 * 0.2 # lpf ~lfo 0.3\n');
const table = tala.profile(profiled.graph, 200);
const ids = profiled.graph.nodes.map((n) => n.id).sort();
check('profile lists every node of the graph', JSON.stringify(table.nodes?.map((n) => n.id).sort()) === JSON.stringify(ids),
  JSON.stringify(table).slice(0, 300));
check('profile rows have a type, a stage and time per block', table.nodes?.every((n) =>
  typeof n.type === 'string' && Number.isInteger(n.stage) && n.us >= 0) && table.total_us > 0 && table.blocks === 200,
  JSON.stringify(table.nodes?.[0]));
check('profile rows are largest first', table.nodes?.every((n, i) => i === 0 || n.us <= table.nodes[i - 1].us));
check('profile refuses 0 blocks', tala.profile(profiled.graph, 0).error?.includes('blocks'));
check('profile of a bad graph says why', !!tala.profile({ format: 'tala-graph' }, 10).error);
// Errors thrown inside an entry point come back as one line, never across the ABI.
check('export refuses an unknown format in one line',
  tala.exportWav(profiled.graph, { cycles: 1, format: 7 }).error === 'error: export: format must be 0 (f32), 1 (s24) or 2 (s16)');
check('offline render refuses 0 frames in one line',
  tala.withString('out: sinosc 440', tala.exports.tala_render_offline, 0) === 0 &&
  tala.lastError() === 'error: render: frames must be 1 .. 2880000 (60 s)', tala.lastError());

// Export: the bytes of `tala render IN OUT --cycles 2`, in each format.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tala-export-'));
const fresh = loadTala(wasmPath);  // no added samples: the native kit only
const formats = [['f32', 0], ['s24', 1], ['s16', 2]];
for (const file of examples) {
  const graph = JSON.parse(execFileSync(talaBinary, ['compile', file]).toString());
  for (const [name, format] of file === examples[0] ? formats : [formats[0]]) {
    const out = path.join(dir, `${path.basename(file)}.${name}.wav`);
    execFileSync(talaBinary, ['render', file, out, '--cycles', '2', '--format', name, '--seed', '3', '--threads', '1', '--quiet']);
    const native = fs.readFileSync(out);
    const exported = fresh.exportWav(graph, { cycles: 2, format, seed: 3 });
    const same = exported.bytes && Buffer.compare(Buffer.from(exported.bytes), native) === 0;
    check(`export ${path.basename(file)} ${name} equals tala render`, same,
      exported.error ?? `${exported.bytes.length} vs ${native.length} bytes`);
  }
}
fs.rmSync(dir, { recursive: true, force: true });

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
