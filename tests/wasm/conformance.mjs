// Runs the conformance corpus through the WebAssembly build of the core and
// requires the same events as Strudel: proof the core is portable.
//   node tests/wasm/conformance.mjs build/wasm/wasm/tala.wasm tests/data/mini.jsonl
import fs from 'node:fs';

const [wasmPath, ...corpora] = process.argv.slice(2);
const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
const imports = {};
for (const imp of WebAssembly.Module.imports(module)) {
  imports[imp.module] ??= {};
  // WASI stubs: the core never prints; exit would be a bug, so it throws.
  imports[imp.module][imp.name] = imp.name === 'proc_exit'
    ? (code) => { throw new Error(`wasm called proc_exit(${code})`); }
    : () => 0;
}
const wasm = new WebAssembly.Instance(module, imports).exports;
wasm._initialize?.();

function answer(requestText) {
  const bytes = new TextEncoder().encode(requestText);
  const ptr = wasm.tala_alloc(bytes.length);
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  const out = wasm.tala_events_answer(ptr, bytes.length);
  wasm.tala_free(ptr);
  const mem = new Uint8Array(wasm.memory.buffer);
  let end = out;
  while (mem[end] !== 0) end++;
  return JSON.parse(new TextDecoder().decode(mem.subarray(out, end)));
}

let matched = 0, total = 0;
for (const file of corpora) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    if (c.pattern === undefined) continue;
    total++;
    const req = { pattern: c.pattern, cycles: c.cycles ?? 1 };
    if (c.from !== undefined) req.from = c.from;
    const got = answer(JSON.stringify(req));
    const same = c.error !== undefined
      ? got.error !== undefined
      : got.events !== undefined && JSON.stringify(got.events) === JSON.stringify(c.events);
    if (same) matched++;
    else console.log(`FAIL ${file}: ${JSON.stringify(c.pattern)}: ${JSON.stringify(got).slice(0, 300)}`);
  }
}
console.log(`wasm: ${matched} of ${total} cases match Strudel`);
console.log(`${matched} passed, ${total - matched} failed`);
process.exit(matched === total && total > 0 ? 0 : 1);
