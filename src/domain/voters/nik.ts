/**
 * NIK and NKK (16-digit personal and family-card numbers) from Dukcapil.
 *
 * NIK = `PPKKCC DDMMYY NNNN`: the kecamatan of first issue (province,
 * regency, kecamatan), the day of birth (+40 for women), month, two-digit
 * year, and a serial from 0001. The year needs a century guess: the birth
 * must precede the reference day (the election), so `yy` is 20yy when that
 * date is not later than the reference day, else 19yy.
 *
 * NKK = `PPKKCC DDMMYY NNNN` too: region code, recording date, serial.
 */
import { isIsoDate } from '../common/dates.ts';
import { domainError, err, ok, type DomainError, type Result } from '../common/result.ts';

export type Sex = 'L' | 'P';

export interface NikInfo {
  readonly nik: string;
  /** `351301` — the kecamatan of first issue, digits only. */
  readonly regionPrefix: string;
  /** `35.13.01` */
  readonly kecamatanCode: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly serial: number;
}

/** Which 6-digit kecamatan codes exist (Kemendagri), e.g. a Set of `351301`. */
export type KnownPrefixes = ReadonlySet<string>;

const SIXTEEN_DIGITS = /^\d{16}$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `351301` → `35.13.01` */
export function prefixToKecamatanCode(prefix: string): string {
  return `${prefix.slice(0, 2)}.${prefix.slice(2, 4)}.${prefix.slice(4, 6)}`;
}

/** `35.13.01` → `351301` */
export function kecamatanCodeToPrefix(code: string): string {
  return code.replaceAll('.', '');
}

/** The full date of a `DDMMYY` with the century guessed so that it is not after `referenceDay`. */
export function guessCentury(day: number, month: number, yy: number, referenceDay: string): string {
  const recent = `20${pad2(yy)}-${pad2(month)}-${pad2(day)}`;
  return recent <= referenceDay ? recent : `19${pad2(yy)}-${pad2(month)}-${pad2(day)}`;
}

const invalid = (code: string, message: string, field: string): { ok: false; error: DomainError } =>
  err(domainError('invalid', code, message, field));

/**
 * Parses and checks a NIK: 16 digits, a known region prefix, a real date
 * (day 41–71 for women), a serial from 0001.
 */
export function parseNik(
  nik: string,
  known: KnownPrefixes,
  referenceDay: string,
  field = 'nik',
): Result<NikInfo> {
  if (!SIXTEEN_DIGITS.test(nik)) {
    return invalid('nik.format', 'NIK harus 16 digit angka.', field);
  }
  const prefix = nik.slice(0, 6);
  if (!known.has(prefix)) {
    return invalid(
      'nik.region',
      `Kode wilayah NIK (${prefix}) bukan kode kecamatan yang dikenal.`,
      field,
    );
  }
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;
  const birthDate = guessCentury(day, month, yy, referenceDay);
  if (day < 1 || !isIsoDate(birthDate)) {
    return invalid(
      'nik.date',
      'Tanggal lahir dalam NIK tidak sah (hari 01–31 untuk laki-laki, 41–71 untuk perempuan).',
      field,
    );
  }
  const serial = Number(nik.slice(12, 16));
  if (serial === 0) return invalid('nik.serial', 'Nomor urut NIK tidak boleh 0000.', field);
  return ok({
    nik,
    regionPrefix: prefix,
    kecamatanCode: prefixToKecamatanCode(prefix),
    birthDate,
    sex,
    serial,
  });
}

/**
 * An NKK: 16 digits, a known region prefix, a real recording date (no +40)
 * not after the reference day, a serial from 0001.
 */
export function checkNkk(nkk: string, known: KnownPrefixes, referenceDay: string): Result<string> {
  if (!SIXTEEN_DIGITS.test(nkk)) return invalid('nkk.format', 'NKK harus 16 digit angka.', 'nkk');
  if (!known.has(nkk.slice(0, 6))) {
    return invalid(
      'nkk.region',
      `Kode wilayah NKK (${nkk.slice(0, 6)}) bukan kode kecamatan yang dikenal.`,
      'nkk',
    );
  }
  const day = Number(nkk.slice(6, 8));
  const month = Number(nkk.slice(8, 10));
  const recorded = guessCentury(day, month, Number(nkk.slice(10, 12)), referenceDay);
  if (day < 1 || !isIsoDate(recorded)) {
    return invalid('nkk.date', 'Tanggal pencatatan dalam NKK tidak sah.', 'nkk');
  }
  if (Number(nkk.slice(12, 16)) === 0) {
    return invalid('nkk.serial', 'Nomor urut NKK tidak boleh 0000.', 'nkk');
  }
  return ok(nkk);
}

/** `3513014107900001` → `351301********0001` (works for NKK too). */
export function maskNik(nik: string): string {
  if (nik.length !== 16) return '*'.repeat(nik.length);
  return `${nik.slice(0, 6)}${'*'.repeat(6 + 2)}${nik.slice(12)}`;
}

/** The NIK a person with these facts would have (for fixtures, the demo and the benchmark). */
export function composeNik(prefix: string, birthDate: string, sex: Sex, serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'P' ? 40 : 0);
  return `${prefix}${pad2(day)}${m ?? '00'}${(y ?? '0000').slice(2)}${String(serial).padStart(4, '0')}`;
}
