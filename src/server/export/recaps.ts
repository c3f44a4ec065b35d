/**
 * The desk's recaps as tables for download (through `export/table.ts`):
 * coklit per desa, rosters per kecamatan, Bimtek attendance per kecamatan,
 * problems. Pure: each takes a feature's own summary.
 */
import { formatTanggal } from '../../domain/common/format.ts';
import { todayWib } from '../../domain/common/dates.ts';
import type { BimtekEvent, RosterCompleteness } from '../../domain/people/people.schema.ts';
import { AGENCY_LABEL, SEVERITY_LABEL, STATUS_LABEL } from '../../domain/problems/problems.ts';
import type { ProblemListItem } from '../../domain/problems/problems.schema.ts';
import type { ProgressCounts } from '../../domain/voters/voters.schema.ts';
import type { Cell, Table } from './table.ts';

export interface CoklitDesaRow {
  readonly kecamatanCode: string;
  readonly kecamatanName: string;
  readonly code: string;
  readonly name: string;
  readonly counts: ProgressCounts;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const sumTms = (tms: Record<string, number>) => Object.values(tms).reduce((a, n) => a + n, 0);

export function coklitTable(regionName: string, rows: readonly CoklitDesaRow[]): Table {
  const total = (pick: (c: ProgressCounts) => number) =>
    rows.reduce((a, r) => a + pick(r.counts), 0);
  const line = (c: ProgressCounts): Cell[] => [
    c.dp4,
    c.visited,
    share(c.visited, c.dp4),
    c.ms,
    c.u,
    sumTms(c.tms),
    c.baru,
    c.listedMen,
    c.listedWomen,
    c.listed,
    c.households,
    c.householdsWithPhoto,
  ];
  const sum: ProgressCounts = {
    dp4: total((c) => c.dp4),
    visited: total((c) => c.visited),
    visitedPct: 0,
    ms: total((c) => c.ms),
    u: total((c) => c.u),
    tms: { semua: total((c) => sumTms(c.tms)) },
    baru: total((c) => c.baru),
    listed: total((c) => c.listed),
    listedMen: total((c) => c.listedMen),
    listedWomen: total((c) => c.listedWomen),
    households: total((c) => c.households),
    householdsWithPhoto: total((c) => c.householdsWithPhoto),
  };
  return {
    title: `Kemajuan coklit per desa/kelurahan — ${regionName}`,
    headers: [
      'Kode kecamatan',
      'Kecamatan',
      'Kode desa',
      'Desa/Kelurahan',
      'Pemilih DP4',
      'Sudah dicoklit',
      'Persentase dicoklit',
      'MS',
      'U (data diubah)',
      'TMS',
      'Pemilih baru',
      'Dalam daftar: laki-laki',
      'Dalam daftar: perempuan',
      'Dalam daftar: jumlah',
      'Rumah tangga dikunjungi (stiker)',
      'Rumah tangga dengan foto',
    ],
    rows: [
      ...rows.map((r) => [r.kecamatanCode, r.kecamatanName, r.code, r.name, ...line(r.counts)]),
      ['', 'Jumlah', '', '', ...line(sum)],
    ],
    shareColumns: new Set([6]),
  };
}

export function rostersTable(r: RosterCompleteness): Table {
  const fill = (f: { filled: number; seats: number }): Cell[] => [f.filled, f.seats];
  const sum = (
    pick: (k: RosterCompleteness['kecamatan'][number]) => { filled: number; seats: number },
  ) => {
    const f = r.kecamatan.reduce(
      (a, k) => ({ filled: a.filled + pick(k).filled, seats: a.seats + pick(k).seats }),
      { filled: 0, seats: 0 },
    );
    return fill(f);
  };
  return {
    title: 'Kelengkapan badan adhoc per kecamatan',
    headers: [
      'Kode',
      'Kecamatan',
      'Korwil',
      'PPK terisi',
      'PPK kursi',
      'PPS terisi',
      'PPS kursi',
      'KPPS terisi',
      'KPPS kursi',
      'Pantarlih terisi',
      'Pantarlih kursi',
    ],
    rows: [
      ...r.kecamatan.map((k) => [
        k.code,
        k.name,
        k.korwilName ?? '',
        ...fill(k.ppk),
        ...fill(k.pps),
        ...fill(k.kpps),
        ...fill(k.pantarlih),
      ]),
      [
        '',
        'Jumlah',
        '',
        ...sum((k) => k.ppk),
        ...sum((k) => k.pps),
        ...sum((k) => k.kpps),
        ...sum((k) => k.pantarlih),
      ],
    ],
    shareColumns: new Set(),
  };
}

export function bimtekTable(e: BimtekEvent): Table {
  const line = (l: {
    invited: number;
    trained: number;
    partial: number;
    absent: number;
    preTestMean: number | null;
    postTestMean: number | null;
  }): Cell[] => [
    l.invited,
    l.trained,
    l.partial,
    l.absent,
    share(l.trained, l.invited),
    l.preTestMean === null ? null : Math.round(l.preTestMean),
    l.postTestMean === null ? null : Math.round(l.postTestMean),
  ];
  return {
    title: `Kehadiran ${e.name} (${formatTanggal(e.startsOn)} – ${formatTanggal(e.endsOn)})`,
    headers: [
      'Kode',
      'Kecamatan / gelombang',
      'Anggota',
      'Diundang',
      'Hadir penuh',
      'Hadir sebagian',
      'Tidak hadir',
      'Persentase hadir penuh',
      'Rata-rata pre-test',
      'Rata-rata post-test',
    ],
    rows: [
      ...e.byKecamatan.map((k) => [k.code, k.name, k.members, ...line(k)]),
      ...e.waves.map((w) => ['', w.name, null, ...line(w.recap)]),
      ['', 'Jumlah', e.recap.members, ...line(e.recap)],
    ],
    shareColumns: new Set([7]),
  };
}

export function problemsTable(items: readonly ProblemListItem[]): Table {
  return {
    title: 'Daftar masalah lapangan',
    headers: [
      'Nomor',
      'Kode lacak',
      'Sumber',
      'Kategori',
      'Tingkat',
      'Status',
      'Korwil',
      'Kecamatan',
      'Desa/Kelurahan',
      'TPS',
      'Tanggal kejadian',
      'Tanggal lapor',
      'Ditangani oleh',
      'Instansi saat ini',
      'Terlambat (jam)',
      'Uraian',
    ],
    rows: items.map((p) => [
      p.id,
      p.trackingCode,
      p.source === 'publik' ? 'Masyarakat' : 'Petugas',
      p.categoryLabel,
      SEVERITY_LABEL[p.severity],
      STATUS_LABEL[p.status],
      p.korwilName ?? '',
      p.kecamatanName,
      p.desaName ?? '',
      p.tpsNumber,
      formatTanggal(todayWib(new Date(p.occurredAt))),
      formatTanggal(todayWib(new Date(p.reportedAt))),
      p.assigneeName ?? '',
      p.currentAgency === null ? '' : AGENCY_LABEL[p.currentAgency],
      p.overdue?.hoursLate ?? null,
      p.description,
    ]),
    shareColumns: new Set(),
  };
}
