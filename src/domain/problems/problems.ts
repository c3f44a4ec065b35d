/**
 * Field problems (lapor cepat, part 2): categories, severities, the workflow
 * state machine, response-time targets and the duplicate rule. Pure: no I/O.
 *
 * Workflow: baru → diterima (Korwil of the kecamatan) → ditangani | diteruskan
 * (to the desk, KPU, Bawaslu, Polres, BKN, …) → selesai (resolution note) or
 * ditolak (reason). A duplicate is closed by merging it into the earlier
 * report (`digabung`), its history kept.
 */
import { domainError, err, ok, type Result } from '../common/result.ts';

// ---------------------------------------------------------------- categories

export interface Category {
  readonly code: string;
  readonly label: string;
}

/** Built-in codes with extra fields (ASN, organiser ethics) and the catch-all. */
export const ASN_CATEGORY = 'netralitas_asn';
export const ETHICS_CATEGORY = 'etik_penyelenggara';
export const OTHER_CATEGORY = 'lainnya';
export const REQUIRED_CATEGORIES: readonly string[] = [
  ASN_CATEGORY,
  ETHICS_CATEGORY,
  OTHER_CATEGORY,
];

/** The default list; the desk may rename, reorder and add (setting `problem_categories`). */
export const DEFAULT_CATEGORIES: readonly Category[] = [
  { code: 'logistik', label: 'Logistik' },
  { code: 'data_pemilih', label: 'Data pemilih' },
  { code: 'tps_akses', label: 'TPS dan aksesibilitas' },
  { code: 'keamanan', label: 'Keamanan dan ketertiban' },
  { code: ASN_CATEGORY, label: 'Netralitas ASN' },
  { code: ETHICS_CATEGORY, label: 'Etik penyelenggara' },
  { code: 'politik_uang', label: 'Politik uang' },
  { code: 'kampanye', label: 'Kampanye' },
  { code: 'bencana_cuaca', label: 'Bencana / cuaca' },
  { code: OTHER_CATEGORY, label: 'Lainnya' },
];

/** A category list the desk may save: unique codes, labels given, built-in codes kept. */
export function checkCategories(list: readonly Category[]): Result<readonly Category[]> {
  const seen = new Set<string>();
  for (const c of list) {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(c.code)) {
      return err(
        domainError(
          'invalid',
          'problem.category_code',
          `Kode kategori "${c.code}" tidak sah (huruf kecil, angka, garis bawah).`,
          'categories',
        ),
      );
    }
    if (c.label.trim() === '') {
      return err(
        domainError(
          'invalid',
          'problem.category_label',
          `Kategori "${c.code}" belum bernama.`,
          'categories',
        ),
      );
    }
    if (seen.has(c.code)) {
      return err(
        domainError(
          'invalid',
          'problem.category_duplicate',
          `Kode kategori "${c.code}" ganda.`,
          'categories',
        ),
      );
    }
    seen.add(c.code);
  }
  const missing = REQUIRED_CATEGORIES.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return err(
      domainError(
        'invalid',
        'problem.category_required',
        `Kategori bawaan tidak boleh dihapus: ${missing.join(', ')}.`,
        'categories',
      ),
    );
  }
  return ok(list);
}

// ---------------------------------------------------------------- severities

