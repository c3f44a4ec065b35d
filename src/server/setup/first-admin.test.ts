import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testEngines } from '../db/test-databases.ts';
import { appUser, userRole } from '../db/schema.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import { verifyPassword } from '../auth/passwords.ts';
import type { Me } from '../../domain/auth/auth.schema.ts';
import { initRegency } from './setup.service.ts';
import { createFirstAdmin, firstAdminPassword, passwordFromFile } from './first-admin.ts';

describe('first admin password', () => {
  it('is 16 random characters without look-alikes, never the same twice', () => {
    const seen = new Set(Array.from({ length: 200 }, () => firstAdminPassword()));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^([a-hj-km-np-z2-9]{4}-){3}[a-hj-km-np-z2-9]{4}$/);
  });
  it('reads the first line of a password file and refuses an empty or short one', () => {
    expect(passwordFromFile('sandi-admin-kuat-2024\nbaris kedua\n')).toEqual({
      ok: true,
      value: 'sandi-admin-kuat-2024',
    });
    expect(passwordFromFile('sandi-admin-kuat\r\n')).toMatchObject({
      ok: true,
      value: 'sandi-admin-kuat',
    });
    expect(passwordFromFile('\nsandi-di-baris-dua')).toMatchObject({
      ok: false,
      error: {
        code: 'init.admin_password_short',
        message: 'Baris pertama berkas sandi admin kosong.',
      },
    });
    expect(passwordFromFile('pendek\n')).toMatchObject({
      ok: false,
      error: {
        code: 'init.admin_password_short',
        message: expect.stringContaining('minimal 10') as unknown,
      },
    });
  });
});

describe.each(testEngines())('first admin of a new regency on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    const init = await initRegency(t.database.db, { regencyCode: '35.09', demo: false });
    expect(init.ok).toBe(true);
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });

  let oneTime = '';
  it('creates one admin over the regency with a one-time password stored only as its hash', async () => {
    const created = await createFirstAdmin(t.database.db, { regencyCode: '35.09' });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.username).toBe('admin');
    oneTime = created.value.oneTimePassword ?? '';
    expect(oneTime).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
    const [user] = await t.database.db.select().from(appUser).where(eq(appUser.username, 'admin'));
    expect(user?.mustChangePassword).toBe(true);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.passwordHash).not.toContain(oneTime);
    expect(await verifyPassword(user?.passwordHash ?? '', oneTime)).toBe(true);
    const roles = await t.database.db
      .select()
      .from(userRole)
      .where(eq(userRole.userId, user?.id ?? 0));
    expect(roles).toEqual([
      expect.objectContaining({ role: 'admin', scopeKind: 'regency', scopeRef: '35.09' }),
    ]);
  });

  it('the one-time password signs in and must be changed first', async () => {
    const res = await signIn('admin', oneTime);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Me>()).toMatchObject({ signedIn: true, mustChangePassword: true });
    expect((await signIn('admin', 'sandi-yang-salah')).statusCode).toBe(401);
  });

  it('a second init is refused while an admin exists, with or without a password file', async () => {
    for (const password of [undefined, 'sandi-admin-kuat-2024']) {
      expect(
        await createFirstAdmin(t.database.db, { regencyCode: '35.09', password }),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'init.admin_exists',
          message: expect.stringContaining('Akun admin sudah ada') as unknown,
        },
      });
    }
    expect(await t.database.db.select().from(appUser)).toHaveLength(1);
  });
});

describe.each(testEngines())('first admin from a password file on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    expect((await initRegency(t.database.db, { regencyCode: '35.78', demo: false })).ok).toBe(true);
  });
  afterAll(() => t.close());

  it('stores the given password, prints none, and still forces a change', async () => {
    const created = await createFirstAdmin(t.database.db, {
      regencyCode: '35.78',
      password: 'sandi-admin-kuat-2024',
    });
    expect(created).toEqual({ ok: true, value: { username: 'admin', oneTimePassword: null } });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'admin', password: 'sandi-admin-kuat-2024' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Me>()).toMatchObject({ mustChangePassword: true });
  });
});

describe.each(testEngines())('the demo on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
  });
  afterAll(() => t.close());

  it('keeps its demo admin, and no first admin is added beside it', async () => {
    const [admin] = await t.database.db.select().from(appUser).where(eq(appUser.username, 'admin'));
    expect(admin?.mustChangePassword).toBe(false);
    expect(await createFirstAdmin(t.database.db, { regencyCode: '35.13' })).toMatchObject({
      ok: false,
      error: { code: 'init.admin_exists' },
    });
  });
});
