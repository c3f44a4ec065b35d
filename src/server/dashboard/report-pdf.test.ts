/**
 * The PDF renderer and the scheduler's clock helpers, without a database:
 * a long report flows over pages with the footer on each and no blank page;
 * WIB hours and weekdays as the scheduler reads them.
 */
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../domain/dashboard/report.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { renderReportPdf } from './report-pdf.ts';
import { formatWaktuWib, hourWib, isoWeekday } from './reports.service.ts';

const doc = (rows: number): ReportDocument => ({
  title: 'LAPORAN HARIAN DESK PILKADA',
  number: 'Nomor: 001/LH-DP/XI/2024',
  regencyName: 'Kabupaten Probolinggo',
  periodLabel: 'Tanggal 27 November 2024',
  hasData: true,
  sections: [
    {
      title: 'Coklit',
      lines: ['618 dari 936 pemilih DP4 telah dicoklit (66,0 %).'],
      charts: [
        {
          title: 'Kemajuan coklit per kecamatan',
          kind: 'bars',
          series: ['Dicoklit'],
          rows: Array.from({ length: rows }, (_x, i) => ({
            label: `Kecamatan ${String(i + 1)}`,
            values: [(i % 10) / 10],
          })),
          max: 1,
          percent: true,
        },
      ],
    },
  ],
  place: 'Probolinggo',
  signedOn: '27 November 2024',
  signer: { position: 'Ketua Desk Pilkada Kabupaten Probolinggo', name: 'Heru Hasanah', nip: null },
  footer: 'Dibuat oleh Desk Pilkada pada 27 November 2024 pukul 17.00 WIB.',
});

describe('renderReportPdf', () => {
  it('flows a long chart over pages, numbering each, with no blank page', async () => {
    const text = await pdfText(await renderReportPdf(doc(120)));
    const pages = text.split('Halaman ').length - 1;
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Halaman ${String(pages)} dari ${String(pages)}.`);
    expect(text).toContain('Kecamatan 120');
    expect(text).toContain('Heru Hasanah');
    // Every page but the footer has content: the last page ends with the signature, not emptiness.
    const lastPage = text.split(`Halaman ${String(pages - 1)} dari`)[1] ?? '';
    expect(lastPage).toContain('Ketua Desk Pilkada');
  });

  it('fits a short report on one page', async () => {
    const text = await pdfText(await renderReportPdf(doc(4)));
    expect(text).toContain('Halaman 1 dari 1.');
    expect(text).toContain('30 %');
  });
});

describe('clock helpers', () => {
  it('reads hours and weekdays in WIB whatever the server zone', () => {
    expect(hourWib(new Date('2024-11-26T17:30:00Z'))).toBe(0);
    expect(hourWib(new Date('2024-11-27T09:59:00Z'))).toBe(16);
    expect(isoWeekday('2024-12-02')).toBe(1);
    expect(isoWeekday('2024-12-01')).toBe(7);
    expect(formatWaktuWib(new Date('2024-11-27T10:05:00Z'))).toBe(
      '27 November 2024 pukul 17.05 WIB',
    );
  });
});
