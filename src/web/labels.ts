/** Indonesian labels for codes the API sends. */
import { formatTanggal } from '../domain/common/format.ts';
import type { StageKind, StagePhase } from '../domain/stages/stage.rules.ts';

export const STAGE_KIND_LABEL: Record<StageKind, string> = {
  dp4: 'Penyerahan DP4',
  pembentukan_badan_adhoc: 'Pembentukan PPK, PPS, dan KPPS',
  pemutakhiran_data_pemilih: 'Pemutakhiran dan penyusunan daftar pemilih',
  coklit: 'Pencocokan dan penelitian (coklit)',
  dps: 'Penyusunan dan pengumuman DPS',
  dpt: 'Penetapan DPT',
  pendaftaran_paslon: 'Pendaftaran pasangan calon',
  penetapan_paslon: 'Penetapan pasangan calon',
  pengundian_nomor_urut: 'Pengundian nomor urut',
  kampanye: 'Kampanye',
  masa_tenang: 'Masa tenang',
  pemungutan_suara: 'Pemungutan suara',
  rekapitulasi: 'Penghitungan dan rekapitulasi',
  lainnya: 'Lainnya',
};

export const STAGE_PHASE_LABEL: Record<StagePhase, string> = {
  selesai: 'Selesai',
  berlangsung: 'Sedang berlangsung',
  akan_datang: 'Akan datang',
};

export const TPS_STATUS_LABEL: Record<'aktif' | 'nonaktif', string> = {
  aktif: 'Aktif',
  nonaktif: 'Nonaktif',
};

/** Audit trail actions, in words (unknown ones are shown as their code). */
export const ACTION_LABEL: Record<string, string> = {
  'auth.sign_in': 'Masuk',
  'auth.sign_out': 'Keluar',
  'auth.sign_out_everywhere': 'Keluar dari semua perangkat',
  'auth.password_change': 'Ganti kata sandi',
  'account.create': 'Tambah akun',
  'account.import': 'Impor akun dari CSV',
  'account.reset_password': 'Reset kata sandi',
  'account.disable': 'Nonaktifkan akun',
  'account.enable': 'Aktifkan akun',
  'tps.create': 'Tambah TPS',
  'tps.update': 'Ubah TPS',
  'tps.retire': 'Nonaktifkan TPS',
  'korwil.create': 'Bentuk Korwil',
  'korwil.update': 'Ubah Korwil',
  'korwil.move_kecamatan': 'Pindahkan kecamatan',
  'contest.create': 'Tambah pemilihan',
  'pair.create': 'Tambah pasangan calon',
  'pair.delete': 'Hapus pasangan calon',
  'stage.create': 'Tambah tahapan',
  'stage.update': 'Ubah tahapan',
  'stage.delete': 'Hapus tahapan',
  'setup.init': 'Penyiapan awal',
  'setup.init_demo': 'Penyiapan data demo',
};

/** What an audit row is about (its `targetType`), in words. */
export const TARGET_LABEL: Record<string, string> = {
  user: 'akun',
  session: 'sesi',
  tps: 'TPS',
  desa: 'desa',
  kecamatan: 'kecamatan',
  korwil: 'Korwil',
  regency: 'kabupaten',
  contest: 'pemilihan',
  candidate_pair: 'pasangan calon',
  stage: 'tahapan',
  request: 'permintaan',
};

/** A role's scope kind (`desa`, `tps`…), in words. */
export const SCOPE_KIND_LABEL: Record<string, string> = {
  regency: 'kabupaten',
  korwil: 'Korwil',
  kecamatan: 'kecamatan',
  desa: 'desa',
  tps: 'TPS',
};

export const OUTCOME_LABEL: Record<'ok' | 'denied', string> = {
  ok: 'Berhasil',
  denied: 'Ditolak',
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant (ISO 8601) as WIB wall time: `27 November 2024 14.05`. */
export function formatWaktuWib(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  // WIB is UTC+7 all year (no daylight saving).
  const d = new Date(ms + 7 * 3_600_000);
  const date = `${String(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  return `${formatTanggal(date)} ${pad2(d.getUTCHours())}.${pad2(d.getUTCMinutes())}`;
}
