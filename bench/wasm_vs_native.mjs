// The same programs rendered by the wasm module (in node's V8, as in the
// browser's worker) and by the native CLI on one thread: time per 128-frame
// block, and wasm's ratio to native.
//   node bench/wasm_vs_native.mjs build/wasm/wasm/tala.wasm build/release/native/tala examples/voices.tala ...
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadTala } from '../tests/wasm/wasm_module.mjs';

const [wasmPath, talaBinary, ...programs] = process.argv.slice(2);
const seconds = Number(process.env.SECONDS_PER_RUN ?? 20);
const runs = 3;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function wasmBlockMicros(graph) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const tala = loadTala(wasmPath);  // a fresh instance: the same state as a fresh native process
    const x = tala.exports;
    const json = new TextEncoder().encode(JSON.stringify(graph));
    const ptr = x.tala_alloc(json.length);
    new Uint8Array(x.memory.buffer, ptr, json.length).set(json);
    const total = x.tala_export_begin(ptr, json.length, seconds, 0, 0, 0);
    x.tala_free(ptr);
    if (total < 0) throw new Error(tala.lastError());
    const start = process.hrtime.bigint();
    let done = 0;
    while (done < total) done = x.tala_export_step(128);
    times.push(Number(process.hrtime.bigint() - start) / 1e3 / (total / 128));
  }
  return median(times);
}

function nativeBlockMicros(file) {
  const out = path.join(os.tmpdir(), 'tala-bench.wav');
  const times = [];
  for (let r = 0; r < runs; r++) {
    const report = execFileSync(talaBinary, ['render', file, out, '--seconds', String(seconds), '--threads', '1', '--realtime', '--quiet']).toString();
    times.push(Number(/average ([\d.]+)/.exec(report)[1]));
  }
  fs.rmSync(out, { force: true });
  return median(times);
}

console.log(`| program | native µs/block | wasm µs/block | wasm / native |`);
console.log(`|---|---|---|---|`);
for (const file of programs) {
  const graph = JSON.parse(execFileSync(talaBinary, ['compile', file]).toString());
  const native = nativeBlockMicros(file);
  const wasm = wasmBlockMicros(graph);
  console.log(`| ${path.basename(file)} | ${native.toFixed(1)} | ${wasm.toFixed(1)} | ${(wasm / native).toFixed(2)}x |`);
}
