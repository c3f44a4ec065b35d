import { describe, expect, it } from 'vitest';
import { parseAdhocRoster } from './roster-csv.ts';

const HEADER = 'badan,jabatan,wilayah,tps,nama,nik,telepon,tanggal_sumpah';

describe('ad hoc roster CSV', () => {
  it('reads PPS, PPK, KPPS and Pantarlih rows, in any column order and with ;', () => {
    const csv = [
      HEADER,
      'PPS,ketua,35.13.01.2001,,Siti Aminah,3513015205880002,0812-3456-789,15/05/2024',
      'ppk,anggota,35.13.01,,"Ahmad, S.Pd.",3513011205880001,,2024-04-20',
      'KPPS,anggota,35.13.01.2001,TPS 003,Budi,3513011205880003,,',
      'PPDP,anggota,35.13.01.2001,1,Rina,3513015205880004,,',
    ].join('\r\n');
    const r = parseAdhocRoster(csv);
    expect(r.errors).toEqual([]);
    expect(r.members.map((m) => [m.body, m.position, m.tpsNumber, m.swornInOn])).toEqual([
      ['pps', 'ketua', null, '2024-05-15'],
      ['ppk', 'anggota', null, '2024-04-20'],
      ['kpps', 'anggota', 3, null],
      ['pantarlih', 'anggota', 1, null],
    ]);
    const semi = parseAdhocRoster(
      'nama;nik;badan;jabatan;wilayah\nSiti;3513015205880002;PPS;anggota;35.13.01.2001\n',
    );
    expect(semi.errors).toEqual([]);
    expect(semi.members[0]?.name).toBe('Siti');
  });

  it('reports every bad row by line and field, keeping good rows', () => {
    const csv = [
      HEADER,
      'PPS,ketua,35.13.01.2001,,Siti,3513015205880002,,',
      'PPX,ketua,35.13.01.2001,,Ani,3513015205880005,,',
      'PPS,wakil,35.13.01,,Ani,3513015205880006,,',
      'PPS,anggota,35.13.01.2001,,Dup,3513015205880002,,',
      'KPPS,anggota,35.13.01.2001,,NoTps,3513015205880007,,',
      'PPK,anggota,35.13.01,2,Tps,3513015205880008,abc,31/02/2024',
      'PPS,anggota,35.13.01.2001,,,123,,',
      'PPS,anggota,35.13.01.2001,,Extra,3513015205880009,,,x',
    ].join('\n');
    const r = parseAdhocRoster(csv);
    expect(r.members.map((m) => m.name)).toEqual(['Siti']);
    expect(r.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'badan', 'roster.unknown_body'],
      [4, 'jabatan', 'roster.unknown_position'],
      [4, 'wilayah', 'roster.wrong_region'],
      [5, 'nik', 'roster.duplicate_nik'],
      [6, 'tps', 'roster.bad_tps'],
      [7, 'tps', 'roster.tps_not_expected'],
      [7, 'telepon', 'roster.bad_phone'],
      [7, 'tanggal_sumpah', 'roster.bad_date'],
      [8, 'nama', 'roster.missing_name'],
      [8, 'nik', 'roster.nik_format'],
      [9, null, 'roster.too_many_fields'],
    ]);
  });

  it('names a missing column and an empty file', () => {
    expect(parseAdhocRoster('badan,jabatan,wilayah,nama\n').errors[0]).toMatchObject({
      line: 1,
      field: 'nik',
      code: 'roster.missing_column',
    });
    expect(parseAdhocRoster('').errors[0]?.code).toBe('roster.empty');
    expect(parseAdhocRoster(`${HEADER}\n`).errors[0]?.code).toBe('roster.no_rows');
    expect(parseAdhocRoster(`${HEADER}\n"open`).errors[0]?.code).toBe('roster.unclosed_quote');
  });
});
