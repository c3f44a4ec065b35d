import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_KORWIL, DEMO_STAGES, spreadDemoTps } from './demo-data.ts';
import { validateStageDates } from '../../domain/stages/stage.rules.ts';
import { checkNkk } from '../../domain/voters/nik.ts';
import { demoNkk } from './demo-activity.ts';

const desa = Array.from(
  { length: 330 },
  (_, i) => `35.13.${String(1 + (i % 24)).padStart(2, '0')}.${String(2001 + i)}`,
);

describe('spreadDemoTps', () => {
  const tps = spreadDemoTps(desa, { tpsTotal: 1749, votersTotal: 872_218, maxVoters: 600 });

  it('gives exactly 1,749 TPS and 872,218 voters, each TPS within 600', () => {
    expect(tps).toHaveLength(1749);
    expect(tps.reduce((a, t) => a + t.voters, 0)).toBe(872_218);
    expect(Math.max(...tps.map((t) => t.voters))).toBeLessThanOrEqual(600);
  });

  it('gives every desa at least one TPS, numbered 1..n without gaps', () => {
    const byDesa = new Map<string, number[]>();
    for (const t of tps) byDesa.set(t.desaCode, [...(byDesa.get(t.desaCode) ?? []), t.number]);
    expect(byDesa.size).toBe(330);
    for (const numbers of byDesa.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('is deterministic', () => {
    expect(spreadDemoTps(desa, { tpsTotal: 1749, votersTotal: 872_218, maxVoters: 600 })).toEqual(
      tps,
    );
  });

  it('hits any reachable total exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (nDesa, extraTps, f) => {
          const codes = desa.slice(0, nDesa);
          const tpsTotal = nDesa + extraTps;
          const min = Math.floor(600 * 0.55);
          const votersTotal = Math.round(tpsTotal * (min + f * (600 - min)));
          const out = spreadDemoTps(codes, { tpsTotal, votersTotal, maxVoters: 600 });
          expect(out).toHaveLength(tpsTotal);
          expect(out.reduce((a, t) => a + t.voters, 0)).toBe(votersTotal);
          expect(out.every((t) => t.voters >= min && t.voters <= 600)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses totals that cannot fit', () => {
    expect(() => spreadDemoTps(desa, { tpsTotal: 100, votersTotal: 1, maxVoters: 600 })).toThrow();
    expect(() =>
      spreadDemoTps(desa, { tpsTotal: 330, votersTotal: 330 * 601, maxVoters: 600 }),
    ).toThrow();
  });
});

describe('demo constants', () => {
  it('puts 24 distinct kecamatan in three Korwil of eight', () => {
    expect(DEMO_KORWIL.map((k) => k.kecamatan.length)).toEqual([8, 8, 8]);
    expect(new Set(DEMO_KORWIL.flatMap((k) => k.kecamatan)).size).toBe(24);
  });
  it('has a 2024 calendar whose every stage passes the date rules', () => {
    for (const s of DEMO_STAGES) expect(validateStageDates(s).ok).toBe(true);
  });
});

describe('demoNkk', () => {
  it('makes well-formed, distinct NKKs for every demo voter', () => {
    const known = new Set(['351301', '351302']);
    const all = Array.from({ length: 3000 }, (_, i) => demoNkk('351301', i + 1));
    expect(new Set(all).size).toBe(all.length);
    for (const nkk of all) expect(checkNkk(nkk, known, '2024-11-27').ok).toBe(true);
  });
});
