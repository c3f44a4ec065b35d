/**
 * Every API route × every role (and the public), inside and outside the
 * caller's region: allowed or refused as `domain/auth/roles.ts` declares.
 *
 * The route list comes from the OpenAPI document, so a new route without a
 * row in POLICY below fails this test. Expectations are derived from the
 * declared grant table and from where each request's target lies relative to
 * the demo account's scope (labelled here by hand, not by the code under
 * test). A refused write must leave an audit row with outcome `denied`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { testEngines } from '../db/test-databases.ts';
import { auditLog, tps } from '../db/schema.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { GRANTS, type Permission, type Role } from '../../domain/auth/roles.ts';
import { DEMO_PASSWORD } from '../setup/demo-accounts.ts';
import { consistentForm } from '../results/form-fixture.ts';
import { seedVoterData } from '../voters/voter-fixture.ts';

/** Demo accounts and where their scope lies. */
const ACCOUNTS: {
  username: string;
  role: Role;
  scope: 'regency' | 'korwil' | 'kecamatan' | 'desa' | 'tps';
}[] = [
  { username: 'admin', role: 'admin', scope: 'regency' },
  { username: 'bupati', role: 'bupati', scope: 'regency' },
  { username: 'ketua.desk', role: 'ketua_desk', scope: 'regency' },
  { username: 'sekretaris.desk', role: 'sekretaris_desk', scope: 'regency' },
  { username: 'korwil1', role: 'korwil', scope: 'korwil' },
  { username: 'pembina.sukapura', role: 'pembina_kecamatan', scope: 'kecamatan' },
  { username: 'operator.kpu', role: 'operator_kpu', scope: 'regency' },
  { username: 'ppk.sukapura', role: 'ppk', scope: 'kecamatan' },
  { username: 'pps.ngadisari', role: 'pps', scope: 'desa' },
  { username: 'kpps.ngadisari.1', role: 'kpps', scope: 'tps' },
  { username: 'pantarlih.ngadisari.1', role: 'pantarlih', scope: 'tps' },
  { username: 'pengawas', role: 'pengawas', scope: 'regency' },
];

// Ngadisari (35.13.01.2001) lies in Sukapura, Korwil I; Leces (35.13.05) in Korwil II.
const OWN_DESA = '35.13.01.2001';
const OTHER_DESA = '35.13.05.2001';

interface Ids {
  ownTps: number;
  otherTps: number;
  /** A voter at each TPS and a DPS comment in each desa (voter data). */
  ownVoter: number;
  otherVoter: number;
  ownTanggapan: number;
  otherTanggapan: number;
}

/** Who may call a route: the public, anyone signed in, or a permission (own scope / everywhere). */
type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; permission: Permission; target: 'none' | 'regency' | 'region' | 'tps' };

interface Policy {
  readonly access: Access;
  /** The request inside the caller's scope (`own`) and outside it (`other`). */
  readonly request: (ids: Ids, variant: 'own' | 'other') => InjectOptions;
}

const get = (url: string): InjectOptions => ({ method: 'GET', url });
const body = (
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
): InjectOptions => (payload === undefined ? { method, url } : { method, url, payload });
const desa = (v: 'own' | 'other') => (v === 'own' ? OWN_DESA : OTHER_DESA);
const tpsId = (ids: Ids, v: 'own' | 'other') => (v === 'own' ? ids.ownTps : ids.otherTps);
const voterOf = (ids: Ids, v: 'own' | 'other') => (v === 'own' ? ids.ownVoter : ids.otherVoter);
const stage = { name: 'Rapat desk', startsOn: '2024-10-01', endsOn: '2024-10-02' };
// The demo's Pilbup is contest 2 with pairs 4 and 5 (Pilgub has 1–3).
const PILBUP = 2;
const PILBUP_VOTES = [
  { selectionId: 4, votes: 40 },
  { selectionId: 5, votes: 30 },
];

