import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkNik, checkNip, maskNik } from './identity.ts';

describe('NIK', () => {
  it('accepts a man and a woman (day + 40), with spaces or dots typed in', () => {
    expect(checkNik('3513011205880001')).toEqual({ ok: true, value: '3513011205880001' });
    expect(checkNik('3513 0152 0588 0002')).toEqual({ ok: true, value: '3513015205880002' });
  });
  it.each([
    ['', 'nik_missing'],
    ['351301120588001', 'nik_format'],
    ['35130112058800011', 'nik_format'],
    ['35130A1205880001', 'nik_format'],
    ['0013011205880001', 'nik_region'],
    ['3500011205880001', 'nik_region'],
    ['3513001205880001', 'nik_region'],
    ['3513013205880001', 'nik_birth_date'],
    ['3513017205880001', 'nik_birth_date'],
    ['3513011213880001', 'nik_birth_date'],
    ['3513013102880001', 'nik_birth_date'],
    ['3513011205880000', 'nik_serial'],
  ])('refuses %s (%s)', (text, code) => {
    const r = checkNik(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
  it('accepts 29 February whatever the century', () => {
    expect(checkNik('3513012902000001').ok).toBe(true);
    expect(checkNik('3513016902000001').ok).toBe(true);
  });
  it('never accepts anything but 16 digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = checkNik(s);
        if (r.ok) expect(r.value).toMatch(/^\d{16}$/);
      }),
    );
  });
  it('masks the birth date', () => {
    expect(maskNik('3513011205880001')).toBe('351301******0001');
  });
});

describe('NIP', () => {
  it('accepts 18 digits: birth date, appointment month, gender, serial', () => {
    expect(checkNip('19700512 199503 1 004')).toEqual({ ok: true, value: '197005121995031004' });
  });
  it.each([
    ['', 'nip_missing'],
    ['19700512199503100', 'nip_format'],
    ['19701312199503 1004', 'nip_birth_date'],
    ['193005121995031004', 'nip_birth_date'],
    ['197005121995131004', 'nip_appointment'],
    ['197005121980031004', 'nip_appointment'],
    ['197005121995033004', 'nip_gender'],
    ['197005121995031000', 'nip_serial'],
  ])('refuses %s (%s)', (text, code) => {
    const r = checkNip(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});
