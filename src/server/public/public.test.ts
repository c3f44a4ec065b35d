import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import { tps } from '../db/schema.ts';
import type { Database } from '../db/connection.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from '../http/reply.ts';
import { injectAs, signIn, type Inject } from '../testing/app-harness.ts';
import { consistentForm } from '../results/form-fixture.ts';
import { FAST_PATH_SECURITY_HEADERS } from './security-headers.ts';
import { resultsSummary } from '../results/results.summary.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';
import type { ResultsSummary, SubmissionAccepted } from '../../domain/results/results.schema.ts';

/** Reads SSE events from a fetch body until `until` holds for the events read. */
async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  until: (events: { event: string; data: string }[]) => boolean,
  timeoutMs = 3000,
): Promise<{ event: string; data: string }[]> {
  const events: { event: string; data: string }[] = [];
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!until(events)) {
    if (Date.now() > deadline) throw new Error(`no such event in ${String(timeoutMs)} ms`);
    const chunk = await reader.read();
    if (chunk.done) break;
    text += new TextDecoder().decode(chunk.value);
    let end;
    while ((end = text.indexOf('\n\n')) >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event !== undefined && data !== undefined) events.push({ event, data });
    }
  }
  return events;
}

describe.each(testEngines())('the public site on %s', (engine) => {
  let database: Database;
  let app: ZodApp;
  let admin: Inject;
  let pilbup: Contest;
  let ids: number[];
  let address: string;
  const url = () => `/api/public/results?contestId=${String(pilbup.id)}`;
  const live = async () => {
    const s = await resultsSummary(database.db, 'public', pilbup.id);
    if (!s.ok) throw new Error(s.error.code);
    return s.value;
  };

  const KEC = '35.13.01';
  const kecUrl = (code = KEC) =>
    `/api/public/results/kecamatan?contestId=${String(pilbup.id)}&code=${code}`;
  const liveKec = async () => {
    const s = await resultsSummary(database.db, 'public', pilbup.id, { code: KEC });
    if (!s.ok) throw new Error(s.error.code);
    return s.value;
  };

  beforeAll(async () => {
    database = await createDemoDatabase(engine);
    app = await buildApp({
      database,
      dataDir: await mkdtemp(join(tmpdir(), 'dp-public-')),
      publicSite: { minIntervalMs: 20, streams: { max: 3 } },
    });
    await app.ready();
    admin = injectAs(app, await signIn(app, 'admin'));
    pilbup = (await app.inject('/api/contests')).json<Contest[]>()[1] as Contest;
    ids = (
      await database.db
        .select({ id: tps.id })
        .from(tps)
        .where(and(eq(tps.desaCode, '35.13.01.2002'), eq(tps.status, 'aktif')))
    ).map((r) => r.id);
    address = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const votes = (a: number, b: number) => [
    { selectionId: pilbup.pairs[0]?.id ?? 0, votes: a },
    { selectionId: pilbup.pairs[1]?.id ?? 0, votes: b },
  ];

  it('answers from a snapshot: the same JSON as the live totals, a strong ETag, 304, cache headers, br and gzip', async () => {
    const res = await app.inject(url());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toStrictEqual(JSON.parse(JSON.stringify(await live())));
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=1, stale-while-revalidate=10');
    expect(new Date(res.headers['last-modified'] as string).getTime()).not.toBeNaN();
    expect(res.headers.vary).toBe('accept-encoding');
    // The onRequest tier bypasses helmet: the same security headers, on 200 and 304.
    for (const [name, value] of Object.entries(FAST_PATH_SECURITY_HEADERS)) {
      expect(res.headers[name], name).toBe(value);
    }
    for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const again = await app.inject({ url: url(), headers: { 'if-none-match': header } });
      expect(again.statusCode).toBe(304);
      expect(again.headers['x-content-type-options']).toBe('nosniff');
      expect(again.headers['referrer-policy']).toBe('no-referrer');
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
    }
    const br = await app.inject({ url: url(), headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toStrictEqual(res.json());
    const gz = await app.inject({ url: url(), headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toStrictEqual(res.json());
    expect(Number(gz.headers['content-length'])).toBeLessThan(res.rawPayload.length / 3);
    const head = await app.inject({ method: 'HEAD', url: url() });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers a kecamatan with its desa totals from a snapshot (ETag, 304, security headers); 404 unknown, 400 malformed', async () => {
    const res = await app.inject(kecUrl());
    expect(res.statusCode).toBe(200);
    const body = res.json<ResultsSummary>();
    expect(body).toStrictEqual(JSON.parse(JSON.stringify(await liveKec())));
    expect(body.region).toMatchObject({ code: KEC, level: 'kecamatan' });
    expect(body.children.length).toBeGreaterThan(0);
    expect(body.children.every((c) => c.level === 'desa' && c.code.startsWith(`${KEC}.`))).toBe(
      true,
    );
    expect(app.publicSite.site.peek(`kecamatan:${pilbup.id}:${KEC}`)).toBeDefined();
    const again = await app.inject({
      url: kecUrl(),
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['x-content-type-options']).toBe('nosniff');
    // Over a real socket too (the request-listener tier once fresh).
    const sock = await fetch(`${address}${kecUrl()}`, {
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(sock.status).toBe(304);
    expect(sock.headers.get('x-content-type-options')).toBe('nosniff');

    const unknown = await app.inject(kecUrl('35.13.99'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('region.not_found');
    expect((await fetch(`${address}${kecUrl('35.13.99')}`)).status).toBe(404);
    expect((await app.inject(kecUrl('99.99.99'))).statusCode).toBe(404);
    // Forged codes get no snapshot of their own.
    expect(app.publicSite.site.peek(`kecamatan:${pilbup.id}:35.13.99`)).toBeUndefined();
    for (const q of [
      `contestId=${String(pilbup.id)}&code=35.13.1`,
      `contestId=${String(pilbup.id)}&code=35.13.01.2002`,
      `contestId=${String(pilbup.id)}&code=35.13`,
      `contestId=${String(pilbup.id)}`,
      `contestId=${String(pilbup.id)}&code=35.13.01&code=35.13.02`,
      'contestId=abc&code=35.13.01',
    ]) {
      const bad = await app.inject(`/api/public/results/kecamatan?${q}`);
      expect(bad.statusCode, q).toBe(400);
      expect((await fetch(`${address}/api/public/results/kecamatan?${q}`)).status, q).toBe(400);
    }
    expect(
      (await app.inject(`/api/public/results/kecamatan?contestId=999999&code=${KEC}`)).statusCode,
    ).toBe(404);
  });

  it('sends the full answer for forged or malformed If-None-Match, never a 5xx', async () => {
    const etag = (await app.inject(url())).headers.etag as string;
    const forged = [
      'garbage',
      etag.slice(1, -1), // unquoted
      `"${etag}"`,
      `W/${etag.slice(0, -1)}`,
      ',,,',
      '"',
      `${'"x", '.repeat(2000)}${etag}`, // absurd length
      'W/',
      '\u00ff\u00fe',
    ];
    for (const header of forged) {
      const res = await app.inject({ url: url(), headers: { 'if-none-match': header } });
      expect(res.statusCode, header.slice(0, 40)).toBe(200);
      expect(res.json()).toMatchObject({ contest: { id: pilbup.id } });
    }
  });

  it('answers absurd query values with 400 (unknown contest 404), never a 5xx', async () => {
    const bad = [
      'contestId=abc',
      'contestId=-1',
      'contestId=0',
      'contestId=1e309',
      'contestId=99999999999999999999',
      'contestId=2147483648',
      'contestId=',
      '',
      'contestId=1&contestId=2',
      `contestId=${'9'.repeat(5000)}`,
      'contestId=%00',
    ];
    for (const q of bad) {
      const res = await app.inject(`/api/public/results?${q}`);
      expect(res.statusCode, q.slice(0, 40)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: expect.any(String) as string } });
    }
    const unknown = await app.inject('/api/public/results?contestId=2147483647');
    expect(unknown.statusCode).toBe(404);
    for (const q of ['limit=0', 'limit=51', 'limit=abc', 'limit=1&limit=2']) {
      expect((await app.inject(`/api/public/news?${q}`)).statusCode, q).toBe(400);
    }
    expect((await app.inject('/api/public/news?limit=3')).statusCode).toBe(200);
    const stream = await app.inject('/api/public/results/stream?contestId=abc');
    expect(stream.statusCode).toBe(400);
    expect((await app.inject('/api/public/results/stream?contestId=2147483647')).statusCode).toBe(
      404,
    );
  });

  it('serves the other public reads of the home page from snapshots equal to their routes', async () => {
    for (const path of [
      '/api/settings',
      '/api/contests',
      '/api/stages',
      '/api/public/news?limit=3',
      '/api/public/problems/places',
    ]) {
      const anonymous = await app.inject(path);
      expect(anonymous.statusCode, path).toBe(200);
      expect(anonymous.headers.etag, path).toBeDefined();
      // A signed-in reader goes through the route: live data, no public cache headers.
      const signedIn = await admin(path);
      expect(signedIn.headers.etag, path).toBeUndefined();
      expect(anonymous.json(), path).toStrictEqual(signedIn.json());
    }
  });

  it('shows a write to the stage calendar to the next public reader at once', async () => {
    const before = (await app.inject('/api/stages')).json<{ stages: unknown[] }>().stages.length;
    const created = await admin({
      method: 'POST',
      url: '/api/stages',
      payload: {
        kind: 'lainnya',
        name: 'Uji cuplikan publik',
        startsOn: '2024-12-01',
        endsOn: '2024-12-02',
      },
    });
    expect(created.statusCode).toBe(201);
    const after = (await app.inject('/api/stages')).json<{ stages: unknown[] }>().stages.length;
    expect(after).toBe(before + 1);
  });

  it('answers the same over a real socket (ahead of Fastify when fresh): 304, br, 400 for absurd values, live for a session', async () => {
    const first = await fetch(`${address}${url()}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(await first.json()).toStrictEqual(JSON.parse(JSON.stringify(await live())));
    for (let i = 0; i < 20; i++) {
      const again = await fetch(`${address}${url()}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      // The request-listener tier bypasses helmet too: 304 and 200 carry the security headers.
      expect(again.headers.get('x-content-type-options')).toBe('nosniff');
      expect(again.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
    const fresh = await fetch(`${address}${url()}`);
    for (const [name, value] of Object.entries(FAST_PATH_SECURITY_HEADERS)) {
      expect(fresh.headers.get(name), name).toBe(value);
    }
    const forged = await fetch(`${address}${url()}`, { headers: { 'if-none-match': 'W/"' } });
    expect(forged.status).toBe(200);
    const br = await fetch(`${address}${url()}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=1, stale-while-revalidate=10');
    for (const q of ['contestId=abc', 'contestId=1&contestId=1', 'contestId=99999999999']) {
      expect((await fetch(`${address}/api/public/results?${q}`)).status, q).toBe(400);
    }
    const session = await signIn(app, 'admin');
    const signedIn = await fetch(`${address}/api/contests`, {
      headers: { cookie: session.cookie },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('etag')).toBeNull();
    expect((await fetch(`${address}/api/contests`)).headers.get('etag')).not.toBeNull();
  });

  it('keeps the public snapshot equal to the live totals after every accepted submission and correction (property)', async () => {
    const ppk = injectAs(app, await signIn(app, 'ppk.sukapura'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('submit' as const),
              tps: fc.integer({ min: 0, max: ids.length - 1 }),
              a: fc.integer({ min: 0, max: 150 }),
              b: fc.integer({ min: 0, max: 150 }),
              invalid: fc.integer({ min: 0, max: 20 }),
            }),
            fc.record({
              kind: fc.constantFrom('verify' as const, 'return' as const),
              tps: fc.integer({ min: 0, max: ids.length - 1 }),
            }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (ops) => {
          for (const op of ops) {
            const id = ids[op.tps] ?? 0;
            let accepted: boolean;
            if (op.kind === 'submit') {
              const res = await admin({
                method: 'POST',
                url: '/api/results',
                payload: {
                  clientId: randomUUID(),
                  tpsId: id,
                  contestId: pilbup.id,
                  form: consistentForm({
                    dpt: 400,
                    votes: votes(op.a, op.b),
                    invalid: op.invalid,
                  }),
                  reason: 'Uji koreksi acak',
                },
              });
              expect(res.statusCode).toBe(201);
              accepted = res.json<SubmissionAccepted>().version > 0;
            } else {
              const history = (await admin(`/api/results/tps/${String(id)}`)).json<{
                contests: { contestId: number; history: { version: number }[] }[];
              }>();
              const versions =
                history.contests.find((c) => c.contestId === pilbup.id)?.history ?? [];
              const version = Math.max(0, ...versions.map((h) => h.version));
              if (version === 0) continue;
              const res = await ppk({
                method: 'POST',
                url: `/api/results/${String(id)}/${String(pilbup.id)}/${op.kind}`,
                payload: { version, note: 'Uji status acak' },
              });
              expect(res.statusCode).toBeLessThan(500);
              accepted = res.statusCode < 300;
            }
            if (!accepted) continue;
            // Within 2 s the public answer equals the live totals.
            const want = JSON.parse(JSON.stringify(await live())) as unknown;
            const started = Date.now();
            for (;;) {
              const got = (await app.inject(url())).json<unknown>();
              if (JSON.stringify(got) === JSON.stringify(want)) break;
              expect(Date.now() - started).toBeLessThan(2000);
              await new Promise((r) => setTimeout(r, 10));
            }
            await app.publicSite.site.settled();
            expect((await app.inject(url())).json()).toStrictEqual(want);
            // The desa level too: the kecamatan's snapshot equals its live desa totals.
            const wantKec = JSON.parse(JSON.stringify(await liveKec())) as unknown;
            const startedKec = Date.now();
            for (;;) {
              const got = (await app.inject(kecUrl())).json<unknown>();
              if (JSON.stringify(got) === JSON.stringify(wantKec)) break;
              expect(Date.now() - startedKec).toBeLessThan(2000);
              await new Promise((r) => setTimeout(r, 10));
            }
            await app.publicSite.site.settled();
            expect((await app.inject(kecUrl())).json()).toStrictEqual(wantKec);
          }
        },
      ),
      { numRuns: 6 },
    );
  });

  it('streams the snapshot at once and each change to every open stream; refuses streams over the cap with 429', async () => {
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const readers = await Promise.all(
      controllers.map(async (c) => {
        const res = await fetch(`${address}${url().replace('results?', 'results/stream?')}`, {
          signal: c.signal,
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        const reader = res.body?.getReader();
        if (reader === undefined) throw new Error('no body');
        return reader;
      }),
    );
    for (const r of readers) {
      const first = await readEvents(r, (e) => e.length >= 1);
      expect(JSON.parse(first[0]?.data ?? '')).toStrictEqual(
        JSON.parse(JSON.stringify(await live())),
      );
    }
    const over = await fetch(`${address}${url().replace('results?', 'results/stream?')}`);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('10');
    expect(app.publicSite.streams.size).toBe(3);

    const sent = await admin({
      method: 'POST',
      url: '/api/results',
      payload: {
        clientId: randomUUID(),
        tpsId: ids[0],
        contestId: pilbup.id,
        form: consistentForm({ dpt: 400, votes: votes(77, 33), invalid: 3 }),
        reason: 'Uji siaran langsung',
      },
    });
    expect(sent.statusCode).toBe(201);
    const want = JSON.stringify(await live());
    for (const r of readers) {
      const events = await readEvents(r, (e) => e.some((x) => x.data === want), 2000);
      expect(events.every((e) => e.event === 'results')).toBe(true);
    }
    for (const c of controllers) c.abort();
    // Abandoned streams are released: a new one may open.
    const deadline = Date.now() + 2000;
    while (app.publicSite.streams.size > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(app.publicSite.streams.size).toBe(0);
  });
});
