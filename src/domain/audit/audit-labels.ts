/**
 * The audit trail in words: each action code and target type as the admin
 * reads it ("Laporan masalah baru", "laporan masalah #16") instead of
 * "problem.report", "problem 16". Pure; the audit page renders these.
 */

/** Every action the server records (a test reads the server's code for new ones). */
export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = {
  'auth.sign_in': 'Masuk',
  'auth.sign_out': 'Keluar',
  'auth.sign_out_everywhere': 'Keluar dari semua perangkat',
  'auth.password_change': 'Ganti kata sandi',
  'account.create': 'Tambah akun',
  'account.import': 'Impor akun dari CSV',
  'account.reset_password': 'Reset kata sandi',
  'account.disable': 'Nonaktifkan akun',
  'auth.throttle_lift': 'Lepaskan penahanan masuk',
  'account.enable': 'Aktifkan akun',
  'asn.import': 'Impor daftar ASN',
  'asn.voted': 'Catat kehadiran ASN memilih',
  'bimtek.create': 'Buat bimtek',
  'bimtek.wave_add': 'Tambah gelombang bimtek',
  'bimtek.session_add': 'Tambah sesi bimtek',
  'bimtek.material_add': 'Tambah materi bimtek',
  'bimtek.attendance': 'Catat kehadiran bimtek',
  'bimtek.scores': 'Catat nilai bimtek',
  'coklit.record': 'Catat hasil coklit',
  'coklit.new_voter': 'Tambah pemilih baru (coklit)',
  'coklit.household_photo': 'Foto rumah tangga (coklit)',
  'coklit.window_reopen': 'Buka kembali masa coklit',
  'contest.create': 'Tambah pemilihan',
  'desk.position_add': 'Tambah jabatan Desk',
  'desk.position_remove': 'Hapus jabatan Desk',
  'dps.compile': 'Susun DPS',
  'dpt.compile': 'Susun DPT',
  'dps.tanggapan': 'Catat tanggapan DPS',
  'dps.tanggapan_public': 'Tanggapan DPS dari masyarakat',
  'dps.tanggapan_resolve': 'Tindak lanjut tanggapan DPS',
  'korwil.create': 'Bentuk Korwil',
  'korwil.update': 'Ubah Korwil',
  'korwil.move_kecamatan': 'Pindahkan kecamatan',
  'news.create': 'Tulis berita',
  'news.edit': 'Ubah berita',
  'news.ajukan': 'Ajukan berita',
  'news.terbitkan': 'Terbitkan berita',
  'news.kembalikan': 'Kembalikan berita ke penulis',
  'news.photo': 'Tambah foto berita',
  'news.photo_remove': 'Hapus foto berita',
  'pair.create': 'Tambah pasangan calon',
  'pair.delete': 'Hapus pasangan calon',
  'problem.report': 'Laporan masalah baru',
  'problem.report_public': 'Laporan masalah dari masyarakat',
  'problem.transition': 'Ubah status laporan masalah',
  'problem.assign': 'Tunjuk penanggung jawab masalah',
  'problem.comment': 'Komentar pada laporan masalah',
  'problem.photo': 'Tambah foto laporan masalah',
  'problem.referral_update': 'Kabar dari instansi rujukan',
  'problem.configure': 'Atur kategori dan batas waktu masalah',
  'report.generate': 'Buat laporan harian',
  'report.schedule': 'Atur jadwal laporan',
  'result.submit': 'Kirim C.Hasil',
  'result.correct': 'Koreksi C.Hasil',
  'result.verify': 'Verifikasi C.Hasil',
  'result.return': 'Kembalikan C.Hasil',
  'result.photo': 'Tambah foto C.Hasil',
  'result.window_open_early': 'Buka pengiriman hasil lebih awal',
  'roster.add': 'Tambah anggota badan adhoc',
  'roster.import': 'Impor anggota badan adhoc',
  'roster.remove': 'Hapus anggota badan adhoc',
  'roster.link_account': 'Hubungkan anggota dengan akun',
  'stage.create': 'Tambah tahapan',
  'stage.update': 'Ubah tahapan',
  'stage.delete': 'Hapus tahapan',
  'setup.init': 'Penyiapan awal',
  'setup.init_demo': 'Penyiapan data demo',
  'tps.create': 'Tambah TPS',
  'tps.update': 'Ubah TPS',
  'tps.retire': 'Nonaktifkan TPS',
  'tps.delete': 'Hapus TPS',
  'voter.import': 'Impor DP4',
  'voter.unmask': 'Buka NIK lengkap pemilih',
};

/** What an audit row is about (its `targetType`), in words. */
export const AUDIT_TARGET_LABEL: Readonly<Record<string, string>> = {
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
  adhoc_member: 'anggota badan adhoc',
  asn: 'ASN',
  bimtek_event: 'bimtek',
  bimtek_wave: 'gelombang bimtek',
  coklit_household: 'rumah tangga',
  coklit_window: 'masa coklit',
  desk_position: 'jabatan Desk',
  dps_tanggapan: 'tanggapan DPS',
  news: 'berita',
  problem: 'laporan masalah',
  problem_config: 'pengaturan masalah',
  report: 'laporan harian',
  results_window: 'masa pengiriman hasil',
  setting: 'pengaturan',
  voter: 'pemilih',
  voter_import: 'impor DP4',
};

/** Targets whose id reads as a number ("laporan masalah #16"); others read as a code. */
const NUMBERED = new Set(['problem', 'news', 'user', 'voter', 'dps_tanggapan', 'report']);

function own(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * An action in words. A refused request of the CSRF check is named by its
 * method and route; an unknown code (a newer server) is said as such.
 */
export function auditActionLabel(action: string): string {
  const known = own(AUDIT_ACTION_LABEL, action);
  if (known !== undefined) return known;
  const http = /^http\.([a-z]+) (.*)$/.exec(action);
  if (http !== null) return `Permintaan ${(http[1] ?? '').toUpperCase()} ${http[2] ?? ''}`;
  return `Tindakan lain (${action})`;
}

/** `problem` `16` → `laporan masalah #16`; `tps` `42` → `TPS 42`. */
export function auditTargetLabel(targetType: string | null, targetId: string | null): string {
  if (targetType === null) return '–';
  const label = own(AUDIT_TARGET_LABEL, targetType) ?? `sasaran lain (${targetType})`;
  if (targetId === null) return label;
  return NUMBERED.has(targetType) && /^\d+$/.test(targetId)
    ? `${label} #${targetId}`
    : `${label} ${targetId}`;
}
