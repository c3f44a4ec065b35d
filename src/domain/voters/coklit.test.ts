import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activityFlags,
  applyCoklit,
  EMPTY_DRAFT,
  entryOfDraft,
  matchesVoterSearch,
  type CoklitDraft,
  officerActivity,
  checkNewVoter,
  staysOnList,
  TMS_CODES,
  tpsOverLimit,
  type CoklitContext,
  type VoterState,
} from './coklit.ts';
import type { VoterData } from './dp4.ts';

const CTX: CoklitContext = {
  knownPrefixes: new Set(['351301']),
  votingDay: '2024-11-27',
  tpsInSameDesa: (id) => id === 11 || id === 12,
};
const DATA: VoterData = {
  nkk: '3513011203150004',
  nik: '3513014107900002',
  name: 'Siti Aminah',
  birthPlace: 'Probolinggo',
  birthDate: '1990-07-01',
  marital: 'S',
  sex: 'P',
  address: 'Dusun Krajan',
  rt: '001',
  rw: '002',
  disability: null,
  ktpEl: 'S',
  remarks: null,
};
const FRESH: VoterState = { data: DATA, status: null, tmsCode: null, tpsId: 11 };
const code = (r: ReturnType<typeof applyCoklit>) => (r.ok ? 'ok' : r.error.code);

describe('applyCoklit', () => {
  it('MS marks the voter eligible and correct', () => {
    const r = applyCoklit(FRESH, { kind: 'MS' }, CTX);
    expect(r.ok && r.value).toEqual({ next: { ...FRESH, status: 'MS' }, changes: [] });
  });
  it('U keeps old and new values of each changed field only', () => {
    const r = applyCoklit(
      FRESH,
      { kind: 'U', changes: { name: 'Siti Aminah', address: 'Dusun Baru', rt: '3' } },
      CTX,
    );
    expect(r.ok && r.value.changes).toEqual([
      { field: 'address', old: 'Dusun Krajan', new: 'Dusun Baru' },
      { field: 'rt', old: '001', new: '003' },
    ]);
    expect(r.ok && r.value.next.data.address).toBe('Dusun Baru');
    expect(r.ok && r.value.next.status).toBe('U');
  });
  it.each([
    [{ kind: 'U' as const, changes: { name: 'Siti Aminah' } }, 'coklit.no_change'],
    [{ kind: 'U' as const, changes: { rt: 'abc' } }, 'coklit.invalid_value'],
    [{ kind: 'U' as const, changes: { sex: 'L' } }, 'coklit.nik_mismatch_reason'],
    [{ kind: 'U' as const, changes: { birthDate: '1990-07-02' } }, 'coklit.nik_mismatch_reason'],
    [{ kind: 'U' as const, changes: { marital: 'X' } }, 'coklit.invalid_value'],
    [{ kind: 'U' as const, changes: { ktpEl: 'sudah' } }, 'coklit.invalid_value'],
    [{ kind: 'U' as const, changes: { birthDate: '1990-02-30' } }, 'coklit.invalid_value'],
    [{ kind: 'U' as const, changes: { birthDate: '2025-01-01' } }, 'coklit.inconsistent'],
    [
      { kind: 'U' as const, changes: { nik: '3513010107900001' } as never },
      'coklit.field_not_changeable',
    ],
    [{ kind: 'TMS' as const, code: 1 as const, newTpsId: 12 }, 'coklit.tps_only_for_8'],
    [{ kind: 'TMS' as const, code: 8 as const }, 'coklit.tps_required'],
    [{ kind: 'TMS' as const, code: 8 as const, newTpsId: 11 }, 'coklit.same_tps'],
    [{ kind: 'TMS' as const, code: 8 as const, newTpsId: 99 }, 'coklit.tps_other_desa'],
    [{ kind: 'TMS' as const, code: 9 as never }, 'coklit.tms_code'],
  ])('refuses %o with %s', (entry, expected) => {
    expect(code(applyCoklit(FRESH, entry, CTX))).toBe(expected);
  });
  it.each(TMS_CODES.filter((c) => c !== 8))('TMS-%i takes the voter off the list', (c) => {
    const r = applyCoklit(FRESH, { kind: 'TMS', code: c }, CTX);
    expect(r.ok && r.value.next).toMatchObject({ status: 'TMS', tmsCode: c, tpsId: 11 });
    expect(staysOnList('TMS', c)).toBe(false);
  });
  it('TMS-8 remaps to the right TPS of the desa and keeps the right to vote', () => {
    const r = applyCoklit(FRESH, { kind: 'TMS', code: 8, newTpsId: 12 }, CTX);
    expect(r.ok && r.value).toEqual({
      next: { ...FRESH, status: 'TMS', tmsCode: 8, tpsId: 12 },
      changes: [{ field: 'tpsId', old: 11, new: 12 }],
    });
    expect(staysOnList('TMS', 8)).toBe(true);
    expect(staysOnList(null, null)).toBe(true);
    expect(staysOnList('U', null)).toBe(true);
  });
  it('a second record is a correction and needs a reason', () => {
    const visited: VoterState = { ...FRESH, status: 'TMS', tmsCode: 1 };
    expect(code(applyCoklit(visited, { kind: 'MS' }, CTX))).toBe('coklit.reason_required');
    expect(code(applyCoklit(visited, { kind: 'MS', reason: 'ok' }, CTX))).toBe(
      'coklit.reason_required',
    );
    const r = applyCoklit(
      visited,
      { kind: 'MS', reason: 'Salah catat, orangnya masih hidup' },
      CTX,
    );
    expect(r.ok && r.value.next).toMatchObject({ status: 'MS', tmsCode: null });
  });
  it('never changes the NIK nor leaves the desa (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant({ kind: 'MS' as const }),
          fc.record({
            kind: fc.constant('TMS' as const),
            code: fc.constantFrom(...TMS_CODES),
            newTpsId: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
          }),
          fc.record({
            kind: fc.constant('U' as const),
            changes: fc.record(
              { name: fc.string({ maxLength: 10 }), rt: fc.string({ maxLength: 4 }) },
              { requiredKeys: [] },
            ),
          }),
        ),
        (entry) => {
          const r = applyCoklit(FRESH, entry, CTX);
          if (!r.ok) return;
          expect(r.value.next.data.nik).toBe(DATA.nik);
          expect([11, 12]).toContain(r.value.next.tpsId);
        },
      ),
    );
  });
});

