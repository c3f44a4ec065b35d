/**
 * Consistency rules of Model C.Hasil-KWK. Pure, no zod: shared by the server
 * (which refuses a form with issues) and the web form (which shows them next
 * to the fields while the form is typed in).
 *
 * `checkChasil` reports every violation, each with a stable code, the field
 * it belongs to and a message in Bahasa Indonesia naming the numbers.
 * An equation or comparison is only evaluated when all its numbers are whole
 * numbers ≥ 0; otherwise `chasil.not_whole_number` already names the field.
 */
import { formatAngka } from '../common/format.ts';
import { DEFAULT_MAX_VOTERS_PER_TPS } from '../tps/tps.rules.ts';
import {
  BALLOT_LABEL,
  DISABILITY_LABEL,
  SEX_COLUMNS,
  TALLY_LABEL,
  VOTER_PARTS,
  VOTER_ROWS,
  VOTER_SECTIONS,
  chasilNumbers,
  chasilValues,
  selectionName,
  voteField,
  voterCellLabel,
  type ChasilForm,
  type SexRow,
  type VoterSection,
} from './chasil.ts';

export interface ChasilContext {
  /** The selections of the contest (candidate pairs, and kolom kosong if any). */
  readonly selectionIds: readonly number[];
  /** The TPS's DPT in the TPS registry. */
  readonly registeredVoters: number;
  /** Most voters allowed on a TPS's DPT; 600 when not given. */
  readonly maxDpt?: number;
  /** Names for messages, e.g. `{ 12: 'Paslon 01' }`; otherwise `pilihan tak dikenal (kode 12)`. */
  readonly selectionLabels?: Readonly<Record<number, string>>;
}

/** Every rule, in the order its issues are reported. Descriptions are for the user guide. */
export const CHASIL_RULES = [
  {
    code: 'chasil.not_whole_number',
    description: 'Setiap angka di formulir harus bilangan bulat 0 atau lebih.',
  },
  {
    code: 'chasil.sex_sum',
    description:
      'Di setiap baris data pemilih (I.A) dan pengguna hak pilih (I.B): laki-laki + perempuan = jumlah.',
  },
  {
    code: 'chasil.registered_total_sum',
    description:
      'Jumlah pemilih terdaftar (I.A) = DPT + DPTb + DPK, untuk laki-laki, perempuan, dan jumlah.',
  },
  {
    code: 'chasil.voted_total_sum',
    description:
      'Jumlah pengguna hak pilih (I.B) = DPT + DPTb + DPK, untuk laki-laki, perempuan, dan jumlah.',
  },
  {
    code: 'chasil.voted_exceeds_registered',
    description:
      'Pengguna hak pilih (I.B) tidak boleh melebihi pemilih terdaftar (I.A) pada baris dan kolom yang sama.',
  },
  {
    code: 'chasil.dpt_exceeds_registry',
    description:
      'Jumlah pemilih DPT di formulir tidak boleh melebihi DPT TPS ini dalam daftar TPS.',
  },
  {
    code: 'chasil.dpt_above_max',
    description:
      'Jumlah pemilih DPT di formulir tidak boleh melebihi batas pemilih per TPS (600, dapat diatur).',
  },
  {
    code: 'chasil.ballots_sum',
    description:
      'Surat suara diterima = rusak/keliru coblos + tidak terpakai + terpakai (II), termasuk cadangan 2,5%.',
  },
  {
    code: 'chasil.voted_ne_ballots_used',
    description: 'Jumlah pengguna hak pilih (I.B) = surat suara terpakai (II).',
  },
  {
    code: 'chasil.used_ne_valid_plus_invalid',
    description: 'Surat suara terpakai (II) = suara sah + suara tidak sah (IV.A + IV.B).',
  },
  {
    code: 'chasil.valid_ne_sum_of_votes',
    description:
      'Suara sah (IV.A) = jumlah suara semua pasangan calon (dan kolom kosong, bila ada).',
  },
  {
    code: 'chasil.total_ne_valid_plus_invalid',
    description:
      'Jumlah suara sah dan tidak sah (IV.C) = suara sah (IV.A) + suara tidak sah (IV.B).',
  },
  {
    code: 'chasil.disabled_voted_exceeds_registered',
    description:
      'Pemilih disabilitas yang memilih tidak boleh melebihi pemilih disabilitas terdaftar (III).',
  },
  {
    code: 'chasil.disabled_exceeds_registered_total',
    description:
      'Pemilih disabilitas terdaftar (III) tidak boleh melebihi jumlah pemilih terdaftar (I.A).',
  },
  {
    code: 'chasil.disabled_voted_exceeds_voted_total',
    description:
      'Pemilih disabilitas yang memilih (III) tidak boleh melebihi jumlah pengguna hak pilih (I.B).',
  },
  {
    code: 'chasil.unknown_selection',
    description: 'Suara hanya boleh dicatat untuk pilihan yang ada dalam pemilihan ini.',
  },
  {
    code: 'chasil.missing_selection',
    description:
      'Suara setiap pilihan (pasangan calon, atau kolom kosong) harus diisi, walaupun 0.',
  },
  {
    code: 'chasil.duplicate_selection',
    description: 'Suara setiap pilihan hanya boleh diisi satu kali.',
  },
] as const satisfies readonly { code: string; description: string }[];