const POLICY: Record<string, Policy> = {
  'GET /api/health': { access: { kind: 'public' }, request: () => get('/api/health') },
  'GET /api/settings': { access: { kind: 'public' }, request: () => get('/api/settings') },
  'GET /api/auth/me': { access: { kind: 'public' }, request: () => get('/api/auth/me') },
  'POST /api/auth/sign-in': {
    access: { kind: 'public' },
    request: () =>
      body('POST', '/api/auth/sign-in', { username: 'pengawas', password: DEMO_PASSWORD }),
  },
  'POST /api/auth/password': {
    access: { kind: 'signed-in' },
    request: () =>
      body('POST', '/api/auth/password', { currentPassword: 'salah', newPassword: 'x' }),
  },
  'GET /api/regency': {
    access: { kind: 'permission', permission: 'registry.read', target: 'regency' },
    request: () => get('/api/regency'),
  },
  'GET /api/regions': {
    access: { kind: 'signed-in' },
    request: () => get('/api/regions?q=sukapura'),
  },
  'GET /api/regions/{code}': {
    access: { kind: 'permission', permission: 'registry.read', target: 'region' },
    request: (_ids, v) => get(`/api/regions/${desa(v)}`),
  },
  'PUT /api/regions/{code}/korwil': {
    access: { kind: 'permission', permission: 'korwil.manage', target: 'none' },
    request: () => body('PUT', '/api/regions/35.13.01/korwil', { korwilId: 1 }),
  },
  'GET /api/korwil': { access: { kind: 'signed-in' }, request: () => get('/api/korwil') },
  'POST /api/korwil': {
    access: { kind: 'permission', permission: 'korwil.manage', target: 'none' },
    request: () =>
      body('POST', '/api/korwil', {
        name: `Korwil uji ${String(Math.random())}`,
        kecamatanCodes: [],
      }),
  },
  'PATCH /api/korwil/{id}': {
    access: { kind: 'permission', permission: 'korwil.manage', target: 'none' },
    request: () =>
      body('PATCH', '/api/korwil/1', { chair: 'Asisten Administrasi Pemerintahan dan Kesra' }),
  },
  'GET /api/tps/{id}': {
    access: { kind: 'permission', permission: 'registry.read', target: 'tps' },
    request: (ids, v) => get(`/api/tps/${String(tpsId(ids, v))}`),
  },
  'POST /api/tps': {
    access: { kind: 'permission', permission: 'tps.manage', target: 'region' },
    request: (_ids, v) =>
      body('POST', '/api/tps', {
        desaCode: desa(v),
        number: 900 + Math.floor(Math.random() * 99),
        voters: 10,
      }),
  },
  'PATCH /api/tps/{id}': {
    access: { kind: 'permission', permission: 'tps.manage', target: 'tps' },
    request: (ids, v) =>
      body('PATCH', `/api/tps/${String(tpsId(ids, v))}`, { address: 'Balai desa' }),
  },
  'POST /api/tps/{id}/retire': {
    access: { kind: 'permission', permission: 'tps.manage', target: 'tps' },
    // Bodies are valid: validation runs before authorization, so only valid requests show the decision.
    request: (ids, v) =>
      body('POST', `/api/tps/${String(tpsId(ids, v))}/retire`, { reason: 'Uji wewenang' }),
  },
  'GET /api/contests': { access: { kind: 'public' }, request: () => get('/api/contests') },
  'GET /api/contests/{id}': { access: { kind: 'public' }, request: () => get('/api/contests/1') },
  'POST /api/contests': {
    access: { kind: 'permission', permission: 'contest.manage', target: 'none' },
    request: () =>
      body('POST', '/api/contests', {
        kind: 'bupati',
        name: 'Pilbup uji',
        regionCode: '35.13',
        votingDay: '2024-11-27',
      }),
  },
  'POST /api/contests/{id}/pairs': {
    access: { kind: 'permission', permission: 'contest.manage', target: 'none' },
    request: () =>
      body('POST', '/api/contests/2/pairs', {
        ballotNumber: 1,
        headName: 'Duplikat',
        deputyName: 'Duplikat',
      }),
  },
  'DELETE /api/pairs/{id}': {
    access: { kind: 'permission', permission: 'contest.manage', target: 'none' },
    request: () => body('DELETE', '/api/pairs/999999'),
  },
  'GET /api/stages': { access: { kind: 'public' }, request: () => get('/api/stages') },
  'POST /api/stages': {
    access: { kind: 'permission', permission: 'stage.manage', target: 'none' },
    request: () => body('POST', '/api/stages', stage),
  },
  'PUT /api/stages/{id}': {
    access: { kind: 'permission', permission: 'stage.manage', target: 'none' },
    request: () => body('PUT', '/api/stages/999999', stage),
  },
  'DELETE /api/stages/{id}': {
    access: { kind: 'permission', permission: 'stage.manage', target: 'none' },
    request: () => body('DELETE', '/api/stages/999999'),
  },
  'GET /api/accounts': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => get('/api/accounts'),
  },
  'POST /api/accounts': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () =>
      body('POST', '/api/accounts', {
        username: `uji.${String(Math.floor(Math.random() * 1e9))}`,
        fullName: 'Akun Uji',
        roles: [{ role: 'pps', scope: OWN_DESA }],
      }),
  },
  'POST /api/accounts/{id}/reset-password': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => body('POST', '/api/accounts/999999/reset-password'),
  },
  'POST /api/accounts/{id}/disable': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => body('POST', '/api/accounts/999999/disable'),
  },
  'POST /api/accounts/{id}/enable': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => body('POST', '/api/accounts/999999/enable'),
  },
  'POST /api/accounts/import': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () =>
      body('POST', '/api/accounts/import', { csv: 'username,nama,peran,wilayah\n', dryRun: true }),
  },
  'GET /api/audit': {
    access: { kind: 'permission', permission: 'audit.read', target: 'none' },
    request: () => get('/api/audit'),
  },
  'GET /api/results/window': {
    access: { kind: 'public' },
    request: () => get('/api/results/window'),
  },
  'POST /api/results/window/open-early': {
    access: { kind: 'permission', permission: 'result.window', target: 'none' },
    request: () => body('POST', '/api/results/window/open-early', { reason: 'Gladi lapor cepat' }),
  },
  'POST /api/results': {
    access: { kind: 'permission', permission: 'result.submit', target: 'tps' },
    request: (ids, v) =>
      body('POST', '/api/results', {
        clientId: randomUUID(),
        tpsId: tpsId(ids, v),
        contestId: PILBUP,
        form: consistentForm({ dpt: 100, votes: PILBUP_VOTES, invalid: 1 }),
        reason: 'Uji wewenang',
      }),
  },
  'POST /api/results/{tpsId}/{contestId}/verify': {
    access: { kind: 'permission', permission: 'result.verify', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/results/${String(tpsId(ids, v))}/${String(PILBUP)}/verify`, {
        version: 999,
      }),
  },
  'POST /api/results/{tpsId}/{contestId}/return': {
    access: { kind: 'permission', permission: 'result.verify', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/results/${String(tpsId(ids, v))}/${String(PILBUP)}/return`, {
        version: 999,
        note: 'Foto buram',
      }),
  },
  'POST /api/results/{tpsId}/{contestId}/photos': {
    access: { kind: 'permission', permission: 'result.submit', target: 'tps' },
    request: (ids, v) => ({
      method: 'POST',
      url: `/api/results/${String(tpsId(ids, v))}/${String(PILBUP)}/photos`,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    }),
  },
  'GET /api/results/tps/{id}': {
    access: { kind: 'permission', permission: 'result.read', target: 'tps' },
    request: (ids, v) => get(`/api/results/tps/${String(tpsId(ids, v))}`),
  },
  'GET /api/results/summary': {
    access: { kind: 'permission', permission: 'result.read', target: 'region' },
    request: (_ids, v) => get(`/api/results/summary?contestId=${String(PILBUP)}&code=${desa(v)}`),
  },
  'GET /api/results/export': {
    access: { kind: 'permission', permission: 'result.read', target: 'region' },
    request: (_ids, v) =>
      get(`/api/results/export?contestId=${String(PILBUP)}&code=${desa(v)}&format=csv`),
  },
  'GET /api/results/anomalies': {
    access: { kind: 'signed-in' },
    request: () => get(`/api/results/anomalies?contestId=${String(PILBUP)}`),
  },
  'GET /api/public/results': {
    access: { kind: 'public' },
    request: () => get(`/api/public/results?contestId=${String(PILBUP)}`),
  },
  // Voter data (DP4, coklit, DPS/DPT)
  'POST /api/voters/import': {
    access: { kind: 'permission', permission: 'voter.import', target: 'none' },
    request: () => ({
      method: 'POST',
      url: '/api/voters/import?fileName=dp4.csv&dryRun=true',
      headers: { 'content-type': 'text/csv' },
      payload: 'nik,nama\n',
    }),
  },
  'GET /api/voters/imports': {
    access: { kind: 'permission', permission: 'voter.import', target: 'none' },
    request: () => get('/api/voters/imports'),
  },
  'GET /api/voters/imports/{id}': {
    access: { kind: 'permission', permission: 'voter.import', target: 'none' },
    request: () => get('/api/voters/imports/999999'),
  },
  'GET /api/voters/imports/{id}/rejections': {
    access: { kind: 'permission', permission: 'voter.import', target: 'none' },
    request: () => get('/api/voters/imports/999999/rejections'),
  },
  'GET /api/voters/tps/{id}': {
    access: { kind: 'permission', permission: 'voter.read', target: 'tps' },
    request: (ids, v) => get(`/api/voters/tps/${String(tpsId(ids, v))}`),
  },
  'GET /api/voters/{id}/lineage': {
    access: { kind: 'permission', permission: 'voter.read', target: 'tps' },
    request: (ids, v) => get(`/api/voters/${String(voterOf(ids, v))}/lineage`),
  },
  'POST /api/voters/{id}/unmask': {
    access: { kind: 'permission', permission: 'voter.unmask', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/voters/${String(voterOf(ids, v))}/unmask`, { reason: 'Uji wewenang' }),
  },
  'POST /api/voters/{id}/coklit': {
    access: { kind: 'permission', permission: 'coklit.record', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/voters/${String(voterOf(ids, v))}/coklit`, { kind: 'MS' }),
  },
  'POST /api/coklit/tps/{id}/new-voter': {
    access: { kind: 'permission', permission: 'coklit.record', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/coklit/tps/${String(tpsId(ids, v))}/new-voter`, {
        reason: 'genap_17',
        voter: {
          nkk: '1',
          nik: '1',
          name: 'x',
          birthPlace: 'x',
          birthDate: 'x',
          marital: 'B',
          sex: 'L',
          address: 'x',
          rt: '1',
          rw: '1',
          ktpEl: 'S',
        },
      }),
  },
  'GET /api/coklit/window': {
    access: { kind: 'public' },
    request: () => get('/api/coklit/window'),
  },
  'POST /api/coklit/window/reopen': {
    access: { kind: 'permission', permission: 'coklit.window', target: 'none' },
    request: () =>
      body('POST', '/api/coklit/window/reopen', { reason: 'Uji wewenang', until: '2000-01-01' }),
  },
  'GET /api/voters/progress': {
    access: { kind: 'permission', permission: 'voter.progress', target: 'region' },
    request: (_ids, v) => get(`/api/voters/progress?code=${desa(v)}`),
  },
  'GET /api/voters/lists/{code}': {
    access: { kind: 'permission', permission: 'voter.read', target: 'region' },
    request: (_ids, v) => get(`/api/voters/lists/${desa(v)}`),
  },
  'POST /api/voters/lists/{code}/dps': {
    access: { kind: 'permission', permission: 'dps.compile', target: 'region' },
    request: (_ids, v) => body('POST', `/api/voters/lists/${desa(v)}/dps`),
  },
  'POST /api/voters/lists/{code}/dpt': {
    access: { kind: 'permission', permission: 'dpt.fix', target: 'region' },
    request: (_ids, v) => body('POST', `/api/voters/lists/${desa(v)}/dpt`),
  },
  'POST /api/voters/tanggapan': {
    access: { kind: 'permission', permission: 'dps.compile', target: 'region' },
    request: (_ids, v) =>
      body('POST', '/api/voters/tanggapan', {
        desaCode: desa(v),
        kind: 'perbaikan_data',
        description: 'Uji wewenang',
      }),
  },
  'POST /api/voters/tanggapan/{id}/resolve': {
    access: { kind: 'permission', permission: 'dps.compile', target: 'region' },
    request: (ids, v) =>
      body(
        'POST',
        `/api/voters/tanggapan/${String(v === 'own' ? ids.ownTanggapan : ids.otherTanggapan)}/resolve`,
        {
          status: 'ditolak',
          resolution: 'Uji wewenang',
        },
      ),
  },
  'GET /api/voters/recap': {
    access: { kind: 'permission', permission: 'voter.progress', target: 'region' },
    request: (_ids, v) => get(`/api/voters/recap?code=${desa(v)}&kind=dps`),
  },
  'POST /api/public/cek-dpt': {
    access: { kind: 'public' },
    request: () => body('POST', '/api/public/cek-dpt', { nik: '3513010101900001', name: 'Uji' }),
  },
};

/**
 * Checked on their own below: sign-out ends the session it runs in, and the
 * event stream never ends (its signed-in side is tested in results.test.ts).
 */
const SIGN_OUT = ['POST /api/auth/sign-out', 'POST /api/auth/sign-out-everywhere'];
const STREAM = 'GET /api/results/stream';

/** Does the target of this variant lie inside an account's scope? (labelled by hand) */
function inside(
  scope: (typeof ACCOUNTS)[number]['scope'],
  target: 'regency' | 'region' | 'tps',
  variant: 'own' | 'other',
): boolean {
  if (variant === 'other') return scope === 'regency';
  switch (target) {
    case 'regency':
      return scope === 'regency';
    case 'region':
      // Ngadisari lies in every region-shaped scope of the demo accounts, not in a TPS scope.
      return scope !== 'tps';
    case 'tps':
      return true; // TPS 001 of Ngadisari lies in every demo scope, the KPPS's own included.
  }
}

function expectedAllowed(
  account: (typeof ACCOUNTS)[number] | null,
  policy: Policy,
  variant: 'own' | 'other',
): boolean {
  const { access } = policy;
  if (access.kind === 'public') return true;
  if (account === null) return false;
  if (access.kind === 'signed-in') return true;
  const reach = GRANTS[account.role][access.permission];
  if (reach === undefined) return false;
  if (reach === 'everywhere') return true;
  return access.target !== 'none' && inside(account.scope, access.target, variant);
}

describe.each(testEngines())('authorization matrix on %s', (engine) => {
  let t: TestApp;
  let ids: Ids;
  const sessions = new Map<string, Inject>();

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const tpsOf = async (desaCode: string) =>
      (
        await t.database.db
          .select({ id: tps.id })
          .from(tps)
          .where(and(eq(tps.desaCode, desaCode), eq(tps.number, 1)))
      )[0]?.id ?? 0;
    const ownTps = await tpsOf(OWN_DESA);
    const otherTps = await tpsOf(OTHER_DESA);
    ids = { ownTps, otherTps, ...(await seedVoterData(t, ownTps, otherTps)) };
    for (const a of ACCOUNTS)
      sessions.set(a.username, injectAs(t.app, await signIn(t.app, a.username)));
  });
  afterAll(() => t.close());

  it('has a policy row for every documented route, and no stale rows', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(
      routes.filter((r) => POLICY[r] === undefined && !SIGN_OUT.includes(r) && r !== STREAM),
    ).toEqual([]);
    expect(Object.keys(POLICY).filter((r) => !routes.includes(r))).toEqual([]);
  });

  const deniedAudits = async () =>
    (
      await t.database.db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.outcome, 'denied'))
    )[0]?.n ?? 0;

  for (const who of [null, ...ACCOUNTS]) {
    it(`${who?.username ?? 'public (no sign-in)'}: every route, inside and outside its region`, async () => {
      const inject = who === null ? injectAs(t.app, null) : sessions.get(who.username);
      if (inject === undefined) throw new Error('no session');
      const wrong: string[] = [];
      for (const [route, policy] of Object.entries(POLICY)) {
        for (const variant of ['own', 'other'] as const) {
          const request = policy.request(ids, variant);
          const before = await deniedAudits();
          const res = await inject(request);
          const allowed = expectedAllowed(who, policy, variant);
          const refused = res.statusCode === 401 || res.statusCode === 403;
          if (allowed === refused) {
            wrong.push(
              `${route} [${variant}] → ${String(res.statusCode)} ${res.body.slice(0, 120)}`,
            );
            continue;
          }
          if (refused) {
            const code = res.json<{ error: { code: string } }>().error.code;
            if (!['auth.required', 'auth.forbidden'].includes(code))
              wrong.push(`${route} [${variant}] code ${code}`);
            const write = request.method !== 'GET';
            if (write && who !== null && (await deniedAudits()) !== before + 1) {
              wrong.push(`${route} [${variant}] refused write without its audit row`);
            }
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('signs out (this session, then everywhere) only when signed in', async () => {
    const anon = injectAs(t.app, null);
    expect((await anon('/api/results/stream')).statusCode).toBe(401);
    for (const r of SIGN_OUT) {
      expect((await anon({ method: 'POST', url: r.split(' ')[1] ?? '' })).statusCode).toBe(401);
    }
    const a = await signIn(t.app, 'bupati');
    const b = await signIn(t.app, 'bupati');
    expect(
      (await injectAs(t.app, a)({ method: 'POST', url: '/api/auth/sign-out' })).statusCode,
    ).toBe(204);
    expect((await injectAs(t.app, a)('/api/regency')).statusCode).toBe(401);
    expect((await injectAs(t.app, b)('/api/regency')).statusCode).toBe(200);
    const c = await signIn(t.app, 'bupati');
    expect(
      (await injectAs(t.app, c)({ method: 'POST', url: '/api/auth/sign-out-everywhere' }))
        .statusCode,
    ).toBe(204);
    expect((await injectAs(t.app, b)('/api/regency')).json()).toMatchObject({
      error: { code: 'auth.session_expired' },
    });
  });
});
