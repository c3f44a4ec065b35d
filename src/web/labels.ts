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

/** Audit trail actions and targets, in words (shared with the domain's tests). */
export {
  AUDIT_ACTION_LABEL as ACTION_LABEL,
  auditActionLabel,
  auditTargetLabel,
} from '../domain/audit/audit-labels.ts';

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

/** A level of place as the voter pages say it (never the API's English code). */
export const PLACE_LEVEL_LABEL: Record<string, string> = {
  province: 'Provinsi',
  regency: 'Kabupaten',
  korwil: 'Korwil',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
  tps: 'TPS',
};

/**
 * A place's name with its level, once: "Kecamatan Sukapura", but "Kabupaten
 * Probolinggo" and "Korwil I" as they are (their names carry the level).
 */
export function placeName(level: string, name: string): string {
  const label = Object.hasOwn(PLACE_LEVEL_LABEL, level) ? PLACE_LEVEL_LABEL[level] : undefined;
  if (label === undefined) return name;
  const words = label.split('/').map((w) => w.toLowerCase());
  const first = name.split(' ')[0]?.toLowerCase() ?? '';
  if (words.includes(first) || first === 'kota') return name;
  return `${label} ${name}`;
}

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
