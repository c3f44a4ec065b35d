/**
 * A results summary as a table for download (CSV or XLSX through the one
 * export helper, `export/table.ts`). The first row is the region itself, then its
 * Korwil (at regency level) and its children.
 */
import type { Table } from '../export/table.ts';
import type { LevelTotals, ResultsSummary } from '../../domain/results/results.schema.ts';

export { toCsv, toXlsx, type Table } from '../export/table.ts';

const LEVEL: Record<LevelTotals['level'], string> = {
  regency: 'Kabupaten/Kota',
  korwil: 'Korwil',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
};

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
    'TPS hasil diterima',
    'TPS terverifikasi',
    'Pemilih terdaftar (TPS hasil diterima)',
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
