/**
 * Model C.Hasil-KWK: the result of one TPS for one contest, entered exactly
 * as printed on the form (totals are typed, never computed, so that the
 * consistency rules in `chasil.rules.ts` can catch a wrong sum).
 *
 * Plain types only (no zod): the web form imports this file.
 */

/** One row of I.A / I.B: laki-laki, perempuan, jumlah. */
export interface SexRow {
  readonly male: number;
  readonly female: number;
  readonly total: number;
}

/** I.A (registered) or I.B (voted): DPT, DPTb, DPK and their total row. */
export interface VoterRows {
  readonly dpt: SexRow;
  readonly dptb: SexRow;
  readonly dpk: SexRow;
  readonly total: SexRow;
}

export interface ChasilVote {
  readonly selectionId: number;
  readonly votes: number;
}

export interface ChasilForm {
  /** I.A Data pemilih (registered voters). */
  readonly registered: VoterRows;
  /** I.B Pengguna hak pilih (voters who voted). */
  readonly voted: VoterRows;
  /** II Data penggunaan surat suara. */
  readonly ballots: {
    /** Received, including the 2.5 % reserve. */
    readonly received: number;
    /** Returned by voters as damaged or wrongly marked. */
    readonly damaged: number;
    /** Unused, including what is left of the reserve. */
    readonly unused: number;
    readonly used: number;
  };
  /** III Data pemilih disabilitas. */
  readonly disability: {
    readonly registered: number;
    readonly voted: number;
  };
  /** IV Votes per selection (candidate pair, or kolom kosong). */
  readonly votes: readonly ChasilVote[];
  /** IV.A Jumlah seluruh suara sah. */
  readonly valid: number;
  /** IV.B Jumlah suara tidak sah. */
  readonly invalid: number;
  /** IV.C Jumlah seluruh suara sah dan tidak sah. */
  readonly total: number;
}

export const VOTER_SECTIONS = ['registered', 'voted'] as const;
export type VoterSection = (typeof VOTER_SECTIONS)[number];

/** The three parts of I.A / I.B, without the total row. */
export const VOTER_PARTS = ['dpt', 'dptb', 'dpk'] as const;
export type VoterPart = (typeof VOTER_PARTS)[number];
export const VOTER_ROWS = [...VOTER_PARTS, 'total'] as const;
export type VoterRow = (typeof VOTER_ROWS)[number];

export const SEX_COLUMNS = ['male', 'female', 'total'] as const;
export type SexColumn = (typeof SEX_COLUMNS)[number];

export const BALLOT_FIELDS = ['received', 'damaged', 'unused', 'used'] as const;
export type BallotField = (typeof BALLOT_FIELDS)[number];

export const DISABILITY_FIELDS = ['registered', 'voted'] as const;
export type DisabilityField = (typeof DISABILITY_FIELDS)[number];

/** The field path of a selection's votes, e.g. `votes.12`. */
export function voteField(selectionId: number): string {
  return `votes.${String(selectionId)}`;
}

/** A number of the form with its field path and its Indonesian name. */
export interface ChasilNumber {
  readonly field: string;
  readonly label: string;
  readonly value: number;
}

/** Every number of the form, in the order printed on the form. */
export function chasilNumbers(
  form: ChasilForm,
  selectionLabels?: Readonly<Record<number, string>>,
): ChasilNumber[] {
  const out: ChasilNumber[] = [];
  for (const section of VOTER_SECTIONS) {
    for (const row of VOTER_ROWS) {
      for (const col of SEX_COLUMNS) {
        out.push({
          field: `${section}.${row}.${col}`,
          label: voterCellLabel(section, row, col),
          value: form[section][row][col],
        });
      }
    }
  }
  for (const b of BALLOT_FIELDS) {
    out.push({ field: `ballots.${b}`, label: BALLOT_LABEL[b], value: form.ballots[b] });
  }
  for (const d of DISABILITY_FIELDS) {
    out.push({ field: `disability.${d}`, label: DISABILITY_LABEL[d], value: form.disability[d] });
  }
  for (const v of form.votes) {
    out.push({
      field: voteField(v.selectionId),
      label: `Suara ${selectionName(v.selectionId, selectionLabels)}`,
      value: v.votes,
    });
  }
  out.push({ field: 'valid', label: TALLY_LABEL.valid, value: form.valid });
  out.push({ field: 'invalid', label: TALLY_LABEL.invalid, value: form.invalid });
  out.push({ field: 'total', label: TALLY_LABEL.total, value: form.total });
  return out;
}

