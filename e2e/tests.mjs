// The end-to-end checks, in order; each throws on failure. ctx holds the
// page, the console errors seen, the options and a scratch directory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { firstAbove, rms, wavSamples, maxAbsDiff } from './audio.mjs';
import { ROOT, startServer } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const footer = (page) => page.locator('#status').textContent();

// Replaces the editor's text by typing it, then evaluates with Ctrl+Enter.
async function typeAndEvaluate(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
}

// A mono 16-bit WAV file of a sine.
function sineWav(freq, seconds, rate) {
  const n = Math.round(seconds * rate);
  const buf = Buffer.alloc(44 + 2 * n);
  buf.write('RIFF', 0); buf.writeUInt32LE(36 + 2 * n, 4); buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20); buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24); buf.writeUInt32LE(2 * rate, 28); buf.writeUInt16LE(2, 32); buf.writeUInt16LE(16, 34);
  buf.write('data', 36); buf.writeUInt32LE(2 * n, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(26000 * Math.sin((2 * Math.PI * freq * i) / rate)), 44 + 2 * i);
  return buf;
}

// Drops a WAV file of a 1 kHz sine on the page, as a user would.
async function dropWav(page, fileName) {
  const wav = sineWav(1000, 0.2, 48000).toString('base64');
  await page.evaluate(([b64, name]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type: 'audio/wav' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [wav, fileName]);
}

// The highest peak the engine reports within `ms` (stops early above 0.1).
async function peakWithin(page, ms) {
  let peak = 0;
  for (let t = 0; t < ms && peak < 0.1; t += 250) {
    await sleep(250);
    peak = Math.max(peak, ...(await page.evaluate(() => window.tala.status())).peak);
  }
  return peak;
}

// The spectrum's loudest frequency (Hz) and the bin of `hz` (±1 bin is one tolerance).
// Sets cps 1 from the tempo control and checks the engine's cycle advances
// about one per second (whichever side owns the engine).
async function tempoFollowsTheControl(page) {
  await page.evaluate(() => window.tala.evaluate('cps 0.5\nout: sinosc 220 * 0.5'));
  await page.fill('#cps', '1');
  await page.press('#cps', 'Enter');
  await page.waitForFunction(() => window.tala.graph().cps === 1);
  const a = await page.evaluate(() => window.tala.status());
  await sleep(1000);
  const b = await page.evaluate(() => window.tala.status());
  const rate = b.cycle - a.cycle;
  assert.ok(rate > 0.75 && rate < 1.5, `cycles in one second at cps 1: ${rate}`);
}

async function loudest(page) {
  const { peakBin, size, sampleRate } = await page.evaluate(() => window.tala.spectrum());
  return { bin: peakBin, binOf: (hz) => (hz * size) / sampleRate };
}

// Checks that the playing program goes on: the cycle advances at about 0.5
// cycles/s for a second and the output (peak, scope) is not silent.
async function assertPlaysOn(page, before) {
  const cycles = [before.cycle];
  let peak = 0;
  for (let i = 0; i < 5; i++) {
    await sleep(200);
    const s = await page.evaluate(() => window.tala.status());
    cycles.push(s.cycle);
    peak = Math.max(peak, ...s.peak);
  }
  for (let i = 1; i < cycles.length; i++) assert.ok(cycles[i] > cycles[i - 1], `cycle advances: ${cycles}`);
  const rate = (cycles.at(-1) - cycles[1]) / 0.8;
  assert.ok(rate > 0.3 && rate < 0.7, `cycles per second ${rate} (cycles ${cycles})`);
  assert.ok(peak > 0.01, `peak ${peak}`);
  const scope = await page.evaluate(() => window.tala.scope(4096));
  assert.ok(Math.max(...scope.map(Math.abs)) > 0, 'scope not silent');
}

// Exact: both modes run the same engine code on 128-frame blocks and events
// are placed sample-accurately, so a bar is the same samples even though the
// program starts at another point of each engine's clock (the kicks fall at
// other offsets inside a block). Only an empty ring would differ: retried.
const TOLERANCE = 0;
const KICKS = 'cps 0.5\nd1: s "bd*4"';
const BAR = 96000; // one cycle at cps 0.5, 48 kHz

// What the worklet node outputs (after the ring in "workers" mode) from before
// `start` runs until a bar after the program's first onset, cut at that onset
// (the first sample above 1e-3; the program starts wherever the engine's cycle
// is). Captured again (up to 3 times) when the ring ran empty meanwhile (the
// worklet then plays silence, which a late quantum in "worklet" mode never
// inserts), or when the first kick is not whole: it fell inside the 5 ms
// cross-fade of the swap (about 1 capture in 100), so it differs from the
// same kick rendered offline from frame 0.
async function captureFromOnset(page, start) {
  const kick = (await page.evaluate(([s]) => window.tala.renderOffline(s, 4800), [KICKS])).left;
  const whole = kick.slice(firstAbove(kick), firstAbove(kick) + 2000);
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => window.tala.silence());
    await sleep(500); // past the fade and the ring's lead
    const before = (await page.evaluate(() => window.tala.status())).ringEmpty;
    await page.evaluate((frames) => { window.captured = window.tala.capture(frames); }, 2 * BAR);
    await start();
    const { left, right } = await page.evaluate(() => window.captured);
    const underruns = (await page.evaluate(() => window.tala.status())).ringEmpty - before;
    const onset = firstAbove(left);
    const full = onset >= 0 && onset + BAR <= left.length;
    const good = full && underruns === 0 && maxAbsDiff(left.slice(onset, onset + whole.length), whole) <= 1e-6;
    if (good || (full && attempt === 3)) {
      return { left: left.slice(onset, onset + BAR), right: right.slice(onset, onset + BAR), onset, underruns, attempt };
    }
    if (attempt === 3) throw new Error(`no full bar after the first onset (at ${onset}; ${underruns} underruns)`);
  }
}

