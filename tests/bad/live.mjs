// The bad-input corpus in the live engine (the wasm module the page uses):
// a good program plays, then every language and JSON-graph case of
// tests/bad/cases.tsv goes through compile/load; each must answer its
// expected error line and leave the good program playing, unchanged.
//   node tests/bad/live.mjs tala.wasm
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadTala, rms } from '../wasm/wasm_module.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const tala = loadTala(process.argv[2]);
const quantum = 128;
let passed = 0, failed = 0, skipped = 0;
function report(name, problem, knownBug) {
  if (!problem) {
    console.log(`ok   ${name}`);
    passed++;
  } else if (knownBug) {
    console.log(`skip ${name} (known bug): ${problem}`);
    skipped++;
  } else {
    console.log(`FAIL ${name}: ${problem}`);
    failed++;
  }
}

const level = () => {
  const heard = [];
  for (let q = 0; q < 20; q++) heard.push(...tala.process(quantum).subarray(0, quantum));
  return rms(heard);
};
// `{N*TEXT}` in an expected line: TEXT N times (as in run.sh).
const expand = (text) => text.replace(/\{(\d+)\*([^}]*)\}/g, (_, n, unit) => unit.repeat(Number(n)));

// The generated inputs (deep nesting, 100 MB strings) come from run.sh.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tala-bad-live-'));
execFileSync('bash', [path.join(here, 'run.sh'), '--generate', work]);

tala.exports.tala_live_init(48000, quantum);
const good = tala.compile('out: sinosc 440 * 0.5\n');
tala.load(good.graph);
for (let q = 0; q < 40; q++) tala.process(quantum);
const reference = level();

// The answer of the live engine to one input: its error line, or '' when it loads.
function answer(file, text) {
  if (file.endsWith('.json')) return tala.load(text).error ?? '';
  const compiled = tala.compile(text);
  if (compiled.error) return compiled.error;
  return tala.load(compiled.graph).error ?? '';
}

const seen = new Set();
for (const line of fs.readFileSync(path.join(here, 'cases.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [category, name, input, , , expected, flags = ''] = line.split('\t');
  const prefix = '{input}: ';
  // Errors of the program itself; the CLI adds the file name, the live engine does not.
  if (!['lang', 'json'].includes(category) || !expected.startsWith(prefix) || seen.has(input)) continue;
  seen.add(input);
  const want = expand(expected.slice(prefix.length));
  const got = answer(input, fs.readFileSync(path.join(work, input)));
  const after = level();
  let problem = '';
  if (got !== want) problem = `expected '${want.slice(0, 300)}', got '${got.slice(0, 300)}'`;
  else if (Math.abs(after - reference) > 0.01 * reference) problem = `the good program changed: RMS ${after} (was ${reference})`;
  report(`${category}/${input}`, problem, flags.includes('known-bug'));
}

fs.rmSync(work, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed, ${skipped} known bugs skipped`);
process.exit(failed || !passed ? 1 : 0);