export type ChasilRuleCode = (typeof CHASIL_RULES)[number]['code'];

export interface ChasilIssue {
  readonly code: ChasilRuleCode;
  /** Path inside the form, e.g. `registered.dpt.male`, `ballots.used`, `votes.12`. */
  readonly field: string;
  /** For the user, in Bahasa Indonesia. */
  readonly message: string;
}

/** A rule: every violation it finds, in form order. */
export type ChasilRule = (form: ChasilForm, ctx: ChasilContext) => ChasilIssue[];

/** A count on the form: a whole number, 0 or more, exact in floating point. */
export function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function counts(...ns: readonly number[]): boolean {
  return ns.every(isCount);
}

function n(x: number): string {
  return formatAngka(x);
}

function issue(code: ChasilRuleCode, field: string, message: string): ChasilIssue {
  return { code, field, message };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sum(ns: readonly number[]): number {
  return ns.reduce((a, b) => a + b, 0);
}

// ---------------------------------------------------------------------------
// The rules, one function each

/** `chasil.not_whole_number`: every number is a whole number ≥ 0. */
export function wholeNumbers(form: ChasilForm, ctx?: ChasilContext): ChasilIssue[] {
  // Almost every form passes: only then are the numbers' names built.
  if (chasilValues(form).every(isCount)) return [];
  const out: ChasilIssue[] = [];
  for (const { field, label, value } of chasilNumbers(form, ctx?.selectionLabels)) {
    if (isCount(value)) continue;
    const written = !Number.isFinite(value)
      ? 'isian bukan angka'
      : Math.abs(value) > Number.MAX_SAFE_INTEGER
        ? `tertulis ${n(value)}, terlalu besar`
        : `tertulis ${n(value)}`;
    out.push(
      issue(
        'chasil.not_whole_number',
        field,
        `${label} harus bilangan bulat 0 atau lebih (${written}).`,
      ),
    );
  }
  return out;
}

/** `chasil.sex_sum`: laki-laki + perempuan = jumlah, in every row of I.A and I.B. */
export function sexSums(form: ChasilForm): ChasilIssue[] {
  const out: ChasilIssue[] = [];
  for (const section of VOTER_SECTIONS) {
    for (const row of VOTER_ROWS) {
      const r: SexRow = form[section][row];
      if (!counts(r.male, r.female, r.total)) continue;
      const expected = r.male + r.female;
      if (expected === r.total) continue;
      out.push(
        issue(
          'chasil.sex_sum',
          `${section}.${row}.total`,
          `${voterCellLabel(section, row, 'total')} (${n(r.total)}) harus sama dengan laki-laki + perempuan (${n(expected)}).`,
        ),
      );
    }
  }
  return out;
}

function partsSums(
  form: ChasilForm,
  section: VoterSection,
  code: 'chasil.registered_total_sum' | 'chasil.voted_total_sum',
): ChasilIssue[] {
  const out: ChasilIssue[] = [];
  const rows = form[section];
  for (const col of SEX_COLUMNS) {
    const parts = VOTER_PARTS.map((p) => rows[p][col]);
    const total = rows.total[col];
    if (!counts(...parts, total)) continue;
    const expected = sum(parts);
    if (expected === total) continue;
    out.push(
      issue(
        code,
        `${section}.total.${col}`,
        `${voterCellLabel(section, 'total', col)} (${n(total)}) harus sama dengan DPT + DPTb + DPK (${n(expected)}).`,
      ),
    );
  }
  return out;
}

/** `chasil.registered_total_sum`: I.A total = DPT + DPTb + DPK, for each column. */
export function registeredTotalSums(form: ChasilForm): ChasilIssue[] {
  return partsSums(form, 'registered', 'chasil.registered_total_sum');
}

/** `chasil.voted_total_sum`: I.B total = DPT + DPTb + DPK, for each column. */
export function votedTotalSums(form: ChasilForm): ChasilIssue[] {
  return partsSums(form, 'voted', 'chasil.voted_total_sum');
}

/** `chasil.voted_exceeds_registered`: each cell of I.B ≤ the same cell of I.A. */
export function votedWithinRegistered(form: ChasilForm): ChasilIssue[] {
  const out: ChasilIssue[] = [];
  for (const row of VOTER_ROWS) {
    for (const col of SEX_COLUMNS) {
      const voted = form.voted[row][col];
      const registered = form.registered[row][col];
      if (!counts(voted, registered) || voted <= registered) continue;
      out.push(
        issue(
          'chasil.voted_exceeds_registered',
          `voted.${row}.${col}`,
          `${voterCellLabel('voted', row, col)} (${n(voted)}) melebihi ${lowerFirst(voterCellLabel('registered', row, col))} (${n(registered)}).`,
        ),
      );
    }
  }
  return out;
}

/** `chasil.dpt_exceeds_registry`: I.A DPT total ≤ the TPS's DPT in the registry. */
export function dptWithinRegistry(form: ChasilForm, ctx: ChasilContext): ChasilIssue[] {
  const dpt = form.registered.dpt.total;
  const registry = ctx.registeredVoters;
  if (!counts(dpt) || !Number.isFinite(registry) || dpt <= registry) return [];
  return [
    issue(
      'chasil.dpt_exceeds_registry',
      'registered.dpt.total',
      `Jumlah pemilih terdaftar DPT (${n(dpt)}) melebihi DPT TPS ini dalam daftar TPS (${n(registry)}).`,
    ),
  ];
}

/** `chasil.dpt_above_max`: I.A DPT total ≤ the most voters allowed per TPS. */
export function dptWithinMax(form: ChasilForm, ctx: ChasilContext): ChasilIssue[] {
  const dpt = form.registered.dpt.total;
  const max = ctx.maxDpt ?? DEFAULT_MAX_VOTERS_PER_TPS;
  if (!counts(dpt) || !Number.isFinite(max) || dpt <= max) return [];
  return [
    issue(
      'chasil.dpt_above_max',
      'registered.dpt.total',
      `Jumlah pemilih terdaftar DPT (${n(dpt)}) melebihi batas ${n(max)} pemilih per TPS.`,
    ),
  ];
}

/** `chasil.ballots_sum`: received = damaged + unused + used. */
export function ballotsSum(form: ChasilForm): ChasilIssue[] {
  const { received, damaged, unused, used } = form.ballots;
  if (!counts(received, damaged, unused, used)) return [];
  const expected = damaged + unused + used;
  if (expected === received) return [];
  return [
    issue(
      'chasil.ballots_sum',
      'ballots.received',
      `${BALLOT_LABEL.received} (${n(received)}) harus sama dengan rusak/keliru coblos + tidak terpakai + terpakai (${n(expected)}).`,
    ),
  ];
}

/** `chasil.voted_ne_ballots_used`: voters who voted (I.B total) = ballots used. */
export function votedEqualsBallotsUsed(form: ChasilForm): ChasilIssue[] {
  const voted = form.voted.total.total;
  const used = form.ballots.used;
  if (!counts(voted, used) || voted === used) return [];
  return [
    issue(
      'chasil.voted_ne_ballots_used',
      'voted.total.total',
      `${voterCellLabel('voted', 'total', 'total')} (${n(voted)}) harus sama dengan ${lowerFirst(BALLOT_LABEL.used)} (${n(used)}).`,
    ),
  ];
}

/** `chasil.used_ne_valid_plus_invalid`: ballots used = valid + invalid. */
export function usedEqualsValidPlusInvalid(form: ChasilForm): ChasilIssue[] {
  const used = form.ballots.used;
  if (!counts(used, form.valid, form.invalid)) return [];
  const expected = form.valid + form.invalid;
  if (expected === used) return [];
  return [
    issue(
      'chasil.used_ne_valid_plus_invalid',
      'ballots.used',
      `${BALLOT_LABEL.used} (${n(used)}) harus sama dengan suara sah + tidak sah (${n(expected)}).`,
    ),
  ];
}

/** `chasil.valid_ne_sum_of_votes`: valid = the sum of the selections' votes, as entered. */
export function validEqualsSumOfVotes(form: ChasilForm): ChasilIssue[] {
  const votes = form.votes.map((v) => v.votes);
  if (!counts(form.valid, ...votes)) return [];
  const expected = sum(votes);
  if (expected === form.valid) return [];
  return [
    issue(
      'chasil.valid_ne_sum_of_votes',
      'valid',
      `${TALLY_LABEL.valid} (${n(form.valid)}) harus sama dengan jumlah suara semua pilihan (${n(expected)}).`,
    ),
  ];
}

/** `chasil.total_ne_valid_plus_invalid`: IV.C = IV.A + IV.B. */
export function totalEqualsValidPlusInvalid(form: ChasilForm): ChasilIssue[] {
  if (!counts(form.total, form.valid, form.invalid)) return [];
  const expected = form.valid + form.invalid;
  if (expected === form.total) return [];
  return [
    issue(
      'chasil.total_ne_valid_plus_invalid',
      'total',
      `${TALLY_LABEL.total} (${n(form.total)}) harus sama dengan suara sah + tidak sah (${n(expected)}).`,
    ),
  ];
}

/** `chasil.disabled_voted_exceeds_registered`: III voted ≤ III registered. */
export function disabledVotedWithinRegistered(form: ChasilForm): ChasilIssue[] {
  const { registered, voted } = form.disability;
  if (!counts(registered, voted) || voted <= registered) return [];
  return [
    issue(
      'chasil.disabled_voted_exceeds_registered',
      'disability.voted',
      `${DISABILITY_LABEL.voted} (${n(voted)}) melebihi ${lowerFirst(DISABILITY_LABEL.registered)} (${n(registered)}).`,
    ),
  ];
}

/** `chasil.disabled_exceeds_registered_total`: III registered ≤ I.A total. */
export function disabledWithinRegisteredTotal(form: ChasilForm): ChasilIssue[] {
  const disabled = form.disability.registered;
  const all = form.registered.total.total;
  if (!counts(disabled, all) || disabled <= all) return [];
  return [
    issue(
      'chasil.disabled_exceeds_registered_total',
      'disability.registered',
      `${DISABILITY_LABEL.registered} (${n(disabled)}) melebihi ${lowerFirst(voterCellLabel('registered', 'total', 'total'))} (${n(all)}).`,
    ),
  ];
}

/** `chasil.disabled_voted_exceeds_voted_total`: III voted ≤ I.B total. */
export function disabledVotedWithinVotedTotal(form: ChasilForm): ChasilIssue[] {
  const disabled = form.disability.voted;
  const all = form.voted.total.total;
  if (!counts(disabled, all) || disabled <= all) return [];
  return [
    issue(
      'chasil.disabled_voted_exceeds_voted_total',
      'disability.voted',
      `${DISABILITY_LABEL.voted} (${n(disabled)}) melebihi ${lowerFirst(voterCellLabel('voted', 'total', 'total'))} (${n(all)}).`,
    ),
  ];
}

/** How many times each selection id appears in the votes list, in order of first appearance. */
function occurrences(form: ChasilForm): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of form.votes) m.set(v.selectionId, (m.get(v.selectionId) ?? 0) + 1);
  return m;
}

