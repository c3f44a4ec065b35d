import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLE_LABEL, ROLES } from '../auth/roles.ts';
import { AccountCreateBody, AccountImportBody, formatScope, parseScope } from './account.schema.ts';
import { detectSeparator, parseCsv, parseRoster, roleFromText } from './roster-csv.ts';

const HEADER = 'username,nama,peran,wilayah';
const codes = (text: string) => parseRoster(text).errors.map((e) => [e.line, e.field, e.code]);

describe('parseCsv', () => {
  it('splits records and fields, with the line each record starts on', () => {
    expect(parseCsv('a,b\nc,d\n', ',')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['c', 'd'] },
      ],
    });
  });

  it('accepts CRLF, LF and lone CR line breaks, and no final break', () => {
    const parsed = parseCsv('a\r\nb\rc\nd', ',');
    expect(parsed.records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a']],
      [2, ['b']],
      [3, ['c']],
      [4, ['d']],
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    const parsed = parseCsv('"Budi, S.Pd.","Ia berkata ""ya""","baris\r\nkedua"\nx,y,z\n', ',');
    expect(parsed.records).toEqual([
      { line: 1, fields: ['Budi, S.Pd.', 'Ia berkata "ya"', 'baris\r\nkedua'] },
      { line: 3, fields: ['x', 'y', 'z'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,b,\n,', ',').records.map((r) => r.fields)).toEqual([
      ['a', '', 'b', ''],
      ['', ''],
    ]);
    expect(parseCsv('""', ',').records).toEqual([{ line: 1, fields: [''] }]);
  });

  it('is lenient with stray quotes, as spreadsheets are', () => {
    expect(parseCsv('ab"c,"d"e\n', ',').records[0]?.fields).toEqual(['ab"c', 'de']);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(parseCsv('a,b\nc,"d\ne,f\n', ',')).toEqual({
      ok: false,
      records: [{ line: 1, fields: ['a', 'b'] }],
      unclosedQuoteLine: 2,
    });
  });

  it('uses the separator given', () => {
    expect(parseCsv('a;b,c\n', ';').records[0]?.fields).toEqual(['a', 'b,c']);
  });

  it('round-trips any fields written the RFC 4180 way', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\n', '\r\n', 'é'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',' as const, ';' as const),
        fc.constantFrom('\n', '\r\n'),
        (rows, sep, eol) => {
          const text = rows
            .map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(sep))
            .join(eol);
          const parsed = parseCsv(text, sep);
          expect(parsed.ok).toBe(true);
          expect(parsed.records.map((r) => r.fields)).toEqual(rows);
          // Each record starts after the line breaks of the ones before it.
          let line = 1;
          parsed.records.forEach((record, i) => {
            expect(record.line).toBe(line);
            const breaks = (rows[i] ?? []).join('').replace(/\r\n/g, '\n').split('\n').length - 1;
            line += breaks + 1;
          });
        },
      ),
    );
  });
});

describe('detectSeparator', () => {
  it('picks ; for a semicolon header and , otherwise', () => {
    expect(detectSeparator('username;nama;peran;wilayah\n')).toBe(';');
    expect(detectSeparator('username,nama,peran,wilayah\n')).toBe(',');
    expect(detectSeparator('"a;b;c",d\n')).toBe(',');
    expect(detectSeparator('x\na;b;c\n')).toBe(',');
  });
});

describe('roleFromText', () => {
  it('accepts every role key and label, in any case', () => {
    for (const role of ROLES) {
      expect(roleFromText(role)).toBe(role);
      expect(roleFromText(role.toUpperCase())).toBe(role);
      expect(roleFromText(ROLE_LABEL[role])).toBe(role);
      expect(roleFromText(` ${ROLE_LABEL[role].toLowerCase()} `)).toBe(role);
    }
  });

  it('accepts spaces or dashes for underscores and a label without its parenthesis', () => {
    expect(roleFromText('ketua desk')).toBe('ketua_desk');
    expect(roleFromText('Ketua-Desk')).toBe('ketua_desk');
    expect(roleFromText('ketua desk pilkada')).toBe('ketua_desk');
    expect(roleFromText('PEMBINA KECAMATAN')).toBe('pembina_kecamatan');
    expect(roleFromText('Pengawas')).toBe('pengawas');
    expect(roleFromText('pengawas bawaslu')).toBe('pengawas');
    expect(roleFromText('Operator KPU')).toBe('operator_kpu');
  });

  it('refuses anything else', () => {
    expect(roleFromText('lurah')).toBeNull();
    expect(roleFromText('')).toBeNull();
    expect(roleFromText('pps desa')).toBeNull();
  });
});

