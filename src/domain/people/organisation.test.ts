import { describe, expect, it } from 'vitest';
import { deskGaps } from './organisation.ts';

describe('desk gaps', () => {
  const korwil = [{ id: 1, name: 'Korwil I' }];
  const kecamatan = [
    { code: '35.13.01', name: 'Sukapura' },
    { code: '35.13.02', name: 'Lumbang' },
  ];
  it('lists every empty seat', () => {
    expect(deskGaps([], korwil, kecamatan).map((g) => g.message)).toEqual([
      'Ketua desk belum diisi.',
      'Sekretaris desk belum diisi.',
      'Korwil I belum mempunyai ketua.',
      'Kecamatan Sukapura belum mempunyai pembina.',
      'Kecamatan Lumbang belum mempunyai pembina.',
    ]);
  });
  it('lists only a kecamatan without a pembina when the rest is filled', () => {
    const held = [
      { role: 'ketua' as const, korwilId: null, kecamatanCode: null },
      { role: 'sekretaris' as const, korwilId: null, kecamatanCode: null },
      { role: 'ketua_korwil' as const, korwilId: 1, kecamatanCode: null },
      { role: 'pembina' as const, korwilId: null, kecamatanCode: '35.13.01' },
      { role: 'anggota' as const, korwilId: null, kecamatanCode: null },
    ];
    expect(deskGaps(held, korwil, kecamatan)).toEqual([
      {
        role: 'pembina',
        korwilId: null,
        kecamatanCode: '35.13.02',
        message: 'Kecamatan Lumbang belum mempunyai pembina.',
      },
    ]);
  });
});
