// Renders every example natively (tests/tools/render_raw) and in the wasm
// build (tala_render_offline) and requires the same samples, bit for bit.
//   node tests/wasm/engine_identity.mjs tala.wasm render_raw examples/*.tala
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadTala, rms } from './wasm_module.mjs';

const [wasmPath, nativeTool, ...programs] = process.argv.slice(2);
const tala = loadTala(wasmPath);
const wasm = tala.exports;
const frames = 48000;
let passed = 0, failed = 0;
for (const file of programs) {
  const bytes = fs.readFileSync(file);
  const ptr = wasm.tala_alloc(bytes.length);
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  const out = wasm.tala_render_offline(ptr, bytes.length, frames);
  wasm.tala_free(ptr);
  if (!out) {
    console.log(`FAIL ${file}: ${tala.lastError()}`);
    failed++;
    continue;
  }
  const fromWasm = new Float32Array(wasm.memory.buffer.slice(out, out + frames * 2 * 4));
  const raw = execFileSync(nativeTool, [file, String(frames)], { maxBuffer: 64 << 20 });
  const fromNative = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
  let differ = 0, maxDiff = 0;
  for (let i = 0; i < fromNative.length; i++) {
    if (fromNative[i] !== fromWasm[i]) differ++, (maxDiff = Math.max(maxDiff, Math.abs(fromNative[i] - fromWasm[i])));
  }
  // Two silent renders would agree too: each program must sound, on `out`, the pair compared here.
  // One without `out` (out1 .. out16 only) has every output compared by live_abi.mjs's exports.
  const level = rms(fromWasm);
  const hasOut = 'out' in (tala.compile(bytes).graph?.outputs ?? {});
  const same = fromNative.length === fromWasm.length && differ === 0;
  if (same && (level > 1e-3 || !hasOut)) {
    passed++;
    console.log(`ok   ${file}: ${frames} frames identical, ` +
      (hasOut ? `RMS ${level.toFixed(4)}` : 'no out (live_abi.mjs compares its outputs)'));
  } else if (same) {
    failed++;
    console.log(`FAIL ${file}: silent (RMS ${level})`);
  } else {
    failed++;
    console.log(`FAIL ${file}: ${differ} of ${fromNative.length} samples differ (max ${maxDiff})`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
