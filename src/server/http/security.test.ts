/**
 * Security headers (helmet, strict CSP, never framed), photos checked by
 * their bytes and stored without metadata, a 413 in the error shape for an
 * oversized upload over real HTTP, and public links from the configured base
 * URL instead of the Host header.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connection.ts';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import { tps } from '../db/schema.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from './reply.ts';
import { injectAs, signIn, type Inject } from '../testing/app-harness.ts';
import { TEST_PNG } from '../testing/images.ts';

const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

describe.each(testEngines())('headers, uploads and public links (%s)', (engine) => {
  let database: Database;
  let dataDir: string;
  let app: ZodApp;
  let kpps: Inject;
  let photoUrl = '';

  beforeAll(async () => {
    database = await createDemoDatabase(engine);
    dataDir = await mkdtemp(join(tmpdir(), 'dp-test-'));
    app = await buildApp({ database, dataDir, publicBaseUrl: 'https://pilkada.example.go.id/' });
    await app.ready();
    kpps = injectAs(app, await signIn(app, 'kpps.ngadisari.1'));
    const [row] = await database.db
      .select({ id: tps.id })
      .from(tps)
      .where(and(eq(tps.desaCode, '35.13.01.2001'), eq(tps.number, 1)));
    photoUrl = `/api/results/${String(row?.id)}/2/photos`;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every answer carries a strict CSP, frame denial and nosniff', async () => {
    for (const url of ['/api/health', '/api/nothing-here']) {
      const res = await app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const docs = await app.inject('/api/docs');
    expect(docs.statusCode).toBe(200);
    const docsCsp = String(docs.headers['content-security-policy']);
    expect(docsCsp).toContain("frame-ancestors 'none'");
    expect(docsCsp).not.toContain('upgrade-insecure-requests');
  });

  it('refuses HTML sent as JPEG and SVG sent as PNG by their bytes (415, error shape)', async () => {
    for (const [body, type] of [
      [HTML, 'image/jpeg'],
      [SVG, 'image/png'],
      [Buffer.from('RIFF0000WEBPVP8 not really'), 'image/webp'],
    ] as const) {
      const res = await kpps({
        method: 'POST',
        url: photoUrl,
        headers: { 'content-type': type },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json()).toEqual({
        error: {
          code: 'result.photo_type',
          message: 'Isi berkas bukan foto JPEG, PNG, atau WebP.',
        },
      });
    }
    const files = await allFiles(dataDir).catch(() => []);
    expect(files).toEqual([]);
  });

  it('stores a photo re-encoded without its EXIF (GPS) metadata', async () => {
    const withGps = await sharp({
      create: { width: 16, height: 12, channels: 3, background: '#c33' },
    })
      .jpeg()
      .withExif({
        IFD0: { Copyright: 'Rumah Pak Budi' },
        IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 45/1 0/1' },
      })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await kpps({
      method: 'POST',
      url: photoUrl,
      headers: { 'content-type': 'image/jpeg' },
      payload: withGps,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [file] = (await allFiles(dataDir)).filter((f) => f.endsWith('.jpg'));
    expect(file).toBeDefined();
    const stored = await readFile(file ?? '');
    expect(stored.includes('Rumah Pak Budi')).toBe(false);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 16, 12, undefined]);
    // A PNG labelled JPEG is taken as the PNG it is.
    const png = await kpps({
      method: 'POST',
      url: photoUrl,
      headers: { 'content-type': 'image/jpeg' },
      payload: TEST_PNG,
    });
    expect(png.statusCode, png.body).toBe(201);
  });

  it('og:url, canonical and feed links come from PUBLIC_BASE_URL, not the Host header', async () => {
    const rss = await app.inject({ url: '/berita/rss.xml', headers: { host: 'evil.example' } });
    expect(rss.statusCode).toBe(200);
    expect(rss.body).not.toContain('evil.example');
    expect(rss.body).toContain('https://pilkada.example.go.id/berita');
  });

  it('a 50 MB photo over real HTTP gets 413 in the error shape, not a reset connection', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const session = await signIn(app, 'kpps.ngadisari.1');
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: photoUrl,
          headers: {
            'content-type': 'image/jpeg',
            'content-length': String(50 * 1024 * 1024),
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0xff);
      let sent = 0;
      const pump = () => {
        while (sent < 50) {
          sent++;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'request.too_large' } });
  });
});
