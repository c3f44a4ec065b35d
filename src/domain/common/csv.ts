/**
 * The one CSV writer every export uses (csv-stringify): quoting as needed,
 * and OWASP's rule against formula injection — a text cell starting with
 * = + - @, a tab or a carriage return (or their full-width forms) is
 * prefixed with ' so a spreadsheet shows it as text instead of running it.
 * Numbers are written as numbers (a negative number is not a formula).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | null | undefined;

export interface CsvOptions {
  /** ';' for Indonesian spreadsheets (decimal comma), ',' otherwise. */
  readonly delimiter?: ';' | ',';
  /** A UTF-8 byte order mark first, so Excel reads the text as UTF-8. */
  readonly bom?: boolean;
  /** Writes a number of a column (e.g. a share with a decimal comma); default `String`. */
  readonly number?: (value: number, column: number) => string;
}

/** The rows as CSV text, each line ending in CRLF. */
export function toCsvText(
  rows: readonly (readonly CsvValue[])[],
  options: CsvOptions = {},
): string {
  const number = options.number;
  return stringify(
    rows.map((r) => [...r]),
    {
      delimiter: options.delimiter ?? ';',
      bom: options.bom ?? false,
      record_delimiter: '\r\n',
      // A line break of either kind inside a cell is quoted (the record delimiter is CRLF).
      quoted_match: /[\r\n]/,
      escape_formulas: true,
      cast: {
        number: (value, context) =>
          number === undefined ? String(value) : number(value, context.index),
      },
    },
  );
}

/** One cell as it would appear in a CSV line (quoted and neutralised as needed). */
export function csvCell(value: CsvValue, delimiter: ';' | ',' = ','): string {
  return toCsvText([[value]], { delimiter }).replace(/\r\n$/, '');
}