describe('applyCoklit: U of sex, birth date, marital status, KTP-el', () => {
  const young: VoterState = {
    ...FRESH,
    // Born 1 December 2008: 15 on voting day, eligible only because married.
    data: { ...DATA, nik: '3513014112080002', birthDate: '2008-12-01', marital: 'S' },
  };
  it('changes the marital status, and refuses "belum kawin" for someone under 17 with a TMS-3 hint', () => {
    const r = applyCoklit(FRESH, { kind: 'U', changes: { marital: 'p' } }, CTX);
    expect(r.ok && r.value.changes).toEqual([{ field: 'marital', old: 'S', new: 'P' }]);
    const under = applyCoklit(young, { kind: 'U', changes: { marital: 'B' } }, CTX);
    expect(under.ok ? null : [under.error.code, under.error.field]).toEqual([
      'coklit.inconsistent',
      'birthDate',
    ]);
    expect(under.ok ? '' : under.error.message).toContain('TMS kode 3');
  });
  it('changes the KTP-el status to one of its codes', () => {
    const r = applyCoklit(FRESH, { kind: 'U', changes: { ktpEl: 'B' } }, CTX);
    expect(r.ok && r.value.changes).toEqual([{ field: 'ktpEl', old: 'S', new: 'B' }]);
    expect(r.ok && r.value.next.data.ktpEl).toBe('B');
  });
  it("changes a birth date that keeps the NIK's digits (a wrong century) without a reason", () => {
    const old: VoterState = { ...FRESH, data: { ...DATA, birthDate: '1890-07-01' } };
    const r = applyCoklit(old, { kind: 'U', changes: { birthDate: '1990-07-01' } }, CTX);
    expect(r.ok && r.value.changes).toEqual([
      { field: 'birthDate', old: '1890-07-01', new: '1990-07-01' },
    ]);
  });
  it('changes a birth date or sex against the NIK only with the document named in the reason', () => {
    for (const changes of [
      { birthDate: '1990-07-02' },
      { sex: 'L' },
      { birthDate: '02-07-1990' },
    ]) {
      const refused = applyCoklit(FRESH, { kind: 'U', changes, reason: 'ktp' }, CTX);
      expect(refused.ok ? null : [refused.error.code, refused.error.field]).toEqual([
        'coklit.nik_mismatch_reason',
        'reason',
      ]);
      const r = applyCoklit(FRESH, { kind: 'U', changes, reason: 'Sesuai KTP-el' }, CTX);
      expect(r.ok && r.value.next.status).toBe('U');
      expect(r.ok && r.value.next.data.nik).toBe(DATA.nik);
    }
    const r = applyCoklit(
      FRESH,
      { kind: 'U', changes: { birthDate: '02-07-1990' }, reason: 'Sesuai KK' },
      CTX,
    );
    expect(r.ok && r.value.changes).toEqual([
      { field: 'birthDate', old: '1990-07-01', new: '1990-07-02' },
    ]);
  });
  it('judges a U on what it changes: a problem the stored data already had does not block it', () => {
    const oldNkk: VoterState = { ...FRESH, data: { ...DATA, nkk: '3513010000000001' } };
    const r = applyCoklit(oldNkk, { kind: 'U', changes: { address: 'Dusun Baru' } }, CTX);
    expect(r.ok && r.value.changes).toEqual([
      { field: 'address', old: 'Dusun Krajan', new: 'Dusun Baru' },
    ]);
    // Correcting the NKK to another malformed one is still refused.
    const bad = applyCoklit(FRESH, { kind: 'U', changes: { nkk: '3513010000000001' } }, CTX);
    expect(bad.ok ? null : [bad.error.code, bad.error.field]).toEqual([
      'coklit.inconsistent',
      'nkk',
    ]);
  });
  it('keeps the hard rules whatever the reason: no NKK of the wrong form, no birth after voting day', () => {
    for (const changes of [{ nkk: '1234567890123456' }, { birthDate: '2025-01-01' }]) {
      const r = applyCoklit(FRESH, { kind: 'U', changes, reason: 'Sesuai KTP-el' }, CTX);
      expect(r.ok ? null : r.error.code).toBe('coklit.inconsistent');
    }
  });
});

