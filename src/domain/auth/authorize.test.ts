import { describe, expect, it } from 'vitest';
import { authorize, scopeCovers, type Grant, type Target } from './authorize.ts';
import { GRANTS, PERMISSIONS, ROLES, ROLE_SCOPE } from './roles.ts';

const desaA: Target = { regionCode: '35.13.01.2001', korwilId: 1, tpsId: 10 };
const desaB: Target = { regionCode: '35.13.01.2002', korwilId: 1, tpsId: 20 };
const otherKec: Target = { regionCode: '35.13.05.2001', korwilId: 2 };

describe('scopeCovers', () => {
  it.each([
    [{ role: 'pps', scopeKind: 'desa', scopeRef: '35.13.01.2001' }, desaA, true],
    [{ role: 'pps', scopeKind: 'desa', scopeRef: '35.13.01.2001' }, desaB, false],
    [{ role: 'ppk', scopeKind: 'kecamatan', scopeRef: '35.13.01' }, desaB, true],
    [{ role: 'ppk', scopeKind: 'kecamatan', scopeRef: '35.13.01' }, otherKec, false],
    [{ role: 'korwil', scopeKind: 'korwil', scopeRef: '1' }, desaA, true],
    [{ role: 'korwil', scopeKind: 'korwil', scopeRef: '1' }, otherKec, false],
    [{ role: 'kpps', scopeKind: 'tps', scopeRef: '10' }, desaA, true],
    [{ role: 'kpps', scopeKind: 'tps', scopeRef: '10' }, desaB, false],
    [
      { role: 'kpps', scopeKind: 'tps', scopeRef: '10' },
      { regionCode: '35.13.01.2001', korwilId: 1 },
      false,
    ],
    [{ role: 'bupati', scopeKind: 'regency', scopeRef: '35.13' }, otherKec, true],
    [
      { role: 'bupati', scopeKind: 'regency', scopeRef: '35.13' },
      { regionCode: '35.14.01', korwilId: null },
      false,
    ],
  ] as [Grant, Target, boolean][])('%o covers %o: %s', (grant, target, expected) => {
    expect(scopeCovers(grant, target)).toBe(expected);
  });
});

describe('authorize', () => {
  const pps: Grant = { role: 'pps', scopeKind: 'desa', scopeRef: '35.13.01.2001' };
  it('lets a PPS manage TPS in its own desa only', () => {
    expect(authorize([pps], 'tps.manage', desaA).ok).toBe(true);
    expect(authorize([pps], 'tps.manage', desaB)).toMatchObject({
      ok: false,
      error: {
        kind: 'forbidden',
        code: 'auth.forbidden',
        message: 'Wilayah ini di luar wewenang Anda (PPS).',
      },
    });
  });
  it('refuses a role without the permission, and an anonymous caller', () => {
    expect(authorize([pps], 'contest.manage')).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(authorize([], 'registry.read', desaA)).toMatchObject({
      ok: false,
      error: { kind: 'unauthorized', code: 'auth.required' },
    });
  });
  it('uses any of several roles', () => {
    const ppk: Grant = { role: 'ppk', scopeKind: 'kecamatan', scopeRef: '35.13.05' };
    expect(authorize([pps, ppk], 'tps.manage', otherKec)).toEqual({ ok: true, value: ppk });
  });
  it('needs a target for own-scope permissions', () => {
    expect(authorize([pps], 'tps.manage').ok).toBe(false);
  });
  it('declares a scope for every role and only known permissions', () => {
    for (const role of ROLES) {
      expect(ROLE_SCOPE[role]).toBeDefined();
      for (const p of Object.keys(GRANTS[role])) expect(PERMISSIONS).toContain(p);
    }
    // Admin holds every permission except recording coklit, which issue 6 reserves
    // to the Pantarlih of the TPS (the visit is the evidence).
    expect(Object.keys(GRANTS['admin']).sort()).toEqual(
      PERMISSIONS.filter((p) => p !== 'coklit.record').sort(),
    );
  });
});
