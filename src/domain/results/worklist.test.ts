import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupOf, nextWaiting, WORK_GROUPS, worklist, type WorkTps } from './worklist.ts';

let seq = 0;
function tps(over: Partial<WorkTps> = {}): WorkTps {
  seq += 1;
  return {
    tpsId: seq,
    number: 1,
    desaCode: '35.13.01.2001',
    desaName: 'Ngadisari',
    status: null,
    version: null,
    submittedAt: null,
    statusAt: null,
    ...over,
  };
}

const sent = (at: string, over: Partial<WorkTps> = {}) =>
  tps({ status: 'submitted', version: 1, submittedAt: at, ...over });

describe('groupOf', () => {
  it('puts each status in its group', () => {
    expect(groupOf(tps())).toBe('missing');
    expect(groupOf(sent('2024-11-27T07:00:00Z'))).toBe('waiting');
    expect(groupOf(tps({ status: 'returned', version: 1 }))).toBe('returned');
    expect(groupOf(tps({ status: 'verified', version: 2 }))).toBe('verified');
  });
});

describe('worklist', () => {
  it('is empty with zero counts for no TPS', () => {
    const w = worklist([]);
    expect(w.counts).toEqual({ waiting: 0, returned: 0, verified: 0, missing: 0, total: 0 });
    for (const g of WORK_GROUPS) expect(w[g]).toEqual([]);
  });

  it('lists the waiting oldest sent first, whatever the registry order', () => {
    const late = sent('2024-11-27T09:30:00Z', { desaCode: '35.13.01.2001', number: 1 });
    const early = sent('2024-11-27T07:05:00Z', { desaCode: '35.13.01.2009', number: 4 });
    const middle = sent('2024-11-27T08:00:00+07:00', { desaCode: '35.13.01.2003', number: 2 });
    const w = worklist([late, early, middle]);
    // 08.00 WIB is 01.00 UTC: the oldest of the three.
    expect(w.waiting.map((t) => t.tpsId)).toEqual([middle.tpsId, early.tpsId, late.tpsId]);
    expect(w.counts.waiting).toBe(3);
  });

  it('breaks a tie in time by desa, then TPS number', () => {
    const at = '2024-11-27T07:00:00Z';
    const b2 = sent(at, { desaCode: '35.13.01.2002', number: 2 });
    const a3 = sent(at, { desaCode: '35.13.01.2001', number: 3 });
    const b1 = sent(at, { desaCode: '35.13.01.2002', number: 1 });
    expect(worklist([b2, a3, b1]).waiting).toEqual([a3, b1, b2]);
  });

  it('lists the returned oldest returned first, the verified and missing by place', () => {
    const r1 = tps({ status: 'returned', version: 1, statusAt: '2024-11-27T10:00:00Z' });
    const r2 = tps({ status: 'returned', version: 2, statusAt: '2024-11-27T09:00:00Z' });
    const v1 = tps({ status: 'verified', version: 1, desaCode: '35.13.01.2005', number: 1 });
    const v2 = tps({ status: 'verified', version: 1, desaCode: '35.13.01.2001', number: 9 });
    const m1 = tps({ desaCode: '35.13.01.2002', number: 3 });
    const m2 = tps({ desaCode: '35.13.01.2002', number: 1 });
    const w = worklist([r1, v1, m1, r2, v2, m2]);
    expect(w.returned).toEqual([r2, r1]);
    expect(w.verified).toEqual([v2, v1]);
    expect(w.missing).toEqual([m2, m1]);
    expect(w.counts).toEqual({ waiting: 0, returned: 2, verified: 2, missing: 2, total: 6 });
  });

  it('puts a waiting TPS without a time (or an unreadable one) after the dated ones', () => {
    const dated = sent('2024-11-27T12:00:00Z');
    const undated = tps({ status: 'submitted', version: 1, submittedAt: null });
    const garbled = sent('not a date');
    const w = worklist([undated, garbled, dated]);
    expect(w.waiting).toEqual([dated, undated, garbled]);
    expect(worklist([garbled, dated, undated]).waiting).toEqual([dated, undated, garbled]);
  });

  it('keeps every TPS exactly once, in its group, with counts that add up (property)', () => {
    const row = fc.record({
      number: fc.integer({ min: 1, max: 40 }),
      desa: fc.integer({ min: 2001, max: 2012 }),
      status: fc.constantFrom('submitted', 'verified', 'returned', null),
      minute: fc.integer({ min: 0, max: 600 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (specs) => {
        const rows = specs.map((s, i) =>
          tps({
            tpsId: i + 1,
            number: s.number,
            desaCode: `35.13.01.${String(s.desa)}`,
            status: s.status,
            version: s.status === null ? null : 1,
            submittedAt:
              s.status === null
                ? null
                : new Date(Date.UTC(2024, 10, 27, 7, s.minute)).toISOString(),
            statusAt:
              s.status === 'returned' || s.status === 'verified' ? '2024-11-27T15:00:00Z' : null,
          }),
        );
        const w = worklist(rows);
        const all = WORK_GROUPS.flatMap((g) => w[g].map((t) => t.tpsId)).sort((a, b) => a - b);
        expect(all).toEqual(rows.map((r) => r.tpsId));
        for (const g of WORK_GROUPS) {
          expect(w.counts[g]).toBe(w[g].length);
          for (const t of w[g]) expect(groupOf(t)).toBe(g);
        }
        expect(w.counts.total).toBe(rows.length);
        for (let i = 1; i < w.waiting.length; i++) {
          const a = w.waiting[i - 1];
          const b = w.waiting[i];
          if (a === undefined || b === undefined) continue;
          expect(Date.parse(a.submittedAt ?? '')).toBeLessThanOrEqual(
            Date.parse(b.submittedAt ?? ''),
          );
        }
      }),
    );
  });
});

describe('nextWaiting', () => {
  it('is the oldest waiting TPS other than the one just handled', () => {
    const a = sent('2024-11-27T07:00:00Z');
    const b = sent('2024-11-27T08:00:00Z');
    const w = worklist([b, a]);
    expect(nextWaiting(w, a.tpsId)).toBe(b);
    expect(nextWaiting(w, b.tpsId)).toBe(a);
    expect(nextWaiting(w, 999_999)).toBe(a);
  });

  it('is null when nothing else is waiting', () => {
    const a = sent('2024-11-27T07:00:00Z');
    expect(nextWaiting(worklist([a]), a.tpsId)).toBeNull();
    expect(nextWaiting(worklist([]), 1)).toBeNull();
    expect(nextWaiting(worklist([tps({ status: 'verified', version: 1 })]), 1)).toBeNull();
  });
});