/** `chasil.unknown_selection`: every vote is for a selection of the contest. */
export function unknownSelections(form: ChasilForm, ctx: ChasilContext): ChasilIssue[] {
  const known = new Set(ctx.selectionIds);
  return [...occurrences(form).keys()]
    .filter((id) => !known.has(id))
    .map((id) =>
      issue(
        'chasil.unknown_selection',
        voteField(id),
        `${capitalize(selectionName(id, ctx.selectionLabels))} bukan pilihan dalam pemilihan ini.`,
      ),
    );
}

/** `chasil.missing_selection`: every selection of the contest has its votes entered. */
export function missingSelections(form: ChasilForm, ctx: ChasilContext): ChasilIssue[] {
  const entered = occurrences(form);
  return [...new Set(ctx.selectionIds)]
    .filter((id) => !entered.has(id))
    .map((id) =>
      issue(
        'chasil.missing_selection',
        voteField(id),
        `Suara ${selectionName(id, ctx.selectionLabels)} belum diisi (isi 0 bila tidak ada suara).`,
      ),
    );
}

/** `chasil.duplicate_selection`: each selection appears once in the votes list. */
export function duplicateSelections(form: ChasilForm, ctx: ChasilContext): ChasilIssue[] {
  return [...occurrences(form)]
    .filter(([, times]) => times > 1)
    .map(([id, times]) =>
      issue(
        'chasil.duplicate_selection',
        voteField(id),
        `Suara ${selectionName(id, ctx.selectionLabels)} diisi ${String(times)} kali; cukup satu kali.`,
      ),
    );
}

