/**
 * The desk's situation report (laporan harian / mingguan) as a document
 * model: numbered, dated, sections of sentences and charts, a signature
 * block. The PDF renderer draws it; this module decides what it says. Pure.
 */
import { daysBetween } from '../common/dates.ts';
import { formatAngka, formatTanggal } from '../common/format.ts';
import { formatPersen } from './dashboard.ts';
import type { Dashboard, DataMark, ReportKind, ReportKindParam } from './dashboard.schema.ts';

/** What happened in the period, counted from the records' own times (WIB days). */
export interface Activity {
  readonly problemsReported: number;
  readonly problemsClosed: number;
  readonly coklitRecords: number;
  readonly resultsReceived: number;
}

export interface ReportChart {
  readonly title: string;
  readonly kind: 'bars' | 'columns';
  readonly series: readonly string[];
  readonly rows: readonly { label: string; values: readonly number[] }[];
  /** Bars: the value that fills the plot (1 for shares). */
  readonly max?: number;
  readonly percent: boolean;
}

export interface ReportSection {
  readonly title: string;
  readonly lines: readonly string[];
  readonly charts: readonly ReportChart[];
}

export interface ReportDocument {
  readonly title: string;
  readonly number: string;
  readonly regencyName: string;
  readonly periodLabel: string;
  readonly hasData: boolean;
  readonly sections: readonly ReportSection[];
  readonly place: string;
  readonly signedOn: string;
  readonly signer: {
    readonly position: string;
    readonly name: string | null;
    readonly nip: string | null;
  };
  readonly footer: string;
  /** When and from which data it was made, in words. */
  readonly madeFrom?: string;
}

export interface ReportMeta {
  readonly kind: ReportKind;
  /** The day (daily) or the last day of the week (weekly). */
  readonly date: string;
  readonly today: string;
  readonly sequence: number;
  /** When it was made, in words: `1 Desember 2026 pukul 08.13 WIB`. */
  readonly generatedAtLabel: string;
  readonly signer: { readonly name: string | null; readonly nip: string | null };
  /** The data it is made from (the audit trail's data entries). */
  readonly dataMark?: DataMark;
  /** The audit trail's checkpoint when it was made (`rows:hash`), printed in the footer. */
  readonly auditCheckpoint?: string;
}

/** `daily` → `harian`, `weekly` → `mingguan`; the Indonesian names as they are. */
export function reportKindOf(kind: ReportKindParam): ReportKind {
  return kind === 'daily' ? 'harian' : kind === 'weekly' ? 'mingguan' : kind;
}

/** The data mark in words, as printed on the report. */
export function dataMarkLabel(mark: DataMark, generatedAtLabel: string): string {
  const data =
    mark.lastId === 0
      ? 'belum ada catatan data'
      : `${formatAngka(mark.entries)} catatan data, terakhir catatan audit #${String(mark.lastId)} (sidik ${mark.hash.slice(0, 12)})`;
  return `Dibuat ${generatedAtLabel} dari data per saat itu: ${data}.`;
}

/**
 * A stored report is outdated when data were written after it was made (a
 * different last entry), or when its data are unknown (made before marks).
 */
export function isOutdated(made: DataMark | null, now: DataMark): boolean {
  return made === null || made.lastId !== now.lastId || made.hash !== now.hash;
}

export const REPORT_CODE: Record<ReportKind, string> = { harian: 'LH', mingguan: 'LM' };

/** `7, harian, 2024-11-27` → `007/LH-DP/XI/2024`. */
export function reportNumber(sequence: number, kind: ReportKind, date: string): string {
  const month = Number(date.slice(5, 7));
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][
    month - 1
  ];
  return `${String(sequence).padStart(3, '0')}/${REPORT_CODE[kind]}-DP/${roman ?? ''}/${date.slice(0, 4)}`;
}

/** The first day of a report's period. */
export function periodStart(kind: ReportKind, date: string): string {
  if (kind === 'harian') return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 6);
  return d.toISOString().slice(0, 10);
}

function activityTotal(a: Activity): number {
  return a.problemsReported + a.problemsClosed + a.coklitRecords + a.resultsReceived;
}

export function activityLines(a: Activity, period: string): string[] {
  if (activityTotal(a) === 0)
    return [
      `Tidak ada kegiatan tercatat ${period}: tidak ada laporan masalah masuk atau selesai, catatan coklit, maupun C.Hasil.`,
    ];
  const say = (n: number, what: string) =>
    n === 0 ? `tidak ada ${what}` : `${formatAngka(n)} ${what}`;
  return [
    `Laporan masalah: ${say(a.problemsReported, 'masuk')}, ${say(a.problemsClosed, 'ditutup')}.`,
    `Coklit: ${say(a.coklitRecords, 'catatan pencocokan dan penelitian')}.`,
    `Hasil penghitungan: ${say(a.resultsReceived, 'C.Hasil diterima')}.`,
  ];
}

