// What the end-to-end runner and the benchmark share: command-line options,
// the server (`tala serve`, or the development server), Chromium.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The flags the issue prescribes, with Debian's Chromium (never a download).
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'];

export function parseArgs(argv, usage) {
  const opts = { tala: null, web: join(ROOT, 'build', 'web'), server: 'tala', only: null };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts) || i + 1 >= argv.length) {
      console.error(usage);
      process.exit(2);
    }
    opts[key] = argv[++i];
  }
  if (!opts.tala && opts.server === 'tala') {
    console.error(usage);
    process.exit(2);
  }
  opts.web = resolve(opts.web);
  if (opts.tala) opts.tala = resolve(opts.tala);
  return opts;
}

// Starts `tala serve DIR --port 0 --quiet` (or, with --server dev, the
// development server; isolated: false serves without COOP/COEP) and resolves
// with { url, stop } once it prints its URL.
export function startServer({ tala, web, server, isolated = true }) {
  const [cmd, args] = server === 'dev'
    ? [process.execPath, [join(ROOT, 'e2e', 'dev_server.mjs'), web, '--port', '0', ...(isolated ? [] : ['--no-isolation'])]]
    : [tala, ['serve', web, '--port', '0', '--quiet']];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} serve printed no URL in 10 s`)), 10000);
    child.on('exit', (code) => reject(new Error(`${cmd} serve exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl({ url: m[0], stop: () => child.kill() });
      }
    });
  });
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

// Opens the page, collecting console errors, and waits for window.tala.
export async function openPage(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.tala && window.tala.ready, null, { timeout: 30000 });
  return { page, errors };
}