const CHECKS: Record<ChasilRuleCode, ChasilRule> = {
  'chasil.not_whole_number': wholeNumbers,
  'chasil.sex_sum': sexSums,
  'chasil.registered_total_sum': registeredTotalSums,
  'chasil.voted_total_sum': votedTotalSums,
  'chasil.voted_exceeds_registered': votedWithinRegistered,
  'chasil.dpt_exceeds_registry': dptWithinRegistry,
  'chasil.dpt_above_max': dptWithinMax,
  'chasil.ballots_sum': ballotsSum,
  'chasil.voted_ne_ballots_used': votedEqualsBallotsUsed,
  'chasil.used_ne_valid_plus_invalid': usedEqualsValidPlusInvalid,
  'chasil.valid_ne_sum_of_votes': validEqualsSumOfVotes,
  'chasil.total_ne_valid_plus_invalid': totalEqualsValidPlusInvalid,
  'chasil.disabled_voted_exceeds_registered': disabledVotedWithinRegistered,
  'chasil.disabled_exceeds_registered_total': disabledWithinRegisteredTotal,
  'chasil.disabled_voted_exceeds_voted_total': disabledVotedWithinVotedTotal,
  'chasil.unknown_selection': unknownSelections,
  'chasil.missing_selection': missingSelections,
  'chasil.duplicate_selection': duplicateSelections,
};

