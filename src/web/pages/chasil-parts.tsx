/**
 * The C.Hasil-KWK form laid out as on paper: field paths, labels, the typed
 * text ↔ `ChasilForm` conversion, and a read-only view of a submitted form.
 */
import { Fragment, type ReactNode } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import {
  BALLOT_FIELDS,
  DISABILITY_FIELDS,
  SEX_COLUMNS,
  VOTER_ROWS,
  VOTER_SECTIONS,
  chasilNumbers,
  voteField,
  type BallotField,
  type ChasilForm,
  type DisabilityField,
  type SexColumn,
  type VoterRow,
  type VoterSection,
} from '../../domain/results/chasil.ts';
import type { ContestData } from '../api.ts';

export type Pair = ContestData['pairs'][number];

export const SECTION_CODE: Record<VoterSection, string> = { registered: 'I.A', voted: 'I.B' };
export const SECTION_TITLE: Record<VoterSection, string> = {
  registered: 'I.A Data pemilih',
  voted: 'I.B Pengguna hak pilih',
};
export const ROW_LABEL: Record<VoterRow, string> = {
  dpt: 'DPT',
  dptb: 'DPTb',
  dpk: 'DPK',
  total: 'Jumlah',
};
export const COLUMN_HEAD: Record<SexColumn, string> = {
  male: 'Laki-laki',
  female: 'Perempuan',
  total: 'Jumlah',
};

/** The accessible name of a cell of I.A / I.B: `I.A DPT laki-laki`, `I.B Jumlah seluruh`. */
export function cellName(section: VoterSection, row: VoterRow, col: SexColumn): string {
  const code = SECTION_CODE[section];
  if (row === 'total' && col === 'total') return `${code} Jumlah seluruh`;
  return `${code} ${ROW_LABEL[row]} ${COLUMN_HEAD[col].toLowerCase()}`;
}

export const BALLOT_NAME: Record<BallotField, string> = {
  received: 'II.1 Surat suara diterima (termasuk cadangan 2,5 %)',
  damaged: 'II.2 Surat suara rusak/keliru dicoblos',
  unused: 'II.3 Surat suara tidak digunakan',
  used: 'II.4 Surat suara digunakan',
};

export const DISABILITY_NAME: Record<DisabilityField, string> = {
  registered: 'III.1 Pemilih disabilitas terdaftar',
  voted: 'III.2 Pemilih disabilitas yang menggunakan hak pilih',
};

export const TALLY_NAME = {
  valid: 'IV.A Jumlah seluruh suara sah',
  invalid: 'IV.B Jumlah suara tidak sah',
  total: 'IV.C Jumlah seluruh suara sah dan tidak sah',
} as const;

/** Candidate pairs in ballot order, kolom kosong last. */
export function sortedPairs(pairs: readonly Pair[]): Pair[] {
  return [...pairs].sort(
    (a, b) =>
      Number(a.isKolomKosong) - Number(b.isKolomKosong) ||
      (a.ballotNumber ?? 0) - (b.ballotNumber ?? 0),
  );
}

/** How rule messages name a selection: `Paslon 01`, `Kolom kosong`. */
export function pairShort(pair: Pair): string {
  return pair.isKolomKosong || pair.ballotNumber === null
    ? 'Kolom kosong'
    : `Paslon ${String(pair.ballotNumber).padStart(2, '0')}`;
}

export function pairNames(pair: Pair): string {
  if (pair.isKolomKosong) return 'Kolom kosong';
  return pair.deputyName === null ? pair.headName : `${pair.headName} – ${pair.deputyName}`;
}

/** The accessible name of a selection's votes input. */
export function voteName(pair: Pair): string {
  return pair.isKolomKosong || pair.ballotNumber === null
    ? 'Suara kolom kosong'
    : `Suara paslon nomor urut ${String(pair.ballotNumber)}: ${pairNames(pair)}`;
}

export function pairLabels(pairs: readonly Pair[]): Record<number, string> {
  return Object.fromEntries(pairs.map((p) => [p.id, pairShort(p)]));
}

/** Every field path of the form, in the order printed on the form. */
export function fieldOrder(selectionIds: readonly number[]): string[] {
  const out: string[] = [];
  for (const section of VOTER_SECTIONS) {
    for (const row of VOTER_ROWS) {
      for (const col of SEX_COLUMNS) out.push(`${section}.${row}.${col}`);
    }
  }
  for (const b of BALLOT_FIELDS) out.push(`ballots.${b}`);
  for (const d of DISABILITY_FIELDS) out.push(`disability.${d}`);
  for (const id of selectionIds) out.push(voteField(id));
  out.push('valid', 'invalid', 'total');
  return out;
}

export type FormText = Readonly<Record<string, string>>;

/**
 * A number as typed: digits, optionally grouped with dots (`1.234`); a minus
 * or a decimal comma is kept so the rules can name it; empty or other text is NaN.
 */
