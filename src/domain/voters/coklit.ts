/**
 * Coklit (pencocokan dan penelitian): what a Pantarlih records per voter, and
 * how it changes the voter. MS = eligible and correct; U = data changed (old
 * and new values kept); TMS with a code 1–8 (8 = wrong TPS within the desa:
 * remapped, keeps the right to vote); pemilih baru with a reason.
 */
import { domainError, err, ok, type DomainError, type Result } from '../common/result.ts';
import {
  checkPerson,
  checkVoterField,
  COLUMN_OF,
  type PersonProblem,
  type VoterData,
} from './dp4.ts';
import type { KnownPrefixes } from './nik.ts';

export const TMS_LABEL = {
  1: 'Meninggal dunia',
  2: 'Ganda',
  3: 'Di bawah umur',
  4: 'Pindah domisili',
  5: 'Bukan WNI',
  6: 'Anggota TNI',
  7: 'Anggota Polri',
  8: 'TPS tidak sesuai (dalam desa yang sama)',
} as const;
export type TmsCode = keyof typeof TMS_LABEL;
export const TMS_CODES = [1, 2, 3, 4, 5, 6, 7, 8] as const satisfies readonly TmsCode[];

export const NEW_VOTER_REASON = {
  genap_17: 'Genap 17 tahun pada hari pemungutan suara',
  kawin: 'Sudah/pernah kawin sebelum 17 tahun',
  purna_tni_polri: 'Purnawirawan/pensiunan TNI atau Polri',
  pindah_masuk: 'Pindah masuk ke desa ini',
} as const;
export type NewVoterReason = keyof typeof NEW_VOTER_REASON;

export type CoklitStatus = 'MS' | 'U' | 'TMS';

/** Fields a U (ubah) may change; the NIK identifies the person and is never changed. */
export const CHANGEABLE_FIELDS = [
  'nkk',
  'name',
  'birthPlace',
  'birthDate',
  'marital',
  'sex',
  'address',
  'rt',
  'rw',
  'disability',
  'ktpEl',
  'remarks',
] as const satisfies readonly (keyof VoterData)[];
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];

export interface VoterState {
  readonly data: VoterData;
  readonly status: CoklitStatus | null;
  readonly tmsCode: TmsCode | null;
  readonly tpsId: number;
}

export type CoklitEntry =
  | { readonly kind: 'MS'; readonly reason?: string | undefined }
  | {
      readonly kind: 'U';
      readonly changes: Partial<Record<ChangeableField, string>>;
      readonly reason?: string | undefined;
    }
  | {
      readonly kind: 'TMS';
      readonly code: TmsCode;
      readonly newTpsId?: number | undefined;
      readonly reason?: string | undefined;
    };

export interface FieldChange {
  readonly field: ChangeableField | 'tpsId';
  readonly old: string | number | null;
  readonly new: string | number | null;
}

export interface CoklitContext {
  readonly knownPrefixes: KnownPrefixes;
  readonly votingDay: string;
  /** Is this TPS active and in the voter's desa? (for TMS-8) */
  readonly tpsInSameDesa: (tpsId: number) => boolean;
}

/** Disagreements with the NIK's digits that a U may record with a reason. */
const NIK_MISMATCH: ReadonlySet<PersonProblem['code']> = new Set([
  'person.sex_not_nik',
  'person.birth_not_nik',
]);

const invalid = (
  code: string,
  message: string,
  field?: string,
): { ok: false; error: DomainError } => err(domainError('invalid', code, message, field));

/** On the list (DPS/DPT): everyone except TMS 1–7. Not yet visited counts as on the list. */
export function staysOnList(status: CoklitStatus | null, tmsCode: number | null): boolean {
  return status !== 'TMS' || tmsCode === 8;
}

/**
 * Applies one coklit record to a voter. A voter already recorded may be
 * recorded again (a correction) only with a reason.
 */
