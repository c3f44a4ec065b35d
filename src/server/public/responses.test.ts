/**
 * Issue 20 item 19: JSON over 1 KB goes out compressed; hashed assets are
 * cached for a year as immutable, the index is revalidated.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import { testEngines } from '../db/test-databases.ts';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

describe.each(testEngines())('responses on %s', (engine) => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'dp-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>Desk</title>');
    await writeFile(join(webDir, 'assets', 'index-4f3a9c1b.js'), SCRIPT);
    await writeFile(join(webDir, 'assets', 'index-4f3a9c1b.js.br'), brotliCompressSync(SCRIPT));
    await writeFile(join(webDir, 'manifest.webmanifest'), '{}');
    t = await createTestApp(engine, { demo: false, webDir });
  });
  afterAll(async () => {
    await t.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('compresses JSON over 1 KB with br or gzip, and leaves small answers as they are', async () => {
    const plain = await t.app.inject('/api/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gz = await t.app.inject({
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const small = await t.app.inject({
      url: '/api/health',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ ok: true });
  });

  it('caches hashed assets for a year as immutable and revalidates the index and other files', async () => {
    const asset = await t.app.inject({
      url: '/assets/index-4f3a9c1b.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    for (const url of ['/', '/index.html', '/hasil-sementara', '/manifest.webmanifest']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