/** The rule function of a code (for tests and for checking one rule in the web form). */
export function chasilRule(code: ChasilRuleCode): ChasilRule {
  return CHECKS[code];
}

/** Every violation of every rule, in the order of `CHASIL_RULES`; empty when the form is consistent. */
export function checkChasil(form: ChasilForm, ctx: ChasilContext): ChasilIssue[] {
  return CHASIL_RULES.flatMap((rule) => CHECKS[rule.code](form, ctx));
}

// ---------------------------------------------------------------------------
// Helpers for the form

/** Reserve ballots: 2.5 % of the DPT, rounded up (UU Pilkada art. 80). */
export const RESERVE_PER_MILLE = 25;

/** `ceil(2.5 % × dpt)` for a whole number ≥ 0 (NaN otherwise); computed in integers, no rounding slip. */
export function reserveBallots(dpt: number): number {
  if (!isCount(dpt)) return Number.NaN;
  return Math.ceil((dpt * RESERVE_PER_MILLE) / 1000);
}

/**
 * What each typed total should be, according to its parts as typed: hints
 * the web form shows next to the totals (the form itself is entered as
 * printed, never filled in). A hint is NaN when one of its parts is not a number.
 */
export interface ChasilExpectedTotals {
  /** Per section: each part's laki-laki + perempuan, and the total row from the parts' cells. */
  readonly registered: ExpectedVoterTotals;
  readonly voted: ExpectedVoterTotals;
  readonly ballots: {
    /** damaged + unused + used. */
    readonly received: number;
    /** valid + invalid (IV.A + IV.B), which must also equal I.B total. */
    readonly used: number;
  };
  /** Sum of the selections' votes. */
  readonly valid: number;
  /** valid + invalid. */
  readonly total: number;
  /** The 2.5 % reserve for the DPT typed in I.A. */
  readonly reserve: number;
}

export interface ExpectedVoterTotals {
  readonly dpt: number;
  readonly dptb: number;
  readonly dpk: number;
  readonly total: SexRow;
}

function expectedVoterTotals(rows: ChasilForm['registered']): ExpectedVoterTotals {
  const male = sum(VOTER_PARTS.map((p) => rows[p].male));
  const female = sum(VOTER_PARTS.map((p) => rows[p].female));
  return {
    dpt: rows.dpt.male + rows.dpt.female,
    dptb: rows.dptb.male + rows.dptb.female,
    dpk: rows.dpk.male + rows.dpk.female,
    total: { male, female, total: male + female },
  };
}

export function expectedTotals(form: ChasilForm): ChasilExpectedTotals {
  return {
    registered: expectedVoterTotals(form.registered),
    voted: expectedVoterTotals(form.voted),
    ballots: {
      received: form.ballots.damaged + form.ballots.unused + form.ballots.used,
      used: form.valid + form.invalid,
    },
    valid: sum(form.votes.map((v) => v.votes)),
    total: form.valid + form.invalid,
    reserve: reserveBallots(form.registered.dpt.total),
  };
}