export function applyCoklit(
  state: VoterState,
  entry: CoklitEntry,
  ctx: CoklitContext,
): Result<{ next: VoterState; changes: FieldChange[] }> {
  const reason = entry.reason?.trim() ?? '';
  if (state.status !== null && reason.length < 5) {
    return invalid(
      'coklit.reason_required',
      'Pemilih ini sudah dicoklit; koreksi wajib disertai alasan (minimal 5 huruf).',
      'reason',
    );
  }
  switch (entry.kind) {
    case 'MS':
      return ok({ next: { ...state, status: 'MS', tmsCode: null }, changes: [] });
    case 'U': {
      const changes: FieldChange[] = [];
      const data: Record<string, string | null> = { ...state.data };
      for (const [field, raw] of Object.entries(entry.changes) as [ChangeableField, string][]) {
        if (!(CHANGEABLE_FIELDS as readonly string[]).includes(field)) {
          return invalid(
            'coklit.field_not_changeable',
            `Kolom ${field} tidak dapat diubah.`,
            field,
          );
        }
        const checked = checkVoterField(field, raw);
        if (!checked.ok) return invalid('coklit.invalid_value', checked.reason, field);
        const old = state.data[field];
        if (checked.value !== old) {
          changes.push({ field, old, new: checked.value });
          data[field] = checked.value;
        }
      }
      if (changes.length === 0) {
        return invalid(
          'coklit.no_change',
          'Status U (ubah) memerlukan sedikitnya satu data yang berubah; jika data sudah benar, catat MS.',
          'changes',
        );
      }
      // The checked values are the voter's fields with their own types.
      const next = data as unknown as VoterData;
      // Judged on what the change brings: a problem the stored data already
      // had (e.g. a malformed NKK from an old list) does not block a U of
      // another field.
      const before = new Set(checkPerson(state.data, ctx).map((p) => p.code));
      const problems = checkPerson(next, ctx).filter((p) => !before.has(p.code));
      const hard = problems.find((p) => !NIK_MISMATCH.has(p.code));
      if (hard !== undefined) {
        const hint =
          hard.code === 'person.under_17'
            ? ' Bila datanya memang begitu, catat TMS kode 3 (di bawah umur).'
            : '';
        return invalid('coklit.inconsistent', `${hard.reason}${hint}`, hard.field);
      }
      // The KTP-el or family card the Pantarlih sees prevails over the NIK's
      // digits (the NIK is never changed), but only with the document named.
      const mismatch = problems[0];
      if (mismatch !== undefined && reason.length < 5) {
        return invalid(
          'coklit.nik_mismatch_reason',
          `${mismatch.reason} Bila sesuai KTP-el atau KK, tulis di alasan dokumen yang dilihat (minimal 5 huruf).`,
          'reason',
        );
      }
      return ok({ next: { ...state, data: next, status: 'U', tmsCode: null }, changes });
    }
    case 'TMS': {
      if (!(TMS_CODES as readonly number[]).includes(entry.code)) {
        return invalid('coklit.tms_code', 'Kode TMS harus 1 sampai 8.', 'code');
      }
      if (entry.code !== 8) {
        if (entry.newTpsId !== undefined) {
          return invalid(
            'coklit.tps_only_for_8',
            'TPS baru hanya diisi untuk TMS kode 8 (TPS tidak sesuai).',
            'newTpsId',
          );
        }
        return ok({ next: { ...state, status: 'TMS', tmsCode: entry.code }, changes: [] });
      }
      if (entry.newTpsId === undefined) {
        return invalid('coklit.tps_required', 'TMS kode 8 memerlukan TPS yang benar.', 'newTpsId');
      }
      if (entry.newTpsId === state.tpsId) {
        return invalid(
          'coklit.same_tps',
          'TPS yang benar sama dengan TPS sekarang; catat MS bila tidak ada yang berubah.',
          'newTpsId',
        );
      }
      if (!ctx.tpsInSameDesa(entry.newTpsId)) {
        return invalid(
          'coklit.tps_other_desa',
          'TMS kode 8 hanya untuk TPS lain di desa yang sama; pindah desa dicatat TMS kode 4.',
          'newTpsId',
        );
      }
      return ok({
        next: { ...state, status: 'TMS', tmsCode: 8, tpsId: entry.newTpsId },
        changes: [{ field: 'tpsId', old: state.tpsId, new: entry.newTpsId }],
      });
    }
  }
}

