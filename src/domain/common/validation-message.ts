/**
 * Plain-Indonesian validation messages that name their field ("NIP harus
 * 18 angka.", "Nama ASN paling banyak 200 karakter."), for the HTTP edge's
 * schema failures. Pure: the server maps each zod issue through here.
 */
import { formatAngka } from './format.ts';

/**
 * Field labels by path (without array indexes). A path is looked up whole,
 * then without its leading segments (`asn.name`, then `name`), so generic
 * names get one label and the few that need context get their own.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // Generic names.
  action: 'Tindakan',
  actor: 'Pelaku',
  address: 'Alamat',
  agency: 'Instansi rujukan',
  agencyName: 'Nama instansi',
  body: 'Isi',
  caption: 'Keterangan foto',
  categories: 'Kategori',
  category: 'Kategori',
  chair: 'Ketua',
  changes: 'Perubahan',
  clientId: 'Nomor kiriman',
  code: 'Kode',
  contactName: 'Nama Anda',
  contactPhone: 'Nomor telepon',
  contestId: 'Pemilihan',
  csv: 'Berkas CSV',
  currentPassword: 'Kata sandi lama',
  date: 'Tanggal',
  day: 'Hari',
  days: 'Jumlah hari',
  deputyName: 'Nama wakil',
  desaCode: 'Desa/kelurahan',
  description: 'Uraian',
  dryRun: 'Uji coba',
  enabled: 'Aktif',
  endsOn: 'Tanggal selesai',
  ethics: 'Data penyelenggara',
  external: 'Sumber luar',
  fileName: 'Nama berkas',
  form: 'Formulir C.Hasil',
  format: 'Format',
  from: 'Waktu awal',
  fullName: 'Nama lengkap',
  headName: 'Nama kepala keluarga',
  hour: 'Jam',
  id: 'Nomor',
  jabatan: 'Jabatan',
  kecamatanCode: 'Kecamatan',
  kecamatanCodes: 'Kecamatan',
  key: 'Nama pengguna atau alamat',
  kind: 'Jenis',
  korwil: 'Korwil',
  korwilId: 'Korwil',
  korwilIds: 'Korwil',
  label: 'Nama',
  latitude: 'Garis lintang',
  limit: 'Jumlah baris',
  longitude: 'Garis bujur',
  memberId: 'Anggota',
  memberIds: 'Anggota',
  mergeIntoId: 'Laporan tujuan penggabungan',
  name: 'Nama',
  newPassword: 'Kata sandi baru',
  newTpsId: 'TPS baru',
  nik: 'NIK',
  nip: 'NIP',
  note: 'Catatan',
  notes: 'Catatan',
  number: 'Nomor',
  occurredAt: 'Waktu kejadian',
  offset: 'Posisi awal',
  office: 'Instansi',
  organiser: 'Penyelenggara',
  outcome: 'Hasil',
  overdue: 'Terlambat',
  password: 'Kata sandi',
  people: 'Pihak yang terlibat',
  phone: 'Nomor telepon',
  place: 'Tempat',
  position: 'Jabatan',
  present: 'Kehadiran',
  principle: 'Prinsip yang dilanggar',
  q: 'Kata kunci',
  quote: 'Kutipan',
  reason: 'Alasan',
  referenceNumber: 'Nomor surat',
  referralId: 'Rujukan',
  referredOn: 'Tanggal rujukan',
  regionCode: 'Kode wilayah',
  remarks: 'Keterangan',
  resolution: 'Penyelesaian',
  role: 'Peran',
  roles: 'Peran',
  scope: 'Wilayah tugas',
  scores: 'Nilai',
  selectionId: 'Paslon',
  severity: 'Tingkat keparahan',
  sha256: 'Sidik foto',
  slug: 'Alamat berita',
  speaker: 'Narasumber',
  speakerOrganisation: 'Lembaga narasumber',
  startsOn: 'Tanggal mulai',
  status: 'Status',
  submitterContact: 'Kontak pengirim',
  submitterName: 'Nama pengirim',
  swornInOn: 'Tanggal pelantikan',
  targetId: 'Nomor sasaran',
  targetType: 'Jenis sasaran',
  targets: 'Batas waktu',
  title: 'Judul',
  to: 'Waktu akhir',
  topic: 'Topik',
  tpsId: 'TPS',
  tpsNumber: 'Nomor TPS',
  ukuran: 'Ukuran foto',
  until: 'Berlaku sampai',
  username: 'Nama pengguna',
  venue: 'Tempat',
  version: 'Versi',
  violation: 'Jenis pelanggaran',
  voted: 'Sudah memilih',
  voter: 'Data pemilih',
  voterId: 'Pemilih',
  voters: 'Jumlah pemilih',
  votingDay: 'Hari pemungutan suara',
  waveId: 'Gelombang',
  website: 'Situs web',
  weeklyDay: 'Hari laporan mingguan',
  // Names that need their context.
  asn: 'Data ASN',
  'asn.name': 'Nama ASN',
  'asn.nip': 'NIP',
  'asn.office': 'Instansi ASN',
  'asn.violation': 'Jenis pelanggaran ASN',
  'ethics.body': 'Lembaga penyelenggara',
  'ethics.role': 'Jabatan penyelenggara',
  'categories.code': 'Kode kategori',
  'categories.label': 'Nama kategori',
  'people.name': 'Nama narasumber',
  'roles.role': 'Peran',
  'roles.scope': 'Wilayah tugas',
  'targets.rendah': 'Batas waktu tingkat rendah',
  'targets.sedang': 'Batas waktu tingkat sedang',
  'targets.tinggi': 'Batas waktu tingkat tinggi',
  'targets.darurat': 'Batas waktu tingkat darurat',
  respondHours: 'Batas jam tanggapan',
  settleHours: 'Batas jam penyelesaian',
  birthDate: 'Tanggal lahir',
  birthPlace: 'Tempat lahir',
  disability: 'Disabilitas',
  ktpEl: 'Status KTP-el',
  marital: 'Status perkawinan',
  nkk: 'Nomor KK',
  rt: 'RT',
  rw: 'RW',
  sex: 'Jenis kelamin',
  'voter.name': 'Nama pemilih',
  'voter.nik': 'NIK pemilih',
  'voter.address': 'Alamat pemilih',
  // C.Hasil figures.
  'form.registered': 'Data pemilih (I)',
  'registered.dpt': 'Pemilih DPT',
  'registered.dptb': 'Pemilih DPTb',
  'registered.dpk': 'Pemilih DPK',
  'registered.total': 'Jumlah pemilih terdaftar',
  'form.voted': 'Pengguna hak pilih',
  'voted.dpt': 'Pengguna hak pilih DPT',
  'voted.dptb': 'Pengguna hak pilih DPTb',
  'voted.dpk': 'Pengguna hak pilih DPK',
  'voted.total': 'Jumlah pengguna hak pilih',
  'form.ballots': 'Surat suara (II)',
  'ballots.received': 'Surat suara diterima',
  'ballots.used': 'Surat suara terpakai',
  'ballots.unused': 'Surat suara tidak terpakai',
  'ballots.damaged': 'Surat suara rusak',
  'form.disability': 'Pemilih disabilitas',
  'disability.registered': 'Pemilih disabilitas terdaftar',
  'disability.voted': 'Pemilih disabilitas yang memilih',
  'form.votes': 'Perolehan suara paslon',
  'votes.votes': 'Suara paslon',
  'votes.selectionId': 'Paslon',
  'form.valid': 'Jumlah suara sah',
  'form.invalid': 'Jumlah suara tidak sah',
  'form.total': 'Jumlah suara sah dan tidak sah',
  ballotNumber: 'Nomor urut',
  preTest: 'Nilai tes awal',
  postTest: 'Nilai tes akhir',
};

/** Sex columns of the C.Hasil tables, said after their row's label. */
const SEX_SUFFIX: Readonly<Record<string, string>> = {
  male: 'laki-laki',
  female: 'perempuan',
  total: 'jumlah',
};

