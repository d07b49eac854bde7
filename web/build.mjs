// npm run build: bundles web/ into build/web with esbuild and copies the
// wasm module and the examples (with examples/index.json listing them).
import { build } from 'esbuild';
import { mkdirSync, copyFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'web');
const wasm = process.env.TALA_WASM || join(root, 'build', 'wasm', 'wasm', 'tala.wasm');

mkdirSync(join(out, 'examples'), { recursive: true });

await build({
  entryPoints: {
    app: join(root, 'web/src/main.js'),
    worklet: join(root, 'web/src/worklet.js'),
    compile_worker: join(root, 'web/src/compile_worker.js'),
    export_worker: join(root, 'web/src/export_worker.js'),
    render_worker: join(root, 'web/src/render_worker.js'),
    clock_worker: join(root, 'web/src/clock_worker.js'),
  },
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outdir: out,
  logLevel: 'warning',
});

for (const file of ['index.html', 'app.css']) copyFileSync(join(root, 'web', file), join(out, file));

if (!existsSync(wasm)) {
  console.error(`error: ${wasm} is missing (build it: cmake --preset wasm && cmake --build --preset wasm)`);
  process.exit(1);
}
copyFileSync(wasm, join(out, 'tala.wasm'));

const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.tala')).sort();
for (const f of examples) copyFileSync(join(root, 'examples', f), join(out, 'examples', f));
writeFileSync(join(out, 'examples', 'index.json'), `${JSON.stringify(examples)}\n`);
console.log(`web: ${out} (${examples.length} examples)`);
