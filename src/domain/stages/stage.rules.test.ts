import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithinWindow, stagePhase, validateStageDates } from './stage.rules.ts';

describe('validateStageDates', () => {
  it('refuses seed 004 coklit "24 Juli hingga 24 Juni 2024" naming the end field', () => {
    const r = validateStageDates({ startsOn: '2024-07-24', endsOn: '2024-06-24' });
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'invalid',
        code: 'stage.end_before_start',
        field: 'endsOn',
        message: 'Tanggal selesai (24 Juni 2024) tidak boleh sebelum tanggal mulai (24 Juli 2024).',
      },
    });
  });

  it('accepts a one-day stage (voting day) and the real coklit window', () => {
    expect(validateStageDates({ startsOn: '2024-11-27', endsOn: '2024-11-27' }).ok).toBe(true);
    expect(validateStageDates({ startsOn: '2024-06-24', endsOn: '2024-07-24' }).ok).toBe(true);
  });

  it.each([
    ['2024-02-30', '2024-03-01', 'startsOn'],
    ['2024-13-01', '2024-12-01', 'startsOn'],
    ['2024-06-24', '2024-06-31', 'endsOn'],
    ['24-06-2024', '2024-07-24', 'startsOn'],
    ['2024-06-24', '', 'endsOn'],
  ])('refuses an impossible date %s – %s on %s', (startsOn, endsOn, field) => {
    const r = validateStageDates({ startsOn, endsOn });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('stage.invalid_date');
      expect(r.error.field).toBe(field);
    }
  });

  it('accepts exactly the pairs whose end is not before the start (property)', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const r = validateStageDates({ startsOn: a, endsOn: b });
        expect(r.ok).toBe(b >= a);
        if (!r.ok) expect(r.error.code).toBe('stage.end_before_start');
      }),
    );
  });
});

describe('stagePhase', () => {
  const coklit = { startsOn: '2024-06-24', endsOn: '2024-07-24' };
  it.each([
    ['2024-06-23', 'akan_datang'],
    ['2024-06-24', 'berlangsung'],
    ['2024-07-01', 'berlangsung'],
    ['2024-07-24', 'berlangsung'],
    ['2024-07-25', 'selesai'],
  ] as const)('on %s the coklit stage is %s', (today, phase) => {
    expect(stagePhase(coklit, today)).toBe(phase);
    expect(isWithinWindow(coklit, today)).toBe(phase === 'berlangsung');
  });
});
