/**
 * How heavy and how fast the field pages are on a cheap phone with a poor
 * signal: `npm run build && npm run bench -- field-load [--runs N]`.
 *
 * For the C.Hasil entry (/tps/1/hasil/2) and the problem form
 * (/masalah/lapor) of the demo's KPPS Ngadisari TPS 001, and the public home
 * (/, not signed in; usable when its provisional results show):
 * - first-load weight: every JS and CSS file the page fetched on a cold
 *   load (no HTTP cache, no service worker), raw and gzipped (level 9, as
 *   the server's precompressed files);
 * - time to interactive on Chromium throttled through CDP: slow 3G
 *   (400 kbit/s down and up, 400 ms round trip) and 4× CPU slowdown; "interactive"
 *   is when the page's first input is on screen and accepts typing (the app
 *   renders its form only after its data has arrived), timed from the start of
 *   navigation. The session cookie is set beforehand (sign-in is not timed).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startDemoServer } from '../src/server/testing/app-harness.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { signIn } from '../e2e/sign-in.ts';

const DIST = fileURLToPath(new URL('../dist/web', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i < 0 ? undefined : Number(process.argv[i + 1]);
  return v === undefined || !Number.isFinite(v) ? fallback : v;
};
const RUNS = arg('runs', 3);

const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};

interface PageCase {
  name: string;
  path: string;
  /**
   * What makes the page usable: the form's first input (typing into it), or
   * for a page without a form the element that shows its data.
   */
  ready: string;
  /** Visited without signing in (the public's pages). */
  anonymous?: boolean;
}

const CASES: PageCase[] = [
  { name: 'C.Hasil entry', path: '/tps/1/hasil/2', ready: 'form.chasil-form input' },
  { name: 'Problem report', path: '/masalah/lapor', ready: 'form textarea' },
  {
    name: 'Public home',
    path: '/',
    ready: 'section[aria-labelledby="portal-hasil"] li',
    anonymous: true,
  },
];

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const server = await startDemoServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, 'kpps.ngadisari.1');
  await page.close();
  const anonymous = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });

  for (const c of CASES) {
    const times: number[] = [];
    let files = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const ctx = c.anonymous === true ? anonymous : context;
      const p = await ctx.newPage();
      const cdp = await ctx.newCDPSession(p);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const seen = new Set<string>();
      p.on('response', (r) => {
        const url = new URL(r.url());
        if (/\.(?:js|css)$/.test(url.pathname)) seen.add(url.pathname);
      });
      const started = Date.now();
      await p.goto(c.path, { waitUntil: 'commit', timeout: 120_000 });
      const input = p.locator(c.ready).first();
      await input.waitFor({ timeout: 120_000 });
      if (c.anonymous !== true) {
        await input.focus();
        await p.keyboard.type('1');
      }
      times.push(Date.now() - started);
      files = seen;
      await p.close();
    }
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const bytes = await readFile(`${DIST}${f}`);
      raw += bytes.length;
      gz += gzipSync(bytes, { level: 9 }).length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    process.stdout.write(
      `${c.name} (${c.path}): first load ${String(files.size)} JS/CSS files, ` +
        `${kb(raw)} raw, ${kb(gz)} gzipped; time to interactive on slow 3G + 4× CPU: ` +
        `median ${(median / 1000).toFixed(1)} s of ${String(RUNS)} (${times.map((t) => (t / 1000).toFixed(1)).join(', ')} s)\n` +
        `  files: ${[...files].sort().join(', ')}\n`,
    );
  }
  await context.close();
  await anonymous.close();
} finally {
  await browser.close();
  await server.close();
}
