/**
 * The roster file of an ad hoc body: header
 * `badan,jabatan,wilayah,tps,nama,nik,telepon,tanggal_sumpah`, one member a
 * row. `wilayah` is the kecamatan code for PPK, the desa code otherwise;
 * `tps` the TPS number (KPPS and Pantarlih only). `telepon` and
 * `tanggal_sumpah` may be empty.
 *
 * Pure: syntax, NIK format, duplicates within the file. Whether the region,
 * the TPS and the seats exist is for the server to check against the registry.
 */
import { regionLevel } from '../common/region-code.ts';
import { checkNik } from './identity.ts';
import { parseDateText, readTable, type LineError } from './csv-table.ts';
import { BODIES, BODY_LABEL, BODY_UNIT, type Body, type Position } from './seats.ts';

export const ROSTER_COLUMNS = [
  'badan',
  'jabatan',
  'wilayah',
  'tps',
  'nama',
  'nik',
  'telepon',
  'tanggal_sumpah',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly RosterColumn[] = ['badan', 'jabatan', 'wilayah', 'nama', 'nik'];
const OPTIONAL: readonly RosterColumn[] = ['tps', 'telepon', 'tanggal_sumpah'];

export const NAME_MAX = 200;

export interface RosterMemberRow {
  readonly line: number;
  readonly body: Body;
  readonly position: Position;
  /** Kecamatan code (PPK) or desa code. */
  readonly regionCode: string;
  /** TPS number for KPPS and Pantarlih, else null. */
  readonly tpsNumber: number | null;
  readonly name: string;
  readonly nik: string;
  readonly phone: string | null;
  readonly swornInOn: string | null;
}

export interface AdhocRoster {
  readonly members: RosterMemberRow[];
  readonly errors: LineError<RosterColumn>[];
  readonly rows: number;
}

export function bodyFromText(text: string): Body | null {
  const t = text.toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'ppdp') return 'pantarlih';
  return (BODIES as readonly string[]).includes(t) ? (t as Body) : null;
}

export function positionFromText(text: string): Position | null {
  const t = text.toLowerCase().trim();
  return t === 'ketua' || t === 'anggota' ? t : null;
}

const PHONE = /^\+?[0-9 -]{6,20}$/;

export function parseAdhocRoster(input: string): AdhocRoster {
  const table = readTable(input, 'roster', REQUIRED, OPTIONAL);
  const errors: LineError<RosterColumn>[] = [...table.errors];
  const members: RosterMemberRow[] = [];
  const nikLine = new Map<string, number>();
  for (const row of table.rows) {
    const { line } = row;
    const rowErrors: LineError<RosterColumn>[] = [];
    const fail = (field: RosterColumn, code: string, message: string) =>
      rowErrors.push({ line, field, code: `roster.${code}`, message });

    const body = bodyFromText(row.get('badan'));
    if (body === null)
      fail(
        'badan',
        'unknown_body',
        `Badan "${row.get('badan')}" tidak dikenal. Pilihan: PPK, PPS, KPPS, Pantarlih.`,
      );

    const position = positionFromText(row.get('jabatan'));
    if (position === null)
      fail(
        'jabatan',
        'unknown_position',
        `Jabatan "${row.get('jabatan')}" tidak dikenal. Pilihan: ketua, anggota.`,
      );

    const regionCode = row.get('wilayah');
    if (body !== null) {
      const want = BODY_UNIT[body] === 'kecamatan' ? 'kecamatan' : 'desa';
      if (regionLevel(regionCode) !== want) {
        fail(
          'wilayah',
          'wrong_region',
          `Wilayah "${regionCode}" harus kode ${want === 'kecamatan' ? 'kecamatan (contoh 35.13.01)' : 'desa/kelurahan (contoh 35.13.01.2001)'} untuk ${BODY_LABEL[body]}.`,
        );
      }
    }

    let tpsNumber: number | null = null;
    const tpsText = row.get('tps');
    if (body !== null && BODY_UNIT[body] === 'tps') {
      const n = /^(?:tps\s*)?0*(\d{1,4})$/i.exec(tpsText);
      if (n?.[1] === undefined || Number(n[1]) === 0)
        fail('tps', 'bad_tps', `Nomor TPS wajib diisi untuk ${BODY_LABEL[body]} (contoh 1).`);
      else tpsNumber = Number(n[1]);
    } else if (body !== null && tpsText !== '') {
      fail(
        'tps',
        'tps_not_expected',
        `${BODY_LABEL[body]} tidak bertugas per TPS; kosongkan kolom tps.`,
      );
    }

    const name = row.get('nama');
    if (name === '') fail('nama', 'missing_name', 'Nama wajib diisi.');
    else if (name.length > NAME_MAX)
      fail('nama', 'name_too_long', `Nama maksimal ${String(NAME_MAX)} karakter.`);

    const nik = checkNik(row.get('nik'));
    if (!nik.ok) fail('nik', nik.error.code, nik.error.message);
    else {
      const first = nikLine.get(nik.value);
      if (first !== undefined)
        fail(
          'nik',
          'duplicate_nik',
          `NIK ${nik.value} sudah ada di baris ${String(first)}; satu orang satu baris.`,
        );
      else nikLine.set(nik.value, line);
    }

    const phoneText = row.get('telepon');
    if (phoneText !== '' && !PHONE.test(phoneText))
      fail(
        'telepon',
        'bad_phone',
        `Nomor telepon "${phoneText}" tidak sah (angka, boleh diawali +).`,
      );

    const swornText = row.get('tanggal_sumpah');
    const swornInOn = swornText === '' ? null : parseDateText(swornText);
    if (swornText !== '' && swornInOn === null)
      fail(
        'tanggal_sumpah',
        'bad_date',
        `Tanggal sumpah "${swornText}" tidak sah (contoh 2024-05-15 atau 15/05/2024).`,
      );

    if (rowErrors.length > 0 || body === null || position === null || !nik.ok) {
      errors.push(...rowErrors);
      continue;
    }
    members.push({
      line,
      body,
      position,
      regionCode,
      tpsNumber,
      name,
      nik: nik.value,
      phone: phoneText === '' ? null : phoneText,
      swornInOn,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return {
    members,
    errors,
    rows:
      table.rows.length + table.errors.filter((e) => e.code === 'roster.too_many_fields').length,
  };
}