export function parseCount(text: string): number {
  const t = text.trim().replace(/[\s.]/g, '');
  if (!/^-?\d+(,\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

/** The typed texts as a `ChasilForm` (empty or unreadable numbers are NaN). */
export function formOf(text: FormText, selectionIds: readonly number[]): ChasilForm {
  const n = (field: string) => parseCount(text[field] ?? '');
  const rows = (section: VoterSection) => {
    const row = (r: VoterRow) => ({
      male: n(`${section}.${r}.male`),
      female: n(`${section}.${r}.female`),
      total: n(`${section}.${r}.total`),
    });
    return { dpt: row('dpt'), dptb: row('dptb'), dpk: row('dpk'), total: row('total') };
  };
  return {
    registered: rows('registered'),
    voted: rows('voted'),
    ballots: {
      received: n('ballots.received'),
      damaged: n('ballots.damaged'),
      unused: n('ballots.unused'),
      used: n('ballots.used'),
    },
    disability: { registered: n('disability.registered'), voted: n('disability.voted') },
    votes: selectionIds.map((id) => ({ selectionId: id, votes: n(voteField(id)) })),
    valid: n('valid'),
    invalid: n('invalid'),
    total: n('total'),
  };
}

/** A submitted form as texts to edit (a correction starts from the current figures). */
export function textOf(form: ChasilForm | undefined): Record<string, string> {
  if (form === undefined) return {};
  return Object.fromEntries(chasilNumbers(form).map((x) => [x.field, String(x.value)]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A stored version's form (typed `unknown` by the API), when it has the C.Hasil shape. */
export function asChasilForm(v: unknown): ChasilForm | undefined {
  if (!isObject(v)) return undefined;
  const shaped =
    isObject(v['registered']) &&
    isObject(v['voted']) &&
    isObject(v['ballots']) &&
    isObject(v['disability']) &&
    Array.isArray(v['votes']) &&
    typeof v['valid'] === 'number';
  return shaped ? (v as unknown as ChasilForm) : undefined;
}

/** I.A or I.B as a 4 × 3 table; `cell` draws each number (an input, or text). */
export function VoterTable({
  section,
  cell,
  after,
}: {
  section: VoterSection;
  cell: (row: VoterRow, col: SexColumn) => ReactNode;
  /** Extra content after a row (its error messages). */
  after?: (row: VoterRow) => ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="table chasil-table">
        <caption className="visually-hidden">{SECTION_TITLE[section]}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Baris</span>
            </th>
            {SEX_COLUMNS.map((col) => (
              <th key={col} scope="col" className="num">
                {COLUMN_HEAD[col]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {VOTER_ROWS.map((row) => (
            <Fragment key={row}>
              <tr className={row === 'total' ? 'row-total' : undefined}>
                <th scope="row">{ROW_LABEL[row]}</th>
                {SEX_COLUMNS.map((col) => (
                  <td key={col} className="num">
                    {cell(row, col)}
                  </td>
                ))}
              </tr>
              {after?.(row)}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A submitted form, read only, laid out like the entry form. */
export function FiguresView({ form, pairs }: { form: ChasilForm; pairs: readonly Pair[] }) {
  const votesOf = new Map(form.votes.map((v) => [v.selectionId, v.votes]));
  return (
    <div className="figures">
      {VOTER_SECTIONS.map((section) => (
        <section key={section} aria-label={SECTION_TITLE[section]}>
          <h4>{SECTION_TITLE[section]}</h4>
          <VoterTable section={section} cell={(row, col) => formatAngka(form[section][row][col])} />
        </section>
      ))}
      <dl className="figures-list">
        {BALLOT_FIELDS.map((b) => (
          <Figure key={b} label={BALLOT_NAME[b]} value={form.ballots[b]} />
        ))}
        {DISABILITY_FIELDS.map((d) => (
          <Figure key={d} label={DISABILITY_NAME[d]} value={form.disability[d]} />
        ))}
        {sortedPairs(pairs).map((p) => (
          <Figure key={p.id} label={`IV ${voteName(p)}`} value={votesOf.get(p.id)} />
        ))}
        <Figure label={TALLY_NAME.valid} value={form.valid} />
        <Figure label={TALLY_NAME.invalid} value={form.invalid} />
        <Figure label={TALLY_NAME.total} value={form.total} />
      </dl>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: number | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value === undefined ? '–' : formatAngka(value)}</dd>
    </div>
  );
}

/** The numbers that differ between two versions: `Suara Paslon 01: 180 → 181`. */
export function changesBetween(
  older: ChasilForm,
  newer: ChasilForm,
  labels: Readonly<Record<number, string>>,
): string[] {
  const before = new Map(chasilNumbers(older, labels).map((x) => [x.field, x.value]));
  return chasilNumbers(newer, labels).flatMap((x) => {
    const was = before.get(x.field);
    return was === x.value
      ? []
      : [`${x.label}: ${was === undefined ? '–' : formatAngka(was)} → ${formatAngka(x.value)}`];
  });
}
