import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANOMALY_RULES,
  ANOMALY_THRESHOLDS,
  anomaliesOf,
  ballotsAboveAllocation,
  correctedAfterVerification,
  farFromDesa,
  invalidAbove10,
  median,
  oneSelection95,
  turnoutAbove95,
  turnoutOf,
} from './anomalies.ts';
import { PAIR_1, PAIR_LABELS, REALISTIC_FORM, setNumber, withNumbers } from './chasil.fixtures.ts';
import type { ChasilForm } from './chasil.ts';

const form = REALISTIC_FORM;

/** Only the totals the turnout reads: I.B total over I.A total. */
function turnout(voted: number, registered = 100): ChasilForm {
  return withNumbers(form, { 'registered.total.total': registered, 'voted.total.total': voted });
}

describe('ANOMALY_RULES and ANOMALY_THRESHOLDS', () => {
  it('lists each code once with an Indonesian description', () => {
    const codes = ANOMALY_RULES.map((r) => r.code);
    expect(codes).toEqual([
      'anomaly.turnout_above_95',
      'anomaly.one_selection_95',
      'anomaly.invalid_above_10',
      'anomaly.far_from_desa',
      'anomaly.corrected_after_verification',
      'anomaly.ballots_above_allocation',
    ]);
    for (const r of ANOMALY_RULES) expect(r.description).toMatch(/^[A-Z].{10,}\.$/);
  });

  it('keeps the thresholds in one place', () => {
    expect(ANOMALY_THRESHOLDS).toEqual({
      turnoutAbove: 0.95,
      oneSelectionAtLeast: 0.95,
      invalidAbove: 0.1,
      desaMinOthers: 3,
      desaSample: 60,
      desaRobustSigmas: 3,
      madToSigma: 1.4826,
      desaSigmaFloor: 0.05,
    });
  });
});

describe('anomaly.turnout_above_95', () => {
  it('flags a turnout above 95 %, naming the numbers', () => {
    expect(turnoutAbove95(turnout(476, 500))).toEqual([
      {
        code: 'anomaly.turnout_above_95',
        message: 'Partisipasi 95,2% (476 dari 500 pemilih terdaftar), di atas 95%.',
      },
    ]);
  });
  it('does not flag exactly 95 % or less', () => {
    expect(turnoutAbove95(turnout(475, 500))).toEqual([]);
    expect(turnoutAbove95(form)).toEqual([]);
  });
  it('skips a TPS with no registered voters', () => {
    expect(turnoutOf(turnout(0, 0))).toBeNull();
    expect(turnoutAbove95(turnout(0, 0))).toEqual([]);
  });
});

describe('anomaly.one_selection_95', () => {
  const lopsided = (first: number, second: number) =>
    withNumbers(form, { 'votes.11': first, 'votes.12': second, valid: first + second });

  it('flags a selection with 95 % of the valid votes or more', () => {
    expect(oneSelection95(lopsided(380, 20), { selectionLabels: PAIR_LABELS })).toEqual([
      {
        code: 'anomaly.one_selection_95',
        message: 'Paslon 01 mendapat 95% suara sah (380 dari 400), 95% atau lebih.',
      },
    ]);
    expect(oneSelection95(lopsided(0, 401))[0]?.message).toBe(
      'Pilihan tak dikenal (kode 12) mendapat 100% suara sah (401 dari 401), 95% atau lebih.',
    );
  });
  it('does not flag below 95 %', () => {
    expect(oneSelection95(lopsided(379, 21))).toEqual([]);
    expect(oneSelection95(form)).toEqual([]);
  });
  it('skips a TPS with no valid votes', () => {
    expect(oneSelection95(lopsided(0, 0))).toEqual([]);
  });
});

describe('anomaly.invalid_above_10', () => {
  it('flags invalid votes above 10 % of the ballots used', () => {
    expect(invalidAbove10(withNumbers(form, { invalid: 42 }))).toEqual([
      {
        code: 'anomaly.invalid_above_10',
        message: 'Suara tidak sah 10,2% (42 dari 412 surat suara terpakai), di atas 10%.',
      },
    ]);
  });
  it('does not flag exactly 10 %, or a TPS with no ballots used', () => {
    expect(invalidAbove10(withNumbers(form, { 'ballots.used': 410, invalid: 41 }))).toEqual([]);
    expect(invalidAbove10(withNumbers(form, { 'ballots.used': 0, invalid: 0 }))).toEqual([]);
  });
});