describe('entryOfDraft (the coklit form)', () => {
  const draft = (over: Partial<CoklitDraft>): CoklitDraft => ({ ...EMPTY_DRAFT, ...over });
  const failure = (d: CoklitDraft) => {
    const r = entryOfDraft(d, DATA);
    return r.ok ? null : [r.error.code, r.error.field];
  };
  it('chooses nothing by itself: no result, no TMS reason', () => {
    expect(EMPTY_DRAFT.kind).toBeNull();
    expect(EMPTY_DRAFT.tmsCode).toBeNull();
    expect(failure(EMPTY_DRAFT)).toEqual(['coklit.kind_required', 'kind']);
    expect(failure(draft({ kind: 'TMS' }))).toEqual(['coklit.tms_code_required', 'code']);
  });
  it.each(TMS_CODES.filter((c) => c !== 8))('TMS-%i chosen explicitly makes its record', (c) => {
    expect(entryOfDraft(draft({ kind: 'TMS', tmsCode: c }), DATA)).toEqual({
      ok: true,
      value: { kind: 'TMS', code: c, reason: undefined },
    });
  });
  it('TMS-8 needs the right TPS', () => {
    expect(failure(draft({ kind: 'TMS', tmsCode: 8 }))).toEqual([
      'coklit.tps_required',
      'newTpsId',
    ]);
    expect(entryOfDraft(draft({ kind: 'TMS', tmsCode: 8, newTpsId: 12 }), DATA)).toEqual({
      ok: true,
      value: { kind: 'TMS', code: 8, newTpsId: 12, reason: undefined },
    });
  });
  it('MS carries a trimmed reason, or none when blank', () => {
    expect(entryOfDraft(draft({ kind: 'MS', reason: '  ' }), DATA)).toEqual({
      ok: true,
      value: { kind: 'MS', reason: undefined },
    });
    expect(entryOfDraft(draft({ kind: 'MS', reason: ' Koreksi ' }), DATA)).toEqual({
      ok: true,
      value: { kind: 'MS', reason: 'Koreksi' },
    });
  });
  it('U sends only the boxes filled with a value that differs', () => {
    expect(
      failure(draft({ kind: 'U', changes: { name: ' ', birthDate: DATA.birthDate } })),
    ).toEqual(['coklit.no_change', 'changes']);
    expect(
      entryOfDraft(
        draft({
          kind: 'U',
          changes: { name: '', birthDate: '1990-07-02', sex: 'P', ktpEl: 'B' },
          reason: 'Sesuai KTP-el',
        }),
        DATA,
      ),
    ).toEqual({
      ok: true,
      value: {
        kind: 'U',
        changes: { birthDate: '1990-07-02', ktpEl: 'B' },
        reason: 'Sesuai KTP-el',
      },
    });
  });
  it('a TMS record always names the code chosen (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...TMS_CODES), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        (tmsCode, newTpsId) => {
          const r = entryOfDraft(draft({ kind: 'TMS', tmsCode, newTpsId }), DATA);
          if (tmsCode === null) expect(r.ok).toBe(false);
          else if (r.ok && r.value.kind === 'TMS') expect(r.value.code).toBe(tmsCode);
        },
      ),
    );
  });
});

describe('matchesVoterSearch', () => {
  const siti = { name: 'Siti Aminah', nik: '351301********0002' };
  it.each([
    ['', true],
    ['  ', true],
    ['siti', true],
    ['AMINAH siti', true],
    ['amin', true],
    ['budi', false],
    ['siti budi', false],
    ['0002', true],
    ['02', true],
    ['0003', false],
    ['3513', false],
  ])('"%s" → %s', (q, expected) => {
    expect(matchesVoterSearch(siti, q)).toBe(expected);
  });
  it('ignores accents and case', () => {
    expect(matchesVoterSearch({ name: 'Rénata Çahya', nik: '1' }, 'renata CAHYA')).toBe(true);
  });
});

