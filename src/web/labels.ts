/** Indonesian labels for codes the API sends. */
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
