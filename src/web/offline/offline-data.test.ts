import { describe, expect, it } from 'vitest';
import type { MeData } from '../api.ts';
import { offlinePaths } from './offline-data.ts';

const me = (over: Partial<MeData>): MeData => ({
  signedIn: true,
  userId: 1,
  username: 'u',
  fullName: null,
  mustChangePassword: false,
  csrfToken: 'x',
  grants: [],
  permissions: [],
  ...over,
});

const grant = (role: MeData['grants'][number]['role'], scopeRef: string) => ({
  role,
  roleLabel: role,
  scopeKind: 'tps' as const,
  scopeRef,
  scopeName: null,
  home: `/tps/${scopeRef}`,
});

describe('offlinePaths', () => {
  it('keeps a KPPS officer’s TPS, its results and the problem form’s places', () => {
    const paths = offlinePaths(
      me({ grants: [grant('kpps', '7')], permissions: ['result.submit', 'problem.report'] }),
    );
    expect(paths).toContain('/api/tps/7');
    expect(paths).toContain('/api/results/tps/7');
    expect(paths).toContain('/api/problems/places');
    expect(paths).not.toContain('/api/voters/tps/7');
  });

  it('keeps a Pantarlih’s voter list and the coklit window', () => {
    const paths = offlinePaths(me({ grants: [grant('pantarlih', '9')], permissions: [] }));
    expect(paths).toContain('/api/voters/tps/9');
    expect(paths).toContain('/api/coklit/window');
    expect(paths).toContain('/api/tps/9');
    // results are beyond a Pantarlih (the server answers 403)
    expect(paths).not.toContain('/api/results/tps/9');
  });

  it('does not ask for the problem form’s places without the right to report (a 403 on every page)', () => {
    const paths = offlinePaths(me({ permissions: ['result.read', 'problem.handle'] }));
    expect(paths).not.toContain('/api/problems/places');
    expect(paths).toContain('/api/auth/me');
  });
});
