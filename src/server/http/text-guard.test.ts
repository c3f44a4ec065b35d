import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { testEngines } from '../db/test-databases.ts';
import { problem } from '../db/schema.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import { PUBLIC_LIMIT } from '../problems/problems.service.ts';
import { findBadText, isBadText } from './text-guard.ts';

describe('isBadText / findBadText', () => {
  it('finds NUL and lone surrogates, not well-formed text', () => {
    expect(isBadText('Sukapura')).toBe(false);
    expect(isBadText('emoji 😀 ok')).toBe(false);
    expect(isBadText('a\u0000b')).toBe(true);
    expect(isBadText('\ud800')).toBe(true);
    expect(isBadText('x\udc00')).toBe(true);
    expect(isBadText('\ude00\ud83d')).toBe(true);
  });
  it('does not walk a streamed body or bytes, only parsed data', () => {
    // The DP4 import's body is the raw request stream: walking its graph
    // (socket, server, ...) never ended and blocked the server.
    const stream = Object.assign(new PassThrough(), { note: 'a\u0000b' });
    expect(findBadText(stream)).toBeNull();
    expect(findBadText({ upload: stream })).toBeNull();
    expect(findBadText(Buffer.from([0]))).toBeNull();
    // Parsed JSON and query objects (null prototype too) are still walked.
    const query = Object.assign(Object.create(null) as Record<string, unknown>, { q: 'a\u0000' });
    expect(findBadText(query)).toBe('q');
    expect(findBadText({ list: [{ name: 'x\udc00' }] })).toBe('list.0.name');
  });

  it('names the path of the first bad string, keys included', () => {
    expect(findBadText({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(findBadText({ a: 1, b: null, c: true })).toBeNull();
    expect(findBadText({ ['k\u0000']: 1 })).toBe('(nama isian)');
    expect(findBadText('\ud800')).toBe('');
    expect(findBadText(Buffer.from([0, 0xd8]))).toBeNull();
  });
});

describe.each(testEngines())('bad text at the edge (%s)', (engine) => {
  let t: TestApp;
  let admin: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await createTestApp(engine, { demo: true, as: 'admin' });
  });
  afterAll(async () => {
    await t.close();
    await admin.close();
  });

  it('sign-in with a NUL answers 400 naming the field', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'request.bad_text',
        message: expect.stringContaining('"username"') as unknown,
        field: 'username',
      },
    });
    const q = await admin.inject('/api/audit?actor=a%00b');
    expect(q.statusCode).toBe(400);
    expect(q.json<{ error: { field: string } }>().error.field).toBe('actor');
  });

  it('failed public reports do not use up the address limit', async () => {
    const body = {
      category: 'politik_uang',
      severity: 'tinggi',
      kecamatanCode: '35.13.01',
      desaCode: '35.13.01.2001',
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
      description: 'Pembagian amplop di dekat balai desa',
    };
    const send = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/problems',
        payload,
        remoteAddress: '10.9.9.9',
      });
    const stored = async () => (await t.database.db.select({ n: count() }).from(problem))[0]?.n;
    const before = await stored();
    const nul = await send({ ...body, description: 'Pembagian amplop\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json<{ error: { field: string } }>().error.field).toBe('description');
    expect((await send({ ...body, description: '\ud800 amplop di balai' })).statusCode).toBe(400);
    // Valid JSON, refused by the service (a desa outside the kecamatan).
    expect((await send({ ...body, desaCode: '35.13.05.2001' })).statusCode).toBe(422);
    expect((await send({ ...body, website: 'http://spam.example' })).statusCode).toBe(422);
    expect(await stored()).toBe(before);
    for (let i = 0; i < PUBLIC_LIMIT; i++) expect((await send(body)).statusCode).toBe(201);
    expect((await send(body)).statusCode).toBe(429);
    expect(await stored()).toBe((before ?? 0) + PUBLIC_LIMIT);
  });

  it('PATCH /api/korwil/1 with {} changes nothing and answers 200', async () => {
    const before = (await admin.inject('/api/korwil')).json<{ id: number }[]>()[0];
    const res = await admin.inject({
      method: 'PATCH',
      url: `/api/korwil/${String(before?.id)}`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(before);
  });
});