describe('parseScope', () => {
  it('reads each scope kind', () => {
    expect(parseScope('bupati', ' 35.13 ')).toEqual({
      ok: true,
      value: { kind: 'regency', code: '35.13' },
    });
    expect(parseScope('korwil', '  Korwil   I ')).toEqual({
      ok: true,
      value: { kind: 'korwil', name: 'Korwil I' },
    });
    expect(parseScope('ppk', '35.13.01')).toEqual({
      ok: true,
      value: { kind: 'kecamatan', code: '35.13.01' },
    });
    expect(parseScope('pps', '35.13.01.2001')).toEqual({
      ok: true,
      value: { kind: 'desa', code: '35.13.01.2001' },
    });
    for (const text of [
      '35.13.01.2001/1',
      '35.13.01.2001 / 001',
      '35.13.01.2001/TPS 001',
      '35.13.01.2001/tps1',
    ]) {
      expect(parseScope('kpps', text)).toEqual({
        ok: true,
        value: { kind: 'tps', desaCode: '35.13.01.2001', number: 1 },
      });
    }
  });

  it('says when the scope is missing, malformed or of the wrong level', () => {
    const code = (role: Parameters<typeof parseScope>[0], text: string) => {
      const r = parseScope(role, text);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('pps', '')).toBe('missing_scope');
    expect(code('pps', '   ')).toBe('missing_scope');
    expect(code('pps', 'Ngadisari')).toBe('bad_scope');
    expect(code('pps', '35.13.01')).toBe('wrong_scope_level');
    expect(code('pps', '35.13.01.2001/1')).toBe('wrong_scope_level');
    expect(code('ppk', '35.13.01.2001')).toBe('wrong_scope_level');
    expect(code('admin', '35.13.01')).toBe('wrong_scope_level');
    expect(code('admin', 'Probolinggo')).toBe('bad_scope');
    expect(code('korwil', '35.13.01')).toBe('wrong_scope_level');
    expect(code('korwil', 'K'.repeat(101))).toBe('bad_scope');
    expect(code('kpps', '35.13.01.2001')).toBe('wrong_scope_level');
    expect(code('kpps', '35.13.01.2001/0')).toBe('bad_scope');
    expect(code('kpps', '35.13.01.2001/x')).toBe('bad_scope');
    const r = parseScope('pps', '35.13.01');
    expect(r.ok ? '' : r.error.message).toBe(
      '"35.13.01" adalah kecamatan, bukan desa/kelurahan. Peran PPS dipegang atas satu desa/kelurahan: isi kode desa/kelurahan (contoh: 35.13.01.2001).',
    );
  });

  it('formats a parsed scope back to its canonical text', () => {
    const r = parseScope('kpps', '35.13.01.2001 / 007');
    expect(r.ok && formatScope(r.value)).toBe('35.13.01.2001/7');
  });
});