export const SEVERITIES = ['rendah', 'sedang', 'tinggi', 'darurat'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABEL: Record<Severity, string> = {
  rendah: 'Rendah',
  sedang: 'Sedang',
  tinggi: 'Tinggi',
  darurat: 'Darurat',
};

/** Severities that are pushed live to the desk's page. */
export function isUrgent(severity: Severity): boolean {
  return severity === 'tinggi' || severity === 'darurat';
}

/**
 * Response-time targets in hours: `respond` until the Korwil accepts it,
 * `settle` until it is closed (selesai or ditolak). Defaults are the desk's
 * working assumption (confidence L), configurable (setting `problem_targets`).
 */
export interface Target {
  readonly respondHours: number;
  readonly settleHours: number;
}
export type Targets = Record<Severity, Target>;

export const DEFAULT_TARGETS: Targets = {
  darurat: { respondHours: 1, settleHours: 24 },
  tinggi: { respondHours: 4, settleHours: 72 },
  sedang: { respondHours: 24, settleHours: 168 },
  rendah: { respondHours: 72, settleHours: 336 },
};

export function checkTargets(targets: Targets): Result<Targets> {
  for (const s of SEVERITIES) {
    const t = targets[s];
    if (t.respondHours > t.settleHours) {
      return err(
        domainError(
          'invalid',
          'problem.target_order',
          `Batas tanggapan ${SEVERITY_LABEL[s]} (${String(t.respondHours)} jam) melebihi batas penyelesaiannya (${String(t.settleHours)} jam).`,
          `targets.${s}`,
        ),
      );
    }
  }
  return ok(targets);
}

// ---------------------------------------------------------------- workflow

export const STATUSES = [
  'baru',
  'diterima',
  'ditangani',
  'diteruskan',
  'selesai',
  'ditolak',
  'digabung',
] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABEL: Record<Status, string> = {
  baru: 'Baru',
  diterima: 'Diterima',
  ditangani: 'Ditangani',
  diteruskan: 'Diteruskan',
  selesai: 'Selesai',
  ditolak: 'Ditolak',
  digabung: 'Digabung',
};
export const CLOSED_STATUSES: readonly Status[] = ['selesai', 'ditolak', 'digabung'];
export function isOpen(status: Status): boolean {
  return !CLOSED_STATUSES.includes(status);
}

export const ACTIONS = [
  'terima',
  'tangani',
  'teruskan',
  'selesaikan',
  'tolak',
  'gabungkan',
] as const;
export type Action = (typeof ACTIONS)[number];
export const ACTION_LABEL: Record<Action, string> = {
  terima: 'Terima',
  tangani: 'Tangani',
  teruskan: 'Teruskan',
  selesaikan: 'Selesaikan',
  tolak: 'Tolak',
  gabungkan: 'Gabungkan',
};

/** Agencies a case may be handed to. */
export const AGENCIES = [
  'desk',
  'kpu',
  'bawaslu',
  'polres',
  'bkn',
  'dkpp',
  'bpbd',
  'lainnya',
] as const;
export type Agency = (typeof AGENCIES)[number];
export const AGENCY_LABEL: Record<Agency, string> = {
  desk: 'Desk Pilkada (kabupaten)',
  kpu: 'KPU Kabupaten',
  bawaslu: 'Bawaslu Kabupaten',
  polres: 'Polres',
  bkn: 'BKN',
  dkpp: 'DKPP',
  bpbd: 'BPBD',
  lainnya: 'Instansi lain',
};

/** The one table of allowed moves: action → states it may start from → state it ends in. */
export const TRANSITIONS: Record<
  Action,
  { readonly from: readonly Status[]; readonly to: Status }
> = {
  terima: { from: ['baru'], to: 'diterima' },
  tangani: { from: ['diterima', 'diteruskan'], to: 'ditangani' },
  teruskan: { from: ['diterima', 'ditangani'], to: 'diteruskan' },
  selesaikan: { from: ['ditangani', 'diteruskan'], to: 'selesai' },
  tolak: { from: ['baru', 'diterima', 'ditangani', 'diteruskan'], to: 'ditolak' },
  gabungkan: { from: ['baru', 'diterima', 'ditangani', 'diteruskan'], to: 'digabung' },
};

/** What a transition carries; which parts are required depends on the action. */
export interface TransitionInput {
  readonly action: Action;
  /** Resolution note (selesaikan) or reason (tolak); optional note otherwise. */
  readonly note?: string | undefined;
  /** teruskan: the agency handed to. */
  readonly agency?: Agency | undefined;
  /** gabungkan: the earlier report this one duplicates. */
  readonly mergeIntoId?: number | undefined;
}

export interface TransitionOutcome {
  readonly from: Status;
  readonly to: Status;
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/** Whether `input` may move a report in state `from`, and where it ends. */
export function transition(from: Status, input: TransitionInput): Result<TransitionOutcome> {
  const rule = TRANSITIONS[input.action];
  if (!rule.from.includes(from)) {
    return err(
      domainError(
        'conflict',
        'problem.transition_not_allowed',
        `Laporan berstatus ${STATUS_LABEL[from]} tidak dapat di-${ACTION_LABEL[input.action].toLowerCase()}.`,
        'action',
      ),
    );
  }
  if (input.action === 'selesaikan' && blank(input.note)) {
    return err(
      domainError(
        'invalid',
        'problem.resolution_required',
        'Tuliskan catatan penyelesaian.',
        'note',
      ),
    );
  }
  if (input.action === 'tolak' && blank(input.note)) {
    return err(
      domainError('invalid', 'problem.reason_required', 'Tuliskan alasan penolakan.', 'note'),
    );
  }
  if (input.action === 'teruskan' && input.agency === undefined) {
    return err(
      domainError(
        'invalid',
        'problem.agency_required',
        'Pilih instansi tujuan penerusan.',
        'agency',
      ),
    );
  }
  if (input.action === 'gabungkan' && input.mergeIntoId === undefined) {
    return err(
      domainError(
        'invalid',
        'problem.merge_target_required',
        'Pilih laporan tujuan penggabungan.',
        'mergeIntoId',
      ),
    );
  }
  return ok({ from, to: rule.to });
}

/** Actions offered for a report in state `status` (for the UI). */
export function actionsFrom(status: Status): Action[] {
  return ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

// ---------------------------------------------------------------- ASN and ethics

/** Prohibited acts for ASN, SKB of 22 Sep 2022 (MenPANRB, Mendagri, BKN, KASN, Bawaslu); domain.md. */
export const ASN_VIOLATIONS = [
  'unggah_konten_kampanye',
  'bagikan_konten_kampanye',
  'suka_konten_kampanye',
  'ikuti_akun_kampanye',
  'foto_bersama_calon',
  'simbol_tangan_partisan',
  'hadir_kampanye',
  'pasang_spanduk',
  'tim_kampanye',
  'kumpulkan_ktp',
] as const;
export type AsnViolation = (typeof ASN_VIOLATIONS)[number];
export const ASN_VIOLATION_LABEL: Record<AsnViolation, string> = {
  unggah_konten_kampanye: 'Mengunggah konten kampanye di media sosial',
  bagikan_konten_kampanye: 'Membagikan konten kampanye',
  suka_konten_kampanye: 'Menyukai (like) konten kampanye',
  ikuti_akun_kampanye: 'Mengikuti akun kampanye',
  foto_bersama_calon: 'Berfoto bersama calon',
  simbol_tangan_partisan: 'Berfoto dengan simbol tangan partisan',
  hadir_kampanye: 'Menghadiri kampanye',
  pasang_spanduk: 'Memasang spanduk atau alat peraga',
  tim_kampanye: 'Menjadi anggota tim kampanye',
  kumpulkan_ktp: 'Mengumpulkan fotokopi KTP untuk calon',
};

/** Organiser code of ethics (DKPP 2/2017), principles as listed in domain.md. */
export const ETHICS_PRINCIPLES = [
  'mandiri',
  'jujur',
  'adil',
  'akuntabel',
  'berkepastian_hukum',
  'tertib',
  'profesional',
  'efektif',
  'efisien',
  'aksesibilitas',
  'kepentingan_umum',
  'keterbukaan',
  'proporsionalitas',
  'netral',
] as const;
export type EthicsPrinciple = (typeof ETHICS_PRINCIPLES)[number];
export const ETHICS_PRINCIPLE_LABEL: Record<EthicsPrinciple, string> = {
  mandiri: 'Mandiri',
  jujur: 'Jujur',
  adil: 'Adil',
  akuntabel: 'Akuntabel',
  berkepastian_hukum: 'Berkepastian hukum',
  tertib: 'Tertib',
  profesional: 'Profesional',
  efektif: 'Efektif',
  efisien: 'Efisien',
  aksesibilitas: 'Aksesibilitas',
  kepentingan_umum: 'Kepentingan umum',
  keterbukaan: 'Keterbukaan',
  proporsionalitas: 'Proporsionalitas',
  netral: 'Netral (tidak berpihak)',
};

/** Organiser bodies an ethics report may concern. */
export const ORGANISER_BODIES = [
  'KPU',
  'PPK',
  'PPS',
  'KPPS',
  'Pantarlih',
  'Bawaslu',
  'Panwascam',
  'PKD',
  'Pengawas TPS',
] as const;
export type OrganiserBody = (typeof ORGANISER_BODIES)[number];

// ---------------------------------------------------------------- overdue

export interface Overdue {
  readonly kind: 'respond' | 'settle';
  /** When the target passed (ISO instant). */
  readonly dueAt: string;
  readonly hoursLate: number;
}

const HOUR = 3_600_000;

/**
 * Is an open report late? Still `baru` after the respond target, or still
 * open after the settle target (a case stuck with another agency included).
 */
export function overdue(
  report: { readonly status: Status; readonly severity: Severity; readonly reportedAt: string },
  targets: Targets,
  now: Date,
): Overdue | null {
  if (!isOpen(report.status)) return null;
  const t = targets[report.severity];
  const start = Date.parse(report.reportedAt);
  const settleDue = start + t.settleHours * HOUR;
  const respondDue = start + t.respondHours * HOUR;
  const late = (due: number, kind: Overdue['kind']): Overdue => ({
    kind,
    dueAt: new Date(due).toISOString(),
    hoursLate: Math.floor((now.getTime() - due) / HOUR),
  });
  if (now.getTime() > settleDue) return late(settleDue, 'settle');
  if (report.status === 'baru' && now.getTime() > respondDue) return late(respondDue, 'respond');
  return null;
}

// ---------------------------------------------------------------- duplicates

/** Reports closer in time than this (hours), at the same place and category, may be duplicates. */
export const DUPLICATE_WINDOW_HOURS = 24;

export interface PlaceTime {
  readonly category: string;
  readonly kecamatanCode: string;
  readonly desaCode: string | null;
  readonly tpsId: number | null;
  readonly occurredAt: string;
}

/**
 * Same category; same place (the same TPS when both name one, else the same
 * desa when both name one, else the same kecamatan); events within
 * `DUPLICATE_WINDOW_HOURS` of each other.
 */
export function isDuplicateCandidate(
  a: PlaceTime,
  b: PlaceTime,
  windowHours: number = DUPLICATE_WINDOW_HOURS,
): boolean {
  if (a.category !== b.category) return false;
  if (a.kecamatanCode !== b.kecamatanCode) return false;
  if (a.tpsId !== null && b.tpsId !== null && a.tpsId !== b.tpsId) return false;
  if (a.desaCode !== null && b.desaCode !== null && a.desaCode !== b.desaCode) return false;
  return Math.abs(Date.parse(a.occurredAt) - Date.parse(b.occurredAt)) <= windowHours * HOUR;
}
