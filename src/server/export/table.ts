/**
 * The one way a recap leaves as a spreadsheet: a `Table` (Indonesian
 * headers, text / whole numbers / shares) written as XLSX — title and notice
 * rows, bold frozen header row, column widths from the content, `#,##0`
 * for whole numbers and `0.00%` for shares (Excel shows them with the
 * reader's separators: 857.511 and 45,67% in an Indonesian locale) — or as
 * CSV for Indonesian spreadsheets (semicolons, decimal comma, UTF-8 BOM).
 */
import ExcelJS from 'exceljs';
import { toCsvText } from '../../domain/common/csv.ts';

export type Cell = string | number | null;

export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  /** Cells: text, whole numbers, or shares (0..1, null when undefined). */
  readonly rows: readonly Cell[][];
  /** Index of the columns that are shares (formatted as percentages). */
  readonly shareColumns: ReadonlySet<number>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The table as CSV for Indonesian spreadsheets, by the one CSV writer (formulas neutralised). */
export function toCsv(table: Table): string {
  return toCsvText(
    [table.headers.map((h, i) => (table.shareColumns.has(i) ? `${h} (%)` : h)), ...table.rows],
    {
      bom: true,
      // Decimal comma; no thousands separator so spreadsheets read a number.
      number: (value, column) =>
        table.shareColumns.has(column) ? (value * 100).toFixed(2).replace('.', ',') : String(value),
    },
  );
}

/** A column is numeric when every filled cell in it is a number. */
function numericColumns(table: Table): Set<number> {
  const out = new Set<number>();
  table.headers.forEach((_h, i) => {
    const cells = table.rows.map((r) => r[i] ?? null).filter((c) => c !== null && c !== '');
    if (cells.length > 0 && cells.every((c) => typeof c === 'number')) out.add(i);
  });
  return out;
}

export async function toXlsx(table: Table, notice: string, sheetName = 'Rekap'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Desk Pilkada';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([table.title]).font = { bold: true, size: 13 };
  ws.addRow([notice]).font = { italic: true };
  const header = ws.addRow([...table.headers]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const r of table.rows) ws.addRow([...r]);
  const numeric = numericColumns(table);
  table.headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const longest = Math.max(
      ...table.rows.slice(0, 500).map((r) => {
        const c = r[i];
        return c === null || c === undefined ? 0 : String(c).length;
      }),
      0,
    );
    col.width = Math.min(Math.max(Math.ceil(h.length * 0.6), longest + 2, 8), 48);
    if (table.shareColumns.has(i)) col.numFmt = '0.00%';
    else if (numeric.has(i)) col.numFmt = '#,##0';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
