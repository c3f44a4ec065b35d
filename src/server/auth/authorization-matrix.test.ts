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
import { asn, auditLog, newsItem, problem, tps } from '../db/schema.ts';
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
import { DEFAULT_CATEGORIES, DEFAULT_TARGETS } from '../../domain/problems/problems.ts';
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
  // Field problems (lapor cepat part 2): one report at each TPS.
  ownProblem: number;
  otherProblem: number;
  /** A demo ASN voting at each of those TPS. */
  ownAsn: number;
  otherAsn: number;
  /** A voter at each TPS and a DPS comment in each desa (voter data). */
  ownVoter: number;
  otherVoter: number;
  ownTanggapan: number;
  otherTanggapan: number;
  /** A visited coklit household at each TPS. */
  ownHousehold: number;
  otherHousehold: number;
  /** News (issue 8): the demo's item waiting for review (news is regency-wide). */
  news: number;
}

/** Who may call a route: the public, anyone signed in, or a permission (own scope / everywhere). */
type Access =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | {
      kind: 'permission';
      permission: Permission;
      target: 'none' | 'regency' | 'region' | 'tps';
      /** A second permission that also allows the route. */
      or?: Permission;
    }
  /** Anyone holding the permission in some scope; the answer is limited to that scope. */
  | { kind: 'holder'; permission: Permission };

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
const problemId = (ids: Ids, v: 'own' | 'other') =>
  v === 'own' ? ids.ownProblem : ids.otherProblem;
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
  'GET /api/auth/throttles': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => get('/api/auth/throttles'),
  },
  'POST /api/auth/throttles/lift': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => body('POST', '/api/auth/throttles/lift', { kind: 'address', key: '192.0.2.1' }),
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
  'GET /api/results/{tpsId}/{contestId}/photos/{sha256}': {
    access: { kind: 'permission', permission: 'result.read', target: 'tps' },
    request: (ids, v) =>
      get(`/api/results/${String(tpsId(ids, v))}/${String(PILBUP)}/photos/${'0'.repeat(64)}`),
  },
  'GET /api/results/tps/{id}': {
    access: { kind: 'permission', permission: 'result.read', target: 'tps' },
    request: (ids, v) => get(`/api/results/tps/${String(tpsId(ids, v))}`),
  },
  'GET /api/results/worklist': {
    access: { kind: 'permission', permission: 'result.read', target: 'region' },
    request: (_ids, v) => get(`/api/results/worklist?contestId=${String(PILBUP)}&code=${desa(v)}`),
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
  'GET /api/public/results/kecamatan': {
    access: { kind: 'public' },
    request: () => get(`/api/public/results/kecamatan?contestId=${String(PILBUP)}&code=35.13.01`),
  },
  // Field problems (lapor cepat part 2)
  'GET /api/problems/config': {
    access: { kind: 'public' },
    request: () => get('/api/problems/config'),
  },
  'PUT /api/problems/config': {
    access: { kind: 'permission', permission: 'problem.configure', target: 'none' },
    request: () =>
      body('PUT', '/api/problems/config', {
        categories: DEFAULT_CATEGORIES,
        targets: DEFAULT_TARGETS,
      }),
  },
  'GET /api/problems/places': {
    access: { kind: 'holder', permission: 'problem.report' },
    request: () => get('/api/problems/places'),
  },
  'GET /api/public/problems/places': {
    access: { kind: 'public' },
    request: () => get('/api/public/problems/places'),
  },
  'POST /api/problems': {
    access: { kind: 'permission', permission: 'problem.report', target: 'tps' },
    request: (ids, v) =>
      body('POST', '/api/problems', {
        category: 'logistik',
        severity: 'rendah',
        kecamatanCode: desa(v).slice(0, 8),
        desaCode: desa(v),
        tpsId: tpsId(ids, v),
        occurredAt: '2024-11-27T07:00:00+07:00',
        description: 'Uji wewenang',
      }),
  },
  'POST /api/public/problems': {
    access: { kind: 'public' },
    request: (_ids, v) =>
      body('POST', '/api/public/problems', {
        category: 'logistik',
        severity: 'rendah',
        kecamatanCode: desa(v).slice(0, 8),
        desaCode: desa(v),
        occurredAt: '2024-11-27T07:00:00+07:00',
        description: 'Uji wewenang',
      }),
  },
  'GET /api/public/problems/{code}': {
    access: { kind: 'public' },
    request: () => get('/api/public/problems/LP-0000-0000'),
  },
  'GET /api/problems': {
    access: { kind: 'holder', permission: 'problem.read' },
    request: () => get('/api/problems'),
  },
  'GET /api/problems/trend': {
    access: { kind: 'holder', permission: 'problem.read' },
    request: () => get('/api/problems/trend'),
  },
  'GET /api/problems/summary': {
    access: { kind: 'permission', permission: 'problem.summary', target: 'none' },
    request: () => get('/api/problems/summary'),
  },
  'GET /api/problems/{id}': {
    access: { kind: 'permission', permission: 'problem.read', target: 'tps' },
    request: (ids, v) => get(`/api/problems/${String(problemId(ids, v))}`),
  },
  'POST /api/problems/{id}/transition': {
    access: { kind: 'permission', permission: 'problem.handle', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/problems/${String(problemId(ids, v))}/transition`, { action: 'terima' }),
  },
  'GET /api/problems/{id}/assignees': {
    access: { kind: 'permission', permission: 'problem.handle', target: 'tps' },
    request: (ids, v) => get(`/api/problems/${String(problemId(ids, v))}/assignees`),
  },
  'PUT /api/problems/{id}/assignee': {
    access: { kind: 'permission', permission: 'problem.handle', target: 'tps' },
    request: (ids, v) =>
      body('PUT', `/api/problems/${String(problemId(ids, v))}/assignee`, { username: null }),
  },
  'POST /api/problems/{id}/comments': {
    access: { kind: 'permission', permission: 'problem.comment', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/problems/${String(problemId(ids, v))}/comments`, { body: 'Uji' }),
  },
  'POST /api/problems/{id}/referrals/{referralId}/updates': {
    access: { kind: 'permission', permission: 'problem.handle', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/problems/${String(problemId(ids, v))}/referrals/999999/updates`, {
        status: 'diproses',
        note: 'Uji',
      }),
  },
  'POST /api/problems/{id}/photos': {
    access: {
      kind: 'permission',
      permission: 'problem.report',
      or: 'problem.handle',
      target: 'tps',
    },
    request: (ids, v) => ({
      method: 'POST',
      url: `/api/problems/${String(problemId(ids, v))}/photos`,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    }),
  },
  'GET /api/problems/{id}/photos/{sha256}': {
    access: { kind: 'permission', permission: 'problem.read', target: 'tps' },
    request: (ids, v) => get(`/api/problems/${String(problemId(ids, v))}/photos/${'0'.repeat(64)}`),
  },
  // People (desk organisation, rosters, Bimtek, ASN)
  'GET /api/desk': {
    access: { kind: 'permission', permission: 'desk.read', target: 'none' },
    request: () => get('/api/desk'),
  },
  'POST /api/desk/positions': {
    access: { kind: 'permission', permission: 'desk.manage', target: 'none' },
    // The demo's ketua seat is taken: allowed callers get 409, nothing changes.
    request: () =>
      body('POST', '/api/desk/positions', { role: 'ketua', name: 'Uji', office: 'Uji wewenang' }),
  },
  'DELETE /api/desk/positions/{id}': {
    access: { kind: 'permission', permission: 'desk.manage', target: 'none' },
    request: () => body('DELETE', '/api/desk/positions/999999'),
  },
  'GET /api/rosters': {
    access: { kind: 'permission', permission: 'roster.read', target: 'region' },
    request: (_ids, v) => get(`/api/rosters?body=pps&code=${desa(v)}`),
  },
  'GET /api/rosters/completeness': {
    access: { kind: 'permission', permission: 'roster.read', target: 'region' },
    request: (_ids, v) => get(`/api/rosters/completeness?code=${desa(v)}`),
  },
  'POST /api/rosters/members': {
    access: { kind: 'permission', permission: 'roster.manage', target: 'none' },
    // Sukapura's five PPK seats are filled in the demo: allowed callers get 409.
    request: () =>
      body('POST', '/api/rosters/members', {
        body: 'ppk',
        position: 'anggota',
        regionCode: '35.13.01',
        name: 'Keenam',
        nik: '3513011205880001',
      }),
  },
  'POST /api/rosters/import': {
    access: { kind: 'permission', permission: 'roster.manage', target: 'none' },
    request: () =>
      body('POST', '/api/rosters/import', {
        csv: 'badan,jabatan,wilayah,tps,nama,nik\n',
        dryRun: true,
      }),
  },
  'DELETE /api/rosters/members/{id}': {
    access: { kind: 'permission', permission: 'roster.manage', target: 'none' },
    request: () => body('DELETE', '/api/rosters/members/999999'),
  },
  'POST /api/rosters/members/{id}/account': {
    access: { kind: 'permission', permission: 'account.manage', target: 'none' },
    request: () => body('POST', '/api/rosters/members/999999/account', { username: 'uji.anggota' }),
  },
  'GET /api/bimtek': {
    access: { kind: 'permission', permission: 'bimtek.read', target: 'none' },
    request: () => get('/api/bimtek'),
  },
  'POST /api/bimtek': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    // End before start: allowed callers get 400 after authorization.
    request: () =>
      body('POST', '/api/bimtek', {
        name: 'Bimtek uji',
        body: 'pps',
        startsOn: '2024-06-21',
        endsOn: '2024-06-19',
        venue: 'Aula',
      }),
  },
  'GET /api/bimtek/{id}': {
    access: { kind: 'permission', permission: 'bimtek.read', target: 'none' },
    request: () => get('/api/bimtek/1'),
  },
  'GET /api/bimtek/{id}/untrained': {
    access: { kind: 'permission', permission: 'bimtek.read', target: 'none' },
    request: () => get('/api/bimtek/1/untrained'),
  },
  'POST /api/bimtek/{id}/waves': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    request: () =>
      body('POST', '/api/bimtek/1/waves', {
        name: 'Gelombang IV',
        startsOn: '2024-06-22',
        endsOn: '2024-06-22',
        korwilIds: [1],
      }),
  },
  'POST /api/bimtek/{id}/sessions': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    request: () =>
      body('POST', '/api/bimtek/1/sessions', {
        waveId: 999999,
        topic: 'Uji',
        speaker: 'Uji',
        speakerOrganisation: 'Uji',
      }),
  },
  'POST /api/bimtek/{id}/materials': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    request: () => ({
      method: 'POST',
      url: '/api/bimtek/999999/materials?name=materi.pdf',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n'),
    }),
  },
  'GET /api/bimtek/materials/{id}': {
    access: { kind: 'permission', permission: 'bimtek.read', target: 'none' },
    request: () => get('/api/bimtek/materials/999999'),
  },
  'GET /api/bimtek/waves/{id}': {
    access: { kind: 'permission', permission: 'bimtek.read', target: 'none' },
    request: () => get('/api/bimtek/waves/1'),
  },
  'POST /api/bimtek/waves/{id}/attendance': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    request: () =>
      body('POST', '/api/bimtek/waves/1/attendance', { day: '2024-06-19', memberIds: [999999] }),
  },
  'POST /api/bimtek/waves/{id}/attendance/code': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    request: () =>
      body('POST', '/api/bimtek/waves/1/attendance/code', {
        day: '2024-06-19',
        code: 'DPB-999999-AAAAAA',
      }),
  },
  'PUT /api/bimtek/waves/{id}/scores': {
    access: { kind: 'permission', permission: 'bimtek.manage', target: 'none' },
    request: () =>
      body('PUT', '/api/bimtek/waves/1/scores', {
        scores: [{ memberId: 999999, preTest: 50, postTest: 70 }],
      }),
  },
  'POST /api/asn/import': {
    access: { kind: 'permission', permission: 'asn.manage', target: 'none' },
    request: () =>
      body('POST', '/api/asn/import', { csv: 'nip,nama,instansi,wilayah,tps\n', dryRun: true }),
  },
  'GET /api/asn/recap': {
    access: { kind: 'permission', permission: 'asn.read', target: 'none' },
    request: () => get('/api/asn/recap'),
  },
  'GET /api/asn/tps/{id}': {
    access: { kind: 'permission', permission: 'asn.attendance', target: 'tps' },
    request: (ids, v) => get(`/api/asn/tps/${String(tpsId(ids, v))}`),
  },
  'POST /api/asn/{id}/voted': {
    access: { kind: 'permission', permission: 'asn.attendance', target: 'tps' },
    request: (ids, v) =>
      body('POST', `/api/asn/${String(v === 'own' ? ids.ownAsn : ids.otherAsn)}/voted`, {
        voted: false,
      }),
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
          birthDate: '2000-01-01',
          marital: 'B',
          sex: 'L',
          address: 'x',
          rt: '1',
          rw: '1',
          ktpEl: 'S',
        },
      }),
  },
  'POST /api/coklit/households/{id}/photos': {
    access: { kind: 'permission', permission: 'coklit.photo', target: 'tps' },
    request: (ids, v) => ({
      method: 'POST',
      url: `/api/coklit/households/${String(v === 'own' ? ids.ownHousehold : ids.otherHousehold)}/photos`,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    }),
  },
  'GET /api/coklit/households/{id}/photos': {
    access: { kind: 'permission', permission: 'voter.read', target: 'tps' },
    request: (ids, v) =>
      get(
        `/api/coklit/households/${String(v === 'own' ? ids.ownHousehold : ids.otherHousehold)}/photos`,
      ),
  },
  'GET /api/coklit/households/{id}/photos/{sha256}': {
    access: { kind: 'permission', permission: 'voter.read', target: 'tps' },
    request: (ids, v) =>
      get(
        `/api/coklit/households/${String(v === 'own' ? ids.ownHousehold : ids.otherHousehold)}/photos/${'0'.repeat(64)}`,
      ),
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
  'POST /api/public/tanggapan': {
    access: { kind: 'public' },
    // Ngadisari has no DPS here: everyone gets the same 422 (or 429 once the address's limit is reached).
    request: () =>
      body('POST', '/api/public/tanggapan', {
        desaCode: OWN_DESA,
        kind: 'belum_terdaftar',
        description: 'Uji wewenang tanggapan publik',
      }),
  },
  'GET /api/public/tanggapan/{code}': {
    access: { kind: 'public' },
    request: () => get('/api/public/tanggapan/TG-0000-0000'),
  },
  'POST /api/public/cek-dpt': {
    access: { kind: 'public' },
    request: () => body('POST', '/api/public/cek-dpt', { nik: '3513010101900001', name: 'Uji' }),
  },
  // News and outreach (issue 8, branch berita)
  'GET /api/news': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: () => get('/api/news'),
  },
  'POST /api/news': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: () =>
      body('POST', '/api/news', {
        title: 'Uji wewenang berita',
        place: 'Kraksaan',
        date: '2024-11-20',
        body: 'Isi berita uji wewenang.',
      }),
  },
  'GET /api/news/{id}': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: (ids) => get(`/api/news/${String(ids.news)}`),
  },
  'PUT /api/news/{id}': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: (ids) =>
      body('PUT', `/api/news/${String(ids.news)}`, {
        title: 'Uji wewenang berita',
        place: 'Kraksaan',
        date: '2024-11-20',
        body: 'Isi berita uji wewenang.',
      }),
  },
  'POST /api/news/{id}/transition': {
    access: { kind: 'permission', permission: 'news.publish', target: 'none' },
    request: (ids) =>
      body('POST', `/api/news/${String(ids.news)}/transition`, { action: 'terbitkan' }),
  },
  'POST /api/news/{id}/photos': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: (ids) => ({
      method: 'POST',
      url: `/api/news/${String(ids.news)}/photos`,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    }),
  },
  'GET /api/news/{id}/photos/{sha256}': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: (ids) => get(`/api/news/${String(ids.news)}/photos/${'0'.repeat(64)}`),
  },
  'DELETE /api/news/{id}/photos/{sha256}': {
    access: { kind: 'permission', permission: 'news.write', target: 'none' },
    request: (ids) => body('DELETE', `/api/news/${String(ids.news)}/photos/${'0'.repeat(64)}`),
  },
  'GET /api/public/news': { access: { kind: 'public' }, request: () => get('/api/public/news') },
  'GET /api/public/news/{slug}': {
    access: { kind: 'public' },
    request: () => get('/api/public/news/kode-etik-penyelenggara'),
  },
  'GET /api/public/news/{slug}/photos/{sha256}': {
    access: { kind: 'public' },
    request: () => get(`/api/public/news/kode-etik-penyelenggara/photos/${'0'.repeat(64)}`),
  },
  'GET /berita/rss.xml': { access: { kind: 'public' }, request: () => get('/berita/rss.xml') },
  'GET /berita/atom.xml': { access: { kind: 'public' }, request: () => get('/berita/atom.xml') },
  // Dashboard, reports and exports (issue 8)
  'GET /api/dashboard': {
    access: { kind: 'permission', permission: 'dashboard.read', target: 'none' },
    request: () => get('/api/dashboard'),
  },
  'GET /api/reports': {
    access: { kind: 'permission', permission: 'dashboard.read', target: 'none' },
    request: () => get('/api/reports'),
  },
  'POST /api/reports': {
    access: { kind: 'permission', permission: 'dashboard.read', target: 'none' },
    request: () => body('POST', '/api/reports', { kind: 'harian', date: '2024-03-01' }),
  },
  'GET /api/reports/pdf': {
    access: { kind: 'permission', permission: 'dashboard.read', target: 'none' },
    request: () => get('/api/reports/pdf?kind=harian&date=2024-03-02'),
  },
  'GET /api/reports/{id}/pdf': {
    access: { kind: 'permission', permission: 'dashboard.read', target: 'none' },
    request: () => get('/api/reports/999999/pdf'),
  },
  'GET /api/reports/schedule': {
    access: { kind: 'permission', permission: 'dashboard.read', target: 'none' },
    request: () => get('/api/reports/schedule'),
  },
  'PUT /api/reports/schedule': {
    access: { kind: 'permission', permission: 'report.configure', target: 'none' },
    request: () => body('PUT', '/api/reports/schedule', { enabled: true, hour: 17, weeklyDay: 1 }),
  },
  'GET /api/exports/coklit': {
    access: { kind: 'permission', permission: 'voter.progress', target: 'region' },
    request: (_ids, v) => get(`/api/exports/coklit?code=${desa(v)}`),
  },
  'GET /api/exports/rosters': {
    access: { kind: 'permission', permission: 'roster.read', target: 'regency' },
    request: () => get('/api/exports/rosters'),
  },
  'GET /api/exports/bimtek/{id}': {
    access: { kind: 'permission', permission: 'bimtek.read', target: 'none' },
    request: () => get('/api/exports/bimtek/1'),
  },
  'GET /api/exports/problems': {
    access: { kind: 'holder', permission: 'problem.read' },
    request: () => get('/api/exports/problems'),
  },
};

/**
 * Checked on their own below: sign-out ends the session it runs in, and the
 * event stream never ends (its signed-in side is tested in results.test.ts).
 */
const SIGN_OUT = ['POST /api/auth/sign-out', 'POST /api/auth/sign-out-everywhere'];
const STREAMS = [
  'GET /api/results/stream',
  'GET /api/problems/stream',
  // Public (no sign-in), tested in server/public/public.test.ts.
  'GET /api/public/results/stream',
];

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
  if (access.kind === 'holder') return GRANTS[account.role][access.permission] !== undefined;
  if (access.or !== undefined) {
    const also: Policy = {
      ...policy,
      access: { kind: 'permission', permission: access.or, target: access.target },
    };
    if (expectedAllowed(account, also, variant)) return true;
  }
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
    const problemAt = async (desaCode: string, tpsIdValue: number) =>
      (
        await t.database.db
          .insert(problem)
          .values({
            trackingCode: `LP-UJI-${desaCode}`,
            source: 'petugas',
            category: 'logistik',
            severity: 'rendah',
            kecamatanCode: desaCode.slice(0, 8),
            desaCode,
            tpsId: tpsIdValue,
            occurredAt: new Date(),
            description: 'Uji wewenang',
          })
          .returning({ id: problem.id })
      )[0]?.id ?? 0;
    const asnAt = async (tpsId: number) =>
      (await t.database.db.select({ id: asn.id }).from(asn).where(eq(asn.tpsId, tpsId)))[0]?.id ??
      0;
    ids = {
      ownTps,
      otherTps,
      ownProblem: await problemAt(OWN_DESA, ownTps),
      otherProblem: await problemAt(OTHER_DESA, otherTps),
      ownAsn: await asnAt(ownTps),
      otherAsn: await asnAt(otherTps),
      ...(await seedVoterData(t, ownTps, otherTps)),
      news:
        (
          await t.database.db
            .select({ id: newsItem.id })
            .from(newsItem)
            .where(eq(newsItem.status, 'diajukan'))
        )[0]?.id ?? 0,
    };
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
      routes.filter(
        (r) => POLICY[r] === undefined && !SIGN_OUT.includes(r) && !STREAMS.includes(r),
      ),
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
