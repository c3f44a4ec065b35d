/**
 * The ASN register file: header `nip,nama,instansi,wilayah,tps` (and
 * optionally `telepon`), one civil servant a row, with the desa code and TPS
 * number where they are registered to vote. Pure: syntax, NIP format,
 * duplicates in the file; the server checks the TPS exists.
 */
import { regionLevel } from '../common/region-code.ts';
import { checkNip } from './identity.ts';
import { readTable, type LineError } from './csv-table.ts';

export const ASN_COLUMNS = ['nip', 'nama', 'instansi', 'wilayah', 'tps', 'telepon'] as const;
export type AsnColumn = (typeof ASN_COLUMNS)[number];

export interface AsnRow {
  readonly line: number;
  readonly nip: string;
  readonly name: string;
  readonly office: string;
  readonly desaCode: string;
  readonly tpsNumber: number;
  readonly phone: string | null;
}

export function parseAsnRegister(input: string): {
  rows: AsnRow[];
  errors: LineError<AsnColumn>[];
} {
  const table = readTable<AsnColumn>(
    input,
    'asn',
    ['nip', 'nama', 'instansi', 'wilayah', 'tps'],
    ['telepon'],
  );
  const errors: LineError<AsnColumn>[] = [...table.errors];
  const rows: AsnRow[] = [];
  const nipLine = new Map<string, number>();
  for (const row of table.rows) {
    const { line } = row;
    const before = errors.length;
    const fail = (field: AsnColumn, code: string, message: string) =>
      errors.push({ line, field, code: `asn.${code}`, message });
    const nip = checkNip(row.get('nip'));
    if (!nip.ok) fail('nip', nip.error.code, nip.error.message);
    else if (nipLine.has(nip.value))
      fail(
        'nip',
        'duplicate_nip',
        `NIP ${nip.value} sudah ada di baris ${String(nipLine.get(nip.value))}.`,
      );
    else nipLine.set(nip.value, line);
    const name = row.get('nama');
    if (name === '') fail('nama', 'missing_name', 'Nama wajib diisi.');
    const office = row.get('instansi');
    if (office === '')
      fail('instansi', 'missing_office', 'Instansi (perangkat daerah) wajib diisi.');
    const desaCode = row.get('wilayah');
    if (regionLevel(desaCode) !== 'desa')
      fail(
        'wilayah',
        'wrong_region',
        `Wilayah "${desaCode}" harus kode desa/kelurahan tempat TPS (contoh 35.13.01.2001).`,
      );
    const n = /^(?:tps\s*)?0*(\d{1,4})$/i.exec(row.get('tps'));
    const tpsNumber = n?.[1] === undefined ? 0 : Number(n[1]);
    if (tpsNumber === 0)
      fail('tps', 'bad_tps', `Nomor TPS "${row.get('tps')}" tidak sah (contoh 1).`);
    if (errors.length > before || !nip.ok) continue;
    const phone = row.get('telepon');
    rows.push({
      line,
      nip: nip.value,
      name,
      office,
      desaCode,
      tpsNumber,
      phone: phone === '' ? null : phone,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}
