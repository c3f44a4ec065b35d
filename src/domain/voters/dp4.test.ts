import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDp4Row, normalizeDate, type Dp4Column, type Dp4Context } from './dp4.ts';
import { CsvRecordReader } from './csv-records.ts';
import { csvCell } from '../common/csv.ts';

const CTX: Dp4Context = {
  knownPrefixes: new Set(['351301', '351302']),
  votingDay: '2024-11-27',
  regencyCode: '35.13',
  desaExists: (d) => d === '35.13.01.2001',
  tpsExists: (d, n) => d === '35.13.01.2001' && n >= 1 && n <= 3,
};

const GOOD: Record<Dp4Column, string> = {
  nkk: '3513011203150004',
  nik: '3513014107900002',
  nama: 'Siti Aminah',
  tempat_lahir: 'Probolinggo',
  tanggal_lahir: '01-07-1990',
  status_kawin: 'S',
  jenis_kelamin: 'P',
  alamat: 'Dusun Krajan',
  rt: '1',
  rw: '2',
  disabilitas: '',
  ktp_el: 'S',
  keterangan: '',
  kode_desa: '35.13.01.2001',
  tps: '001',
};

const problemsOf = (over: Partial<Record<Dp4Column, string>>) => {
  const r = checkDp4Row(7, { ...GOOD, ...over }, CTX);
  return r.ok ? [] : r.problems.map((p) => `${String(p.line)}:${p.field}`);
};

describe('checkDp4Row', () => {
  it('accepts a good row and normalises it', () => {
    const r = checkDp4Row(2, GOOD, CTX);
    expect(r.ok && r.row).toMatchObject({
      line: 2,
      birthDate: '1990-07-01',
      rt: '001',
      rw: '002',
      disability: null,
      remarks: null,
      tpsNumber: 1,
    });
  });
  it.each<[Partial<Record<Dp4Column, string>>, string]>([
    [{ nik: '123' }, 'nik'],
    [{ nik: '3599014107900002' }, 'nik'],
    [{ nkk: '35130112031500' }, 'nkk'],
    [{ nkk: '3513014203150004' }, 'nkk'],
    [{ jenis_kelamin: 'L' }, 'jenis_kelamin'],
    [{ jenis_kelamin: 'X' }, 'jenis_kelamin'],
    [{ tanggal_lahir: '02-07-1990' }, 'tanggal_lahir'],
    [{ tanggal_lahir: '31-02-1990' }, 'tanggal_lahir'],
    [{ nama: '' }, 'nama'],
    [{ nama: 'Siti <script>' }, 'nama'],
    [{ tempat_lahir: ' ' }, 'tempat_lahir'],
    [{ status_kawin: 'K' }, 'status_kawin'],
    [{ alamat: '' }, 'alamat'],
    [{ rt: '1234' }, 'rt'],
    [{ rw: 'a' }, 'rw'],
    [{ disabilitas: '7' }, 'disabilitas'],
    [{ ktp_el: 'Y' }, 'ktp_el'],
    [{ keterangan: 'x'.repeat(201) }, 'keterangan'],
    [{ kode_desa: '35.14.01.2001' }, 'kode_desa'],
    [{ kode_desa: '35.13.01.2999' }, 'kode_desa'],
    [{ tps: '9' }, 'tps'],
    [{ tps: 'satu' }, 'tps'],
  ])('refuses %o in field %s', (over, field) => {
    expect(problemsOf(over)).toEqual([`7:${field}`]);
  });
  it('refuses someone under 17 and never married, accepts them married', () => {
    const young = { nik: '3513014112080002', tanggal_lahir: '2008-12-01', status_kawin: 'B' };
    expect(problemsOf(young)).toEqual(['7:tanggal_lahir']);
    expect(problemsOf({ ...young, status_kawin: 'S' })).toEqual([]);
  });
  it('lists every bad field of a row', () => {
    expect(problemsOf({ nama: '', rt: 'x', tps: '0' })).toEqual(['7:nama', '7:rt', '7:tps']);
  });
  it('accepts several disability codes', () => {
    const r = checkDp4Row(3, { ...GOOD, disabilitas: '6, 2' }, CTX);
    expect(r.ok && r.row.disability).toBe('2,6');
  });
  it('never throws on any text (property)', () => {
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(Object.keys(GOOD).map((k) => [k, fc.string({ maxLength: 20 })])),
        ),
        (values) => {
          const r = checkDp4Row(1, values as Record<Dp4Column, string>, CTX);
          if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('normalizeDate', () => {
  it('reads ISO and day-first dates', () => {
    expect(normalizeDate('1990-07-01')).toBe('1990-07-01');
    expect(normalizeDate('1/7/1990')).toBe('1990-07-01');
    expect(normalizeDate('01.07.1990')).toBe('1990-07-01');
    expect(normalizeDate('07/31/1990')).toBeNull();
    expect(normalizeDate('kemarin')).toBeNull();
  });
});

describe('CsvRecordReader', () => {
  const readAll = (text: string, chunk: number) => {
    const r = new CsvRecordReader();
    const out = [];
    for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
    const end = r.end();
    return { records: [...out, ...end.records], truncated: end.truncated };
  };
  it('reads quotes, semicolons, CRLF and line numbers whatever the chunking', () => {
    const text = '\uFEFFa;b;c\r\n1;"x;y";3\r\n"multi\nline";"q""uote";\r\n4;5;6';
    for (const chunk of [1, 2, 3, 5, 100]) {
      expect(readAll(text, chunk)).toEqual({
        records: [
          { line: 1, fields: ['a', 'b', 'c'] },
          { line: 2, fields: ['1', 'x;y', '3'] },
          { line: 3, fields: ['multi\nline', 'q"uote', ''] },
          { line: 5, fields: ['4', '5', '6'] },
        ],
        truncated: false,
      });
    }
  });
  it('says a file ending inside a quoted field is truncated', () => {
    expect(readAll('a,b\n1,"abc', 4).truncated).toBe(true);
  });
  it('reads an empty input as no records', () => {
    expect(readAll('', 1)).toEqual({ records: [], truncated: false });
  });
  it('round-trips any table written with csvCell (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc
              .string({ maxLength: 8 })
              .filter((s) => !/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)),
            { minLength: 2, maxLength: 4 },
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.integer({ min: 1, max: 7 }),
        (rows, chunk) => {
          const width = rows[0]?.length ?? 2;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const header = Array.from({ length: width }, (_, i) => `h${String(i)}`);
          const text =
            [header, ...table].map((r) => r.map((c) => csvCell(c)).join(',')).join('\n') + '\n';
          const got = readAll(text, chunk).records.map((r) => r.fields);
          expect(got).toEqual([header, ...table]);
        },
      ),
    );
  });
  it('neutralises formulas in report cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(12)).toBe('12');
  });
});
