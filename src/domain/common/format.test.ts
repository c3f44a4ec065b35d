import { describe, expect, it } from 'vitest';
import { formatAngka, formatTanggal, formatTps, romawi } from './format.ts';

describe('Indonesian formatting', () => {
  it('writes dates as "27 November 2024"', () => {
    expect(formatTanggal('2024-11-27')).toBe('27 November 2024');
    expect(formatTanggal('2024-06-04')).toBe('4 Juni 2024');
    expect(formatTanggal('2024-01-01')).toBe('1 Januari 2024');
  });
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatAngka(857511)).toBe('857.511');
    expect(formatAngka(872218)).toBe('872.218');
    expect(formatAngka(600)).toBe('600');
    expect(formatAngka(1000000)).toBe('1.000.000');
    expect(formatAngka(-1749)).toBe('-1.749');
    expect(formatAngka(2.5)).toBe('2,5');
  });
  it('pads TPS numbers to three digits', () => {
    expect(formatTps(1)).toBe('TPS 001');
    expect(formatTps(12)).toBe('TPS 012');
    expect(formatTps(123)).toBe('TPS 123');
  });
  it('writes Korwil ordinals in Roman numerals', () => {
    expect([1, 2, 3, 4, 9, 14].map(romawi)).toEqual(['I', 'II', 'III', 'IV', 'IX', 'XIV']);
  });
});