/** A map's own entry (never one inherited from Object, such as `constructor`). */
function own(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function labelOfNames(names: readonly string[]): string | undefined {
  for (let start = 0; start < names.length; start++) {
    const label = own(FIELD_LABELS, names.slice(start).join('.'));
    if (label !== undefined) return label;
  }
  return undefined;
}

/** The label of a field path, or undefined when none is known. */
export function fieldLabel(path: readonly (string | number)[]): string | undefined {
  const names = path.filter((p): p is string => typeof p === 'string');
  const direct = labelOfNames(names);
  if (direct !== undefined) return direct;
  const suffix = own(SEX_SUFFIX, names.at(-1) ?? '');
  const row = suffix === undefined ? undefined : labelOfNames(names.slice(0, -1));
  return row === undefined ? undefined : `${row} (${suffix ?? ''})`;
}

/** One failed check, as zod reports it (without its input). */
export interface ValidationIssue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const TYPE_WORD: Readonly<Record<string, string>> = {
  string: 'harus berupa teks',
  number: 'harus berupa angka',
  int: 'harus berupa bilangan bulat',
  boolean: 'harus berupa ya atau tidak',
  array: 'harus berupa daftar',
  object: 'harus berupa isian lengkap',
  date: 'harus berupa tanggal',
};

const FORMAT_WORD: Readonly<Record<string, string>> = {
  datetime: 'harus berupa tanggal dan jam',
  date: 'harus berupa tanggal (TTTT-BB-HH)',
  time: 'harus berupa jam',
  email: 'harus berupa alamat email',
  uuid: 'harus berupa kode acak yang sah',
  url: 'harus berupa alamat web',
};

function num(value: unknown): string {
  if (typeof value === 'number') return formatAngka(value);
  if (typeof value === 'bigint') return formatAngka(Number(value));
  return String(value);
}

/**
 * The default predicates an issue may carry (what follows the field's
 * label). Several when the input decides (missing vs wrong type), since the
 * final issue no longer holds its input.
 */
export function defaultPredicates(
  code: string,
  params: Readonly<Record<string, unknown>>,
  inputMissing?: boolean,
): string[] {
  switch (code) {
    case 'invalid_type': {
      const wrong = own(TYPE_WORD, String(params.expected)) ?? 'jenis isiannya salah';
      if (inputMissing === true) return ['wajib diisi'];
      if (inputMissing === false) return [wrong];
      return ['wajib diisi', wrong];
    }
    case 'too_small': {
      const min = params.minimum;
      if (params.origin === 'string') {
        return [min === 1 || min === 1n ? 'wajib diisi' : `paling sedikit ${num(min)} karakter`];
      }
      if (params.origin === 'array' || params.origin === 'set') {
        return [min === 1 || min === 1n ? 'wajib dipilih' : `paling sedikit ${num(min)} butir`];
      }
      return [
        params.inclusive === false ? `harus lebih dari ${num(min)}` : `paling kecil ${num(min)}`,
      ];
    }
    case 'too_big': {
      const max = params.maximum;
      if (params.origin === 'string') return [`paling banyak ${num(max)} karakter`];
      if (params.origin === 'array' || params.origin === 'set') {
        return [`paling banyak ${num(max)} butir`];
      }
      return [
        params.inclusive === false ? `harus kurang dari ${num(max)}` : `paling besar ${num(max)}`,
      ];
    }
    case 'invalid_format':
      return [own(FORMAT_WORD, String(params.format)) ?? 'formatnya tidak sesuai'];
    case 'not_multiple_of':
      return [`harus kelipatan ${num(params.divisor)}`];
    case 'invalid_value':
      return ['pilihannya tidak dikenal'];
    case 'unrecognized_keys': {
      const keys = Array.isArray(params.keys) ? params.keys.map(String).join(', ') : '';
      return [`memuat isian yang tidak dikenal (${keys})`];
    }
    default:
      return ['tidak sah'];
  }
}

/** Where a schema failure happened, for a failure without a field path. */
export const CONTEXT_LABEL: Readonly<Record<string, string>> = {
  body: 'Isian',
  querystring: 'Parameter',
  params: 'Alamat',
  headers: 'Header',
};

function sentence(text: string): string {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The message for an issue: the field's label and what is wrong with it.
 * A schema's own message is kept, prefixed by the label unless it names
 * the field already.
 */
export function validationMessage(issue: ValidationIssue, context = 'body'): string {
  const label = fieldLabel(issue.path) ?? own(CONTEXT_LABEL, context) ?? 'Isian';
  const predicates = defaultPredicates(issue.code, issue.params);
  if (predicates.includes(issue.message)) return sentence(`${label} ${issue.message}`);
  const given = issue.message.trim();
  if (given === '') return sentence(`${label} ${predicates[0] ?? 'tidak sah'}`);
  return given.toLowerCase().includes(label.toLowerCase())
    ? sentence(given)
    : sentence(`${label}: ${given}`);
}

/**
 * zod's error map for the server: the default predicate for each issue, so
 * `validationMessage` can put the field's label before it. Schemas with
 * their own message keep it.
 */
export function plainLocaleError(issue: {
  code?: string | undefined;
  input?: unknown;
  [key: string]: unknown;
}): string {
  const { code = 'custom', input, ...rest } = issue;
  const missing = code === 'invalid_type' ? input === undefined || input === null : undefined;
  return defaultPredicates(code, rest, missing)[0] ?? 'tidak sah';
}
