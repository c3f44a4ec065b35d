import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import type {
  Account,
  AccountCreated,
  AccountImportResult,
  PasswordReset,
} from '../../domain/accounts/account.schema.ts';
import type { Me } from '../../domain/auth/auth.schema.ts';
import { testEngines } from '../db/test-databases.ts';
import { appUser, auditLog, region, userRole } from '../db/schema.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../setup/demo-accounts.ts';

const HEADER = 'username,nama,peran,wilayah';
const OTP = /^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/;

describe.each(testEngines())('accounts on %s', (engine) => {
  let t: TestApp;
  let admin: Inject;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = injectAs(t.app, await signIn(t.app, 'admin'));
  });
  afterAll(() => t.close());

  const post = (as: Inject, url: string, payload?: object) =>
    as(payload === undefined ? { method: 'POST', url } : { method: 'POST', url, payload });
  const accounts = async () => (await admin('/api/accounts')).json<Account[]>();
  const account = async (username: string) => {
    const found = (await accounts()).find((a) => a.username === username);
    if (found === undefined) throw new Error(`no account ${username}`);
    return found;
  };
  const userCount = async () =>
    (await t.database.db.select({ n: count() }).from(appUser))[0]?.n ?? -1;
  const auditText = async () =>
    JSON.stringify(await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id)));
  const attempt = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress,
      payload: { username, password },
    });
  const create = async (username: string, roles: { role: string; scope: string }[]) => {
    const res = await post(admin, '/api/accounts', {
      username,
      fullName: `Nama ${username}`,
      roles,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<AccountCreated>();
  };

  it('lists every demo account with its roles and scope names, and no secrets', async () => {
    const res = await admin('/api/accounts');
    expect(res.statusCode).toBe(200);
    const list = res.json<Account[]>();
    expect(list.map((a) => a.username)).toEqual(
      expect.arrayContaining(DEMO_ACCOUNTS.map((a) => a.username)),
    );
    const roleOf = (username: string) => list.find((a) => a.username === username)?.roles;
    expect(roleOf('kpps.ngadisari.1')).toEqual([
      expect.objectContaining({
        role: 'kpps',
        roleLabel: 'KPPS',
        scopeKind: 'tps',
        scopeName: 'TPS 001 Ngadisari',
      }),
    ]);
    expect(roleOf('korwil1')).toEqual([
      expect.objectContaining({ role: 'korwil', scopeKind: 'korwil', scopeName: 'Korwil I' }),
    ]);
    expect(roleOf('pps.ngadisari')).toEqual([
      {
        role: 'pps',
        roleLabel: 'PPS',
        scopeKind: 'desa',
        scopeRef: '35.13.01.2001',
        scopeName: 'Ngadisari',
      },
    ]);
    expect(roleOf('admin')).toEqual([
      {
        role: 'admin',
        roleLabel: 'Admin sistem',
        scopeKind: 'regency',
        scopeRef: '35.13',
        scopeName: 'Kabupaten Probolinggo',
      },
    ]);
    expect(list.find((a) => a.username === 'bupati')).toMatchObject({
      disabled: false,
      mustChangePassword: false,
      locked: false,
    });
    expect(res.body).not.toMatch(/argon2|password_?hash/i);
  });

  it('creates an account whose one-time password must be changed before anything else', async () => {
    const res = await post(admin, '/api/accounts', {
      username: ' Siti.Aminah ',
      fullName: 'Siti Aminah',
      roles: [
        { role: 'pps', scope: '35.13.01.2003' },
        { role: 'kpps', scope: '35.13.01.2001/1' },
        { role: 'pps', scope: '35.13.01.2003' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<AccountCreated>();
    expect(created.oneTimePassword).toMatch(OTP);
    expect(created.account).toMatchObject({
      username: 'siti.aminah',
      fullName: 'Siti Aminah',
      disabled: false,
      mustChangePassword: true,
      locked: false,
      roles: [
        { role: 'pps', scopeKind: 'desa', scopeRef: '35.13.01.2003', scopeName: 'Jetak' },
        { role: 'kpps', scopeKind: 'tps', scopeName: 'TPS 001 Ngadisari' },
      ],
    });

    const siti = injectAs(t.app, await signIn(t.app, 'siti.aminah', created.oneTimePassword));
    expect((await siti('/api/auth/me')).json<Me>()).toMatchObject({
      signedIn: true,
      username: 'siti.aminah',
      mustChangePassword: true,
    });
    for (const blocked of [
      await siti('/api/regions/35.13.01.2003'),
      await post(siti, '/api/tps', { desaCode: '35.13.01.2003', number: 77, voters: 10 }),
    ]) {
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json()).toMatchObject({ error: { code: 'auth.password_change_required' } });
    }
    const changed = await post(siti, '/api/auth/password', {
      currentPassword: created.oneTimePassword,
      newPassword: 'sandi-baru-siti-2024',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await siti('/api/auth/me')).json<Me>().mustChangePassword).toBe(false);
    expect((await siti('/api/regions/35.13.01.2003')).statusCode).toBe(200);

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(created.account.id)));
    expect(audit.find((r) => r.action === 'account.create')).toMatchObject({
      actorUsername: 'admin',
      role: 'admin',
      outcome: 'ok',
      targetType: 'user',
      after: {
        username: 'siti.aminah',
        fullName: 'Siti Aminah',
        mustChangePassword: true,
        roles: [
          { role: 'pps', scopeKind: 'desa', scopeRef: '35.13.01.2003', scopeName: 'Jetak' },
          { role: 'kpps', scopeKind: 'tps', scopeName: 'TPS 001 Ngadisari' },
        ],
      },
    });
    const trail = await auditText();
    expect(trail).not.toContain(created.oneTimePassword);
    expect(trail).not.toContain('sandi-baru-siti-2024');
    expect(trail).not.toContain('$argon2');
  });

  it('refuses a taken username, and scopes that do not exist or do not fit the role', async () => {
    const before = await userCount();
    const attemptCreate = (username: string, role: string, scope: string) =>
      post(admin, '/api/accounts', { username, fullName: 'Budi', roles: [{ role, scope }] });
    const taken = await attemptCreate('ADMIN', 'bupati', '35.13');
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({
      error: {
        code: 'account.username_taken',
        field: 'username',
        message: 'Username admin sudah dipakai akun lain.',
      },
    });
    const cases: [string, string, number, string][] = [
      ['pps', '35.13.01.2999', 422, 'account.unknown_region'],
      ['pps', '35.14.01.2001', 422, 'account.outside_regency'],
      ['bupati', '35.14', 422, 'account.outside_regency'],
      ['ppk', '35.13.99', 422, 'account.unknown_region'],
      ['korwil', 'Korwil IX', 422, 'account.unknown_korwil'],
      ['kpps', '35.13.01.2001/99', 422, 'account.unknown_tps'],
      ['pps', '35.13.01', 400, 'validation.custom'],
      ['kpps', '35.13.01.2001', 400, 'validation.custom'],
    ];
    for (const [role, scope, status, code] of cases) {
      const res = await attemptCreate('budi.baru', role, scope);
      expect([role, scope, res.statusCode]).toEqual([role, scope, status]);
      expect(res.json()).toMatchObject({ error: { code, field: 'roles.0.scope' } });
    }
    const none = await post(admin, '/api/accounts', {
      username: 'budi.baru',
      fullName: 'Budi',
      roles: [],
    });
    expect(none.json()).toMatchObject({ error: { field: 'roles' } });
    const badName = await attemptCreate('budi baru', 'pps', '35.13.01.2001');
    expect(badName.json()).toMatchObject({
      error: { code: 'validation.invalid_format', field: 'username' },
    });
    expect(await userCount()).toBe(before);
  });

  it('resets a password: a new one-time password, the lock lifted, every session ended', async () => {
    const created = await create('reset.me', [{ role: 'ppk', scope: '35.13.02' }]);
    const first = await signIn(t.app, 'reset.me', created.oneTimePassword);
    const user = injectAs(t.app, first);
    expect(
      (
        await post(user, '/api/auth/password', {
          currentPassword: created.oneTimePassword,
          newPassword: 'sandi-lama-yang-lupa',
        })
      ).statusCode,
    ).toBe(204);
    // Three free failures, the fourth makes the next try wait (auth.service AUTH_POLICY).
    for (let i = 0; i < 4; i++)
      expect((await attempt('reset.me', 'salah-terus', '10.7.0.1')).statusCode).toBe(401);
    expect((await attempt('reset.me', 'sandi-lama-yang-lupa', '10.7.0.2')).statusCode).toBe(429);
    expect((await account('reset.me')).locked).toBe(true);

    const res = await post(admin, `/api/accounts/${String(created.account.id)}/reset-password`);
    expect(res.statusCode, res.body).toBe(200);
    const { oneTimePassword } = res.json<PasswordReset>();
    expect(oneTimePassword).toMatch(OTP);
    expect(oneTimePassword).not.toBe(created.oneTimePassword);
    expect(await account('reset.me')).toMatchObject({ locked: false, mustChangePassword: true });
    expect((await user('/api/auth/me')).json<Me>().signedIn).toBe(false);
    expect((await attempt('reset.me', 'sandi-lama-yang-lupa', '10.7.0.3')).statusCode).toBe(401);
    const again = injectAs(t.app, await signIn(t.app, 'reset.me', oneTimePassword));
    expect((await again('/api/auth/me')).json<Me>().mustChangePassword).toBe(true);

    const trail = await auditText();
    expect(trail).toContain('account.reset_password');
    expect(trail).not.toContain(oneTimePassword);
    const unknown = await post(admin, '/api/accounts/999999/reset-password');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'account.not_found' } });
  });

  it('disables an account (its sessions end, it cannot sign in) and enables it again', async () => {
    const created = await create('disable.me', [{ role: 'pantarlih', scope: '35.13.01.2001/1' }]);
    const id = String(created.account.id);
    const session = injectAs(t.app, await signIn(t.app, 'disable.me', created.oneTimePassword));
    const disabled = await post(admin, `/api/accounts/${id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json<Account>()).toMatchObject({ username: 'disable.me', disabled: true });
    expect((await session('/api/auth/me')).json<Me>().signedIn).toBe(false);
    expect((await attempt('disable.me', created.oneTimePassword)).statusCode).toBe(401);
    const enabled = await post(admin, `/api/accounts/${id}/enable`);
    expect(enabled.json<Account>()).toMatchObject({ disabled: false });
    expect((await attempt('disable.me', created.oneTimePassword)).statusCode).toBe(200);

    const adminId = String((await account('admin')).id);
    const self = await post(admin, `/api/accounts/${adminId}/disable`);
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ error: { code: 'account.cannot_disable_self' } });
    expect((await post(admin, '/api/accounts/999999/enable')).statusCode).toBe(404);
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual(
      expect.arrayContaining([
        [
          'account.disable',
          { username: 'disable.me', disabled: false },
          { username: 'disable.me', disabled: true, sessionsRevoked: 1 },
        ],
        [
          'account.enable',
          { username: 'disable.me', disabled: true },
          { username: 'disable.me', disabled: false },
        ],
      ]),
    );
  });

  it('imports all 990 PPS members of the demo (3 per desa) in one go', async () => {
    const desa = await t.database.db
      .select({ code: region.code, name: region.name })
      .from(region)
      .where(eq(region.level, 'desa'))
      .orderBy(asc(region.code));
    expect(desa).toHaveLength(330);
    const lines = [HEADER];
    for (const d of desa) {
      for (const k of [1, 2, 3]) {
        // Quoted the RFC 4180 way: one desa in the Kemendagri data is spelt `Soka"an`.
        const name = `"PPS ${d.name.replaceAll('"', '""')}, anggota ${String(k)}"`;
        lines.push(`pps.${d.code.replaceAll('.', '')}.${String(k)},${name},PPS,${d.code}`);
      }
    }
    const csv = `\uFEFF${lines.join('\r\n')}\r\n`;
    const before = await userCount();
    const ppsRoles = async () =>
      (await t.database.db.select({ n: count() }).from(userRole).where(eq(userRole.role, 'pps')))[0]
        ?.n;
    const ppsBefore = await ppsRoles();

    const dry = await post(admin, '/api/accounts/import', { csv, dryRun: true });
    expect(dry.statusCode, dry.body.slice(0, 500)).toBe(200);
    const preview = dry.json<AccountImportResult>();
    expect(preview).toMatchObject({ dryRun: true, created: 0, errors: [] });
    expect(preview.accounts).toHaveLength(990);
    expect(preview.accounts.every((a) => a.oneTimePassword === null)).toBe(true);
    expect(await userCount()).toBe(before);

    const started = performance.now();
    const res = await post(admin, '/api/accounts/import', { csv });
    const ms = Math.round(performance.now() - started);
    console.info(`[accounts] import of 990 PPS rows on ${engine}: ${String(ms)} ms`);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const result = res.json<AccountImportResult>();
    expect(result).toMatchObject({ dryRun: false, created: 990, errors: [] });
    expect(await userCount()).toBe(before + 990);
    expect(await ppsRoles()).toBe((ppsBefore ?? 0) + 990);

    // One sheet per kecamatan: sorted by kecamatan, then username.
    const keys = result.accounts.map((a) => `${a.kecamatanCode ?? ''} ${a.username}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(result.accounts.map((a) => a.kecamatanCode)).size).toBe(24);
    expect(result.accounts[0]).toMatchObject({
      username: 'pps.3513012001.1',
      fullName: 'PPS Ngadisari, anggota 1',
      roleLabel: 'PPS',
      scopeName: 'Ngadisari',
      kecamatanCode: '35.13.01',
      kecamatanName: 'Sukapura',
    });
    expect(result.accounts.every((a) => OTP.test(a.oneTimePassword ?? ''))).toBe(true);
    expect(new Set(result.accounts.map((a) => a.oneTimePassword)).size).toBe(990);

    const last = result.accounts.at(-1);
    if (last?.oneTimePassword == null) throw new Error('no account imported');
    const member = injectAs(t.app, await signIn(t.app, last.username, last.oneTimePassword));
    expect((await member('/api/auth/me')).json<Me>()).toMatchObject({
      mustChangePassword: true,
      grants: [{ role: 'pps', scopeKind: 'desa' }],
    });

    const importRows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'account.import'));
    expect(importRows).toHaveLength(1);
    expect(importRows[0]?.after).toMatchObject({ created: 990 });
    const trail = await auditText();
    expect(result.accounts.some((a) => trail.includes(a.oneTimePassword ?? '-'))).toBe(false);
    expect(trail).not.toContain('$argon2');

    const twice = (await post(admin, '/api/accounts/import', { csv })).json<AccountImportResult>();
    expect(twice.created).toBe(0);
    expect(twice.errors).toHaveLength(990);
    expect(twice.errors[0]).toMatchObject({
      line: 2,
      field: 'username',
      code: 'roster.username_taken',
    });
  }, 300_000); // 990 argon2id hashes: ~30 s alone, minutes on a loaded 2-core machine

  it('creates nothing when any row is wrong, and lists every error with its line', async () => {
    const before = await userCount();
    const trailBefore = (await auditText()).length;
    const csv = [
      'Username;Nama;Peran;Wilayah', // 1
      'baru.satu;Baru Satu;pps;35.13.01.2004', // 2: good
      'baru.dua;Baru Dua;lurah;35.13.01.2004', // 3: unknown role
      'baru.tiga;Baru Tiga;PPS;35.13.01.2999', // 4: unknown desa
      'admin;Admin Lain;bupati;35.13', // 5: username taken
      'baru.satu;Baru Satu;PPS;35.13.01.2004', // 6: duplicate row
      'baru.empat;Baru Empat;korwil;Korwil X', // 7: unknown Korwil
      'baru.lima;Baru Lima;kpps;35.13.01.2001/99', // 8: unknown TPS
      'baru.enam;Baru Enam;ppk;35.14.01', // 9: outside the regency
      'baru.satu;Satu Baru;kpps;35.13.01.2004/1', // 10: another name for baru.satu
      'baru.tujuh;Baru Tujuh;Ketua Desk Pilkada;35.13', // 11: good
    ].join('\n');
    for (const dryRun of [false, true]) {
      const res = await post(admin, '/api/accounts/import', { csv, dryRun });
      expect(res.statusCode).toBe(200);
      const result = res.json<AccountImportResult>();
      expect(result).toMatchObject({ dryRun, created: 0, accounts: [] });
      expect(result.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [3, 'peran', 'roster.unknown_role'],
        [4, 'wilayah', 'roster.unknown_region'],
        [5, 'username', 'roster.username_taken'],
        [6, 'username', 'roster.duplicate_row'],
        [7, 'wilayah', 'roster.unknown_korwil'],
        [8, 'wilayah', 'roster.unknown_tps'],
        [9, 'wilayah', 'roster.outside_regency'],
        [10, 'nama', 'roster.name_mismatch'],
      ]);
      expect(result.errors[1]?.message).toBe(
        'Desa/Kelurahan dengan kode 35.13.01.2999 tidak ada di Kabupaten Probolinggo.',
      );
    }
    expect(await userCount()).toBe(before);
    expect((await auditText()).length).toBe(trailBefore);

    const empty = (
      await post(admin, '/api/accounts/import', { csv: '' })
    ).json<AccountImportResult>();
    expect(empty.errors).toEqual([
      {
        line: 1,
        field: null,
        code: 'roster.empty',
        message: expect.stringContaining('Berkas kosong') as unknown,
      },
    ]);
    const huge = await post(admin, '/api/accounts/import', { csv: 'x'.repeat(2_000_001) });
    expect(huge.statusCode).toBe(400);
    expect(huge.json()).toMatchObject({ error: { field: 'csv' } });
  });

  it('refuses every accounts route to anyone without account.manage, and to the public', async () => {
    const ids = { id: String((await account('bupati')).id) };
    const requests = [
      { method: 'GET' as const, url: '/api/accounts' },
      {
        method: 'POST' as const,
        url: '/api/accounts',
        payload: {
          username: 'penyusup',
          fullName: 'Penyusup',
          roles: [{ role: 'admin', scope: '35.13' }],
        },
      },
      {
        method: 'POST' as const,
        url: '/api/accounts/import',
        payload: { csv: `${HEADER}\npenyusup,Penyusup,admin,35.13` },
      },
      { method: 'POST' as const, url: `/api/accounts/${ids.id}/reset-password` },
      { method: 'POST' as const, url: `/api/accounts/${ids.id}/disable` },
      { method: 'POST' as const, url: `/api/accounts/${ids.id}/enable` },
    ];
    const before = await userCount();
    for (const username of ['pps.ngadisari', 'ketua.desk', 'operator.kpu']) {
      const as = injectAs(t.app, await signIn(t.app, username, DEMO_PASSWORD));
      for (const r of requests) {
        const res = await as(r);
        expect([username, r.url, res.statusCode]).toEqual([username, r.url, 403]);
        expect(res.json()).toMatchObject({ error: { code: 'auth.forbidden' } });
      }
    }
    for (const r of requests) {
      const res = await t.app.inject(r);
      expect([r.url, res.statusCode]).toEqual([r.url, 401]);
    }
    expect(await userCount()).toBe(before);
    expect((await account('bupati')).disabled).toBe(false);
    const denied = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.outcome, 'denied'));
    expect(
      denied
        .filter((r) => r.action.startsWith('account.') && r.actorUsername === 'pps.ngadisari')
        .map((r) => r.action)
        .sort(),
    ).toEqual([
      'account.create',
      'account.disable',
      'account.enable',
      'account.import',
      'account.reset_password',
    ]);
  });
});
