import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkNkk, composeNik, guessCentury, maskNik, parseNik } from './nik.ts';
import { ageOn, eligibilityOn } from './eligibility.ts';

const KNOWN = new Set(['351301', '351302', '357901']);
const DAY = '2024-11-27';

describe('parseNik', () => {
  it('reads a man and a woman (+40 on the day)', () => {
    const man = parseNik('3513010107900001', KNOWN, DAY);
    expect(man.ok && man.value).toMatchObject({
      birthDate: '1990-07-01',
      sex: 'L',
      serial: 1,
      kecamatanCode: '35.13.01',
    });
    const woman = parseNik('3513014107900002', KNOWN, DAY);
    expect(woman.ok && woman.value).toMatchObject({ birthDate: '1990-07-01', sex: 'P' });
  });
  it.each([
    ['351301010790001', 'nik.format'],
    ['35130101079000012', 'nik.format'],
    ['351301010790000a', 'nik.format'],
    ['3599010107900001', 'nik.region'],
    ['3513010013900001', 'nik.date'],
    ['3513013202900001', 'nik.date'],
    ['3513010002900001', 'nik.date'],
    ['3513014002900001', 'nik.date'],
    ['3513017202900001', 'nik.date'],
    ['3513013507900001', 'nik.date'],
    ['3513013002230001', 'nik.date'],
    ['3513012902230001', 'nik.date'],
    ['3513010107900000', 'nik.serial'],
  ])('refuses %s (%s)', (nik, code) => {
    const r = parseNik(nik, KNOWN, DAY);
    expect(r.ok ? null : r.error.code).toBe(code);
    expect(r.ok ? null : r.error.field).toBe('nik');
  });
  it('accepts 29 February of a leap year, for a woman too', () => {
    expect(parseNik('3513012902000001', KNOWN, DAY).ok).toBe(true);
    expect(parseNik('3513016902000001', KNOWN, DAY).ok).toBe(true);
  });
  it('guesses the century so that the birth precedes the election', () => {
    expect(guessCentury(1, 1, 7, DAY)).toBe('2007-01-01');
    expect(guessCentury(28, 11, 24, DAY)).toBe('1924-11-28');
    expect(guessCentury(27, 11, 24, DAY)).toBe('2024-11-27');
    expect(guessCentury(1, 1, 30, DAY)).toBe('1930-01-01');
  });
  it('round-trips every composed NIK (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1925-01-01'), max: new Date('2024-11-27'), noInvalidDate: true }),
        fc.constantFrom<'L' | 'P'>('L', 'P'),
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom(...KNOWN),
        (d, sex, serial, prefix) => {
          const birth = d.toISOString().slice(0, 10);
          const r = parseNik(composeNik(prefix, birth, sex, serial), KNOWN, DAY);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.sex).toBe(sex);
          expect(r.value.serial).toBe(serial);
          expect(r.value.birthDate.slice(2)).toBe(birth.slice(2));
          expect(r.value.birthDate <= DAY).toBe(true);
        },
      ),
    );
  });
  it('never throws and always answers a 16-digit check (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = parseNik(s, KNOWN, DAY);
        if (r.ok) expect(s).toMatch(/^\d{16}$/);
      }),
    );
  });
});

describe('checkNkk', () => {
  it('accepts a well-formed NKK and refuses the rest', () => {
    expect(checkNkk('3513011203150004', KNOWN, DAY).ok).toBe(true);
    const codes = [
      '351301120315000',
      '3599011203150004',
      '3513014203150004',
      '3513011203150000',
    ].map((n) => {
      const r = checkNkk(n, KNOWN, DAY);
      return r.ok ? null : r.error.code;
    });
    expect(codes).toEqual(['nkk.format', 'nkk.region', 'nkk.date', 'nkk.serial']);
  });
});

describe('maskNik', () => {
  it('keeps the region and the serial only', () => {
    expect(maskNik('3513014107900001')).toBe('351301********0001');
    expect(maskNik('123')).toBe('***');
  });
  it('never reveals the birth digits (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), (nik) => {
        const m = maskNik(nik);
        expect(m).toHaveLength(18);
        expect(m.slice(6, 14)).toBe('********');
        expect(m.slice(0, 6) + m.slice(14)).toBe(nik.slice(0, 6) + nik.slice(12));
      }),
    );
  });
});

describe('eligibility on voting day', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2007-11-27', DAY)).toBe(17);
    expect(ageOn('2007-11-28', DAY)).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });
  it('17 or older, or married / previously married', () => {
    expect(eligibilityOn('2007-11-27', 'B', DAY)).toEqual({ eligible: true, by: 'age' });
    expect(eligibilityOn('2007-11-28', 'B', DAY)).toEqual({ eligible: false, age: 16 });
    expect(eligibilityOn('2009-01-01', 'S', DAY)).toEqual({ eligible: true, by: 'marriage' });
    expect(eligibilityOn('2009-01-01', 'P', DAY)).toEqual({ eligible: true, by: 'marriage' });
  });
  it('age grows by one each year (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
        (d) => {
          const b = d.toISOString().slice(0, 10);
          expect(ageOn(b, '2024-11-27') + 1).toBe(ageOn(b, '2025-11-27'));
          expect(ageOn(b, b)).toBe(0);
        },
      ),
    );
  });
});
