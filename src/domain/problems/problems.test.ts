import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTIONS,
  ASN_VIOLATIONS,
  ASN_VIOLATION_LABEL,
  DEFAULT_CATEGORIES,
  DEFAULT_TARGETS,
  ETHICS_PRINCIPLES,
  STATUSES,
  actionsFrom,
  checkCategories,
  checkTargets,
  isDuplicateCandidate,
  isOpen,
  overdue,
  transition,
  type Action,
  type Status,
  type TransitionInput,
} from './problems.ts';

/** The workflow, written out by hand (not derived from TRANSITIONS). */
const ALLOWED: Record<Action, readonly Status[]> = {
  terima: ['baru'],
  tangani: ['diterima', 'diteruskan'],
  teruskan: ['diterima', 'ditangani'],
  selesaikan: ['ditangani', 'diteruskan'],
  tolak: ['baru', 'diterima', 'ditangani', 'diteruskan'],
  gabungkan: ['baru', 'diterima', 'ditangani', 'diteruskan'],
};
const TO: Record<Action, Status> = {
  terima: 'diterima',
  tangani: 'ditangani',
  teruskan: 'diteruskan',
  selesaikan: 'selesai',
  tolak: 'ditolak',
  gabungkan: 'digabung',
};

/** A complete input for each action (every required part given). */
const complete = (action: Action): TransitionInput => ({
  action,
  note: 'Catatan',
  agency: 'kpu',
  mergeIntoId: 1,
});

describe('workflow: every status × every action', () => {
  for (const from of STATUSES) {
    for (const action of ACTIONS) {
      const allowed = ALLOWED[action].includes(from);
      it(`${action} from ${from}: ${allowed ? 'allowed' : 'refused'}`, () => {
        const r = transition(from, complete(action));
        if (allowed) {
          expect(r).toEqual({ ok: true, value: { from, to: TO[action] } });
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.code).toBe('problem.transition_not_allowed');
            expect(r.error.kind).toBe('conflict');
          }
        }
      });
    }
  }

  it('closed reports accept no action at all', () => {
    for (const s of ['selesai', 'ditolak', 'digabung'] as const) {
      expect(actionsFrom(s)).toEqual([]);
      expect(isOpen(s)).toBe(false);
    }
    for (const s of ['baru', 'diterima', 'ditangani', 'diteruskan'] as const) {
      expect(isOpen(s)).toBe(true);
    }
  });

  it('offers exactly the allowed actions per status', () => {
    for (const s of STATUSES) {
      expect(actionsFrom(s).sort()).toEqual(ACTIONS.filter((a) => ALLOWED[a].includes(s)).sort());
    }
  });

  it('closing needs a resolution note, rejecting a reason (blank counts as missing)', () => {
    for (const note of [undefined, '', '   ']) {
      const close = transition('ditangani', { action: 'selesaikan', note });
      expect(!close.ok && close.error.code).toBe('problem.resolution_required');
      expect(!close.ok && close.error.field).toBe('note');
      const reject = transition('baru', { action: 'tolak', note });
      expect(!reject.ok && reject.error.code).toBe('problem.reason_required');
    }
  });

  it('referral needs an agency; merge needs a target', () => {
    const r = transition('diterima', { action: 'teruskan' });
    expect(!r.ok && r.error.code).toBe('problem.agency_required');
    const m = transition('baru', { action: 'gabungkan' });
    expect(!m.ok && m.error.code).toBe('problem.merge_target_required');
  });

  it('a refused move is refused before its missing parts are reported', () => {
    const r = transition('baru', { action: 'selesaikan' });
    expect(!r.ok && r.error.code).toBe('problem.transition_not_allowed');
  });

  it('property: any sequence of actions only ever passes through allowed edges', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS), { maxLength: 12 }), (seq) => {
        let s: Status = 'baru';
        for (const a of seq) {
          const r = transition(s, complete(a));
          if (r.ok) {
            expect(ALLOWED[a]).toContain(s);
            s = r.value.to;
          } else {
            expect(ALLOWED[a]).not.toContain(s);
          }
        }
      }),
    );
  });
});

