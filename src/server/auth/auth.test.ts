import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { testEngines } from '../db/test-databases.ts';
import { appUser, auditLog, session } from '../db/schema.ts';
import { createTestApp, injectAs, signIn, type TestApp } from '../testing/app-harness.ts';
import { DEMO_PASSWORD } from '../setup/demo-accounts.ts';
import {
  AUTH_POLICY,
  delayAfter,
  resolveSession,
  signIn as signInService,
} from './auth.service.ts';
import { hashPassword, oneTimePassword, verifyPassword } from './passwords.ts';
import type { Me } from '../../domain/auth/auth.schema.ts';
import type { ThrottleList } from '../../domain/auth/throttle.schema.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('rahasia-panjang');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'rahasia-panjang')).toBe(true);
    expect(await verifyPassword(hash, 'rahasia-salah')).toBe(false);
    expect(await verifyPassword('bukan-hash', 'x')).toBe(false);
  });
  it('makes readable one-time passwords without look-alike characters', () => {
    const seen = new Set(Array.from({ length: 200 }, () => oneTimePassword()));
    expect(seen.size).toBe(200);
    for (const p of seen)
      expect(p).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
  });
});

describe.each(testEngines())('sign-in and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string, ip = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password },
      remoteAddress: ip,
    });

  it('signs in with an httpOnly SameSite cookie and reports roles and scope', async () => {
    const res = await attempt('pps.ngadisari', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'dp_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = res.json<Me>();
    expect(me).toMatchObject({
      signedIn: true,
      username: 'pps.ngadisari',
      mustChangePassword: false,
    });
    expect(me.grants).toEqual([
      expect.objectContaining({
        role: 'pps',
        scopeKind: 'desa',
        scopeRef: '35.13.01.2001',
        scopeName: 'Ngadisari',
        home: '/wilayah/35.13.01.2001',
      }),
    ]);
    expect(me.permissions).toEqual([
      'registry.read',
      'tps.manage',
      'result.read',
      'result.submit',
      // Field problems (lapor cepat part 2)
      'problem.report',
      'problem.read',
      'problem.comment',
      // Voter data
      'voter.read',
      'voter.progress',
      'voter.unmask',
      'coklit.photo',
      'dps.compile',
    ]);
  });

  it('gives one generic message for an unknown user and a wrong password', async () => {
    const unknown = await attempt('tidak.ada', 'apa-saja', '10.0.0.2');
    const wrong = await attempt('bupati', 'salah-sandi', '10.0.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({
      error: { code: 'auth.invalid_credentials', message: 'Nama pengguna atau kata sandi salah.' },
    });
    const last = (
      await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1)
    )[0];
    expect(last).toMatchObject({
      action: 'auth.sign_in',
      outcome: 'denied',
      actorUsername: 'bupati',
      address: '10.0.0.2',
    });
  });

  it('slows an account progressively after repeated failures, never a long lock', async () => {
    const free = AUTH_POLICY.accountFreeFailures;
    for (let i = 0; i <= free; i++) {
      expect(
        (await attempt('pengawas', `salah-${String(i)}`, `10.1.0.${String(i)}`)).statusCode,
      ).toBe(401);
    }
    // Right after: wait a second, even with the right password, from anywhere.
    const slowed = await attempt('pengawas', DEMO_PASSWORD, '10.1.0.99');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ error: { code: 'auth.locked' } });
    expect(slowed.json<{ error: { message: string } }>().error.message).toContain('1 detik');
    // At most the longest delay later the owner gets in (no 15-minute lock).
    const later = new Date(Date.now() + AUTH_POLICY.accountMaxDelayMs + 1000);
    const result = await signInService(
      t.database.db,
      { username: 'pengawas', password: DEMO_PASSWORD, address: '10.1.0.99' },
      later,
    );
    expect(result.ok).toBe(true);
  });

  it('unknown and known usernames get the same answers, failure after failure', async () => {
    const run = async (name: string, net: string) => {
      const out: string[] = [];
      for (let i = 0; i < AUTH_POLICY.accountFreeFailures + 2; i++) {
        const res = await attempt(name, `salah-${String(i)}`, `${net}.${String(i)}`);
        out.push(`${String(res.statusCode)} ${res.body}`);
      }
      return out;
    };
    const known = await run('ketua.desk', '10.4.0');
    const unknown = await run('tidak.ada.sama.sekali', '10.4.1');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toContain('429');
  });

  it('an unknown name and a wrong password take the same time (both pay argon2 and the same writes)', async () => {
    // Each try at its own time far from the others, so no counter ever
    // reaches a delay: both paths run in full every time.
    const base = Date.now() + 24 * 60 * 60_000;
    const timed = async (username: string, i: number) => {
      const at = new Date(base + i * 2 * AUTH_POLICY.windowMs);
      const start = performance.now();
      const result = await signInService(
        t.database.db,
        { username, password: `salah-${String(i)}`, address: `10.7.${String(i % 250)}.1` },
        at,
      );
      const ms = performance.now() - start;
      expect(result.ok).toBe(false);
      return ms;
    };
    const n = 15;
    const unknown: number[] = [];
    const known: number[] = [];
    // Warm up both paths (decoy hash, prepared statements), then interleave.
    await timed('pemanasan.tak.ada', 0);
    await timed('bupati', 1);
    for (let i = 0; i < n; i++) {
      unknown.push(await timed(`tak.ada.${String(i)}`, 2 + 2 * i));
      known.push(await timed('bupati', 3 + 2 * i));
    }
    // The known account's counter now sits in the future: clear it for the next tests.
    await t.database.db
      .update(appUser)
      .set({ failedAttempts: 0, lockedUntil: null })
      .where(eq(appUser.username, 'bupati'));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const mu = median(unknown);
    const mk = median(known);
    console.info(
      `sign-in timing on ${engine}: unknown ${mu.toFixed(1)} ms, wrong password ${mk.toFixed(1)} ms`,
    );
    // A generous bound, so a busy machine does not fail it: skipping argon2 on
    // one path made the medians differ 3-6 times (14 vs 44 ms, 8 vs 51 ms).
    expect(Math.abs(mu - mk)).toBeLessThan(Math.max(20, 0.5 * Math.max(mu, mk)));
  });

  it('many failures from one address (carrier NAT) never lock it: a high threshold, then a short wait', async () => {
    const nat = '10.9.9.9';
    for (let i = 0; i < 25; i++) await attempt(`tebakan${String(i)}`, 'x', nat);
    // Past the old lock (20): others behind the same address still sign in.
    expect((await attempt('bupati', DEMO_PASSWORD, nat)).statusCode).toBe(200);
    for (let i = 25; i < AUTH_POLICY.addressFreeFailures + 1; i++) {
      await attempt(`tebakan${String(i)}`, 'x', nat);
    }
    const slowed = await attempt('bupati', DEMO_PASSWORD, nat);
    expect(slowed.statusCode).toBe(429);
    expect((await attempt('bupati', DEMO_PASSWORD, '10.9.9.8')).statusCode).toBe(200);
    const later = new Date(Date.now() + AUTH_POLICY.addressMaxDelayMs + 1000);
    const result = await signInService(
      t.database.db,
      { username: 'bupati', password: DEMO_PASSWORD, address: nat },
      later,
    );
    expect(result.ok).toBe(true);
  });

  it('the admin sees the waits of an account, an unknown name and an address, and lifts them (audited); others may not', async () => {
    const net = '10.8.0.1';
    const free = AUTH_POLICY.accountFreeFailures;
    // All failures at one instant a little ahead, so the (short) waits are
    // still in force while the admin looks.
    const at = new Date(Date.now() + 10 * 60_000);
    const fail = (username: string, i: number) =>
      signInService(t.database.db, { username, password: `salah-${String(i)}`, address: net }, at);
    for (let i = 0; i <= free; i++) await fail('pps.wonotoro', i);
    for (let i = 0; i <= free; i++) await fail('nama.tak.dikenal', i);
    for (let i = 2 * (free + 1); i <= AUTH_POLICY.addressFreeFailures; i++) {
      await fail(`tebak.${String(i)}`, i);
    }
    expect((await attempt('pps.wonotoro', DEMO_PASSWORD, net)).statusCode).toBe(429);

    const admin = injectAs(t.app, await signIn(t.app, 'admin'));
    const listed = await admin('/api/auth/throttles');
    expect(listed.statusCode).toBe(200);
    const items = listed.json<ThrottleList>().items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'account', key: 'pps.wonotoro', failures: free + 1 }),
        expect.objectContaining({ kind: 'name', key: 'nama.tak.dikenal', failures: free + 1 }),
        expect.objectContaining({
          kind: 'address',
          key: net,
          failures: AUTH_POLICY.addressFreeFailures + 1,
        }),
      ]),
    );
    for (const i of items) expect(new Date(i.until).getTime()).toBeGreaterThan(Date.now());

    // Someone else may neither see nor lift.
    const pps = injectAs(t.app, await signIn(t.app, 'pps.ngadisari'));
    expect((await pps('/api/auth/throttles')).statusCode).toBe(403);
    const lift = (who: typeof admin, kind: string, key: string) =>
      who({ method: 'POST', url: '/api/auth/throttles/lift', payload: { kind, key } });
    expect((await lift(pps, 'address', net)).statusCode).toBe(403);
    expect((await attempt('pps.wonotoro', DEMO_PASSWORD, net)).statusCode).toBe(429);

    // Lifting the address alone still leaves the account's wait.
    expect((await lift(admin, 'address', net)).statusCode).toBe(204);
    expect((await attempt('pps.wonotoro', DEMO_PASSWORD, net)).statusCode).toBe(429);
    expect((await lift(admin, 'account', 'pps.wonotoro')).statusCode).toBe(204);
    expect((await lift(admin, 'name', 'nama.tak.dikenal')).statusCode).toBe(204);
    const again = await lift(admin, 'name', 'nama.tak.dikenal');
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: { code: 'auth.throttle_not_found' } });
    expect((await attempt('pps.wonotoro', DEMO_PASSWORD, net)).statusCode).toBe(200);
    expect((await attempt('nama.tak.dikenal', 'x', net)).statusCode).toBe(401);
    const after = (await admin('/api/auth/throttles')).json<ThrottleList>().items;
    expect(after.map((i) => i.key)).not.toContain(net);
    expect(after.map((i) => i.key)).not.toContain('pps.wonotoro');

    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.throttle_lift'))
      .orderBy(desc(auditLog.id));
    expect(audited.map((a) => [a.outcome, a.actorUsername, a.targetType])).toEqual([
      ['ok', 'admin', 'name'],
      ['ok', 'admin', 'account'],
      ['ok', 'admin', 'address'],
      ['denied', 'pps.ngadisari', 'address'],
    ]);
  });

  it('delayAfter: free tries, then doubling up to the cap', () => {
    expect([0, 3, 4, 5, 6, 20].map((n) => delayAfter(n, 3, 30_000))).toEqual([
      0, 0, 1000, 2000, 4000, 30_000,
    ]);
  });

  it('ends a session after the idle period and at the absolute limit', async () => {
    const s = await signInService(t.database.db, {
      username: 'bupati',
      password: DEMO_PASSWORD,
      address: '10.2.0.1',
    });
    if (!s.ok) throw new Error('sign-in failed');
    const token = s.value.token;
    const now = Date.now();
    expect(await resolveSession(t.database.db, token, null, new Date(now + 60_000))).not.toBeNull();
    expect(
      await resolveSession(
        t.database.db,
        token,
        null,
        new Date(now + 60_000 + AUTH_POLICY.idleMs + 1000),
      ),
    ).toBeNull();
    // Once expired, it stays revoked.
    expect(await resolveSession(t.database.db, token, null, new Date(now + 120_000))).toBeNull();
    const s2 = await signInService(t.database.db, {
      username: 'bupati',
      password: DEMO_PASSWORD,
      address: '10.2.0.1',
    });
    if (!s2.ok) throw new Error('sign-in failed');
    // Active every 20 minutes, still cut at the absolute limit.
    const start = Date.now();
    let at = start;
    while (at + 20 * 60_000 < start + AUTH_POLICY.absoluteMs) {
      at += 20 * 60_000;
      expect(
        await resolveSession(t.database.db, s2.value.token, null, new Date(at)),
      ).not.toBeNull();
    }
    expect(
      await resolveSession(
        t.database.db,
        s2.value.token,
        null,
        new Date(start + AUTH_POLICY.absoluteMs + 1000),
      ),
    ).toBeNull();
  });

  it('answers an expired session with 401 auth.session_expired', async () => {
    const session1 = await signIn(t.app, 'operator.kpu');
    const id =
      (await t.database.db.select().from(session).orderBy(desc(session.id)).limit(1))[0]?.id ?? 0;
    await t.database.db
      .update(session)
      .set({ lastSeenAt: new Date(Date.now() - AUTH_POLICY.idleMs - 60_000) })
      .where(eq(session.id, id));
    const res = await injectAs(t.app, session1)('/api/regency');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'auth.session_expired' } });
  });

  it('refuses a cookie-authenticated write without the CSRF token, audits it, and changes nothing', async () => {
    const s = await signIn(t.app, 'operator.kpu');
    const before = (await t.inject('/api/stages')).json<{ stages: unknown[] }>().stages.length;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      headers: { cookie: s.cookie },
      payload: { name: 'Tahapan siluman', startsOn: '2024-10-01', endsOn: '2024-10-02' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'auth.csrf_invalid' } });
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/stages',
      headers: { cookie: s.cookie, 'x-csrf-token': 'palsu' },
      payload: { name: 'Tahapan siluman', startsOn: '2024-10-01', endsOn: '2024-10-02' },
    });
    expect(wrongToken.statusCode).toBe(403);
    expect((await t.inject('/api/stages')).json<{ stages: unknown[] }>().stages.length).toBe(
      before,
    );
    const last = (
      await t.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1)
    )[0];
    expect(last).toMatchObject({
      outcome: 'denied',
      actorUsername: 'operator.kpu',
      after: { reason: 'auth.csrf_invalid' },
    });
  });

  it('changes a password: wrong current refused, short refused, then the old one no longer works', async () => {
    const s = injectAs(t.app, await signIn(t.app, 'sekretaris.desk'));
    const wrong = await s({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'salah', newPassword: 'sandi-baru-yang-panjang' },
    });
    expect(wrong.json()).toMatchObject({
      error: { code: 'auth.wrong_current_password', field: 'currentPassword' },
    });
    const short = await s({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'pendek' },
    });
    expect(short.json()).toMatchObject({
      error: { code: 'auth.password_too_short', field: 'newPassword' },
    });
    const done = await s({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: DEMO_PASSWORD, newPassword: 'sandi-baru-yang-panjang' },
    });
    expect(done.statusCode).toBe(204);
    expect((await attempt('sekretaris.desk', DEMO_PASSWORD, '10.3.0.1')).statusCode).toBe(401);
    expect(
      (await attempt('sekretaris.desk', 'sandi-baru-yang-panjang', '10.3.0.1')).statusCode,
    ).toBe(200);
    const user = (
      await t.database.db.select().from(appUser).where(eq(appUser.username, 'sekretaris.desk'))
    )[0];
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.password_change'));
    expect(JSON.stringify(audit)).not.toContain('sandi-baru-yang-panjang');
  });
});
