// Time per 128-frame quantum in the AudioWorklet, measured from the page:
//   node e2e/bench.mjs --tala build/release/native/tala --web build/web [--example q.tala] [--seconds 20]
//     [--mode worklet|workers]
// A clock worker gives the worklet microsecond time (it has no
// performance.now()); it keeps one core busy while it runs. In "workers"
// mode the worklet only copies from the ring; the render worker's own mean
// time per quantum is printed too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, startServer, launch, openPage, ROOT } from './harness.mjs';

const USAGE = 'usage: node e2e/bench.mjs --tala PATH [--web DIR] [--server tala|dev] [--example NAME] [--seconds S] '
  + '[--mode worklet|workers]';
const argv = process.argv.slice(2);
const take = (flag, fallback) => {
  const i = argv.indexOf(flag);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  return value;
};
const example = take('--example', 'q.tala');
const seconds = Number(take('--seconds', '30'));
const mode = take('--mode', 'worklet');
const opts = parseArgs(argv, USAGE);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const server = await startServer(opts);
const browser = await launch();
try {
  const { page } = await openPage(browser, server.url);
  const clock = await page.evaluate(() => window.tala.startClock());
  if (clock.error) throw new Error(clock.error);
  const switched = await page.evaluate((m) => window.tala.setMode(m), mode);
  if (switched.error) throw new Error(switched.error);
  const source = readFileSync(join(ROOT, 'examples', example), 'utf8');
  const loaded = await page.evaluate((src) => window.tala.evaluate(src), source);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded));
  await new Promise((r) => setTimeout(r, 1000)); // past the first swap
  await page.evaluate(() => window.tala.resetTimings());
  const startStatus = await page.evaluate(() => window.tala.status());
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const ms = (await page.evaluate(() => window.tala.timings())).sort((a, b) => a - b);
  const status = await page.evaluate(() => window.tala.status());
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const budget = status.cpu.budgetMs;
  const fmt = (v) => `${(v * 1000).toFixed(1)} us (${((100 * v) / budget).toFixed(1)}%)`;
  console.log(`${example} (${mode} mode): ${ms.length} quanta of 128 frames at 48 kHz in the worklet, `
    + `budget ${budget.toFixed(3)} ms`);
  console.log(`mean ${fmt(mean)}  p99 ${fmt(quantile(ms, 0.99))}  p99.9 ${fmt(quantile(ms, 0.999))}  `
    + `max ${fmt(ms[ms.length - 1])}  underruns ${status.underruns - startStatus.underruns}`
    + (status.render ? `  ring empty ${status.ringEmpty - startStatus.ringEmpty}` : ''));
  if (status.render) {
    const r = status.render;
    const s0 = startStatus.render;
    console.log(`render worker: mean ${fmt((r.totalMs - s0.totalMs) / (r.quanta - s0.quanta))} per quantum `
      + `(lead ${r.lead} frames)`);
  }
} finally {
  await browser.close();
  server.stop();
}
