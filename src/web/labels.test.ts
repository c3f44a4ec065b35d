import { describe, expect, it } from 'vitest';
import { ACTION_LABEL, placeName } from './labels.ts';

describe('placeName', () => {
  it('says the level once, in Indonesian', () => {
    expect(placeName('regency', 'Kabupaten Probolinggo')).toBe('Kabupaten Probolinggo');
    expect(placeName('regency', 'Kota Probolinggo')).toBe('Kota Probolinggo');
    expect(placeName('korwil', 'Korwil I')).toBe('Korwil I');
    expect(placeName('kecamatan', 'Sukapura')).toBe('Kecamatan Sukapura');
    expect(placeName('desa', 'Ngadisari')).toBe('Desa/Kelurahan Ngadisari');
    expect(placeName('tidak_dikenal', 'Sukapura')).toBe('Sukapura');
  });
});

describe('ACTION_LABEL', () => {
  it('keeps "Masuk" for signing in only', () => {
    expect(ACTION_LABEL['auth.sign_in']).toBe('Masuk');
    const others = Object.entries(ACTION_LABEL).filter(([code]) => code !== 'auth.sign_in');
    expect(others.filter(([, label]) => /^Masuk\b/.test(label))).toEqual([]);
  });
});