describe('account schemas', () => {
  it('lower-cases and checks the username, and checks each scope', () => {
    const good = AccountCreateBody.safeParse({
      username: ' PPS.Ngadisari ',
      fullName: ' Siti ',
      roles: [{ role: 'pps', scope: '35.13.01.2001' }],
    });
    expect(good.success && good.data).toEqual({
      username: 'pps.ngadisari',
      fullName: 'Siti',
      roles: [{ role: 'pps', scope: '35.13.01.2001' }],
    });
    const bad = AccountCreateBody.safeParse({
      username: 'budi santoso',
      fullName: '',
      roles: [{ role: 'pps', scope: '35.13.01' }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'username',
      'fullName',
      'roles.0.scope',
    ]);
    expect(AccountCreateBody.safeParse({ username: 'abc', fullName: 'A', roles: [] }).success).toBe(
      false,
    );
    expect(
      AccountCreateBody.safeParse({
        username: 'ab',
        fullName: 'A',
        roles: [{ role: 'admin', scope: '35.13' }],
      }).success,
    ).toBe(false);
  });

  it('defaults dryRun to false and caps the CSV size', () => {
    expect(AccountImportBody.parse({ csv: 'x' })).toEqual({ csv: 'x', dryRun: false });
    expect(AccountImportBody.safeParse({ csv: 'x'.repeat(2_000_001) }).success).toBe(false);
  });
});

describe('parseRoster', () => {
  it('reads people, merging the rows of one username into several roles', () => {
    const roster = parseRoster(
      [
        HEADER,
        'pps.ngadisari.1,Siti Aminah,PPS,35.13.01.2001',
        'ketua,Budi Santoso,Ketua Desk Pilkada,35.13',
        'PPS.Ngadisari.1,siti  aminah,kpps,35.13.01.2001/1',
        'korwil.satu,Ahmad,korwil,Korwil I',
      ].join('\n'),
    );
    expect(roster.errors).toEqual([]);
    expect(roster.rows).toBe(4);
    expect(roster.people).toEqual([
      {
        username: 'pps.ngadisari.1',
        fullName: 'Siti Aminah',
        line: 2,
        roles: [
          { line: 2, role: 'pps', scope: { kind: 'desa', code: '35.13.01.2001' } },
          { line: 4, role: 'kpps', scope: { kind: 'tps', desaCode: '35.13.01.2001', number: 1 } },
        ],
      },
      {
        username: 'ketua',
        fullName: 'Budi Santoso',
        line: 3,
        roles: [{ line: 3, role: 'ketua_desk', scope: { kind: 'regency', code: '35.13' } }],
      },
      {
        username: 'korwil.satu',
        fullName: 'Ahmad',
        line: 5,
        roles: [{ line: 5, role: 'korwil', scope: { kind: 'korwil', name: 'Korwil I' } }],
      },
    ]);
  });

  it('accepts a BOM, CRLF, semicolons, a case-insensitive header in any order and extra columns', () => {
    const roster = parseRoster(
      '\uFEFFNo;Peran;USERNAME;Nama;Wilayah\r\n1;pps;a.b;"Dewi; S.Pd.";35.13.01.2001\r\n\r\n2;PPS;c.d;"Eko ""Ekor"" Putra";35.13.01.2002\r\n',
    );
    expect(roster.errors).toEqual([]);
    expect(roster.rows).toBe(2);
    expect(roster.people.map((p) => [p.username, p.fullName, p.line])).toEqual([
      ['a.b', 'Dewi; S.Pd.', 2],
      ['c.d', 'Eko "Ekor" Putra', 4],
    ]);
  });

  it('skips blank rows, including rows of empty fields, but counts their lines', () => {
    const roster = parseRoster(`${HEADER}\n\n,,,\nabc,A,pps,35.13.01.2001\n,,,\nabc,A,pps,nope\n`);
    expect(roster.rows).toBe(2);
    expect(codes(`${HEADER}\n\n,,,\nabc,A,pps,35.13.01.2001\n,,,\nabc,A,pps,nope\n`)).toEqual([
      [6, 'wilayah', 'roster.bad_scope'],
    ]);
  });

  it('gives quoted multi-line values the line they start on, and the next record its own line', () => {
    expect(
      codes(`${HEADER}\nabc,"Siti\nAminah",pps,35.13.01.2001\nabd,B,lurah,35.13.01.2001`),
    ).toEqual([[4, 'peran', 'roster.unknown_role']]);
    const roster = parseRoster(`${HEADER}\nabc,"Siti\nAminah",pps,35.13.01.2001`);
    expect(roster.people[0]?.fullName).toBe('Siti Aminah');
  });

  it('reports each bad field with its line, field and stable code', () => {
    const text = [
      HEADER,
      'Budi Santoso,Budi,pps,35.13.01.2001', // 2: username with a space
      'ab,Budi,pps,35.13.01.2001', // 3: too short
      ',Budi,pps,35.13.01.2001', // 4: missing username
      'budi,,pps,35.13.01.2001', // 5: missing name
      'budi2,Budi,lurah,35.13.01.2001', // 6: unknown role
      'budi3,Budi,,35.13.01.2001', // 7: missing role
      'budi4,Budi,pps,', // 8: missing scope
      'budi5,Budi,pps,35.13.01', // 9: wrong level
      'budi6,Budi,kpps,35.13.01.2001/x', // 10: bad TPS
      `budi7,${'N'.repeat(201)},pps,35.13.01.2001`, // 11: name too long
      'x!,,lurah,', // 12: several at once
    ].join('\n');
    expect(codes(text)).toEqual([
      [2, 'username', 'roster.bad_username'],
      [3, 'username', 'roster.bad_username'],
      [4, 'username', 'roster.missing_username'],
      [5, 'nama', 'roster.missing_name'],
      [6, 'peran', 'roster.unknown_role'],
      [7, 'peran', 'roster.missing_role'],
      [8, 'wilayah', 'roster.missing_scope'],
      [9, 'wilayah', 'roster.wrong_scope_level'],
      [10, 'wilayah', 'roster.bad_scope'],
      [11, 'nama', 'roster.name_too_long'],
      [12, 'username', 'roster.bad_username'],
      [12, 'nama', 'roster.missing_name'],
      [12, 'peran', 'roster.unknown_role'],
    ]);
    expect(parseRoster(text).people).toEqual([]);
  });

  it('writes its messages in Indonesian, naming the value and what was expected', () => {
    const [role, username] = parseRoster(
      `${HEADER}\nbudi,Budi,Lurah,35.13.01.2001\nBudi S,Budi,pps,35.13.01.2001`,
    ).errors;
    expect(role?.message).toBe(
      'Peran "Lurah" tidak dikenal. Pilihan: Admin sistem, Bupati, Ketua Desk Pilkada, Sekretaris Desk Pilkada, Korwil, Pembina kecamatan, Operator KPU, PPK, PPS, KPPS, Pantarlih, Pengawas (Bawaslu).',
    );
    expect(username?.message).toBe(
      'Username "Budi S" tidak sah: hanya huruf kecil a–z, angka, titik, tanda hubung, dan garis bawah; 3–50 karakter (contoh: pps.ngadisari.1).',
    );
  });

  it('refuses a repeated person-role, pointing at the first row', () => {
    const text = `${HEADER}\nsiti,Siti,pps,35.13.01.2001\nSITI,Siti,PPS, 35.13.01.2001 \nsiti,Siti,kpps,35.13.01.2001/1\nsiti,Siti,kpps,35.13.01.2001/001`;
    const roster = parseRoster(text);
    expect(roster.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'username', 'roster.duplicate_row'],
      [5, 'username', 'roster.duplicate_row'],
    ]);
    expect(roster.errors[0]?.message).toBe(
      'Baris ini sama dengan baris 2: siti sudah diberi peran PPS di 35.13.01.2001.',
    );
  });

  it('refuses differing names for one username, ignoring case and spacing', () => {
    const text = `${HEADER}\nsiti,Siti Aminah,pps,35.13.01.2001\nsiti,SITI  AMINAH,kpps,35.13.01.2001/1\nsiti,Siti Rahma,pantarlih,35.13.01.2001/1`;
    expect(codes(text)).toEqual([[4, 'nama', 'roster.name_mismatch']]);
    expect(parseRoster(text).errors[0]?.message).toBe(
      'Nama "Siti Rahma" berbeda dengan nama "Siti Aminah" untuk username siti di baris 2. Satu username adalah satu orang.',
    );
  });

  it('refuses a row with more fields than the header (an unquoted comma)', () => {
    expect(
      codes(`${HEADER}\nbudi,Budi, S.Pd.,pps,35.13.01.2001\nbudi2,Budi,pps,35.13.01.2001,,`),
    ).toEqual([[2, null, 'roster.too_many_fields']]);
  });

  it('treats missing trailing fields as empty', () => {
    expect(codes(`${HEADER}\nbudi,Budi,pps`)).toEqual([[2, 'wilayah', 'roster.missing_scope']]);
    expect(codes(`${HEADER}\nbudi`)).toEqual([
      [2, 'nama', 'roster.missing_name'],
      [2, 'peran', 'roster.missing_role'],
    ]);
  });

  it('refuses an empty file, a file without data rows, and a bad header', () => {
    expect(codes('')).toEqual([[1, null, 'roster.empty']]);
    expect(codes('\uFEFF\r\n\r\n')).toEqual([[1, null, 'roster.empty']]);
    expect(codes(`\n${HEADER}\n`)).toEqual([[2, null, 'roster.no_rows']]);
    expect(codes('username,nama,wilayah\nbudi,Budi,35.13')).toEqual([
      [1, 'peran', 'roster.missing_column'],
    ]);
    expect(codes('budi,Budi,pps,35.13.01.2001\n')).toEqual([
      [1, 'username', 'roster.missing_column'],
      [1, 'nama', 'roster.missing_column'],
      [1, 'peran', 'roster.missing_column'],
      [1, 'wilayah', 'roster.missing_column'],
    ]);
    expect(codes('username,nama,peran,wilayah,Nama\n')).toEqual([
      [1, 'nama', 'roster.duplicate_column'],
    ]);
  });

  it('reports an unclosed quote, checking the rows before it', () => {
    expect(codes(`${HEADER}\nbudi,"Budi,pps,35.13.01.2001\nsiti,Siti,pps,35.13.01.2001\n`)).toEqual(
      [[2, null, 'roster.unclosed_quote']],
    );
    const roster = parseRoster(`${HEADER}\nab,A,pps,35.13.01.2001\nsiti,Siti,pps,"35.13.01.2001\n`);
    expect(roster.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'username', 'roster.bad_username'],
      [3, null, 'roster.unclosed_quote'],
    ]);
  });

  it('never throws, and every error points at a line of the file', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '',
        'budi',
        'PPS',
        'kpps',
        '35.13.01.2001',
        '35.13.01.2001/1',
        'Korwil I',
        '"',
        '""',
        ' ',
      ),
      fc.string({ maxLength: 6 }),
    );
    const row = fc.array(cell, { minLength: 0, maxLength: 6 }).map((r) => r.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = [HEADER, ...rows].join(eol);
        const roster = parseRoster(text);
        const lines = text.split(/\r\n|\n|\r/).length;
        for (const e of roster.errors) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines);
          expect(e.code).toMatch(/^roster\.[a-z_]+$/);
        }
        if (roster.errors.length === 0) {
          expect(roster.people.reduce((a, p) => a + p.roles.length, 0)).toBe(roster.rows);
        }
      }),
    );
  });
});
