// The end-to-end tests in Debian's Chromium against `tala serve`:
//   node e2e/run.mjs --tala build/release/native/tala --web build/web
// (--server dev uses e2e/dev_server.mjs instead of `tala serve`, for work
// on the page before the native server is built; --only runs the tests whose
// names match, plus the first). One line per test; the
// exit status is non-zero when any fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, startServer, launch, openPage } from './harness.mjs';
import { tests } from './tests.mjs';

const USAGE = 'usage: node e2e/run.mjs --tala PATH [--web DIR] [--server tala|dev] [--only REGEX]';
const opts = parseArgs(process.argv.slice(2), USAGE);
const chosen = opts.only ? tests.filter(([name], i) => i === 0 || new RegExp(opts.only).test(name)) : tests;
const scratch = mkdtempSync(join(tmpdir(), 'tala-e2e-'));
const server = await startServer(opts);
const browser = await launch();
let failed = 0;
try {
  const { page, errors } = await openPage(browser, server.url);
  const ctx = { page, errors, opts, scratch, log: (line) => console.log(line) };
  for (const [name, run] of chosen) {
    const t0 = Date.now();
    try {
      await run(ctx);
      console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
    }
  }
} catch (e) {
  failed++;
  console.log(`FAIL page did not start: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed ? `${failed} of ${chosen.length} failed` : `all ${chosen.length} passed`);
process.exit(failed ? 1 : 0);
