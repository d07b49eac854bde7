// Loads the standalone module the way the page does (no glue: WASI imports
// stubbed) and wraps its string and pointer calling convention.
import fs from 'node:fs';

export const rms = (a) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);

export function loadTala(wasmPath) {
  const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module] ??= {};
    // The host's clock for tala_profile, as the page gives it; the WASI calls stubbed.
    imports[imp.module][imp.name] = imp.name === 'tala_now_ms' ? () => performance.now() : () => 0;
  }
  const x = new WebAssembly.Instance(module, imports).exports;
  x._initialize?.();
  const text = (ptr) => {
    const mem = new Uint8Array(x.memory.buffer);
    let end = ptr;
    while (mem[end]) end++;
    return new TextDecoder().decode(mem.subarray(ptr, end));
  };
  // Calls fn(ptr, len, ...rest) with `s` copied into the module's memory.
  const withString = (s, fn, ...rest) => {
    const bytes = typeof s === 'string' ? new TextEncoder().encode(s) : s;
    const ptr = x.tala_alloc(Math.max(1, bytes.length));
    if (!ptr) throw new RangeError(`tala_alloc: no room for ${bytes.length} bytes`);
    new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
    try {
      return fn(ptr, bytes.length, ...rest);
    } finally {
      x.tala_free(ptr);
    }
  };
  const floats = (ptr, n) => new Float32Array(x.memory.buffer.slice(ptr, ptr + 4 * n));
  return {
    exports: x,
    text,
    withString,
    floats,
    compile: (src) => JSON.parse(text(withString(src, x.tala_compile))),
    load: (graph, when = 0) => {
      const raw = typeof graph === 'string' || graph instanceof Uint8Array;  // text or bytes, as given
      return JSON.parse(text(withString(raw ? graph : JSON.stringify(graph), x.tala_load, when)));
    },
    profile: (graph, blocks) => {
      const ptr = withString(JSON.stringify(graph), x.tala_profile, blocks);
      return ptr ? JSON.parse(text(ptr)) : { error: text(x.tala_last_error()) };
    },
    status: () => JSON.parse(text(x.tala_status())),
    tap: (name) => withString(name, x.tala_set_tap),
    process: (frames) => floats(x.tala_process(frames), 2 * frames),
    lastError: () => text(x.tala_last_error()),
    exportWav(graph, { seconds = 0, cycles = 0, format = 0, seed = 0 } = {}) {
      const total = withString(JSON.stringify(graph), x.tala_export_begin, seconds, cycles, format, seed);
      if (total < 0) return { error: text(x.tala_last_error()) };
      let done = 0;
      while (done < total) done = x.tala_export_step(48000);
      const ptr = x.tala_export_finish();
      return { bytes: new Uint8Array(x.memory.buffer.slice(ptr, ptr + x.tala_result_size())) };
    },
  };
}