/**
 * The values of `chasilNumbers`, in the same order, without building a
 * label for each (the server checks every form; labels are needed only
 * for a number that fails).
 */
export function chasilValues(form: ChasilForm): number[] {
  const out: number[] = [];
  for (const section of VOTER_SECTIONS) {
    for (const row of VOTER_ROWS) {
      for (const col of SEX_COLUMNS) out.push(form[section][row][col]);
    }
  }
  for (const b of BALLOT_FIELDS) out.push(form.ballots[b]);
  for (const d of DISABILITY_FIELDS) out.push(form.disability[d]);
  for (const v of form.votes) out.push(v.votes);
  out.push(form.valid, form.invalid, form.total);
  return out;
}

const SECTION_NOUN: Record<VoterSection, string> = {
  registered: 'pemilih terdaftar',
  voted: 'pengguna hak pilih',
};
const PART_LABEL: Record<VoterPart, string> = { dpt: 'DPT', dptb: 'DPTb', dpk: 'DPK' };
const COLUMN_LABEL: Record<Exclude<SexColumn, 'total'>, string> = {
  male: 'laki-laki',
  female: 'perempuan',
};

/**
 * The Indonesian name of a cell of I.A / I.B, as used in messages:
 * `Pemilih terdaftar DPT laki-laki`, `Jumlah pemilih terdaftar DPT`,
 * `Jumlah pengguna hak pilih perempuan`, `Jumlah pengguna hak pilih`.
 */
export function voterCellLabel(section: VoterSection, row: VoterRow, col: SexColumn): string {
  const parts = [SECTION_NOUN[section]];
  if (row !== 'total') parts.push(PART_LABEL[row]);
  if (col !== 'total') parts.push(COLUMN_LABEL[col]);
  const text = parts.join(' ');
  return row === 'total' || col === 'total' ? `Jumlah ${text}` : capitalize(text);
}

export const BALLOT_LABEL: Record<BallotField, string> = {
  received: 'Surat suara diterima',
  damaged: 'Surat suara rusak/keliru coblos',
  unused: 'Surat suara tidak terpakai',
  used: 'Surat suara terpakai',
};

export const DISABILITY_LABEL: Record<DisabilityField, string> = {
  registered: 'Pemilih disabilitas terdaftar',
  voted: 'Pemilih disabilitas yang memilih',
};

/**
 * How a selection is named in messages: its label when known
 * (e.g. `Paslon 01`), otherwise `pilihan tak dikenal (kode 12)`.
 */
export function selectionName(
  selectionId: number,
  labels?: Readonly<Record<number, string>>,
): string {
  const label =
    labels !== undefined && Object.hasOwn(labels, selectionId) ? labels[selectionId] : undefined;
  // Not a pair of this contest: there is no name to give it.
  return label ?? `pilihan tak dikenal (kode ${String(selectionId)})`;
}

/** How a refusal names a pair: "Paslon 01", or "Kolom Kosong" (ballot number null). */
export function pairShortLabel(ballotNumber: number | null): string {
  return ballotNumber === null ? 'Kolom Kosong' : `Paslon ${String(ballotNumber).padStart(2, '0')}`;
}

/** Selection id → short label, from the contest's pairs' ballot numbers (null for kolom kosong). */
export function selectionLabelsOf(
  ballotNumbers: Readonly<Record<string, number | null>> | null | undefined,
): Record<number, string> {
  const labels: Record<number, string> = {};
  for (const [id, ballot] of Object.entries(ballotNumbers ?? {})) {
    labels[Number(id)] = pairShortLabel(ballot);
  }
  return labels;
}

/** IV.A, IV.B, IV.C. */
export const TALLY_LABEL = {
  valid: 'Suara sah',
  invalid: 'Suara tidak sah',
  total: 'Jumlah suara sah dan tidak sah',
} as const;

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
