/**
 * A CSV file with a header row, read into rows of named fields, every
 * problem reported by line. Reuses the RFC 4180 reader of the accounts
 * roster (`parseCsv`, `detectSeparator`): a file saved by a spreadsheet set
 * to Indonesian (`;`) reads the same as one with commas.
 */
import { detectSeparator, parseCsv } from '../accounts/roster-csv.ts';

export interface LineError<F extends string = string> {
  readonly line: number;
  readonly field: F | null;
  readonly code: string;
  readonly message: string;
}

export interface TableRow<F extends string> {
  readonly line: number;
  get(field: F): string;
}

export interface Table<F extends string> {
  readonly rows: TableRow<F>[];
  readonly errors: LineError<F>[];
}

export const squeezeText = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Reads `input` whose header names `required` (any order, any case) and
 * possibly `optional` columns; other columns are ignored. `prefix` starts
 * every error code (e.g. `roster`).
 */
export function readTable<F extends string>(
  input: string,
  prefix: string,
  required: readonly F[],
  optional: readonly F[] = [],
): Table<F> {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const errors: LineError<F>[] = [];
  const fail = (line: number, field: F | null, code: string, message: string) =>
    errors.push({ line, field, code: `${prefix}.${code}`, message });
  const headerText = required.join(',');
  const parsed = parseCsv(text, detectSeparator(text));
  if (!parsed.ok) {
    fail(
      parsed.unclosedQuoteLine,
      null,
      'unclosed_quote',
      'Tanda petik (") dibuka di baris ini tetapi tidak pernah ditutup.',
    );
  }
  const records = parsed.records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = records[0];
  if (header === undefined) {
    if (errors.length === 0)
      fail(1, null, 'empty', `Berkas kosong. Baris pertama harus berisi: ${headerText}.`);
    return { rows: [], errors };
  }
  const known: readonly F[] = [...required, ...optional];
  const column = new Map<F, number>();
  header.fields.forEach((raw, index) => {
    const name = squeezeText(raw).toLowerCase() as F;
    if (!known.includes(name)) return;
    if (column.has(name))
      fail(header.line, name, 'duplicate_column', `Kolom "${name}" muncul dua kali.`);
    else column.set(name, index);
  });
  for (const field of required) {
    if (!column.has(field)) {
      fail(
        header.line,
        field,
        'missing_column',
        `Kolom "${field}" tidak ada di baris judul. Baris pertama harus berisi: ${headerText}.`,
      );
    }
  }
  if (errors.length > 0) return { rows: [], errors };
  const data = records.slice(1);
  if (data.length === 0) {
    fail(header.line, null, 'no_rows', 'Berkas hanya berisi baris judul, tanpa data.');
    return { rows: [], errors };
  }
  const rows: TableRow<F>[] = [];
  for (const { line, fields } of data) {
    if (
      fields.length > header.fields.length &&
      fields.slice(header.fields.length).some((f) => f.trim() !== '')
    ) {
      fail(
        line,
        null,
        'too_many_fields',
        `Baris ini berisi ${String(fields.length)} kolom, padahal baris judul ${String(header.fields.length)}. Jika sebuah nilai mengandung koma atau titik koma, apit nilai itu dengan tanda petik.`,
      );
      continue;
    }
    rows.push({ line, get: (field) => squeezeText(fields[column.get(field) ?? -1] ?? '') });
  }
  return { rows, errors };
}

/**
 * A date as `YYYY-MM-DD` from `2024-06-19`, `19-06-2024` or `19/06/2024`
 * (how an Indonesian spreadsheet writes it); null when it is not a real date.
 */
export function parseDateText(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [iso[1], iso[2], iso[3]]
    : local
      ? [local[3], local[2], local[1]]
      : [undefined, undefined, undefined];
  if (y === undefined || m === undefined || d === undefined) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(m) - 1 ||
    date.getUTCDate() !== Number(d)
  ) {
    return null;
  }
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
