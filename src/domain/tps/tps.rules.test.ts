import { describe, expect, it } from 'vitest';
import { nextTpsNumber, validateTps } from './tps.rules.ts';

describe('validateTps', () => {
  it('accepts up to the limit, 600 by default', () => {
    expect(validateTps({ number: 1, voters: 600 }).ok).toBe(true);
    expect(validateTps({ number: 1, voters: 0 }).ok).toBe(true);
  });
  it('refuses more voters than the limit, in Indonesian, on the voters field', () => {
    const r = validateTps({ number: 3, voters: 601 });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'tps.voters_above_max',
        field: 'voters',
        message: 'Jumlah pemilih 601 melebihi batas 600 pemilih per TPS.',
      },
    });
  });
  it('uses a configured limit', () => {
    expect(validateTps({ number: 1, voters: 550 }, 500)).toMatchObject({
      ok: false,
      error: { code: 'tps.voters_above_max' },
    });
    expect(validateTps({ number: 1, voters: 800 }, 800).ok).toBe(true);
  });
  it.each([0, -1, 1000, 1.5, Number.NaN])('refuses TPS number %s', (number) => {
    expect(validateTps({ number, voters: 10 })).toMatchObject({
      ok: false,
      error: { code: 'tps.invalid_number', field: 'number' },
    });
  });
  it.each([-1, 2.5])('refuses voter count %s', (voters) => {
    expect(validateTps({ number: 1, voters })).toMatchObject({
      ok: false,
      error: { code: 'tps.invalid_voters', field: 'voters' },
    });
  });
});

describe('nextTpsNumber', () => {
  it('takes the lowest free number', () => {
    expect(nextTpsNumber([])).toBe(1);
    expect(nextTpsNumber([1, 2, 3])).toBe(4);
    expect(nextTpsNumber([1, 3])).toBe(2);
    expect(nextTpsNumber([2, 3])).toBe(1);
  });
});