/**
 * What the coklit form holds before it is sent: nothing is chosen for the
 * officer (no result, no TMS reason), and blank change boxes mean "unchanged".
 */
export interface CoklitDraft {
  readonly kind: CoklitStatus | null;
  readonly tmsCode: TmsCode | null;
  readonly newTpsId: number | null;
  readonly changes: Partial<Record<ChangeableField, string>>;
  readonly reason: string;
}

export const EMPTY_DRAFT: CoklitDraft = {
  kind: null,
  tmsCode: null,
  newTpsId: null,
  changes: {},
  reason: '',
};

/**
 * The record a draft makes, or why it cannot be sent yet. A TMS needs its
 * reason chosen explicitly: one careless tap must not record a living voter
 * as dead, so there is no default.
 */
export function entryOfDraft(draft: CoklitDraft, current: VoterData): Result<CoklitEntry> {
  const reason = draft.reason.trim() === '' ? undefined : draft.reason.trim();
  switch (draft.kind) {
    case null:
      return invalid('coklit.kind_required', 'Pilih hasil coklit: MS, U, atau TMS.', 'kind');
    case 'MS':
      return ok({ kind: 'MS', reason });
    case 'U': {
      const changes: Partial<Record<ChangeableField, string>> = {};
      for (const [field, raw] of Object.entries(draft.changes) as [ChangeableField, string][]) {
        const v = raw.trim();
        if (v !== '' && v !== (current[field] ?? '')) changes[field] = v;
      }
      if (Object.keys(changes).length === 0) {
        return invalid(
          'coklit.no_change',
          'Isi sedikitnya satu data yang berubah; jika data sudah benar, pilih MS.',
          'changes',
        );
      }
      return ok({ kind: 'U', changes, reason });
    }
    case 'TMS':
      if (draft.tmsCode === null) {
        return invalid(
          'coklit.tms_code_required',
          'Pilih alasan TMS (kode 1–8); tidak ada pilihan bawaan.',
          'code',
        );
      }
      if (draft.tmsCode === 8) {
        if (draft.newTpsId === null) {
          return invalid(
            'coklit.tps_required',
            'TMS kode 8 memerlukan TPS yang benar.',
            'newTpsId',
          );
        }
        return ok({ kind: 'TMS', code: 8, newTpsId: draft.newTpsId, reason });
      }
      return ok({ kind: 'TMS', code: draft.tmsCode, reason });
  }
}

/**
 * Finds voters of a TPS list by name (every word, any order, case and
 * accents ignored) or by the end of the NIK (digits only, e.g. the last 4
 * the masked NIK shows). A blank query matches everyone.
 */
export function matchesVoterSearch(
  voter: { readonly name: string; readonly nik: string },
  query: string,
): boolean {
  const q = query.trim();
  if (q === '') return true;
  if (/^\d+$/.test(q)) return voter.nik.endsWith(q);
  const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('id');
  const name = fold(voter.name);
  return fold(q)
    .split(/\s+/)
    .every((word) => name.includes(word));
}

/** Checks a pemilih baru (new voter found in the household). */
export function checkNewVoter(
  raw: Readonly<Record<keyof VoterData, string>>,
  ctx: Pick<CoklitContext, 'knownPrefixes' | 'votingDay'>,
): { ok: true; data: VoterData } | { ok: false; field: string; reason: string } {
  const data: Record<string, string | null> = {};
  for (const field of Object.keys(COLUMN_OF) as (keyof VoterData)[]) {
    const checked = checkVoterField(field, raw[field]);
    if (!checked.ok) return { ok: false, field, reason: checked.reason };
    data[field] = checked.value;
  }
  const voter = data as unknown as VoterData;
  const problem = checkPerson(voter, ctx)[0];
  if (problem !== undefined) return { ok: false, field: problem.field, reason: problem.reason };
  return { ok: true, data: voter };
}

