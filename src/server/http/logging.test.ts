import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../db/test-databases.ts';
import type { Database } from '../db/connection.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from './reply.ts';
import { maskNiks } from './logging.ts';
import { installCrashPolicy } from './crash-policy.ts';
import { DEMO_PASSWORD } from '../setup/demo-accounts.ts';

describe('maskNiks', () => {
  it('cuts every 16-digit run to its first 6 digits, leaves shorter numbers', () => {
    expect(maskNiks('/api/x?nik=3513010101800001&id=12')).toBe('/api/x?nik=351301**********&id=12');
    expect(maskNiks('tps 123456')).toBe('tps 123456');
  });
});

describe('crash policy', () => {
  it('logs an unhandled rejection with its error as fatal and exits 1, once', () => {
    const proc = new EventEmitter();
    const logged: unknown[] = [];
    const exits: number[] = [];
    installCrashPolicy(proc, { fatal: (obj) => logged.push(obj.err) }, (c) => exits.push(c));
    const boom = new Error('boom');
    proc.emit('unhandledRejection', boom);
    proc.emit('uncaughtException', new Error('second'));
    expect(logged[0]).toBe(boom);
    expect(logged).toHaveLength(2);
    expect(exits).toEqual([1]);
  });
});

describe('request and error logs (pglite)', () => {
  let database: Database;
  let dataDir: string;
  let app: ZodApp;
  const lines: string[] = [];
  const logs = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    database = await createDemoDatabase('pglite');
    dataDir = await mkdtemp(join(tmpdir(), 'dp-test-'));
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter((l) => l !== ''),
        );
        done();
      },
    });
    app = await buildApp({ database, dataDir, logger: { stream } });
    app.get('/api/test/boom', { schema: { hide: true } }, () => {
      throw new Error('kegagalan uji untuk NIK 3513010101800001');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a 500 is logged with its stack and request id; the client gets the error shape only', async () => {
    const res = await app.inject('/api/test/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: {
        code: 'server.internal',
        message: 'Terjadi kesalahan pada server. Silakan coba lagi atau hubungi operator.',
      },
    });
    expect(res.body).not.toContain('kegagalan');
    expect(res.body).not.toContain('.ts:');
    const error = logs().find((l) => l.level === 50);
    expect(error).toBeDefined();
    const err = error?.err as { stack: string; message: string };
    expect(err.stack).toContain('logging.test.ts');
    expect(err.message).toContain('351301**********');
    expect(JSON.stringify(logs())).not.toContain('3513010101800001');
    expect(typeof error?.reqId).toBe('string');
    // The request itself is logged too, with the same id and its status.
    const done = logs().find((l) => l.reqId === error?.reqId && l.msg === 'request completed');
    expect((done?.res as { statusCode: number }).statusCode).toBe(500);
  });

  it('never logs a password, the session cookie or the CSRF token', async () => {
    const secret = 'sandi-rahasia-yang-salah-42';
    await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'admin', password: secret },
    });
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'bupati', password: DEMO_PASSWORD },
    });
    const token = ok.cookies.find((c) => c.name === 'dp_session')?.value ?? '';
    const csrf = ok.json<{ csrfToken: string }>().csrfToken;
    expect(token).not.toBe('');
    await app.inject({
      url: '/api/auth/me',
      headers: { cookie: `dp_session=${token}`, 'x-csrf-token': csrf },
    });
    const all = lines.join('\n');
    expect(all).toContain('/api/auth/sign-in');
    for (const s of [secret, DEMO_PASSWORD, token, csrf]) expect(all).not.toContain(s);
  });

  it('masks a NIK in a logged URL', async () => {
    await app.inject('/api/voters?q=3513010101800001');
    const all = lines.join('\n');
    expect(all).toContain('351301**********');
    expect(all).not.toContain('3513010101800001');
  });
});
