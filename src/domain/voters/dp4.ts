/**
 * One DP4 row (Model A-Daftar Pemilih: 13 elements) plus the TPS it is
 * mapped to, checked field by field. Every problem names the line, the field
 * and the reason, so the operator can fix the file.
 */
import { isIsoDate } from '../common/dates.ts';
import { formatTanggal } from '../common/format.ts';
import { eligibilityOn, type MaritalStatus } from './eligibility.ts';
import { checkNkk, parseNik, type KnownPrefixes, type Sex } from './nik.ts';

/** The columns of a DP4 file, in order; the header must name exactly these. */
export const DP4_COLUMNS = [
  'nkk',
  'nik',
  'nama',
  'tempat_lahir',
  'tanggal_lahir',
  'status_kawin',
  'jenis_kelamin',
  'alamat',
  'rt',
  'rw',
  'disabilitas',
  'ktp_el',
  'keterangan',
  'kode_desa',
  'tps',
] as const;
export type Dp4Column = (typeof DP4_COLUMNS)[number];

export const DISABILITY_LABEL: Record<string, string> = {
  '1': 'Fisik',
  '2': 'Intelektual',
  '3': 'Mental',
  '4': 'Wicara',
  '5': 'Rungu',
  '6': 'Netra',
};

/** The voter's own data (everything of the 13 elements). */
export interface VoterData {
  readonly nkk: string;
  readonly nik: string;
  readonly name: string;
  readonly birthPlace: string;
  readonly birthDate: string;
  readonly marital: MaritalStatus;
  readonly sex: Sex;
  readonly address: string;
  readonly rt: string;
  readonly rw: string;
  /** Codes 1–6 joined by commas, or null. */
  readonly disability: string | null;
  readonly ktpEl: 'S' | 'B';
  readonly remarks: string | null;
}

export interface Dp4Row extends VoterData {
  readonly line: number;
  readonly desaCode: string;
  readonly tpsNumber: number;
}

export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export interface Dp4Context {
  readonly knownPrefixes: KnownPrefixes;
  readonly votingDay: string;
  readonly regencyCode: string;
  /** Is this desa in the regency? */
  readonly desaExists: (desaCode: string) => boolean;
  /** Is there an active TPS with this number in this desa? */
  readonly tpsExists: (desaCode: string, tpsNumber: number) => boolean;
}

const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** `1990-07-01`, `01-07-1990`, `1/7/1990` → `1990-07-01`; null when not a real date. */
export function normalizeDate(value: string): string | null {
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const m = DAY_FIRST.exec(v);
  if (m === null) return null;
  const iso = `${m[3] ?? ''}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const NAME = /^[\p{L}\p{M} .,'`-]+$/u;
const RT_RW = /^\d{1,3}$/;

/** Field checks shared by the DP4 row and a coklit change (U) or a new voter. */
export function checkVoterField(
  field: keyof VoterData,
  raw: string,
): { ok: true; value: string | null } | { ok: false; reason: string } {
  const v = raw.trim();
  switch (field) {
    case 'name':
      if (v === '') return { ok: false, reason: 'Nama wajib diisi.' };
      if (v.length > 100) return { ok: false, reason: 'Nama lebih dari 100 huruf.' };
      if (!NAME.test(v)) return { ok: false, reason: 'Nama memuat tanda yang tidak lazim.' };
      return { ok: true, value: v };
    case 'birthPlace':
      if (v === '') return { ok: false, reason: 'Tempat lahir wajib diisi.' };
      if (v.length > 100) return { ok: false, reason: 'Tempat lahir lebih dari 100 huruf.' };
      return { ok: true, value: v };
    case 'birthDate': {
      const d = normalizeDate(v);
      return d === null
        ? { ok: false, reason: `Tanggal lahir "${v}" bukan tanggal yang sah (TTTT-BB-HH).` }
        : { ok: true, value: d };
    }
    case 'marital':
      return ['B', 'S', 'P'].includes(v.toUpperCase())
        ? { ok: true, value: v.toUpperCase() }
        : { ok: false, reason: 'Status kawin harus B (belum), S (kawin), atau P (pernah).' };
    case 'sex':
      return ['L', 'P'].includes(v.toUpperCase())
        ? { ok: true, value: v.toUpperCase() }
        : { ok: false, reason: 'Jenis kelamin harus L atau P.' };
    case 'address':
      if (v === '') return { ok: false, reason: 'Alamat wajib diisi.' };
      if (v.length > 200) return { ok: false, reason: 'Alamat lebih dari 200 huruf.' };
      return { ok: true, value: v };
    case 'rt':
    case 'rw':
      return RT_RW.test(v)
        ? { ok: true, value: v.padStart(3, '0') }
        : { ok: false, reason: `${field.toUpperCase()} harus 1–3 digit angka.` };
    case 'disability': {
      if (v === '' || v === '0' || v === '-') return { ok: true, value: null };
      const codes = v.split(/[,;\s]+/).filter((c) => c !== '');
      if (codes.every((c) => DISABILITY_LABEL[c] !== undefined)) {
        return { ok: true, value: [...new Set(codes)].sort().join(',') };
      }
      return { ok: false, reason: 'Disabilitas harus kosong atau kode 1–6.' };
    }
    case 'ktpEl':
      return ['S', 'B'].includes(v.toUpperCase())
        ? { ok: true, value: v.toUpperCase() }
        : { ok: false, reason: 'Status KTP-el harus S (sudah) atau B (belum).' };
    case 'remarks':
      if (v.length > 200) return { ok: false, reason: 'Keterangan lebih dari 200 huruf.' };
      return { ok: true, value: v === '' ? null : v };
    case 'nkk':
    case 'nik':
      return /^\d{16}$/.test(v)
        ? { ok: true, value: v }
        : { ok: false, reason: `${field.toUpperCase()} harus 16 digit angka.` };
  }
}

