import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUnitRoom, completeness, DEFAULT_SEATS, seatsFor } from './seats.ts';

describe('seats', () => {
  it('PPK 5, PPS 3, KPPS 7', () => {
    expect(seatsFor('ppk')).toBe(5);
    expect(seatsFor('pps')).toBe(3);
    expect(seatsFor('kpps')).toBe(7);
  });
  it('Pantarlih: 1 per TPS, 2 above 400 voters', () => {
    expect(seatsFor('pantarlih', DEFAULT_SEATS, 400)).toBe(1);
    expect(seatsFor('pantarlih', DEFAULT_SEATS, 401)).toBe(2);
  });
  it('is configurable', () => {
    const rules = { ...DEFAULT_SEATS, pps: 5, pantarlihLargeTpsVoters: 300, pantarlihLarge: 3 };
    expect(seatsFor('pps', rules)).toBe(5);
    expect(seatsFor('pantarlih', rules, 301)).toBe(3);
  });
});

describe('room in a unit', () => {
  it('refuses a 6th PPK member', () => {
    const r = checkUnitRoom(
      'ppk',
      'Sukapura',
      5,
      { members: 5, ketua: 1 },
      { members: 1, ketua: 0 },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'seats_full' } });
  });
  it('refuses a second ketua', () => {
    const r = checkUnitRoom(
      'pps',
      'Ngadisari',
      3,
      { members: 1, ketua: 1 },
      { members: 1, ketua: 1 },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'second_ketua' } });
  });
  it('refuses a ketua of Pantarlih', () => {
    const r = checkUnitRoom(
      'pantarlih',
      'TPS 001',
      2,
      { members: 0, ketua: 0 },
      { members: 1, ketua: 1 },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'no_ketua_for_body' } });
  });
  it('accepts up to the seats with one ketua', () => {
    expect(
      checkUnitRoom('kpps', 'TPS 001', 7, { members: 0, ketua: 0 }, { members: 7, ketua: 1 }).ok,
    ).toBe(true);
  });
  it('never lets a unit exceed its seats or hold two ketua', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.nat(9),
        fc.nat(2),
        fc.nat(9),
        fc.nat(2),
        (seats, held, heldK, add, addK) => {
          const r = checkUnitRoom(
            'kpps',
            'x',
            seats,
            { members: held, ketua: heldK },
            { members: add, ketua: addK },
          );
          if (r.ok) {
            expect(held + add).toBeLessThanOrEqual(seats);
            expect(heldK + addK).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});

describe('completeness', () => {
  it('counts filled seats, complete units and units without a ketua (PPS 987/990)', () => {
    const units = Array.from({ length: 330 }, (_, i) => ({
      seats: 3,
      members: i < 3 ? 2 : 3,
      ketua: i === 5 ? 0 : 1,
    }));
    expect(completeness('pps', units)).toEqual({
      filled: 987,
      seats: 990,
      units: 330,
      unitsComplete: 327,
      unitsWithoutKetua: 1,
    });
  });
  it('does not count beyond a unit’s seats', () => {
    expect(completeness('ppk', [{ seats: 5, members: 6, ketua: 1 }]).filled).toBe(5);
  });
  it('Pantarlih has no ketua to miss', () => {
    expect(completeness('pantarlih', [{ seats: 1, members: 1, ketua: 0 }]).unitsWithoutKetua).toBe(
      0,
    );
  });
});