export interface ActivityRecord {
  readonly officer: string;
  /** ISO instant */
  readonly at: string;
  /** Household (NKK) visited */
  readonly household: string;
}

export interface ActivityFlag {
  readonly code: 'coklit.burst' | 'coklit.tps_over_limit';
  readonly message: string;
}

/** One officer's coklit work in a region. */
export interface OfficerActivity {
  readonly officer: string;
  /** Coklit records (MS, U, TMS, new voters) */
  readonly records: number;
  /** Households visited (the first record of a household is its visit) */
  readonly households: number;
  /** ISO instants of the first and last record */
  readonly firstAt: string;
  readonly lastAt: string;
  /** The most households first visited within one window of `windowMinutes` */
  readonly busiest: number;
}

/** Each officer's records, households and busiest window, by officer name. */
export function officerActivity(
  records: readonly ActivityRecord[],
  windowMinutes = 10,
): OfficerActivity[] {
  const windowMs = windowMinutes * 60_000;
  const byOfficer = new Map<string, { t: number; at: string; household: string }[]>();
  for (const r of records) {
    const list = byOfficer.get(r.officer) ?? [];
    list.push({ t: Date.parse(r.at), at: r.at, household: r.household });
    byOfficer.set(r.officer, list);
  }
  const out: OfficerActivity[] = [];
  for (const [officer, list] of byOfficer) {
    list.sort((a, b) => a.t - b.t);
    const firstVisit = new Map<string, number>();
    for (const x of list) if (!firstVisit.has(x.household)) firstVisit.set(x.household, x.t);
    const visits = [...firstVisit.values()].sort((a, b) => a - b);
    let busiest = 0;
    let start = 0;
    for (let end = 0; end < visits.length; end++) {
      while ((visits[end] ?? 0) - (visits[start] ?? 0) > windowMs) start++;
      busiest = Math.max(busiest, end - start + 1);
    }
    out.push({
      officer,
      records: list.length,
      households: firstVisit.size,
      firstAt: list[0]?.at ?? '',
      lastAt: list[list.length - 1]?.at ?? '',
      busiest,
    });
  }
  return out.sort((a, b) => a.officer.localeCompare(b.officer, 'id'));
}

/** Households within one window from which an officer's work is implausible. */
export const BURST_HOUSEHOLDS = 20;
export const BURST_WINDOW_MINUTES = 10;

/**
 * Implausible patterns: officers who recorded `burst` or more households
 * within `windowMinutes` (a real visit takes minutes per house); the
 * activity must have been summed over the same window.
 */
export function burstFlags(
  activity: readonly OfficerActivity[],
  options: { burst?: number; windowMinutes?: number } = {},
): ActivityFlag[] {
  const burst = options.burst ?? BURST_HOUSEHOLDS;
  const windowMinutes = options.windowMinutes ?? BURST_WINDOW_MINUTES;
  return activity
    .filter((a) => a.busiest >= burst)
    .map((a) => ({
      code: 'coklit.burst',
      message: `${a.officer} mencatat ${String(a.busiest)} rumah tangga dalam ${String(windowMinutes)} menit.`,
    }));
}

/** `burstFlags` straight from the records. */
export function activityFlags(
  records: readonly ActivityRecord[],
  options: { burst?: number; windowMinutes?: number } = {},
): ActivityFlag[] {
  return burstFlags(
    officerActivity(records, options.windowMinutes ?? BURST_WINDOW_MINUTES),
    options,
  );
}

export function tpsOverLimit(listed: number, maxVoters: number): ActivityFlag | null {
  return listed > maxVoters
    ? {
        code: 'coklit.tps_over_limit',
        message: `Daftar TPS ini ${String(listed)} pemilih, melebihi batas ${String(maxVoters)}.`,
      }
    : null;
}
