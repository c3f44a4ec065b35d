import { describe, expect, it } from 'vitest';
import { STATUSES } from './problems.ts';
import {
  agencyName,
  closingNote,
  PUBLIC_REFERRAL_STATUS,
  PUBLIC_STEP_TEXT,
  publicSteps,
} from './tracking.ts';

describe('the public tracking page in words', () => {
  it('tells every status as a sentence a citizen understands', () => {
    for (const s of STATUSES) {
      expect(PUBLIC_STEP_TEXT[s]).toMatch(/^Laporan .+\.$/);
    }
    for (const text of Object.values(PUBLIC_REFERRAL_STATUS)) expect(text).toMatch(/^[A-Z].+\.$/);
  });

  it('lists the steps in time order, starting with the report being sent', () => {
    const at = (h: number) => new Date(Date.UTC(2024, 10, 27, h));
    expect(
      publicSteps(at(1), [
        { toStatus: 'diteruskan', at: at(3) },
        { toStatus: 'diterima', at: at(2) },
        { toStatus: 'selesai', at: at(5) },
      ]),
    ).toEqual([
      { at: at(1).toISOString(), text: PUBLIC_STEP_TEXT.baru },
      { at: at(2).toISOString(), text: PUBLIC_STEP_TEXT.diterima },
      { at: at(3).toISOString(), text: PUBLIC_STEP_TEXT.diteruskan },
      { at: at(5).toISOString(), text: PUBLIC_STEP_TEXT.selesai },
    ]);
    expect(publicSteps(at(1), [])).toHaveLength(1);
  });

  it('names the agency, and another agency by the name given', () => {
    expect(agencyName('kpu', null)).toBe('KPU Kabupaten');
    expect(agencyName('kpu', 'diabaikan')).toBe('KPU Kabupaten');
    expect(agencyName('lainnya', ' Dinas Perhubungan ')).toBe('Dinas Perhubungan');
    expect(agencyName('lainnya', null)).toBe('Instansi lain');
  });

  it('shows the closing note only once the report is closed', () => {
    expect(closingNote('selesai', 'Kotak suara tiba pukul 06.10.', 'x')).toBe(
      'Kotak suara tiba pukul 06.10.',
    );
    expect(closingNote('ditolak', null, 'Bukan masalah Pilkada.')).toBe('Bukan masalah Pilkada.');
    expect(closingNote('ditangani', 'draf', 'x')).toBeNull();
    expect(closingNote('selesai', '  ', null)).toBeNull();
    expect(closingNote('digabung', 'x', 'y')).toBeNull();
  });
});
