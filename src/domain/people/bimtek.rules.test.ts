import { describe, expect, it } from 'vitest';
import {
  checkAttendance,
  checkWaveDates,
  daysOf,
  parseParticipantCode,
  participantCode,
  recapOf,
  trainingStatus,
} from './bimtek.rules.ts';

const event = { startsOn: '2024-06-19', endsOn: '2024-06-21' };
const wave = { name: 'Gelombang I', startsOn: '2024-06-19', endsOn: '2024-06-19' };

describe('Bimtek rules', () => {
  it('keeps a wave inside its event and its end after its start', () => {
    expect(checkWaveDates(event, wave).ok).toBe(true);
    expect(checkWaveDates(event, { startsOn: '2024-06-21', endsOn: '2024-06-22' })).toMatchObject({
      ok: false,
      error: { code: 'bimtek.wave_outside_event' },
    });
    expect(checkWaveDates(event, { startsOn: '2024-06-18', endsOn: '2024-06-19' }).ok).toBe(false);
    expect(checkWaveDates(event, { startsOn: '2024-06-20', endsOn: '2024-06-19' })).toMatchObject({
      ok: false,
      error: { code: 'bimtek.end_before_start' },
    });
  });
  it('lists the days of a range, across a month end', () => {
    expect(daysOf({ startsOn: '2024-06-29', endsOn: '2024-07-02' })).toEqual([
      '2024-06-29',
      '2024-06-30',
      '2024-07-01',
      '2024-07-02',
    ]);
  });
  it('records attendance only for invited people on days of the wave', () => {
    const invited = new Set([1, 2, 3]);
    expect(checkAttendance(wave, '2024-06-19', [1, 2], invited).ok).toBe(true);
    expect(checkAttendance(wave, '2024-06-20', [1], invited)).toMatchObject({
      ok: false,
      error: { code: 'bimtek.day_outside_wave' },
    });
    expect(checkAttendance(wave, '2024-06-19', [1, 9], invited)).toMatchObject({
      ok: false,
      error: { code: 'bimtek.not_invited', field: 'memberIds' },
    });
  });
  it('is trained only when present every day of the wave', () => {
    const days = ['2024-06-19', '2024-06-20'];
    expect(trainingStatus(days, new Set(days))).toBe('lengkap');
    expect(trainingStatus(days, new Set(['2024-06-19']))).toBe('sebagian');
    expect(trainingStatus(days, new Set(['2024-06-21']))).toBe('belum');
  });
  it('recaps statuses and mean scores', () => {
    expect(
      recapOf([
        { status: 'lengkap', preTest: 60, postTest: 80 },
        { status: 'sebagian', preTest: 65, postTest: null },
        { status: 'belum', preTest: null, postTest: null },
      ]),
    ).toEqual({
      invited: 3,
      trained: 1,
      partial: 1,
      absent: 1,
      preTestMean: 62.5,
      postTestMean: 80,
    });
  });
  it('round-trips a participant code', () => {
    const code = participantCode(42, 'AB12CD');
    expect(code).toBe('DPB-42-AB12CD');
    expect(parseParticipantCode(` ${code.toLowerCase()} `)).toEqual({
      memberId: 42,
      token: 'AB12CD',
    });
    expect(parseParticipantCode('DPB-42')).toBeNull();
  });
});
