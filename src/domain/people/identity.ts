/**
 * Identity numbers of the people the desk lists.
 *
 * NIK (16 digits, domain.md): `PPKKCC DDMMYY NNNN` — region of first issue,
 * day of birth (+40 for women), month, two-digit year, serial from 0001.
 * NIP (18 digits, civil servants): `YYYYMMDD YYYYMM G NNN` — date of birth,
 * month of appointment, gender (1 man, 2 woman), serial from 001.
 *
 * Pure format checks; whether the number belongs to the person is not
 * something a program can know.
 */
import { err, ok, type Result } from '../common/result.ts';

export interface IdProblem {
  readonly code: string;
  readonly message: string;
}

const isValidDate = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
};

/** Removes spaces, dots and dashes people type inside numbers. */
export const digitsOnly = (text: string): string => text.replace(/[\s.-]/g, '');

/** A NIK in its 16-digit form, or why it is not one. */
export function checkNik(text: string): Result<string, IdProblem> {
  const nik = digitsOnly(text);
  if (nik === '') return err({ code: 'nik_missing', message: 'NIK wajib diisi.' });
  if (!/^\d{16}$/.test(nik)) {
    return err({ code: 'nik_format', message: `NIK "${text.trim()}" harus 16 angka.` });
  }
  if (nik.slice(0, 2) === '00' || nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    return err({
      code: 'nik_region',
      message: `NIK ${nik}: enam angka pertama harus kode provinsi, kabupaten/kota, dan kecamatan.`,
    });
  }
  const rawDay = Number(nik.slice(6, 8));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = Number(nik.slice(8, 10));
  // The century is unknown; 2000 is a leap year, so 29 February passes either way.
  if (!isValidDate(2000, month, day)) {
    return err({
      code: 'nik_birth_date',
      message: `NIK ${nik}: angka ke-7 s.d. 12 bukan tanggal lahir yang sah (HHBBTT, hari +40 untuk perempuan).`,
    });
  }
  if (nik.slice(12) === '0000') {
    return err({ code: 'nik_serial', message: `NIK ${nik}: nomor urut tidak boleh 0000.` });
  }
  return ok(nik);
}

/** A NIP in its 18-digit form, or why it is not one. */
export function checkNip(text: string): Result<string, IdProblem> {
  const nip = digitsOnly(text);
  if (nip === '') return err({ code: 'nip_missing', message: 'NIP wajib diisi.' });
  if (!/^\d{18}$/.test(nip)) {
    return err({ code: 'nip_format', message: `NIP "${text.trim()}" harus 18 angka.` });
  }
  const birthYear = Number(nip.slice(0, 4));
  if (
    birthYear < 1940 ||
    !isValidDate(birthYear, Number(nip.slice(4, 6)), Number(nip.slice(6, 8)))
  ) {
    return err({
      code: 'nip_birth_date',
      message: `NIP ${nip}: delapan angka pertama bukan tanggal lahir yang sah (TTTTBBHH).`,
    });
  }
  const appointedYear = Number(nip.slice(8, 12));
  const appointedMonth = Number(nip.slice(12, 14));
  if (appointedMonth < 1 || appointedMonth > 12 || appointedYear < birthYear + 15) {
    return err({
      code: 'nip_appointment',
      message: `NIP ${nip}: angka ke-9 s.d. 14 bukan bulan pengangkatan yang sah (TTTTBB, paling cepat umur 15 tahun).`,
    });
  }
  const gender = nip.charAt(14);
  if (gender !== '1' && gender !== '2') {
    return err({
      code: 'nip_gender',
      message: `NIP ${nip}: angka ke-15 harus 1 (laki-laki) atau 2 (perempuan).`,
    });
  }
  if (nip.slice(15) === '000') {
    return err({ code: 'nip_serial', message: `NIP ${nip}: nomor urut tidak boleh 000.` });
  }
  return ok(nip);
}

/** `351301********0001`: region and serial kept, birth date hidden (UU PDP 27/2022). */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 6)}******${nik.slice(12)}` : '*'.repeat(nik.length);
}