describe('anomaly.far_from_desa', () => {
  it('flags a TPS far from its desa, with the floor of 5 points when the desa is uniform', () => {
    expect(farFromDesa(turnout(90), { desaTurnouts: [0.7, 0.72, 0.68, 0.71] })).toEqual([
      {
        code: 'anomaly.far_from_desa',
        message:
          'Partisipasi 90% jauh dari 4 TPS lain di desa ini (median 70,5%): selisih 19,5 poin, batas 15 poin.',
      },
    ]);
  });

  it('uses 3 × 5 points when the other TPS are identical (MAD 0)', () => {
    const desa = { desaTurnouts: [0.7, 0.7, 0.7] };
    expect(farFromDesa(turnout(84), desa)).toEqual([]);
    expect(farFromDesa(turnout(56), desa)).toEqual([]);
    expect(farFromDesa(turnout(86), desa)).toHaveLength(1);
    expect(farFromDesa(turnout(54), desa)).toHaveLength(1);
  });

  it('scales MAD by 1.4826 when the desa is spread out', () => {
    // median 70 %, MAD 10 points → σ 14.8 points → limit 44.5 points
    const desa = { desaTurnouts: [0.9, 0.5, 0.6, 0.7, 0.8] };
    expect(farFromDesa(turnout(99), desa)).toEqual([]);
    expect(farFromDesa(turnout(20), desa)).toEqual([
      {
        code: 'anomaly.far_from_desa',
        message:
          'Partisipasi 20% jauh dari 5 TPS lain di desa ini (median 70%): selisih 50 poin, batas 44,5 poin.',
      },
    ]);
  });

  it('needs at least 3 other TPS with a turnout', () => {
    expect(farFromDesa(turnout(100), { desaTurnouts: [0.5, 0.5] })).toEqual([]);
    expect(farFromDesa(turnout(100), { desaTurnouts: [0.5, 0.5, Number.NaN] })).toEqual([]);
    expect(farFromDesa(turnout(100), { desaTurnouts: [0.5, 0.5, 0.5] })).toHaveLength(1);
    expect(farFromDesa(turnout(100))).toEqual([]);
    expect(farFromDesa(turnout(0, 0), { desaTurnouts: [0.5, 0.5, 0.5] })).toEqual([]);
  });
});

describe('anomaly.corrected_after_verification', () => {
  it('flags a correction of a verified result', () => {
    expect(correctedAfterVerification(form, { correctedAfterVerification: true })).toEqual([
      {
        code: 'anomaly.corrected_after_verification',
        message: 'Hasil TPS ini dikoreksi setelah diverifikasi.',
      },
    ]);
    expect(correctedAfterVerification(form, { correctedAfterVerification: false })).toEqual([]);
    expect(correctedAfterVerification(form)).toEqual([]);
  });
});

describe('anomaly.ballots_above_allocation', () => {
  it('flags more ballots than DPT + 2.5 % reserve + DPTb + DPK', () => {
    expect(ballotsAboveAllocation(setNumber(form, 'ballots.received', 524))).toEqual([
      {
        code: 'anomaly.ballots_above_allocation',
        message:
          'Surat suara diterima (524) melebihi alokasi DPT + cadangan 2,5% + DPTb + DPK (500 + 13 + 6 + 4 = 523).',
      },
    ]);
  });
  it('accepts up to the allocation', () => {
    expect(ballotsAboveAllocation(setNumber(form, 'ballots.received', 523))).toEqual([]);
    expect(ballotsAboveAllocation(form)).toEqual([]);
  });
});

describe('anomaliesOf', () => {
  it('lists every flag, in table order', () => {
    const f = withNumbers(form, {
      'registered.total.total': 412,
      'votes.11': 0,
      'votes.12': 360,
      valid: 360,
      invalid: 52,
      'ballots.received': 600,
    });
    const flags = anomaliesOf(f, {
      desaTurnouts: [0.6, 0.62, 0.64],
      correctedAfterVerification: true,
      selectionLabels: PAIR_LABELS,
    });
    expect(flags.map((x) => x.code)).toEqual([
      'anomaly.turnout_above_95',
      'anomaly.one_selection_95',
      'anomaly.invalid_above_10',
      'anomaly.far_from_desa',
      'anomaly.corrected_after_verification',
      'anomaly.ballots_above_allocation',
    ]);
    expect(flags[1]?.message).toBe(
      'Paslon 02 mendapat 100% suara sah (360 dari 360), 95% atau lebih.',
    );
  });

  it('raises nothing on the realistic form, with or without a desa', () => {
    expect(anomaliesOf(form)).toEqual([]);
    expect(anomaliesOf(form, { desaTurnouts: [0.78, 0.82, 0.85, 0.75] })).toEqual([]);
  });

  it('never throws, and skips flags whose numbers are not counts', () => {
    const anyNumber = fc.oneof(
      fc.integer({ min: -10, max: 1000 }),
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0.5),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'registered.total.total',
            'voted.total.total',
            'registered.dpt.total',
            'ballots.received',
            'ballots.used',
            'valid',
            'invalid',
            `votes.${String(PAIR_1)}`,
          ),
          anyNumber,
        ),
        fc.array(anyNumber, { maxLength: 6 }),
        (changes, desaTurnouts) => {
          const flags = anomaliesOf(withNumbers(form, changes), { desaTurnouts });
          for (const f of flags) {
            expect(f.message).not.toMatch(/NaN|undefined|Infinity/);
          }
        },
      ),
    );
  });
});

describe('median', () => {
  it.each([
    [[], Number.NaN],
    [[3], 3],
    [[3, 1], 2],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
