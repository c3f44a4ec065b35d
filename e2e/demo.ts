/**
 * One demo server (in-memory PGlite with the Probolinggo demo, serving
 * dist/web) and one browser per spec file.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startDemoServer } from '../src/server/testing/app-harness.ts';
import { launchBrowser } from './browser.ts';

const BUILT_INDEX = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));

export interface Demo {
  /** Base URL of the running demo, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Starts the demo and a browser before the file's tests; stops both after.
 * Without `activity` the demo has no sample voters, problems or results
 * (and its coklit window is closed, as the 2024 calendar says).
 */
export function useDemo(options: { activity?: boolean } = {}): Demo {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(BUILT_INDEX)) {
      throw new Error('dist/web/index.html is missing: run `npx vite build` before the e2e tests.');
    }
    [server, browser] = await Promise.all([startDemoServer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      if (server === undefined) throw new Error('demo server not started');
      return server.url;
    },
    get browser() {
      if (browser === undefined) throw new Error('browser not launched');
      return browser;
    },
  };
}