/** The report's document: the dashboard's content with charts, or a plain "no data" statement. */
export function shapeReport(d: Dashboard, activity: Activity, meta: ReportMeta): ReportDocument {
  const start = periodStart(meta.kind, meta.date);
  const periodLabel =
    meta.kind === 'harian'
      ? formatTanggal(meta.date)
      : `${formatTanggal(start)} s.d. ${formatTanggal(meta.date)}`;
  const periodWords =
    meta.kind === 'harian' ? `pada tanggal ${periodLabel}` : `pada ${periodLabel}`;
  const isCurrent = daysBetween(meta.date, meta.today) <= (meta.kind === 'harian' ? 0 : 6);
  const hasData = activityTotal(activity) > 0 || isCurrent;
  const signer = {
    position: `Ketua Desk Pilkada ${d.regencyName}`,
    name: meta.signer.name,
    nip: meta.signer.nip,
  };
  const title =
    meta.kind === 'harian' ? 'LAPORAN HARIAN DESK PILKADA' : 'LAPORAN MINGGUAN DESK PILKADA';
  const common = {
    title,
    number: `Nomor: ${reportNumber(meta.sequence, meta.kind, meta.date)}`,
    regencyName: d.regencyName,
    periodLabel: meta.kind === 'harian' ? `Tanggal ${periodLabel}` : `Periode ${periodLabel}`,
    place: d.regencyName.replace(/^Kabupaten |^Kota /, ''),
    signedOn: formatTanggal(meta.today),
    signer,
    footer:
      `Dibuat oleh Desk Pilkada pada ${meta.generatedAtLabel}.` +
      (meta.auditCheckpoint === undefined
        ? ''
        : ` Titik periksa jejak audit: ${meta.auditCheckpoint}.`),
    ...(meta.dataMark === undefined
      ? {}
      : { madeFrom: dataMarkLabel(meta.dataMark, meta.generatedAtLabel) }),
  };
  if (!hasData) {
    return {
      ...common,
      hasData: false,
      sections: [
        {
          title: 'Keterangan',
          lines: [
            `Tidak ada data untuk ${meta.kind === 'harian' ? `tanggal ${periodLabel}` : `periode ${periodLabel}`}: tidak ada laporan masalah, catatan coklit, maupun C.Hasil yang tercatat ${periodWords}.`,
            'Keadaan tahapan, coklit, badan adhoc, dan Bimtek untuk tanggal yang telah lewat tidak dapat disusun ulang; lihat laporan yang dibuat pada tanggal tersebut.',
          ],
          charts: [],
        },
      ],
    };
  }
  const sections: ReportSection[] = [];
  sections.push({
    title: meta.kind === 'harian' ? 'Kegiatan hari ini' : 'Kegiatan sepekan',
    lines: activityLines(activity, periodWords),
    charts: [],
  });
  sections.push({
    title: `Keadaan per ${meta.generatedAtLabel}`,
    lines:
      d.risks.length === 0
        ? ['Tidak ada hal yang perlu diwaspadai.']
        : d.risks.map((r) => `${r.level === 'tinggi' ? '[TINGGI]' : '[SEDANG]'} ${r.text}`),
    charts: [],
  });
  sections.push({ title: 'Tahapan', lines: d.stages.lines, charts: [] });
  if (d.coklit !== null)
    sections.push({
      title: 'Coklit',
      lines: d.coklit.lines,
      charts:
        d.coklit.byKecamatan.length === 0
          ? []
          : [
              {
                title: 'Kemajuan coklit per kecamatan',
                kind: 'bars',
                series: ['Dicoklit'],
                rows: d.coklit.byKecamatan,
                max: 1,
                percent: true,
              },
            ],
    });
  if (d.rosters !== null)
    sections.push({ title: 'Badan adhoc', lines: d.rosters.lines, charts: [] });
  if (d.bimtek !== null) sections.push({ title: 'Bimtek', lines: d.bimtek.lines, charts: [] });
  if (d.problems !== null) {
    const p = d.problems;
    const lines = [...p.lines];
    if (p.open > 0) {
      lines.push(
        `Per tingkat: ${p.bySeverity.map((s) => `${s.label} ${formatAngka(s.open)}`).join(', ')}.`,
      );
      lines.push(
        `Per Korwil: ${p.byKorwil.map((k) => `${k.name} ${formatAngka(k.open)} (terlambat ${formatAngka(k.overdue)})`).join('; ')}.`,
      );
    }
    for (const o of p.overdueItems.slice(0, 10))
      lines.push(`Terlambat ${formatAngka(o.hoursLate)} jam: ${o.title}, ${o.place}.`);
    sections.push({
      title: 'Masalah lapangan',
      lines,
      charts: p.trend.some((t) => t.reported + t.closed > 0)
        ? [
            {
              title: 'Laporan masalah per hari (masuk / ditutup)',
              kind: 'columns',
              series: ['Masuk', 'Ditutup'],
              rows: p.trend.map((t) => ({
                label: t.day.slice(8, 10),
                values: [t.reported, t.closed],
              })),
              percent: false,
            },
          ]
        : [],
    });
  }
  if (d.results !== null) {
    const lines = [...d.results.lines];
    const charts: ReportChart[] = [];
    if (d.results.state === 'ada') {
      for (const c of d.results.contests) {
        lines.push(
          `${c.name}: ${c.selections.map((s) => `${s.label} ${formatAngka(s.votes)}${s.share === null ? '' : ` (${formatPersen(s.share)})`}`).join('; ')}.`,
        );
        if (c.byKecamatan.length > 0)
          charts.push({
            title: `${c.name}: perolehan per kecamatan`,
            kind: 'bars',
            series: c.selections.map((s) => s.label),
            rows: c.byKecamatan,
            max: 1,
            percent: true,
          });
      }
    }
    sections.push({ title: 'Hasil penghitungan suara', lines, charts });
  }
  return { ...common, hasData: true, sections };
}
