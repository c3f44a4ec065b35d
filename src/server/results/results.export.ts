/**
 * A results summary as a table for download: CSV (semicolon-separated, as
 * Indonesian spreadsheets expect, UTF-8 with BOM) and XLSX (number formats
 * set, Indonesian headers). The first row is the region itself, then its
 * Korwil (at regency level) and its children.
 */
import ExcelJS from 'exceljs';
import type { LevelTotals, ResultsSummary } from '../../domain/results/results.schema.ts';

const LEVEL: Record<LevelTotals['level'], string> = {
  regency: 'Kabupaten/Kota',
  korwil: 'Korwil',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
};

export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  /** Cells: text, whole numbers, or shares (0..1, null when undefined). */
  readonly rows: readonly (string | number | null)[][];
  /** Index of the columns that are shares (formatted as percentages). */
  readonly shareColumns: ReadonlySet<number>;
}

export function summaryTable(s: ResultsSummary): Table {
  const selectionHeaders = s.contest.selections.flatMap((sel) => [
    `Suara ${sel.label}`,
    `Persentase ${sel.ballotNumber === null ? 'Kolom Kosong' : `No. ${String(sel.ballotNumber)}`}`,
  ]);
  const headers = [
    'Tingkat',
    'Kode',
    'Wilayah',
    'Jumlah TPS',
    'TPS masuk',
    'TPS terverifikasi',
    'Pemilih terdaftar (TPS masuk)',
    'Pengguna hak pilih',
    'Partisipasi',
    'Suara sah',
    'Suara tidak sah',
    ...selectionHeaders,
  ];
  const row = (t: LevelTotals): (string | number | null)[] => [
    LEVEL[t.level],
    t.level === 'korwil' ? '' : t.code,
    t.name,
    t.tpsTotal,
    t.reported,
    t.verified,
    t.registered,
    t.voted,
    t.turnout,
    t.valid,
    t.invalid,
    ...s.contest.selections.flatMap((sel) => {
      const v = t.votes.find((x) => x.selectionId === sel.id);
      return [v?.votes ?? 0, v?.share ?? null];
    }),
  ];
  const shareColumns = new Set<number>([8]);
  selectionHeaders.forEach((_h, i) => {
    if (i % 2 === 1) shareColumns.add(11 + i);
  });
  return {
    title: `${s.contest.name} — ${s.region.name}`,
    headers,
    rows: [row(s.region), ...s.korwil.map(row), ...s.children.map(row)],
    shareColumns,
  };
}

function csvCell(value: string | number | null, share: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    // Decimal comma; no thousands separator so spreadsheets read a number.
    return share ? (value * 100).toFixed(2).replace('.', ',') : String(value);
  }
  return /[;"\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(table: Table): string {
  const lines = [
    table.headers
      .map((h, i) => csvCell(table.shareColumns.has(i) ? `${h} (%)` : h, false))
      .join(';'),
    ...table.rows.map((r) => r.map((c, i) => csvCell(c, table.shareColumns.has(i))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(table: Table, notice: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Desk Pilkada';
  const ws = wb.addWorksheet('Rekap', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([table.title]).font = { bold: true, size: 13 };
  ws.addRow([notice]).font = { italic: true };
  const header = ws.addRow([...table.headers]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const r of table.rows) ws.addRow([...r]);
  table.headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = i === 2 ? 28 : Math.min(Math.max(h.length * 0.6, 10), 30);
    if (i >= 3) col.numFmt = table.shareColumns.has(i) ? '0.00%' : '#,##0';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
