/**
 * Who may do what, and over which territory. This file is the one place the
 * permissions are declared; it is meant to be read by a non-programmer.
 *
 * A role is held over a scope:
 *   regency   – the whole kabupaten/kota
 *   korwil    – the kecamatan of one Korwil
 *   kecamatan – one kecamatan and its desa
 *   desa      – one desa and its TPS
 *   tps       – one TPS
 * A permission marked "own scope" applies only inside the holder's scope;
 * "everywhere" applies to the whole regency whatever the scope.
 */
export const ROLES = [
  'admin',
  'bupati',
  'ketua_desk',
  'sekretaris_desk',
  'korwil',
  'pembina_kecamatan',
  'operator_kpu',
  'ppk',
  'pps',
  'kpps',
  'pantarlih',
  'pengawas',
] as const;
export type Role = (typeof ROLES)[number];

export type ScopeKind = 'regency' | 'korwil' | 'kecamatan' | 'desa' | 'tps';

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Admin sistem',
  bupati: 'Bupati',
  ketua_desk: 'Ketua Desk Pilkada',
  sekretaris_desk: 'Sekretaris Desk Pilkada',
  korwil: 'Korwil',
  pembina_kecamatan: 'Pembina kecamatan',
  operator_kpu: 'Operator KPU',
  ppk: 'PPK',
  pps: 'PPS',
  kpps: 'KPPS',
  pantarlih: 'Pantarlih',
  pengawas: 'Pengawas (Bawaslu)',
};

/** The scope each role is held over. */
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  admin: 'regency',
  bupati: 'regency',
  ketua_desk: 'regency',
  sekretaris_desk: 'regency',
  korwil: 'korwil',
  pembina_kecamatan: 'kecamatan',
  operator_kpu: 'regency',
  ppk: 'kecamatan',
  pps: 'desa',
  kpps: 'tps',
  pantarlih: 'tps',
  pengawas: 'regency',
};

export const PERMISSIONS = [
  'registry.read',
  'tps.manage',
  'korwil.manage',
  'contest.manage',
  'stage.manage',
  'account.manage',
  'audit.read',
  'result.read',
  'result.submit',
  'result.verify',
  'result.window',
  // Field problems (lapor cepat part 2)
  'problem.report',
  'problem.read',
  'problem.handle',
  'problem.comment',
  'problem.summary',
  'problem.configure',
  // People (desk organisation, ad hoc rosters, Bimtek, ASN)
  'desk.read',
  'desk.manage',
  'roster.read',
  'roster.manage',
  'bimtek.read',
  'bimtek.manage',
  'asn.read',
  'asn.manage',
  'asn.attendance',
  // Voter data (DP4, coklit, DPS/DPT)
  'voter.import',
  'voter.read',
  'voter.progress',
  'voter.unmask',
  'coklit.record',
  'coklit.photo',
  'coklit.window',
  'dps.compile',
  'dpt.fix',
  // News and outreach (sosialisasi) — issue 8, branch berita
  'news.write',
  'news.publish',
  // Dashboard and reports (issue 8)
  'dashboard.read',
  'report.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABEL: Record<Permission, string> = {
  'registry.read': 'Melihat wilayah, TPS, dan jumlah pemilih',
  'tps.manage': 'Menambah, mengubah, dan menonaktifkan TPS',
  'korwil.manage': 'Mengatur Korwil dan kecamatannya',
  'contest.manage': 'Mengatur pemilihan dan pasangan calon',
  'stage.manage': 'Mengatur jadwal tahapan',
  'account.manage': 'Mengelola akun pengguna',
  'audit.read': 'Melihat jejak audit',
  'result.read': 'Melihat hasil penghitungan suara (C.Hasil) dan rekapnya',
  'result.submit': 'Mengirim dan mengoreksi C.Hasil-KWK sebuah TPS',
  'result.verify': 'Memverifikasi atau mengembalikan C.Hasil-KWK',
  'result.window': 'Membuka penerimaan hasil lebih awal (gladi)',
  // Field problems (lapor cepat part 2)
  'problem.report': 'Melaporkan masalah lapangan',
  'problem.read': 'Melihat laporan masalah',
  'problem.handle': 'Menerima, menangani, meneruskan, dan menutup laporan masalah',
  'problem.comment': 'Mengomentari laporan masalah',
  'problem.summary': 'Melihat ringkasan masalah untuk Bupati',
  'problem.configure': 'Mengatur kategori masalah dan batas waktu tanggapan',
  // People
  'desk.read': 'Melihat susunan Desk Pilkada (ketua, sekretaris, Korwil, pembina)',
  'desk.manage': 'Mengatur susunan Desk Pilkada',
  'roster.read': 'Melihat daftar anggota PPK, PPS, KPPS, dan Pantarlih',
  'roster.manage': 'Mengisi dan mengimpor daftar anggota badan adhoc',
  'bimtek.read': 'Melihat Bimtek, daftar hadir, dan rekapnya',
  'bimtek.manage': 'Mengatur Bimtek, gelombang, materi, daftar hadir, dan nilai',
  'asn.read': 'Melihat rekap kehadiran ASN di TPS',
  'asn.manage': 'Mengisi dan mengimpor daftar ASN',
  'asn.attendance': 'Mencatat kehadiran ASN di TPS pada hari pemungutan suara',
  // Voter data (DP4, coklit, DPS/DPT)
  'voter.import': 'Mengimpor DP4',
  'voter.read': 'Melihat daftar pemilih (NIK/NKK tersamar) dan riwayat perubahannya',
  'voter.progress': 'Melihat kemajuan coklit dan rekap jumlah pemilih',
  'voter.unmask': 'Membuka NIK/NKK lengkap seorang pemilih (tercatat di jejak audit)',
  'coklit.record': 'Mencatat hasil coklit (MS, U, TMS, pemilih baru) di TPS sendiri',
  'coklit.photo': 'Menambah foto kunjungan rumah tangga coklit (rumah dengan stikernya)',
  'coklit.window': 'Membuka kembali masa coklit di luar jadwal',
  'dps.compile': 'Menyusun DPS desa dan mencatat tanggapan masyarakat',
  'dpt.fix': 'Menetapkan DPT desa',
  // News and outreach (sosialisasi)
  'news.write': 'Menulis berita, mengunggah fotonya, dan mengajukannya untuk ditinjau',
  'news.publish': 'Meninjau, menerbitkan, dan mengembalikan berita ke draf dengan catatan',
  // Dashboard and reports (issue 8)
  'dashboard.read':
    'Melihat dasbor Bupati, membuat dan mengunduh laporan harian dan mingguan Desk Pilkada',
  'report.configure': 'Mengatur jam pembuatan otomatis laporan harian dan mingguan',
};