// Onsets of a bar of "bd*4" that starts at sample 0: where it departs from
// offline renders of the same bar with only the first k kicks.
async function kickOnsets(page, left) {
  const found = [firstAbove(left)];
  for (const bar of ['bd ~ ~ ~', 'bd bd ~ ~', 'bd bd bd ~']) {
    const ref = (await page.evaluate(([s]) => window.tala.renderOffline(s, 96000), [`cps 0.5\nd1: s "${bar}"`])).left;
    found.push(firstAbove(left, ref.slice(firstAbove(ref))));
  }
  return found;
}

export const tests = [
  ['page is cross-origin isolated and loads without console errors', async ({ page, errors }) => {
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'crossOriginIsolated');
    assert.match(await footer(page), /^ready/, 'status line after start');
    assert.deepEqual(errors, [], 'console errors');
  }],

  // Live onsets are measured in workers mode below, whose samples equal worklet mode's.
  ['typed s "bd*4" at cps 0.5: onsets every 24000 samples (offline, same worklet); it plays live',
    async ({ page }) => {
      const program = 'cps 0.5\nd1: s "bd*4"';
      await typeAndEvaluate(page, program);
      await page.waitForFunction(() => /^playing/.test(document.querySelector('#status').textContent));
      assert.equal(await page.evaluate(() => window.tala.text()), program, 'the editor holds what was typed');
      const render = (src) => page.evaluate(([s]) => window.tala.renderOffline(s, 96000), [src]);
      const { left } = await render(undefined); // what was evaluated
      // Onset k: where the render departs from the same bar with only the first k kicks.
      const found = [firstAbove(left)];
      for (const bar of ['bd ~ ~ ~', 'bd bd ~ ~', 'bd bd bd ~']) {
        found.push(firstAbove(left, (await render(`cps 0.5\nd1: s "${bar}"`)).left));
      }
      const want = [0, 24000, 48000, 72000];
      found.forEach((at, i) => assert.ok(Math.abs(at - want[i]) <= 1, `onsets ${found}, expected ${want} ±1`));
      const level = rms(left);
      assert.ok(level > 0.01 && level < 0.7, `RMS ${level}`);
      assert.ok(await peakWithin(page, 1000) > 0, 'the realtime engine plays it');
    }],

  ['a bad edit shows the positioned error and the old program plays on', async ({ page }) => {
    const before = await page.evaluate(() => window.tala.status());
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nd2: s "sn*2" # gian 0.5');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('#status').classList.contains('error'));
    const error = await page.evaluate(() => window.tala.lastError());
    assert.ok(error && error.line === 3 && error.column > 0, `positioned error: ${JSON.stringify(error)}`);
    assert.ok((await footer(page)).includes(`${error.line}:${error.column}`), 'status line shows line:column');
    await page.locator('.cm-lintRange-error').first().waitFor({ timeout: 5000 });
    // The previous program keeps playing: the cycle advances at cps 0.5 and the output is not silent.
    await assertPlaysOn(page, before);
  }],

  ['sinosc 440 peaks at the 440 Hz bin and the scope is not flat', async ({ page }) => {
    const loaded = await page.evaluate(() => window.tala.evaluate('out: sinosc 440 * 0.5'));
    assert.ok(loaded.ok, JSON.stringify(loaded));
    await sleep(400);
    const { peakBin, size, sampleRate } = await page.evaluate(() => window.tala.spectrum());
    const want = (440 * size) / sampleRate;
    assert.ok(Math.abs(peakBin - want) <= 1, `peak bin ${peakBin}, 440 Hz is bin ${want.toFixed(2)}`);
    const scope = await page.evaluate(() => window.tala.scope(1024));
    const span = Math.max(...scope) - Math.min(...scope);
    assert.ok(span > 0.5, `scope span ${span}`);
  }],

  ['the tempo control sets cps; Ctrl+. silences', async ({ page }) => {
    await tempoFollowsTheControl(page);
    await page.click('.cm-content');
    await page.keyboard.press('Control+.');
    await page.waitForFunction(() => /^silenced/.test(document.querySelector('#status').textContent));
    await sleep(500);
    await page.evaluate(() => window.tala.status()); // the peak since the last look
    await sleep(300);
    const quiet = await page.evaluate(() => window.tala.status());
    assert.ok(Math.max(...quiet.peak) < 1e-3, `peak after silence ${quiet.peak}`);
  }],

  ['export WAV of every example equals native tala render --cycles 4', async ({ page, opts, scratch, log }) => {
    const examples = JSON.parse(readFileSync(join(opts.web, 'examples', 'index.json'), 'utf8'));
    assert.ok(examples.length > 0, 'examples listed');
    const failures = [];
    for (const name of examples) {
      const source = readFileSync(join(opts.web, 'examples', name), 'utf8');
      const web = Buffer.from(await page.evaluate(([src]) => window.tala.exportWav(src, { cycles: 4 }), [source]),
        'base64');
      const out = join(scratch, name.replace(/\.tala$/, '.wav'));
      execFileSync(opts.tala, ['render', join(opts.web, 'examples', name), out, '--cycles', '4']);
      const native = readFileSync(out);
      if (web.equals(native)) continue;
      // The same graph renders the same samples in both engines, and one encoder writes them:
      // any difference, header or samples, is a failure; the log says how large.
      const diff = maxAbsDiff(wavSamples(web), wavSamples(native));
      log(`  ${name}: ${web.length} vs ${native.length} bytes, max abs sample difference ${diff}`);
      failures.push(name);
    }
    assert.deepEqual(failures, [], 'exports that are not byte for byte the native render');
  }],

  ['a dropped WAV file plays by name (live and offline); a missing sound is reported by name', async ({ page }) => {
    await dropWav(page, 'Blip.wav');
    await page.waitForFunction(() => document.querySelector('#log').textContent.includes('blip <- Blip.wav'));
    const loaded = await page.evaluate(() => window.tala.evaluate('out: s "blip*8 nosuch"'));
    assert.ok(loaded.ok, JSON.stringify(loaded));
    const peak = await peakWithin(page, 2000);
    assert.ok(peak > 0.1, `peak ${peak}`);
    // Runtime messages land in the log pane (each is reported once).
    await page.waitForFunction(() => document.querySelector('#log').textContent.includes("'nosuch'"), null,
      { timeout: 5000 });
    // Offline renders (and exports) get the dropped samples too.
    const { left } = await page.evaluate(() => window.tala.renderOffline('out: s "blip"', 4800));
    assert.ok(rms(left) > 0.05, `offline render of the dropped sample: RMS ${rms(left)}`);
  }],

  ['screenshot after evaluating examples/demo.tala (its steps light up as they play)', async ({ page }) => {
    await page.selectOption('#examples', 'demo.tala');
    await page.waitForFunction(() => /^playing/.test(document.querySelector('#status').textContent)
      && window.tala.text().includes('A 30-second piece'));
    await sleep(1500);
    // Mini-notation steps light up as they play.
    await page.locator('.cm-playing').first().waitFor({ timeout: 5000 });
    const dir = join(ROOT, 'build', 'e2e');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'demo.png') });
    const taps = await page.locator('#tap option').allTextContents();
    assert.ok(taps.includes('out') && taps.includes('~lfo'), `tap list ${taps}`);
  }],

  ['workers mode: typed s "bd*4" plays through the ring, onsets every 24000 samples; a bad edit plays on',
    async ({ page, log }) => {
      const mode = await page.evaluate(() => window.tala.setMode('workers'));
      assert.ok(mode.ok, JSON.stringify(mode));
      assert.match(await footer(page), /^rendering in a worker/);
      const heard = await captureFromOnset(page, async () => {
        await typeAndEvaluate(page, KICKS);
        await page.waitForFunction(() => /^playing/.test(document.querySelector('#status').textContent));
      });
      log(`  first onset ${heard.onset} samples after the capture began; ring empty ${heard.underruns} times; `
        + `capture ${heard.attempt}`);
      const want = [0, 24000, 48000, 72000];
      const found = await kickOnsets(page, heard.left);
      found.forEach((at, i) => assert.ok(Math.abs(at - want[i]) <= 1, `onsets ${found}, expected ${want} ±1`));
      const level = rms(heard.left);
      assert.ok(level > 0.01 && level < 0.7, `RMS ${level}`);
      const status = await page.evaluate(() => window.tala.status());
      assert.equal(status.mode, 'workers');
      assert.ok(status.ahead > 0, `the ring holds frames ahead: ${status.ahead}`);
      // A bad edit: the error at its position, the program plays on from the worker.
      await page.click('.cm-content');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\nd2: s "sn*2" # gian 0.5');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => document.querySelector('#status').classList.contains('error'));
      assert.equal((await page.evaluate(() => window.tala.lastError())).line, 3);
      await assertPlaysOn(page, status);
    }],

  ['workers mode outputs the same samples as worklet mode (aligned at the first onset)', async ({ page, log }) => {
    const play = () => page.evaluate(([src]) => window.tala.evaluate(src), [KICKS]);
    assert.ok((await page.evaluate(() => window.tala.setMode('workers'))).ok);
    const workers = await captureFromOnset(page, play);
    assert.ok((await page.evaluate(() => window.tala.setMode('worklet'))).ok);
    assert.equal(await page.evaluate(() => window.tala.mode()), 'worklet');
    const worklet = await captureFromOnset(page, play);
    const diff = Math.max(maxAbsDiff(workers.left, worklet.left), maxAbsDiff(workers.right, worklet.right));
    log(`  a bar from the first onset: max abs difference ${diff} (ring empty ${workers.underruns} times; `
      + `captures ${workers.attempt} and ${worklet.attempt})`);
    if (diff > TOLERANCE) {
      const at = firstAbove(workers.left, worklet.left, 1e-7);
      log(`  onsets at ${workers.onset} and ${worklet.onset} of the captures; first difference at ${at}: `
        + `${workers.left.slice(at, at + 3)} vs ${worklet.left.slice(at, at + 3)}; `
        + `peaks ${Math.max(...workers.left.slice(0, 2000))} vs ${Math.max(...worklet.left.slice(0, 2000))}`);
    }
    assert.ok(diff <= TOLERANCE, `max abs difference ${diff} > ${TOLERANCE}`);
  }],

  ['workers mode: spectrum, tap, tempo, Ctrl+. and dropped samples; back in worklet mode the samples play', async ({ page }) => {
    assert.ok((await page.evaluate(() => window.tala.setMode('workers'))).ok);
    assert.ok((await page.evaluate(() => window.tala.evaluate('out: sinosc 440 * 0.5'))).ok);
    await sleep(500); // the ring's lead, then the spectrum's window
    let spectrum = await loudest(page);
    assert.ok(Math.abs(spectrum.bin - spectrum.binOf(440)) <= 1, `peak bin ${spectrum.bin}, 440 Hz: ${spectrum.binOf(440)}`);
    // The tap on a bus: the spectrum reads ~high.
    assert.ok((await page.evaluate(() =>
      window.tala.evaluate('~low: sinosc 110 * 0.5\n~high: sinosc 3000 * 0.1\nout: ~low + ~high'))).ok);
    assert.ok((await page.evaluate(() => window.tala.tap('~high'))).ok);
    await sleep(500);
    spectrum = await loudest(page);
    assert.ok(Math.abs(spectrum.bin - spectrum.binOf(3000)) <= 1, `tap ~high: peak bin ${spectrum.bin}`);
    assert.ok((await page.evaluate(() => window.tala.tap('out'))).ok);
    // Tempo from the control.
    await tempoFollowsTheControl(page);
    // Ctrl+. silences the worker's engine.
    await page.click('.cm-content');
    await page.keyboard.press('Control+.');
    await page.waitForFunction(() => /^silenced/.test(document.querySelector('#status').textContent));
    await sleep(500);
    await page.evaluate(() => window.tala.status());
    await sleep(300);
    const quiet = await page.evaluate(() => window.tala.status());
    assert.ok(Math.max(...quiet.peak) < 1e-3, `peak after silence ${quiet.peak}`);
    // A sample dropped in workers mode plays there, and in the worklet after the change of mode.
    await dropWav(page, 'Bleep.wav');
    await page.waitForFunction(() => document.querySelector('#log').textContent.includes('bleep <- Bleep.wav'));
    assert.ok((await page.evaluate(() => window.tala.evaluate('out: s "bleep*8"'))).ok);
    let peak = await peakWithin(page, 2000);
    assert.ok(peak > 0.1, `workers mode: peak ${peak}`);
    assert.ok((await page.evaluate(() => window.tala.setMode('worklet'))).ok);
    await sleep(300);
    peak = await peakWithin(page, 2000);
    assert.ok(peak > 0.1, `back in worklet mode: peak ${peak}`);
    assert.ok(!(await page.locator('#log').textContent()).includes("'bleep'"), 'no unknown-sound warning');
    await page.evaluate(() => window.tala.evaluate('out: sinosc 440 * 0'));
  }],

  ['the profile button shows the time per node of the evaluated program', async ({ page }) => {
    const src = '~lfo: sinosc 0.5 * 400 + 800\nout: sawosc 110 * 0.2 # lpf ~lfo 0.3';
    const loaded = await page.evaluate(([s]) => window.tala.evaluate(s), [src]);
    assert.ok(loaded.ok, JSON.stringify(loaded));
    await page.click('#profile');
    await page.waitForFunction(() => /µs per block/.test(document.querySelector('#profile-summary').textContent), null,
      { timeout: 20000 });
    const ids = (await page.evaluate(() => window.tala.graph())).nodes.map((n) => n.id).sort();
    const rows = await page.locator('#profile-table td:first-child').allTextContents();
    assert.deepEqual(rows.sort(), ids, 'one row per node');
    const types = await page.locator('#profile-table td:nth-child(2)').allTextContents();
    assert.ok(types.includes('lpf') && types.includes('sawosc'), `types ${types}`);
  }],

  ['without cross-origin isolation the workers option is disabled, the status line says why, the worklet plays',
    async ({ page, opts }) => {
      const server = await startServer({ web: opts.web, server: 'dev', isolated: false });
      const other = await page.context().browser().newPage();
      try {
        await other.goto(`${server.url}?mode=workers`);
        await other.waitForFunction(() => window.tala && window.tala.ready, null, { timeout: 30000 });
        assert.equal(await other.evaluate(() => self.crossOriginIsolated), false, 'crossOriginIsolated');
        assert.equal(await other.evaluate(() => window.tala.mode()), 'worklet');
        assert.equal(await other.locator('#mode option[value=workers]').isDisabled(), true, 'workers option disabled');
        assert.match(await footer(other), /workers mode is unavailable: the page is not cross-origin isolated/);
        const loaded = await other.evaluate(() => window.tala.evaluate('out: sinosc 440 * 0.5'));
        assert.ok(loaded.ok, JSON.stringify(loaded));
        let peak = 0;
        for (let i = 0; i < 8 && peak < 0.1; i++) {
          await sleep(250);
          peak = Math.max(peak, ...(await other.evaluate(() => window.tala.status())).peak);
        }
        assert.ok(peak > 0.1, `peak ${peak}`);
      } finally {
        await other.close();
        server.stop();
      }
    }],

  ['no console errors during the run', async ({ errors }) => {
    assert.deepEqual(errors, [], 'console errors');
  }],
];