describe('lists from domain.md', () => {
  it('has the ten categories of the issue and keeps the built-in ones', () => {
    expect(DEFAULT_CATEGORIES).toHaveLength(10);
    expect(checkCategories(DEFAULT_CATEGORIES).ok).toBe(true);
    const withoutAsn = DEFAULT_CATEGORIES.filter((c) => c.code !== 'netralitas_asn');
    const r = checkCategories(withoutAsn);
    expect(!r.ok && r.error.code).toBe('problem.category_required');
  });

  it('refuses duplicate codes, bad codes and blank labels', () => {
    const dup = checkCategories([...DEFAULT_CATEGORIES, { code: 'logistik', label: 'Lagi' }]);
    expect(!dup.ok && dup.error.code).toBe('problem.category_duplicate');
    const bad = checkCategories([...DEFAULT_CATEGORIES, { code: 'Bad Code', label: 'x' }]);
    expect(!bad.ok && bad.error.code).toBe('problem.category_code');
    const blank = checkCategories([...DEFAULT_CATEGORIES, { code: 'baru_1', label: ' ' }]);
    expect(!blank.ok && blank.error.code).toBe('problem.category_label');
  });

  it('lists the ten prohibited ASN acts of the 2022 SKB, each labelled', () => {
    expect(ASN_VIOLATIONS).toHaveLength(10);
    for (const v of ASN_VIOLATIONS) expect(ASN_VIOLATION_LABEL[v].length).toBeGreaterThan(5);
  });

  it('lists the DKPP principles of domain.md', () => {
    for (const p of ['mandiri', 'jujur', 'adil', 'akuntabel', 'berkepastian_hukum', 'tertib'])
      expect(ETHICS_PRINCIPLES).toContain(p);
  });
});

describe('response-time targets and overdue', () => {
  const at = '2024-11-27T08:00:00+07:00';
  const plus = (h: number) => new Date(Date.parse(at) + h * 3_600_000);

  it('refuses a respond target longer than the settle target', () => {
    expect(checkTargets(DEFAULT_TARGETS).ok).toBe(true);
    const r = checkTargets({ ...DEFAULT_TARGETS, tinggi: { respondHours: 80, settleHours: 72 } });
    expect(!r.ok && r.error.field).toBe('targets.tinggi');
  });

  it('a darurat report still baru after 1 hour is late to respond', () => {
    const report = { status: 'baru' as const, severity: 'darurat' as const, reportedAt: at };
    expect(overdue(report, DEFAULT_TARGETS, plus(1))).toBeNull();
    expect(overdue(report, DEFAULT_TARGETS, plus(2))).toEqual({
      kind: 'respond',
      dueAt: plus(1).toISOString(),
      hoursLate: 1,
    });
  });

  it('an accepted report is late only after the settle target; a closed one never', () => {
    const report = { status: 'diteruskan' as const, severity: 'tinggi' as const, reportedAt: at };
    expect(overdue(report, DEFAULT_TARGETS, plus(71))).toBeNull();
    expect(overdue(report, DEFAULT_TARGETS, plus(73))?.kind).toBe('settle');
    expect(overdue({ ...report, status: 'selesai' }, DEFAULT_TARGETS, plus(1000))).toBeNull();
  });

  it('property: never overdue before the respond target', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATUSES),
        fc.constantFrom('rendah', 'sedang', 'tinggi', 'darurat' as const),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (status, severity, f) => {
          const h = DEFAULT_TARGETS[severity].respondHours * f;
          expect(
            overdue({ status, severity, reportedAt: at }, DEFAULT_TARGETS, plus(h)),
          ).toBeNull();
        },
      ),
    );
  });
});

describe('duplicate candidates', () => {
  const base = {
    category: 'logistik',
    kecamatanCode: '35.13.01',
    desaCode: '35.13.01.2001',
    tpsId: 7,
    occurredAt: '2024-11-27T08:00:00+07:00',
  };
  it('same category, place and close in time', () => {
    expect(isDuplicateCandidate(base, { ...base, occurredAt: '2024-11-27T20:00:00+07:00' })).toBe(
      true,
    );
    expect(isDuplicateCandidate(base, { ...base, tpsId: null })).toBe(true);
    expect(isDuplicateCandidate(base, { ...base, desaCode: null, tpsId: null })).toBe(true);
  });
  it('not when category, TPS, desa, kecamatan or time differ', () => {
    expect(isDuplicateCandidate(base, { ...base, category: 'keamanan' })).toBe(false);
    expect(isDuplicateCandidate(base, { ...base, tpsId: 8 })).toBe(false);
    expect(isDuplicateCandidate(base, { ...base, desaCode: '35.13.01.2002', tpsId: null })).toBe(
      false,
    );
    expect(
      isDuplicateCandidate(base, {
        ...base,
        kecamatanCode: '35.13.02',
        desaCode: null,
        tpsId: null,
      }),
    ).toBe(false);
    expect(isDuplicateCandidate(base, { ...base, occurredAt: '2024-11-28T08:00:01+07:00' })).toBe(
      false,
    );
  });
  it('property: symmetric', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.boolean(), (h, sameTps) => {
        const b = {
          ...base,
          tpsId: sameTps ? 7 : 9,
          occurredAt: new Date(Date.parse(base.occurredAt) + h * 3_600_000).toISOString(),
        };
        expect(isDuplicateCandidate(base, b)).toBe(isDuplicateCandidate(b, base));
      }),
    );
  });
});
