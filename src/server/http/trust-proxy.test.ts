import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Database } from '../db/connection.ts';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import { auditLog } from '../db/schema.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from './reply.ts';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.ts';
import { CEK_DPT_LIMIT } from '../voters/voters.lists.ts';

describe('parseTrustProxy', () => {
  it('reads a hop count, addresses and CIDRs; off by default', () => {
    expect(parseTrustProxy(undefined)).toEqual({ ok: true, value: false });
    expect(parseTrustProxy('')).toEqual({ ok: true, value: false });
    expect(parseTrustProxy('false')).toEqual({ ok: true, value: false });
    expect(parseTrustProxy('1')).toEqual({ ok: true, value: 1 });
    expect(parseTrustProxy(' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,loopback')).toEqual({
      ok: true,
      value: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback'],
    });
  });
  it('refuses plain true (any client could forge its address) with what to write instead', () => {
    const r = parseTrustProxy('true');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('TRUST_PROXY=1');
  });
  it('refuses what is neither a count nor an address', () => {
    for (const bad of ['yes', '10.0.0.0/33', '300.1.1.1', '11', '1.2.3.4/8/1', ',']) {
      expect(parseTrustProxy(bad).ok, bad).toBe(false);
    }
  });
});

const PROXY = '127.0.0.1';
const CLIENT = '203.0.113.5';

describe.each(testEngines())(
  'forged X-Forwarded-For behind a trusted proxy (%s)',
  (engine: Engine) => {
    let database: Database;
    let dataDir: string;
    const apps: ZodApp[] = [];
    async function appWith(trustProxy: TrustProxy): Promise<ZodApp> {
      const app = await buildApp({ database, dataDir, trustProxy });
      await app.ready();
      apps.push(app);
      return app;
    }
    beforeAll(async () => {
      database = await createDemoDatabase(engine);
      dataDir = await mkdtemp(join(tmpdir(), 'dp-test-'));
    });
    afterAll(async () => {
      for (const a of apps) await a.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    const lastSignInAddress = async () =>
      (
        await database.db
          .select({ address: auditLog.address })
          .from(auditLog)
          .where(eq(auditLog.action, 'auth.sign_in'))
          .orderBy(desc(auditLog.id))
          .limit(1)
      )[0]?.address;

    it('one hop: the proxy-appended address counts, a forged one does not (cek DPT limit)', async () => {
      const app = await appWith(1);
      const ask = (forged: string) =>
        app.inject({
          method: 'POST',
          url: '/api/public/cek-dpt',
          remoteAddress: PROXY,
          headers: { 'x-forwarded-for': `${forged}, ${CLIENT}` },
          payload: { nik: '3513010101800001', name: 'Sit' },
        });
      for (let i = 0; i < CEK_DPT_LIMIT; i++) {
        expect((await ask(`10.0.0.${String(i)}`)).statusCode).not.toBe(429);
      }
      // A new forged address each time does not give a fresh allowance.
      expect((await ask('10.0.0.250')).statusCode).toBe(429);
    });

    it('one hop: the audit trail records the real client, not the forged address', async () => {
      const app = await appWith(1);
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' },
        payload: { username: 'admin', password: 'salah-sekali' },
      });
      expect(res.statusCode).toBe(401);
      expect(await lastSignInAddress()).toBe('198.51.100.7');
    });

    it('a list of proxies: only their header is read; a direct client cannot forge one', async () => {
      const app = await appWith(['127.0.0.1/32']);
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.8' },
        payload: { username: 'admin', password: 'salah-sekali' },
      });
      expect(await lastSignInAddress()).toBe('198.51.100.8');
      await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '198.51.100.9',
        headers: { 'x-forwarded-for': '6.6.6.6' },
        payload: { username: 'admin', password: 'salah-sekali' },
      });
      expect(await lastSignInAddress()).toBe('198.51.100.9');
    });
  },
);