describe('checkNewVoter', () => {
  const raw = Object.fromEntries(Object.entries(DATA).map(([k, v]) => [k, v ?? ''])) as Record<
    keyof VoterData,
    string
  >;
  it('accepts an eligible person and refuses one under 17 never married', () => {
    expect(checkNewVoter(raw, CTX).ok).toBe(true);
    const young = { ...raw, nik: '3513014112080002', birthDate: '2008-12-01', marital: 'B' };
    const r = checkNewVoter(young, CTX);
    expect(r.ok ? null : r.field).toBe('birthDate');
    expect(checkNewVoter({ ...raw, nik: '12' }, CTX).ok).toBe(false);
  });
});

describe('activity flags', () => {
  const at = (min: number) => new Date(Date.UTC(2024, 6, 1, 2, min)).toISOString();
  it('flags one officer recording 20 households within 10 minutes', () => {
    const burst = Array.from({ length: 20 }, (_, i) => ({
      officer: 'pantarlih.a',
      at: at(Math.floor(i / 3)),
      household: `kk${String(i)}`,
    }));
    expect(activityFlags(burst).map((f) => f.code)).toEqual(['coklit.burst']);
    const calm = burst.map((r, i) => ({ ...r, at: at(i * 5) }));
    expect(activityFlags(calm)).toEqual([]);
    // Many members of one household in a minute are one visit.
    const oneHouse = burst.map((r) => ({ ...r, household: 'kk' }));
    expect(activityFlags(oneHouse)).toEqual([]);
  });
  it('sums each officer’s records, households and busiest window', () => {
    const records = [
      { officer: 'pantarlih.b', at: at(0), household: 'kk1' },
      { officer: 'pantarlih.b', at: at(1), household: 'kk1' },
      { officer: 'pantarlih.b', at: at(2), household: 'kk2' },
      { officer: 'pantarlih.b', at: at(30), household: 'kk3' },
      { officer: 'pantarlih.a', at: at(5), household: 'kk9' },
    ];
    expect(officerActivity(records)).toEqual([
      {
        officer: 'pantarlih.a',
        records: 1,
        households: 1,
        firstAt: at(5),
        lastAt: at(5),
        busiest: 1,
      },
      {
        officer: 'pantarlih.b',
        records: 4,
        households: 3,
        firstAt: at(0),
        lastAt: at(30),
        busiest: 2,
      },
    ]);
    expect(officerActivity([])).toEqual([]);
  });
  it('counts the busiest window, not the first that reaches the limit', () => {
    const burst = Array.from({ length: 25 }, (_, i) => ({
      officer: 'pantarlih.c',
      at: at(i % 5 === 0 ? 0 : 1),
      household: `kk${String(i)}`,
    }));
    expect(activityFlags(burst)).toEqual([
      { code: 'coklit.burst', message: 'pantarlih.c mencatat 25 rumah tangga dalam 10 menit.' },
    ]);
    expect(activityFlags(burst, { burst: 26 })).toEqual([]);
  });
  it('flags a TPS list past the limit', () => {
    expect(tpsOverLimit(600, 600)).toBeNull();
    expect(tpsOverLimit(601, 600)?.code).toBe('coklit.tps_over_limit');
  });
});

describe('tally', () => {
  it('moves a voter between key sets and TPS', async () => {
    const { tallyKeys, tallyDelta } = await import('./tally.ts');
    const fresh = { source: 'dp4' as const, status: null, tmsCode: null, sex: 'P' as const };
    expect(tallyKeys(fresh)).toEqual(['dp4', 'listed', 'listed_P']);
    const dead = { ...fresh, status: 'TMS' as const, tmsCode: 1 };
    expect(tallyKeys(dead)).toEqual(['dp4', 'visited', 'tms1']);
    expect(tallyDelta({ tpsId: 1, subject: fresh }, { tpsId: 1, subject: dead })).toEqual([
      { tpsId: 1, key: 'listed', delta: -1 },
      { tpsId: 1, key: 'listed_P', delta: -1 },
      { tpsId: 1, key: 'visited', delta: 1 },
      { tpsId: 1, key: 'tms1', delta: 1 },
    ]);
    const moved = { ...fresh, status: 'TMS' as const, tmsCode: 8 };
    expect(tallyDelta({ tpsId: 1, subject: fresh }, { tpsId: 2, subject: moved })).toHaveLength(8);
    expect(tallyKeys({ ...fresh, source: 'baru' })).toEqual(['baru', 'listed', 'listed_P']);
  });
});
