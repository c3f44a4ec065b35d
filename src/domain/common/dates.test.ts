import { describe, expect, it } from 'vitest';
import { daysBetween, isIsoDate, todayWib } from './dates.ts';

describe('todayWib', () => {
  it('is the date in Jakarta whatever the machine zone (tests run with TZ=Asia/Jayapura)', () => {
    // 17:30 UTC on 26 Nov = 00:30 WIB on 27 Nov (voting day) = 02:30 WIT.
    expect(todayWib(new Date('2024-11-26T17:30:00Z'))).toBe('2024-11-27');
    // 16:59 UTC = 23:59 WIB, still 26 Nov in WIB though already 27 Nov in Jayapura.
    expect(todayWib(new Date('2024-11-26T16:59:00Z'))).toBe('2024-11-26');
  });
});

describe('isIsoDate', () => {
  it.each(['2024-11-27', '2024-02-29', '2000-02-29'])('accepts %s', (d) =>
    expect(isIsoDate(d)).toBe(true),
  );
  it.each(['2023-02-29', '1900-02-29', '2024-00-10', '2024-04-31', '2024-1-1', 'kemarin', ''])(
    'refuses %s',
    (d) => expect(isIsoDate(d)).toBe(false),
  );
});

describe('daysBetween', () => {
  it('counts calendar days across month and leap-year ends', () => {
    expect(daysBetween('2024-06-24', '2024-07-24')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-07-24', '2024-06-24')).toBe(-30);
  });
});