/**
 * The table: for each role, its permissions and where they apply.
 * Public (no sign-in) may read the stage calendar and the contests, and
 * published news (never a draft or a submitted item).
 *
 * News (issue 8): writers are the desk's staff (Korwil, pembina kecamatan)
 * and the KPU operator; the desk's leadership (ketua, sekretaris) and the
 * admin review and publish (and may write). News is regency-wide, so both
 * permissions hold everywhere.
 */
export const GRANTS: Record<Role, Partial<Record<Permission, 'own scope' | 'everywhere'>>> = {
  admin: {
    'registry.read': 'everywhere',
    'tps.manage': 'everywhere',
    'korwil.manage': 'everywhere',
    'contest.manage': 'everywhere',
    'stage.manage': 'everywhere',
    'account.manage': 'everywhere',
    'audit.read': 'everywhere',
    'result.read': 'everywhere',
    'result.submit': 'everywhere',
    'result.verify': 'everywhere',
    'result.window': 'everywhere',
    // Field problems (lapor cepat part 2)
    'problem.report': 'everywhere',
    'problem.read': 'everywhere',
    'problem.handle': 'everywhere',
    'problem.comment': 'everywhere',
    'problem.summary': 'everywhere',
    'problem.configure': 'everywhere',
    // People
    'desk.read': 'everywhere',
    'desk.manage': 'everywhere',
    'roster.read': 'everywhere',
    'roster.manage': 'everywhere',
    'bimtek.read': 'everywhere',
    'bimtek.manage': 'everywhere',
    'asn.read': 'everywhere',
    'asn.manage': 'everywhere',
    'asn.attendance': 'everywhere',
    // Voter data
    'voter.import': 'everywhere',
    'voter.read': 'everywhere',
    'voter.progress': 'everywhere',
    'voter.unmask': 'everywhere',
    'coklit.photo': 'everywhere',
    'coklit.window': 'everywhere',
    'dps.compile': 'everywhere',
    'dpt.fix': 'everywhere',
    // News and outreach (issue 8)
    'news.write': 'everywhere',
    'news.publish': 'everywhere',
    // Dashboard and reports (issue 8)
    'dashboard.read': 'everywhere',
    'report.configure': 'everywhere',
  },
  bupati: {
    'registry.read': 'everywhere',
    'result.read': 'everywhere',
    // Field problems (lapor cepat part 2)
    'problem.read': 'everywhere',
    'problem.summary': 'everywhere',
    // People
    'desk.read': 'everywhere',
    'roster.read': 'everywhere',
    'bimtek.read': 'everywhere',
    'asn.read': 'everywhere',
    // Voter data
    'voter.progress': 'everywhere',
    // Dashboard and reports (issue 8)
    'dashboard.read': 'everywhere',
  },
  ketua_desk: {
    'registry.read': 'everywhere',
    'korwil.manage': 'everywhere',
    'result.read': 'everywhere',
    // Field problems (lapor cepat part 2)
    'problem.read': 'everywhere',
    'problem.handle': 'everywhere',
    'problem.comment': 'everywhere',
    'problem.summary': 'everywhere',
    'problem.configure': 'everywhere',
    // People
    'desk.read': 'everywhere',
    'desk.manage': 'everywhere',
    'roster.read': 'everywhere',
    'bimtek.read': 'everywhere',
    'asn.read': 'everywhere',
    // Voter data
    'voter.progress': 'everywhere',
    // News and outreach (issue 8)
    'news.write': 'everywhere',
    'news.publish': 'everywhere',
    // Dashboard and reports (issue 8)
    'dashboard.read': 'everywhere',
    'report.configure': 'everywhere',
  },
  sekretaris_desk: {
    'registry.read': 'everywhere',
    'korwil.manage': 'everywhere',
    'result.read': 'everywhere',
    // Field problems (lapor cepat part 2)
    'problem.read': 'everywhere',
    'problem.handle': 'everywhere',
    'problem.comment': 'everywhere',
    'problem.summary': 'everywhere',
    'problem.configure': 'everywhere',
    // People
    'desk.read': 'everywhere',
    'desk.manage': 'everywhere',
    'roster.read': 'everywhere',
    'bimtek.read': 'everywhere',
    'asn.read': 'everywhere',
    'asn.manage': 'everywhere',
    // Voter data
    'voter.progress': 'everywhere',
    // News and outreach (issue 8)
    'news.write': 'everywhere',
    'news.publish': 'everywhere',
    // Dashboard and reports (issue 8)
    'dashboard.read': 'everywhere',
    'report.configure': 'everywhere',
  },
  korwil: {
    'registry.read': 'own scope',
    'result.read': 'own scope',
    // Field problems (lapor cepat part 2)
    'problem.read': 'own scope',
    'problem.handle': 'own scope',
    'problem.comment': 'own scope',
    // People
    'desk.read': 'everywhere',
    'roster.read': 'own scope',
    // Voter data
    'voter.progress': 'own scope',
    // News and outreach (issue 8)
    'news.write': 'everywhere',
  },
  pembina_kecamatan: {
    'registry.read': 'own scope',
    'result.read': 'own scope',
    // Field problems (lapor cepat part 2)
    'problem.report': 'own scope',
    'problem.read': 'own scope',
    'problem.comment': 'own scope',
    // People
    'desk.read': 'everywhere',
    'roster.read': 'own scope',
    // Voter data
    'voter.progress': 'own scope',
    // News and outreach (issue 8)
    'news.write': 'everywhere',
  },
  operator_kpu: {
    'registry.read': 'everywhere',
    'tps.manage': 'everywhere',
    'contest.manage': 'everywhere',
    'stage.manage': 'everywhere',
    'result.read': 'everywhere',
    // People
    'roster.read': 'everywhere',
    'roster.manage': 'everywhere',
    'bimtek.read': 'everywhere',
    'bimtek.manage': 'everywhere',
    // Voter data
    'voter.import': 'everywhere',
    'voter.read': 'everywhere',
    'voter.progress': 'everywhere',
    'voter.unmask': 'everywhere',
    'coklit.photo': 'everywhere',
    'dps.compile': 'everywhere',
    'dpt.fix': 'everywhere',
    // News and outreach (issue 8)
    'news.write': 'everywhere',
  },
  ppk: {
    'registry.read': 'own scope',
    'tps.manage': 'own scope',
    'result.read': 'own scope',
    'result.verify': 'own scope',
    // Field problems (lapor cepat part 2)
    'problem.report': 'own scope',
    'problem.read': 'own scope',
    'problem.comment': 'own scope',
    // People
    'roster.read': 'own scope',
    // Voter data
    'voter.read': 'own scope',
    'voter.progress': 'own scope',
    'coklit.photo': 'own scope',
  },
  pps: {
    'registry.read': 'own scope',
    'tps.manage': 'own scope',
    'result.read': 'own scope',
    'result.submit': 'own scope',
    // Field problems (lapor cepat part 2)
    'problem.report': 'own scope',
    'problem.read': 'own scope',
    'problem.comment': 'own scope',
    // Voter data
    'voter.read': 'own scope',
    'voter.progress': 'own scope',
    'voter.unmask': 'own scope',
    'coklit.photo': 'own scope',
    'dps.compile': 'own scope',
  },
  kpps: {
    'registry.read': 'own scope',
    'result.read': 'own scope',
    'result.submit': 'own scope',
    // Field problems (lapor cepat part 2)
    'problem.report': 'own scope',
    'problem.read': 'own scope',
    'problem.comment': 'own scope',
    // People
    'asn.attendance': 'own scope',
  },
  pantarlih: {
    'registry.read': 'own scope',
    // Field problems (lapor cepat part 2)
    'problem.report': 'own scope',
    'problem.read': 'own scope',
    'problem.comment': 'own scope',
    // Voter data
    'voter.read': 'own scope',
    'voter.progress': 'own scope',
    'voter.unmask': 'own scope',
    'coklit.record': 'own scope',
    'coklit.photo': 'own scope',
  },
  pengawas: {
    'registry.read': 'everywhere',
    'result.read': 'everywhere',
    // Field problems (lapor cepat part 2)
    'problem.report': 'everywhere',
    'problem.read': 'everywhere',
    'problem.comment': 'everywhere',
    // People
    'roster.read': 'everywhere',
    'bimtek.read': 'everywhere',
    // Voter data
    'voter.read': 'everywhere',
    'voter.progress': 'everywhere',
  },
};
