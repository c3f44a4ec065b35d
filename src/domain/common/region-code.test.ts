import { describe, expect, it } from 'vitest';
import { isWithin, parentCode, regionLevel } from './region-code.ts';

describe('region codes', () => {
  it.each([
    ['35', 'province'],
    ['35.13', 'regency'],
    ['35.13.01', 'kecamatan'],
    ['35.13.01.2001', 'desa'],
    ['3513', null],
    ['35.1', null],
    ['35.13.1', null],
    ['35.13.01.201', null],
    ['35.13.01.2001.1', null],
    ['', null],
    ['ab.cd', null],
  ] as const)('%s is %s', (code, level) => expect(regionLevel(code)).toBe(level));

  it('finds parents and containment', () => {
    expect(parentCode('35.13.01.2001')).toBe('35.13.01');
    expect(parentCode('35.13')).toBe('35');
    expect(parentCode('35')).toBeNull();
    expect(isWithin('35.13.01.2001', '35.13')).toBe(true);
    expect(isWithin('35.13', '35.13')).toBe(true);
    expect(isWithin('35.130', '35.13')).toBe(false);
    expect(isWithin('35.14.01', '35.13')).toBe(false);
  });
});