const FIELD_OF: Record<Exclude<Dp4Column, 'kode_desa' | 'tps'>, keyof VoterData> = {
  nkk: 'nkk',
  nik: 'nik',
  nama: 'name',
  tempat_lahir: 'birthPlace',
  tanggal_lahir: 'birthDate',
  status_kawin: 'marital',
  jenis_kelamin: 'sex',
  alamat: 'address',
  rt: 'rt',
  rw: 'rw',
  disabilitas: 'disability',
  ktp_el: 'ktpEl',
  keterangan: 'remarks',
};

/** The column name of a voter field, for reports (`birthDate` → `tanggal_lahir`). */
export const COLUMN_OF = Object.fromEntries(
  Object.entries(FIELD_OF).map(([col, f]) => [f, col]),
) as Record<keyof VoterData, Dp4Column>;

export interface PersonProblem {
  readonly code:
    | 'person.nik'
    | 'person.sex_not_nik'
    | 'person.birth_not_nik'
    | 'person.nkk'
    | 'person.born_after_voting_day'
    | 'person.under_17';
  readonly field: keyof VoterData;
  readonly reason: string;
}

/**
 * Cross-field rules of a person: the NIK's date and sex agree with the stated
 * date of birth and sex; the NKK's form; eligible on voting day.
 */
export function checkPerson(
  data: VoterData,
  ctx: Pick<Dp4Context, 'knownPrefixes' | 'votingDay'>,
): PersonProblem[] {
  const problems: PersonProblem[] = [];
  const nik = parseNik(data.nik, ctx.knownPrefixes, ctx.votingDay);
  if (!nik.ok) {
    problems.push({ code: 'person.nik', field: 'nik', reason: nik.error.message });
  } else {
    if (nik.value.sex !== data.sex) {
      problems.push({
        code: 'person.sex_not_nik',
        field: 'sex',
        reason:
          nik.value.sex === 'P'
            ? 'Jenis kelamin tidak sesuai NIK (hari lahir di NIK ditambah 40: perempuan).'
            : 'Jenis kelamin tidak sesuai NIK (hari lahir di NIK tanpa tambahan 40: laki-laki).',
      });
    }
    if (nik.value.birthDate.slice(2) !== data.birthDate.slice(2)) {
      problems.push({
        code: 'person.birth_not_nik',
        field: 'birthDate',
        reason: `Tanggal lahir ${formatTanggal(data.birthDate)} tidak sesuai NIK.`,
      });
    }
  }
  const nkk = checkNkk(data.nkk, ctx.knownPrefixes, ctx.votingDay);
  if (!nkk.ok) problems.push({ code: 'person.nkk', field: 'nkk', reason: nkk.error.message });
  if (data.birthDate > ctx.votingDay) {
    problems.push({
      code: 'person.born_after_voting_day',
      field: 'birthDate',
      reason: 'Tanggal lahir sesudah hari pemungutan suara.',
    });
  } else {
    const e = eligibilityOn(data.birthDate, data.marital, ctx.votingDay);
    if (!e.eligible) {
      problems.push({
        code: 'person.under_17',
        field: 'birthDate',
        reason: `Belum berumur 17 tahun pada hari pemungutan suara ${formatTanggal(ctx.votingDay)} (umur ${String(e.age)}) dan belum pernah kawin.`,
      });
    }
  }
  return problems;
}

/**
 * Checks one record of a DP4 file (values keyed by column). Returns the row,
 * or every problem found (one per field at most, the first reason).
 */
export function checkDp4Row(
  line: number,
  values: Readonly<Record<Dp4Column, string>>,
  ctx: Dp4Context,
): { ok: true; row: Dp4Row } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const data: Record<string, string | null> = {};
  for (const [column, field] of Object.entries(FIELD_OF) as [
    Exclude<Dp4Column, 'kode_desa' | 'tps'>,
    keyof VoterData,
  ][]) {
    const checked = checkVoterField(field, values[column]);
    if (checked.ok) data[field] = checked.value;
    else problems.push({ line, field: column, reason: checked.reason });
  }
  const desaCode = values.kode_desa.trim();
  const tpsText = values.tps.trim();
  const tpsNumber = /^\d{1,3}$/.test(tpsText) ? Number(tpsText) : Number.NaN;
  if (!desaCode.startsWith(`${ctx.regencyCode}.`) || !ctx.desaExists(desaCode)) {
    problems.push({
      line,
      field: 'kode_desa',
      reason: `Kode desa "${desaCode}" tidak ada di kabupaten ${ctx.regencyCode}.`,
    });
  } else if (!Number.isInteger(tpsNumber) || tpsNumber < 1) {
    problems.push({ line, field: 'tps', reason: 'Nomor TPS harus angka 1–999.' });
  } else if (!ctx.tpsExists(desaCode, tpsNumber)) {
    problems.push({
      line,
      field: 'tps',
      reason: `TPS ${String(tpsNumber).padStart(3, '0')} tidak ada (atau nonaktif) di desa ${desaCode}.`,
    });
  }
  if (
    problems.some((p) =>
      ['nik', 'nkk', 'tanggal_lahir', 'jenis_kelamin', 'status_kawin'].includes(p.field),
    )
  ) {
    return { ok: false, problems };
  }
  const voter = data as unknown as VoterData;
  for (const p of checkPerson(voter, ctx)) {
    problems.push({ line, field: COLUMN_OF[p.field], reason: p.reason });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, row: { ...voter, line, desaCode, tpsNumber } };
}
